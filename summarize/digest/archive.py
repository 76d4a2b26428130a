"""The digest archive: every day's articles, events and digests in one SQLite file.

``summarize digest ... archive=<file>`` (default ``<output_dir>/archive.sqlite``; a path shared
across days is the intended use) records, for the digest's day:

- ``articles``: every article as read, keyed by its address (or id) and a hash of its text, so
  the same article seen again (a feed repeating yesterday's items) is one row;
- ``events``: the day's events with a stable id (the day and the hash of their articles' keys),
  headline, time span, and, for an event that continues an earlier archived one, the id of that
  event (``follow_up_of``) and the similarity that linked them;
- ``event_articles``: which articles make each event;
- ``digests`` and ``sentences``: the day's digest (how it was made) and each event's summary
  sentences with the keys of the articles that carry them.

Re-running a day replaces that day's rows in one transaction, so an archive never holds two
versions of a day and never half of one (no duplicate rows, whatever the number of re-runs).

**Follow-ups.** Before an event is summarized, it is compared with the archived events of the
previous ``window_days`` days: the cosine between the centroid of its articles' TF-IDF vectors
and each earlier event's (the stemmed content-word vectors that group a day's articles into
events). At ``threshold`` or above, the most similar one is the event it continues. Its
summary is then made from what is new: every sentence whose claim the earlier digests of that
story (the linked event and the events it continued in turn) already carried is left out before
summarizing, judged by :class:`summarize.text.claims.ClaimIndex` (a near-duplicate, or the same
thing in other words, naming no other actors, with the same polarity and figures: an updated
death toll is new and stays).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from summarize.errors import ConfigError, InputError, require_int, require_number
from summarize.extractive.features import Features
from summarize.render.base import DigestMeta, FollowUp, RenderItem, headline, time_span
from summarize.types import Cluster, Document, Sentence

log = logging.getLogger("summarize.digest")

FILENAME = "archive.sqlite"
SCHEMA_VERSION = 1
#: cosine between two events' TF-IDF centroids at which a later one continues the earlier
#: (eval/followup.py: DUC 2003, TAC 2011 and Multi-News stories split into two days)
DEFAULT_THRESHOLD = 0.35
DEFAULT_WINDOW_DAYS = 7

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,          -- sha1 of the address (or id) and the content hash
    url TEXT, doc_id TEXT NOT NULL, outlet TEXT, title TEXT, published TEXT,
    content_hash TEXT NOT NULL,    -- sha1 of the text, whitespace folded
    text TEXT NOT NULL,
    first_day TEXT NOT NULL        -- the first archived day that had it
);
CREATE TABLE IF NOT EXISTS digests (
    day TEXT PRIMARY KEY, system TEXT NOT NULL, dataset TEXT NOT NULL, budget TEXT NOT NULL,
    n_events INTEGER NOT NULL, written TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,           -- <day>-<sha1 of the sorted article keys>
    day TEXT NOT NULL, position INTEGER NOT NULL, cluster_id TEXT NOT NULL, headline TEXT NOT NULL,
    start TEXT, end TEXT, n_articles INTEGER NOT NULL,
    follow_up_of TEXT, similarity REAL, repeated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS events_day ON events (day);
CREATE TABLE IF NOT EXISTS event_articles (
    event_id TEXT NOT NULL, article_key TEXT NOT NULL, doc_id TEXT NOT NULL,
    PRIMARY KEY (event_id, article_key)
);
CREATE TABLE IF NOT EXISTS sentences (
    event_id TEXT NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL,
    sources TEXT NOT NULL,         -- JSON list of article keys that carry it
    differing TEXT NOT NULL,       -- JSON list of article keys whose version states something else
    PRIMARY KEY (event_id, position)
);
"""


