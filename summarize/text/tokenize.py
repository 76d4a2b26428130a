"""Offline word tokenization, Snowball stemming and stop words, for every supported language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

import snowballstemmer

from summarize.text.languages import canonical


class LazyPattern:
    """A pattern of the ``regex`` package, compiled (and the package imported) on first use.

    Unicode properties (letters, marks, scripts) need ``regex``; ASCII text takes the standard
    library's engine instead (:func:`words`), so a run over ASCII text (DUC 2003) never imports
    the package, about a hundredth of its start-up (issue 16). Attributes are the compiled
    pattern's.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        if name == "_compiled":  # not set yet: a copy or an unpickled instance being rebuilt
            raise AttributeError(name)
        if self._compiled is None:
            import regex

            self._compiled = regex.compile(self.pattern)
        return getattr(self._compiled, name)


# Letters, combining marks (Devanagari vowel signs, Hebrew points) and digits; an inner
# apostrophe or hyphen keeps "don't" and "co-op" whole, and so does the gershayim of a Hebrew
# acronym, written before its last letter as "״" or as a straight double quotation mark ("ארה"ב",
# the United States; "ע"י", by): one word each. (A mark with more letters after it opens a
# quotation after a one-letter prefix: ב"אולד ביילי", "in "Old Bailey"".)
_WORD = LazyPattern(r"[\p{L}\p{M}\p{N}]+(?:(?:['’\-]|(?<=\p{Hebrew})״(?=\p{Hebrew})"
                    r"|(?<=\p{Hebrew})\"(?=\p{Hebrew}(?![\p{L}\p{M}])))[\p{L}\p{M}\p{N}]+)*")
# the same pattern over ASCII text, where letters are A-Z and a-z, numbers 0-9 and there are no
# combining marks (nor the curly apostrophe): the standard library's engine runs it twice as fast
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:['\-][A-Za-z0-9]+)*")


def words(text: str) -> list[str]:
    """Split text into word tokens (Unicode-aware; punctuation is dropped).

    Args:
        text: any text, in any script.

    Returns:
        The word tokens in order, case kept.
    """
    return _ASCII_WORD.findall(text) if text.isascii() else _WORD.findall(text)


def iter_words(text: str) -> Iterator[str]:
    """The word tokens of :func:`words`, one at a time (a huge text's list of tokens would take
    many times the text's size)."""
    for m in _WORD.finditer(text):
        yield m.group()


@lru_cache(maxsize=32)
def _stemmer(name: str) -> snowballstemmer.Stemmer | None:
    if name in snowballstemmer.algorithms():
        return snowballstemmer.stemmer(name)
    return None


_CACHES: dict[str, dict[str, str]] = {}


class Stemmer:
    """Snowball stemmer of a language, with a cache shared by every instance of that language;
    identity where Snowball has none (Hebrew)."""

    def __init__(self, language: str = "english") -> None:
        self.language = canonical(language)
        self._stemmer = _stemmer(self.language)
        self._cache = _CACHES.setdefault(self.language, {})

    def __call__(self, word: str) -> str:
        """Stem one lower-cased word."""
        stem = self._cache.get(word)
        if stem is None:
            stem = self._stemmer.stemWord(word) if self._stemmer is not None else word
            if len(self._cache) < 500_000:
                self._cache[word] = stem
        return stem


@lru_cache(maxsize=32)
def stop_words(language: str = "english") -> frozenset[str]:
    """The stop words of a language: sumy's list and the project's own (``summarize/text/data/``)
    together.

    The project's lists fill gaps: Hindi (sumy has none); French, whose sumy list lacks its most
    frequent function words ("de", "à", "un", "une", "a", "plus", "aux", "cette"; added: Snowball's
    French list, every form of *être* and *avoir* included); Hebrew ("לאחר", "יותר", "היו", "ידי",
    "לפי", ...).

    Args:
        language: a language name or code.

    Returns:
        Lower-cased stop words; empty for a language without a list.
    """
    name = canonical(language)
    text = ""
    for path in (resources.files("sumy") / "data" / "stopwords" / f"{name}.txt",
                 resources.files("summarize.text") / "data" / f"{name}.txt"):
        if path.is_file():
            text += "\n" + path.read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip())


def content_stems(text: str, language: str = "english") -> list[str]:
    """Lower-cased, stemmed words of a text with stop words removed: the units of similarity."""
    stem = Stemmer(language)
    stops = stop_words(language)
    return [stem(w) for w in (t.lower() for t in words(text)) if w not in stops]
