"""Baselines: lead (of the most recent document, or round-robin over documents) and random."""

from __future__ import annotations

import zlib
from datetime import datetime
from typing import Any

import numpy as np

from summarize.errors import ConfigError, require_seed
from summarize.extractive.base import Extractive
from summarize.extractive.features import Features
from summarize.types import Cluster


def recency_rank(cluster: Cluster) -> dict[str, int]:
    """Rank of each document by publication date, most recent first (undated last, stable)."""
    def key(item: tuple[int, Any]) -> tuple[int, float, int]:
        pos, doc = item
        if doc.published is None:
            return (1, 0.0, pos)
        ts = doc.published.replace(tzinfo=None) - datetime(1, 1, 1)
        return (0, -ts.total_seconds(), pos)

    ordered = sorted(enumerate(cluster.documents), key=key)
    return {doc.id: rank for rank, (_, doc) in enumerate(ordered)}


class Lead(Extractive):
    """The lead baseline.

    ``mode="recent"``: the first sentences of the most recent document, then of the next
    most recent when the budget is not yet filled. ``mode="round_robin"``: the first
    sentence of every document (most recent first), then every second sentence, and so on.

    Args:
        mode: ``"recent"`` or ``"round_robin"``.
        **kwargs: see :class:`~summarize.extractive.base.Extractive`.
    """

    default_order = "rank"
    default_key_fact = "none"
    MODES = ("recent", "round_robin")

    def __init__(self, *, mode: str = "recent", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if mode not in self.MODES:
            raise ConfigError(f"unknown lead mode {mode!r}; expected one of {', '.join(self.MODES)}")
        self.mode = mode

    def score(self, cluster: Cluster, features: Features) -> np.ndarray:
        sentences = features.sentences
        rank = recency_rank(cluster)
        n_docs = len(cluster.documents)
        longest = max(s.index for s in sentences) + 1
        if self.mode == "recent":
            keys = [rank[s.doc_id] * longest + s.index for s in sentences]
        else:
            keys = [s.index * n_docs + rank[s.doc_id] for s in sentences]
        return -np.asarray(keys, dtype=float)


class Random(Extractive):
    """Sentences in a seeded random order; the same seed and cluster give the same summary.

    Args:
        seed: the seed; combined with the cluster id so each cluster gets its own stream.
        **kwargs: see :class:`~summarize.extractive.base.Extractive`.
    """

    default_key_fact = "none"

    def __init__(self, *, seed: int = 12345, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.seed = require_seed(seed, "random seed")

    def score(self, cluster: Cluster, features: Features) -> np.ndarray:
        rng = np.random.default_rng([self.seed, zlib.crc32(cluster.id.encode("utf-8"))])
        return rng.random(len(features.sentences))