def content_hash(text: str) -> str:
    """The sha1 of a text with its whitespace folded (the same article re-fetched hashes alike)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()


def article_key(doc: Document) -> str:
    """An article's archive key: its address (or, without one, its id) and its content hash."""
    ident = (doc.url or "").strip() or f"id:{doc.id}"
    return hashlib.sha1(f"{ident}\n{content_hash(doc.text)}".encode("utf-8", "surrogatepass")).hexdigest()[:24]


def event_id(day: date, keys: Sequence[str]) -> str:
    """A stable event id: the day and a hash of its articles' keys (the same articles, the same id)."""
    return f"{day.isoformat()}-{hashlib.sha1(chr(10).join(sorted(keys)).encode()).hexdigest()[:12]}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _storable(value: object) -> object:
    """A value SQLite can store: text with a lone surrogate (scraped bytes gone wrong) gets U+FFFD."""
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def _row(*values: object) -> tuple[object, ...]:
    return tuple(_storable(v) for v in values)


def _text(doc: Document) -> str:
    """An article's text as the digest read it: its sentences (markup removed), else its text."""
    return " ".join(s.text for s in doc.sentences) or doc.text


@dataclass(frozen=True, slots=True)
class _Earlier:
    """An archived event that a new one may continue."""

    id: str
    day: date
    headline: str


