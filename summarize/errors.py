"""User-facing errors: each carries a one-line message that the CLI prints as is."""


class SummarizeError(Exception):
    """Base class of the errors the command line reports in one line, without a traceback."""


class ConfigError(SummarizeError, ValueError):
    """A configuration value is wrong or unknown."""


class InputError(SummarizeError, ValueError):
    """Input data is missing, empty, unreadable or malformed."""
