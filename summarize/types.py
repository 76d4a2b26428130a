"""The data model: frozen dataclasses that cross every module boundary.

A :class:`Cluster` of :class:`Document` objects goes into a summarizer, a
:class:`Summary` comes out; a :class:`Budget` says how long it may be.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from summarize.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document; ``doc_id`` and ``index`` give provenance and order."""

    text: str
    doc_id: str
    index: int


@dataclass(frozen=True, slots=True)
class Document:
    """One report of an event, with its sentences already split."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    published: datetime | None = None
    url: str | None = None
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Cluster:
    """Several documents about one event, with optional human reference summaries."""

    id: str
    documents: tuple[Document, ...]
    references: tuple[str, ...] = ()
    language: str = "en"
    # a day's event (summarize.digest): its headline, the title of its most central article
    # (or that article's central sentence, shortened); None for other clusters
    headline: str | None = None

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of every document, in document order then position."""
        return tuple(s for d in self.documents for s in d.sentences)

    @property
    def span(self) -> tuple[datetime, datetime] | None:
        """The earliest and latest publication time of the documents (``None`` if none is dated);
        times with an offset are ordered in UTC, those without are taken as UTC."""
        dated = [d.published for d in self.documents if d.published is not None]
        if not dated:
            return None
        return min(dated, key=utc), max(dated, key=utc)


def utc(moment: datetime) -> datetime:
    """``moment`` as a naive UTC time, for ordering times with and without an offset together."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class Summary:
    """A digest of one cluster; sentence boundaries are kept (rougeLsum and DUC need them)."""

    cluster_id: str
    sentences: tuple[str, ...]
    system: str
    # per sentence: ids of the documents that support it
    sources: tuple[tuple[str, ...], ...] = field(default=())
    # per sentence: what a summarizer did to it ("" for nothing; e.g. the faithfulness guard's
    # "replaced: aldbury in no source")
    notes: tuple[str, ...] = field(default=())
    # per sentence: ids of documents whose near-identical sentence states other figures or the
    # opposite (not credited in ``sources``: where outlets disagree)
    differing: tuple[tuple[str, ...], ...] = field(default=())
    # what the summarizer records about this cluster, JSON-ready (abstractive: input tokens per
    # document, what was cut, the guard's decisions, ``counts`` that add up to the run's report)
    details: Mapping[str, Any] | None = None

    @property
    def text(self) -> str:
        """The summary as one string, sentences separated by spaces."""
        return " ".join(self.sentences)


@dataclass(frozen=True, slots=True)
class Budget:
    """A length limit: exactly one of words, bytes (UTF-8) or sentences."""

    words: int | None = None
    bytes: int | None = None
    sentences: int | None = None

    def __post_init__(self) -> None:
        given = {k: v for k, v in (("words", self.words), ("bytes", self.bytes),
                                   ("sentences", self.sentences)) if v is not None}
        if len(given) != 1:
            raise ConfigError(
                f"a budget needs exactly one of words, bytes, sentences; got {given or 'none'}"
            )
        (name, value), = given.items()
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ConfigError(f"budget {name} must be a positive integer, got {value!r}")

    @property
    def kind(self) -> str:
        """``"words"``, ``"bytes"`` or ``"sentences"``."""
        if self.words is not None:
            return "words"
        if self.bytes is not None:
            return "bytes"
        return "sentences"

    @property
    def limit(self) -> int:
        """The number the budget allows, in its own unit."""
        value = self.words if self.words is not None else (
            self.bytes if self.bytes is not None else self.sentences)
        assert value is not None  # guaranteed by __post_init__
        return value

    def __str__(self) -> str:
        return f"{self.kind[0]}{self.limit}"