@dataclass(frozen=True, slots=True)
class _Candidates:
    """The archived events a day's events may continue, as TF-IDF centroids."""

    language: str
    earlier: list[_Earlier]
    vocabulary: dict[str, int]  # stem -> column
    idf: np.ndarray  # per column, over the archived articles
    centroids: sp.csr_matrix  # one unit row per event of ``earlier``
    n_docs: int


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the archive decided about one event before it is summarized."""

    event_id: str
    keys: dict[str, str]  # doc id -> article key, every document as read
    follow_up: FollowUp | None
    cluster: Cluster  # what to summarize: the cleaned cluster, sentences already reported left out


class FollowUps:
    """Decides, without the database, which archived event a new one continues (see the module's
    docstring): the archived articles of the window and the summaries of the earlier events, read
    once by :meth:`Archive.follow_ups`. Picklable, so worker processes prepare events themselves.

    Args:
        day: the digest's day.
        threshold: centroid cosine at which an event continues an archived one.
        embeddings: ``"wordllama"`` or ``None`` (see :class:`Archive`).
        rows: ``(event id, day, headline, article text)`` of every archived article of the window.
        stories: every earlier event's summary sentences and the event it continued.
    """

    def __init__(self, *, day: date, threshold: float, embeddings: str | None,
                 rows: tuple[tuple[str, str, str, str], ...] = (),
                 stories: dict[str, tuple[tuple[str, ...], str | None]] | None = None) -> None:
        self.day, self.threshold, self.embeddings = day, threshold, embeddings
        self.rows = rows
        self.stories = stories or {}
        self._candidates: dict[str, _Candidates] = {}

    def key(self) -> str:
        """A hash of what the decisions depend on (the archived window and the settings): a run
        resumed after the archive changed (another day recorded) starts its events over."""
        h = hashlib.sha1(f"{self.day}|{self.threshold}|{self.embeddings}".encode())
        for row in self.rows:
            h.update("\x00".join(row).encode("utf-8", "surrogatepass") + b"\x01")
        for eid in sorted(self.stories):
            texts, parent = self.stories[eid]
            h.update("\x00".join((eid, parent or "", *texts)).encode("utf-8", "surrogatepass") + b"\x01")
        return h.hexdigest()[:16]

    def __getstate__(self) -> dict[str, Any]:
        return {"day": self.day, "threshold": self.threshold, "embeddings": self.embeddings, "rows": self.rows,
                "stories": self.stories}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def _load_candidates(self, language: str) -> _Candidates:
        """The archived events of the window, with their TF-IDF centroids in ``language``'s analysis."""
        if language in self._candidates:
            return self._candidates[language]
        events: dict[str, tuple[date, str, list[int]]] = {}
        texts: list[str] = []
        for eid, day, head, text in self.rows:
            events.setdefault(eid, (date.fromisoformat(day), head, []))[2].append(len(texts))
            texts.append(text)
        earlier = [_Earlier(eid, d, h) for eid, (d, h, _) in events.items()]
        if not texts:
            self._candidates[language] = _Candidates(language, earlier, {}, np.zeros(0), sp.csr_matrix((0, 0)), 0)
            return self._candidates[language]
        f = _features([Document(id=str(i), text=t) for i, t in enumerate(texts)], language)
        member = sp.csr_matrix((np.ones(len(texts)), ([k for k, (_, _, r) in enumerate(events.values()) for _ in r],
                                                      [i for _, _, r in events.values() for i in r])),
                               shape=(len(earlier), len(texts)))
        self._candidates[language] = _Candidates(language, earlier, f.vocabulary, f.idf, _unit_rows(member @ f.tfidf),
                                                 len(texts))
        return self._candidates[language]

    def similarities(self, documents: Sequence[Document], language: str) -> list[tuple[float, _Earlier]]:
        """Each archived event of the window with its similarity to ``documents`` (most similar
        first): the cosine between the centroids of their articles' unit TF-IDF vectors, with the
        archived articles' inverse document frequencies (a term they never use weighs most)."""
        c = self._load_candidates(language)
        if not c.earlier or not documents:
            return []
        stems = _features([Document(id=f"new{i}", text=_text(d)) for i, d in enumerate(documents)], language).stems
        unseen_idf = float(np.log1p(c.n_docs))
        known = np.zeros(len(c.vocabulary))
        unseen: dict[str, float] = {}
        for doc in stems:
            counts = Counter(doc)
            weights = {t: n * (float(c.idf[c.vocabulary[t]]) if t in c.vocabulary else unseen_idf)
                       for t, n in counts.items()}
            norm = sum(w * w for w in weights.values()) ** 0.5
            for t, w in weights.items():
                if t in c.vocabulary:
                    known[c.vocabulary[t]] += w / norm
                else:
                    unseen[t] = unseen.get(t, 0.0) + w / norm
        norm = float(np.sqrt(known @ known + sum(w * w for w in unseen.values())))
        if norm == 0:
            return []
        sims = np.asarray(c.centroids @ known).ravel() / norm
        out = [(float(sims[k]), e) for k, e in enumerate(c.earlier)]
        return sorted(out, key=lambda p: (-p[0], -p[1].day.toordinal(), p[1].id))

    def _story(self, first: str) -> list[str]:
        """The summary sentences of an archived event and of the events it continued in turn."""
        out: list[str] = []
        seen: set[str] = set()
        current: str | None = first
        while current and current not in seen:
            seen.add(current)
            texts, parent = self.stories.get(current, ((), None))
            out += texts
            current = parent
        return out

    def prepare(self, as_read: Cluster, cleaned: Cluster | None = None) -> Prepared:
        """Find the event ``as_read`` continues, if any, and what to summarize: the cleaned
        cluster (``as_read`` without cleaning) without the sentences already reported.

        Args:
            as_read: the event's cluster as read (every article, for the archive).
            cleaned: the same after cleaning (what the summarizer would get), if cleaned.
        """
        work = cleaned if cleaned is not None else as_read
        keys = {d.id: article_key(d) for d in as_read.documents}
        eid = event_id(self.day, list(keys.values()))
        follow_up = None
        ranked = self.similarities(work.documents, work.language)
        if ranked and ranked[0][0] >= self.threshold:
            score, earlier = ranked[0]
            work, repeated = self._new_facts(work, self._story(earlier.id))
            follow_up = FollowUp(event_id=earlier.id, day=earlier.day, headline=earlier.headline,
                                 similarity=score, repeated=repeated)
            log.info("%s continues %s (%s, similarity %.2f); %d sentences already reported left out",
                     as_read.id, earlier.id, earlier.headline, score, repeated)
        return Prepared(event_id=eid, keys=keys, follow_up=follow_up, cluster=work)

    def _new_facts(self, cluster: Cluster, earlier: Sequence[str]) -> tuple[Cluster, int]:
        """``cluster`` without the sentences whose claim one of ``earlier`` carries, and how many went."""
        sentences = cluster.sentences
        if not earlier or not sentences:
            return cluster, 0
        from summarize.text.claims import ClaimIndex

        texts = [*earlier, *(s.text for s in sentences)]
        doc_ids = ["\x00earlier"] * len(earlier) + [s.doc_id for s in sentences]
        f = _features([Document(id=str(i), text=t) for i, t in enumerate(texts)], cluster.language)
        dense = None
        if self.embeddings == "wordllama":
            from summarize.extractive.embeddings import cached_encoder

            dense = cached_encoder("wordllama").encode(texts)
        index = ClaimIndex(texts, doc_ids, {}, cluster.language, lexical=f.tfidf, content=f.stems, dense=dense)
        n_old = len(earlier)
        support = index.support(range(n_old, len(texts)))
        old = {sentences[k] for k, (same, _) in enumerate(support) if any(j < n_old for j in same)}
        if not old:
            return cluster, 0
        documents = []
        for d in cluster.documents:
            kept = tuple(s for s in d.sentences if s not in old)
            documents.append(replace(d, sentences=kept, text=" ".join(s.text for s in kept)))
        return replace(cluster, documents=tuple(documents)), len(old)



