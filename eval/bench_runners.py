"""Throughput of the three runners, and memory against the number of clusters.

Usage:
    python eval/bench_runners.py --multinews ../shared/data/multinews/validation.jsonl \
        [--clusters 1000] [--abstractive 20] [--memory 1000,5000] [--out eval/runners.md]

Times ``summarize run`` as a user runs it (a fresh process each, start-up included) over the
first ``--clusters`` Multi-News validation clusters with a native extractive method (TextRank,
300 words, ROUGE scored), once per runner (``local``, ``pool``, ``ray``, 2 workers), and the
offline abstractive default (SmolLM2-135M, ``--abstractive`` clusters, 96 new tokens) the same way; prints
seconds, clusters per second and each runner's speed-up over ``local`` measured in the same
run. ``--memory`` runs the local runner over the validation clusters repeated to each size
(new ids) and reports the peak resident memory of the run's process (``ru_maxrss`` of the
child), which stays flat when reading and writing stream.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEAK = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)")


def timed(args: list[str], out: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one ``summarize run``, a fresh process."""
    cmd = [sys.executable, "-c", PEAK, sys.executable, "-m", "summarize", "run", *args, f"output_dir={out}",
           "verbose=false", "progress=false", "resume=false"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{proc.stderr[-2000:]}")
    return seconds, int(proc.stdout.strip().splitlines()[-1])


def repeated(source: Path, n: int, dest: Path) -> Path:
    """The first clusters of ``source`` repeated (new ids) to ``n`` lines."""
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with dest.open("w", encoding="utf-8") as f:
        for k in range(n):
            obj = json.loads(lines[k % len(lines)])
            obj["id"] = f"{obj.get('id', 'c')}-r{k}"
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return dest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multinews", required=True, type=Path)
    ap.add_argument("--clusters", type=int, default=1000, help="clusters for the extractive run (0: skip)")
    ap.add_argument("--abstractive", type=int, default=20, help="clusters for the abstractive run (0: skip)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runners", default="local,pool,ray")
    ap.add_argument("--memory", default="1000,5000", help="cluster counts for the memory runs ('' to skip)")
    ap.add_argument("--out", type=Path, help="also write the tables (Markdown) here")
    args = ap.parse_args()
    runners = [r for r in args.runners.split(",") if r]
    lines = [f"Machine: {os.cpu_count()} cores; every row a fresh `summarize run` process, start-up included.", ""]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        jobs = [("textrank, 300 words, ROUGE", args.clusters,
                 ["dataset=multinews", f"dataset.path={args.multinews}", f"dataset.limit={args.clusters}",
                  "summarizer=textrank", "budget=words300", "render=none", "eval.bootstrap.resamples=0"])
                ] if args.clusters else []
        if args.abstractive:
            jobs.append(("smollm2 (SmolLM2-135M, offline), 100 words", args.abstractive,
                         ["dataset=multinews", f"dataset.path={args.multinews}", f"dataset.limit={args.abstractive}",
                          "summarizer=smollm2", "budget=words100", "render=none", "eval.bootstrap.resamples=0",
                          "summarizer.batch_size=2", "runner.batch_size=2", "summarizer.max_new_tokens=96"]))
        lines += ["| job | clusters | runner | seconds | clusters/s | vs local | peak MB (driver) |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for label, n, base in jobs:
            local = None
            outputs = {}
            for runner in runners:
                extra = [f"runner={runner}"] + ([f"runner.workers={args.workers}"] if runner != "local" else [])
                out = work / f"{label[:8]}-{runner}"
                seconds, peak = timed([*base, *extra], out)
                outputs[runner] = (out / "predictions.jsonl").read_bytes()
                local = local or seconds
                row = (f"| {label} | {n} | {runner} | {seconds:.1f} | {n / seconds:.2f} | "
                       f"{local / seconds:.2f}x | {peak / 1024:.0f} |")
                print(row, flush=True)
                lines.append(row)
            same = len(set(outputs.values())) == 1
            lines.append(f"| {label}: predictions identical across runners | | | {same} | | | |")
            print(f"{label}: predictions identical across runners: {same}", flush=True)
        sizes = [int(s) for s in args.memory.split(",") if s.strip()]
        if sizes:
            lines += ["", "| clusters | seconds | peak MB (local runner) |", "| --- | --- | --- |"]
            for n in sizes:
                data = repeated(args.multinews, n, work / f"rep{n}.jsonl")
                seconds, peak = timed(["dataset=multinews", f"dataset.path={data}", "summarizer=lead",
                                       "budget=words300", "render=markdown", "eval.bootstrap.resamples=0"],
                                      work / f"mem{n}")
                row = f"| {n} | {seconds:.1f} | {peak / 1024:.0f} |"
                print(row, flush=True)
                lines.append(row)
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
