"""Machine-translation debris: short generic clauses glued onto the end of real sentences.

Scraped reports that went through machine translation carry the remains of the source's
attribution tags and participial phrases as sentences of their own, glued after a real one:
"He said it was necessary.", "I called out.", "I'm entering my third year.", 'No," he said.',
'We are in the process of securing guarantees."'. They say nothing about the event and read
as nonsense. A sentence is a *candidate* when all of these hold:

- it is short (at most ``max_words`` words) and follows another sentence of its paragraph
  (debris is glued on; a paragraph's first sentence is never a candidate);
- it does not start inside a quotation or with an opening quotation mark (a quotation is
  what someone said, in whatever person and shape);
- it has the shape of a dangling generic clause: a **stray closing quotation mark** (one that
  closes a quotation never opened in the paragraph), a **first-person subject** (a news report
  speaks in the third person outside quotations), or an **attribution tag** (a subject pronoun
  and a speech verb among its first three words);
- it is not about the event: none of its content words (stems that are not stop words,
  pronouns, speech verbs or time words) occurs in the rest of the cluster (the other
  documents; the rest of the document for a cluster of one); a stray quotation mark is so
  sure a sign that up to ``max_shared`` shared words are allowed.

A stray-quote candidate is debris on its own. First-person and attribution-tag candidates have
the shape of many real sentences ("She said yes." after a proposal, "I couldn't breathe." in a
first-person account), so they are debris only in a document that shows machine translation:
at least ``min_evidence`` stray-quote candidates and one-word fragments ("Stated.") in it.
Real short sentences keep their ties to the event or lack the shape: "Nobody was hurt.",
"He denied it.", "The fire was contained.", "Police declined to comment.", "He said the
warehouse had no sprinklers.".
"""

from __future__ import annotations

import re
from collections.abc import Collection, Container, Sequence
from dataclasses import dataclass

from summarize.clean.patterns import DEBRIS_WORDS
from summarize.text.languages import UNCASED, canonical
from summarize.text.tokenize import Stemmer, stop_words, words

#: Reasons reported for each shape.
STRAY_QUOTE = "machine-translation debris: closes a quotation never opened"
FIRST_PERSON = "machine-translation debris: first person outside a quotation"
ATTRIBUTION = "machine-translation debris: attribution tag with nothing to attribute"

_OPENING = "\"“„«‚‘'"
# Marks that are no quotation: inches and seconds after a figure (3h 51' 03"), the Hebrew
# gershayim inside a word (ע"י), a prime.
_MOVED_CLOSER = re.compile("[“”»]+(?=\\s)")
_QUOTES = re.compile("[\"“”„«»]")
_NOT_QUOTE = re.compile(r"(?<=\d)[\"″]|(?<=[^\W\d_])\"(?=[^\W\d_])|″")


class QuoteScan:
    """Reads the double quotation marks of a paragraph sentence by sentence, in one pass.

    Straight quotes (``"``) are read by position (before a word they open, after one they
    close; a mark between spaces alternates); ” closes; “ closes a German „, and closes when
    a space follows it ('Garantien.“', or '“ Ich...' where the splitter moved it), else it
    opens; « opens and » closes,
    except in German, where » opens when it comes first (»Text«). Single quotes are not
    counted: they cannot be told from apostrophes.

    In Arabic, Hebrew and Hindi text the straight mark is not read at all: writers attach it to
    a prefix or to the word before (ב"בוז", قال" ...) and Hebrew spells abbreviations with it
    (ע"י, ארה"ב).

    Args:
        language: the text's language (German reads guillemets both ways).
    """

    def __init__(self, language: str = "english") -> None:
        name = canonical(language)
        self._open: dict[str, int] = {}
        self._reversed_guillemets: bool | None = None if name == "german" else False
        self._straight = name not in UNCASED

    @property
    def depth(self) -> int:
        """How many quotations are open at this point."""
        return sum(self._open.values())

    def _push(self, kind: str) -> None:
        self._open[kind] = self._open.get(kind, 0) + 1

    def _pop(self, kind: str) -> int:
        if self._open.get(kind, 0):
            self._open[kind] -= 1
            return 0
        return 1

    def feed(self, text: str) -> int:
        """Read the next sentence; returns how many of its closing marks close nothing."""
        if not _QUOTES.search(text):
            return 0
        unopened = 0
        for i, ch in enumerate(text):
            if ch == '"' and self._straight:
                before = text[i - 1] if i else " "
                after = text[i + 1] if i + 1 < len(text) else " "
                if (before.isspace() or before in "([{—–-/") and not after.isspace():
                    self._push('"')
                elif not before.isspace() and (after.isspace() or not after.isalnum()):
                    unopened += self._pop('"')
                elif self._open.get('"', 0):
                    self._open['"'] -= 1
                else:
                    self._push('"')
            elif ch in "«»":
                if self._reversed_guillemets is None:
                    self._reversed_guillemets = ch == "»"
                if (ch == "»") == self._reversed_guillemets:
                    self._push("«")
                else:
                    unopened += self._pop("«")
            elif ch == "„":
                self._push("„")
            elif ch == "“":
                before = text[i - 1] if i else " "
                after = text[i + 1] if i + 1 < len(text) else " "
                if self._open.get("„", 0):
                    self._pop("„")
                elif after.isspace() or (not before.isspace() and not after.isalnum()):
                    unopened += self._pop("“")
                else:
                    self._push("“")
            elif ch == "”":
                unopened += self._pop("„" if self._open.get("„", 0) else "“")
        return unopened


