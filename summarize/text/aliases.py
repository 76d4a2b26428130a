"""Names and spellings that denote the same place or organisation: Kiev / Kyiv, US / U.S. /
United States, UK / Britain, UN / United Nations, Bombay / Mumbai (``data/aliases.txt``, where
each entry's rationale is written down).

The claim check (:mod:`summarize.text.claims`) reads every variant as its canonical name, so
that two outlets' spellings of one name are one content word and one actor: "aid for Kyiv ... in
the US Congress" and "aid to Kiev ... the United States" share them, where the stems ("kyiv" /
"kiev", "us" / "unit state") differ. English only: in other languages nothing matches.

Precision comes first: a variant matches whole words only; "US" (and every variant written in
brackets in the table) only as written and only in a sentence with lower-case letters, so the
pronoun "us", "TELL US WHY" and "turkey" the bird are not names; the month "May", a capital
standing for its government ("Moscow said") and adjectives ("American", "British") are not in
the table at all; and phrases that hold a variant without being the name ("Latin America",
"Bank of America", "Peking University") are left as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: the prefix of a canonical name's content token: no word starts with it, so the token meets
#: only the same name
TOKEN_PREFIX = "="


@dataclass(frozen=True, slots=True)
class Match:
    """One variant found in a text: its span and the canonical name it stands for."""

    start: int
    end: int
    canonical: str
    #: whether the name is a content word (not the United States: see ``data/aliases.txt``)
    content: bool = True

    @property
    def token(self) -> str:
        """The canonical name as one content token ("=United States")."""
        return TOKEN_PREFIX + self.canonical


@dataclass(frozen=True, slots=True)
class _Table:
    pattern: re.Pattern[str] | None
    any_case: dict[str, str | None]  # lower-cased variant -> canonical (None: not an alias)
    exact: dict[str, str | None]  # variant as written -> canonical
    names_only: frozenset[str] = frozenset()  # canonical names that are no content word


def _variant_pattern(variant: str, any_case: bool) -> str:
    body = r"\s+".join(re.escape(part) for part in variant.split())
    body = body.replace("'", "['’]")
    return f"(?i:{body})" if any_case else body


def _key(variant: str) -> str:
    return " ".join(variant.replace("’", "'").split())


def parse(text: str) -> _Table:
    """The table of a file in ``data/aliases.txt``'s format (see there)."""
    any_case: dict[str, str | None] = {}
    exact: dict[str, str | None] = {}
    alternatives: list[tuple[str, str]] = []
    names_only: set[str] = set()
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        head, sep, rest = line.partition(":")
        if not sep or not head.strip() or not rest.strip():
            raise ValueError(f"aliases line {n}: expected 'Canonical: variant, variant, ...', got {raw!r}")
        head = head.strip()
        if head.startswith("*"):
            head = head[1:].strip()
            names_only.add(head)
        canonical = None if head == "-" else head
        for item in (v.strip() for v in rest.split(",")):
            if not item:
                continue
            as_written = item.startswith("[") and item.endswith("]")
            variant = item[1:-1].strip() if as_written else item
            table, key = (exact, _key(variant)) if as_written else (any_case, _key(variant).lower())
            if key in table and table[key] != canonical:
                raise ValueError(f"aliases line {n}: {variant!r} is already an alias of {table[key]!r}")
            table[key] = canonical
            alternatives.append((variant, _variant_pattern(variant, not as_written)))
    if not alternatives:
        return _Table(None, any_case, exact, frozenset(names_only))
    # the longest variant at a place wins ("United States of America" over "United States",
    # "Latin America" over "America"): alternatives are tried in order
    alternatives.sort(key=lambda a: -len(a[0]))
    body = "|".join(p for _, p in alternatives)
    return _Table(re.compile(rf"(?<!\w)(?:{body})(?!\w)"), any_case, exact, frozenset(names_only))


@lru_cache(maxsize=1)
def _english() -> _Table:
    return parse((resources.files("summarize.text") / "data" / "aliases.txt").read_text(encoding="utf-8"))


def _table(language: str) -> _Table | None:
    from summarize.text.languages import canonical

    return _english() if canonical(language) == "english" else None


def find(text: str, language: str = "english") -> list[Match]:
    """The variants of names in ``text``, in order (none in a language without a table)."""
    table = _table(language)
    if table is None or table.pattern is None:
        return []
    has_lower = None
    out = []
    for m in table.pattern.finditer(text):
        found = _key(m.group())
        if found in table.exact:
            if has_lower is None:
                has_lower = any(c.islower() for c in text)
            canonical = table.exact[found] if has_lower else None
        else:
            canonical = table.any_case.get(found.lower())
        if canonical is not None:
            out.append(Match(m.start(), m.end(), canonical, canonical not in table.names_only))
    return out


def blank(text: str, matches: Iterable[Match]) -> str:
    """``text`` with each match replaced by a space (what is left of it)."""
    parts, at = [], 0
    for m in matches:
        parts.append(text[at:m.start])
        parts.append(" ")
        at = m.end
    parts.append(text[at:])
    return "".join(parts)


def content(stems: Iterable[str], text: str, language: str = "english") -> frozenset[str]:
    """A sentence's content stems (``stems``, of ``text``) with each name it holds as one token:
    the stems of the words of a variant give way to its canonical name's token (none for a name
    that is no content word, the United States), unless a word outside the variants has the
    same stem."""
    matches = find(text, language)
    if not matches:
        return frozenset(stems)
    from summarize.text.tokenize import Stemmer, words

    stem = Stemmer(language)
    inside = {stem(w.lower()) for m in matches for w in words(text[m.start:m.end])}
    outside = {stem(w.lower()) for w in words(blank(text, matches))}
    gone = inside - outside
    return frozenset(s for s in stems if s not in gone) | {m.token for m in matches if m.content}


def name_words(canonical: str) -> list[str]:
    """The words of a canonical name that are names themselves: its capitalised words
    ("Democratic Republic of Congo": not "of"), or all of them ("al-Qaeda")."""
    ws = canonical.split()
    return [w for w in ws if w[:1].isupper()] or ws


def canonical_text(text: str, language: str = "english") -> str:
    """``text`` with each variant written as its canonical name ("aid to Kyiv ... the United
    States")."""
    matches = find(text, language)
    if not matches:
        return text
    parts, at = [], 0
    for m in matches:
        parts.append(text[at:m.start])
        parts.append(m.canonical)
        at = m.end
    parts.append(text[at:])
    return "".join(parts)
