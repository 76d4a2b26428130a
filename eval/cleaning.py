"""ROUGE on Multi-News validation with and without cleaning: same summarizer, same run.

Usage: python eval/cleaning.py --multinews ../shared/data/multinews/validation.jsonl [--summarizer textrank]
       [--set clean.offtopic_max_similarity=1 ...]

Runs ``summarize run`` twice in this process (``clean=none`` and ``clean=default``), 300 words,
and prints one JSON line per run plus the differences in ROUGE F (x100) with paired p-values
(approximate randomization, seeded) from ``summarize compare``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize.evaluation.compare import compare  # noqa: E402
from summarize.registry import compose_config  # noqa: E402
from summarize.runner import run  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--summarizer", default="textrank")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE",
                    help="overrides for the cleaned run, e.g. clean.offtopic_max_similarity=1")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        for clean in ("none", "default"):
            over = [f"summarizer={args.summarizer}", "dataset=multinews", f"dataset.path={args.multinews}",
                    "budget=words300", "summarizer.truncate_last=true", f"clean={clean}",
                    f"output_dir={tmp}/{clean}", "verbose=false", f"summarizer.name={args.summarizer}_clean_{clean}"]
            if args.limit:
                over.append(f"dataset.limit={args.limit}")
            if clean == "default":
                over += args.set
            m = run(compose_config(over))
            print(json.dumps({"clean": clean, "summarizer": args.summarizer, "clusters": m["n_scored"],
                              **{t: round(100 * m[t]["fmeasure"], 2) for t in m["types"]}}))
        result = compare([f"{tmp}/none", f"{tmp}/default"], output_dir=f"{tmp}/cmp")
        base, cleaned = result["rows"]
        print(json.dumps({"difference_F_x100": {t: round(100 * (cleaned[t]["mean"] - base[t]["mean"]), 2)
                                                 for t in result["types"]},
                          "p_randomization": {t: cleaned[t]["p_randomization"] for t in result["types"]},
                          "signature": result["signature"]}))


if __name__ == "__main__":
    main()
