"""What every reader shares: safe file decoding, date parsing, building documents."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from summarize.errors import ConfigError, InputError
from summarize.text.langdetect import detect, is_cjk, sample, script_mismatch, unspaced_script
from summarize.text.languages import AUTO, canonical, canonical_or_auto, supported
from summarize.text.sentences import split_sentences
from summarize.types import Cluster, Document, Sentence

log = logging.getLogger("summarize.io")

MAX_FILE_BYTES = 200 * 1024 * 1024

#: the most characters of one document's text that are summarized (about 170,000 words: a long
#: book; the longest document of DUC 2003, TAC 2011 and Multi-News has under 100,000); a longer
#: text is cut at the last paragraph, line or sentence end before it, with a warning that says
#: what was cut (:func:`cut_text`). What a summary costs in memory grows with the text summarized
#: (about 40 bytes per character: its sentences, words and stems as Python objects), so this and
#: :data:`MAX_CLUSTER_CHARS` are what bound it.
MAX_DOCUMENT_CHARS = 1_000_000

#: the most characters of text the documents of one cluster (a dataset's cluster, a digest's
#: event) hold together; documents past it, in the cluster's order, are left out with a warning
#: that names how many (DUC 2003's largest cluster has 84,000 characters, a Multi-News cluster a
#: few thousand)
MAX_CLUSTER_CHARS = 4_000_000

#: the most characters of HTML markup handed to the extraction (trafilatura's tree of a page
#: takes several times the markup); a longer page is cut at a tag's end before it, with a warning
MAX_MARKUP_CHARS = 8_000_000


def existing_path(path: str | Path | None, what: str = "dataset.path") -> Path:
    """Return ``path`` as a Path, or raise a one-line error if it is unset or missing."""
    if path is None or str(path) in ("", "???"):
        raise InputError(f"{what} is not set; give it on the command line, e.g. {what}=<path>")
    p = Path(str(path)).expanduser()
    if not p.exists():
        raise InputError(f"{what}: no such file or folder: {p}")
    return p


#: control characters other than tab, line feed, form feed and carriage return
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: a NUL byte, or many control characters."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return control / len(head) > 0.05


def check_encoding(encoding: object) -> str:
    """``auto`` or a text encoding Python knows; a :class:`ConfigError` otherwise."""
    if encoding == "auto":
        return "auto"
    try:
        if not isinstance(encoding, str):
            raise LookupError
        if not getattr(codecs.lookup(encoding), "_is_text_encoding", True):  # hex, zlib: bytes to bytes
            raise LookupError
    except (LookupError, TypeError):
        raise ConfigError(f"dataset.encoding must be auto or a text encoding such as utf-8 or cp1252, "
                          f"got {encoding!r}") from None
    return encoding


#: byte-order marks and the encoding each announces (UTF-32 first: its LE mark starts like UTF-16's)
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def sniff_encoding(head: bytes, encoding: str = "auto") -> str:
    """The encoding to decode a file with, from its first bytes.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); without one, ``auto`` takes UTF-16
    without a mark when most odd (or even) bytes of the head are NUL and the others mostly
    printable ASCII (mostly-Latin text written as UTF-16LE or BE), else UTF-8.

    Args:
        head: the first bytes of the file (a few KB are enough).
        encoding: the configured encoding (``dataset.encoding``).
    """
    if encoding != "auto":
        return encoding
    for bom, name in BOMS:
        if head.startswith(bom):
            return name
    even, odd = head[0:4096:2], head[1:4096:2]
    if len(head) >= 4 and head.count(0) * 4 >= len(head[:4096]):
        if even.count(0) >= 0.6 * len(even) and odd.count(0) <= 0.05 * len(odd) and _mostly_ascii(odd):
            return "utf-16-be"
        if odd.count(0) >= 0.6 * len(odd) and even.count(0) <= 0.05 * len(even) and _mostly_ascii(even):
            return "utf-16-le"
    return "utf-8"


#: printable ASCII, tab and line breaks
_ASCII_BYTES = bytes([*range(32, 127), 9, 10, 13])


def _mostly_ascii(data: bytes) -> bool:
    """True when at least half the bytes are printable ASCII or tabs and line breaks."""
    return len(data) - len(data.translate(None, _ASCII_BYTES)) >= 0.5 * len(data)


def wide_encoding(encoding: str) -> bool:
    """True for encodings whose text holds NUL bytes (UTF-16, UTF-32)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith(("utf-16", "utf-32"))


