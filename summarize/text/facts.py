"""Checkable facts of a sentence: the numbers it states and whether it is negated.

Used where two sentences must say *the same thing*, not just use the same words: provenance
(an outlet is credited with a sentence only if its near-duplicate agrees on numbers and
polarity) and the abstractive faithfulness guard (a generated number must be in a source).
"""

from __future__ import annotations

import re

from summarize.text.tokenize import Stemmer, stop_words, words

NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
         "seventeen eighteen nineteen".split()
_TENS = {w: 10 * k for k, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if k >= 2}
#: English number words (lower case) -> their value as digits; ``zero`` is left out ("zero
#: tolerance" states no count). Compounds ("thirty-seven", "twenty one") and multiples ("three
#: hundred", "two thousand") are read by :func:`numbers`.
NUMBER_WORDS = {w: str(k) for k, w in enumerate(_UNITS) if k} | {w: str(v) for w, v in _TENS.items()} | {
    "hundred": "100", "thousand": "1000"}
_SCALES = {"hundred": 100, "thousand": 1000}

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
    found.update(_spelled(words(text)))
    return frozenset(found)


def _word_value(word: str) -> int | None:
    """One word's value: a unit, teen or ten ("seven", "thirty"), or a hyphenated ten and unit
    ("thirty-seven"); ``None`` for anything else."""
    if word in _TENS:
        return _TENS[word]
    if word in NUMBER_WORDS and word not in _SCALES:
        return int(NUMBER_WORDS[word])
    ten, dash, unit = word.partition("-")
    if dash and ten in _TENS and unit in _UNITS[1:10]:
        return _TENS[ten] + _UNITS.index(unit)
    return None


def _spelled(tokens: list[str]) -> list[str]:
    """The numbers that English number words state, as digits: "Thirty-seven" and "thirty seven"
    are 37, "three hundred" 300, "two thousand" 2000; a scale word alone ("hundreds of",
    "a thousand") keeps its own value."""
    out: list[str] = []
    low = [t.lower() for t in tokens]
    k = 0
    while k < len(low):
        value = _word_value(low[k])
        if value is None:
            if low[k] in _SCALES:
                out.append(str(_SCALES[low[k]]))
            k += 1
            continue
        k += 1
        if value in _TENS.values() and k < len(low) and low[k] in _UNITS[1:10]:  # "twenty one"
            value += _UNITS.index(low[k])
            k += 1
        if k < len(low) and low[k] in _SCALES and value < 100:  # "three hundred"
            value *= _SCALES[low[k]]
            k += 1
        out.append(str(value))
    return out


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


_SPELLED = re.compile(r"\b(?:(?:%s)(?:[- ](?:%s))?|%s)(?:\s+(?:hundred|thousand))?\b" % (
    "|".join(_TENS), "|".join(_UNITS[1:10]), "|".join(_UNITS[1:])), re.IGNORECASE)


def figure_contexts(text: str, language: str, window: int = 3) -> dict[str, frozenset[str]]:
    """Each figure of the sentence (:func:`figures`) with the content stems of the ``window``
    words on either side of where it is stated: "Thirty-seven people were injured" gives
    ``{"37": {"peopl", "injur"}}``, as does "The collision injured 37 people" (the same count
    of the same thing, said two ways)."""
    wanted = figures(text)
    if not wanted:
        return {}
    stem = Stemmer(language)
    stops = stop_words(language)
    spans = [(norm_number(m.group(0)), m.start(), m.end()) for m in NUMBER.finditer(text)]
    spans += [(v, m.start(), m.end()) for m in _SPELLED.finditer(text) for v in _spelled(words(m.group(0)))]
    out: dict[str, set[str]] = {}
    for value, start, end in spans:
        if value not in wanted:
            continue
        near = words(text[:start])[-window:] + words(text[end:])[:window]
        out.setdefault(value, set()).update(
            stem(w.lower()) for w in near if w.lower() not in stops and not w.isdigit()
            and w.lower() not in NUMBER_WORDS)
    return {k: frozenset(v) for k, v in out.items()}


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
