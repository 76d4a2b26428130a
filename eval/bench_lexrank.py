"""Native LexRank against sumy's LexRank over DUC 2003: same documents, same budget.

Usage: python eval/bench_lexrank.py --duc ../shared/data/duc2003 [--repeat 3]

Both rate every sentence of each cluster and go through the same base class (100 words,
redundancy, DUC-style truncation), so only the rating differs: sumy's pure-Python LexRank
against the toolkit's sparse, vectorised one. Prints seconds for each, the speed ratio, and
ROUGE-1.5.5 recall (DUC mode) of both.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize import Budget  # noqa: E402
from summarize.evaluation import RunningMean  # noqa: E402
from summarize.evaluation.duc import DucSettings  # noqa: E402
from summarize.extractive import LexRank, Sumy  # noqa: E402
from summarize.io import DucDataset  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    clusters = list(DucDataset(args.duc))
    common = dict(budget=Budget(words=100), truncate_last=True, order="chronological", redundancy=0.5)
    systems = {"native": LexRank(**common), "sumy": Sumy(method="lexrank", **common)}
    duc = DucSettings()
    result: dict[str, object] = {"clusters": len(clusters)}
    for name, system in systems.items():
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            summaries = [system.summarize(c) for c in clusters]
            best = min(best, time.perf_counter() - t0)
        acc = RunningMean()
        for c, s in zip(clusters, summaries, strict=True):
            acc.add(duc.score(s.sentences, c.references))
        m = acc.means()
        result[f"{name}_seconds"] = round(best, 3)
        result[f"{name}_R1"] = round(100 * m["rouge1"]["recall"], 2)
        result[f"{name}_R2"] = round(100 * m["rouge2"]["recall"], 2)
    result["speedup"] = round(result["sumy_seconds"] / result["native_seconds"], 1)  # type: ignore[operator]
    result["signature"] = duc.signature()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
