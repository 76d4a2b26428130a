"""Faithfulness guard: every generated sentence is checked, claim by claim, against the sources.

A generated sentence is kept only where some source sentences *together* carry its claim, and
it is credited only to the documents of those sentences. The check (:meth:`FaithfulnessGuard.check`):

1. **Clauses.** The sentence is cut into clauses at ``;`` and at a comma or ``and`` that opens
   a new clause (``", and the coastguard said ..."``); each clause is one claim and must be
   supported on its own, possibly by other sources than its neighbours.
2. **Alignment.** The source sentences closest to the clause are found with WordLlama's dense
   cosine (:func:`summarize.extractive.embeddings.cached_encoder`, offline) plus the share of
   the clause's content words they contain; the ``candidates`` best are *aligned*, and so is
   every sentence with half the clause's content words (every outlet that says it). A *support
   window* is one aligned sentence or up to ``window`` adjacent sentences of one document
   around it ("the ferry hit a ship" and, next, "it was carrying 212 people").
3. **Content words.** Every content word of the clause (stems, stop words and reporting
   words such as "said" or "according" and vague time words such as "recent" or "upcoming"
   left out) must be in the window: the same stem, a
   compound written apart or together ("coast guard" / "coastguard"), or, except for names,
   a word whose WordLlama vector has cosine at least ``word_similarity`` with it ("hurt" /
   "injured", "book" / "novel"; unrelated words, antonyms and co-hyponyms such as "captain" /
   "operator" or "increase" / "decrease" stay far below). Names (words the sources write
   capitalised inside sentences, :func:`summarize.text.claims.name_vocabulary`, and capitalised
   words inside the generated sentence) and numbers must be there as written.
4. **Relations** (English). The clause's predicate is found (the first verb after an
   auxiliary, a past form or a known irregular verb; a reporting verb gives way to the verb of
   the clause it reports), with its agents (the content words before it, or after "by" in the
   passive: a participle after "be", "remain", "get") and patients (the words after it, or
   before it in the passive), both within its clause (up to a comma, a conjunction, "that",
   "which", "after"...). In each window
   sentence holding the predicate (or a word close to it), the same analysis is made around
   it. The window fails when an agent of the clause stands only on the patient side there, or
   a patient only on the agent side: "the captain suspended sailings" is not carried by "the
   operator suspended the captain", however many of its words it shares; "sailings were
   suspended by Westline" is carried by "Westline suspended all sailings".
5. **The claim check** (:func:`summarize.text.facts.compare_claims`): a window that passes 3
   and 4 *carries* the clause when the same polarity holds (compared between the clause and
   the shortest stretch of the source sentence holding its words, extended to that clause's
   boundaries: a "not" elsewhere in a long sentence says nothing about this claim) and the
   window states every number of the clause; it *disputes* it when the polarity is the
   opposite or it states another figure instead.

A sentence is *supported* when each clause is carried by some window; it is credited to the
documents of the carrying windows, less any document that disputes one of its clauses (an
outlet is never credited with what it contradicts). An unsupported sentence is replaced by the
closest source sentence (dense and lexical similarity; one that shares no content word with it
is no replacement, and each source sentence replaces at most one), dropped, or marked; every
decision is recorded with its reason. The guard is deterministic and offline; without dense
vectors (``embeddings=None``) it aligns and matches words lexically only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from summarize.errors import ConfigError
from summarize.extractive.embeddings import DenseEncoder, WordLlamaEncoder, cached_encoder
from summarize.text.claims import name_vocabulary
from summarize.text.facts import NUMBER, NUMBER_WORDS, compare_claims, numbers
from summarize.text.languages import canonical
from summarize.text.tokenize import Stemmer, stop_words, words
from summarize.types import Sentence

ACTIONS = ("replace", "drop", "mark")
_MAX_WIDE = 64  # aligned sentences beyond ``candidates`` that share half a clause's content words

#: Words that attribute or frame a claim without being part of it (English; others: none).
#: Vague time words ("recent", "upcoming") frame a claim too: they are not checked.
_LIGHT = frozenset("say says said saying tell tells told telling report reports reported reporting according "
                   "add adds added state states stated note notes noted news article story statement "
                   "reportedly recent recently upcoming latest current currently ongoing".split())
_REPORTING = frozenset("say says said tell tells told report reports reported add adds added state states stated "
                       "note notes noted announce announces announced confirm confirms confirmed".split())
_BE = frozenset("is are was were be been being am".split())
_AUX = _BE | frozenset("has have had having will would shall should can could may might must do does did "
                       "get gets got".split())
#: Verbs that make a following participle passive like "be" does ("sailings remain suspended").
_LINKING = frozenset("get gets got remain remains remained stay stays stayed become becomes became seem seems "
                     "seemed".split())
_ADVERBS = frozenset("not never also already still just reportedly allegedly now then later recently soon "
                     "n't".split())
_DETERMINERS = frozenset("the a an this that these those his her its their our my your some any every each no "
                         "all both several many few more most other another such of in on at to for from with by "
                         "about as into over after before under between against during than".split())
#: Past forms and participles of common irregular verbs (a small closed list, for the predicate).
_IRREGULAR = frozenset("""
arose awoke bore beat became began bent bet bit bled blew broke bred brought built burnt bought caught chose
clung came cost crept cut dealt dug dove drew drank drove ate fell fed felt fought found fled flew forbade forgot
forgave froze got gave went ground grew hung heard hid hit held hurt kept knelt knew laid led leapt left lent let
lay lit lost made meant met paid put quit read rode rang rose ran sawed said saw sought sold sent set shook shot
shut sang sank sat slept slid spoke spent spun split spread sprang stood stole stuck stung struck swore swept swam
swung took taught tore told thought threw understood woke wore wove wept won wound wrote arisen awoken borne
beaten become begun bitten blown broken chosen done drawn drunk driven eaten fallen flown forbidden forgotten
forgiven frozen gotten given gone grown hidden known lain ridden rung risen seen shaken shown sung sunk spoken
sprung stolen stridden striven sworn taken torn thrown woken worn woven written withdrew withdrawn overtook
overtaken undertook undertaken upheld withheld""".split())
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?=(?:and|but|while|whereas|although|though|yet)\s)|\s+(?=(?:and|but)\s+"
                           r"(?:the|a|an|his|her|its|their|he|she|it|they|we|i|this|that|these|those|[A-Z])\w*\s)")
_PUNCTUATION = re.compile(r"[,;:()\"“”—–]")
_SUBORDINATORS = frozenset("after before when while because since that which who whom whose where if although though "
                           "as and but or until unless whereas".split())
_LEADING_CONJUNCTION = frozenset("and but while whereas although though yet".split())


@dataclass(frozen=True, slots=True)
class Check:
    """The guard's verdict on one generated sentence."""

    sentence: str
    missing: tuple[str, ...]  # content words, names or numbers no aligned source sentence has
    action: str  # "kept", "replaced", "dropped" or "marked"
    replacement: str | None = None
    sources: tuple[str, ...] = ()  # the documents credited with the kept (or replacing) sentence
    reason: str = ""  # why the sentence is unsupported, in words ("" when kept)


