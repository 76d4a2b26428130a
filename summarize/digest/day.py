"""A day's articles as a dataset whose clusters are the day's events.

``dataset=day dataset.path=<folder or .jsonl>`` reads every article (a folder of ``.txt``/``.html``
files, or the project's JSONL: a line is one article ``{"id", "title", "source", "published",
"url", "text"}`` or a whole cluster ``{"documents": [...]}`` whose documents are taken as
articles), keeps those published on ``date`` (undated ones too, with a warning), groups them into
events (:func:`summarize.digest.events.group_events`) and yields one cluster per event, largest
first. ``summarize run`` then cleans, summarizes and renders them like any dataset;
``summarize digest`` is the shortcut.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import Any

from summarize.digest.events import DEFAULT_THRESHOLD, group_events
from summarize.errors import ConfigError, InputError, require_int, require_number
from summarize.io.common import Dataset, make_cluster
from summarize.io.folder import FolderDataset
from summarize.io.jsonl import article, iter_jsonl
from summarize.types import Cluster, Document

log = logging.getLogger("summarize.digest")


def parse_day(value: object) -> Date | None:
    """``YYYY-MM-DD`` (a string, or a date Hydra already parsed) as a date; ``None`` for none."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value).strip())
    except ValueError:
        raise ConfigError(f"dataset.date must be a day written YYYY-MM-DD, got {value!r}") from None


class DayDataset(Dataset):
    """The events of a day's articles, one cluster each.

    Args:
        path: a folder of ``.txt``/``.html`` articles, or a ``.jsonl`` file of articles (or clusters).
        date: keep the articles published on this day (``YYYY-MM-DD``); undated ones are kept.
        threshold: the mean cosine similarity two groups of articles need to merge into one event.
        min_articles: leave out events with fewer articles than this.
        max_articles: refuse more articles than this after the date filter (grouping holds an
            articles x articles similarity matrix: 8,000 articles take about 8 s and 1.6 GB).
        **kwargs: ``language``, ``limit`` (events), ``encoding``: see :class:`~summarize.io.common.Dataset`.
    """

    name = "day"

    def __init__(self, path: str | Path | None = None, *, date: object = None, threshold: float = DEFAULT_THRESHOLD,
                 min_articles: int = 1, max_articles: int = 20000, **kwargs: Any) -> None:
        super().__init__(path, **kwargs)
        self.date = parse_day(date)
        self.threshold = require_number(threshold, "dataset.threshold")
        if not 0 < self.threshold <= 1:
            raise ConfigError(f"dataset.threshold must be in (0, 1], got {threshold!r}")
        self.min_articles = require_int(min_articles, "dataset.min_articles", minimum=1)
        self.max_articles = require_int(max_articles, "dataset.max_articles", minimum=1)

    def articles(self) -> list[Document]:
        """Every article of the input, ids made unique, before the date filter."""
        if self.path.is_dir():
            folder = FolderDataset(self.path, language=self.language, encoding=self.encoding)
            docs = [d for cluster in folder for d in cluster.documents]
        else:
            docs = []
            for number, obj in iter_jsonl(self.path, self.encoding):
                where = f"{self.path}:{number}"
                items = obj["documents"] if isinstance(obj.get("documents"), list) else [obj]
                docs += [article(d, f"{number}-{i}", self.language, where, i) for i, d in enumerate(items)]
            docs = [d for d in docs if d.sentences]
        seen: dict[str, int] = {}
        unique = []
        for d in docs:
            seen[d.id] = seen.get(d.id, 0) + 1
            if seen[d.id] > 1:  # the same id twice (two clusters' "1", two feeds): keep both, renamed
                new_id = f"{d.id}~{seen[d.id]}"
                d = replace(d, id=new_id, sentences=tuple(replace(s, doc_id=new_id) for s in d.sentences))
            unique.append(d)
        if not unique:
            raise InputError(f"{self.path}: no article with any text")
        return unique

    def on_day(self, docs: list[Document]) -> list[Document]:
        """The articles published on :attr:`date` and the undated ones (all of them without a date)."""
        if self.date is None:
            return docs
        kept = [d for d in docs if d.published is None or d.published.date() == self.date]
        if not kept:
            dated = sorted(d.published.date() for d in docs if d.published is not None)
            raise InputError(f"{self.path}: no article published on {self.date}; "
                             f"the articles are dated {dated[0]} to {dated[-1]}")
        undated = sum(d.published is None for d in kept)
        if undated:
            log.warning("%d of %d articles have no date; they are kept in the digest of %s",
                        undated, len(kept), self.date)
        return kept

    def _clusters(self) -> Iterator[Cluster]:
        docs = self.on_day(self.articles())
        if len(docs) > self.max_articles:
            raise InputError(f"{self.path}: {len(docs)} articles to group, more than dataset.max_articles="
                             f"{self.max_articles}; narrow them with date= or raise the limit")
        groups = [g for g in group_events(docs, self.language, threshold=self.threshold)
                  if len(g) >= self.min_articles]
        if not groups:
            raise InputError(f"{self.path}: no event has {self.min_articles} or more articles "
                             f"({len(docs)} articles read)")
        width = len(str(len(groups)))
        for k, group in enumerate(groups, start=1):
            members = sorted((docs[i] for i in group), key=lambda d: (d.published or datetime.max).replace(tzinfo=None))
            yield make_cluster(id=f"event-{k:0{width}d}", documents=members, language=self.language,
                               origin=str(self.path))
