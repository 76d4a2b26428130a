"""Scoring speed: the toolkit's ROUGE against rouge-score on Multi-News validation.

Usage: python eval/bench_rouge.py --multinews ../shared/data/multinews/validation.jsonl [--limit N] [--workers 2]

Summaries are the first 300 words of each cluster (lead with truncation). Both score the same
pairs with ROUGE-1/2/L/Lsum, stemmed, references split into sentences for rougeLsum: first
rouge-score's RougeScorer, then the toolkit in one process and with ``--workers`` processes.
Checks that every number is identical (to 1e-12) and prints the speed ratios and the peak
memory of the toolkit's streaming run for 1/4, 1/2 and all of the clusters.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rouge_score import rouge_scorer  # noqa: E402

from summarize import Budget, Lead  # noqa: E402
from summarize.evaluation.rouge import RougeSettings, score_all, score_summary  # noqa: E402
from summarize.io import MultiNewsDataset  # noqa: E402
from summarize.text.sentences import split_sentences  # noqa: E402

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    lead = Lead(budget=Budget(words=300), truncate_last=True)
    summaries, references = [], []
    for cluster in MultiNewsDataset(args.multinews, limit=args.limit):
        summaries.append(list(lead.summarize(cluster).sentences))
        references.append(list(cluster.references))
    settings = RougeSettings(types=tuple(TYPES))

    scorer = rouge_scorer.RougeScorer(TYPES, use_stemmer=True)
    t0 = time.perf_counter()
    theirs = []
    for summ, refs in zip(summaries, references, strict=True):
        per_ref = [scorer.score("\n".join(split_sentences(r)), "\n".join(summ)) for r in refs]
        theirs.append({t: {k: sum(getattr(s[t], k) for s in per_ref) / len(per_ref)
                           for k in ("precision", "recall", "fmeasure")} for t in TYPES})
    t_theirs = time.perf_counter() - t0

    t0 = time.perf_counter()
    ours = [score_summary(s, r, settings) for s, r in zip(summaries, references, strict=True)]
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours_par = score_all(summaries, references, settings, workers=args.workers)
    t_par = time.perf_counter() - t0

    worst = max(abs(a[t][k] - b[t][k]) for a, b in zip(theirs, ours, strict=True) for t in TYPES for k in a[t])
    worst_par = max(abs(a[t][k] - b[t][k]) for a, b in zip(ours, ours_par, strict=True) for t in TYPES for k in a[t])

    memory = {}
    for frac in (4, 2, 1):
        n = len(summaries) // frac
        tracemalloc.start()
        for s, r in zip(summaries[:n], references[:n], strict=True):
            score_summary(s, r, settings)
        memory[n] = tracemalloc.get_traced_memory()[1] // 1024
        tracemalloc.stop()
    print(json.dumps({
        "clusters": len(summaries), "rouge_score_seconds": round(t_theirs, 2),
        "toolkit_seconds": round(t_ours, 2), f"toolkit_{args.workers}_workers_seconds": round(t_par, 2),
        "speedup_one_process": round(t_theirs / t_ours, 1),
        f"speedup_{args.workers}_workers": round(t_theirs / t_par, 1),
        "max_abs_difference": worst, "max_abs_difference_workers": worst_par, "identical": worst < 1e-12,
        "peak_kib_by_clusters": memory,
    }))


if __name__ == "__main__":
    main()
