"""Checkable facts of a sentence: the numbers it states and whether it is negated.

Used where two sentences must say *the same thing*, not just use the same words: provenance
(an outlet is credited with a sentence only if its near-duplicate agrees on numbers and
polarity) and the abstractive faithfulness guard (a generated number must be in a source).
"""

from __future__ import annotations

import re

from summarize.text.tokenize import words

NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
                "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000"}

#: Negation cues by language (lower case). A language without an entry is never judged negated,
#: so sentences in it are compared by wording and numbers only.
NEGATIONS: dict[str, frozenset[str]] = {
    "english": frozenset("not no never none nobody nothing neither nor cannot".split()),
    "french": frozenset("ne n' pas jamais aucun aucune rien ni".split()),
    "german": frozenset("nicht kein keine keinen keinem keiner keines nie niemals nichts weder".split()),
    "spanish": frozenset("no nunca jamás ningún ninguna ninguno nada ni".split()),
    "italian": frozenset("non mai nessuno nessuna nessun niente nulla né".split()),
    "portuguese": frozenset("não nunca jamais nenhum nenhuma nada nem".split()),
    "dutch": frozenset("niet geen nooit niets noch".split()),
}
_CONTRACTED = re.compile(r"n['’]t$")  # English didn't, won't, can't
#: English verbs that negate the verb after "to": "declined to give details" is "did not give
#: details" ("shares declined 3%" negates nothing)
_REFUSALS = frozenset("decline declines declined refuse refuses refused fail fails failed".split())
#: English set phrases whose "no"/"not" negates nothing ("came as no surprise", "not only").
_IDIOMS = {"no": frozenset("surprise doubt longer matter wonder sooner later less more exception avail".split()),
           "not": frozenset("only just".split())}


def norm_number(text: str) -> str:
    """A number as written (``40,000``, ``3.5.``) in one normal form (``40000``, ``3.5``)."""
    return text.replace(",", "").rstrip(".")


def numbers(text: str) -> frozenset[str]:
    """The numbers a sentence states, digits and the common English number words alike."""
    found = {norm_number(m.group(0)) for m in NUMBER.finditer(text)}
    found.update(NUMBER_WORDS[w.lower()] for w in words(text) if w.lower() in NUMBER_WORDS)
    return frozenset(found)


def figures(text: str) -> frozenset[str]:
    """The figures of a sentence that name one fact: its numbers of 10 or more that are not years
    (1900-2100), normalized ("1,200" and "1200" alike; "two" and "2025" are not figures)."""
    out = set()
    for n in numbers(text):
        try:
            value = float(n)
        except ValueError:
            continue
        if value >= 10 and not (1900 <= value <= 2100 and value == int(value)):
            out.add(n)
    return frozenset(out)


def negated(text: str, language: str) -> bool:
    """Whether the sentence contains a negation cue of its language ("not", "didn't", "kein"; in
    English also a refusal before "to": "declined to", "refused to", "failed to"); prepositions
    ("without") and set phrases ("no surprise", "not only") do not count."""
    cues = NEGATIONS.get(language)
    if not cues:
        return False
    tokens = [w.lower() for w in words(text)]
    for k, low in enumerate(tokens):
        if language == "english" and k + 1 < len(tokens) and tokens[k + 1] in _IDIOMS.get(low, ()):
            continue
        if low in cues or (language == "english" and _CONTRACTED.search(low)):
            return True
        if language == "english" and low in _REFUSALS and k + 1 < len(tokens) and tokens[k + 1] == "to":
            return True
        if language == "french" and low.startswith(("n'", "n’")):
            return True
    return False


def compare_claims(a: str, b: str, language: str) -> str:
    """How ``b``, a near-duplicate of ``a``, stands to ``a``'s claim.

    ``"same"``: the same polarity and every number of ``a`` stated in ``b`` (``b`` may add
    detail); ``"differs"``: the opposite polarity, or ``b`` states a figure where ``a`` states
    another (``a`` has a number ``b`` lacks and ``b`` one ``a`` lacks); ``"partial"``: ``b``
    leaves out some of ``a``'s numbers and states no other, so it neither carries nor disputes it.
    """
    if negated(a, language) != negated(b, language):
        return "differs"
    na, nb = numbers(a), numbers(b)
    if na <= nb:
        return "same"
    return "differs" if nb - na else "partial"


def same_claim(a: str, b: str, language: str) -> bool:
    """Whether ``b`` can be credited with ``a`` (:func:`compare_claims` is ``"same"``)."""
    return compare_claims(a, b, language) == "same"
