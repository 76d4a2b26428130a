"""User-facing errors: each carries a one-line message that the CLI prints as is; and the
checks that turn a wrong setting into one."""

import numbers
from typing import Literal, overload


class SummarizeError(Exception):
    """Base class of the errors the command line reports in one line, without a traceback."""


class ConfigError(SummarizeError, ValueError):
    """A configuration value is wrong or unknown."""


class InputError(SummarizeError, ValueError):
    """Input data is missing, empty, unreadable or malformed."""


@overload
def require_int(value: object, what: str, *, minimum: int | None = None, allow_none: Literal[False] = False) -> int:
    ...


@overload
def require_int(value: object, what: str, *, minimum: int | None = None, allow_none: bool) -> int | None:
    ...


def require_int(value: object, what: str, *, minimum: int | None = None, allow_none: bool = False) -> int | None:
    """``value`` as an int, or a :class:`ConfigError` naming ``what`` (booleans and fractions refused)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not (isinstance(value, numbers.Integral)
                                       or isinstance(value, float) and value.is_integer()):
        kind = "an integer or null" if allow_none else "an integer"
        raise ConfigError(f"{what} must be {kind}, got {value!r}")
    number = int(value)
    if minimum is not None and number < minimum:
        raise ConfigError(f"{what} must be at least {minimum}, got {number}")
    return number


def require_seed(value: object, what: str = "seed") -> int:
    """A random seed: a non-negative integer (what numpy's generators accept)."""
    return require_int(value, what, minimum=0)


def require_number(value: object, what: str, *, minimum: float | None = None, maximum: float | None = None,
                   above: float | None = None) -> float:
    """``value`` as a float within bounds (``above``: strictly greater), or a :class:`ConfigError`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ConfigError(f"{what} must be a number, got {value!r}")
    number = float(value)
    if number != number or (minimum is not None and number < minimum) or (maximum is not None and number > maximum) \
            or (above is not None and number <= above):
        bounds = [f"> {above}" if above is not None else "", f">= {minimum}" if minimum is not None else "",
                  f"<= {maximum}" if maximum is not None else ""]
        raise ConfigError(f"{what} must be {' and '.join(b for b in bounds if b) or 'a number'}, got {value!r}")
    return number


def require_str(value: object, what: str, *, allow_none: bool = False) -> str | None:
    """``value`` when it is a string (or ``None`` when allowed), else a :class:`ConfigError`."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"{what} must be {'a string or null' if allow_none else 'a string'}, got {value!r}")
    return value


def require_bool(value: object, what: str) -> bool:
    """``value`` when it is true or false, else a :class:`ConfigError` (``"no"`` is not false)."""
    if not isinstance(value, bool):
        raise ConfigError(f"{what} must be true or false, got {value!r}")
    return value
