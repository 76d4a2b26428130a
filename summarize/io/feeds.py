"""RSS 2.0 / RSS 1.0 / Atom feeds read from bytes: one article per entry.

A feed is a file here: :func:`read_feed` takes its bytes and a name, so a fetcher (HTTP, a
cache, a queue) can be added in front of it later without touching anything downstream.
``feedparser`` (BSD-2-Clause) parses the XML and never fetches anything when it is given bytes.
Each entry becomes a :class:`~summarize.types.Document`: its content (else its summary) through
the project's HTML extraction (:func:`summarize.io.folder.html_to_text`), its link, title and
publication time, and the feed's title as the outlet.
"""

from __future__ import annotations

import email.utils
import html
import logging
import re
from calendar import timegm
from datetime import datetime, timezone
from typing import Any

from summarize.errors import InputError
from summarize.io.common import make_document, parse_date, without_headline
from summarize.types import Document

log = logging.getLogger("summarize.io")

#: file name endings read as feeds (any other file is still sniffed with :func:`looks_like_feed`)
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})

# the root element of a feed, after an optional XML declaration, comments, a doctype or
# processing instructions: <rss>, <feed> (Atom), <rdf:RDF> (RSS 1.0)
_PROLOG = re.compile(rb"\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*", re.S | re.I)
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)\b", re.I)
_TAG = re.compile(r"<[^>]*>")
_PAGE = re.compile(r"\s*(?:<!doctype|<html)", re.I)


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes start (after a byte-order mark, an XML declaration, comments) with
    the root element of an RSS or Atom feed."""
    head = data[:4096]
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            head = head[len(bom):]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: decode the head to look at it
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    prolog = _PROLOG.match(head)
    rest = head[prolog.end():] if prolog else head
    return _ROOT.match(rest) is not None


def _plain(text: str | None) -> str | None:
    """A title as plain text: tags dropped, entities decoded, spaces folded."""
    if not text:
        return None
    return " ".join(html.unescape(_TAG.sub(" ", text)).split()) or None


def _published(entry: Any, where: str) -> datetime | None:
    """The entry's publication (else update) time, with the offset the feed wrote."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        try:  # RSS 2.0: RFC 822 ("Fri, 14 Mar 2025 09:10:00 +0000")
            return email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            pass
        try:  # Atom: RFC 3339
            return parse_date(raw, where)
        except InputError:
            pass
        parsed = entry.get(f"{key}_parsed")  # feedparser's reading of other layouts, in UTC
        if parsed:
            return datetime.fromtimestamp(timegm(parsed), tz=timezone.utc)
        log.warning("%s: cannot read the date %r; the entry is undated", where, raw)
    return None


def _body(entry: Any) -> tuple[str, str]:
    """The entry's longest content, else its summary: ``(text, MIME type)``."""
    contents = [c for c in entry.get("content") or () if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value") or ""))
        return best["value"], best.get("type") or "text/html"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", detail.get("type") or "text/html"


def read_feed(data: bytes, name: str, *, language: str = "english", id_prefix: str | None = None) -> list[Document]:
    """The articles of one RSS or Atom feed.

    Args:
        data: the feed's bytes (as read from a file, or fetched).
        name: the file's name or address, for ids and messages.
        language: the articles' language (sentence splitting); ``auto`` detects each one's.
        id_prefix: the articles' ids are ``<id_prefix>-1``, ``-2``, ... in feed order (default:
            ``name`` without folders and suffix).

    Returns:
        One document per entry with any text; entries without content or summary are left out
        with a warning. An empty feed gives an empty list.

    Raises:
        InputError: the bytes are not an RSS or Atom feed.
    """
    import feedparser

    from summarize.io.folder import html_to_text

    if not looks_like_feed(data):
        raise InputError(f"{name}: not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)")
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = str(problem).splitlines()[0][:160] if problem else "no entries"
        raise InputError(f"{name}: not a well-formed RSS or Atom feed ({detail})")
    if parsed.get("bozo") and parsed.entries:
        log.warning("%s: the feed is not well-formed XML (%s); its %d entries are read as far as they parse",
                    name, str(parsed.get("bozo_exception")).splitlines()[0][:120], len(parsed.entries))
    outlet = _plain(parsed.feed.get("title")) if parsed.get("feed") else None
    prefix = id_prefix or re.sub(r"\.[^./]*$", "", name.replace("\\", "/").rsplit("/", 1)[-1]) or "feed"
    documents = []
    for k, entry in enumerate(parsed.entries, start=1):
        where = f"{name} entry {k}"
        raw, kind = _body(entry)
        title = _plain(entry.get("title"))
        if not raw.strip():
            log.warning("%s (%s): no content or summary; left out", where, title or "untitled")
            continue
        if "html" in kind or "xml" in kind:  # a fragment: wrapped so the extractor reads it as a page
            text, _ = html_to_text(raw if _PAGE.match(raw) else f"<html><body><article>{raw}</article></body></html>",
                                  where)
        else:
            text = raw
        text = without_headline(text.strip(), title)
        if not text.strip():
            log.warning("%s (%s): no text in its content; left out", where, title or "untitled")
            continue
        doc = make_document(id=f"{prefix}-{k}", text=text, language=language, title=title,
                            source=outlet, published=_published(entry, where),
                            url=(entry.get("link") or "").strip() or None)
        if doc.sentences:
            documents.append(doc)
    if not documents and parsed.get("bozo"):
        problem = str(parsed.get("bozo_exception")).splitlines()[0][:160]
        raise InputError(f"{name}: not a well-formed RSS or Atom feed ({problem}); no entry could be read")
    return documents
