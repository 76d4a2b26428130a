"""Abstractive against extractive on Multi-News validation, in one run.

Usage: python eval/abstractive.py --multinews ../shared/data/multinews/validation.jsonl [--limit 200]
           [--summarizer smollm2] [--extractive textrank] [--max-new-tokens 120] [--max-input-tokens 1024]

Runs ``summarize run`` on the first ``--limit`` clusters with lead (first 300 words), the best
extractive method and the abstractive summarizer, all at 300 words with rouge-score F, then
prints one JSON line per system and, for the abstractive one, seconds per cluster, generated
tokens per second, truncated documents and how often the faithfulness guard fired.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize.registry import compose_config  # noqa: E402
from summarize.runner import run  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--summarizer", default="smollm2")
    ap.add_argument("--extractive", default="textrank")
    ap.add_argument("--max-new-tokens", type=int, default=120)
    ap.add_argument("--max-input-tokens", type=int, default=1024)
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--device", default="auto")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    systems = {
        "lead": ["summarizer=lead", "summarizer.truncate_last=true"],
        args.extractive: [f"summarizer={args.extractive}", "summarizer.truncate_last=true"],
        args.summarizer: [f"summarizer={args.summarizer}", f"summarizer.max_new_tokens={args.max_new_tokens}",
                          f"summarizer.max_input_tokens={args.max_input_tokens}",
                          f"summarizer.batch_size={args.batch_size}", f"summarizer.device={args.device}"],
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, over in systems.items():
            overrides = [*over, "dataset=multinews", f"dataset.path={args.multinews}", f"dataset.limit={args.limit}",
                         "budget=words300", f"output_dir={tmp}/{name}", "verbose=false"]
            cfg = compose_config(overrides)
            t0 = time.perf_counter()
            m = run(cfg)
            seconds = time.perf_counter() - t0
            row = {"system": name, "clusters": m["n_scored"], "seconds_per_cluster": round(seconds / m["n_scored"], 3),
                   **{t: round(100 * m[t]["fmeasure"], 2) for t in m["types"]}, "signature": m["signature"]}
            if "summarizer_report" in m:
                row["report"] = m["summarizer_report"]
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
