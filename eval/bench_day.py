"""Time and peak memory of a day's digest with 1,000 and 10,000 articles.

Usage: python eval/bench_day.py --multinews ../shared/data/multinews/validation-full.jsonl.gz
           [--articles 1000 10000] [--max-events 100] [--all-events]

A day is synthesized by pooling the documents of Multi-News validation clusters, in file
order, until it holds the number of articles asked for (each article one JSON line: an id, an
outlet drawn from 20 names, a publication time on 2025-03-14, the text). Each measurement runs
in a fresh process: wall seconds and the peak resident memory of that process (``getrusage``):

- ``read+group``: ``DayDataset`` reads the file and groups the articles into ranked events;
- ``digest``: ``summarize digest input=<file> date=2025-03-14 dataset.max_events=N`` end to
  end (grouping, cleaning and summarizing the first N events, rendering, the archive);
- with ``--all-events``, the same digest of every event.

Prints one JSON line per day size and measurement.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GROUP = """
import sys, logging
logging.disable(logging.WARNING)
from summarize.digest import DayDataset
events = list(DayDataset(sys.argv[1], date="2025-03-14"))
print(len(events), sum(len(e.documents) for e in events), sum(len(e.documents) > 1 for e in events))
"""


def synthesize(path: str, articles: int, out: Path) -> None:
    """Write ``articles`` Multi-News documents as one day's JSONL articles."""
    opener = gzip.open if path.endswith(".gz") else open
    written = 0
    with opener(path, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            obj = json.loads(line)
            for i, text in enumerate(obj.get("documents") or []):
                if not text.strip():
                    continue
                minute = written % 1440
                dst.write(json.dumps({"id": f"{obj.get('id')}-{i}", "source": f"Outlet {written % 20}",
                                      "published": f"2025-03-14T{minute // 60:02d}:{minute % 60:02d}:00",
                                      "text": text}) + "\n")
                written += 1
                if written >= articles:
                    return


WRAPPER = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stdout.write(done.stdout)
sys.stderr.write(done.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(done.returncode)
"""


def measure(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak resident memory (MB) and last output line of ``command``, run in a
    fresh wrapper process (whose children's peak is that command's alone)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} ... failed: {done.stderr.strip().splitlines()[-1:]}")
    lines = done.stdout.strip().splitlines()
    return seconds, int(lines[-1]) / 1024, lines[-2] if len(lines) > 1 else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--max-events", type=int, default=100)
    ap.add_argument("--all-events", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(args.articles):
            day = Path(tmp) / f"day{n}.jsonl"
            synthesize(args.multinews, n, day)
            seconds, peak, out = measure([sys.executable, "-c", GROUP, str(day)])
            events, docs, multi = (int(x) for x in out.split())
            print(json.dumps({"articles": docs, "stage": "read+group", "events": events, "events_of_2+": multi,
                              "seconds": round(seconds, 1), "peak_mb": round(peak)}), flush=True)
            runs = [("digest", args.max_events)] + ([("digest-all-events", None)] if args.all_events else [])
            for name, cap in runs:
                cmd = [sys.executable, "-m", "summarize", "digest", f"input={day}", "date=2025-03-14",
                       f"output_dir={Path(tmp) / f'out-{n}-{name}'}", "verbose=false"]
                if cap is not None:
                    cmd.append(f"dataset.max_events={cap}")
                seconds, peak, _ = measure(cmd)
                print(json.dumps({"articles": docs, "stage": name, "max_events": cap, "seconds": round(seconds, 1),
                                  "peak_mb": round(peak)}), flush=True)


if __name__ == "__main__":
    main()