class Archive:
    """A SQLite archive of daily digests, and the follow-up links between their events.

    Args:
        path: the SQLite file (created with its folder if missing).
        day: the digest's day (re-running it replaces its rows).
        threshold: TF-IDF centroid cosine at which an event continues an archived one, in (0, 1].
        window_days: how many earlier days to look back for the event an event continues.
        embeddings: ``"wordllama"`` (the default) lets a sentence of a follow-up count as already
            reported when it says an earlier one in other words; ``None``: near-duplicates and
            close wording only.

    Raises:
        InputError: the file is not a SQLite archive of this version, or cannot be written.
        ConfigError: a setting out of range.
    """

    def __init__(self, path: str | Path, *, day: date, threshold: float = DEFAULT_THRESHOLD,
                 window_days: int = DEFAULT_WINDOW_DAYS, embeddings: str | None = "wordllama") -> None:
        self.path = Path(path).expanduser()
        self.day = day
        self.threshold = require_number(threshold, "follow_up.threshold", above=0.0, maximum=1.0)
        self.window_days = require_int(window_days, "follow_up.window_days", minimum=0)
        if embeddings not in (None, "wordllama"):
            raise ConfigError(f"follow_up.embeddings must be wordllama or null, got {embeddings!r}")
        self.embeddings = embeddings
        if self.path.is_dir():
            raise InputError(f"archive {self.path} is a folder; give a file, e.g. archive={self.path / FILENAME}")
        # an existing archive is checked now; a new one is created only when the day is written,
        # so a run that fails leaves no empty archive behind
        self._connection: sqlite3.Connection | None = self._open() if self.path.exists() else None
        self._prepared: dict[str, Prepared] = {}
        self._items: list[RenderItem] = []
        self._follow_ups: FollowUps | None = None

    # ------------------------------------------------------------------ opening
    @property
    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = self._open()
        return self._connection

    def _open(self) -> sqlite3.Connection:
        if not self.path.exists():  # said, so that a mistyped archive= does not lose the earlier days unnoticed
            if self.path.parent.exists():
                log.info("archive %s is new: no earlier days in it, no follow-ups", self.path)
            else:
                log.warning("archive %s: its folder %s did not exist and is made, with a new archive "
                            "(no earlier days in it, no follow-ups)", self.path, self.path.parent)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except (sqlite3.Error, OSError) as e:
            raise InputError(f"archive {self.path}: {' '.join(str(e).split())} (not a SQLite archive?)") from None
        if tables and version != SCHEMA_VERSION:
            db.close()
            raise InputError(f"archive {self.path}: not an archive of this version (schema {version}, "
                             f"expected {SCHEMA_VERSION}); give another archive=")
        if not tables:
            try:
                db.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
            except sqlite3.Error as e:
                db.close()
                raise InputError(f"archive {self.path}: {' '.join(str(e).split())}") from None
        return db

    def close(self) -> None:
        """Close the database (nothing of an unfinished day is written)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # ------------------------------------------------------------------ follow-ups
    def follow_ups(self) -> FollowUps:
        """The archived events of the window before the day, read once into a self-contained
        :class:`FollowUps` that decides follow-ups without the database (so it can be sent to
        worker processes: the runners prepare each event where they summarize it)."""
        if self._follow_ups is not None:
            return self._follow_ups
        window = (self.day.isoformat(), (self.day - timedelta(days=self.window_days)).isoformat())
        rows: list[tuple[str, str, str, str]] = []
        stories: dict[str, tuple[tuple[str, ...], str | None]] = {}
        if self._connection is not None:  # no archive yet: nothing earlier
            rows = self._db.execute(
                "SELECT e.id, e.day, e.headline, a.text FROM events e JOIN event_articles ea ON ea.event_id = e.id "
                "JOIN articles a ON a.key = ea.article_key WHERE e.day < ? AND e.day >= ? ORDER BY e.day, e.position, "
                "ea.article_key", window).fetchall()
            sentences: dict[str, list[str]] = {}
            for eid, text in self._db.execute("SELECT event_id, text FROM sentences WHERE event_id IN "
                                              "(SELECT id FROM events WHERE day < ?) ORDER BY event_id, position",
                                              (window[0],)):
                sentences.setdefault(eid, []).append(text)
            for eid, parent in self._db.execute("SELECT id, follow_up_of FROM events WHERE day < ?", (window[0],)):
                stories[eid] = (tuple(sentences.get(eid, ())), parent)
        self._follow_ups = FollowUps(day=self.day, threshold=self.threshold, embeddings=self.embeddings,
                                     rows=tuple(rows), stories=stories)
        return self._follow_ups

    def similarities(self, documents: Sequence[Document], language: str) -> list[tuple[float, _Earlier]]:
        """See :meth:`FollowUps.similarities`."""
        return self.follow_ups().similarities(documents, language)

    def prepare(self, as_read: Cluster, cleaned: Cluster | None = None) -> Cluster:
        """Decide (:meth:`FollowUps.prepare`) and remember what to summarize for ``as_read``."""
        prepared = self.follow_ups().prepare(as_read, cleaned)
        self._prepared[as_read.id] = prepared
        return prepared.cluster

    def prepared(self, cluster_id: str) -> Prepared | None:
        """What :meth:`prepare` decided for a cluster (``None`` if it never saw it)."""
        return self._prepared.get(cluster_id)

    # ------------------------------------------------------------------ recording
    def add(self, item: RenderItem, prepared: Prepared | None = None) -> Prepared:
        """Remember one summarized event of the day (written by :meth:`finish`), with what
        :meth:`FollowUps.prepare` decided for it (given, remembered by :meth:`prepare`, or decided
        now); returns that decision, its event id kept apart from the day's other events'."""
        if prepared is None:
            prepared = self._prepared.get(item.cluster.id) or self.follow_ups().prepare(item.cluster)
        if any(p.event_id == prepared.event_id for i, p in self._prepared.items() if i != item.cluster.id):
            prepared = replace(prepared, event_id=f"{prepared.event_id}-{item.cluster.id}")  # the same articles twice
        self._prepared[item.cluster.id] = prepared
        self._items.append(item)
        return prepared

    def finish(self, meta: DigestMeta) -> int:
        """Write the day (articles, events, digest, sentences) in one transaction, replacing any
        earlier run of the same day; returns the number of events written."""
        day = self.day.isoformat()
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            old = [r[0] for r in db.execute("SELECT id FROM events WHERE day = ?", (day,))]
            for table, column in (("sentences", "event_id"), ("event_articles", "event_id")):
                db.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(e,) for e in old])
            db.execute("DELETE FROM events WHERE day = ?", (day,))
            db.execute("DELETE FROM digests WHERE day = ?", (day,))
            for position, item in enumerate(self._items):
                self._write_event(position, item)
            db.execute("INSERT INTO digests VALUES (?, ?, ?, ?, ?, ?)",
                       _row(day, meta.system, meta.dataset, str(meta.budget), len(self._items),
                            datetime.now().astimezone().isoformat(timespec="seconds")))
            db.execute("COMMIT")
        except (sqlite3.Error, UnicodeEncodeError) as e:  # a full disk, a locked file, a lone surrogate
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise InputError(f"archive {self.path}: cannot record the day ({' '.join(str(e).split())[:200]})") from None
        return len(self._items)

    def _write_event(self, position: int, item: RenderItem) -> None:
        p = self._prepared[item.cluster.id]
        db = self._db
        cleaned = {d.id: d for d in p.cluster.documents}
        for d in item.cluster.documents:
            text = _text(cleaned[d.id]) if d.id in cleaned and cleaned[d.id].sentences else _text(d)
            db.execute("INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       _row(p.keys[d.id], d.url, d.id, d.source, d.title,
                            d.published.isoformat() if d.published else None, content_hash(d.text), text,
                            self.day.isoformat()))
            db.execute("INSERT OR IGNORE INTO event_articles VALUES (?, ?, ?)", _row(p.event_id, p.keys[d.id], d.id))
        span = time_span(item.cluster.documents)
        f = p.follow_up
        db.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   _row(p.event_id, self.day.isoformat(), position, item.cluster.id,
                        item.headline or headline(item.cluster, item.summary),
                        span[0].isoformat() if span else None, span[1].isoformat() if span else None,
                        len(item.cluster.documents), f.event_id if f else None,
                        round(f.similarity, 6) if f else None, f.repeated if f else 0))
        s = item.summary
        for k, text in enumerate(s.sentences):
            carried = [p.keys[d.id] for d in item.cited(k)]
            other = [p.keys[d.id] for d in item.differing(k)]
            db.execute("INSERT INTO sentences VALUES (?, ?, ?, ?, ?)",
                       _row(p.event_id, k, text, json.dumps(carried), json.dumps(other)))

    # ------------------------------------------------------------------ reading
    def counts(self) -> dict[str, int]:
        """Rows per table (for reports and tests)."""
        return {t: int(self._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
                for t in ("articles", "digests", "events", "event_articles", "sentences")}

    def events(self, day: date | None = None) -> list[dict[str, Any]]:
        """The archived events (of one day, or all), in day and digest order."""
        query = "SELECT * FROM events" + (" WHERE day = ?" if day else "") + " ORDER BY day, position"
        cursor = self._db.execute(query, (day.isoformat(),) if day else ())
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]


def _unit_rows(m: sp.spmatrix) -> sp.csr_matrix:
    """``m`` with each row scaled to unit length (empty rows stay zero)."""
    m = sp.csr_matrix(m)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.csr_matrix(sp.diags(inv) @ m)


def _features(documents: Sequence[Document], language: str) -> Features:
    """TF-IDF over whole texts, one row per document (the machinery that groups a day's articles)."""
    units = tuple(Sentence(text=d.text, doc_id=d.id, index=0) for d in documents)
    return Features(Cluster(id="archive", documents=tuple(documents), language=language), units)


def digest_day(value: object) -> date:
    """The digest's day: the dataset's ``date`` when set, else today."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.now().astimezone().date()


__all__ = ["Archive", "FILENAME", "Prepared", "article_key", "content_hash", "digest_day", "event_id"]
