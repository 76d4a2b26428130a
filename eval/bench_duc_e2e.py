"""The recommended DUC config end to end: read, summarize, score all 30 DUC 2003 clusters.

Usage: python eval/bench_duc_e2e.py --duc ../shared/data/duc2003 [--repeat 3]

Times ``summarize run experiment=duc`` as a user runs it (a fresh process, start-up included)
and, as the peer, the same command with the lead baseline; prints the best of ``--repeat``
wall times of each and their ratio. The target is under 5 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time


def wall(cmd: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as out:
        base = [sys.executable, "-m", "summarize", "run", "experiment=duc", f"dataset.path={args.duc}",
                f"output_dir={out}", "verbose=false"]
        recommended = wall(base, args.repeat)
        lead = wall([sys.executable, "-m", "summarize", "run", "dataset=duc", f"dataset.path={args.duc}",
                     "summarizer=lead", "eval=duc", f"output_dir={out}", "verbose=false"],
                    args.repeat)
    print(json.dumps({"recommended_seconds": round(recommended, 2), "lead_seconds": round(lead, 2),
                      "ratio_to_lead": round(recommended / lead, 2), "target_seconds": 5.0,
                      "meets_target": recommended < 5.0}))


if __name__ == "__main__":
    main()
