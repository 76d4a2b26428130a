"""``digest.md``: one Markdown section per cluster, each sentence credited to its outlets.

Every sentence of a summary is followed by the numbers of the sources that carry it or a
near-duplicate of it (syndicated copies removed by cleaning included), and by "differs in" and
the numbers of the sources whose near-identical sentence states other figures or the opposite;
the numbered source list gives each outlet, headline, date and link. Text from the inputs is
escaped, so a scraped page cannot inject markup or links into the digest: inline markup is
backslash-escaped, ``<`` written as an entity, markup that would open a block at the start of a
line (``# heading``, ``> quote``, ``- item``, ``1. item``) escaped too, and ids shown as code
spans are fenced with more backticks than they contain. Only ``http(s)`` addresses become links.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from summarize.render.base import DigestMeta, RenderItem, safe_url, span_text, time_span, when
from summarize.types import Budget, Document

_SPECIAL = re.compile(r"([\\`*_\[\]~])")
# markup that opens a block when it starts a line (or a list item's content): ATX headings,
# block quotes, bullets, thematic breaks, setext underlines, tables, ordered-list numbers
_BLOCK_START = re.compile(r"^(?:([#>+\-=|])|(\d{1,9})([.)]))")
_CLOSING_HASHES = re.compile(r"(\s)(#+)$")


def escape(text: str) -> str:
    """``text`` as literal Markdown, wherever in a line it goes: ``<`` as an entity (no HTML
    tags), the characters that open emphasis, code, links or strike-through escaped, line breaks
    folded to spaces, and block markup at its start (``# ``, ``> ``, ``- ``, ``1. ``) escaped,
    so a scraped sentence placed after ``- `` cannot become a nested heading or list."""
    text = " ".join(text.split()).replace("<", "&lt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def code(text: str) -> str:
    """``text`` as a Markdown code span that nothing in it can close: backslashes do not escape
    inside code spans, so the fence is one backtick longer than the longest run of backticks in
    the text (padded with spaces where the text starts or ends with one)."""
    text = " ".join(text.split())
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _heading(text: str) -> str:
    """Escaped text for a heading line: a trailing run of ``#`` would be taken as its closing sequence."""
    return _CLOSING_HASHES.sub(lambda m: m.group(1) + "\\#" * len(m.group(2)), escape(text))


def describe(doc: Document) -> str:
    """One line for the source list: outlet, headline, date, link (whatever the document has)."""
    parts = [f"**{escape(doc.source)}**" if doc.source else code(doc.id)]
    if doc.title:
        parts.append(f"“{escape(doc.title)}”")
    stamp = when(doc.published)
    if stamp:
        parts.append(stamp)
    line = ", ".join(parts)
    url = safe_url(doc.url)
    if url:
        line += f" <{url}>"
    return line


def _coverage(documents: list[Document]) -> str:
    """"3 reports (Harbor Gazette, Continental Wire, ...), 2025-03-14 09:10 to 2025-03-15 08:00"."""
    outlets = list(dict.fromkeys(d.source for d in documents if d.source))
    text = f"{len(documents)} report{'s' if len(documents) != 1 else ''}"
    if outlets:
        text += f" ({', '.join(escape(o) for o in outlets[:6])}{', ...' if len(outlets) > 6 else ''})"
    span = span_text(time_span(documents))
    if span:
        text += f", {span}"
    return text


def header(system: str, dataset: str, budget: Budget, day: object = None) -> str:
    """The digest's title (with the day, if any) and a line saying how it was made."""
    title = f"# Digest of {day}" if day else "# Digest"
    return (f"{title}\n\nSummaries by {escape(system)} of {escape(dataset)}, at most {budget.limit} {budget.kind} "
            "each; the numbers after a sentence are the sources that carry it (\"differs in\": sources whose "
            "near-identical sentence states other figures or the opposite).\n\n")


def section(cluster_id: str, sentences: Sequence[str], sources: Sequence[Sequence[str]],
            documents: Mapping[str, Document], differing: Sequence[Sequence[str]] = (), *,
            title: str | None = None, follow_up: str | None = None, copies: Mapping[str, str] | None = None) -> str:
    """One cluster's summary as Markdown: the sentences with their source numbers, then the sources.

    Args:
        cluster_id: the cluster's id (the section's heading).
        sentences: the summary's sentences.
        sources: for each sentence, the ids of the documents that carry it (may be shorter
            than ``sentences``, e.g. for abstractive summaries).
        documents: every document of the cluster as read, before cleaning, by id.
        differing: for each sentence, the ids of the documents whose near-identical sentence
            states other figures or the opposite (may be shorter than ``sentences``).
        title: the headline after the id; default the title of the first cited source with one.
        follow_up: a line saying which earlier event this one continues (plain text, escaped here).
        copies: syndicated copies (a copy's id -> the original's id): the source list says
            "a copy of N" beside each.
    """
    numbers: dict[str, int] = {}
    if title is None:
        cited_first = [d for ids in sources for d in ids if d in documents]
        titled = [t for t in (documents[d].title for d in (*cited_first, *documents)) if t]
        title = titled[0] if titled else None
    heading = f"{_heading(cluster_id)}: {_heading(title)}" if title else _heading(cluster_id)
    lines = [f"## {heading}", "", f"*{_coverage(list(documents.values()))}*", ""]
    if follow_up:
        lines += [f"**{escape(follow_up)}**", ""]
    if not sentences:
        lines.append("*(no new facts since the earlier digest)*" if follow_up
                     else "*(no summary: the cluster had no usable text)*")
    for k, sentence in enumerate(sentences):
        cited = list(dict.fromkeys(d for d in (sources[k] if k < len(sources) else ()) if d in documents))
        other = [d for d in dict.fromkeys(differing[k] if k < len(differing) else ()) if d in documents]
        for d in (*cited, *other):
            numbers.setdefault(d, len(numbers) + 1)
        marks = f" [{', '.join(str(n) for n in sorted(numbers[d] for d in cited))}]" if cited else ""
        if other:
            marks += f" (differs in [{', '.join(str(n) for n in sorted(numbers[d] for d in other))}])"
        lines.append(f"- {escape(sentence)}{marks}")
    if numbers:
        lines += ["", "Sources:", ""]
        copies = copies or {}
        lines += [f"{n}. {describe(documents[d])}"
                  + (f" (a syndicated copy of {numbers[copies[d]]})" if copies.get(d) in numbers else "")
                  for d, n in numbers.items()]
    return "\n".join(lines) + "\n\n"


def follow_up_line(item: RenderItem) -> str | None:
    """``"Follow-up of 2025-03-13: Ferry hits ship (2 sentences already reported left out)"``, or ``None``."""
    f = item.follow_up
    if f is None:
        return None
    line = f"Follow-up of {f.day.isoformat()}: {f.headline}"
    if f.repeated:
        line += f" ({f.repeated} sentence{'s' if f.repeated != 1 else ''} already reported left out)"
    return line


class MarkdownRenderer:
    """Writes ``digest.md`` (the format every ``summarize run`` writes by default)."""

    name = "markdown"
    filename = "digest.md"

    def __init__(self) -> None:
        self._parts: list[str] = []

    def begin(self, meta: DigestMeta) -> None:
        """Start the digest with its title and the line saying how it was made."""
        self._parts = [header(meta.system, meta.dataset, meta.budget, meta.day)]

    def add(self, item: RenderItem) -> None:
        """Add one event's section."""
        s = item.summary
        self._parts.append(section(item.cluster.id, s.sentences, s.sources, item.documents, s.differing,
                                   title=item.title, follow_up=follow_up_line(item), copies=item.copies))

    def finish(self, out_dir: Path) -> Path:
        """Write ``digest.md`` atomically."""
        from summarize.runner.output import AtomicFile  # here: summarize.runner imports this package

        path = out_dir / self.filename
        with AtomicFile(path) as f:
            f.writelines(self._parts)
        return path
