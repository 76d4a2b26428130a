"""DUC/TAC layout: ``docs/<cluster>/<DOCNO>`` (TREC SGML) and ``models/<CLUSTER>.M.100.T.<id>``."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from summarize.errors import InputError
from summarize.io.common import Dataset, inside, make_cluster, make_document, parse_date, read_text
from summarize.text.wire import strip_furniture
from summarize.types import Cluster, Document

_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S | re.I)
          for name in ("DOCNO", "DATE_TIME", "DATE", "HEADLINE", "TEXT")}
_P = re.compile(r"<P>(.*?)</P>", re.S | re.I)
_TAG = re.compile(r"<[^>]{1,80}>")
_ENTITY = re.compile(r"&[A-Za-z][A-Za-z0-9]{0,10};")
# A paragraph starts on a line indented by a tab or two or more spaces.
_INDENT = re.compile(r"\n(?=[ \t]{2,}|\t)")
# "LONDON (AP) _ ", "BUENOS AIRES, Argentina _ ", "WASHINGTON -- ", "PARIS – ",
# "PORT ALDMERE (Harbor Gazette) — ": a dateline, not a sentence.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’\- ]{1,40}(?:,(?: [A-Z][\w.'’\-]*)+)?(?: \([^()]{1,40}\))?"
    r"\s*(?:_|--|—|–|-)\s+"
)
_SIGNOFF = re.compile(r"^\(?[a-z]{1,6}(?:-[a-z]{1,6})?\)?$|^\(?end (?:optional )?\w*\)?$", re.I)
_DOCNO_DATE = re.compile(r"(\d{8})")
_SOURCES = {"APW": "Associated Press", "NYT": "New York Times", "XIE": "Xinhua",
            "FT": "Financial Times", "LA": "Los Angeles Times", "AFP": "Agence France-Presse",
            "WSJ": "Wall Street Journal", "SJMN": "San Jose Mercury News", "FBIS": "FBIS"}


def normalize_quotes(text: str) -> str:
    """Turn TREC's ``` `` ``` and ``''`` quote marks into plain double quotes."""
    return text.replace("``", '"').replace("''", '"')


def strip_dateline(paragraph: str) -> str:
    """Remove a leading dateline such as ``LONDON (AP) _`` from a paragraph."""
    return _DATELINE.sub("", paragraph, count=1)


def _clean_markup(text: str) -> str:
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    return _ENTITY.sub(" ", text)


def _elements(name: str, sgml: str, *, first: bool = False) -> list[str]:
    """The contents of the ``<name>...</name>`` elements of ``sgml``, as ``_FIELD[name]`` or
    :data:`_P` (case-insensitive, each up to the first closing tag after it) find them: by
    substring search in ASCII text (where ignoring case is lower-casing), the pattern otherwise.
    The case-insensitive scan of a whole document for a tag took a tenth of reading DUC 2003.

    Args:
        first: only the first element (as ``search`` finds it).
    """
    pattern = _P if name == "P" else _FIELD[name]
    if not sgml.isascii():  # (re.IGNORECASE also folds "K" and "ſ" into ASCII letters)
        if first:
            m = pattern.search(sgml)
            return [m.group(1)] if m else []
        return pattern.findall(sgml)
    low = sgml.lower()
    opening, closing = f"<{name.lower()}>", f"</{name.lower()}>"
    out: list[str] = []
    at = 0
    while True:
        start = low.find(opening, at)
        if start < 0:
            break
        end = low.find(closing, start + len(opening))
        if end < 0:
            break  # no element closes after this tag, nor after any later one
        out.append(sgml[start + len(opening):end])
        if first:
            break
        at = end + len(closing)
    return out


def _paragraphs(body: str) -> list[str]:
    parts = _elements("P", body) or _INDENT.split(body)
    out = []
    for part in parts:
        # wire furniture ("MORE", "(vs/krt)", "Eds: ...", "NATIONAL FORECAST") is no sentence
        para, _ = strip_furniture(" ".join(normalize_quotes(_clean_markup(part)).split()))
        if para and not _SIGNOFF.match(para):
            out.append(para)
    if out:
        out[0] = strip_dateline(out[0])
    return [p for p in out if p]


