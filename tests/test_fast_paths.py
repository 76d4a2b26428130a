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


def test_letters_of_ascii_text_are_counted_as_the_script_patterns_count_them():
    import string

    from summarize.text import langdetect

    rng = random.Random(4)
    alphabet = string.printable + "é"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))) for _ in range(300)] + ["", "123 !?"]
    for text in texts:
        expected_letters = langdetect._count(langdetect._LETTER, text)
        expected = (expected_letters, tuple((name, langdetect._count(p, text)) for name, p in langdetect._BY_SCRIPT.items())
                    if expected_letters else ())
        assert langdetect._letters.__wrapped__(text) == expected, text
    assert langdetect._letters.__wrapped__("Hello, World 42")[0] == 10


def test_opening_words_and_references_without_splitting_the_whole_sentence():
    from summarize.text.hazards import _first_words, dangling

    for text in _texts(2000, 5) + ["The two sides met.", "Both Britain and France", "Both said no.", "These days ok",
                                   "This storm of meteors was seen.", "The two-day summit ended.", "  a  b\tc d "]:
        for n in (1, 2, 3):
            assert _first_words(text, n) == [w.strip(",;:.!?\"'”’»)") for w in text.split()[:n]]
    assert dangling("The two sides met on Monday.") == "reference 'The two'"
    assert dangling("The two-day summit ended on Monday.") is None
    assert dangling("Both said the talks would go on.") == "reference 'Both'"
    assert dangling("Both Britain and France agreed.") is None
    assert dangling("This storm of meteors was seen across Europe.") == "pronoun 'This'"
    assert dangling("This year the storm was seen across Europe.") is None
    assert dangling("Another ship sank near the coast of Greece.") == "reference 'Another'"
    assert dangling("Anothers are not words people use in news.") is None


def test_the_ellipsis_rule_runs_only_where_an_ellipsis_is_and_splits_as_before():
    from summarize.text.sentences import _ELLIPSIS, _punkt_splitter, _splitter

    split = _splitter("english", False, False)  # Punkt and the ellipsis rule, no rejoining steps
    base = _punkt_splitter("english")
    texts = ["He paused... Then he spoke.", "Wait … What? No.", "It was... fine.", "Dr. Smith met Mr. Jones.",
             "He said \"well...\" Then left.", "No ellipsis here. Another sentence!", "Odd... (Really) Yes..."]
    texts += [" ".join(t) for t in zip(texts, reversed(texts), strict=True)] + _texts(300, 6)
    for text in texts:
        assert split(text) == [s for part in base(text) for s in _ELLIPSIS.sub(r"\1\2\n", part).split("\n")], text
    assert split("He paused... Then he spoke.") == ["He paused...", "Then he spoke."]


def test_punkt_without_a_candidate_boundary_splits_as_the_tokenizer_does():
    import punkt

    from summarize.text.sentences import _punkt_splitter

    for language in ("english", "german", "greek"):
        split = _punkt_splitter(language)
        tokenizer = punkt.tokenizer_for(language, prefixes=punkt.has_prefixes(language))
        texts = ["One sentence that ends the text.", "No final mark at all", "  Padded.  ", "", "   ", "Why?",
                 "He said \"yes.\"", "The U.S. officials met.", "Wait!!!", "A.B", "Ends with a quote.\"",
                 "Trailing (bracket.)", "Two. Sentences.", "e.g. this", "-- dashes -- and... dots", "."]
        texts += _texts(2000, 7) + [t + "." for t in _texts(500, 8)]
        for text in texts:
            assert split(text) == tokenizer.tokenize(text), (language, text)
    assert _punkt_splitter("english")("  One sentence.  ") == ["  One sentence."]


def test_claim_words_of_ascii_and_other_text_are_the_unicode_pattern_s():
    from summarize.text.claims import _WORDS, _words

    texts = _texts(4000, 9)
    assert sum(t.isascii() for t in texts) > 100 and sum(not t.isascii() for t in texts) > 100
    for text in texts:
        assert _words(text) == _WORDS.findall(text), text
    assert _words("O'Neill's co-op_x 3rd U.S.") == ["O'Neill's", "co-op_x", "rd", "U", "S"]


