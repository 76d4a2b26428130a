"""Rendering digests: one small protocol (:class:`Renderer`), three formats.

``markdown`` writes ``digest.md``, ``html`` a standalone ``digest.html``, ``json`` ``digest.json``.
The ``render`` config group chooses them (``render=markdown`` is the default of ``summarize run``,
``render=all`` of ``summarize digest``); :class:`Renderers` is what the group builds, and the run
hands it every summarized cluster as a :class:`RenderItem`::

    renderers = Renderers(formats=["markdown", "html"])
    renderers.begin(DigestMeta(system="mmr", dataset="today", budget=Budget(words=100)))
    renderers.add(RenderItem(cluster=cluster, summary=summary))
    renderers.finish(Path("out"))   # digest.md, digest.html, each written atomically
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from summarize.errors import ConfigError
from summarize.render.base import DigestMeta, FollowUp, Renderer, RenderItem, headline, safe_url
from summarize.render.html import HtmlRenderer
from summarize.render.json import JsonRenderer
from summarize.render.markdown import MarkdownRenderer

#: the formats by name (the ``render.formats`` values)
FORMATS: dict[str, type[MarkdownRenderer] | type[HtmlRenderer] | type[JsonRenderer]] = {
    "markdown": MarkdownRenderer, "html": HtmlRenderer, "json": JsonRenderer}


class Renderers:
    """Several renderers driven as one (what the ``render`` config group builds).

    Args:
        formats: the formats to write, any of ``markdown``, ``html``, ``json`` (none: no digest file).

    Raises:
        ConfigError: an unknown or repeated format.
    """

    name = "renderers"

    def __init__(self, formats: Sequence[str] = ("markdown",)) -> None:
        if isinstance(formats, str):
            formats = [formats]
        unknown = [f for f in formats if f not in FORMATS]
        if unknown:
            raise ConfigError(f"render.formats: unknown format {unknown[0]!r}; expected any of {', '.join(FORMATS)}")
        if len(set(formats)) != len(formats):
            raise ConfigError(f"render.formats lists a format twice: {list(formats)}")
        self.renderers: list[Renderer] = [FORMATS[f]() for f in formats]

    @property
    def filenames(self) -> list[str]:
        """The files the renderers write."""
        return [r.filename for r in self.renderers]

    def begin(self, meta: DigestMeta) -> None:
        """Start a digest in every format."""
        for r in self.renderers:
            r.begin(meta)

    def add(self, item: RenderItem) -> None:
        """Add one event to every format."""
        for r in self.renderers:
            r.add(item)

    def finish(self, out_dir: Path) -> list[Path]:
        """Write every format's file atomically; returns their paths."""
        return [r.finish(out_dir) for r in self.renderers]


__all__ = ["FORMATS", "DigestMeta", "FollowUp", "HtmlRenderer", "JsonRenderer", "MarkdownRenderer", "RenderItem",
           "Renderer", "Renderers", "headline", "safe_url"]
