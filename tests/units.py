"""Test helper: is a summary sentence a readable unit of the source (see Extractive.units)?"""

from __future__ import annotations

from summarize.types import Cluster, Document


def source_run(text: str, doc: Document) -> bool:
    """Whether ``text`` is consecutive whole sentences of ``doc``, the first perhaps without a
    leading connective ("But Britain said ..." -> "Britain said ...")."""
    texts = [s.text for s in doc.sentences]
    for start in range(len(texts)):
        for end in range(start + 1, min(start + 8, len(texts)) + 1):
            joined = " ".join(texts[start:end])
            if joined == text:
                return True
            tail = joined[len(joined) - len(text):]
            if len(joined) > len(text) and tail[1:] == text[1:] and tail[:1].lower() == text[:1].lower() \
                    and len(joined) - len(text) <= 25:
                return True
    return False


def from_source(text: str, cluster: Cluster) -> bool:
    """Whether ``text`` is a run of whole sentences of one of the cluster's documents."""
    return any(source_run(text, d) for d in cluster.documents)
