"""News-claim auditor: extract checkable claims from market news and reconcile them with data."""

__version__ = "0.1.0"
