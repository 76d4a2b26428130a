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
    "english": frozenset("not no never none nobody nothing neither nor cannot without".split()),
    "french": frozenset("ne n' pas jamais aucun aucune rien ni sans".split()),
    "german": frozenset("nicht kein keine keinen keinem keiner keines nie niemals nichts weder ohne".split()),
    "spanish": frozenset("no nunca jamás ningún ninguna ninguno nada ni sin".split()),
    "italian": frozenset("non mai nessuno nessuna nessun niente nulla né senza".split()),
    "portuguese": frozenset("não nunca jamais nenhum nenhuma nada nem sem".split()),
    "dutch": frozenset("niet geen nooit niets noch zonder".split()),
}
_CONTRACTED = re.compile(r"n['’]t$")  # English didn't, won't, can't


def norm_number(text: str) -> str:
    """A number as written (``40,000``, ``3.5.``) in one normal form (``40000``, ``3.5``)."""
    return text.replace(",", "").rstrip(".")


def numbers(text: str) -> frozenset[str]:
    """The numbers a sentence states, digits and the common English number words alike."""
    found = {norm_number(m.group(0)) for m in NUMBER.finditer(text)}
    found.update(NUMBER_WORDS[w.lower()] for w in words(text) if w.lower() in NUMBER_WORDS)
    return frozenset(found)


def negated(text: str, language: str) -> bool:
    """Whether the sentence contains a negation cue of its language ("not", "didn't", "kein")."""
    cues = NEGATIONS.get(language)
    if not cues:
        return False
    for w in words(text):
        low = w.lower()
        if low in cues or (language == "english" and _CONTRACTED.search(low)):
            return True
        if language == "french" and low.startswith(("n'", "n’")):
            return True
    return False


def same_claim(a: str, b: str, language: str) -> bool:
    """Whether ``b`` can be credited with ``a``: same polarity, and every number of ``a``
    stated in ``b`` (``b`` may add more detail, not different figures)."""
    return negated(a, language) == negated(b, language) and numbers(a) <= numbers(b)
