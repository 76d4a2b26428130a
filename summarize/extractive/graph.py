"""Salience by centrality: centroid (Radev et al. 2004), LexRank (Erkan & Radev 2004), TextRank
(Mihalcea & Tarau 2004), vectorised with numpy/scipy over the whole cluster."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from summarize.errors import ConfigError
from summarize.extractive.base import Extractive
from summarize.extractive.features import Features
from summarize.types import Cluster


def position_prior(features: Features) -> np.ndarray:
    """1 for a document's first sentence, 1/2 for the second, ... (news puts facts first)."""
    return 1.0 / (1.0 + features.position.astype(float))


def pagerank(matrix: sp.spmatrix | np.ndarray, damping: float = 0.85, tol: float = 1e-8,
             max_iter: int = 200, personalization: np.ndarray | None = None) -> np.ndarray:
    """Stationary distribution of a random walk on a weighted graph (power iteration).

    Rows with no edges jump uniformly (or to ``personalization``).
    """
    n = matrix.shape[0]
    if n == 0:
        return np.zeros(0)
    m = sp.csr_matrix(matrix, dtype=np.float64)
    out = np.asarray(m.sum(axis=1)).ravel()
    inv = np.divide(1.0, out, out=np.zeros_like(out), where=out > 0)
    transition = (sp.diags(inv) @ m).T.tocsr()  # column-stochastic for non-dangling rows
    jump = np.full(n, 1.0 / n) if personalization is None else personalization / personalization.sum()
    dangling = out == 0
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        new = damping * (transition @ p + p[dangling].sum() * jump) + (1 - damping) * jump
        if np.abs(new - p).sum() < tol:
            return new
        p = new
    return p


class Centroid(Extractive):
    """Centroid-based salience (MEAD): cosine with the cluster's TF-IDF centroid, plus an
    optional position bonus.

    Args:
        position_weight: weight of :func:`position_prior` relative to the centroid score.
        **kwargs: see :class:`~summarize.extractive.base.Extractive`.
    """

    default_redundancy = 0.5

    def __init__(self, *, position_weight: float = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.position_weight = float(position_weight)

    def score(self, cluster: Cluster, features: Features) -> np.ndarray:
        scores = features.vectors @ features.centroid
        if self.position_weight:
            scores = scores + self.position_weight * scores.max(initial=0.0) * position_prior(features)
        return np.asarray(scores)


class LexRank(Extractive):
    """LexRank: PageRank over the TF-IDF cosine graph of all the cluster's sentences.

    Args:
        threshold: keep edges with cosine above this (thresholded LexRank); ``None`` keeps
            every edge weighted by its cosine (continuous LexRank).
        damping: PageRank damping factor.
        position_weight: bias the random jump towards early sentences (0 = uniform).
        **kwargs: see :class:`~summarize.extractive.base.Extractive`.
    """

    default_redundancy = 0.5

    def __init__(self, *, threshold: float | None = None, damping: float = 0.85,
                 position_weight: float = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if threshold is not None and not 0 <= threshold < 1:
            raise ConfigError(f"lexrank threshold must be in [0, 1) or null, got {threshold}")
        if not 0 < damping < 1:
            raise ConfigError(f"damping must be in (0, 1), got {damping}")
        self.threshold, self.damping, self.position_weight = threshold, float(damping), float(position_weight)

    def score(self, cluster: Cluster, features: Features) -> np.ndarray:
        v = features.vectors
        sim = sp.csr_matrix(np.clip(v @ v.T, 0, None)) if features.dense is not None else (v @ v.T).tocsr()
        sim.setdiag(0)
        if self.threshold is not None:
            sim.data = (sim.data > self.threshold).astype(np.float64)
        sim.eliminate_zeros()
        jump = None
        if self.position_weight:
            jump = (1 - self.position_weight) + self.position_weight * position_prior(features)
        return pagerank(sim, self.damping, personalization=jump)


class TextRank(Extractive):
    """TextRank: PageRank over sentence overlap, |shared words| / (log|Si| + log|Sj|).

    Args:
        damping: PageRank damping factor.
        **kwargs: see :class:`~summarize.extractive.base.Extractive`.
    """

    default_redundancy = 0.5

    def __init__(self, *, damping: float = 0.85, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not 0 < damping < 1:
            raise ConfigError(f"damping must be in (0, 1), got {damping}")
        self.damping = float(damping)

    def score(self, cluster: Cluster, features: Features) -> np.ndarray:
        binary = features.tf.copy()
        binary.data[:] = 1.0
        overlap = (binary @ binary.T).tocsr()
        overlap.setdiag(0)
        overlap.eliminate_zeros()
        lengths = np.log(np.maximum(np.asarray(binary.sum(axis=1)).ravel(), 2.0))
        coo = overlap.tocoo()
        weights = coo.data / (lengths[coo.row] + lengths[coo.col])
        graph = sp.csr_matrix((weights, (coo.row, coo.col)), shape=overlap.shape)
        return pagerank(graph, self.damping)