def test_quote_scan_without_a_mark_is_the_pattern_s_scan():
    from summarize.text.sentences import _QUOTE_MARK, _scan_quote_marks, _scan_quotes

    rng = random.Random(10)
    marks = ['"', "“", "”", "„", "‟", "«", "»", "``", "''", "'", "`", "’", "‘"]
    texts = _texts(3000, 11) + ["".join(rng.choice(PIECES + marks) + rng.choice(["", " ", ","]) for _ in range(8))
                                for _ in range(3000)]
    assert sum(_QUOTE_MARK.search(t) is None for t in texts) > 500
    assert sum(_QUOTE_MARK.search(t) is not None and not t.isascii() for t in texts) > 500
    for text in texts:
        for start in ([], ['"'], ["«"]):
            mine, ref = list(start), list(start)
            assert (_scan_quotes(text, mine), mine) == (_scan_quote_marks(text, ref), ref), text


def test_whitespace_of_ascii_and_other_text_is_normalized_as_the_patterns_do():
    from summarize.text.sentences import _CONTROL, _INVISIBLE, _SPACES_TO_FOLD, normalize_whitespace

    rng = random.Random(12)
    spaces = [" ", "  ", "\t", " \t ", "\n", "\r\n", "\r", "\x0b", "\x00", "\x7f", "\u00a0", "\u2003", "\u3000", "\ufeff",
              "\uffff", "\u200b"]
    texts = _texts(2000, 13) + ["".join(rng.choice(PIECES + spaces) for _ in range(rng.randint(0, 14))) for _ in range(4000)]
    assert sum(t.isascii() for t in texts) > 500 and sum(not t.isascii() for t in texts) > 500
    for text in texts:
        lines = text.replace("\r\n", "\n").replace("\r", "\n")
        expected = _SPACES_TO_FOLD.sub(" ", _INVISIBLE.sub("", _CONTROL.sub(" ", lines)))
        assert normalize_whitespace(text) == expected, repr(text)


def test_sgml_elements_are_found_as_the_case_insensitive_patterns_find_them():
    from summarize.io.duc import _FIELD, _P, _elements

    rng = random.Random(14)
    tags = ["<TEXT>", "</TEXT>", "<text>", "</Text>", "<P>", "</P>", "<p>", "</p>", "<DATE>", "</DATE>", "<DATE_TIME>",
            "</DATE_TIME>", "<HEADLINE>", "</headline>", "<DOCNO>", "</DOCNO>", "<", ">", "/", "\n", " x ", "é", "K", "ſ"]
    texts = ["".join(rng.choice(tags + PIECES) for _ in range(rng.randint(0, 30))) for _ in range(6000)]
    texts += ["<TEXT>a</TEXT>", "<TEXT>a", "<P>a<P>b</P>c</P><p>d</p>", "</P><P>", "<teXt>\u212aé</TEXT>",
              "<te\u212at>a</text>"]
    assert sum(t.isascii() for t in texts) > 500 and sum(not t.isascii() for t in texts) > 1000
    for text in texts:
        assert _elements("P", text) == _P.findall(text), text
        for name, pattern in _FIELD.items():
            m = pattern.search(text)
            assert _elements(name, text, first=True) == ([m.group(1)] if m else []), (name, text)


def test_wire_furniture_is_stripped_as_the_patterns_strip_it():
    from summarize.text import wire

    def stripped(paragraph: str) -> tuple[str, list[tuple[str, str]]]:  # every pattern run on every paragraph
        removed: list[tuple[str, str]] = []
        text = " ".join(wire._ENTITY.sub(" ", paragraph).split())
        if text != " ".join(paragraph.split()):
            removed.append(("wire code", " ".join(wire._ENTITY.findall(paragraph))))
        why = wire.furniture_reason(text)
        if why is not None:
            return "", removed + ([(why, text)] if text else [])
        m = wire._TAIL.search(text)
        if m and wire._LOWER.search(text[: m.start()]):
            removed.append(("wire furniture at paragraph end", m.group(0).strip()))
            text = text[: m.start()].rstrip()
        return text, removed

    rng = random.Random(15)
    pieces = ["MORE", "END", "ENDS", "(MORE)", "(vs/krt)", "( ht-sf )", "graf 3", "3rd graf", "grafs 2-4", "pvs", "&UR;",
              "&QL;", "&AMP;", "&Cx1f;", "&UR", "UR;", "BC-Britain-Pinochet", "NYT-10-05-98 1735EDT", "Eds:", "AP Photo",
              "By JOHN SMITH", "Associated Press Writer", "Focus: Rain", "NATIONAL FORECAST", "The talks went on.",
              "he said.", "“Yes.”", "(", ")", ".", "!", "?", '"', "’", " ", "  ", "\t", "\x1c", "é", "said Monday"]
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(6000)]
    texts += _texts(1000, 16)
    assert sum(stripped(t)[0] != " ".join(t.split()) for t in texts) > 1000
    for text in texts:
        assert wire.strip_furniture(text) == stripped(text), text
