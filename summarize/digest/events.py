"""Grouping a day's articles into events: average-linkage clustering of TF-IDF document vectors.

Two groups merge while the mean cosine similarity between their articles is at least
``threshold`` (scipy's hierarchical clustering, so the result does not depend on the order of
the articles). The default threshold was chosen on DUC 2003 (30 news events pooled) and
checked on Multi-News (``eval/grouping.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarize.errors import ConfigError
from summarize.extractive.features import Features
from summarize.types import Cluster, Document, Sentence

DEFAULT_THRESHOLD = 0.1


def document_vectors(documents: Sequence[Document], language: str) -> Features:
    """The documents' TF-IDF representations (each document one row: stemmed content words)."""
    units = tuple(Sentence(text=d.text, doc_id=d.id, index=0) for d in documents)
    return Features(Cluster(id="day", documents=tuple(documents), language=language), units)


def group_events(documents: Sequence[Document], language: str, *,
                 threshold: float = DEFAULT_THRESHOLD) -> list[list[int]]:
    """Indices of ``documents`` grouped by event, largest group first (ties: first article first).

    Args:
        documents: the day's articles.
        language: their language (stemming and stop words).
        threshold: the mean cosine similarity two groups need to merge, in (0, 1].
    """
    if not 0 < threshold <= 1:
        raise ConfigError(f"threshold must be in (0, 1], got {threshold!r}")
    n = len(documents)
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    sim = document_vectors(documents, language).similarity()
    distance = np.clip(1.0 - sim, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))
