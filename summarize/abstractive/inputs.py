"""Fitting several documents into one model input, token-exactly.

Documents are tokenized sentence by sentence with the model's own tokenizer; each document
gets a share of the input window (equal shares, with what short documents leave unused
passed on to longer ones) and keeps whole sentences while they fit (a single sentence longer
than its share is cut inside). The assembled token ids are what the model receives, so the
count is exact and no input ever overflows. What was cut is recorded per document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class DocumentCut:
    """How much of one document made it into the input."""

    doc_id: str
    tokens: int
    kept_tokens: int
    sentences: int
    kept_sentences: int

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.doc_id, "tokens": self.tokens, "kept_tokens": self.kept_tokens,
                "sentences": self.sentences, "kept_sentences": self.kept_sentences}


@dataclass
class Packed:
    """Content token ids of the documents (no special tokens) and the record of what was cut."""

    ids: list[int]
    cuts: list[DocumentCut] = field(default_factory=list)

    @property
    def truncated(self) -> int:
        return sum(1 for c in self.cuts if c.kept_tokens < c.tokens)


def shares(lengths: list[int], budget: int) -> list[int]:
    """Split ``budget`` tokens over documents of ``lengths``: equal shares, water-filled.

    A document shorter than its share keeps its length and the rest is shared among the others.
    """
    n = len(lengths)
    out = [0] * n
    remaining = max(budget, 0)
    open_docs = sorted(range(n), key=lambda i: lengths[i])
    while open_docs:
        share = remaining // len(open_docs)
        i = open_docs[0]
        if lengths[i] <= share:
            out[i] = lengths[i]
            remaining -= lengths[i]
            open_docs.pop(0)
            continue
        extra = remaining - share * len(open_docs)
        for k, j in enumerate(open_docs):
            out[j] = share + (1 if k < extra else 0)
        break
    return out


def pack(documents: list[tuple[str, list[list[int]]]], budget: int, separator: list[int]) -> Packed:
    """Pack tokenized documents into ``budget`` content tokens, separators included.

    Args:
        documents: ``(doc id, token ids of each sentence)`` per document, in order.
        budget: content tokens available (window minus special and prompt tokens).
        separator: token ids placed between documents.
    """
    n = len(documents)
    if n == 0:
        return Packed([])
    room = max(budget - len(separator) * (n - 1), 0)
    lengths = [sum(len(s) for s in sents) for _, sents in documents]
    allowed = shares(lengths, room)
    ids: list[int] = []
    cuts = []
    for k, ((doc_id, sents), cap) in enumerate(zip(documents, allowed, strict=True)):
        kept: list[int] = []
        n_sents = 0
        for sent in sents:
            if len(kept) + len(sent) <= cap:
                kept.extend(sent)
                n_sents += 1
            else:
                if not kept:  # one sentence longer than the whole share: cut inside it
                    kept = list(sent[:cap])
                break
        if k and kept:
            ids.extend(separator)
        ids.extend(kept)
        cuts.append(DocumentCut(doc_id, lengths[k], len(kept), len(sents), n_sents))
    return Packed(ids, cuts)
