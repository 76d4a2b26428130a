"""A day's articles as a dataset whose clusters are the day's events, ranked.

``dataset=day dataset.path=<folder or file>`` reads every article: a folder (and its
subfolders) mixing ``.txt``, ``.html``, ``.json``/``.jsonl`` and RSS/Atom feed files
(:mod:`summarize.io.articles`), or one such file. It keeps those published on ``date`` (undated
ones too, with a warning), groups them into events (:mod:`summarize.digest.events`), gives each
event a headline and ranks the events: most distinct outlets first, then the most recent, then
the most articles; ``max_events`` caps the digest. ``summarize run`` then cleans, summarizes and
renders the events like any dataset's clusters; ``summarize digest`` is the shortcut.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from summarize.digest.events import (
    DEFAULT_MIN_SIMILARITY,
    DEFAULT_THRESHOLD,
    central,
    group_vectors,
    term_vectors,
)
from summarize.errors import ConfigError, InputError, require_int, require_number
from summarize.io.articles import JSONL_SUFFIXES, read_articles, read_folder
from summarize.io.common import MAX_FILE_BYTES, Dataset, make_cluster
from summarize.io.jsonl import article, iter_jsonl
from summarize.text.languages import AUTO
from summarize.types import Cluster, Document, utc

log = logging.getLogger("summarize.digest")

#: a headline made from a sentence keeps at most this many words
HEADLINE_WORDS = 14


#: ``date=all``: every article, whatever its day
ALL_DAYS = "all"


def parse_day(value: object) -> Date | str | None:
    """``YYYY-MM-DD`` (a string, or a date Hydra already parsed) as a date; ``None`` for none;
    ``"all"`` (:data:`ALL_DAYS`) for every day."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lower() == ALL_DAYS:
        return ALL_DAYS
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value).strip())
    except ValueError:
        raise ConfigError(f"dataset.date must be a day written YYYY-MM-DD (or all), got {value!r}") from None


def clean_title(title: str, outlet: str | None) -> str:
    """A title on one line, without the outlet's name that pages append ("... | Harbor Gazette")."""
    text = " ".join(title.split())
    if outlet:
        suffix = re.compile(rf"\s+[|\-–—:·]\s+{re.escape(' '.join(outlet.split()))}\s*$", re.I)
        text = suffix.sub("", text) or text
    return text


def shorten(sentence: str, words: int = HEADLINE_WORDS) -> str:
    """A sentence as a headline: at most ``words`` words (an ellipsis where cut), no final full stop."""
    parts = sentence.split()
    if len(parts) <= words + 2:
        return " ".join(parts).rstrip(".")
    return " ".join(parts[:words]).rstrip(",;:.") + " …"


def headline(members: Sequence[Document], vectors: Any, terms: Sequence[str], language: str) -> str:
    """An event's headline: the title of its most central titled article; without titles, its
    central sentence shortened: of an event of two or more articles, the sentence (of any of
    them) closest to what the *other* articles say (their summed vectors), so the fact the
    outlets share rather than one article's own angle; of a single article, its sentence
    closest to the article as a whole.

    Args:
        members: the event's articles.
        vectors: their rows of :func:`~summarize.digest.events.term_vectors`.
        terms: the term of each column of ``vectors``.
        language: their language.
    """
    sim = np.asarray((vectors @ vectors.T).todense())
    titled = [i for i, d in enumerate(members) if d.title and d.title.strip()]
    if titled:
        best = titled[central(sim[np.ix_(titled, titled)])]
        return clean_title(members[best].title or "", members[best].source)
    total = np.asarray(vectors.sum(axis=0)).ravel()
    column = {t: j for j, t in enumerate(terms)}
    best_fit, best_text = -1.0, ""
    for k in ([central(sim)] if len(members) == 1 else range(len(members))):
        doc = members[k]
        sentences = [s for s in doc.sentences if len(s.text.split()) >= 4] or list(doc.sentences)
        if not sentences:
            continue
        units, unit_terms = term_vectors([Document(id=f"{doc.id}#{s.index}", text=s.text) for s in sentences],
                                         language, title_weight=0, lead_weight=1)
        if not unit_terms:  # sentences of stop words and numbers only
            fit = np.zeros(len(sentences))
        else:
            cols = np.array([column.get(t, -1) for t in unit_terms])
            known = cols >= 0
            weight = np.zeros(len(unit_terms))  # the others' weight of each of the sentences' terms
            weight[known] = total[cols[known]]
            if len(members) > 1:
                weight[known] -= np.asarray(vectors[k][:, cols[known]].todense()).ravel()
            fit = units @ weight
        i = int(np.argmax(fit))
        if float(fit[i]) > best_fit:
            best_fit, best_text = float(fit[i]), sentences[i].text
    return shorten(best_text) if best_text else shorten(members[central(sim)].text)


