"""Cleaning scraped news before summarizing, step by step, with a report of every removal.

Steps (each can be switched off):

- ``html``: documents given as HTML become main text through trafilatura.
- ``boilerplate``: wire furniture (:mod:`summarize.text.wire`: "MORE", "(vs/krt)", "Eds: ...",
  "NATIONAL FORECAST"); whole lines that are ad or embed markers, photo credits, "Source link" /
  "Read more" / share / subscribe lines, bylines and contributor lines, breaking-news
  banners, editor's notes (lexical, per language); a leading dateline; and everything after
  a "related stories" header.
- ``broken``: sentence fragments: one-word sentences ("Stated."; not a word the rest of the
  cluster uses, such as a name the splitter cut from its title: "Bush."), short fragments that end
  on a function word ("It was held at"), all-caps kickers ("'FIGHT TO THE END':"); and
  machine-translation debris glued onto real sentences ('No," he said.', "I called out.",
  "He said it was necessary."): short generic clauses unrelated to the rest of the cluster
  (:mod:`summarize.clean.debris`).
- ``syndicated``: the same wire story carried by several outlets is kept once (the earliest);
  the copies' ids are kept as aliases, so provenance still credits every outlet. A version
  that changes a figure or a polarity in one sentence (an updated toll) is not a copy.
- ``offtopic_documents``: a document that does not belong to the event the others report
  (the rule that groups a day's articles into events; :mod:`summarize.clean.offtopic`), or a
  failed scrape, is left out (reason recorded, with a logistic model's off-topic probability).
- ``offtopic_passages``: trailing paragraphs (teasers, "other news") whose similarity to the
  rest of the cluster is low are cut.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import scipy.sparse as sp

from summarize.clean.debris import DebrisDetector, quote_moves
from summarize.clean.offtopic import document_features, load_model, verdicts
from summarize.clean.patterns import CHROME_LANGUAGES, compile_header, compile_lines, page_chrome
from summarize.errors import ConfigError
from summarize.io.common import make_document
from summarize.io.duc import strip_dateline
from summarize.linear import LinearModel
from summarize.text.facts import compare_claims
from summarize.text.languages import canonical
from summarize.text.sentences import split_paragraphs, split_sentences
from summarize.text.tokenize import Stemmer, iter_words, stop_words, words
from summarize.text.wire import furniture_reason, strip_furniture
from summarize.types import Cluster, Document

STEPS = ("html", "boilerplate", "broken", "syndicated", "offtopic_documents", "offtopic_passages")
_END_PUNCT = re.compile(r"[.!?…:;\"'”’»)\]。！？؟।॥]\s*$")
_AFTER_QUOTE = re.compile(r"[\"”»“]\s*$")  # a sentence that ends on a quotation
_ADDRESS = re.compile(r"\S[./@]\w+\s*$")  # ends on a web or mail address ("The site is at flight592.com")
_KICKER = re.compile(r"^[‘'\"“]?[A-Z][A-Z0-9 ’'\-]{2,40}[’'\"”]?:\s")
_HTML = re.compile(r"<(?:html|body|div|p|article|script)\b", re.I)


def _markup(head: str) -> bool:
    """Whether a text's head is HTML markup (it opens with a tag, or holds two or more opening
    tags of a page), not a report that quotes a tag ('... showed the text "<script>alert()</script>"',
    whose words the extraction would drop)."""
    tags = _HTML.findall(head)
    return bool(tags) and (head.lstrip().startswith("<") or len(tags) >= 2)


def _tied_word(sentence: str, vocabulary: set[str]) -> bool:
    """Whether a one-word sentence is a word (not a number) that the cluster uses elsewhere."""
    toks = words(sentence)
    return len(toks) == 1 and not toks[0].isdigit() and toks[0].lower() in vocabulary


def _boilerplate_reason(text: str, lines: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    """Why ``text`` (a whole line or sentence) is boilerplate, or ``None``."""
    return next((why for pat, why in lines if pat.match(text)), None)


@dataclass(frozen=True, slots=True)
class Removal:
    """One thing taken out: which document, by which step, why, and the text."""

    doc_id: str
    step: str
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class CleanReport:
    """What cleaning did to one cluster."""

    cluster_id: str
    removals: tuple[Removal, ...] = ()
    dropped_documents: tuple[tuple[str, str], ...] = ()  # (document id, reason)
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # kept document -> its syndicated copies
    scores: tuple[tuple[str, float], ...] = ()  # document -> probability that it is off-topic

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data, grouped by document."""
        by_doc: dict[str, list[dict[str, str]]] = {}
        for r in self.removals:
            by_doc.setdefault(r.doc_id, []).append({"step": r.step, "reason": r.reason, "text": r.text})
        return {"id": self.cluster_id, "removed": by_doc,
                "dropped_documents": [{"id": d, "reason": why} for d, why in self.dropped_documents],
                "syndicated": {k: list(v) for k, v in self.aliases},
                "offtopic_probability": dict(self.scores)}


