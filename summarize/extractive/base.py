"""The extractive workflow.

Every summarizer maps a :class:`Cluster` to a :class:`Summary` (:class:`summarize.summarizer.Summarizer`,
the contract below every method family). Extractive methods fill one
hook, :meth:`Extractive.score`; the base class ranks sentences by score, selects them under
the :class:`Budget`, orders them, and records which documents carry each one.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import numpy as np
import scipy.sparse as sp

from summarize.budget import as_budget, fit_to_budget, length
from summarize.errors import ConfigError
from summarize.extractive.features import Features
from summarize.summarizer import Summarizer
from summarize.text.claims import ClaimIndex
from summarize.text.facts import compare_claims, figure_contexts
from summarize.text.tokenize import Stemmer, words
from summarize.types import Budget, Cluster, Document, Sentence, Summary

ORDERS = ("rank", "source", "chronological")
KEY_FACT = ("select", "order", "none")


_NORM = re.compile(r"\W+")
_WORD_RUNS = re.compile(r"\w+")


# ASCII characters that are not word characters (``\W``), each to a space
_ASCII_NON_WORD = str.maketrans({chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")})


def normalize(text: str) -> str:
    """Case- and punctuation-insensitive key of a sentence, for duplicate detection: its runs of
    word characters, lower-cased, joined by one space (``_NORM.sub(" ", text.lower()).strip()``)."""
    if text.isascii():  # the same runs: every non-word character made a space, then split on spaces
        return " ".join(text.lower().translate(_ASCII_NON_WORD).split())
    return " ".join(_WORD_RUNS.findall(text.lower()))


_QUOTE_ONLY = re.compile(r'^\s*["“‘\'][^"”]*[.!?,]?["”’\'][.!?]?\s*$')


class Extractive(Summarizer):
    """Base class of extractive summarizers: a method fills :meth:`score` (or :meth:`select`).

    The base class owns the multi-document workflow: sentence filters, selection under the
    budget, cross-document redundancy (a sentence too similar to one already chosen is
    skipped, so a fact reported by several outlets is selected once), ordering, and
    provenance (every document that carries a selected sentence or a near-duplicate of it).

    Args:
        budget: the length limit (a :class:`Budget` or ``{"words": 100}``-style mapping).
        order: ``"rank"`` (best first), ``"source"`` (document, then position) or
            ``"chronological"`` (publication date, then document, then position).
        truncate_last: cut the last sentence to fill the budget exactly, as DUC scoring does;
            for DUC-style ROUGE scoring only (a summary then ends on a cut sentence): no digest
            config sets it.
        redundancy: skip a sentence whose TF-IDF cosine with a chosen one exceeds this, or that
            carries the claim of a chosen one (or whose claim it carries) in other words, where
            claims are computed (``key_fact`` not ``"none"``, or ``corroboration``);
            ``None`` skips only exact repeats. Every method obeys it: ranked methods and MMR
            and submodular skip such sentences as they choose; the ILP's and the oracle's
            choices are filtered after solving.
        near_duplicate: cosine at or above which another document's sentence counts as a
            copy of a chosen one, for provenance.
        min_words: leave out sentences shorter than this (in words).
        max_words: leave out sentences longer than this.
        drop_questions: leave out questions.
        drop_quotes: leave out sentences that are nothing but a quotation.
        max_candidates: in clusters with more sentences than this, the method sees only the
            ones closest to the cluster centroid (in their original order), which keeps
            graph and set methods near-linear in the cluster size.
        embeddings: ``wordllama`` (static embeddings from the PyPI package, the ``dense``
            extra) or a local sentence-embedding checkpoint folder (e.g. all-MiniLM-L6-v2,
            needs torch); similarity, centroid, redundancy and provenance then use dense
            vectors instead of TF-IDF (raise ``redundancy``: dense cosines run higher).
        readable: select among readable units instead of raw sentences (see :meth:`units`):
            multi-sentence quotations whole, dangling sentences only with what they depend on
            or without their connective, no fragments. ``False`` selects raw sentences, as
            ROUGE benchmarks of other toolkits do.
        max_unit_words: the longest unit a dangling sentence and its antecedent may form;
            a dangling sentence that would need a longer one is not selected.
        key_fact: ``"select"``: the summary opens with the event's central fact (the
            sentence whose claim the most independent outlets carry, the most central and
            nearest the lead among those), chosen first, the method filling the rest of the
            budget; ``"order"``: the method chooses as usual and the most corroborated and
            central of its sentences goes first; ``"none"``: the configured order only.
            ``None``: the method's default (``"order"``; ``"none"`` for the baselines).
        key_earliness: weight, in the key fact's score, of how early the sentence's document
            was published (1 for the first report, 0 for the last, by rank): the event's key
            fact is in its first reports, a later follow-up leads with its own news.
        key_title: weight, in the key fact's score, of the sentence's cosine with the
            documents' titles (relative to the best candidate's): headlines state the key fact.
        corroboration: weight of corroboration (the share of independent outlets that carry a
            sentence's claim, :mod:`summarize.text.claims`) added to a method's scores (scaled
            to their spread) or to MMR's relevance; 0 leaves selection as the method has it.
        claim_embeddings: the dense vectors claim-level provenance uses (``wordllama``, the
            default; a checkpoint folder; or ``null`` for lexical alignment alone).
        fact_redundancy: also skip a sentence whose dense cosine (``claim_embeddings``) with a
            chosen one reaches this: the same fact in other words, which the lexical limit
            misses ("Crews went on strike on Saturday over a new night-shift rota" / "... after
            ferry crews began a 48-hour strike over night shifts"); ``null``: no such limit.
            Methods that choose greedily (MMR, and the room after the key fact) apply it.
        figure_redundancy: the same at this lower cosine for two sentences that share a figure
            (a number of 10 or more that is not a year: "1,200 homes", "about 9,000 runners"),
            and at any cosine when, beside the figure, both name two of the same content words
            ("Thirty-seven people were injured" / "The collision injured 37 people").
        name: the system name.
    """

    default_order = "source"
    default_redundancy: float | None = None
    #: ``"order"``: the key fact opens the summary when the method chose it, and selection (so
    #: ROUGE) is the method's own; ``experiment=digest`` asks for ``"select"``; the baselines
    #: (lead, random, oracle) keep their definition: ``"none"``
    default_key_fact = "order"

    def __init__(self, *, budget: Budget | Mapping[str, Any] | None = None,
                 order: str | None = None, truncate_last: bool = False,
                 redundancy: float | None | str = "default", near_duplicate: float = 0.8,
                 min_words: int = 0, max_words: int | None = None, drop_questions: bool = False,
                 drop_quotes: bool = False, max_candidates: int = 1500, embeddings: str | None = None,
                 readable: bool = True, max_unit_words: int = 30, key_fact: str | None = None,
                 corroboration: float = 0.0, claim_embeddings: str | None = "wordllama",
                 fact_redundancy: float | None = None, figure_redundancy: float | None = None,
                 key_earliness: float = 0.5, key_title: float = 1.0, name: str | None = None) -> None:
        super().__init__(name=name)
        for value, what in ((key_earliness, "key_earliness"), (key_title, "key_title")):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ConfigError(f"{what} must be a weight >= 0, got {value!r}")
        self.key_earliness = float(key_earliness)
        self.key_title = float(key_title)
        for value, what in ((fact_redundancy, "fact_redundancy"), (figure_redundancy, "figure_redundancy")):
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                      or not -1 <= float(value) <= 1):
                raise ConfigError(f"{what} must be a cosine in [-1, 1] or null, got {value!r}")
        self.fact_redundancy = None if fact_redundancy is None else float(fact_redundancy)
        self.figure_redundancy = None if figure_redundancy is None else float(figure_redundancy)
        if int(max_candidates) < 1:
            raise ConfigError(f"max_candidates must be positive, got {max_candidates!r}")
        self.max_candidates = int(max_candidates)
        self.embeddings = embeddings
        if embeddings is not None:
            from summarize.extractive.embeddings import cached_encoder

            self._encoder = cached_encoder(str(embeddings))
        self.budget = as_budget(budget)
        self.order = order or self.default_order
        if self.order not in ORDERS:
            raise ConfigError(f"unknown order {self.order!r}; expected one of {', '.join(ORDERS)}")
        self.truncate_last = bool(truncate_last)
        self.redundancy = self.default_redundancy if redundancy == "default" else redundancy
        if self.redundancy is not None and not 0 < float(self.redundancy) <= 1:
            raise ConfigError(f"redundancy must be in (0, 1] or null, got {self.redundancy!r}")
        if not 0 < near_duplicate <= 1:
            raise ConfigError(f"near_duplicate must be in (0, 1], got {near_duplicate!r}")
        self.near_duplicate = float(near_duplicate)
        self.min_words = int(min_words)
        self.max_words = None if max_words is None else int(max_words)
        self.drop_questions = bool(drop_questions)
        self.drop_quotes = bool(drop_quotes)
        self.readable = bool(readable)
        self.max_unit_words = int(max_unit_words)
        if self.max_unit_words < 1:
            raise ConfigError(f"max_unit_words must be positive, got {max_unit_words!r}")
        key_fact = key_fact or self.default_key_fact
        if key_fact not in KEY_FACT:
            raise ConfigError(f"unknown key_fact {key_fact!r}; expected one of {', '.join(KEY_FACT)}")
        self.key_fact = key_fact
        self.corroboration = float(corroboration)
        if self.corroboration < 0:
            raise ConfigError(f"corroboration must be a weight >= 0, got {corroboration!r}")
        self.claim_embeddings = None if claim_embeddings in (None, "", "none") else str(claim_embeddings)
        self._claim_encoder = None
        if self.claim_embeddings is not None and self.claim_embeddings == self.embeddings:
            self._claim_encoder = self._encoder
        elif self.claim_embeddings is not None:
            from summarize.extractive.embeddings import cached_encoder

            self._claim_encoder = cached_encoder(self.claim_embeddings)

    def score(self, cluster: Cluster, features: Features) -> np.ndarray:
        """Score every sentence of the cluster; higher is better.

        Args:
            cluster: the cluster being summarized.
            features: its sentences (``features.sentences``) and their representations.

        Returns:
            One float per sentence.
        """
        raise NotImplementedError(f"{type(self).__name__} implements neither score() nor select()")

    def select(self, cluster: Cluster, features: Features, eligible: np.ndarray) -> list[int] | None:
        """Choose the sentences as a set (global methods: MMR, ILP, submodular, oracle).

        Returns ``None`` (the default) to let the base class rank by :meth:`score`. A method
        that returns indices must keep them within the budget; the base class still orders
        them, enforces the budget and records provenance.
        """
        return None

    def candidates(self, features: Features) -> np.ndarray | None:
        """Indices of the sentences the method sees, or ``None`` for all of them."""
        n = len(features.sentences)
        if n <= self.max_candidates:
            return None
        relevance = np.asarray(features.vectors @ features.centroid)
        top = np.argsort(-relevance, kind="stable")[: self.max_candidates]
        return np.sort(top)

    def eligible(self, features: Features) -> np.ndarray:
        """The sentences that pass the filters (all of them if none would)."""
        n = features.n_words
        mask = n >= max(self.min_words, 1)
        if self.max_words is not None:
            mask &= n <= self.max_words
        if self.drop_questions:
            mask &= np.array([not s.text.rstrip(" \"'”’»)").endswith("?") for s in features.sentences])
        if self.drop_quotes:
            mask &= np.array([not _QUOTE_ONLY.match(s.text) for s in features.sentences])
        return mask if mask.any() else n > 0

    def summarize(self, cluster: Cluster) -> Summary:
        #: texts a method chose in place of a sentence (a compressed variant), by (doc id, index)
        self.rewritten: dict[tuple[str, int], str] = {}
        unblocked: np.ndarray | None = None
        if self.readable:
            cluster, unblocked = self.units(cluster)
        sentences = cluster.sentences
        if not sentences:
            return Summary(cluster_id=cluster.id, sentences=(), system=self.name)
        dense = self._encoder.encode([s.text for s in sentences]) if self.embeddings is not None else None
        full = Features(cluster, sentences, dense)
        claims = self._claims(cluster, full) if (self.key_fact != "none" or self.corroboration) else None
        corroboration = claims.corroboration() if claims is not None and (
            self.key_fact == "select" or self.corroboration) else None
        keep = self.candidates(full)
        features = full if keep is None else full.subset(keep)
        if corroboration is not None:
            features.corroboration = corroboration if keep is None else corroboration[keep]
        eligible = self.eligible(features)
        if unblocked is not None:
            allowed = unblocked if keep is None else unblocked[keep]
            if not (eligible & allowed).any():
                # nothing whole to say (every report cut mid-sentence or a quotation never
                # closed): an empty summary rather than a broken sentence
                return Summary(cluster_id=cluster.id, sentences=(), system=self.name)
            eligible = eligible & allowed
        key = self._key_fact(features, eligible) if self.key_fact == "select" else None
        if key is None:
            chosen = self._choose(cluster, features, eligible)
        else:
            chosen = [key, *self._after_key(key, cluster, features, eligible, claims, keep)]
        if claims is not None and self.redundancy is not None:
            chosen = self._drop_same_claims(chosen, claims, keep)
        if self.key_fact == "order" and chosen and claims is not None:
            mask = np.zeros(len(features.sentences), dtype=bool)
            mask[chosen] = True
            key = self._key_fact(features, mask, claims, keep)
        if keep is not None:
            chosen = [int(keep[i]) for i in chosen]
            key = None if key is None else int(keep[key])
        chosen = self._order(self._unique(chosen, sentences), cluster, sentences)
        if key is not None and key in chosen:
            chosen = [key, *(i for i in chosen if i != key)]
        fitted = fit_to_budget((self.rewritten.get((sentences[i].doc_id, sentences[i].index), sentences[i].text)
                                for i in chosen), self.budget, truncate_last=self.truncate_last)
        picked = [(chosen[pos], text) for pos, text in fitted]
        carriers, differing = self._carriers(cluster, full, [i for i, _ in picked], claims)
        return Summary(
            cluster_id=cluster.id,
            sentences=tuple(text for _, text in picked),
            system=self.name,
            sources=tuple(carriers),
            differing=tuple(differing) if any(differing) else (),
        )

    # ------------------------------------------------------------------ readable units
    def units(self, cluster: Cluster) -> tuple[Cluster, np.ndarray]:
        """The cluster as selection units, and which units may be selected.

        Every method selects among these units instead of raw sentences, so every extractive
        method gets whole, self-contained sentences:

        - a quotation that runs over several sentences is one unit
          (:func:`summarize.text.sentences.quotation_units`): carried whole or not at all;
        - a sentence that points back at the one before it (:func:`summarize.text.hazards.dangling`:
          "But ...", "Meanwhile ...", "He ...", "All four nations ...") loses its connective where
          what remains is a true sentence that does not dangle
          (:func:`summarize.text.hazards.strip_connective`); otherwise it is joined to the unit
          before it in its document (at most :attr:`max_unit_words` words together), so it is
          selected only with what it depends on; a dangling first sentence, or one whose
          antecedent would make the unit too long, may not be selected;
        - fragments (:func:`summarize.text.hazards.fragment`), cut sentences (no final punctuation:
          the truncated end of a scraped or preprocessed document, :func:`summarize.text.hazards.cut`)
          and units whose quotation marks do not pair up (a quotation the document never closes)
          may not be selected.

        A unit keeps the index of its first sentence, so positions and order stay as in the
        document; its text is its sentences joined with a space.

        Returns:
            The cluster with each document's sentences replaced by its units, and a boolean
            mask over ``cluster.sentences`` (the units) of those that may be selected (in a
            cluster where every unit dangles or is a fragment, those not cut and with their
            quotation marks paired; where there is none such, none: the summary is empty).
        """
        from summarize.text.hazards import cut, dangling, fragment, strip_connective
        from summarize.text.sentences import paragraph_starts, quotation_units, quote_balanced

        language = cluster.language
        documents: list[Document] = []
        allowed: list[bool] = []
        for doc in cluster.documents:
            texts = [s.text for s in doc.sentences]
            starts = paragraph_starts(doc.text, language) if len(texts) > 1 else ()
            # a run the document never closes (a truncated text, stray marks) is not a unit
            spans = {start: end for start, end in quotation_units(texts, starts)
                     if quote_balanced(" ".join(texts[start:end]))}
            groups: list[list[int]] = []
            k = 0
            while k < len(texts):
                end = spans.get(k, k + 1)
                groups.append(list(range(k, end)))
                k = end
            units: list[tuple[list[int], str, bool]] = []  # sentence indices, text, selectable
            for group in groups:
                text = " ".join(texts[j] for j in group)
                if dangling(texts[group[0]], language):
                    stripped = strip_connective(texts[group[0]], language)
                    if stripped:
                        text = " ".join([stripped, *(texts[j] for j in group[1:])])
                    elif units and len(units[-1][1].split()) + len(text.split()) <= self.max_unit_words:
                        prev, prev_text, ok = units.pop()
                        # a fragment is no antecedent: "_ Foreign Operations." + "This bill ..."
                        ok = ok and fragment(prev_text, language) is None
                        units.append((prev + group, f"{prev_text} {text}", ok))
                        continue
                    else:
                        units.append((group, text, False))
                        continue
                units.append((group, text, True))
            out = []
            for group, text, ok in units:
                out.append(Sentence(text=text, doc_id=doc.id, index=doc.sentences[group[0]].index))
                whole = not cut(text, language) and quote_balanced(text)
                allowed.append(2 if ok and whole and not fragment(text, language) else 1 if whole else 0)
            documents.append(replace(doc, sentences=tuple(out)))
        grade = np.array(allowed, dtype=np.int8)
        # a cluster with no self-contained unit (every one dangles or is a fragment) still gets
        # whole sentences
        mask = grade == 2 if (grade == 2).any() else grade >= 1
        return replace(cluster, documents=tuple(documents)), mask

    # ------------------------------------------------------------------ claims
    def _claims(self, cluster: Cluster, features: Features) -> ClaimIndex:
        """Claim-level support between the cluster's sentences (see :mod:`summarize.text.claims`)."""
        shared = self.claim_embeddings == self.embeddings and features.dense is not None
        encode = None if self._claim_encoder is None or shared else self._claim_encoder.encode
        outlets = {d.id: (d.source or d.id) for d in cluster.documents}
        return _SupportOnce([s.text for s in features.sentences], [s.doc_id for s in features.sentences], outlets,
                          cluster.language, lexical=features.tfidf, content=features.stems,
                          dense=features.dense if shared else None, encode=encode, near_duplicate=self.near_duplicate)

    def _key_fact(self, features: Features, eligible: np.ndarray, claims: ClaimIndex | None = None,
                  keep: np.ndarray | None = None) -> int | None:
        """The event's central fact: among the ``eligible`` sentences that fit the budget alone,
        the one the most independent outlets carry; ties go to the most central (cosine with the
        cluster centroid, plus a lead bonus: news puts its key fact first). Corroboration comes from
        ``features`` or, when not computed there, from ``claims`` for the eligible sentences only."""
        fits = np.array([length(s.text, self.budget.kind) <= self.budget.limit for s in features.sentences])
        ok = np.flatnonzero(eligible & fits)
        if not len(ok):
            return None
        corroboration = features.corroboration
        if corroboration is None:
            if claims is None:
                return None
            rows = ok if keep is None else keep[ok]
            corroboration = np.zeros(len(features.sentences), dtype=np.int64)
            corroboration[ok] = claims.corroboration(rows.tolist())
        central = np.asarray(features.tfidf @ _centroid(features)).ravel()
        lead = 1.0 / (1.0 + features.position)
        key = corroboration[ok] + 0.5 * central[ok] / max(float(central[ok].max()), 1e-9) + 0.5 * lead[ok]
        if self.key_earliness:
            key = key + self.key_earliness * _earliness(features)[ok]
        if self.key_title:
            title = _title_similarity(features)[ok]
            key = key + self.key_title * title / max(float(title.max()), 1e-9)
        return int(ok[int(np.argmax(key))])

    def _choose(self, cluster: Cluster, features: Features, eligible: np.ndarray) -> list[int]:
        """The method's choice (its :meth:`select`, or best-first by :meth:`score`), in choice order."""
        chosen = self.select(cluster, features, eligible)
        if chosen is not None:
            return self._drop_redundant(chosen, features)
        scores = np.asarray(self.score(cluster, features), dtype=float)
        if scores.shape != (len(features.sentences),):
            raise RuntimeError(f"{self.name}: score() returned {scores.shape}, "
                               f"expected ({len(features.sentences)},)")
        if self.corroboration and features.corroboration is not None:
            scores = scores + self.corroboration * _spread(scores) * corroboration_share(features)
        return self._greedy(scores, features, eligible)

    def _after_key(self, key: int, cluster: Cluster, features: Features, eligible: np.ndarray,
                   claims: ClaimIndex | None = None, keep: np.ndarray | None = None) -> list[int]:
        """The method's choice in the room the key fact leaves, among sentences not redundant
        with it (too similar, or carrying the same claim; a shallow copy of the method with the
        smaller budget chooses)."""
        kind, limit = self.budget.kind, self.budget.limit
        used = 1 if kind == "sentences" else length(features.sentences[key].text, kind) + (1 if kind == "bytes" else 0)
        if limit - used <= 0:
            return []
        rest = eligible.copy()
        rest[key] = False
        if self.redundancy is not None:
            rest &= features.similarity(np.array([key]))[0] <= self.redundancy
        if claims is not None and self.redundancy is not None:  # outlets reporting the key fact in their own words
            rows = keep if keep is not None else np.arange(len(features.sentences))
            (mates, _), = claims.support([int(rows[key])])
            rest &= ~np.isin(rows, mates)
        others = np.flatnonzero(rest)
        twins = self._fact_twins(features, np.concatenate([[key], others]))
        if twins is not None:
            rest[others[twins[0, 1:]]] = False
        if not rest.any():
            return []
        sub = copy.copy(self)
        sub.budget = Budget(**{kind: limit - used})
        return [i for i in sub._choose(cluster, features, rest) if i != key]

    def _fact_twins(self, features: Features, rows: np.ndarray) -> np.ndarray | None:
        """``rows x rows``: whether two of the sentences ``rows`` state the same fact in other
        words (:attr:`fact_redundancy`, :attr:`figure_redundancy`), or ``None`` when neither
        limit is set (or there are no dense vectors)."""
        if (self.fact_redundancy is None and self.figure_redundancy is None) or len(rows) < 2:
            return None
        if features.dense is not None and self.claim_embeddings == self.embeddings:
            dense = np.asarray(features.dense[rows], dtype=np.float64)
        elif self._claim_encoder is not None:
            dense = features.encoded(self._claim_encoder)[rows]
        else:
            return None
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        dense = dense / np.where(norms > 0, norms, 1.0)
        sims = dense @ dense.T
        twins = sims >= self.fact_redundancy if self.fact_redundancy is not None else np.zeros(sims.shape, dtype=bool)
        if self.figure_redundancy is not None:
            sharing: dict[str, list[int]] = {}
            contexts = [figure_contexts(features.sentences[i].text, features.language) for i in rows.tolist()]
            for k, found in enumerate(contexts):
                for figure in found:
                    sharing.setdefault(figure, []).append(k)
            for figure, members in sharing.items():
                if len(members) > 1:
                    m = np.array(members)
                    twins[np.ix_(m, m)] |= sims[np.ix_(m, m)] >= self.figure_redundancy
                    # the same count of the same thing in other words ("Thirty-seven people were
                    # injured" / "The collision injured 37 people"): two content words beside it
                    for a in members:
                        for b in members:
                            if a < b and len(contexts[a][figure] & contexts[b][figure]) >= 2:
                                twins[a, b] = twins[b, a] = True
        for longer, shorter in self._subsumed(features, rows):
            twins[longer, shorter] = True  # chosen first, the longer one leaves the shorter out; not the reverse
        np.fill_diagonal(twins, False)
        return twins

    @staticmethod
    def _subsumed(features: Features, rows: np.ndarray) -> list[tuple[int, int]]:
        """Pairs ``(b, a)`` (positions in ``rows``) where ``a`` says nothing ``b`` does not: every
        content word of ``a`` (at least two) is in ``b``, with every figure of ``a`` and the same
        polarity (:func:`~summarize.text.facts.compare_claims`): "All 14 crossings of the day were
        cancelled." after "Crews went on strike, cancelling all 14 crossings planned for the day." """
        present = (features.tf[rows] > 0).astype(np.float64).tocsr()
        sizes = np.asarray(present.sum(axis=1)).ravel()
        shared = (present @ present.T).tocoo()
        out = []
        verdicts: dict[tuple[str, str], bool] = {}  # a wire sentence carried by many outlets: compared once
        for a, b, n in zip(shared.row.tolist(), shared.col.tolist(), shared.data.tolist(), strict=True):
            if a != b and sizes[a] >= 2 and n == sizes[a] and (sizes[b] > sizes[a] or (sizes[b] == sizes[a] and a > b)):
                pair = (features.sentences[rows[a]].text, features.sentences[rows[b]].text)
                same = verdicts.get(pair)
                if same is None:
                    same = verdicts[pair] = compare_claims(*pair, features.language) == "same"
                if same:
                    out.append((b, a))
        return out

    def _drop_same_claims(self, chosen: list[int], claims: ClaimIndex, keep: np.ndarray | None) -> list[int]:
        """``chosen`` (in choice order) without the sentences that carry, or are carried by, the
        claim of one chosen before them: one fact reported by several outlets in their own words
        is selected once (the lexical redundancy limit misses paraphrases)."""
        if len(chosen) < 2:
            return chosen
        rows = [int(keep[i]) if keep is not None else i for i in chosen]
        support = claims.support(rows)
        kept: list[int] = []
        for k, row in enumerate(rows):
            if any(row in support[m][0] or rows[m] in support[k][0] for m in kept):
                continue
            kept.append(k)
        return [chosen[k] for k in kept]

    @staticmethod
    def _unique(chosen: list[int], sentences: tuple[Sentence, ...]) -> list[int]:
        """Each distinct sentence text once (the same wire sentence carried by several outlets)."""
        seen: set[str] = set()
        out = []
        for i in chosen:
            key = normalize(sentences[i].text)
            if key and key not in seen:
                seen.add(key)
                out.append(i)
        return out

    def _drop_redundant(self, chosen: list[int], features: Features) -> list[int]:
        """``chosen`` (in choice order) without the sentences whose cosine with an earlier kept
        one exceeds :attr:`redundancy` (a set method's result, checked like the greedy does)."""
        if self.redundancy is None or len(chosen) < 2:
            return chosen
        v = features.vectors
        if sp.issparse(v):
            # only the chosen columns: the same sums as the full rows (each accumulates over
            # the left row's terms in its order), without a dense chosen x all-sentences matrix
            picked = v[chosen]
            sims = np.asarray((picked @ picked.T).todense())
        else:
            sims = features.similarity(np.array(chosen))[:, chosen]
        kept: list[int] = []
        for row in range(len(chosen)):
            if not kept or sims[row, kept].max() <= self.redundancy:
                kept.append(row)
        return [chosen[r] for r in kept]

    def _greedy(self, scores: np.ndarray, features: Features, eligible: np.ndarray) -> list[int]:
        """Best-first under the budget, skipping repeats and (optionally) redundant sentences.

        With ``truncate_last`` the first sentence that overflows is kept too (the budget
        cut happens after ordering, as DUC truncates the final text).
        """
        sentences = features.sentences
        kind, limit = self.budget.kind, self.budget.limit
        order = np.argsort(-scores, kind="stable")
        seen: set[str] = set()
        chosen: list[int] = []
        used = 0
        threshold = self.redundancy
        closest = _Closest(features.vectors) if threshold is not None else None
        for i in order[eligible[order]].tolist():
            if used >= limit:
                break
            key = normalize(sentences[i].text)
            if not key or key in seen:
                continue
            if closest is not None and chosen and closest.max(i, chosen) > threshold:
                continue
            size = length(sentences[i].text, kind) + (1 if kind == "bytes" and chosen else 0)
            if used + size <= limit:
                chosen.append(i)
                seen.add(key)
                used += size
                if closest is not None:
                    closest.add(i)
            elif self.truncate_last:
                chosen.append(i)
                break
        return chosen

    def _order(self, picked: list[int], cluster: Cluster, sentences: tuple[Sentence, ...]) -> list[int]:
        if self.order == "rank":
            return picked
        doc_pos = {d.id: k for k, d in enumerate(cluster.documents)}
        if self.order == "source":
            return sorted(picked, key=lambda i: (doc_pos[sentences[i].doc_id], sentences[i].index))
        dates = {d.id: (d.published or datetime.max).replace(tzinfo=None) for d in cluster.documents}
        return sorted(picked, key=lambda i: (dates[sentences[i].doc_id], doc_pos[sentences[i].doc_id],
                                             sentences[i].index))

    def _carriers(self, cluster: Cluster, features: Features, picked: list[int],
                  claims: ClaimIndex | None = None) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        """For each chosen sentence, every document that carries its claim, and every document
        whose sentence on it says something else.

        Claim level (:class:`summarize.text.claims.ClaimIndex`): a near-duplicate, or a sentence
        that says the same in other words (dense similarity with the same content words and
        actors), carries the chosen sentence only if it makes the same claim: the same polarity
        and every number of it. An outlet that reports "the fire was not contained" or "15 dead"
        is not credited with "the fire was contained" or "12 dead"; it is listed as differing.
        One that only leaves a number out ("people died") is neither.
        """
        if not picked:
            return [], []
        claims = claims or self._claims(cluster, features)
        sentences = features.sentences
        same_text: dict[str, list[str]] = {}
        for s in sentences:
            same_text.setdefault(normalize(s.text), []).append(s.doc_id)
        carriers, differing = [], []
        for i, (same, other) in zip(picked, claims.support(picked), strict=True):
            docs = dict.fromkeys([sentences[i].doc_id, *(sentences[j].doc_id for j in same)])
            docs.update(dict.fromkeys(same_text[normalize(sentences[i].text)]))
            carriers.append(tuple(docs))
            differing.append(tuple(d for d in dict.fromkeys(sentences[j].doc_id for j in other) if d not in docs))
        return carriers, differing


class _SupportOnce(ClaimIndex):
    """A cluster's :class:`ClaimIndex` that works out each sentence's support once.

    One summary asks for the support of its chosen sentences up to three times (claim
    redundancy, the key fact's corroboration, provenance), each a subset of the first; the
    answer for a sentence does not depend on which others are asked with it (its lexical row
    product and its dense rows are its own; the encodings are kept by the index), so it is kept
    here and given again.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._support: dict[int, tuple[list[int], list[int]]] = {}

    def support(self, rows: Sequence[int]) -> list[tuple[list[int], list[int]]]:
        asked = [int(r) for r in rows]
        todo = [r for r in dict.fromkeys(asked) if r not in self._support]
        if todo:
            self._support.update(zip(todo, super().support(todo), strict=True))
        return [self._support[r] for r in asked]


def _spread(scores: np.ndarray) -> float:
    finite = scores[np.isfinite(scores)]
    return float(finite.max() - finite.min()) if len(finite) else 0.0


def corroboration_share(features: Features) -> np.ndarray:
    """Each sentence's corroboration as a share in [0, 1]: 0 for a claim only its own outlet
    carries, 1 for the most corroborated claim of the cluster (zeros when not computed)."""
    corroboration = features.corroboration
    if corroboration is None:
        return np.zeros(len(features.sentences))
    top = int(corroboration.max(initial=1))
    return (corroboration - 1) / (top - 1) if top > 1 else np.zeros(len(corroboration))


def _earliness(features: Features) -> np.ndarray:
    """Per sentence, how early its document was published among the cluster's dated documents:
    1 for the first report, 0 for the last, by rank of distinct publication times (scale-free:
    hours for a day's event, weeks for a DUC topic); 0.5 for an undated document, and 0
    everywhere when fewer than two distinct times are known. A follow-up published later leads
    with its own news (the river tests the day after a fire), not the event's."""
    dates = {d.id: d.published.replace(tzinfo=None) for d in features.cluster.documents if d.published is not None}
    times = sorted(set(dates.values()))
    if len(times) < 2:
        return np.zeros(len(features.sentences))
    rank = {t: 1.0 - k / (len(times) - 1) for k, t in enumerate(times)}
    by_doc = {doc: rank[t] for doc, t in dates.items()}
    return np.array([by_doc.get(s.doc_id, 0.5) for s in features.sentences])


def _title_similarity(features: Features) -> np.ndarray:
    """Per sentence, its TF-IDF cosine with the documents' titles taken together (a headline
    states the report's key fact); zeros when no document has a title."""
    titles = [d.title for d in features.cluster.documents if d.title]
    if not titles:
        return np.zeros(len(features.sentences))
    stem, stops, vocab = Stemmer(features.language), features.stop_stems, features.vocabulary
    vec = np.zeros(features.tf.shape[1])
    for title in titles:
        for w in words(title):
            t = stem(w.lower())
            if t not in stops and not t.isdigit() and t in vocab:
                vec[vocab[t]] += 1.0
    vec *= features.idf
    norm = np.linalg.norm(vec)
    if norm == 0:
        return np.zeros(len(features.sentences))
    return np.asarray(features.tfidf @ (vec / norm)).ravel()


def _centroid(features: Features) -> np.ndarray:
    c = np.asarray(features.tf.sum(axis=0)).ravel() * features.idf
    norm = np.linalg.norm(c)
    return c / norm if norm > 0 else c


class _Closest:
    """The greatest cosine of a candidate with the sentences the greedy has chosen so far.

    TF-IDF rows (sparse): one product of the chosen row with every sentence per chosen
    sentence, kept as a running maximum, instead of slicing and multiplying the chosen rows
    for every candidate (most of a run's time in a profile). The cosines are the same floats:
    either way each one sums the chosen row's terms in that row's stored order. Dense rows:
    the per-candidate product, as cheap as a lookup there.
    """

    def __init__(self, vectors: sp.csr_matrix | np.ndarray) -> None:
        self.vectors = vectors
        self.sparse = sp.issparse(vectors)
        self._columns: sp.csr_matrix | None = None
        self._best: np.ndarray | None = None

    def add(self, j: int) -> None:
        """Record that sentence ``j`` was chosen."""
        if not self.sparse:
            return
        if self._columns is None:
            self._columns = sp.csr_matrix(self.vectors.T)
            self._best = np.zeros(self.vectors.shape[0])
        row = (self.vectors[j] @ self._columns).toarray().ravel()
        np.maximum(self._best, row, out=self._best)

    def max(self, i: int, chosen: list[int]) -> float:
        """The greatest cosine of sentence ``i`` with the ``chosen`` ones (0 for none)."""
        if self.sparse:
            return 0.0 if self._best is None else float(self._best[i])
        sims = self.vectors[chosen] @ self.vectors[i].T
        return float(sims.max()) if sims.size else 0.0
