"""``digest.html``: the digest as one standalone web page, readable on a phone.

Rendered with Jinja2 with autoescaping on, so scraped text (headlines, outlets, sentences) is
always escaped; only ``http(s)`` addresses become links, so a ``javascript:`` address renders as
plain text. The page has no scripts and no external assets (inline CSS only), and a content
security policy that forbids scripts, so nothing in it runs even if a browser were tricked.
Each event shows its headline, outlets, time span and a follow-up mark where it continues an
earlier archived event; each summary sentence is followed by links to the articles that carry
it and, where outlets disagree, the outlets whose version states something else.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from summarize.render.base import DigestMeta, RenderItem, safe_url, span_text, when
from summarize.types import Document

TEMPLATE = "digest.html.j2"


@dataclass(frozen=True, slots=True)
class Link:
    """An article as the page links it: a label (the outlet, else the id) and an http(s) address or ``None``."""

    label: str
    url: str | None
    title: str | None
    time: str | None
    copy_of: str | None = None


def link(doc: Document, copy_of: Document | None = None) -> Link:
    """The link to an article (plain text when its address is not http(s)); ``copy_of``: the
    article it is a syndicated copy of."""
    return Link(label=doc.source or doc.id, url=safe_url(doc.url), title=doc.title, time=when(doc.published),
                copy_of=None if copy_of is None else (copy_of.source or copy_of.id))


def _template() -> Any:
    from jinja2 import Environment, StrictUndefined

    text = (resources.files("summarize.render") / "templates" / TEMPLATE).read_text(encoding="utf-8")
    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(text)


def _event(item: RenderItem, number: int) -> dict[str, Any]:
    summary = item.summary
    sentences = []
    for k, text in enumerate(summary.sentences):
        sentences.append({"text": text, "sources": [link(d) for d in item.cited(k)],
                          "differing": [link(d) for d in item.differing(k)]})
    f = item.follow_up
    return {
        "anchor": f"e{number}",
        "id": item.cluster.id,
        "headline": item.title,
        "outlets": item.outlets,
        "n_articles": len(item.cluster.documents),
        "span": span_text(item.span),
        "follow_up": None if f is None else {"day": f.day.isoformat(), "headline": f.headline,
                                             "repeated": f.repeated},
        "sentences": sentences,
        "articles": [link(d, item.documents.get(item.copies.get(d.id, ""))) for d in item.cluster.documents],
    }


class HtmlRenderer:
    """Writes ``digest.html``."""

    name = "html"
    filename = "digest.html"

    def __init__(self) -> None:
        self._meta: DigestMeta | None = None
        self._events: list[dict[str, Any]] = []

    def begin(self, meta: DigestMeta) -> None:
        """Start a digest."""
        self._meta = meta
        self._events = []

    def add(self, item: RenderItem) -> None:
        """Add one event."""
        self._events.append(_event(item, len(self._events) + 1))

    def render(self) -> str:
        """The page as a string."""
        meta = self._meta
        day = meta.day.isoformat() if meta and meta.day else None
        return str(_template().render(
            title=f"Digest of {day}" if day else "Digest", day=day,
            system=meta.system if meta else "", dataset=meta.dataset if meta else "",
            budget=f"{meta.budget.limit} {meta.budget.kind}" if meta else "", events=self._events))

    def finish(self, out_dir: Path) -> Path:
        """Write ``digest.html`` atomically."""
        from summarize.runner.output import AtomicFile  # here: summarize.runner imports this package

        path = out_dir / self.filename
        page = self.render()
        with AtomicFile(path) as f:
            f.write(page)
        return path
