"""A day's single event of N near-identical reports (one wire story syndicated N times): time
of ``summarize digest`` against N (issue 15, "hostile input").

Usage: python eval/bench_syndicated.py [--sizes 100 300 1000] [--edits 3] [--timeout 1500]
           [--clean default|none] [--tree DIR] [--out results.jsonl]

The day is generated in a temporary folder (nothing is downloaded): the four reports of the
ferry collision in ``data/sample.jsonl`` joined into one wire story (42 lines, page furniture included), carried by N
outlets ("Outlet 0001" ...), each copy with ``--edits`` small random word edits (a word
replaced by another word of the story, deleted, or repeated), published at its own minute of
2025-03-14. Each size runs ``summarize digest input=<file> date=2025-03-14`` in a fresh process
(this tree, or ``--tree``, first on ``PYTHONPATH``: run it for the tree before a change and for
the tree after at the same time, for a comparison on a loaded machine) and prints one JSON line:
the seconds, the seconds per report against the smallest size's in the same run (1.0: linear), the events and, for each
digest sentence, the outlets credited with it and the reports that hold it word for word (all
of which must be among those credited).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample.jsonl"


def story() -> list[str]:
    """The lines of one wire story: the sample's ferry reports, one after the other."""
    with SAMPLE.open(encoding="utf-8") as f:
        cluster = json.loads(f.readline())
    return [line for doc in cluster["documents"] for line in doc["text"].split("\n") if line.strip()]


def edit(lines: list[str], rng: random.Random, edits: int) -> str:
    """The story with ``edits`` random word edits (replace, delete or repeat one word)."""
    words = [line.split(" ") for line in lines]
    pool = [w for line in words for w in line if w.isalpha()]
    for _ in range(edits):
        line = words[rng.randrange(len(words))]
        k = rng.randrange(len(line))
        kind = rng.randrange(3)
        if kind == 0:
            line[k] = rng.choice(pool)
        elif kind == 1 and len(line) > 3:
            del line[k]
        else:
            line.insert(k, line[k])
    return "\n".join(" ".join(line) for line in words)


def write_day(path: Path, n: int, edits: int, seed: int) -> None:
    rng = random.Random(seed)
    lines = story()
    with path.open("w", encoding="utf-8") as out:
        for a in range(n):
            minute = 360 + a % 900
            out.write(json.dumps({"id": f"copy-{a:04d}", "source": f"Outlet {a:04d}",
                                  "title": "Ferry and cargo ship collide off Port Aldmere",
                                  "published": f"2025-03-14T{minute // 60:02d}:{minute % 60:02d}:00",
                                  "text": edit(lines, rng, edits)}) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    ap.add_argument("--edits", type=int, default=3)
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("--clean", default="default")
    ap.add_argument("--tree", type=Path, default=ROOT, help="the source tree to run (default: this one)")
    ap.add_argument("--timeout", type=float, default=1500.0, help="seconds a run may take")
    ap.add_argument("--out", type=Path, default=None, help="also append the JSON lines to this file")
    args = ap.parse_args()
    base: float | None = None
    with tempfile.TemporaryDirectory(prefix="bench_syndicated_") as tmp:
        for n in sorted(args.sizes):
            day = Path(tmp) / f"day-{n}.jsonl"
            write_day(day, n, args.edits, args.seed)
            out = Path(tmp) / f"out-{n}"
            cmd = [sys.executable, "-m", "summarize", "digest", f"input={day}", "date=2025-03-14",
                   f"output_dir={out}", f"clean={args.clean}"]
            start = time.perf_counter()
            try:
                done = subprocess.run(cmd, capture_output=True, text=True, cwd=args.tree, timeout=args.timeout,
                                      env={**os.environ, "PYTHONPATH": str(args.tree)})
                rc: int | str = done.returncode
            except subprocess.TimeoutExpired:
                rc = "timeout"
            seconds = time.perf_counter() - start
            row: dict[str, object] = {"tree": str(args.tree), "reports": n, "edits": args.edits, "clean": args.clean,
                                      "seconds": round(seconds, 1), "rc": rc}
            if rc == 0:
                base = base if base is not None else seconds / n
                row["per_report_vs_smallest"] = round(seconds / n / base, 2)
                digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
                events = digest.get("events", [])
                row["events"] = len(events)
                if events:
                    texts = [json.loads(line)["text"] for line in day.open(encoding="utf-8")]
                    # per digest sentence: the outlets credited, and the reports that hold it word for
                    # word (each of those must be credited; an edited copy may or may not be)
                    row["credited_and_verbatim"] = [
                        [len(s["sources"]), sum(s["text"] in t for t in texts)] for s in events[0]["sentences"]]
            elif rc != "timeout":
                row["error"] = (done.stderr.strip().splitlines() or [""])[-1][:200]
            line = json.dumps(row)
            print(line, flush=True)
            if args.out is not None:
                with args.out.open("a", encoding="utf-8") as f:
                    f.write(line + "\n")


if __name__ == "__main__":
    main()
