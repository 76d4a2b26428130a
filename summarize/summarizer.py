"""The one contract every summarizer shares: ``summarize(cluster) -> Summary``.

It sits below the method families (:mod:`summarize.extractive`, :mod:`summarize.abstractive`),
the evaluation and the runner, which all import it from here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator

from summarize.types import Cluster, Summary


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
