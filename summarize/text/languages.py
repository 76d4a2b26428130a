"""Language names: one canonical name per language, and what each backend calls it."""

from __future__ import annotations

from summarize.errors import ConfigError

# canonical name -> accepted aliases (ISO 639-1 code, English name, native name)
_ALIASES: dict[str, tuple[str, ...]] = {
    "english": ("en", "eng", "english"),
    "arabic": ("ar", "ara", "arabic", "العربية"),
    "czech": ("cs", "ces", "cze", "czech", "čeština"),
    "french": ("fr", "fra", "fre", "french", "français"),
    "greek": ("el", "ell", "gre", "greek", "ελληνικά"),
    "hebrew": ("he", "heb", "iw", "hebrew", "עברית"),
    "hindi": ("hi", "hin", "hindi", "हिन्दी", "हिंदी"),
    "german": ("de", "deu", "ger", "german", "deutsch"),
    "spanish": ("es", "spa", "spanish", "español"),
    "italian": ("it", "ita", "italian", "italiano"),
    "portuguese": ("pt", "por", "portuguese", "português"),
    "dutch": ("nl", "nld", "dut", "dutch"),
    "russian": ("ru", "rus", "russian"),
    "polish": ("pl", "pol", "polish"),
    "swedish": ("sv", "swe", "swedish"),
    "danish": ("da", "dan", "danish"),
    "finnish": ("fi", "fin", "finnish"),
    "turkish": ("tr", "tur", "turkish"),
}
_LOOKUP = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}

#: ISO 639-1 code of each canonical name.
CODES = {name: aliases[0] for name, aliases in _ALIASES.items()}

#: Languages written without an upper/lower case distinction.
UNCASED = frozenset({"arabic", "hebrew", "hindi"})


def canonical(language: str) -> str:
    """Return the canonical (lower-case English) name of a language.

    Args:
        language: a code (``"fr"``), English name (``"French"``) or native name.

    Returns:
        The canonical name, e.g. ``"french"``.

    Raises:
        ConfigError: the language is not supported; the message lists the supported ones.
    """
    key = str(language).strip().lower()
    try:
        return _LOOKUP[key]
    except KeyError:
        raise ConfigError(
            f"unknown language {language!r}; expected one of {', '.join(sorted(_ALIASES))}"
        ) from None


def supported() -> tuple[str, ...]:
    """The canonical names of every supported language."""
    return tuple(sorted(_ALIASES))