def _field(name: str, sgml: str) -> str | None:
    found = _elements(name, sgml, first=True)
    return " ".join(found[0].split()) if found else None


def parse_sgml(sgml: str, *, origin: str, language: str, fallback_id: str) -> Document:
    """Parse one TREC SGML news document (body from ``<TEXT>``, date from ``<DATE_TIME>``).

    Args:
        sgml: the file's text.
        origin: the file name, for error messages.
        language: the language for sentence splitting.
        fallback_id: the id to use when there is no ``<DOCNO>``.
    """
    docno = _field("DOCNO", sgml) or fallback_id
    body = _elements("TEXT", sgml, first=True)
    if not body:
        raise InputError(f"{origin}: no <TEXT> element; not a DUC/TREC SGML document")
    text = "\n\n".join(_paragraphs(body[0]))
    published = _parse_duc_date(_field("DATE_TIME", sgml) or _field("DATE", sgml), docno)
    title = _field("HEADLINE", sgml)
    prefix = re.match(r"[A-Z]+", docno)
    source = _SOURCES.get(prefix.group(0), prefix.group(0)) if prefix else None
    return make_document(id=docno, text=text, language=language,
                         title=normalize_quotes(_clean_markup(title)) if title else None,
                         source=source, published=published)


def _parse_duc_date(value: str | None, docno: str) -> datetime | None:
    if value:
        try:
            return parse_date(value)
        except InputError:
            pass
    m = _DOCNO_DATE.search(docno)
    if m:
        try:
            return datetime.strptime(m.group(1), "%Y%m%d")
        except ValueError:
            return None
    return None


class DucDataset(Dataset):
    """Reader of the DUC layout (DUC 2001-2007, TAC): one cluster a folder under ``docs/``.

    References come from ``models/<CLUSTER>.M.*`` where ``<CLUSTER>`` is the folder name
    upper-cased without its trailing letter (``d30003t`` pairs with ``D30003.M.100.T.B``).
    """

    name = "duc"

    def __init__(self, path: str | Path | None = None, **kwargs: Any) -> None:
        super().__init__(path, **kwargs)
        if not self.path.is_dir():
            raise InputError(f"{self.path}: dataset=duc reads a folder (docs/<cluster>/<DOCNO> files and "
                             f"models/ with the references), not a file")

    def _count(self) -> int | None:
        docs_dir = self.path / "docs" if (self.path / "docs").is_dir() else self.path
        return sum(1 for p in docs_dir.iterdir() if p.is_dir() and not p.name.startswith("."))

    def _clusters(self) -> Iterator[Cluster]:
        docs_dir = self.path / "docs" if (self.path / "docs").is_dir() else self.path
        models_dir = self.path / "models"
        folders = sorted(p for p in docs_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
        if not folders:
            raise InputError(f"{docs_dir}: no cluster folders (expected docs/<cluster>/<DOCNO>)")
        for folder in folders:
            yield self._cluster(folder, models_dir)

    def _cluster(self, folder: Path, models_dir: Path) -> Cluster:
        documents = [
            parse_sgml(read_text(f, self.encoding), origin=str(f), language=self.language,
                       fallback_id=f.name)
            for f in sorted(folder.iterdir()) if f.is_file() and not f.name.startswith(".") and inside(f, self.path)
        ]
        stem = folder.name.upper()
        stem = stem[:-1] if stem[-1:].isalpha() and len(stem) > 1 else stem
        references: list[str] = []
        if models_dir.is_dir():
            for ref in sorted(models_dir.glob(f"{stem}.*")):
                # kept as distributed (one clause a line, tokenized): ROUGE-1.5.5 counts and
                # truncates the words of these lines, so official scores need them as they are
                lines = [" ".join(ln.split()) for ln in read_text(ref, self.encoding).splitlines()]
                references.append("\n".join(ln for ln in lines if ln))
        return make_cluster(id=folder.name, documents=documents, references=references,
                            language=self.language, origin=str(folder))
