"""JSON Lines readers: the project's own format, Multi-News, and Hugging Face ``multi_news``."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from summarize.errors import InputError
from summarize.io.common import (
    MAX_FILE_BYTES,
    Dataset,
    decode,
    make_cluster,
    make_document,
    parse_date,
    sniff_encoding,
    wide_encoding,
    without_headline,
)
from summarize.types import Cluster, Document

#: Hugging Face's multi_news joins the documents of a cluster with this separator.
HF_SEPARATOR = "|||||"


def iter_jsonl(path: Path, encoding: str = "auto") -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for each non-blank line of a JSONL file, streaming.

    UTF-16 and UTF-32 files (a byte-order mark, or ``encoding=utf-16``) are decoded as a
    stream; others line by line, so a bad line is named by its number. A gzipped file
    (``.jsonl.gz``, as Multi-News ships) is decompressed as it is read.

    Raises:
        InputError: a line is not valid JSON or not an object, nested too deeply or holding a
            number too long to read; the message names file and line.
    """
    try:
        handle: Any = path.open("rb")
        if handle.peek(2)[:2] == b"\x1f\x8b":  # gzip's magic number, whatever the name
            handle = gzip.GzipFile(fileobj=handle, mode="rb")
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    with handle:
        try:  # the first peek decompresses: a damaged gzip header fails here
            chosen = sniff_encoding(handle.peek(8192)[:8192], encoding) if hasattr(handle, "peek") else encoding
            lines = _wide_lines(handle, chosen, path) if wide_encoding(chosen) else _lines(handle, encoding, path)
            for number, text in lines:
                if not text or text.isspace():
                    continue
                # JSON's own whitespace is read by the parser; stripping a huge line would copy it
                obj = _object(text.strip() if len(text) < 1 << 20 else text, f"{path}:{number}")
                del text  # a huge line is held once (as the object's strings) while it is read
                yield number, obj
        except (gzip.BadGzipFile, EOFError, zlib.error) as e:
            raise InputError(f"{path}: a damaged gzip file ({e or 'truncated'})") from None


def _lines(handle: BinaryIO, encoding: str, path: Path) -> Iterator[tuple[int, str]]:
    """The decoded lines of an 8-bit stream, each at most :data:`MAX_FILE_BYTES` long; a line's
    bytes are let go before its text is handed on (peak memory: one line's bytes and text)."""
    for number, raw in enumerate(handle, start=1):
        if len(raw) > MAX_FILE_BYTES:
            raise InputError(f"{path}:{number}: line longer than {MAX_FILE_BYTES} bytes")
        text = decode(raw, f"{path}:{number}", encoding)
        del raw
        yield number, text


def _wide_lines(handle: BinaryIO, encoding: str, path: Path) -> Iterator[tuple[int, str]]:
    """The lines of a UTF-16/32 stream, each at most :data:`MAX_FILE_BYTES` long."""
    text = io.TextIOWrapper(handle, encoding=encoding, newline=None)
    number = 0
    try:
        while True:
            line = text.readline(MAX_FILE_BYTES + 1)
            if not line:
                return
            number += 1
            if len(line) > MAX_FILE_BYTES:
                raise InputError(f"{path}:{number}: line longer than {MAX_FILE_BYTES} characters")
            yield number, line.lstrip("\ufeff")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}:{number + 1}: not valid {encoding} text ({e.reason}); "
                         f"re-encode it or set dataset.encoding") from None
    finally:
        text.detach()


