"""Fast paths that must answer as the general code does (issue 16): ASCII text skips the Unicode engines."""

from __future__ import annotations

import random

from summarize.extractive.base import _WORD_RUNS, normalize
from summarize.text.tokenize import _WORD, words

PIECES = ["Don't", "co-op", "U.S.", "3.5", "--", "'quoted'", "e-mail's", "a_b", "x--y", "-lead", "trail-", "''",
          "``", "\t", "\n", "  ", "(AP)", "100%", "$5", "O'Neill's", "café", "Ünited", "naïve", "’s", "“q”", "ﬁle",
          "İstanbul", "ß", "१२", "é", "a\u0301", "\x0b", "\x1c", "_", "A", "z", "9"]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(["", " ", "-", "'", ".", ","]) for _ in range(rng.randint(0, 12)))
            for _ in range(n)]


def test_words_of_ascii_and_other_text_are_the_unicode_pattern_s():
    texts = _texts(4000, 1)
    assert sum(t.isascii() for t in texts) > 100 and sum(not t.isascii() for t in texts) > 100
    for text in texts:
        assert words(text) == _WORD.findall(text), text
    assert words("Don't co-op U.S. x--y") == ["Don't", "co-op", "U", "S", "x", "y"]


def test_normalize_of_ascii_and_other_text_is_the_word_runs_rule():
    for text in _texts(4000, 2):
        assert normalize(text) == " ".join(_WORD_RUNS.findall(text.lower())), text
    assert normalize("  The U.S.-led\tforce, (AP) a_b ") == "the u s led force ap a_b"
