"""News-claim auditor: extract checkable claims from market news and reconcile them with data.

The library API (see README "Python API"): `audit_folder` and `audit_text`, from extractor.api.
"""

__version__ = "0.4.0"

__all__ = ["__version__", "audit_folder", "audit_text"]


def __getattr__(name: str):
    # Why lazy: `extractor --version` and a re-run with nothing new should not import the pipeline.
    if name in ("audit_folder", "audit_text", "FolderAudit", "ArticleAudit"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