@dataclass(slots=True)
class _Tokens:
    """One text as the guard reads it: lower-cased words, their stems and content flags."""

    low: list[str]
    stems: list[str]
    content: list[bool]
    names: list[bool] = field(default_factory=list)
    breaks: list[bool] = field(default_factory=list)  # a clause boundary before the word


@dataclass(frozen=True, slots=True)
class _Predicate:
    position: int
    passive: bool
    agents: frozenset[int]  # token positions
    patients: frozenset[int]


@dataclass(slots=True)
class _Verdict:
    carried: bool
    disputed: bool
    missing: tuple[str, ...]
    relation: str


class FaithfulnessGuard:
    """Check generated sentences against source sentences, claim by claim.

    Args:
        action: what to do with an unsupported sentence: ``replace`` it by the closest source
            sentence, ``drop`` it, or only ``mark`` it.
        language: the language of the text (stems, stop words, negation cues; the relation
            check runs for English only).
        align_threshold: lexical cosine a source sentence needs with the generated one to
            replace it (besides sharing a content word).
        embeddings: the dense encoder for alignment and word paraphrases (``wordllama``), or
            ``None`` for lexical alignment and exact stems only.
        candidates: aligned source sentences per clause.
        window: the most adjacent sentences of one document that together carry a clause.
        word_similarity: WordLlama cosine at which a source word stands for a generated one.
    """

    def __init__(self, *, action: str = "replace", language: str = "english", align_threshold: float = 0.0,
                 embeddings: str | None = "wordllama", candidates: int = 8, window: int = 3,
                 word_similarity: float = 0.5) -> None:
        if action not in ACTIONS:
            raise ConfigError(f"unknown guard action {action!r}; expected one of {', '.join(ACTIONS)}")
        if int(candidates) < 1 or int(window) < 1:
            raise ConfigError(f"guard candidates and window must be positive, got {candidates!r} and {window!r}")
        if not 0 < float(word_similarity) <= 1:
            raise ConfigError(f"guard word_similarity must be in (0, 1], got {word_similarity!r}")
        self.action = action
        self.language = canonical(language)
        self.align_threshold = float(align_threshold)
        self.embeddings = embeddings or None
        self.candidates = int(candidates)
        self.window = int(window)
        self.word_similarity = float(word_similarity)
        self._stem = Stemmer(self.language)
        self._stops = stop_words(self.language)
        self._english = self.language == "english"
        self._light = frozenset(self._stem(w) for w in _LIGHT) if self._english else frozenset()
        self._vectors: dict[str, np.ndarray] = {}

    @cached_property
    def _encoder(self) -> DenseEncoder | WordLlamaEncoder | None:
        return cached_encoder(str(self.embeddings)) if self.embeddings else None

    # ------------------------------------------------------------------ reading
    def _read(self, text: str, names: frozenset[str]) -> _Tokens:
        toks: list[str] = []
        caps: list[bool] = []
        breaks: list[bool] = []
        end = 0
        for k, tok in enumerate(words(text)):
            at = text.find(tok, end)
            gap = text[end:at] if at >= 0 else ""
            end = at + len(tok) if at >= 0 else end
            for m, part in enumerate(tok.split("-") if "-" in tok else [tok]):
                if part:
                    toks.append(part)
                    caps.append(k > 0 and part[:1].isupper())
                    breaks.append(m == 0 and (bool(_PUNCTUATION.search(gap)) or part.lower() in _SUBORDINATORS))
        low = [t.lower() for t in toks]
        stems = [self._stem(w) for w in low]
        content = [w not in self._stops and s not in self._light and not w.isdigit() and w not in NUMBER_WORDS
                   and not NUMBER.fullmatch(w) for w, s in zip(low, stems, strict=True)]
        is_name = [c and (w in names or cap) for w, c, cap in zip(low, content, caps, strict=True)]
        return _Tokens(low, stems, content, is_name, breaks)

    def _clauses(self, sentence: str) -> list[str]:
        """The sentence cut where a new clause begins (each piece keeps some content)."""
        pieces = [p.strip(" ,") for p in _CLAUSE_BREAK.split(sentence) if p and p.strip(" ,")]
        out: list[str] = []
        for p in pieces:
            first = p.split(maxsplit=1)
            if first and first[0].lower() in _LEADING_CONJUNCTION and len(first) > 1:
                p = first[1]
            has_content = any(w.lower() not in self._stops for w in words(p))
            if out and (not has_content or len(words(p)) < 3):
                out[-1] = f"{out[-1]} {p}"
            else:
                out.append(p)
        if len(out) > 1 and len(words(out[0])) < 3:
            out[1] = f"{out[0]} {out[1]}"
            out = out[1:]
        return out or [sentence]

    # ------------------------------------------------------------------ relations
    def _predicate(self, t: _Tokens) -> _Predicate | None:
        """The clause's predicate with its agents and patients (English), or ``None``."""
        if not self._english:
            return None
        found = None
        start = 0
        k = 0
        n = len(t.low)
        while k < n:
            verb = self._verb_at(t.low, k)
            if verb is None:
                k += 1
                continue
            pos, passive = verb
            found = (pos, passive, start)
            if t.low[pos] in _REPORTING:  # "X said (that) Y did Z": the relation is Y-did-Z
                start = pos + 1
                k = pos + 1
                continue
            break
        if found is None:
            return None
        pos, passive, start = found
        if t.low[pos] in _REPORTING:
            start = 0
        return self._roles(t, pos, passive, start)

    def _verb_at(self, low: list[str], k: int) -> tuple[int, bool] | None:
        """The predicate that starts at word ``k`` (its position and voice), or ``None``."""
        w = low[k]
        if w in _AUX or w in _LINKING:
            m = k + 1
            while m < len(low) and (_adverb(low[m]) or low[m] in _AUX):
                m += 1
            if m < len(low) and low[m] not in self._stops and low[m].isalpha():
                if w in _LINKING and not _participle(low[m]):
                    return k, False  # "became president": the linking verb is the predicate
                return m, _passive(low, m)
            return None
        if k == 0 or w in self._stops or not w.isalpha():
            return None
        before = low[k - 1]
        if before in _DETERMINERS or before.endswith(("'s", "’s")):
            return None
        if (w.endswith("ed") and len(w) > 4) or w in _IRREGULAR:
            return k, _passive(low, k)
        return None

    def _roles(self, t: _Tokens, pos: int, passive: bool, start: int = 0) -> _Predicate:
        """Agents and patients of the predicate at ``pos``, within its clause (from the last
        boundary before it, and no earlier than ``start``, to the next one after it)."""
        lo = max([start, *(i for i in range(start, pos + 1) if t.breaks[i])])
        hi = next((i for i in range(pos + 1, len(t.low)) if t.breaks[i]), len(t.low))
        before = {i for i in range(lo, pos) if t.content[i]}
        after = [i for i in range(pos + 1, hi) if t.content[i]]
        if not passive:
            return _Predicate(pos, False, frozenset(before), frozenset(after))
        by = next((i for i in range(pos + 1, hi) if t.low[i] == "by"), None)
        agents = frozenset(i for i in after if by is not None and i > by)
        return _Predicate(pos, True, agents, frozenset(before))

    # ------------------------------------------------------------------ support
    def check(self, generated: list[str], sources: tuple[Sentence, ...]) -> list[Check]:
        """Verdicts for each generated sentence, in order."""
        if not generated:
            return []
        texts = [s.text for s in sources]
        names = name_vocabulary(texts)
        src = [self._read(t, names) for t in texts]
        clauses = [self._clauses(g) for g in generated]
        flat = [c for cs in clauses for c in cs]
        read = [self._read(c, names) for c in flat]
        aligned, rows = self._alignment(flat, read, generated, texts, src)
        self._vectors = self._word_vectors(read, src)
        first: dict[str, int] = {}
        for j, s in enumerate(sources):
            first.setdefault(s.doc_id, j)
        out: list[Check] = []
        used: set[int] = set()
        k = 0
        for n, (g, cs) in enumerate(zip(generated, clauses, strict=True)):
            carried: list[str] = []
            disputed: set[str] = set()
            failures: list[_Verdict] = []
            for _ in cs:
                verdicts = self._support(read[k], flat[k], aligned[k], sources, src)
                k += 1
                docs = [sources[span[0]].doc_id for span, v in verdicts if v.carried]
                disputed.update(sources[span[0]].doc_id for span, v in verdicts if v.disputed)
                if docs:
                    carried.extend(docs)
                else:
                    failures.append(self._best_failure([v for _, v in verdicts]))
            if not failures:
                credit = sorted({d for d in carried if d not in disputed}, key=first.__getitem__)
                out.append(Check(g, (), "kept", sources=tuple(credit)))
                continue
            missing = tuple(dict.fromkeys(m for f in failures for m in f.missing))
            reason = "; ".join(self._describe(f) for f in failures)
            out.append(self._unsupported(g, missing, reason, rows[n], sources, used))
        return out

    def _unsupported(self, g: str, missing: tuple[str, ...], reason: str, row: np.ndarray,
                     sources: tuple[Sentence, ...], used: set[int]) -> Check:
        if self.action == "mark":
            return Check(g, missing, "marked", reason=reason)
        if self.action == "replace":
            for j in np.argsort(-row, kind="stable").tolist():
                if j in used or not np.isfinite(row[j]):
                    continue
                used.add(j)
                return Check(g, missing, "replaced", replacement=sources[j].text, sources=(sources[j].doc_id,),
                             reason=reason)
        return Check(g, missing, "dropped", reason=reason)

    @staticmethod
    def _best_failure(verdicts: list[_Verdict]) -> _Verdict:
        """The window that came closest: fewest missing words, then a broken relation."""
        if not verdicts:
            return _Verdict(False, False, (), "")
        return min(verdicts, key=lambda v: (len(v.missing), v.relation == "", v.disputed))

    @staticmethod
    def _describe(v: _Verdict) -> str:
        if v.missing:
            return f"{', '.join(v.missing)} in no aligned source sentence"
        if v.relation:
            return v.relation
        if v.disputed:
            return "the aligned source sentences state the opposite or other figures"
        return "no source sentence to align with"

    def _alignment(self, flat: list[str], read: list[_Tokens], generated: list[str], texts: list[str],
                   src: list[_Tokens]) -> tuple[list[list[int]], list[np.ndarray]]:
        """The aligned source sentences of each clause (best first), and, for each generated
        sentence, the replacement score of every source sentence (``-inf``: no replacement)."""
        n = len(texts)
        if n == 0:
            return [[] for _ in flat], [np.zeros(0) for _ in generated]
        src_sets = [_content_set(t) for t in src]
        dense = None
        if self._encoder is not None:
            vectors = self._encoder.encode([*texts, *flat, *generated])
            dense = vectors[n:] @ vectors[:n].T
        aligned = []
        for k, t in enumerate(read):
            mine = _content_set(t)
            share = np.array([len(mine & s) / len(mine) if mine else 0.0 for s in src_sets])
            score = share + (dense[k] if dense is not None else 0.0)
            order = np.argsort(-score, kind="stable")
            # the best candidates, and every sentence with half the clause's content words
            wide = [j for j in order[self.candidates:].tolist() if share[j] >= 0.5][:_MAX_WIDE]
            aligned.append([*order[:self.candidates].tolist(), *wide])
        rows = []
        for k, g in enumerate(generated):
            mine = _content_set(self._read(g, frozenset()))
            shared = np.array([len(mine & s) for s in src_sets], dtype=float)
            lexical = np.array([len(mine & s) / np.sqrt(max(len(mine), 1) * max(len(s), 1)) for s in src_sets])
            score = lexical + (dense[len(flat) + k] if dense is not None else 0.0)
            rows.append(np.where((shared > 0) & (lexical >= self.align_threshold), score, -np.inf))
        return aligned, rows

    def _word_vectors(self, read: list[_Tokens], src: list[_Tokens]) -> dict[str, np.ndarray]:
        """Dense vectors of the content words that may stand for one another (names excluded)."""
        if self._encoder is None:
            return {}
        vocab = sorted({w for t in (*read, *src) for w, c, nm in zip(t.low, t.content, t.names, strict=True)
                        if c and not nm})
        return dict(zip(vocab, self._encoder.encode(vocab), strict=True)) if vocab else {}

    def _close(self, word: str, candidates: Sequence[str]) -> bool:
        """Whether some candidate's vector has cosine at least ``word_similarity`` with ``word``'s."""
        v = self._vectors.get(word)
        others = [self._vectors[c] for c in candidates if c in self._vectors]
        return v is not None and bool(others) and float(np.max(np.stack(others) @ v)) >= self.word_similarity

    def _windows(self, j: int, sources: tuple[Sentence, ...]) -> list[tuple[int, ...]]:
        """Spans of at most ``window`` adjacent sentences of ``j``'s document that hold ``j``."""
        out = []
        for size in range(1, self.window + 1):
            for first in range(j - size + 1, j + 1):
                span = tuple(range(first, first + size))
                if span[0] >= 0 and span[-1] < len(sources) and all(
                        sources[i].doc_id == sources[j].doc_id for i in span):
                    out.append(span)
        return out

    def _support(self, clause: _Tokens, text: str, aligned: list[int], sources: tuple[Sentence, ...],
                 src: list[_Tokens]) -> list[tuple[tuple[int, ...], _Verdict]]:
        """Every window around the aligned sentences, with its verdict on the clause."""
        predicate = self._predicate(clause)
        seen: set[tuple[int, ...]] = set()
        out = []
        for j in aligned:
            for span in self._windows(j, sources):
                if span not in seen:
                    seen.add(span)
                    out.append((span, self._verdict(clause, text, predicate, span, sources, src)))
        return out

    def _matches(self, clause: _Tokens, i: int, t: _Tokens) -> list[int]:
        """Positions in ``t`` that stand for the clause's word ``i`` (same stem, or close)."""
        stem = clause.stems[i]
        hits = [p for p, s in enumerate(t.stems) if s == stem]
        if hits or clause.names[i]:
            return hits
        return [p for p, (w, c) in enumerate(zip(t.low, t.content, strict=True))
                if c and self._close(clause.low[i], [w])]

    def _uncovered(self, clause: _Tokens, window: list[_Tokens]) -> list[str]:
        """The clause's content words the window does not carry."""
        stems = {s for t in window for s in t.stems}
        joined = {self._stem(a + b) for t in window for a, b in zip(t.low, t.low[1:], strict=False)}
        words_here = sorted({w for t in window for w, c in zip(t.low, t.content, strict=True) if c})
        missing = []
        n = len(clause.low)
        k = 0
        while k < n:
            if not clause.content[k] or clause.stems[k] in stems or clause.stems[k] in joined:
                k += 1
            elif k + 1 < n and self._stem(clause.low[k] + clause.low[k + 1]) in stems:
                k += 2  # "coast guard" for "coastguard"
            else:
                if clause.names[k] or not self._close(clause.low[k], words_here):
                    missing.append(clause.low[k])
                k += 1
        return missing

    def _verdict(self, clause: _Tokens, text: str, predicate: _Predicate | None, span: tuple[int, ...],
                 sources: tuple[Sentence, ...], src: list[_Tokens]) -> _Verdict:
        missing = self._uncovered(clause, [src[i] for i in span])
        if missing:
            figures = numbers(text) - numbers(" ".join(sources[i].text for i in span))
            return _Verdict(False, False, tuple(dict.fromkeys([*missing, *sorted(figures)])), "")
        core, relation = self._relation(clause, predicate, span, src)
        if relation:
            return _Verdict(False, False, (), relation)
        # polarity from the clause of the source sentence that holds the claim (a "not" in
        # another clause of it says nothing about this one), figures from the whole window
        stated = numbers(" ".join(sources[i].text for i in span))
        local = f"{self._local(clause, src[core])} {' '.join(sorted(stated))}"
        verdict = compare_claims(f"{self._local(clause, clause)} {' '.join(sorted(numbers(text)))}", local,
                                 self.language)
        if verdict == "partial":
            return _Verdict(False, False, tuple(sorted(numbers(text) - stated)), "")
        return _Verdict(verdict == "same", verdict == "differs", (), "")

    def _local(self, clause: _Tokens, t: _Tokens) -> str:
        """The words of ``t`` from the clause boundary before the first word it shares with the
        clause to the boundary after the last one (no figures: those come from the window)."""
        mine = {s for s, c in zip(clause.stems, clause.content, strict=True) if c}
        hits = [p for p, s in enumerate(t.stems) if s in mine]
        if not hits:
            return " ".join(w for w in t.low if not w[:1].isdigit())
        first, last = _shortest_cover(hits, t.stems)
        lo = max(p for p in range(first + 1) if t.breaks[p] or p == 0)
        hi = next((p for p in range(last + 1, len(t.low)) if t.breaks[p]), len(t.low))
        return " ".join(w for w in t.low[lo:hi] if not w[:1].isdigit())

    def _relation(self, clause: _Tokens, predicate: _Predicate | None, span: tuple[int, ...],
                  src: list[_Tokens]) -> tuple[int, str]:
        """The window sentence that holds the clause's predicate, and what breaks the relation
        there ("" when nothing does)."""
        mine = set(clause.stems)
        best = max(span, key=lambda i: (len(mine & set(src[i].stems)), -i))
        if predicate is None:
            return best, ""
        problem = ""
        for i in span:
            t = src[i]
            for q in self._matches(clause, predicate.position, t):
                there = self._source_roles(t, q)
                wrong = self._crossed(clause, predicate, t, there) if there is not None else ""
                if not wrong:
                    return i, ""
                problem = problem or wrong
        return best, problem

    def _source_roles(self, t: _Tokens, q: int) -> _Predicate | None:
        """Agents and patients around the word at ``q`` of a source sentence (English)."""
        return self._roles(t, q, _passive(t.low, q)) if self._english else None

    def _crossed(self, clause: _Tokens, predicate: _Predicate, t: _Tokens, there: _Predicate) -> str:
        """A word the clause makes an agent that stands only among the patients in ``t``, or
        the other way round, as a reason; "" when none does."""
        verb = clause.low[predicate.position]
        for mine, theirs, other, role in ((predicate.agents, there.agents, there.patients, "acted on, not the actor"),
                                          (predicate.patients, there.patients, there.agents, "the actor, not acted on")):
            for i in sorted(mine):
                spots = set(self._matches(clause, i, t))
                if spots and spots & other and not spots & theirs:
                    return f"in the aligned source sentences '{clause.low[i]}' is {role} ('{verb}')"
        return ""


