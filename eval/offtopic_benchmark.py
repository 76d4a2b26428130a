"""Off-topic detection measured on a benchmark built from curated clusters.

Usage: python eval/offtopic_benchmark.py --duc ../shared/data/duc2003 [--tac ../shared/data/tac2011-multiling]
           [--multinews ../shared/data/multinews/validation.jsonl] [--seed 12345] [--steps offtopic_documents]
           [--detector cleaner|model]

Multi-News' relevance labels cap any detector near F1 0.72, so the benchmark is built from DUC
2003, whose 30 clusters were assembled by hand around one event each: into every cluster goes
one document of another cluster, either

- ``nearest``: the other clusters' document most similar to this cluster (highest mean cosine
  with its documents, in the event vectors of :mod:`summarize.digest.events`), the hardest
  distractor; or
- ``random``: a document of another cluster drawn at random (``--seed``).

The cleaner's off-topic step (``Cleaner(steps=["offtopic_documents"])`` by default, the shipped
settings) runs on each modified cluster; a distractor it drops is a hit, any other document it
drops a false alarm: precision, recall and F1 over the 30 clusters; ``separable`` counts the
distractors whose mean similarity to the cluster is below every genuine report's (the most a
rule on that similarity can find without a false alarm). False drops are then counted
on the unmodified clusters of DUC 2003, TAC 2011 (each language) and Multi-News validation
(``relevant_documents`` only, clusters with two or more), where no document is off-topic.
Prints one JSON line per measurement.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize.clean import Cleaner  # noqa: E402
from summarize.digest.events import similarity_matrix  # noqa: E402
from summarize.io import DucDataset, TacMultilingDataset, make_cluster, make_document  # noqa: E402
from summarize.io.jsonl import iter_jsonl  # noqa: E402
from summarize.io.tac import LANGUAGES as TAC_LANGUAGES  # noqa: E402
from summarize.types import Cluster, Document  # noqa: E402

PREFIX = "distractor:"


def as_distractor(doc: Document) -> Document:
    """The document under an id that says it is the distractor (and cannot clash)."""
    new_id = PREFIX + doc.id
    return replace(doc, id=new_id, sentences=tuple(replace(s, doc_id=new_id) for s in doc.sentences))


def distractors(clusters: list[Cluster], seed: int) -> dict[str, list[Document]]:
    """For each cluster (in order), its nearest-other-cluster and its random distractor."""
    docs = [d for c in clusters for d in c.documents]
    owner = np.array([k for k, c in enumerate(clusters) for _ in c.documents])
    sim = similarity_matrix(docs, clusters[0].language)
    rng = np.random.default_rng(seed)
    nearest, drawn = [], []
    for k in range(len(clusters)):
        mine, others = np.flatnonzero(owner == k), np.flatnonzero(owner != k)
        fit = sim[np.ix_(others, mine)].mean(axis=1)
        nearest.append(docs[int(others[int(np.argmax(fit))])])
        drawn.append(docs[int(rng.choice(others))])
    return {"nearest": nearest, "random": drawn}


def dropped_ids(cleaner: Any, cluster: Cluster) -> set[str]:
    """The documents the cleaner leaves out as off-topic."""
    _, report = cleaner.clean(cluster)
    return {d for d, why in report.dropped_documents if why.startswith("off-topic")}


class ModelOnly:
    """The decision before the event rule (``--detector model``): the logistic model at its own
    threshold with the similarity guard (0.1), and failed scrapes, never all documents."""

    def __init__(self) -> None:
        from summarize.clean.offtopic import load_model

        self.model = load_model()

    def clean(self, cluster: Cluster) -> tuple[Cluster, object]:
        from types import SimpleNamespace

        from summarize.clean.offtopic import decide, document_features
        from summarize.text.sentences import split_paragraphs

        texts = [" ".join(split_paragraphs(d.text)) for d in cluster.documents]
        if len(texts) < 2:
            return cluster, SimpleNamespace(dropped_documents=())
        x = document_features(texts, Cleaner._vectors(texts, cluster.language), cluster.language)
        p = self.model.probability(x)
        drop, scraped = decide(p, x, float(self.model.threshold or 0.5), 0.1, 3.0)
        if drop.all():
            drop[int(np.argmin(p + scraped))] = False
        ids = [d.id for d, out in zip(cluster.documents, drop, strict=True) if out]
        return cluster, SimpleNamespace(dropped_documents=tuple((i, "off-topic") for i in ids))


def detection(cleaner: Any, clusters: list[Cluster], extra: list[Document]) -> dict[str, float]:
    """Precision, recall and F1 of finding one distractor put into each cluster."""
    hits = false_alarms = separable = 0
    for cluster, doc in zip(clusters, extra, strict=True):
        modified = replace(cluster, documents=(*cluster.documents, as_distractor(doc)))
        dropped = dropped_ids(cleaner, modified)
        hits += PREFIX + doc.id in dropped
        false_alarms += len(dropped - {PREFIX + doc.id})
        sim = similarity_matrix(modified.documents, modified.language).astype(np.float64)
        mean = (sim.sum(axis=1) - 1.0) / (len(sim) - 1)
        separable += bool(mean[-1] < mean[:-1].min())
    precision = hits / (hits + false_alarms) if hits + false_alarms else 1.0
    recall = hits / len(clusters)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # the distractors less similar to their cluster than every genuine report is: the most any
    # rule on this similarity can find without dropping a genuine report
    return {"clusters": len(clusters), "hits": hits, "false_alarms": false_alarms,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "separable": separable}


def false_drops(cleaner: Any, clusters: list[Cluster]) -> dict[str, float]:
    """How many documents of clusters without off-topic documents the cleaner drops."""
    total = dropped = 0
    examples = []
    for cluster in clusters:
        out = dropped_ids(cleaner, cluster)
        total += len(cluster.documents)
        dropped += len(out)
        examples += [f"{cluster.id}/{d}" for d in sorted(out)][: max(0, 5 - len(examples))]
    return {"documents": total, "dropped": dropped, "rate": round(dropped / max(total, 1), 4), "examples": examples}


def multinews_clusters(path: str, limit: int | None) -> list[Cluster]:
    """Multi-News validation clusters of their relevant documents (two or more)."""
    clusters = []
    for number, obj in iter_jsonl(Path(path)):
        if limit is not None and number > limit:
            break
        texts = [t for t in obj.get("relevant_documents") or [] if t.strip()]
        if len(texts) < 2:
            continue
        docs = [make_document(id=f"{number}-{i}", text=t, language="english") for i, t in enumerate(texts)]
        clusters.append(make_cluster(id=str(obj.get("id", number)), documents=docs, language="english"))
    return clusters


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc", required=True)
    ap.add_argument("--tac")
    ap.add_argument("--multinews")
    ap.add_argument("--multinews-limit", type=int, default=None, help="first N Multi-News clusters")
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("--steps", nargs="+", default=["offtopic_documents"], help="cleaning steps to run")
    ap.add_argument("--detector", choices=("cleaner", "model"), default="cleaner",
                    help="the cleaner as configured, or the logistic model alone (the decision before)")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    cleaner = Cleaner(steps=args.steps) if args.detector == "cleaner" else ModelOnly()
    duc = list(DucDataset(args.duc))
    start = time.perf_counter()
    for kind, extra in distractors(duc, args.seed).items():
        print(json.dumps({"benchmark": f"duc2003+{kind}", **detection(cleaner, duc, extra)}), flush=True)
    print(json.dumps({"false_drops": "duc2003", **false_drops(cleaner, duc)}), flush=True)
    for language in TAC_LANGUAGES if args.tac else ():
        tac = list(TacMultilingDataset(args.tac, language=language))
        print(json.dumps({"false_drops": f"tac2011-{language}", **false_drops(cleaner, tac)}), flush=True)
    if args.multinews:
        mn = multinews_clusters(args.multinews, args.multinews_limit)
        print(json.dumps({"false_drops": "multinews-relevant", **false_drops(cleaner, mn)}), flush=True)
    print(json.dumps({"seconds": round(time.perf_counter() - start, 1)}))


if __name__ == "__main__":
    main()
