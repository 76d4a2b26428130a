"""How well ``dataset=day`` groups a day's articles into events (``summarize digest``).

Usage: python eval/grouping.py [--duc ../shared/data/duc2003] [--tac ../shared/data/tac2011-multiling]
           [--multinews ../shared/data/multinews/validation.jsonl --clusters 1000 --pool 50]
           [--thresholds 0.12] [--min-similarity 0.05] [--idf background|articles]
           [--title-weight 3] [--name-weight 0] [--lead-weight 2] [--distinct 0.5]
           [--method events|tfidf-average|wordllama|learned ...] [--model eval/pair_model.json]

The documents of many clusters are pooled, as if they were one day's articles, grouped, and the
groups scored against the clusters they came from: adjusted Rand index (ARI), homogeneity,
completeness and V-measure (scikit-learn), and the number of groups against the number of
clusters. DUC 2003: 30 TDT events, 298 documents. TAC 2011 MultiLing: 10 WikiNews events of 10
documents in each of its 7 languages. Multi-News: the first ``--clusters`` clusters, only the
documents the annotators judged on-topic (``relevant_documents``), pooled ``--pool`` clusters at
a time (one JSON line per pool, then their mean and minimum).

Methods:

- ``events`` (the toolkit's, :mod:`summarize.digest.events`): sublinear TF x background word
  weights (``--idf background``, wordfreq; ``articles``: ``ln(1 + n/df)`` of the pool), titles
  weighted (names with ``--name-weight``), the lead's words (first 3 sentences) ``--lead-weight``
  times, average linkage cut at ``--thresholds`` (mean cosine), ``--min-similarity`` (every pair
  across a merge) and ``--distinct`` (two groups of 3+ articles kept apart below this share of
  the lower of their cohesions; 0: off);
- ``tfidf-average``: the toolkit's previous grouping: raw TF-IDF over the pool
  (``summarize.extractive.features``), average linkage at the threshold, no pair minimum;
- ``wordllama``: WordLlama document embeddings (the ``dense`` extra), centred on the pool's
  mean, average linkage with the same cut;
- ``learned`` (issue 14): the probability that two articles report one event, from a logistic
  regression over pair features (``eval/pair_model.py``; fitted on Multi-News *training* pools
  by ``eval/train_pairs.py``, stored in ``--model``), average linkage over it cut at the
  model's own threshold, probability minimum and distinct-events share (chosen on held-out
  training pools), unless ``--thresholds`` is given.

Several methods may be given: each corpus is scored by each, in one run.

Prints one JSON line per corpus (or pool) and threshold, with the seconds grouping took.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize.digest.events import group_by_similarity, similarity_matrix  # noqa: E402
from summarize.io import DucDataset, TacMultilingDataset, make_document  # noqa: E402
from summarize.io.jsonl import iter_jsonl  # noqa: E402
from summarize.io.tac import LANGUAGES as TAC_LANGUAGES  # noqa: E402
from summarize.types import Cluster, Document, Sentence  # noqa: E402

METHODS = ("events", "tfidf-average", "wordllama", "learned")


def pooled(dataset) -> tuple[list, list[int]]:
    docs, labels = [], []
    for k, cluster in enumerate(dataset):
        docs += cluster.documents
        labels += [k] * len(cluster.documents)
    return docs, labels


def multinews_pools(path: str, clusters: int, pool: int) -> list[tuple[list, list[int]]]:
    """The relevant documents of the first ``clusters`` clusters, ``pool`` clusters at a time."""
    pools: list[tuple[list, list[int]]] = []
    for number, obj in iter_jsonl(Path(path)):
        if number > clusters:
            break
        if (number - 1) % pool == 0:
            pools.append(([], []))
        for i, text in enumerate(t for t in obj.get("relevant_documents") or [] if t.strip()):
            pools[-1][0].append(make_document(id=f"{number}-{i}", text=text, language="english"))
            pools[-1][1].append(number)
    return pools


def similarity(method: str, docs: list[Document], language: str, args: argparse.Namespace) -> np.ndarray:
    if method == "learned":
        from pair_model import probability

        return probability(docs, language, args.pair_model)
    if method == "events":
        return similarity_matrix(docs, language, idf=args.idf, title_weight=args.title_weight,
                                 name_weight=args.name_weight, lead_weight=args.lead_weight)
    if method == "tfidf-average":
        from summarize.extractive.features import Features

        units = tuple(Sentence(text=d.text, doc_id=d.id, index=0) for d in docs)
        return Features(Cluster(id="day", documents=tuple(docs), language=language), units).similarity()
    from summarize.extractive.embeddings import WordLlamaEncoder

    v = WordLlamaEncoder().encode([(f"{d.title}. " if d.title else "") + d.text for d in docs])
    v = v - v.mean(axis=0)
    v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    return v @ v.T


def score(docs: list, labels: list[int], language: str, args: argparse.Namespace, method: str) -> list[dict]:
    from sklearn.metrics import adjusted_rand_score, homogeneity_completeness_v_measure

    start = time.perf_counter()
    sim = similarity(method, docs, language, args)
    prepared = time.perf_counter() - start
    rows = []
    minimum = args.min_similarity if method == "events" else 0.0
    distinct = args.distinct if method == "events" else 0.0
    thresholds = args.thresholds or [0.12]
    if method == "learned":
        minimum, distinct = args.pair_model["min_probability"], args.pair_model["distinct"]
        thresholds = args.thresholds or [args.pair_model["threshold"]]
    for t in thresholds:
        start = time.perf_counter()
        groups = group_by_similarity(sim, threshold=t, min_similarity=minimum, distinct=distinct)
        seconds = prepared + time.perf_counter() - start
        found = [0] * len(docs)
        for g, members in enumerate(groups):
            for i in members:
                found[i] = g
        h, c, v = homogeneity_completeness_v_measure(labels, found)
        rows.append({"method": method, "threshold": t, "min_similarity": minimum, "distinct": distinct,
                     "documents": len(docs),
                     "events": len(set(labels)), "groups": len(groups),
                     "ari": round(adjusted_rand_score(labels, found), 4), "homogeneity": round(h, 4),
                     "completeness": round(c, 4), "v_measure": round(v, 4), "seconds": round(seconds, 3)})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc")
    ap.add_argument("--multinews")
    ap.add_argument("--tac")
    ap.add_argument("--tac-languages", nargs="+", default=list(TAC_LANGUAGES), choices=TAC_LANGUAGES)
    ap.add_argument("--clusters", type=int, default=1000, help="Multi-News clusters read")
    ap.add_argument("--pool", type=int, default=50, help="Multi-News clusters pooled as one day")
    ap.add_argument("--method", choices=METHODS, nargs="+", default=["events"])
    ap.add_argument("--model", type=Path, default=Path(__file__).resolve().parent / "pair_model.json",
                    help="the learned pair model (--method learned)")
    ap.add_argument("--thresholds", type=float, nargs="+", default=None, help="default 0.12 (learned: the model's)")
    ap.add_argument("--min-similarity", type=float, default=0.05)
    ap.add_argument("--idf", choices=("background", "articles"), default="background")
    ap.add_argument("--title-weight", type=int, default=3)
    ap.add_argument("--name-weight", type=int, default=0)
    ap.add_argument("--lead-weight", type=int, default=2)
    ap.add_argument("--distinct", type=float, default=0.5)
    args = ap.parse_args()
    if not (args.duc or args.multinews or args.tac):
        ap.error("give --duc, --multinews and/or --tac")
    logging.disable(logging.WARNING)
    if "learned" in args.method:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        args.pair_model = json.loads(args.model.read_text(encoding="utf-8"))
    if args.duc:
        docs, labels = pooled(DucDataset(args.duc))
        for method in args.method:
            for row in score(docs, labels, "english", args, method):
                print(json.dumps({"corpus": "duc2003", **row}), flush=True)
    for language in args.tac_languages if args.tac else ():
        docs, labels = pooled(TacMultilingDataset(args.tac, language=language))
        for method in args.method:
            for row in score(docs, labels, language, args, method):
                print(json.dumps({"corpus": f"tac2011-{language}", **row}), flush=True)
    if args.multinews:
        results: dict[tuple[str, float], list[float]] = {}
        for k, (docs, labels) in enumerate(multinews_pools(args.multinews, args.clusters, args.pool)):
            for method in args.method:
                for row in score(docs, labels, "english", args, method):
                    results.setdefault((method, row["threshold"]), []).append(row["ari"])
                    print(json.dumps({"corpus": f"multinews-pool{k}", **row}), flush=True)
        for (method, t), aris in results.items():
            print(json.dumps({"corpus": f"multinews[:{args.clusters}] in pools of {args.pool}", "method": method,
                              "threshold": t, "pools": len(aris), "ari_mean": round(float(np.mean(aris)), 4),
                              "ari_min": round(float(np.min(aris)), 4)}), flush=True)


if __name__ == "__main__":
    main()