def _adverb(w: str) -> bool:
    return w in _ADVERBS or (w.endswith("ly") and len(w) > 4)


def _participle(w: str) -> bool:
    return w.endswith(("ed", "en", "wn")) or w in _IRREGULAR


def _passive(low: list[str], q: int) -> bool:
    """Whether the word at ``q`` is a participle after a form of "be" (or "remain", "get"...),
    adverbs and negation skipped: "sailings were not suspended", "remain suspended"."""
    m = q - 1
    while m >= 0 and _adverb(low[m]):
        m -= 1
    return m >= 0 and (low[m] in _BE or low[m] in _LINKING) and _participle(low[q])


def _shortest_cover(hits: list[int], stems: list[str]) -> tuple[int, int]:
    """The shortest span of positions holding every distinct stem found at ``hits``."""
    need = len({stems[p] for p in hits})
    count: dict[str, int] = {}
    best = (hits[0], hits[-1])
    left = 0
    for p in hits:
        count[stems[p]] = count.get(stems[p], 0) + 1
        while len(count) == need:
            if p - hits[left] < best[1] - best[0]:
                best = (hits[left], p)
            q = stems[hits[left]]
            count[q] -= 1
            if not count[q]:
                del count[q]
            left += 1
    return best


def _content_set(t: _Tokens) -> frozenset[str]:
    return frozenset(s for s, c in zip(t.stems, t.content, strict=True) if c)
