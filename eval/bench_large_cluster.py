"""One very large cluster: how summarizing time grows with the number of articles.

Usage: python eval/bench_large_cluster.py --multinews ../shared/data/multinews/validation.jsonl \\
           [--sizes 100 250 500 1000] [--methods mmr textrank ilp]

Builds clusters of N articles from the Multi-News validation documents (the first N non-empty
documents), then times building the cluster (sentence splitting) and summarizing it at 100
words with each method and, as the peer, the lead baseline, in this process. Prints one JSON
line per size and method.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize import Budget  # noqa: E402
from summarize.io import make_cluster, make_document  # noqa: E402
from summarize.io.jsonl import iter_jsonl  # noqa: E402
from summarize.registry import build, compose_config  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 250, 500, 1000])
    ap.add_argument("--methods", nargs="+", default=["mmr", "textrank", "lexrank", "centroid", "ilp"])
    args = ap.parse_args()
    texts: list[str] = []
    for _, obj in iter_jsonl(Path(args.multinews)):
        texts.extend(t for t in obj["documents"] if t.strip())
        if len(texts) >= max(args.sizes):
            break
    nodes = {m: compose_config([f"summarizer={m}"]).summarizer for m in ["lead", *args.methods]}
    for n in args.sizes:
        t0 = time.perf_counter()
        cluster = make_cluster(id=f"big{n}", documents=[
            make_document(id=f"a{i}", text=t, language="english") for i, t in enumerate(texts[:n])])
        t_read = time.perf_counter() - t0
        times = {}
        for m, node in nodes.items():
            summarizer = build(node, "summarizer", budget=Budget(words=100))
            t0 = time.perf_counter()
            summary = summarizer.summarize(cluster)
            times[m] = time.perf_counter() - t0
            assert summary.sentences
        for m in args.methods:
            print(json.dumps({"articles": n, "sentences": len(cluster.sentences), "method": m,
                              "seconds": round(times[m], 2), "lead_seconds": round(times["lead"], 2),
                              "ratio_to_lead": round(times[m] / times["lead"], 1),
                              "build_cluster_seconds": round(t_read, 2)}), flush=True)


if __name__ == "__main__":
    main()
