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

from summarize.errors import ConfigError
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


def length(text: str, kind: str) -> int:
    """The length of a text in a budget's unit (words: whitespace tokens; bytes: UTF-8)."""
    if kind == "words":
        return len(text.split())
    if kind == "bytes":
        return len(text.encode("utf-8"))
    return 1


def truncate(text: str, kind: str, room: int) -> str:
    """Cut a sentence to ``room`` words or bytes, as DUC scoring truncates a summary."""
    if room <= 0:
        return ""
    if kind == "words":
        return " ".join(text.split()[:room])
    if kind == "bytes":
        return text.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip()
    return text


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


class Extractive(Summarizer):
    """Base class of extractive summarizers: subclasses implement :meth:`score` only.

    Args:
        budget: the length limit (a :class:`Budget` or ``{"words": 100}``-style mapping).
        order: ``"rank"`` (best first), ``"source"`` (document, then position) or
            ``"chronological"`` (publication date, then document, then position).
        truncate_last: cut the last sentence to fill the budget exactly, as DUC scoring does.
        name: the system name.
    """

    default_order = "source"

    def __init__(self, *, budget: Budget | Mapping[str, Any] | None = None,
                 order: str | None = None, truncate_last: bool = False,
                 name: str | None = None) -> None:
        super().__init__(name=name)
        self.budget = as_budget(budget)
        self.order = order or self.default_order
        if self.order not in ORDERS:
            raise ConfigError(f"unknown order {self.order!r}; expected one of {', '.join(ORDERS)}")
        self.truncate_last = bool(truncate_last)

    @abstractmethod
    def score(self, cluster: Cluster, sentences: tuple[Sentence, ...]) -> np.ndarray:
        """Score every sentence of the cluster; higher is better.

        Args:
            cluster: the cluster being summarized.
            sentences: ``cluster.sentences``, computed once by the caller.

        Returns:
            One float per sentence.
        """

    def summarize(self, cluster: Cluster) -> Summary:
        sentences = cluster.sentences
        if not sentences:
            return Summary(cluster_id=cluster.id, sentences=(), system=self.name)
        scores = np.asarray(self.score(cluster, sentences), dtype=float)
        if scores.shape != (len(sentences),):
            raise RuntimeError(f"{self.name}: score() returned {scores.shape}, expected ({len(sentences)},)")
        ranked = np.argsort(-scores, kind="stable")
        picked = self._select([int(i) for i in ranked], sentences)
        picked = self._order(picked, cluster, sentences)
        carriers = self._carriers(sentences)
        return Summary(
            cluster_id=cluster.id,
            sentences=tuple(text for _, text in picked),
            system=self.name,
            sources=tuple(carriers[normalize(sentences[i].text)] for i, _ in picked),
        )

    def _select(self, ranked: list[int], sentences: tuple[Sentence, ...]) -> list[tuple[int, str]]:
        """Take sentences in rank order under the budget, each distinct text once."""
        seen: set[str] = set()
        unique: list[int] = []
        for i in ranked:
            key = normalize(sentences[i].text)
            if key and key not in seen:
                seen.add(key)
                unique.append(i)
        chosen = fit_to_budget((sentences[i].text for i in unique), self.budget,
                               truncate_last=self.truncate_last)
        return [(unique[pos], text) for pos, text in chosen]

    def _order(self, picked: list[tuple[int, str]], cluster: Cluster,
               sentences: tuple[Sentence, ...]) -> list[tuple[int, str]]:
        if self.order == "rank":
            return picked
        doc_pos = {d.id: k for k, d in enumerate(cluster.documents)}
        if self.order == "source":
            return sorted(picked, key=lambda p: (doc_pos[sentences[p[0]].doc_id], sentences[p[0]].index))
        dates = {d.id: d.published or datetime.max for d in cluster.documents}
        naive = {k: v.replace(tzinfo=None) for k, v in dates.items()}
        return sorted(picked, key=lambda p: (naive[sentences[p[0]].doc_id],
                                             doc_pos[sentences[p[0]].doc_id], sentences[p[0]].index))

    @staticmethod
    def _carriers(sentences: tuple[Sentence, ...]) -> dict[str, tuple[str, ...]]:
        """For each distinct sentence text, every document that carries it."""
        found: dict[str, dict[str, None]] = {}
        for s in sentences:
            found.setdefault(normalize(s.text), {})[s.doc_id] = None
        return {k: tuple(v) for k, v in found.items()}