@dataclass(frozen=True, slots=True)
class QuoteMove:
    """What one sentence does to the quotations of its paragraph."""

    before: int  # quotations open before it
    after: int  # quotations open after it
    unopened: int  # its closing marks that close nothing

    @property
    def carries(self) -> bool:
        """Whether it opens or closes a quotation that goes on in another sentence ('"Panic.',
        '», criait-il.'): removing it would leave that quotation broken."""
        return self.before != self.after


def quote_moves(sentences: Sequence[str], language: str = "english") -> list[QuoteMove]:
    """The :class:`QuoteMove` of each sentence of one paragraph, in one pass.

    A closing mark that the sentence splitter moved to the start of the next sentence
    ('...Garantien.' + '“ Ich trete...') is counted with the sentence it closes.
    """
    scan = QuoteScan(language)
    moves: list[QuoteMove] = []
    for sentence in sentences:
        moved = _MOVED_CLOSER.match(sentence) if moves else None
        if moved:
            last = moves[-1]
            extra = scan.feed(moved.group(0))
            moves[-1] = QuoteMove(last.before, scan.depth, last.unopened + extra)
            sentence = sentence[moved.end():]
        before = scan.depth
        unopened = scan.feed(_NOT_QUOTE.sub(" ", sentence))
        moves.append(QuoteMove(before, scan.depth, unopened))
    return moves


@dataclass(frozen=True, slots=True)
class Shape:
    """What makes one sentence a debris candidate (see the module docstring)."""

    stray_quote: bool
    first_person: bool
    attribution: bool
    content: frozenset[str]  # content stems

    @property
    def any(self) -> bool:
        """Whether the sentence has any of the three shapes."""
        return self.stray_quote or self.first_person or self.attribution


def _opens_quotation(sentence: str) -> bool:
    """Whether the sentence starts with an opening quotation mark (one before a word; « and „
    always open, and a mark followed by a space is a closer the splitter moved)."""
    text = sentence.lstrip()
    return bool(text) and (text[0] in "«„" or (text[0] in _OPENING and text[1:2].strip() != ""))


def _fold(token: str) -> str:
    return token.lower().replace("’", "'")


def _elide(token: str) -> str:
    """A folded token without an elided article or pronoun ("l'incendie" -> "incendie")."""
    token = _fold(token)
    head, _, rest = token.partition("'")
    return rest if rest and len(head) <= 2 and head.isalpha() and len(rest) > 2 else token


