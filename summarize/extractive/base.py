"""The summarizer contract and the extractive workflow.

Every summarizer maps a :class:`Cluster` to a :class:`Summary`. Extractive methods fill one
hook, :meth:`Extractive.score`; the base class ranks sentences by score, selects them under
the :class:`Budget`, orders them, and records which documents carry each one.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

import numpy as np
import scipy.sparse as sp

from summarize.errors import ConfigError
from summarize.extractive.features import Features
from summarize.text.facts import compare_claims
from summarize.types import Budget, Cluster, Sentence, Summary

ORDERS = ("rank", "source", "chronological")


def as_budget(budget: Budget | Mapping[str, Any] | None) -> Budget:
    """Accept a :class:`Budget` or a mapping such as ``{"words": 100}`` (from a config)."""
    if budget is None:
        return Budget(words=100)
    if isinstance(budget, Budget):
        return budget
    if isinstance(budget, Mapping):
        unknown = set(budget) - {"words", "bytes", "sentences"}
        if unknown:
            raise ConfigError(f"unknown budget field(s) {sorted(unknown)}; expected words, bytes or sentences")
        return Budget(**{k: v for k, v in budget.items() if v is not None})
    raise ConfigError(f"budget must be a Budget or a mapping, got {type(budget).__name__}")


#: a words budget counts a sentence as at least one word per this many UTF-8 bytes, so a
#: 200,000-character token or markup without spaces cannot pass a 100-word budget as one word
WORD_BYTES = 64
#: a sentences budget takes no sentence longer than this many UTF-8 bytes (DUC style: cuts it)
SENTENCE_BYTES = 4096


def length(text: str, kind: str) -> int:
    """The length of a text in a budget's unit (words: whitespace tokens, at least one per
    :data:`WORD_BYTES` bytes; bytes: UTF-8; sentences: one, or too many above :data:`SENTENCE_BYTES`)."""
    if kind == "words":
        return max(len(text.split()), -(-len(text.encode("utf-8")) // WORD_BYTES))
    if kind == "bytes":
        return len(text.encode("utf-8"))
    return 1 if len(text.encode("utf-8")) <= SENTENCE_BYTES else 1_000_000


def truncate(text: str, kind: str, room: int) -> str:
    """Cut a sentence to ``room`` words or bytes, as DUC scoring truncates a summary."""
    if room <= 0:
        return ""
    if kind == "words":
        text, room = " ".join(text.split()[:room]), room * WORD_BYTES
    elif kind != "bytes":
        room = SENTENCE_BYTES
    return text.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip()


def fit_to_budget(candidates: Iterable[str], budget: Budget, *, truncate_last: bool = False) -> list[tuple[int, str]]:
    """Choose candidates, in the order given, while they fit the budget.

    A candidate that does not fit is skipped and later (shorter) ones are still tried;
    with ``truncate_last`` the first one that does not fit is cut to the room left instead,
    and selection stops. Sentences are joined with one space, which bytes budgets count.

    Args:
        candidates: sentence texts, best first.
        budget: the limit, never exceeded.
        truncate_last: cut the first sentence that does not fit, DUC style.

    Returns:
        ``(candidate position, text)`` pairs, in selection order.
    """
    kind, limit = budget.kind, budget.limit
    used = 0
    chosen: list[tuple[int, str]] = []
    for pos, text in enumerate(candidates):
        if used >= limit:
            break
        sep = 1 if (kind == "bytes" and chosen) else 0
        size = length(text, kind)
        if size == 0:
            continue
        if used + sep + size <= limit:
            chosen.append((pos, text))
            used += sep + size
        elif truncate_last:
            cut = truncate(text, kind, limit - used - sep)
            if cut:
                chosen.append((pos, cut))
            break
    return chosen


def truncate_summary(sentences: Iterable[str], *, words: int | None = None,
                     bytes_: int | None = None) -> list[str]:
    """The summary cut to its first ``words`` words or ``bytes_`` bytes, as DUC scoring cuts it."""
    if not words and not bytes_:
        return list(sentences)
    budget = Budget(words=words) if words else Budget(bytes=bytes_)
    return [text for _, text in fit_to_budget(sentences, budget, truncate_last=True)]


_NORM = re.compile(r"\W+")


def normalize(text: str) -> str:
    """Case- and punctuation-insensitive key of a sentence, for duplicate detection."""
    return _NORM.sub(" ", text.lower()).strip()


class Summarizer(ABC):
    """The one contract: ``summarize(cluster) -> Summary``.

    Args:
        name: the system name written into every summary (the config file's name).
    """

    def __init__(self, *, name: str | None = None) -> None:
        self.name = name or type(self).__name__.lower()

    @abstractmethod
    def summarize(self, cluster: Cluster) -> Summary:
        """Summarize one cluster."""

    def summarize_all(self, clusters: Iterable[Cluster]) -> Iterator[Summary]:
        """Summarize many clusters, lazily; batched backends override this."""
        for cluster in clusters:
            yield self.summarize(cluster)


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
        truncate_last: cut the last sentence to fill the budget exactly, as DUC scoring does.
        redundancy: skip a sentence whose TF-IDF cosine with a chosen one exceeds this;
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
        name: the system name.
    """

    default_order = "source"
    default_redundancy: float | None = None

    def __init__(self, *, budget: Budget | Mapping[str, Any] | None = None,
                 order: str | None = None, truncate_last: bool = False,
                 redundancy: float | None | str = "default", near_duplicate: float = 0.8,
                 min_words: int = 0, max_words: int | None = None, drop_questions: bool = False,
                 drop_quotes: bool = False, max_candidates: int = 1500, embeddings: str | None = None,
                 name: str | None = None) -> None:
        super().__init__(name=name)
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
        sentences = cluster.sentences
        if not sentences:
            return Summary(cluster_id=cluster.id, sentences=(), system=self.name)
        dense = self._encoder.encode([s.text for s in sentences]) if self.embeddings is not None else None
        full = Features(cluster, sentences, dense)
        keep = self.candidates(full)
        features = full if keep is None else full.subset(keep)
        eligible = self.eligible(features)
        chosen = self.select(cluster, features, eligible)
        if chosen is not None:
            chosen = self._drop_redundant(chosen, features)
        else:
            scores = np.asarray(self.score(cluster, features), dtype=float)
            if scores.shape != (len(features.sentences),):
                raise RuntimeError(f"{self.name}: score() returned {scores.shape}, "
                                   f"expected ({len(features.sentences)},)")
            chosen = self._greedy(scores, features, eligible)
        if keep is not None:
            chosen = [int(keep[i]) for i in chosen]
        chosen = self._order(self._unique(chosen, sentences), cluster, sentences)
        fitted = fit_to_budget((sentences[i].text for i in chosen), self.budget, truncate_last=self.truncate_last)
        picked = [(chosen[pos], text) for pos, text in fitted]
        carriers, differing = self._carriers(cluster, full, [i for i, _ in picked])
        return Summary(
            cluster_id=cluster.id,
            sentences=tuple(text for _, text in picked),
            system=self.name,
            sources=tuple(carriers),
            differing=tuple(differing) if any(differing) else (),
        )

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
        for i in (int(k) for k in order if eligible[k]):
            if used >= limit:
                break
            key = normalize(sentences[i].text)
            if not key or key in seen:
                continue
            if threshold is not None and chosen:
                sims = features.vectors[chosen] @ features.vectors[i].T
                if (sims.nnz if sp.issparse(sims) else sims.size) and sims.max() > threshold:
                    continue
            size = length(sentences[i].text, kind) + (1 if kind == "bytes" and chosen else 0)
            if used + size <= limit:
                chosen.append(i)
                seen.add(key)
                used += size
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

    def _carriers(self, cluster: Cluster, features: Features,
                  picked: list[int]) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        """For each chosen sentence, every document that carries it or a near-duplicate, and
        every document whose near-duplicate says something else.

        A near-duplicate (cosine at least :attr:`near_duplicate`) is a carrier only if it makes
        the same claim: the same polarity and every number of the chosen sentence. An outlet
        that reports "the fire was not contained" or "15 dead" is not credited with "the fire
        was contained" or "12 dead", however alike the wording; it is listed as differing. One
        that only leaves a number out ("people died") is neither.
        """
        if not picked:
            return [], []
        sentences = features.sentences
        sims = features.similarity(np.array(picked))
        same_text: dict[str, list[str]] = {}
        for s in sentences:
            same_text.setdefault(normalize(s.text), []).append(s.doc_id)
        carriers, differing = [], []
        for row, i in enumerate(picked):
            docs = dict.fromkeys([sentences[i].doc_id])
            other: dict[str, None] = {}
            for j in np.flatnonzero(sims[row] >= self.near_duplicate - 1e-9):
                near = sentences[int(j)]
                verdict = compare_claims(sentences[i].text, near.text, cluster.language)
                if verdict != "partial":
                    (docs if verdict == "same" else other)[near.doc_id] = None
            docs.update(dict.fromkeys(same_text[normalize(sentences[i].text)]))
            carriers.append(tuple(docs))
            differing.append(tuple(d for d in other if d not in docs))
        return carriers, differing