def outlets(documents: Sequence[Document]) -> int:
    """How many distinct outlets report an event (an article without an outlet counts as one)."""
    return len({("outlet", " ".join(d.source.split()).casefold()) if d.source else ("article", d.id)
                for d in documents})


def rank_key(cluster: Cluster) -> tuple[int, float, int, str]:
    """Events sort by this: most outlets, then latest publication (undated last), then most articles."""
    span = cluster.span
    latest = (utc(span[1]) - datetime(1970, 1, 1)).total_seconds() if span is not None else float("-inf")
    return -outlets(cluster.documents), -latest, -len(cluster.documents), cluster.documents[0].id


class DayDataset(Dataset):
    """The events of a day's articles, one cluster each, in rank order.

    Args:
        path: a folder of article files (``.txt``, ``.html``, ``.json``, ``.jsonl``, RSS/Atom
            feeds; subfolders too), or one such file.
        date: keep the articles published on this day (``YYYY-MM-DD``); undated ones are kept.
            Not given: the latest day any article is dated (with a warning when articles of
            earlier days are left out); ``all``: every article, whatever its day.
        threshold: the mean similarity two groups of articles need to merge into one event.
        min_similarity: the similarity every pair of articles of two merging groups needs.
        min_articles: leave out events with fewer articles than this.
        max_articles: refuse more articles than this after the date filter (grouping holds an
            articles x articles similarity matrix).
        max_events: keep the first this many events of the ranking (``None``: all).
        chrome_density: an article with this many web-page chrome terms (cookies, log in,
            subscribe, browser, ...) per 100 words is a failed scrape (a paywall or a cookie
            wall), left out with a warning (the cleaner's rule, :mod:`summarize.clean.offtopic`).
        **kwargs: ``language`` (``auto``: each article's is detected and each language grouped
            on its own), ``limit``, ``encoding``: see :class:`~summarize.io.common.Dataset`.
    """

    name = "day"

    def __init__(self, path: str | Path | None = None, *, date: object = None, threshold: float = DEFAULT_THRESHOLD,
                 min_similarity: float = DEFAULT_MIN_SIMILARITY, min_articles: int = 1, max_articles: int = 20000,
                 max_events: int | None = None, chrome_density: float = 3.0, **kwargs: Any) -> None:
        super().__init__(path, **kwargs)
        self._day = parse_day(date)
        self._articles: list[Document] | None = None
        self.threshold = require_number(threshold, "dataset.threshold")
        if not 0 < self.threshold <= 1:
            raise ConfigError(f"dataset.threshold must be in (0, 1], got {threshold!r}")
        self.min_similarity = require_number(min_similarity, "dataset.min_similarity", minimum=0.0, maximum=1.0)
        self.min_articles = require_int(min_articles, "dataset.min_articles", minimum=1)
        self.max_articles = require_int(max_articles, "dataset.max_articles", minimum=1)
        self.max_events = require_int(max_events, "dataset.max_events", minimum=1, allow_none=True)
        self.chrome_density = require_number(chrome_density, "dataset.chrome_density", above=0.0)

    @property
    def date(self) -> Date | None:
        """The digest's day: ``date=`` when given; without it the latest day an article is
        dated (``None`` when none is, or with ``date=all``)."""
        if isinstance(self._day, Date):
            return self._day
        if self._day == ALL_DAYS:
            return None
        dated = [d.published.date() for d in self.articles() if d.published is not None]
        if not dated:
            log.warning("%s: no article has a publication date; the digest is filed under today (date=YYYY-MM-DD "
                        "gives it their day)", self.path)
            self._day = ALL_DAYS
            return None
        day = self._day = max(dated)
        earlier = sum(d < day for d in dated)
        if earlier:
            log.warning("%s: date= not given: the digest is of %s, the latest day the articles are dated; %d "
                        "article(s) of earlier days (from %s) left out (date=YYYY-MM-DD picks a day, date=all keeps "
                        "every one)", self.path, day, earlier, min(dated))
        return day

    def articles(self) -> list[Document]:
        """Every article of the input, ids made unique, before the date filter (read once)."""
        if self._articles is None:
            self._articles = self._read()
        return self._articles

    def _read(self) -> list[Document]:
        if self.path.is_dir():
            docs = read_folder(self.path, language=self.language, encoding=self.encoding)
        elif _is_jsonl(self.path):  # streamed: a JSONL file may be large (and gzipped)
            docs = []
            for number, obj in iter_jsonl(self.path, self.encoding):
                where = f"{self.path}:{number}"
                items = obj["documents"] if isinstance(obj.get("documents"), list) else [obj]
                docs += [article(d, f"{number}-{i}", self.language, where, i) for i, d in enumerate(items)]
            docs = [d for d in docs if d.sentences]
        else:
            try:
                size = self.path.stat().st_size
                if size > MAX_FILE_BYTES:
                    raise InputError(f"{self.path}: file is {size} bytes; the limit is {MAX_FILE_BYTES}")
                data = self.path.read_bytes()
            except OSError as e:
                raise InputError(f"{self.path}: cannot read: {e.strerror or e}") from None
            docs = read_articles(data, str(self.path), language=self.language, encoding=self.encoding)
        seen: set[str] = set()
        unique = []
        for d in docs:
            if d.id in seen:  # the same id twice (two clusters' "1", two feeds): keep both, renamed
                n = 2
                while f"{d.id}~{n}" in seen:  # an id "a~2" given too: "a~3"
                    n += 1
                new_id = f"{d.id}~{n}"
                d = replace(d, id=new_id, sentences=tuple(replace(s, doc_id=new_id) for s in d.sentences))
            seen.add(d.id)
            unique.append(d)
        if not unique:
            raise InputError(f"{self.path}: no article with any text")
        return unique

    def on_day(self, docs: list[Document]) -> list[Document]:
        """The articles published on :attr:`date` (in the time zone they were published in) and
        the undated ones (all of them without a date)."""
        day = self.date
        if day is None:
            return docs
        kept = [d for d in docs if d.published is None or d.published.date() == day]
        if not kept:
            dated = sorted(d.published.date() for d in docs if d.published is not None)
            raise InputError(f"{self.path}: no article published on {day}; "
                             f"the articles are dated {dated[0]} to {dated[-1]}")
        undated = sum(d.published is None for d in kept)
        if undated:
            log.warning("%d of %d articles have no date; they are kept in the digest of %s",
                        undated, len(kept), day)
        return kept

    def scraped(self, docs: list[Document]) -> list[Document]:
        """The articles without the failed scrapes (pages of web-page chrome, not of news)."""
        from summarize.clean.offtopic import chrome_density

        kept = [d for d in docs if chrome_density(d.text) < self.chrome_density]
        if len(kept) < len(docs):
            failed = [d.id for d in docs if chrome_density(d.text) >= self.chrome_density]
            log.warning("%s: %d article(s) left out as failed scrapes (cookie walls, paywalls): %s", self.path,
                        len(failed), ", ".join(failed[:5]) + (", ..." if len(failed) > 5 else ""))
        if not kept:
            raise InputError(f"{self.path}: every article is a failed scrape (web-page chrome, not news)")
        return kept

    def by_language(self, docs: list[Document]) -> dict[str, list[Document]]:
        """The articles by language: all in the configured one, or each in its detected one."""
        if self.language != AUTO:
            return {self.language: docs}
        from summarize.text.langdetect import detect, sample

        groups: dict[str, list[Document]] = {}
        for d in docs:
            groups.setdefault(detect(sample(d.text)).language, []).append(d)
        return groups

    def events(self) -> list[Cluster]:
        """The day's events, ranked, with headlines (before ``max_events`` and ``limit``)."""
        docs = self.scraped(self.on_day(self.articles()))
        if len(docs) > self.max_articles:
            raise InputError(f"{self.path}: {len(docs)} articles to group, more than dataset.max_articles="
                             f"{self.max_articles}; narrow them with date= or raise the limit")
        events: list[Cluster] = []
        for language, members in self.by_language(docs).items():
            vectors, terms = term_vectors(members, language)
            vectors = vectors.astype(np.float32)
            groups = group_vectors(vectors, threshold=self.threshold, min_similarity=self.min_similarity)
            for group in groups:
                if len(group) < self.min_articles:
                    continue
                order = sorted(group, key=lambda i: (utc(members[i].published or datetime.max), members[i].id))
                chosen = [members[i] for i in order]
                cluster = make_cluster(id="event", documents=chosen, language=language, origin=str(self.path))
                events.append(replace(cluster, headline=headline(chosen, vectors[order], terms, language)))
        if not events:
            raise InputError(f"{self.path}: no event has {self.min_articles} or more articles "
                             f"({len(docs)} articles read)")
        events.sort(key=rank_key)
        width = len(str(len(events)))
        return [replace(e, id=f"event-{k:0{width}d}") for k, e in enumerate(events, start=1)]

    def _clusters(self) -> Iterator[Cluster]:
        events = self.events()
        yield from events[: self.max_events] if self.max_events is not None else events


def _is_jsonl(path: Path) -> bool:
    """A JSON Lines file by its name: ``.jsonl``/``.ndjson``, gzipped or not (``.jsonl.gz``)."""
    suffixes = [x.lower() for x in path.suffixes]
    if suffixes[-1:] == [".gz"]:
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in JSONL_SUFFIXES