def decode(data: bytes, origin: str, encoding: str = "auto") -> str:
    """Decode file bytes as text, with a one-line error for binary or mis-encoded input.

    Args:
        data: the raw bytes.
        origin: the file's name, for the error message.
        encoding: the expected encoding; ``"auto"`` reads UTF-8, UTF-16 and UTF-32 (by their
            byte-order mark, or UTF-16 without one by its NUL bytes) and, for the odd legacy
            file (TAC 2011 has one Czech file in cp1250), detects the encoding.

    Raises:
        InputError: the bytes are binary or not valid in ``encoding``.
    """
    chosen = sniff_encoding(data[:8192], encoding)
    if not wide_encoding(chosen) and looks_binary(data):
        raise InputError(f"{origin}: looks like a binary file, not text")
    try:
        text = data.decode(chosen).lstrip("\ufeff")
    except UnicodeDecodeError as e:
        if encoding == "auto" and not wide_encoding(chosen):
            guess = _detect(data)
            if guess is not None:
                log.warning("%s: not UTF-8; read as %s", origin, guess[0])
                return guess[1]
        raise InputError(
            f"{origin}: not valid {'utf-8' if encoding == 'auto' else encoding} text"
            f" (byte 0x{data[e.start]:02x} at offset {e.start}); re-encode it or set dataset.encoding"
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r} for {origin}") from None
    if wide_encoding(chosen) and looks_binary(text[:8192].encode("utf-8", "replace")):
        raise InputError(f"{origin}: looks like a binary file, not text")
    return text


def _detect(data: bytes) -> tuple[str, str] | None:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    return best.encoding, str(best)


def read_text(path: Path, encoding: str = "auto") -> str:
    """Read a text file safely (size-capped, binary and encoding errors reported in one line)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{path}: file is {size} bytes; the limit is {MAX_FILE_BYTES}")
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    return decode(data, str(path), encoding)


_DATE_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M", "%Y-%m-%d", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y", "%Y/%m/%d", "%Y%m%d",
)


def parse_date(value: object, origin: str = "") -> datetime | None:
    """Parse a publication date written in one of the common layouts; ``None`` if absent.

    Raises:
        InputError: a date is given but cannot be read.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        if ("-" in fmt and "-" not in text) or ("/" in fmt and "/" not in text):
            continue  # a literal separator the text lacks: strptime would fail (a costly exception)
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise InputError(f"{origin}: cannot read the date {text!r}; use ISO 8601 (2024-02-26)")


_LEADING_SPACE = re.compile(r"\s*")


def without_headline(text: str, title: str | None) -> str:
    """The body without its first line when that line is the title (the headline is
    metadata, not a sentence of the report).

    Only the first line is looked at (a huge text is not copied to find it)."""
    if not title:
        return text
    start = _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]  # \s* always matches
    longest = 4 * len(title) + 200  # a first line longer than this is not the title
    end = text.find("\n", start, start + longest)
    if end < 0:
        if len(text) - start > longest:
            return text
        end = len(text)
    if " ".join(text[start:end].split()).casefold() == " ".join(title.split()).casefold():
        return text[end + 1:]
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_id(value: str, what: str = "cluster id", origin: str = "") -> str:
    """``value`` if it can be written as UTF-8; a one-line :class:`InputError` naming it if not."""
    if _SURROGATE.search(value):
        shown = value.encode("utf-8", "backslashreplace").decode("utf-8")
        where = f"{origin}: " if origin else ""
        raise InputError(f"{where}{what} '{shown}' is not valid Unicode (a lone surrogate, e.g. a JSON "
                         f"\\ud800 escape or a file name in another encoding); fix the id")
    return value


#: where a cut text may end, best first: (mark, how many of its characters are kept, name);
#: a sentence keeps its full stop, a break or space is left out
TEXT_BREAKS = (("\n\n", 0, "paragraph end"), ("\n", 0, "line end"), (". ", 1, "sentence end"),
               ("! ", 1, "sentence end"), ("? ", 1, "sentence end"), (" ", 0, "space"))
#: where cut markup may end: after a tag's ">"
MARKUP_BREAKS = ((">", 1, "tag end"),)


