"""A readable digest of a run: one Markdown section per cluster, each sentence credited to its outlets.

``summarize run`` writes it as ``digest.md`` next to ``predictions.jsonl``. Every sentence of a
summary is followed by the numbers of the sources that carry it or a near-duplicate of it
(syndicated copies removed by cleaning included), and by "differs in" and the numbers of the
sources whose near-identical sentence states other figures or the opposite; the numbered
source list gives each outlet, headline, date and link. Text from the inputs is escaped, so a scraped page cannot inject
markup or links into the digest, and only ``http(s)`` addresses become links.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from summarize.types import Budget, Document

_SPECIAL = re.compile(r"([\\`*_\[\]~])")
_URL = re.compile(r"https?://[^\s<>\"'`\\]+\Z", re.IGNORECASE)


def escape(text: str) -> str:
    """``text`` as literal Markdown inside a line: ``<`` as an entity (no HTML tags), the
    characters that open emphasis, code, links or strike-through escaped, line breaks folded to
    spaces. (Line-start markup cannot occur: every line the digest writes starts with its own.)"""
    text = " ".join(text.split()).replace("<", "&lt;")
    return _SPECIAL.sub(r"\\\1", text)


def _when(doc: Document) -> str | None:
    if doc.published is None:
        return None
    stamp = doc.published
    return stamp.strftime("%Y-%m-%d") if (stamp.hour, stamp.minute) == (0, 0) else stamp.strftime("%Y-%m-%d %H:%M")


def describe(doc: Document) -> str:
    """One line for the source list: outlet, headline, date, link (whatever the document has)."""
    parts = [f"**{escape(doc.source)}**" if doc.source else f"`{escape(doc.id)}`"]
    if doc.title:
        parts.append(f"“{escape(doc.title)}”")
    when = _when(doc)
    if when:
        parts.append(when)
    line = ", ".join(parts)
    if doc.url and _URL.match(doc.url.strip()):
        line += f" <{doc.url.strip()}>"
    return line


def _coverage(documents: list[Document]) -> str:
    """"3 reports (Harbor Gazette, Continental Wire, ...), 2025-03-14 09:10 to 2025-03-15 08:00"."""
    outlets = list(dict.fromkeys(d.source for d in documents if d.source))
    text = f"{len(documents)} report{'s' if len(documents) != 1 else ''}"
    if outlets:
        text += f" ({', '.join(escape(o) for o in outlets[:6])}{', ...' if len(outlets) > 6 else ''})"
    stamps = sorted(w for w in (_when(d) for d in documents) if w)
    if stamps:
        text += f", {stamps[0]}" + (f" to {stamps[-1]}" if stamps[-1] != stamps[0] else "")
    return text


def header(system: str, dataset: str, budget: Budget) -> str:
    """The digest's title and a line saying how it was made."""
    return (f"# Digest\n\nSummaries by {escape(system)} of {escape(dataset)}, at most {budget.limit} {budget.kind} "
            "each; the numbers after a sentence are the sources that carry it (\"differs in\": sources whose "
            "near-identical sentence states other figures or the opposite).\n\n")


def section(cluster_id: str, sentences: Sequence[str], sources: Sequence[Sequence[str]],
            documents: Mapping[str, Document], differing: Sequence[Sequence[str]] = ()) -> str:
    """One cluster's summary as Markdown: the sentences with their source numbers, then the sources.

    Args:
        cluster_id: the cluster's id (the section's heading).
        sentences: the summary's sentences.
        sources: for each sentence, the ids of the documents that carry it (may be shorter
            than ``sentences``, e.g. for abstractive summaries).
        documents: every document of the cluster as read, before cleaning, by id.
        differing: for each sentence, the ids of the documents whose near-identical sentence
            states other figures or the opposite (may be shorter than ``sentences``).
    """
    numbers: dict[str, int] = {}
    cited_first = [d for ids in sources for d in ids if d in documents]
    titled = [t for t in (documents[d].title for d in (*cited_first, *documents)) if t]
    heading = f"{escape(cluster_id)}: {escape(titled[0])}" if titled else escape(cluster_id)
    lines = [f"## {heading}", "", f"*{_coverage(list(documents.values()))}*", ""]
    if not sentences:
        lines.append("*(no summary: the cluster had no usable text)*")
    for k, sentence in enumerate(sentences):
        cited = list(dict.fromkeys(d for d in (sources[k] if k < len(sources) else ()) if d in documents))
        other = [d for d in dict.fromkeys(differing[k] if k < len(differing) else ()) if d in documents]
        for d in (*cited, *other):
            numbers.setdefault(d, len(numbers) + 1)
        marks = f" [{', '.join(str(numbers[d]) for d in cited)}]" if cited else ""
        if other:
            marks += f" (differs in [{', '.join(str(numbers[d]) for d in other)}])"
        lines.append(f"- {escape(sentence)}{marks}")
    if numbers:
        lines += ["", "Sources:", ""]
        lines += [f"{n}. {describe(documents[d])}" for d, n in numbers.items()]
    return "\n".join(lines) + "\n\n"