@dataclass
class _Doc:
    doc: Document
    paragraphs: list[str]
    removals: list[Removal] = field(default_factory=list)


class Cleaner:
    """Configurable cleaning pipeline; :meth:`clean` returns the cleaned cluster and a report.

    Args:
        steps: which steps run, in the fixed order of :data:`STEPS`.
        offtopic_threshold: a document whose off-topic probability (see
            :mod:`summarize.clean.offtopic`) is at least this is left out as well; ``None``:
            the model's probability is only reported (at its own threshold it dropped 3-14% of
            genuine reports in curated clusters).
        offtopic_model: path to a model written by ``eval/train_offtopic.py``; ``None`` is the
            shipped one.
        offtopic_max_similarity: a document whose best cosine with another document of the
            cluster is at least this is never judged off-topic by the model. The model learned
            Multi-News' rate of off-topic documents (one in five); this guard keeps it from
            dropping genuine reports from clean clusters (DUC, TAC) where the rate is near zero.
        chrome_density: a document with at least this many web-page chrome terms (cookies,
            log in, subscribe, tweet, browser, ...) per 100 words is a failed scrape, off-topic.
        passage_threshold: a trailing paragraph shaped like a teaser (cut off mid-sentence, or
            opened by an all-caps kicker) whose similarity with the rest of the cluster is below
            this is cut.
        unrelated_threshold: a trailing paragraph of any shape whose similarity is below this,
            i.e. that shares next to nothing with the cluster, is cut. Paragraphs inside the
            text are never cut: there a low similarity more often means unique reporting.
        syndication_threshold: word 5-gram Jaccard overlap above which two documents are copies.
        min_fragment_words: sentences with fewer words than this and no verb-like ending are
            fragments (``broken`` step).
        debris_max_words: machine-translation debris (``broken`` step) has at most this many
            words.
        debris_max_shared: debris shares at most this many content words with the rest of the
            cluster.
        debris_min_evidence: a first-person or attribution-tag clause is debris only in a
            document with at least this many stray-quotation clauses and one-word fragments.
    """

    def __init__(self, *, steps: list[str] | tuple[str, ...] = STEPS, offtopic_threshold: float | None = None,
                 offtopic_model: str | None = None, offtopic_max_similarity: float = 0.1,
                 chrome_density: float = 3.0, passage_threshold: float = 0.1, unrelated_threshold: float = 0.01,
                 syndication_threshold: float = 0.7,
                 min_fragment_words: int = 2, debris_max_words: int = 8, debris_max_shared: int = 1,
                 debris_min_evidence: int = 2) -> None:
        unknown = [s for s in steps if s not in STEPS]
        if unknown:
            raise ConfigError(f"unknown cleaning step(s) {unknown}; expected some of {', '.join(STEPS)}")
        self.steps = tuple(s for s in STEPS if s in steps)
        self.offtopic_threshold = None if offtopic_threshold is None else float(offtopic_threshold)
        if self.offtopic_threshold is not None and not 0 < self.offtopic_threshold < 1:
            raise ConfigError(f"offtopic_threshold is a probability in (0, 1), got {offtopic_threshold}")
        self.offtopic_model = None if offtopic_model is None else str(offtopic_model)
        self.offtopic_max_similarity = float(offtopic_max_similarity)
        if not 0 < self.offtopic_max_similarity <= 1:
            raise ConfigError(f"offtopic_max_similarity must be in (0, 1], got {offtopic_max_similarity}")
        self._model: LinearModel | None = None
        self._threshold = 0.0
        if "offtopic_documents" in self.steps:  # loaded now: a bad model path fails before any cluster is read
            self._model = load_model(self.offtopic_model)
            assert self._model.threshold is not None  # load_model refuses a model without one
            self._threshold = self.offtopic_threshold or self._model.threshold
        self.chrome_density = float(chrome_density)
        self.passage_threshold = float(passage_threshold)
        self.unrelated_threshold = float(unrelated_threshold)
        self.syndication_threshold = float(syndication_threshold)
        self.min_fragment_words = int(min_fragment_words)
        self.debris_max_words = int(debris_max_words)
        self.debris_max_shared = int(debris_max_shared)
        self.debris_min_evidence = int(debris_min_evidence)
        if self.debris_max_words < 1 or self.debris_max_shared < 0 or self.debris_min_evidence < 0:
            raise ConfigError(f"debris_max_words must be at least 1 and debris_max_shared, debris_min_evidence at "
                              f"least 0; got {debris_max_words}, {debris_max_shared}, {debris_min_evidence}")

    # ------------------------------------------------------------------ public
    def clean(self, cluster: Cluster) -> tuple[Cluster, CleanReport]:
        """Clean one cluster.

        Returns:
            The cleaned cluster (documents re-split into sentences) and the report. At least
            one document is always kept.
        """
        language = cluster.language
        docs = [_Doc(d, self._paragraphs(d)) for d in cluster.documents]
        dropped: list[tuple[str, str]] = []
        aliases: dict[str, list[str]] = {}
        scores: dict[str, float] = {}
        if "boilerplate" in self.steps:
            for d in docs:
                self._boilerplate(d, language)
        if "broken" in self.steps:
            detector = DebrisDetector(language, max_words=self.debris_max_words, max_shared=self.debris_max_shared,
                                      min_evidence=self.debris_min_evidence)
            split = [[split_sentences(p, language) for p in d.paragraphs] for d in docs]
            vocabulary = {w.lower() for doc in split for para in doc for s in para if len(ws := words(s)) > 1
                          for w in ws}
            for d, sentences, context in zip(docs, split, self._debris_contexts(split, detector), strict=True):
                self._broken(d, sentences, language, detector, context, vocabulary)
        for d in docs:
            if not d.paragraphs:
                dropped.append((d.doc.id, "no text left after cleaning"))
        docs = [d for d in docs if d.paragraphs]
        if "syndicated" in self.steps and len(docs) > 1:
            docs = self._syndicated(docs, aliases, dropped, language)
        if "offtopic_documents" in self.steps and len(docs) > 1:
            docs = self._offtopic_documents(docs, language, dropped, scores)
        if "offtopic_passages" in self.steps and len(docs) > 1:
            passages = _PassageCounts(docs, language)
            for d in docs:
                self._offtopic_passages(d, passages)
        if not docs:  # never leave a cluster empty: fall back to the original documents
            docs = [_Doc(d, self._paragraphs(d)) for d in cluster.documents[:1]]
            dropped = [x for x in dropped if x[0] != docs[0].doc.id]
        cleaned = []
        for d in docs:
            text = "\n\n".join(d.paragraphs)
            cleaned.append(make_document(id=d.doc.id, text=text, language=language, title=d.doc.title,
                                         source=d.doc.source, published=d.doc.published, url=d.doc.url))
        kept = [c for c in cleaned if c.sentences] or cleaned[:1]
        report = CleanReport(
            cluster_id=cluster.id,
            removals=tuple(r for d in docs for r in d.removals),
            dropped_documents=tuple(dropped),
            aliases=tuple((k, tuple(v)) for k, v in aliases.items()),
            scores=tuple(sorted(scores.items())),
        )
        return Cluster(id=cluster.id, documents=tuple(kept), references=cluster.references,
                       language=cluster.language, headline=cluster.headline), report

    # ------------------------------------------------------------------ steps
    def _paragraphs(self, doc: Document) -> list[str]:
        text = doc.text
        if "html" in self.steps and _markup(text[:2000]):
            from summarize.io.folder import html_to_text

            text, _ = html_to_text(text)
        return split_paragraphs(text)

    def _boilerplate(self, d: _Doc, language: str) -> None:
        lines = compile_lines(language)
        chrome = canonical(language) in CHROME_LANGUAGES
        header = compile_header(language)
        kept: list[str] = []
        for k, para in enumerate(d.paragraphs):
            if header is not None and k > 0 and header.match(para):
                d.removals.append(Removal(d.doc.id, "boilerplate", "related-stories section",
                                          " | ".join(d.paragraphs[k:])))
                break
            # wire furniture: "MORE", "(vs/krt)", "Eds: ...", also when glued to a paragraph's end
            para, furniture = strip_furniture(para)
            d.removals.extend(Removal(d.doc.id, "boilerplate", why, text) for why, text in furniture)
            if not para:
                continue
            reason = _boilerplate_reason(para, lines)
            if reason is not None:
                d.removals.append(Removal(d.doc.id, "boilerplate", reason, para))
                continue
            # scraped text often runs page furniture into the paragraph: the same patterns,
            # matched against each whole sentence; and a flattened page's chrome before a
            # sentence ("Image copyright afp image caption ...") is cut off it
            sentences = split_sentences(para, language)
            if len(sentences) > 1 or chrome:
                clean = []
                for s in sentences:
                    why = (_boilerplate_reason(s, lines) or furniture_reason(s)) if len(sentences) > 1 else None
                    if why is not None:
                        d.removals.append(Removal(d.doc.id, "boilerplate", f"{why} (sentence)", s))
                        continue
                    rest, cut = page_chrome(s, language) if chrome else (s, "")
                    if cut:
                        d.removals.append(Removal(d.doc.id, "boilerplate", "page chrome (prefix)", cut))
                    clean.append(rest)
                if clean != sentences:
                    para = " ".join(clean)
                if not clean:
                    continue
            kept.append(para)
        if kept:
            stripped = strip_dateline(kept[0])
            if stripped != kept[0] and stripped.strip():
                d.removals.append(Removal(d.doc.id, "boilerplate", "dateline", kept[0][: len(kept[0]) - len(stripped)]))
                kept[0] = stripped
        d.paragraphs = kept

    @staticmethod
    def _debris_contexts(split: list[list[list[str]]], detector: DebrisDetector) -> list[frozenset[str]]:
        """Per document, the content stems of the rest of the cluster: the other documents
        (less sentences this one carries word for word: a syndicated copy repeats its debris),
        or for a cluster of one the document's own sentences that are too long to be debris."""
        bags = [{s: detector.content(s) for para in doc for s in para} for doc in split]
        contexts = []
        for i, own in enumerate(bags):
            if len(bags) == 1:
                rest = [c for s, c in own.items() if len(words(s)) > detector.max_words]
            else:
                rest = [c for j, bag in enumerate(bags) if j != i for s, c in bag.items() if s not in own]
            contexts.append(frozenset().union(*rest))
        return contexts

    def _broken(self, d: _Doc, split: list[list[str]], language: str, detector: DebrisDetector,
                context: frozenset[str], vocabulary: set[str]) -> None:
        """Remove fragments and debris from ``d``, whose paragraphs are split in ``split``;
        ``vocabulary`` holds the (lower-cased) words of the cluster's longer sentences."""
        stops = stop_words(language)
        # a fragment that opens or closes a quotation going on in a neighbour ('"Panic. No
        # help. ..."', '» , criait-il.') stays: without it the quotation would be broken; so
        # does a one-word piece after a quotation (its speaker: '..." - "Fiona"') or that the
        # cluster uses elsewhere (a name the splitter cut off: "George W." + "Bush."), unless
        # it is a bare speech verb with no quotation to attribute ("Stated.")
        moves = [quote_moves(para, language) for para in split]
        why = {}
        for pi, para in enumerate(split):
            for si, s in enumerate(para):
                r = None if moves[pi][si].carries else self._fragment(s, stops)
                if r == "one-word fragment" and (
                        (si and _AFTER_QUOTE.search(para[si - 1]))
                        or (_tied_word(s, vocabulary) and not detector.speech_verb(words(s)[0]))):
                    r = None
                if r:
                    why[(pi, si)] = r
        evidence = sum(r == "one-word fragment" and any(c.isalpha() for c in split[pi][si])  # "Stated.", not "2."
                       for (pi, si), r in why.items())
        why.update(detector.find(split, context, skip=why.keys(), evidence=evidence, moves=moves))
        kept_paras = []
        for pi, para in enumerate(split):
            kept = []
            for si, s in enumerate(para):
                if (pi, si) in why:
                    d.removals.append(Removal(d.doc.id, "broken", why[(pi, si)], s))
                else:
                    kept.append(s)
            if kept:
                kept_paras.append(" ".join(kept))
        d.paragraphs = kept_paras

    def _fragment(self, sentence: str, stops: frozenset[str]) -> str | None:
        toks = words(sentence)
        if not toks:
            return "no words"
        if len(toks) >= 10 and len({t.lower() for t in toks}) < 0.2 * len(toks):
            return "not prose (one token repeated)"
        letters = [c for c in sentence if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        if len(letters) >= 6 and upper / len(letters) > 0.8 and len(toks) <= 8 and not sentence.rstrip().endswith(
                (".", "!", "?")):
            return "all-caps kicker"
        if len(toks) < self.min_fragment_words and _END_PUNCT.search(sentence):
            return "one-word fragment"
        if len(toks) <= 6 and not _END_PUNCT.search(sentence) and toks[-1].lower() in stops \
                and not _ADDRESS.search(sentence):
            return "fragment cut mid-sentence"
        return None

    @staticmethod
    def _shingles(text: str) -> np.ndarray:
        """The text's word 5-grams (lower-cased; the whole text when shorter), as sorted unique
        64-bit hashes: a huge document's set of 5-gram tuples took about 100 bytes a word."""
        window: list[str] = []
        hashes = array("q")  # 8 bytes a word
        for w in iter_words(text):
            window.append(w.lower())
            if len(window) == 5:
                hashes.append(hash(tuple(window)))
                del window[0]
        if not hashes and window:
            hashes.append(hash(tuple(window)))
        return np.unique(np.frombuffer(hashes, dtype=np.int64)) if hashes else np.zeros(0, dtype=np.int64)

    @staticmethod
    def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
        shared = len(np.intersect1d(a, b, assume_unique=True))
        return shared / (len(a) + len(b) - shared)

    def _syndicated(self, docs: list[_Doc], aliases: dict[str, list[str]],
                    dropped: list[tuple[str, str]], language: str) -> list[_Doc]:
        """Keep each wire story once (the earliest version); the copies become aliases.

        A near-identical version that states other figures or the opposite in one of its
        sentences (an updated death toll) is not a copy: it stays, so that provenance does not
        credit it with the figures it changed and can report it as differing.
        """
        order = sorted(range(len(docs)), key=lambda i: (
            (docs[i].doc.published or datetime.max).replace(tzinfo=None), i))
        shingles = {i: self._shingles(" ".join(docs[i].paragraphs)) for i in order}
        kept: list[int] = []
        for i in order:
            twin = next((k for k in kept if len(shingles[i]) and len(shingles[k]) and
                         self._jaccard(shingles[i], shingles[k]) >= self.syndication_threshold
                         and not self._disagree(docs[i], docs[k], language)),
                        None)
            if twin is None:
                kept.append(i)
            else:
                aliases.setdefault(docs[twin].doc.id, []).append(docs[i].doc.id)
                dropped.append((docs[i].doc.id, f"syndicated copy of {docs[twin].doc.id}"))
        return [docs[i] for i in sorted(kept)]

    @staticmethod
    def _disagree(a: _Doc, b: _Doc, language: str) -> bool:
        """Whether a sentence of ``b`` is worded like one of ``a`` (word-set Jaccard 0.6 or
        more) but states other figures or the opposite (:func:`compare_claims`)."""
        def sentences(d: _Doc) -> dict[str, frozenset[str]]:
            return {t: frozenset(w.lower() for w in words(t))
                    for p in d.paragraphs for t in split_sentences(p, language)}

        ours, theirs = sentences(a), sentences(b)
        for t, bag in theirs.items():
            if t in ours or not bag:
                continue
            close = max(ours, key=lambda u: len(bag & ours[u]) / len(bag | ours[u]), default=None)
            if close is not None and len(bag & ours[close]) / len(bag | ours[close]) >= 0.6 \
                    and compare_claims(close, t, language) == "differs":
                return True
        return False

    @staticmethod
    def _vectors(texts: list[str], language: str) -> sp.csr_matrix:
        """Unit-length TF-IDF rows of ``texts`` (sparse: a huge document's paragraphs x its
        vocabulary would not fit in memory as a dense matrix, issue 15)."""
        stem, stops = Stemmer(language), stop_words(language)
        return _tfidf_rows([_term_counts(t, stem, stops) for t in texts])

    def _offtopic_documents(self, docs: list[_Doc], language: str, dropped: list[tuple[str, str]],
                            scores: dict[str, float]) -> list[_Doc]:
        assert self._model is not None  # loaded in __init__ whenever this step runs
        texts = [" ".join(d.paragraphs) for d in docs]
        x = document_features(texts, self._vectors(texts, language), language)
        p = self._model.probability(x)
        drop, scraped, reasons = verdicts(texts, [d.doc.title for d in docs], language, p, x,
                                          threshold=self.offtopic_threshold,
                                          max_similarity=self.offtopic_max_similarity,
                                          chrome_density=self.chrome_density)
        if drop.all():  # never all: keep the likeliest on-topic, a real article before a failed scrape
            drop[int(np.argmin(p + scraped))] = False
        for d, pi in zip(docs, p, strict=True):
            scores[d.doc.id] = round(float(pi), 4)
        for i in np.flatnonzero(drop):
            dropped.append((docs[i].doc.id, reasons[i]))
        return [d for d, out in zip(docs, drop, strict=True) if not out]

    def _offtopic_passages(self, d: _Doc, passages: _PassageCounts) -> None:
        if len(d.paragraphs) < 2:
            return
        # the other documents' paragraphs as one text: the cluster's term counts less this
        # document's (counted once per cluster: joining and counting them again for every
        # document took time quadratic in the documents, minutes for a day's event of 300)
        x = _tfidf_rows([*passages.rows(d), passages.context(d)])
        sims = np.asarray((x[:-1] @ x[-1].T).todense()).ravel()
        keep = [True] * len(d.paragraphs)
        # trailing paragraphs: cut from the end while they are teasers of other stories
        for k in range(len(d.paragraphs) - 1, 0, -1):
            para = d.paragraphs[k]
            teaser = not _END_PUNCT.search(para) or bool(_KICKER.match(para))
            if (teaser and sims[k] < self.passage_threshold) or sims[k] < self.unrelated_threshold:
                keep[k] = False
            else:
                break
        for k, (p, ok) in enumerate(zip(d.paragraphs, keep, strict=True)):
            if not ok:
                d.removals.append(Removal(d.doc.id, "offtopic_passages",
                                          f"paragraph {k} similarity to the cluster {sims[k]:.3f}", p))
        passages.remove(d, keep)
        d.paragraphs = [p for p, ok in zip(d.paragraphs, keep, strict=True) if ok]


def _term_counts(text: str, stem: Stemmer, stops: frozenset[str] | set[str]) -> dict[str, int]:
    """The stemmed content-word counts of ``text``, in the order the terms first occur."""
    row: dict[str, int] = {}  # memory by distinct terms, not tokens
    for w in iter_words(text):
        low = w.lower()
        if low not in stops and not w.isdigit():
            term = stem(low)
            row[term] = row.get(term, 0) + 1
    return row


def _tfidf_rows(rows: list[dict[str, int]]) -> sp.csr_matrix:
    """Unit-length TF-IDF rows of term counts (the IDF over these rows), sparse."""
    vocab: dict[str, int] = {}
    indptr: list[int] = [0]
    cols: list[int] = []
    counts: list[int] = []
    for row in rows:
        ids = {vocab.setdefault(term, len(vocab)): n for term, n in row.items() if n}
        cols.extend(sorted(ids))
        counts.extend(ids[k] for k in sorted(ids))
        indptr.append(len(cols))
    m = sp.csr_matrix((np.asarray(counts, dtype=np.float64), np.asarray(cols, dtype=np.int64),
                       np.asarray(indptr, dtype=np.int64)), shape=(len(rows), max(len(vocab), 1)))
    del cols, counts
    df = np.bincount(m.indices, minlength=m.shape[1])
    m.data *= np.log1p(len(rows) / np.maximum(df, 1))[m.indices]
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    m.data /= np.repeat(np.where(norms > 0, norms, 1.0), np.diff(m.indptr))
    return m


class _PassageCounts:
    """The term counts of every paragraph of a cluster's documents, counted once, and their sum:
    the context of one document (the others' paragraphs) is the sum less its own."""

    def __init__(self, docs: list[_Doc], language: str) -> None:
        stem, stops = Stemmer(language), stop_words(language)
        self._rows = {id(d): [_term_counts(p, stem, stops) for p in d.paragraphs] for d in docs}
        self._total: dict[str, int] = {}
        for rows in self._rows.values():
            self._add(rows, 1)

    def _add(self, rows: list[dict[str, int]], sign: int) -> None:
        total = self._total
        for row in rows:
            for term, n in row.items():
                total[term] = total.get(term, 0) + sign * n

    def rows(self, d: _Doc) -> list[dict[str, int]]:
        return self._rows[id(d)]

    def context(self, d: _Doc) -> dict[str, int]:
        own: dict[str, int] = {}
        for row in self._rows[id(d)]:
            for term, n in row.items():
                own[term] = own.get(term, 0) + n
        return {term: n - own.get(term, 0) for term, n in self._total.items() if n - own.get(term, 0) > 0}

    def remove(self, d: _Doc, keep: list[bool]) -> None:
        """``d``'s paragraphs where ``keep`` is false are cut: no longer part of the others' context."""
        rows = self._rows[id(d)]
        self._add([r for r, ok in zip(rows, keep, strict=True) if not ok], -1)
        self._rows[id(d)] = [r for r, ok in zip(rows, keep, strict=True) if ok]
