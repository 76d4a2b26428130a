"""A folder of ``.txt`` / ``.html`` files read as one cluster (references in ``references/``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from summarize.errors import InputError
from summarize.io.common import (
    MARKUP_BREAKS,
    MAX_MARKUP_CHARS,
    Dataset,
    cut_text,
    inside,
    make_cluster,
    make_document,
    parse_date,
    read_text,
    without_headline,
)
from summarize.types import Cluster, Document

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


class _TextOnly(HTMLParser):
    """Visible text of an HTML page, without scripts and styles (the fallback extractor)."""

    _SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article",
              "section", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self._SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title and self.title is None:
            self.title = data.strip() or None
        elif not self._skip:
            self.parts.append(data)


def html_to_text(markup: str, origin: str = "an HTML page") -> tuple[str, dict[str, Any]]:
    """Main text and metadata (title, date, outlet, url) of an HTML page.

    trafilatura extracts the article body; where it finds none, the page's visible text is
    used (scripts and styles dropped). Markup past :data:`~summarize.io.common.MAX_MARKUP_CHARS`
    is cut at the last tag end before it, with a warning naming ``origin``: the extraction's
    tree takes several times the markup.
    """
    markup = cut_text(markup, MAX_MARKUP_CHARS, origin, "its HTML", breaks=MARKUP_BREAKS, done="read")
    text, meta = _extract(markup)
    return without_headline(text, meta.get("title")), meta


# the publication time as the page gives it (trafilatura keeps only the day by default), the
# original publication rather than the last update
_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": True}


def _extract(markup: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    meta: dict[str, Any] = {}
    try:
        doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                          date_extraction_params=_DATE_PARAMS)
    except Exception:  # trafilatura raises on some malformed pages; fall back below
        doc = None
    if doc is not None:
        data = doc if isinstance(doc, dict) else doc.as_dict()
        text = data.get("text") or ""
        meta = {k: data.get(k) for k in ("title", "date", "sitename", "url")}
        if text.strip():
            return text, meta
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    text = re.sub(r"\n\s*\n+", "\n", "".join(parser.parts))
    meta.setdefault("title", parser.title)
    return text, meta


class FolderDataset(Dataset):
    """Every ``.txt``/``.html`` file of a folder is a document of one cluster.

    Args:
        cluster_id: the cluster's id; the folder's name by default.
    """

    name = "folder"

    def __init__(self, path: str | Path | None = None, *, cluster_id: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(path, **kwargs)
        if not self.path.is_dir():
            raise InputError(f"{self.path}: not a folder (the folder dataset reads a folder of .txt/.html files)")
        self.cluster_id = cluster_id or self.path.resolve().name

    def _clusters(self) -> Iterator[Cluster]:
        files = sorted(f for f in self.path.iterdir()
                       if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES and inside(f, self.path))
        if not files:
            raise InputError(f"{self.path}: no .txt or .html files")
        documents = [self._document(f) for f in files]
        ref_dir = self.path / "references"
        refs = [read_text(r, self.encoding) for r in sorted(ref_dir.glob("*.txt")) if inside(r, self.path)] \
            if ref_dir.is_dir() else []
        yield make_cluster(id=self.cluster_id, documents=documents, references=refs,
                           language=self.language, origin=str(self.path))

    def _document(self, f: Path) -> Document:
        raw = read_text(f, self.encoding)
        title = source = url = None
        published: datetime | None = None
        if f.suffix.lower() in HTML_SUFFIXES:
            raw, meta = html_to_text(raw, str(f))
            title, source, url = meta.get("title"), meta.get("sitename"), meta.get("url")
            try:
                published = parse_date(meta.get("date"), str(f))
            except InputError:
                published = None
        return make_document(id=f.stem, text=raw, language=self.language, title=title,
                             source=source, url=url, published=published)
