"""User-facing errors: each carries a one-line message that the CLI prints as is."""


class SummarizeError(Exception):
    """Base class of the errors the command line reports in one line, without a traceback."""


class ConfigError(SummarizeError, ValueError):
    """A configuration value is wrong or unknown."""


class InputError(SummarizeError, ValueError):
    """Input data is missing, empty, unreadable or malformed."""


def require_int(value: object, what: str, *, minimum: int | None = None, allow_none: bool = False) -> int | None:
    """``value`` as an int, or a :class:`ConfigError` naming ``what`` (booleans and fractions refused)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) and not (isinstance(value, float) and value.is_integer()):
        try:
            import numpy as np

            if isinstance(value, np.integer):
                value = int(value)
            else:
                raise TypeError
        except TypeError:
            kind = "an integer or null" if allow_none else "an integer"
            raise ConfigError(f"{what} must be {kind}, got {value!r}") from None
    number = int(value)  # type: ignore[arg-type]
    if minimum is not None and number < minimum:
        raise ConfigError(f"{what} must be at least {minimum}, got {number}")
    return number


def require_seed(value: object, what: str = "seed") -> int:
    """A random seed: a non-negative integer (what numpy's generators accept)."""
    return require_int(value, what, minimum=0)  # type: ignore[return-value]