def loads(text: str, where: str, *, lines: bool = False) -> Any:
    """A JSON value, or a one-line :class:`InputError` naming ``where``: malformed, nested too
    deeply (``RecursionError``) or holding an integer of more than 4,300 digits.

    Args:
        lines: ``where`` names a line (the message gives the column only); else line and column.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        at = f"column {e.colno}" if lines else f"line {e.lineno} column {e.colno}"
        raise InputError(f"{where}: malformed JSON ({e.msg} at {at})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply to read") from None
    except ValueError:  # an integer of more than 4,300 digits
        raise InputError(f"{where}: a JSON number too long to read") from None


def _object(line: str, where: str) -> dict[str, Any]:
    """One JSON object, or a one-line :class:`InputError` naming ``where``."""
    obj = loads(line, where, lines=True)
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    return obj


def _strings(value: Any, where: str, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise InputError(f"{where}: field {field!r} must be a string or a list of strings")


def count_lines(path: Path) -> int | None:
    """The number of non-blank lines of a plain (not gzipped, 8-bit encoded) JSONL file, by a
    fast byte scan; ``None`` for other files (a progress bar then shows no total)."""
    if path.suffix == ".gz" or not path.is_file():
        return None
    n = 0
    with path.open("rb") as f:
        head = f.read(4)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
            return None
        f.seek(0)
        for raw in f:
            n += bool(raw.strip())
    return n


class MultiNewsDataset(Dataset):
    """Multi-News JSONL (``documents`` list + ``summary``) or the HF ``multi_news`` schema
    (``document`` joined with ``|||||`` + ``summary``); the layout is detected per line.

    Multi-News summaries begin with an en dash (``– ``); it is removed.
    """

    name = "multinews"

    def _count(self) -> int | None:
        return count_lines(self.path)

    def _clusters(self) -> Iterator[Cluster]:
        for number, obj in iter_jsonl(self.path, self.encoding):
            where = f"{self.path}:{number}"
            if "documents" in obj:
                docs = _strings(obj["documents"], where, "documents")
            elif "document" in obj:
                docs = _strings(obj["document"], where, "document")
                docs = [d for joined in docs for d in joined.split(HF_SEPARATOR)]
            else:
                raise InputError(f"{where}: no 'documents' or 'document' field (Multi-News layout)")
            cid = str(obj.get("id", number))
            documents = [make_document(id=f"{cid}-{i}", text=t.strip(), language=self.language)
                         for i, t in enumerate(docs)]
            refs = [r.strip().lstrip("–").strip()
                    for r in _strings(obj.get("summary"), where, "summary")]
            yield make_cluster(id=cid, documents=documents, references=refs,
                               language=self.language, origin=where)


def article(d: object, default_id: str, language: str, where: str, number: int = 0) -> Document:
    """One document of the project's JSONL (``{"id", "title", "source", "published", "url",
    "text"}`` or a bare string), read as a :class:`Document`.

    The JSON that ``trafilatura`` writes (``output_format="json"``) reads as it is: its
    ``date`` is the publication date, its ``source`` (the page address) the ``url``, and its
    ``source-hostname`` / ``sitename`` / ``hostname`` the outlet. A first line of ``text``
    equal to the ``title`` (the headline trafilatura puts there) is dropped.

    Raises:
        InputError: no string ``text``, a metadata field that is not a string, or a date
            that cannot be read.
    """
    if isinstance(d, str):
        d = {"text": d}
    if not isinstance(d, dict) or not isinstance(d.get("text"), str):
        raise InputError(f"{where}: document {number} needs a string 'text'")
    for field in ("title", "source", "url", "source-hostname", "sitename", "hostname"):
        if d.get(field) is not None and not isinstance(d[field], str):
            raise InputError(f"{where}: document {number}: {field!r} must be a string")
    source, url = d.get("source") or None, d.get("url") or None
    if source is not None and url is None and source.startswith(("http://", "https://")):
        source, url = None, source  # trafilatura's "source" is the page's address
    if source is None:
        source = d.get("source-hostname") or d.get("sitename") or d.get("hostname") or None
    published = d.get("published")
    if published is None or published == "":
        published = d.get("date")
    title = d.get("title") or None
    return make_document(id=str(d.get("id") or default_id), text=without_headline(d["text"], title),
                         language=language, title=title, source=source, url=url,
                         published=parse_date(published, where))


class JsonlDataset(Dataset):
    """The project's own JSONL: one cluster a line.

    ``{"id", "language"?, "documents": [{"id", "title"?, "source"?, "published"?, "url"?,
    "text"}], "references"?: [str]}``. A cluster's ``language`` overrides the reader's.
    """

    name = "jsonl"

    def _count(self) -> int | None:
        return count_lines(self.path)

    def _clusters(self) -> Iterator[Cluster]:
        for number, obj in iter_jsonl(self.path, self.encoding):
            where = f"{self.path}:{number}"
            docs = obj.get("documents")
            if not isinstance(docs, list) or not docs:
                raise InputError(f"{where}: 'documents' must be a non-empty list")
            cid = str(obj.get("id", number))
            language = str(obj.get("language") or self.language)
            documents = [article(d, f"{cid}-{i}", language, where, i) for i, d in enumerate(docs)]
            refs = _strings(obj.get("references"), where, "references")
            yield make_cluster(id=cid, documents=documents, references=refs,
                               language=language, origin=where)
