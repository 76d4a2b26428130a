"""Language names: one canonical name per language, what each backend calls it, and what is
supported for each.

Support, per language (:func:`support` says it for one, :func:`support_table` for all):

- **splitting** into sentences: Punkt's trained model (18 languages), or a rule-based splitter
  on the language's own sentence marks (Arabic ``؟``, Hindi ``।``, Hebrew);
- **stemming**: Snowball (Hebrew has none: words are compared as written);
- **stop words**: sumy's lists, with the project's own added for Hindi (sumy has none), French
  and Hebrew (words sumy's lists lack); Dutch, Danish, Finnish, Russian, Turkish have none here:
  similarity counts every word;
- **scoring**: English with rouge-score's own tokenizer and Porter stemmer (its numbers match
  rouge-score exactly); every other language with a Unicode word tokenizer and Snowball.

Not supported: Chinese, Japanese, Thai, Lao, Khmer, Burmese (no spaces between words, so neither
the sentence splitters nor word budgets apply; such text is refused with one line, see
:mod:`summarize.text.langdetect`), Korean, and every language not listed here.
``auto`` is not a language: readers detect each cluster's language (``dataset.language=auto``).
"""

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

#: The writing system of each language (as :func:`summarize.text.langdetect.script_of` names it).
SCRIPTS = {name: ("Cyrillic" if name == "russian" else "Arabic" if name == "arabic" else "Greek" if name == "greek"
                  else "Hebrew" if name == "hebrew" else "Devanagari" if name == "hindi" else "Latin")
           for name in _ALIASES}

#: The setting that asks the readers to detect each cluster's language.
AUTO = "auto"

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


def canonical_or_auto(language: str) -> str:
    """:func:`canonical`, or ``"auto"`` (detect per cluster) as it is."""
    return AUTO if str(language).strip().lower() == AUTO else canonical(language)


def support(language: str) -> dict[str, str]:
    """What the toolkit does for a language: how it splits, stems, filters and scores.

    Args:
        language: a language name or code.

    Returns:
        ``{"splitting", "stemming", "stop words", "scoring"}``, each a short description.
    """
    from importlib import resources

    import punkt
    import snowballstemmer

    name = canonical(language)
    own = resources.files("summarize.text") / "data" / f"{name}.txt"
    sumy_list = resources.files("sumy") / "data" / "stopwords" / f"{name}.txt"
    return {
        "splitting": "Punkt" if name in punkt.available_languages() else "rules (sentence marks)",
        "stemming": "Snowball" if name in snowballstemmer.algorithms() else "none",
        "stop words": ("sumy + project lists" if own.is_file() and sumy_list.is_file() else "project list"
                       if own.is_file() else "sumy list" if sumy_list.is_file() else "none"),
        "scoring": "rouge-score tokenizer, Porter" if name == "english" else "Unicode words, "
                   + ("Snowball" if name in snowballstemmer.algorithms() else "no stemming"),
    }


def support_table() -> str:
    """A Markdown table of :func:`support` for every supported language."""
    rows = ["| language | code | splitting | stemming | stop words | scoring |", "|---|---|---|---|---|---|"]
    for name in supported():
        s = support(name)
        rows.append(f"| {name} | {CODES[name]} | {s['splitting']} | {s['stemming']} | {s['stop words']} | {s['scoring']} |")
    return "\n".join(rows)