def cut_text(text: str, limit: int, origin: str, what: str = "its text", *,
             breaks: tuple[tuple[str, int, str], ...] = TEXT_BREAKS, done: str = "summarized") -> str:
    """``text`` itself when it has at most ``limit`` characters; else its start, cut at the last
    of the first kind of ``breaks`` found in the second half of the limit (for text: a paragraph
    break, else a line break, a sentence end, a space), with a warning naming ``origin`` and
    saying how much was kept (``done``: what the kept part is for).

    A limit that says what it cuts: a text past it is surely not one news report (a dump, a
    repeated page, a hostile input), and summarizing all of it would take memory and time in
    proportion to it.
    """
    if len(text) <= limit:
        return text
    end, where = limit, "character"
    for mark, kept, name in breaks:
        at = text.rfind(mark, limit // 2, limit)
        if at >= 0:
            end, where = at + kept, name
            break
    log.warning("%s: %s has %s characters, more than the %s %s; the first %s are kept (cut at a %s)",
                origin, what, f"{len(text):,}", f"{limit:,}", done, f"{end:,}", where)
    return text[:end]


def _valid_text(value: str | None, doc_id: str) -> str | None:
    """Text with lone surrogates replaced by U+FFFD (with a warning): it must be writable as UTF-8."""
    if value is None or not _SURROGATE.search(value):
        return value
    log.warning("document %s: lone surrogates (not valid Unicode) replaced by U+FFFD", doc_id)
    return _SURROGATE.sub("\ufffd", value)


def inside(path: Path, root: Path) -> bool:
    """True when ``path`` (a file found under the input folder ``root``) is in it once links are
    followed; a link that leads out of it is left out with a warning: a shared folder of articles
    holding a link to ``~/.ssh/id_rsa`` or ``/etc/shadow`` would put that file's text into the digest."""
    try:
        target = path.resolve()
        target.relative_to(root.resolve())
        return True
    except ValueError:
        log.warning("%s: left out: a link to %s, outside the input folder %s (copy the file in to read it)",
                    path, target, root)
        return False
    except OSError:  # a loop of links: the reader says it cannot read it
        return True


def make_document(
    *,
    id: str,
    text: str,
    language: str,
    title: str | None = None,
    source: str | None = None,
    published: datetime | None = None,
    url: str | None = None,
) -> Document:
    """Build a :class:`Document` and split its sentences.

    Raises:
        InputError: the id is not valid Unicode (a lone surrogate, as a JSON ``\\ud800`` or a
            file name in another encoding gives): it could not be written to any output.
    """
    id = valid_id(id, "document id")
    text = cut_text(text, MAX_DOCUMENT_CHARS, f"document {id}", "its text") if text else ""
    text = _valid_text(text, id) or ""
    title, source, url = (_valid_text(v, id) for v in (title, source, url))
    if language == AUTO:  # split in the document's own language; the cluster's is decided in make_cluster
        language = detect(sample(text)).language
    sentences = tuple(
        Sentence(text=s, doc_id=id, index=i) for i, s in enumerate(split_sentences(text, language))
    )
    return Document(id=id, text=text, title=title or None, source=source or None,
                    published=published, url=url or None, sentences=sentences)


def make_cluster(
    *,
    id: str,
    documents: Iterable[Document],
    references: Iterable[str] = (),
    language: str = "english",
    origin: str = "",
) -> Cluster:
    """Build a :class:`Cluster`, dropping documents with no text (with a warning).

    Documents past :data:`MAX_CLUSTER_CHARS` of text together are left out, with one warning
    that says how many.

    Raises:
        InputError: no document of the cluster has any text, or its id is not valid Unicode.
    """
    id = valid_id(id, "cluster id", origin)
    kept: list[Document] = []
    total = over = 0
    for doc in documents:
        if not doc.sentences:
            log.warning("%s: document %s of cluster %s has no text; left out", origin, doc.id, id)
        elif over or (kept and total + len(doc.text) > MAX_CLUSTER_CHARS):
            over += 1
        else:
            kept.append(doc)
            total += len(doc.text)
    if over:
        log.warning("%s: cluster %s holds more than the %s characters of text summarized together; the last "
                    "%d of its %d documents are left out", origin or id, id, f"{MAX_CLUSTER_CHARS:,}", over,
                    over + len(kept))
    if not kept:
        raise InputError(f"{origin or id}: cluster {id!r} has no document with any text")
    ids = [d.id for d in kept]
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise InputError(f"{origin or id}: cluster {id!r} repeats document ids {dup}")
    refs = tuple(r.strip() for r in (_valid_text(r, id) for r in references) if r and r.strip())
    if language == AUTO:
        text = sample([d.text for d in kept])
        found = detect(text)
        if found.unsupported and not is_cjk(text):
            log.warning("%s: cluster %s looks like %r, which is not supported; read as %s",
                        origin or id, id, found.code, found.language)
        language = found.language
    return Cluster(id=id, documents=tuple(kept), references=refs, language=canonical(language))


def check_language(cluster: Cluster, configured: str, warned: set[str], origin: str = "") -> None:
    """Refuse a cluster in Chinese, Japanese or another script without spaces between words
    (Thai, Lao, Khmer, Burmese); warn once per script when the text is not in the configured
    language's script (Russian, Arabic or Chinese read as English scores 0 silently).

    Args:
        cluster: the cluster as read.
        configured: ``dataset.language`` (``auto``: only the CJK check).
        warned: the scripts warned about so far in this read; updated.
        origin: the input, for messages.

    Raises:
        InputError: the cluster's text is mostly Han or kana.
    """
    text = sample([d.text for d in cluster.documents])
    unspaced = unspaced_script(text)
    if unspaced is not None:
        what = unspaced if unspaced == "Chinese or Japanese" else f"{unspaced} script"
        raise InputError(f"{origin}: cluster {cluster.id!r} is in {what}, which is not supported "
                         f"(sentences are not split and word budgets do not bound it); languages: "
                         f"{', '.join(supported())}")
    if configured == AUTO:
        return
    script = script_mismatch(text, configured)
    if script is not None and script not in warned:
        warned.add(script)
        log.warning("%s: cluster %s is written in %s script, not in %s as dataset.language says: its sentences, "
                    "stems and scores will be wrong; set dataset.language=auto or its language (said once)",
                    origin, cluster.id, script, configured)


def unique_id(cluster: Cluster, seen: set[str], origin: str = "") -> Cluster:
    """The cluster, renamed ``<id>~2`` (``~3``, ...) with a warning when its id was seen before.

    Every reader goes through this (:meth:`Dataset.__iter__`), so ``summarize run`` and
    ``summarize eval`` name a repeated cluster alike, as the day reader names a repeated article.

    Args:
        cluster: the cluster as read.
        seen: the ids given so far; the id given is added.
        origin: the input, for the warning.
    """
    if cluster.id not in seen:
        seen.add(cluster.id)
        return cluster
    n = 2
    while f"{cluster.id}~{n}" in seen:
        n += 1
    new_id = f"{cluster.id}~{n}"
    log.warning("%s: cluster id %r appears again; this one is named %r", origin, cluster.id, new_id)
    seen.add(new_id)
    return replace(cluster, id=new_id)


class Dataset:
    """Base class of the readers: iterate to get clusters, one at a time (streaming).

    Args:
        path: the file or folder to read.
        language: the language of the text; ``auto`` detects each cluster's (and splits each
            document in its own). A cluster whose text is in another script than the language
            given is read with a warning; one in Chinese or Japanese is refused.
        limit: read at most this many clusters.
        encoding: the text encoding of the files.
    """

    #: what the dataset is called in signatures and error messages
    name = "dataset"

    def __init__(self, path: str | Path | None = None, *, language: str = "english",
                 limit: int | None = None, encoding: str = "auto") -> None:
        self.path = existing_path(path)
        self.language = canonical_or_auto(language)
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, (int, float))
                                  or not float(limit).is_integer() or limit < 1):
            raise InputError(f"dataset.limit must be a positive integer, got {limit!r}")
        self.limit = int(limit) if limit is not None else None
        self.encoding = check_encoding(encoding)

    def __iter__(self) -> Iterator[Cluster]:
        count = 0
        seen: set[str] = set()
        warned: set[str] = set()
        for cluster in self._clusters():
            check_language(cluster, self.language, warned, str(self.path))
            yield unique_id(cluster, seen, str(self.path))
            count += 1
            if self.limit is not None and count >= self.limit:
                return
        if count == 0:
            raise InputError(f"{self.path}: no clusters found for dataset {self.name!r}")

    def _clusters(self) -> Iterator[Cluster]:
        raise NotImplementedError

    def size(self) -> int | None:
        """How many clusters iterating will give, when that is cheap to know (for a progress
        bar's total and ETA); ``None`` when it is not."""
        n = self._count()
        if n is None:
            return None
        return min(n, self.limit) if self.limit is not None else n

    def _count(self) -> int | None:
        return None
