"""TAC 2011 MultiLing pilot layout, any of its seven languages.

``SourceTexts/M00TD.<language>`` is document D of topic T; its first line is a date and a
title, and the body (a WikiNews article) opens with the article's dateline, a line that is only
a date ("Saturday, January 8, 2005", "שבת, 8 ינואר, 2005", "Čtvrtek, 18. března 2010"): it is
not a sentence of the article, so it is left out of the text (:func:`strip_date_line`), and the
article's lead is its sentence 0 in every language. ``Model Summaries/<Language>/M00T.<X>.250``
are the references.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from summarize.errors import InputError
from summarize.io.common import Dataset, make_cluster, make_document, read_text
from summarize.text.tokenize import stop_words
from summarize.types import Cluster

#: The seven languages of the TAC 2011 MultiLing pilot (``language=`` takes any of them).
LANGUAGES = ("arabic", "czech", "english", "french", "greek", "hebrew", "hindi")

_DOC = re.compile(r"^(M\d{3})(\d)\.([A-Za-z]+)$")
_DATE = re.compile(r"^\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\s+")
# a year (any script's digits: Devanagari "२००९" too) standing alone in a line
_YEAR = re.compile(r"(?<!\w)\d{4}(?!\w)")


def _first_line(line: str) -> tuple[datetime | None, str]:
    """Split the first line ``2005/01/08 Title`` (or ``08/01/2005 Title``) into date and title."""
    m = _DATE.match(line)
    if not m:
        return None, line.strip()
    a, b, c = m.groups()
    # year first when the first field is long ("2005/01/08", and "005/01/08", a year that lost a digit)
    year, month, day = (int(a), int(b), int(c)) if len(a) >= 3 else (int(c), int(b), int(a))
    try:
        date: datetime | None = datetime(year if year > 100 else 2000 + year, month, day)
    except ValueError:
        date = None
    return date, line[m.end():].strip()


def is_date_line(paragraph: str, year: int | None = None) -> bool:
    """True for a paragraph that is only a date, in any language: at most 6 words, one of them a
    year (``year`` when the document's date is known, else any of 1000-2999; in any script's
    digits: Devanagari "२००९" too), and at most 4 words that are not numbers ("Saturday, January
    8, 2005", "Τρίτη 2 Ιουνίου 2009", "יום חמישי, ה- 19 במאי, 2005", "الخميس 14 يوليو 2005.").
    """
    tokens = paragraph.split()
    years = [int(y) for y in _YEAR.findall(paragraph)]
    wordy = [t for t in tokens if not any(ch.isdigit() for ch in t)]
    return (0 < len(tokens) <= 6 and len(wordy) <= 4
            and any((y == year) if year is not None else 1000 <= y <= 2999 for y in years))


def _date_prefix(line: str, year: int | None, language: str) -> int:
    """The length of a dateline that opens ``line`` and runs into its first sentence ("Saturday,
    March 26, 2005 Up to four times as many women ..."): the words up to the first that holds a
    year (the document's ``year`` when known), when they are a date (:func:`is_date_line`) of 3
    words or more with a day's number besides the year, opened by a word that is no stop word
    (a weekday, not "On"), and a capital letter or an uncased script's letter follows; 0 when the
    line does not open so."""
    tokens = list(re.finditer(r"\S+", line))
    if not tokens or tokens[0].group().strip(",.").lower() in stop_words(language):
        return 0
    for k, tok in enumerate(tokens[:6]):
        years = [int(y) for y in _YEAR.findall(tok.group())]
        if not any((y == year) if year is not None else 1000 <= y <= 2999 for y in years):
            continue
        prefix = line[:tok.end()]
        rest = line[tok.end():].lstrip(" ,،;:-–—")
        days = [int(d) for d in re.findall(r"(?<!\w)\d{1,2}(?!\d)", prefix)]
        if (k >= 2 and is_date_line(prefix, year) and any(1 <= d <= 31 for d in days)
                and rest[:1].isalpha() and not rest[:1].islower()):
            return len(line) - len(rest)
        return 0
    return 0


def strip_date_line(body: str, year: int | None = None, language: str = "english") -> str:
    """The body without its dateline: its first non-empty line when that line is a date
    (:func:`is_date_line`), or the date that opens it and runs into its first sentence
    (:func:`_date_prefix`)."""
    lines = body.split("\n")
    for k, line in enumerate(lines):
        if line.strip():
            if is_date_line(line, year):
                return "\n".join(lines[k + 1:])
            cut = _date_prefix(line.strip(), year, language)
            if cut:
                lines[k] = line.strip()[cut:]
                return "\n".join(lines[k:])
            return body
    return body


class TacMultilingDataset(Dataset):
    """Reader of the TAC 2011 MultiLing pilot data; ``language=`` picks one of its languages."""

    name = "tac2011"

    def _clusters(self) -> Iterator[Cluster]:
        source_dir = self.path / "SourceTexts"
        if not source_dir.is_dir():
            raise InputError(f"{self.path}: no SourceTexts/ folder; not the TAC 2011 MultiLing layout")
        topics: dict[str, list[Path]] = defaultdict(list)
        for f in source_dir.iterdir():
            m = _DOC.match(f.name)
            if m and m.group(3).lower() == self.language:
                topics[m.group(1)].append(f)
        if not topics:
            raise InputError(f"{source_dir}: no documents in {self.language}")
        models_dir = self._models_dir()
        for topic in sorted(topics):
            documents = []
            for f in sorted(topics[topic]):
                lines = read_text(f, self.encoding).split("\n", 1)
                published, title = _first_line(lines[0])
                body = (strip_date_line(lines[1], published.year if published else None, self.language)
                        if len(lines) > 1 else "")
                documents.append(make_document(id=f.name.split(".")[0], text=body,
                                               title=title, published=published,
                                               language=self.language))
            references = []
            if models_dir is not None:
                references = [read_text(r, self.encoding) for r in sorted(models_dir.glob(f"{topic}.*"))]
            yield make_cluster(id=topic, documents=documents, references=references,
                               language=self.language, origin=str(source_dir))

    def _models_dir(self) -> Path | None:
        root = self.path / "Model Summaries"
        if not root.is_dir():
            return None
        for d in root.iterdir():
            if d.is_dir() and d.name.lower() == self.language:
                return d
        return None
