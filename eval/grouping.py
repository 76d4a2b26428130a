"""How well ``dataset=day`` groups a day's articles into events (``summarize digest``).

Usage: python eval/grouping.py --duc ../shared/data/duc2003 [--multinews <jsonl> --clusters 100]
           [--tac ../shared/data/tac2011-multiling] [--thresholds 0.05 0.1 0.15 ...]

The documents of every cluster are pooled, as if they were one day's articles, and grouped by
:func:`summarize.digest.group_events`; the groups are scored against the clusters they came
from: adjusted Rand index, homogeneity, completeness and V-measure (scikit-learn), and the
number of groups against the number of clusters. DUC 2003: 30 TDT events, 298 documents.
Multi-News: the first ``--clusters`` clusters, only the documents the annotators judged on-topic
(``relevant_documents``). TAC 2011 MultiLing: 10 WikiNews events of 10 documents in each of
its 7 languages (stemming and stop words of each). Prints one JSON line per corpus and threshold, and the time taken.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize.digest import group_events  # noqa: E402
from summarize.io import DucDataset, TacMultilingDataset, make_document  # noqa: E402
from summarize.io.jsonl import iter_jsonl  # noqa: E402
from summarize.io.tac import LANGUAGES as TAC_LANGUAGES  # noqa: E402


def pooled(dataset) -> tuple[list, list[int]]:
    docs, labels = [], []
    for k, cluster in enumerate(dataset):
        docs += cluster.documents
        labels += [k] * len(cluster.documents)
    return docs, labels


def multinews_documents(path: str, clusters: int) -> tuple[list, list[int]]:
    docs, labels = [], []
    for number, obj in iter_jsonl(Path(path)):
        if number > clusters:
            break
        for i, text in enumerate(t for t in obj.get("relevant_documents") or [] if t.strip()):
            docs.append(make_document(id=f"{number}-{i}", text=text, language="english"))
            labels.append(number)
    return docs, labels


def score(docs: list, labels: list[int], threshold: float, language: str = "english") -> dict:
    from sklearn.metrics import adjusted_rand_score, homogeneity_completeness_v_measure

    start = time.perf_counter()
    groups = group_events(docs, language, threshold=threshold)
    seconds = time.perf_counter() - start
    found = [0] * len(docs)
    for g, members in enumerate(groups):
        for i in members:
            found[i] = g
    h, c, v = homogeneity_completeness_v_measure(labels, found)
    return {"threshold": threshold, "documents": len(docs), "events": len(set(labels)), "groups": len(groups),
            "ari": round(adjusted_rand_score(labels, found), 4), "homogeneity": round(h, 4),
            "completeness": round(c, 4), "v_measure": round(v, 4), "seconds": round(seconds, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc")
    ap.add_argument("--multinews")
    ap.add_argument("--tac")
    ap.add_argument("--clusters", type=int, default=100, help="Multi-News clusters pooled")
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.05, 0.075, 0.1, 0.125, 0.15, 0.2])
    args = ap.parse_args()
    if not (args.duc or args.multinews or args.tac):
        ap.error("give --duc, --multinews and/or --tac")
    logging.disable(logging.WARNING)
    corpora = []
    if args.duc:
        corpora.append(("duc2003", "english", *pooled(DucDataset(args.duc))))
    if args.multinews:
        corpora.append((f"multinews[:{args.clusters}]", "english",
                        *multinews_documents(args.multinews, args.clusters)))
    for language in TAC_LANGUAGES if args.tac else ():
        corpora.append((f"tac2011-{language}", language,
                        *pooled(TacMultilingDataset(args.tac, language=language))))
    for name, language, docs, labels in corpora:
        for t in args.thresholds:
            print(json.dumps({"corpus": name, **score(docs, labels, t, language)}), flush=True)


if __name__ == "__main__":
    main()
