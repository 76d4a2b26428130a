"""The one contract every summarizer shares: ``summarize(cluster) -> Summary``.

It sits below the method families (:mod:`summarize.extractive`, :mod:`summarize.abstractive`),
the evaluation and the runner, which all import it from here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

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

    def run_report(self, details: Iterable[Mapping[str, Any]]) -> dict[str, Any] | None:
        """A run's totals (``metrics.json``'s ``summarizer_report``) from its summaries' ``details``,
        in run order; ``None`` (the default) when the method reports nothing. Computed from the
        summaries, not from state kept in the summarizer, so every runner (one process or many)
        reports the same."""
        return None
