"""What every renderer shares: the protocol, the per-event record it renders, and small helpers.

A run hands each summarized cluster to its renderers as a :class:`RenderItem` (the cluster as
read, the summary with its provenance, scores where references exist, the follow-up link from
the archive); each renderer collects what it needs and writes its one file atomically in
:meth:`Renderer.finish`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from summarize.types import Budget, Cluster, Document, Summary, utc

#: an address that may become a link: http(s), no spaces, quotes, angle brackets or backslashes
SAFE_URL = re.compile(r"https?://[^\s<>\"'`\\]+\Z", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DigestMeta:
    """What the whole digest is: how it was made and, for a day's digest, the day.

    Args:
        system: the summarizer's name.
        dataset: the dataset's name and path, as shown to the reader.
        budget: the length limit of each summary.
        day: the digest's day (``summarize digest date=...``), if any.
    """

    system: str
    dataset: str
    budget: Budget
    day: date | None = None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The earlier archived event that an event continues.

    Args:
        event_id: the earlier event's archive id.
        day: the earlier event's day.
        headline: the earlier event's headline.
        similarity: cosine between the two events' TF-IDF centroids.
        repeated: how many sentences of this event were left out because the earlier digests
            already carried their claims.
    """

    event_id: str
    day: date
    headline: str
    similarity: float
    repeated: int = 0


@dataclass(frozen=True, slots=True)
class RenderItem:
    """One summarized cluster (a day's event), as a renderer sees it.

    Args:
        cluster: the cluster as read, before cleaning (every outlet, syndicated copies included).
        summary: its summary; ``sources`` and ``differing`` already list syndicated copies.
        scores: ROUGE per type (``{"rouge1": {"precision", "recall", "fmeasure"}, ...}``) where
            the cluster has references, else ``None``.
        follow_up: the earlier event this one continues (from the archive), else ``None``.
        headline: the event's headline, if the caller has one; else the cluster's (the day
            reader's, :attr:`Cluster.headline`), else :func:`headline` picks it.
        event_id: the event's stable id in the archive, when there is one.
        copies: the syndicated copies among the cluster's documents: a copy's id -> the id of
            the document it copies word for word (the cleaner's syndication step). Renderers say
            so beside the copy: its outlet carries the story but is not an independent report.
    """

    cluster: Cluster
    summary: Summary
    scores: Mapping[str, Any] | None = None
    follow_up: FollowUp | None = None
    headline: str | None = None
    event_id: str | None = None
    copies: Mapping[str, str] = field(default_factory=dict)
    documents: Mapping[str, Document] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "documents", {d.id: d for d in self.cluster.documents})

    def cited(self, k: int) -> list[Document]:
        """The documents (as read) that carry sentence ``k``, in citation order, unknown ids left out."""
        ids = self.summary.sources[k] if k < len(self.summary.sources) else ()
        return [self.documents[d] for d in dict.fromkeys(ids) if d in self.documents]

    def differing(self, k: int) -> list[Document]:
        """The documents whose near-identical sentence states something else than sentence ``k``."""
        ids = self.summary.differing[k] if k < len(self.summary.differing) else ()
        return [self.documents[d] for d in dict.fromkeys(ids) if d in self.documents]

    @property
    def title(self) -> str:
        """The event's headline (see :func:`headline`)."""
        return self.headline or headline(self.cluster, self.summary)

    @property
    def outlets(self) -> list[str]:
        """The distinct outlets of the cluster's documents, in document order."""
        return list(dict.fromkeys(d.source for d in self.cluster.documents if d.source))

    @property
    def span(self) -> tuple[datetime, datetime] | None:
        """The earliest and latest publication time of the cluster's documents, if any is dated."""
        return time_span(self.cluster.documents)


@runtime_checkable
class Renderer(Protocol):
    """One output format of a digest: ``begin`` once, ``add`` every event, ``finish`` writes the file."""

    #: the format's name in the ``render`` config group (``markdown``, ``html``, ``json``)
    name: str
    #: the file it writes into the output folder
    filename: str

    def begin(self, meta: DigestMeta) -> None:
        """Start a digest (forgets any earlier one)."""

    def add(self, item: RenderItem) -> None:
        """Add one event, in digest order."""

    def finish(self, out_dir: Path) -> Path:
        """Write the file atomically into ``out_dir`` and return its path."""
        ...


def time_span(documents: Sequence[Document]) -> tuple[datetime, datetime] | None:
    """The earliest and latest publication time among ``documents`` (times with an offset ordered
    in UTC, as :attr:`Cluster.span` does); ``None`` if none is dated."""
    stamps = sorted((d.published for d in documents if d.published is not None), key=utc)
    return (stamps[0], stamps[-1]) if stamps else None


def when(stamp: datetime | None) -> str | None:
    """A time as the digest writes it: ``2025-03-14`` at midnight, ``2025-03-14 09:10`` otherwise."""
    if stamp is None:
        return None
    return stamp.strftime("%Y-%m-%d") if (stamp.hour, stamp.minute) == (0, 0) else stamp.strftime("%Y-%m-%d %H:%M")


def span_text(span: tuple[datetime, datetime] | None) -> str:
    """``"2025-03-14 09:10 to 2025-03-15"``; ``"2025-03-14 09:10 to 18:00"`` within one day
    (``"2025-03-15, 13:30"`` when one end has only the day); one time if both ends write the same;
    ``""`` for none."""
    if span is None:
        return ""
    first, last = when(span[0]) or "", when(span[1]) or ""
    if first == last:
        return first
    if span[0].date() == span[1].date():
        if len(first) > 10 and len(last) > 10:
            return f"{first} to {last[11:]}"
        # a day without a time (an article dated only by its day) and a time that day: the day,
        # then the times known ("2025-03-15, 13:30"), not "2025-03-15 to 2025-03-15 13:30"
        return f"{first[:10]}, {last[11:] or first[11:]}"
    return f"{first} to {last}"


def safe_url(url: str | None) -> str | None:
    """``url`` stripped when it is an http(s) address that can safely become a link, else ``None``
    (``javascript:``, ``data:``, relative paths and addresses with spaces or quotes are never links)."""
    if not url:
        return None
    url = url.strip()
    return url if SAFE_URL.match(url) else None


def shorten(text: str, words: int = 14) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when cut."""
    parts = text.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


def headline(cluster: Cluster, summary: Summary | None = None) -> str:
    """The event's headline: the one the day reader chose (:attr:`Cluster.headline`: its most
    central article's title), else chosen the same way (the title of the most central titled
    document, :func:`summarize.digest.day.headline`); for untitled text the summary's first
    sentence (else the first document's), shortened."""
    if cluster.headline and cluster.headline.strip():
        return " ".join(cluster.headline.split())
    titled = [d for d in cluster.documents if d.title and d.title.strip()]
    if len(titled) > 1:  # the most central titled article's, as the day reader chooses
        from summarize.digest.day import headline as day_headline
        from summarize.digest.events import term_vectors

        vectors, terms = term_vectors(list(cluster.documents), cluster.language)
        return " ".join(day_headline(list(cluster.documents), vectors, terms, cluster.language).split())
    if titled:
        return " ".join((titled[0].title or "").split())
    if summary is not None and summary.sentences:
        return shorten(summary.sentences[0])
    first = next((s.text for d in cluster.documents for s in d.sentences), "")
    return shorten(first) if first else cluster.id
