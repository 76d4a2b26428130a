"""The Porter stemmer exactly as ROUGE-1.5.5 runs it (its ``stem`` subroutine).

ROUGE-1.5.5 carries its own Perl Porter stemmer with one local change (02/14/2004: a word
ending in ``-ement`` does not also try ``-ment`` and ``-ent``); NLTK's and Snowball's Porter
stemmers differ from it on a few words, so DUC-mode scores need this port to match the
Perl script to the digit.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous",
    "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

_c = "[^aeiou]"
_v = "[aeiouy]"
_C = f"{_c}[^aeiouy]*"
_V = f"{_v}[aeiou]*"
MGR0 = re.compile(f"^({_C})?{_V}{_C}")
MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
HAS_V = re.compile(f"^({_C})?{_v}")
CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")

_1A = re.compile(r"(ss|i)es$")
_1A2 = re.compile(r"([^s])s$")
_EED = re.compile(r"eed$")
_EDING = re.compile(r"(ed|ing)$")
_ATBLIZ = re.compile(r"(at|bl|iz)$")
_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_Y = re.compile(r"y$")
_S2 = re.compile("(" + "|".join(_STEP2) + ")$")
_S3 = re.compile("(" + "|".join(_STEP3) + ")$")
_S4 = re.compile(r"(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")
_MENT = re.compile(r"ment$")
_ENT = re.compile(r"ent$")
_SION = re.compile(r"(s|t)(ion)$")
_E = re.compile(r"e$")
_LL = re.compile(r"ll$")


@lru_cache(maxsize=200_000)
def stem(w: str) -> str:
    """Stem one lower-case word as ROUGE-1.5.5's Perl ``stem`` does."""
    if len(w) < 3:
        return w
    first_y = w[0] == "y"
    if first_y:
        w = "Y" + w[1:]
    # Step 1a
    if m := _1A.search(w):
        w = w[: m.start()] + m.group(1)
    elif m := _1A2.search(w):
        w = w[: m.start()] + m.group(1)
    # Step 1b
    if m := _EED.search(w):
        if MGR0.search(w[: m.start()]):
            w = w[:-1]
    elif m := _EDING.search(w):
        stem_ = w[: m.start()]
        if HAS_V.search(stem_):
            w = stem_
            if _ATBLIZ.search(w):
                w += "e"
            elif _DOUBLE.search(w):
                w = w[:-1]
            elif CVC.search(w):
                w += "e"
    # Step 1c
    if m := _Y.search(w):
        stem_ = w[: m.start()]
        if HAS_V.search(stem_):
            w = stem_ + "i"
    # Step 2
    if m := _S2.search(w):
        stem_ = w[: m.start()]
        if MGR0.search(stem_):
            w = stem_ + _STEP2[m.group(1)]
    # Step 3
    if m := _S3.search(w):
        stem_ = w[: m.start()]
        if MGR0.search(stem_):
            w = stem_ + _STEP3[m.group(1)]
    # Step 4 (with ROUGE's -ement change)
    if m := _S4.search(w):
        stem_ = w[: m.start()]
        if MGR1.search(stem_):
            w = stem_
    if m := _MENT.search(w):
        stem_ = w[: m.start()]
        if MGR1.search(stem_):
            w = stem_
    if m := _ENT.search(w):
        stem_ = w[: m.start()]
        if MGR1.search(stem_):
            w = stem_
    elif m := _SION.search(w):
        stem_ = w[: m.start()] + m.group(1)
        if MGR1.search(stem_):
            w = stem_
    # Step 5
    if m := _E.search(w):
        stem_ = w[: m.start()]
        if MGR1.search(stem_) or (MEQ1.search(stem_) and not CVC.search(stem_)):
            w = stem_
    if _LL.search(w) and MGR1.search(w):
        w = w[:-1]
    if first_y:
        w = "y" + w[1:]
    return w
