"""Articles from files of any kind the toolkit reads: text, HTML, JSON, JSON Lines, RSS and Atom.

:func:`read_articles` turns one file's bytes and its name into articles; it is the one entry
point a fetcher (feeds over HTTP, a crawler's output) would call, so nothing downstream knows
where the bytes came from. :func:`read_folder` applies it to every file under a folder.

What a file is comes from its name's ending, and for any other ending from its first bytes:

- ``.txt``/``.text``: one article, the text as it is;
- ``.html``/``.htm``/``.xhtml``: one article, main text and metadata (title, date, outlet, link)
  through :func:`summarize.io.folder.html_to_text`;
- ``.json``: one article object (the project's fields ``{"id", "title", "source", "published",
  "url", "text"}`` or trafilatura's JSON), a list of them, or a cluster ``{"documents": [...]}``;
- ``.jsonl``/``.ndjson``: one such object a line;
- ``.xml``/``.rss``/``.atom``/``.rdf``, or any file whose first element is ``<rss>``, ``<feed>``
  or ``<rdf:RDF>``: an RSS or Atom feed, one article per entry (:mod:`summarize.io.feeds`).

Anything else is refused with a one-line error naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from summarize.errors import InputError
from summarize.io.common import MAX_FILE_BYTES, decode, inside, make_document, parse_date
from summarize.io.feeds import FEED_SUFFIXES, looks_like_feed, read_feed
from summarize.io.folder import HTML_SUFFIXES, TEXT_SUFFIXES, html_to_text
from summarize.io.jsonl import article, loads
from summarize.types import Document

JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: every file name ending read without sniffing
KNOWN_SUFFIXES = frozenset(TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES)
KINDS = ("text", "html", "json", "jsonl", "feed")
_EXPECTED = "expected .txt, .html, .json, .jsonl or an RSS/Atom feed (.xml, .rss, .atom)"
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article)\b", re.I | re.S)


def kind_of(data: bytes, name: str) -> str:
    """What a file is (one of :data:`KINDS`), from its name's ending, else from its first bytes.

    Raises:
        InputError: a ``.xml``-like file that is not a feed, or a file of unknown kind.
    """
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if looks_like_feed(data):
        return "feed"
    if suffix in FEED_SUFFIXES:
        raise InputError(f"{name}: not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)")
    head = data[:2048].lstrip(b"\xef\xbb\xbf").decode("utf-8", "replace")
    if _HTML_START.match(head):
        return "html"
    raise InputError(f"{name}: not an article file; {_EXPECTED}")


def read_articles(data: bytes, name: str, *, language: str = "english", encoding: str = "auto",
                  id_prefix: str | None = None) -> list[Document]:
    """The articles in one file's bytes.

    Args:
        data: the file's bytes.
        name: its name or address (its ending says what it is; ids and messages use it).
        language: the articles' language; ``auto`` detects each one's.
        encoding: the text encoding (``auto``: UTF-8, else detected).
        id_prefix: the id of a text or HTML article, the prefix of a feed's entry ids, and the
            default id of JSON articles without one (default: ``name`` without folders and suffix).

    Returns:
        The articles with any text, in file order (possibly none: an empty feed).

    Raises:
        InputError: a file of unknown kind, a malformed one, or one too large; the message names it.
    """
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{name}: file is {len(data)} bytes; the limit is {MAX_FILE_BYTES}")
    kind = kind_of(data, name)
    prefix = id_prefix or Path(name).stem or "article"
    if kind == "feed":
        return read_feed(data, name, language=language, id_prefix=prefix)
    text = decode(data, name, encoding)
    if kind == "text":
        docs = [make_document(id=prefix, text=text, language=language)]
    elif kind == "html":
        body, meta = html_to_text(text, name)
        try:
            published = parse_date(meta.get("date"), name)
        except InputError:
            published = None
        docs = [make_document(id=prefix, text=body, language=language, title=meta.get("title"),
                              source=meta.get("sitename"), url=meta.get("url"), published=published)]
    elif kind == "json":
        docs = _json_articles(text, name, prefix, language)
    else:
        docs = _jsonl_articles(text, name, prefix, language)
    return [d for d in docs if d.sentences]


def _objects(obj: object, where: str) -> list[object]:
    """The article objects of one JSON value: itself, a list's items, or a cluster's documents."""
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict) and isinstance(obj.get("documents"), list):
        return obj["documents"]
    if isinstance(obj, dict):
        return [obj]
    raise InputError(f"{where}: expected a JSON object or a list of articles, got {type(obj).__name__}")


def _json_articles(text: str, name: str, prefix: str, language: str) -> list[Document]:
    obj = loads(text, name)
    items = _objects(obj, name)
    single = len(items) == 1
    return [article(d, prefix if single else f"{prefix}-{i}", language, name, i) for i, d in enumerate(items)]


def _jsonl_articles(text: str, name: str, prefix: str, language: str) -> list[Document]:
    docs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        obj = loads(line, where, lines=True)
        if not isinstance(obj, dict):
            raise InputError(f"{where}: expected a JSON object, got {type(obj).__name__}")
        items = _objects(obj, where)
        docs += [article(d, f"{prefix}-{number}-{i}" if len(items) > 1 else f"{prefix}-{number}", language, where, i)
                 for i, d in enumerate(items)]
    return docs


def article_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` (its subfolders too), sorted, hidden ones and ``references/``
    folders left out."""
    files = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") for p in parts) or "references" in parts[:-1] or not path.is_file() \
                or not inside(path, folder):
            continue
        files.append(path)
    return files


def read_folder(folder: Path, *, language: str = "english", encoding: str = "auto") -> list[Document]:
    """The articles of every file under ``folder``; an article's id is its file's path below the
    folder without the ending (``2025-03-14/harbor-gazette``), a feed entry's that and ``-1``, ``-2``, ...

    Raises:
        InputError: a file that is none of the kinds read here (named), or no file at all.
    """
    files = article_files(folder)
    if not files:
        raise InputError(f"{folder}: no files; {_EXPECTED}")
    docs: list[Document] = []
    for path in files:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise InputError(f"{path}: file is {size} bytes; the limit is {MAX_FILE_BYTES}")
            data = path.read_bytes()
        except OSError as e:
            raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
        prefix = path.relative_to(folder).with_suffix("").as_posix()
        docs += read_articles(data, str(path), language=language, encoding=encoding, id_prefix=prefix)
    return docs
