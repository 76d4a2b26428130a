"""``digest.json``: the digest for programs: events, headlines, sentences and their sources.

One JSON object::

    {"day": "2025-03-14" | null, "system", "dataset", "budget": "w100",
     "events": [{"id", "event_id", "headline", "outlets", "n_articles", "start", "end",
                 "follow_up": {"event_id", "day", "headline", "similarity", "repeated"} | null,
                 "sentences": [{"text", "sources": [article], "differing": [article], "note"?}],
                 "articles": [article], "scores": {"rouge1": {...}, ...} | null}]}

where an article is ``{"id", "outlet", "title", "url", "published"}``. ``sources`` lists the
articles that carry the sentence (syndicated copies included), ``differing`` those whose
near-identical sentence states other figures or the opposite; ``url`` is given only for
``http(s)`` addresses (anything else, e.g. ``javascript:``, is ``null``), times are ISO 8601.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarize.render.base import DigestMeta, RenderItem, safe_url
from summarize.types import Document


def article(doc: Document) -> dict[str, Any]:
    """One article as the JSON digest lists it."""
    return {"id": doc.id, "outlet": doc.source, "title": doc.title, "url": safe_url(doc.url),
            "published": doc.published.isoformat() if doc.published else None}


def event(item: RenderItem) -> dict[str, Any]:
    """One event as the JSON digest lists it."""
    span = item.span
    summary = item.summary
    sentences = []
    for k, text in enumerate(summary.sentences):
        entry: dict[str, Any] = {"text": text, "sources": [article(d) for d in item.cited(k)],
                                 "differing": [article(d) for d in item.differing(k)]}
        if k < len(summary.notes) and summary.notes[k]:
            entry["note"] = summary.notes[k]
        sentences.append(entry)
    f = item.follow_up
    return {
        "id": item.cluster.id,
        "event_id": item.event_id,
        "headline": item.title,
        "outlets": item.outlets,
        "n_articles": len(item.cluster.documents),
        "start": span[0].isoformat() if span else None,
        "end": span[1].isoformat() if span else None,
        "follow_up": None if f is None else {"event_id": f.event_id, "day": f.day.isoformat(), "headline": f.headline,
                                             "similarity": round(f.similarity, 4), "repeated": f.repeated},
        "sentences": sentences,
        "articles": [{**article(d), "copy_of": item.copies.get(d.id)} for d in item.cluster.documents],
        "scores": dict(item.scores) if item.scores else None,
    }


class JsonRenderer:
    """Writes ``digest.json``."""

    name = "json"
    filename = "digest.json"

    def __init__(self) -> None:
        self._meta: DigestMeta | None = None
        self._events: list[dict[str, Any]] = []

    def begin(self, meta: DigestMeta) -> None:
        """Start a digest."""
        self._meta = meta
        self._events = []

    def add(self, item: RenderItem) -> None:
        """Add one event."""
        self._events.append(event(item))

    def finish(self, out_dir: Path) -> Path:
        """Write ``digest.json`` atomically."""
        meta = self._meta
        doc = {"day": meta.day.isoformat() if meta and meta.day else None,
               "system": meta.system if meta else None, "dataset": meta.dataset if meta else None,
               "budget": str(meta.budget) if meta else None, "events": self._events}
        from summarize.runner.output import AtomicFile  # here: summarize.runner imports this package

        path = out_dir / self.filename
        with AtomicFile(path) as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write("\n")
        return path
