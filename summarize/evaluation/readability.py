"""Readability hazards of summaries: cheap, deterministic counts reported beside ROUGE.

For one summary (its sentences, each sentence's source document ids, and the cluster's
documents) :func:`assess` counts the sentences that a reader trips over:

- **fragment**: :func:`summarize.text.hazards.fragment` says it is not a whole sentence;
- **dangling**: :func:`summarize.text.hazards.dangling` says it points back, and the summary
  sentence before it is not what it points back to. A sentence found in a source document
  (same text, whitespace folded) is fine when the summary sentence directly before it is the
  sentence directly before it in that document (for one of the documents that contain it);
  a sentence found in no source (generated or edited) is fine anywhere but first, since its
  writer saw the sentence before it;
- **broken quotation**: its quotation marks do not pair up
  (:func:`summarize.text.sentences.quote_balanced` is false: it opens a quotation it does not
  close, or closes one it did not open) and the summary does not carry the quotation whole: it
  is not part of a run of consecutive summary sentences
  (:func:`summarize.text.sentences.quotation_units`) that together are balanced and follow each
  other in a source document as they do in the summary (sentences found in no source are
  taken to follow). Double quotation marks only;
- **cut**: :func:`summarize.text.hazards.cut` says it does not end on sentence-final
  punctuation;
- **multi-outlet credit**: in a cluster whose documents come from 2 or more distinct outlets
  (a document's outlet is its ``source``, or its id when it has none), a sentence credited to
  documents of 2 or more distinct outlets. Sentences of single-outlet clusters are not counted
  at all (neither credited nor in the denominator).

A sentence may carry several hazards; each is counted once per sentence. Over a run the
counts are summed and each share is a count divided by all summary sentences of the run (not
a mean of per-cluster shares): ``fragments / sentences``, ``dangling / sentences``,
``broken_quotes / sentences``, ``cut / sentences``, and ``multi_outlet_credited /
multi_outlet_sentences`` (``None`` when no cluster has 2+ outlets).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from summarize.text.hazards import cut, dangling, fragment
from summarize.text.sentences import quotation_units, quote_balanced
from summarize.types import Document

#: Short column names of the shares, in the order tables show them.
COLUMNS = {"fragments": "frag%", "dangling": "dangl%", "broken_quotes": "quote%", "cut": "cut%",
           "multi_outlet_credit": "2+ outlets%"}


@dataclass(frozen=True, slots=True)
class Readability:
    """Hazard counts of one summary or of many (added with ``+``)."""

    sentences: int = 0
    fragments: int = 0
    dangling: int = 0
    broken_quotes: int = 0
    cut: int = 0
    multi_outlet_sentences: int = 0  # sentences of clusters with 2+ outlets
    multi_outlet_credited: int = 0  # of those, sentences credited to 2+ outlets

    def __add__(self, other: Readability) -> Readability:
        return Readability(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def shares(self) -> dict[str, float | None]:
        """Each hazard as a share of all sentences; multi-outlet credit of multi-outlet sentences."""
        n = self.sentences
        return {
            "fragments": self.fragments / n if n else None,
            "dangling": self.dangling / n if n else None,
            "broken_quotes": self.broken_quotes / n if n else None,
            "cut": self.cut / n if n else None,
            "multi_outlet_credit": (self.multi_outlet_credited / self.multi_outlet_sentences
                                    if self.multi_outlet_sentences else None),
        }

    def as_dict(self) -> dict[str, Any]:
        """The counts and their shares, as written to ``metrics.json``."""
        return {**asdict(self), "shares": self.shares()}

    @classmethod
    def from_dict(cls, obj: Mapping[str, Any]) -> Readability:
        """Read back the counts of :meth:`as_dict` (shares are recomputed)."""
        return cls(**{f.name: int(obj.get(f.name, 0)) for f in fields(cls)})


def _fold(text: str) -> str:
    return " ".join(text.split())


def _predecessors(documents: Iterable[Document]) -> dict[str, set[str]]:
    """Each source sentence (folded) -> the folded sentences directly before it ("" for none)."""
    before: dict[str, set[str]] = {}
    for doc in documents:
        previous = ""
        for s in doc.sentences:
            text = _fold(s.text)
            before.setdefault(text, set()).add(previous)
            previous = text
    return before


def _broken_quotes(sentences: Sequence[str], before: Mapping[str, set[str]]) -> list[bool]:
    """Which sentences break a quotation (see the module docstring)."""
    folded = [_fold(s) for s in sentences]

    def follows(k: int) -> bool:  # sentence k comes right after sentence k - 1 in a source (or in none)
        found = before.get(folded[k])
        return found is None or folded[k - 1] in found

    whole: set[int] = set()
    for start, end in quotation_units(list(sentences)):
        if quote_balanced(" ".join(sentences[start:end])) and all(follows(k) for k in range(start + 1, end)):
            whole.update(range(start, end))
    return [k not in whole and not quote_balanced(s) for k, s in enumerate(sentences)]


def hazards(sentences: Sequence[str], sources: Sequence[Sequence[str]], documents: Mapping[str, Document],
            language: str = "english", *, texts: Iterable[Document] | None = None) -> list[list[str]]:
    """Every hazard of every sentence of one summary, as labels ("fragment: short", ...).

    Args:
        sentences: the summary's sentences, in order.
        sources: for each sentence, the ids of the documents credited with it (may be shorter
            than ``sentences``: missing entries credit nothing).
        documents: the cluster's documents by id (for outlets; syndicated copies included).
        language: the cluster's language.
        texts: the documents whose sentences the summary was drawn from (for dangling
            sentences; default: ``documents``' values), e.g. the cleaned cluster.

    Returns:
        One list of labels per sentence, empty for a sentence without hazards. Labels start with
        ``fragment:``, ``dangling:``, ``broken quotation``, ``cut`` or ``multi-outlet``.
    """
    before = _predecessors(texts if texts is not None else documents.values())
    broken = _broken_quotes(sentences, before)
    outlets = {d.id: d.source or d.id for d in documents.values()}
    multi = len(set(outlets.values())) >= 2
    out: list[list[str]] = []
    for k, sentence in enumerate(sentences):
        labels: list[str] = []
        reason = fragment(sentence, language)
        if reason:
            labels.append(f"fragment: {reason}")
        reason = dangling(sentence, language)
        if reason:
            folded = _fold(sentence)
            previous = _fold(sentences[k - 1]) if k else ""
            found = before.get(folded)
            if not (k > 0 and (found is None or previous in found)):
                labels.append(f"dangling: {reason}")
        if broken[k]:
            labels.append("broken quotation")
        if cut(sentence, language):
            labels.append("cut")
        if multi:
            credited = {outlets.get(d, d) for d in (sources[k] if k < len(sources) else ())}
            if len(credited) >= 2:
                labels.append("multi-outlet")
        out.append(labels)
    return out


def assess(sentences: Sequence[str], sources: Sequence[Sequence[str]], documents: Mapping[str, Document],
           language: str = "english", *, texts: Iterable[Document] | None = None) -> Readability:
    """Count the hazards of one summary (arguments as :func:`hazards`)."""
    return _count(hazards(sentences, sources, documents, language, texts=texts), documents)


def _count(labels: list[list[str]], documents: Mapping[str, Document]) -> Readability:
    multi = len({d.source or d.id for d in documents.values()}) >= 2
    return Readability(
        sentences=len(labels),
        fragments=sum(any(x.startswith("fragment:") for x in ls) for ls in labels),
        dangling=sum(any(x.startswith("dangling:") for x in ls) for ls in labels),
        broken_quotes=sum("broken quotation" in ls for ls in labels),
        cut=sum("cut" in ls for ls in labels),
        multi_outlet_sentences=len(labels) if multi else 0,
        multi_outlet_credited=sum("multi-outlet" in ls for ls in labels),
    )


class ReadabilityBoard:
    """Adds up the hazards of a run's summaries, one cluster at a time."""

    def __init__(self) -> None:
        self.total = Readability()

    def add(self, sentences: Sequence[str], sources: Sequence[Sequence[str]], documents: Mapping[str, Document],
            language: str = "english", *, texts: Iterable[Document] | None = None) -> dict[str, Any]:
        """Count one summary's hazards; return its per-cluster record (counts and flagged sentences)."""
        labels = hazards(sentences, sources, documents, language, texts=texts)
        counts = _count(labels, documents)
        self.total = self.total + counts
        flagged = {str(k): [x for x in ls if x != "multi-outlet"] for k, ls in enumerate(labels)}
        return {**asdict(counts), "flagged": {k: v for k, v in flagged.items() if v}}

    def record(self, row: Mapping[str, Any]) -> None:
        """Add a per-cluster record that :meth:`add` returned (in another process, or read back
        from ``per_cluster.jsonl`` when a run resumes)."""
        self.total = self.total + Readability.from_dict(row)

    def metrics(self) -> dict[str, Any]:
        """The run's counts and shares (``metrics.json``'s ``readability``)."""
        return self.total.as_dict()


def format_line(readability: Mapping[str, Any]) -> str:
    """One line for the end of a run: the shares in percent."""
    shares = readability.get("shares") or Readability.from_dict(readability).shares()

    def pct(key: str) -> str:
        value = shares.get(key)
        return "-" if value is None else f"{100 * value:.1f}%"

    return (f"  readability ({readability.get('sentences', 0)} sentences): fragments {pct('fragments')}, "
            f"dangling {pct('dangling')}, broken quotations {pct('broken_quotes')}, cut {pct('cut')}, "
            f"credited to 2+ outlets {pct('multi_outlet_credit')} "
            f"(of {readability.get('multi_outlet_sentences', 0)} in multi-outlet clusters)")
