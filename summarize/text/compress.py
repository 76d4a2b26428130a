"""Sentence compression by deletion: shorter variants of a news sentence that news style lets go.

A variant drops one or more of

- a **closing attribution**: "..., officials said." / "..., he told reporters." / "..., according
  to the police." (the sentence's claim without who made it);
- a **leading time or place phrase**: "On Monday, ...", "In Paris, ...", "Earlier this week, ...";
- a **parenthetical**: "(AP)", "(the company's second this year)";
- an **appositive** after a name: "Floyd Flake, a former congressman, said ..." -> "Floyd Flake
  said ...".

Every variant is the source's words in the source's order with whole phrases removed (the
remaining text is not rewritten, but the first letter is capitalised after a dropped opening);
nothing is dropped that holds a number or a negation ("not", "never", "no"), so a variant states
the figures and polarity of its sentence; the claim's own verb is never in a dropped phrase (an
attribution's "said" goes with the attribution). A variant that would start on a pronoun or a
connective ("On Monday, he said ..." -> "He said ...") or be a fragment is not offered. English
only: other languages get no variants (their word lists are not written).
"""

from __future__ import annotations

import re
from itertools import combinations

from summarize.text.facts import negated, numbers
from summarize.text.languages import canonical

_SPEECH = r"(?:said|says|say|added|adds|told\s+(?:\w+\s+){0,3}?\w+|reported|reports|announced|stated|noted|explained)"
# ", officials said." / ", the police said Monday." / ", he told reporters on Sunday."
_ATTRIBUTION = re.compile(
    r",\s+(?:(?:the|a|an|U\.S\.|state|local|federal|senior|two|three|several|other)\s+)?"
    r"(?:[\w.'’-]+\s+){0,4}?" + _SPEECH + r"(?:\s+(?:on\s+)?[A-Z]?\w+day)?(?:\s+night|\s+morning)?\s*(?=[.!]$)")
_ACCORDING = re.compile(r",\s+according\s+to\s+[^,;:()\"“”]{2,60}?(?=[.!]$)")
_LEAD = re.compile(
    r"^(?:(?:On|In|At|Earlier|Later|Last|Late|Early|Overnight|Since|During|Until|By)\s+[^,;:\"“”]{2,40}?|"
    r"(?:Earlier|Later|Meanwhile|Separately|Overnight|Yesterday|Today|Tonight)),\s+(?=\S)")
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,60}\)")
_APPOSITIVE = re.compile(r"\b[A-Z][\w'’.-]*(,\s+(?:a|an|the)\s+[^,;:()\"“”]{3,60}?,\s+)(?=[a-z])"
                         r"(?!who\b|which\b|that\b|whose\b|where\b)")
_MIN_WORDS = 15  # shorter sentences are left as they are


def _safe(piece: str, language: str) -> bool:
    """Whether a phrase may go: it holds no number and no negation."""
    return not numbers(piece) and not negated(piece, language)


def _cuts(sentence: str, language: str) -> list[tuple[int, int]]:
    """The spans (start, end) of ``sentence`` that may be dropped, each on its own."""
    spans: list[tuple[int, int]] = []
    if not any(q in sentence for q in "\"“”«»"):  # a quotation's "he said" belongs to the quote
        for pattern in (_ATTRIBUTION, _ACCORDING):
            m = pattern.search(sentence)
            if m and _safe(m.group(0), language) and m.start() > 0:
                spans.append((m.start(), m.end()))
                break
    m = _LEAD.match(sentence)
    if m and _safe(m.group(0), language) and len(m.group(0).split()) <= 7:
        spans.append((m.start(), m.end()))
    for m in _PARENTHETICAL.finditer(sentence):
        if _safe(m.group(0), language):
            spans.append((m.start(), m.end()))
    for m in _APPOSITIVE.finditer(sentence):
        if _safe(m.group(1), language):
            spans.append((m.start(1), m.end(1) - 1))  # keep the space before the next word
    spans.sort()
    # overlapping spans cannot both go: keep the first of each overlapping run
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


def _apply(sentence: str, spans: tuple[tuple[int, int], ...]) -> str:
    parts, at = [], 0
    for s, e in spans:
        parts.append(sentence[at:s])
        at = e
    parts.append(sentence[at:])
    text = re.sub(r"\s{2,}", " ", "".join(parts)).strip()
    text = re.sub(r"\s+([.,!?;:])", r"\1", text)
    if text and spans and spans[0][0] == 0:  # an opening phrase went: the next word opens
        first = text.split(" ", 1)[0]
        if first.islower():
            text = text[0].upper() + text[1:]
    return text


def compressions(sentence: str, language: str = "english", *, max_variants: int = 4) -> list[str]:
    """Shorter variants of ``sentence`` (the shortest first), each dropping one or more of its
    attribution, leading phrase, parentheticals and appositives; empty for short sentences
    (under 15 words), sentences with nothing to drop and languages other than English.

    Args:
        sentence: one sentence.
        language: its language.
        max_variants: at most this many variants (all the drops together, then each alone,
            then pairs).
    """
    from summarize.text.hazards import dangling, fragment

    if canonical(language) != "english" or len(sentence.split()) < _MIN_WORDS:
        return []
    spans = _cuts(sentence, language)
    if not spans:
        return []
    # every drop together first (the shortest), then each alone, then pairs
    options = [tuple(spans)] if len(spans) > 1 else []
    options += [(s,) for s in spans]
    if len(spans) > 2:
        options += list(combinations(spans, 2))
    out: list[str] = []
    for chosen in options:
        text = _apply(sentence, chosen)
        if (text and text != sentence and text not in out and len(text.split()) >= 6
                and text[-1:] in ".!?" and not dangling(text, language) and not fragment(text, language)):
            out.append(text)
        if len(out) == max_variants:
            break
    return out