class DebrisDetector:
    """Finds machine-translation debris in the paragraphs of one document.

    Args:
        language: the cluster's language (word lists for English, French, German, Spanish,
            Italian, Portuguese, Dutch, Czech, Greek, Arabic, Hebrew and Hindi; other languages
            get the stray-quotation shape only).
        max_words: a candidate has at most this many words.
        max_shared: a stray-quote candidate shares at most this many content words with the
            rest of the cluster (first-person and attribution-tag candidates share none).
        min_evidence: first-person and attribution-tag candidates are removed only from a
            document with at least this many stray-quote candidates and one-word fragments.
    """

    def __init__(self, language: str, *, max_words: int = 8, max_shared: int = 1, min_evidence: int = 2) -> None:
        self.language = canonical(language)
        self.max_words = int(max_words)
        self.max_shared = int(max_shared)
        self.min_evidence = int(min_evidence)
        lexicon = DEBRIS_WORDS.get(self.language, {})
        self._first = lexicon.get("first", frozenset())
        self._third = lexicon.get("third", frozenset())
        self._speech = lexicon.get("speech", frozenset())
        self._stops = stop_words(self.language)
        self._skip = (self._stops | self._first | self._third | self._speech | lexicon.get("time", frozenset())
                      | lexicon.get("auxiliary", frozenset()))
        self._stem = Stemmer(self.language)
        self._content: dict[str, frozenset[str]] = {}

    def content(self, sentence: str) -> frozenset[str]:
        """The content stems of a sentence: no stop words, pronouns, speech verbs or time words."""
        stems = self._content.get(sentence)
        if stems is None:
            stems = frozenset(self._stem(w) for w in map(_elide, words(sentence))
                              if w not in self._skip and not self._pronoun(w, self._first)
                              and (len(w) > 2 or not w.isalpha()))
            if len(self._content) < 100_000:
                self._content[sentence] = stems
        return stems

    def speech_verb(self, word: str) -> bool:
        """Whether ``word`` is one of the language's speech verbs ("stated", "déclaré")."""
        return _fold(word) in self._speech

    def _pronoun(self, token: str, pronouns: Container[str]) -> bool:
        # elided forms: French "j'ai", "j'étais"
        return token in pronouns or ("'" in token and token.split("'", 1)[0] + "'" in pronouns)

    def shape(self, sentence: str, move: QuoteMove) -> Shape | None:
        """The shape of a sentence that moves the quotations of its paragraph as ``move`` says,
        or ``None`` when it is no candidate for its length or because it is (or starts, or
        opens) a quotation."""
        stray = move.unopened > 0
        toks = [_fold(t) for t in words(sentence)]
        if move.before or move.after or not toks or len(toks) > self.max_words or _opens_quotation(sentence):
            return None
        head = toks[:3]
        first = self._pronoun(toks[0], self._first)
        pronoun = any(self._pronoun(t, self._first) or t in self._third for t in head[:2])
        tag = pronoun and any(t in self._speech for t in head)
        content = self.content(sentence) if stray or first or tag else frozenset()
        return Shape(stray_quote=stray, first_person=first, attribution=tag, content=content)

    def find(self, paragraphs: Sequence[Sequence[str]], context: Collection[str], *,
             skip: Collection[tuple[int, int]] = (), evidence: int = 0,
             moves: Sequence[Sequence[QuoteMove]] | None = None) -> dict[tuple[int, int], str]:
        """The debris of one document.

        Args:
            paragraphs: the document's sentences, paragraph by paragraph.
            context: the content stems of the rest of the cluster.
            skip: ``(paragraph, sentence)`` positions already removed for another reason
                (they still count for the quotation marks around them).
            evidence: signs of machine translation the caller found in the document (one-word
                fragments).
            moves: the :func:`quote_moves` of each paragraph, if the caller has them.

        Returns:
            ``{(paragraph, sentence): reason}`` for every sentence that is debris.
        """
        ties = context if isinstance(context, (set, frozenset)) else frozenset(context)
        strong: dict[tuple[int, int], str] = {}
        weak: dict[tuple[int, int], str] = {}
        for pi, sentences in enumerate(paragraphs):
            para_moves = quote_moves(sentences, self.language) if moves is None else moves[pi]
            for si, sentence in enumerate(sentences):
                if si == 0 or (pi, si) in skip:
                    continue
                shape = self.shape(sentence, para_moves[si])
                if shape is None or not shape.any:
                    continue
                shared = len(shape.content & ties)
                if shape.stray_quote and shared <= self.max_shared:
                    strong[(pi, si)] = STRAY_QUOTE
                elif not shared:
                    weak[(pi, si)] = FIRST_PERSON if shape.first_person else ATTRIBUTION
        if evidence + len(strong) >= self.min_evidence:
            strong.update(weak)
        return strong
