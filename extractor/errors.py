"""One error base for everything the tool raises on purpose."""


class ExtractorError(Exception):
    """Base class: the CLI turns these into a message and an exit code."""

    exit_code = 1


class UsageError(ExtractorError):
    """The command line or configuration is wrong."""

    exit_code = 2


class ArticleError(ExtractorError):
    """One input file cannot be read as an article; the batch records it and goes on."""


class DataError(ExtractorError):
    """Price, rate or reference data is missing or malformed."""


class StoreError(ExtractorError):
    """The output database cannot be opened or written."""


class LLMError(ExtractorError):
    """The LLM endpoint failed or answered with something unusable."""


class OutputError(UsageError):
    """The output folder cannot be created or written (a file in the way, read-only, immutable …)."""


class NoInputError(UsageError):
    """The input folder holds no file the tool can read as an article."""
