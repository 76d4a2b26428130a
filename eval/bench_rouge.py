"""Scoring speed and parity: the toolkit's ROUGE engines against rouge-score on Multi-News validation.

Usage: python eval/bench_rouge.py --multinews ../shared/data/multinews/validation.jsonl [--limit N] [--workers 2]

Summaries are the first 300 words of each cluster (``lead`` with truncation), scored with
ROUGE-1/2/L/Lsum, stemmed, references split into sentences for rougeLsum (plain Punkt, as
``summarize run`` splits them). Every peer runs in this one process, on the same pairs:

1. the engines alone, on texts already split: rouge-score's ``RougeScorer.score`` (the
   reference), the toolkit's ``fast`` engine, ``rouge-score-rs`` pair by pair and in one
   ``score_batch`` (every core; ``RAYON_NUM_THREADS`` limits it);
2. the toolkit's scoring API (split the references, score, mean over references):
   ``RougeSettings.score`` cluster by cluster with ``fast`` and with ``rouge-score-rs``,
   ``RougeSettings.score_many`` over all clusters (one batch), and ``score_all`` with ``fast``
   on ``--workers`` processes; the peer is rouge-score's time plus the same splitting.

Prints one JSON object: seconds and speed-ups of each, the largest absolute difference of any
number from rouge-score's (0.0 when exact), and the peak traced memory of the default engine
scoring 1/4, 1/2 and all of the clusters one at a time, the sentence splitter's bounded memo
filled first (flat: nothing is kept per cluster).
"""

from __future__ import annotations

import argparse
import json
import os
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any

from rouge_score import rouge_scorer

from summarize import Budget, Lead
from summarize.evaluation.fast_rouge import FastRougeScore
from summarize.evaluation.rouge import RougeSettings, Scores, rs_available, score_all
from summarize.io import MultiNewsDataset
from summarize.text.sentences import _paragraph_sentences, _text_sentences, split_sentences

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
MEASURES = ("precision", "recall", "fmeasure")


def worst_difference(a: Sequence[Any], b: Sequence[Any]) -> float:
    """The largest absolute difference between two lists of scores (0.0: identical); either side may
    hold rouge-score's ``Score`` tuples or the toolkit's dicts."""
    def value(s: Any, k: str) -> float:
        return s[k] if isinstance(s, dict) else getattr(s, k)

    return max(abs(value(x[t], k) - value(y[t], k)) for x, y in zip(a, b, strict=True) for t in TYPES for k in MEASURES)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds and result of ``fn()``, the sentence splitter's memos emptied first (every peer splits afresh)."""
    _paragraph_sentences.cache_clear()
    _text_sentences.cache_clear()
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multinews", required=True, help="Multi-News JSONL (validation.jsonl)")
    ap.add_argument("--limit", type=int, default=None, help="first N clusters only")
    ap.add_argument("--workers", type=int, default=2, help="processes for the fast engine's parallel run")
    args = ap.parse_args()
    lead = Lead(budget=Budget(words=300), truncate_last=True)
    summaries, references = [], []
    for cluster in MultiNewsDataset(args.multinews, limit=args.limit):
        summaries.append(list(lead.summarize(cluster).sentences))
        references.append(list(cluster.references))

    # 1. the engines alone, on (reference, summary) texts already split into sentences
    split_s, targets = timed(lambda: ["\n".join(split_sentences(r, join_lowercase=False))
                                      for refs in references for r in refs])
    predictions = ["\n".join(s.strip() for s in summ) for summ, refs in zip(summaries, references, strict=True)
                   for _ in refs]
    pairs = list(zip(targets, predictions, strict=True))
    engine_s: dict[str, float] = {}
    engine_out: dict[str, list[Any]] = {}
    google = rouge_scorer.RougeScorer(TYPES, use_stemmer=True)
    engine_s["rouge-score"], engine_out["rouge-score"] = timed(lambda: [google.score(t, p) for t, p in pairs])
    ours = FastRougeScore(TYPES, stem=True)
    engine_s["fast"], engine_out["fast"] = timed(lambda: [ours.score(t, p) for t, p in pairs])
    if rs_available():
        from rouge_score_rs import rouge_scorer as rs_scorer

        rust = rs_scorer.RougeScorer(TYPES, use_stemmer=True)
        engine_s["rouge-score-rs"], engine_out["rouge-score-rs"] = timed(lambda: [rust.score(t, p) for t, p in pairs])
        engine_s["rouge-score-rs batch"], engine_out["rouge-score-rs batch"] = timed(
            lambda: rust.score_batch(targets, predictions))

    # 2. the toolkit's scoring API: split the references, score, mean over references
    fast = RougeSettings(types=tuple(TYPES), engine="fast")
    api_s: dict[str, float] = {"rouge-score (split + score)": split_s + engine_s["rouge-score"]}
    api_out: dict[str, list[Scores]] = {}
    api_s["fast"], api_out["fast"] = timed(
        lambda: [fast.score(s, r) for s, r in zip(summaries, references, strict=True)])
    if rs_available():
        rs = RougeSettings(types=tuple(TYPES), engine="rouge-score-rs")
        api_s["rouge-score-rs"], api_out["rouge-score-rs"] = timed(
            lambda: [rs.score(s, r) for s, r in zip(summaries, references, strict=True)])
        api_s["rouge-score-rs score_many"], api_out["rouge-score-rs score_many"] = timed(
            lambda: rs.score_many(summaries, references))
    api_s[f"fast {args.workers} workers"], api_out[f"fast {args.workers} workers"] = timed(
        lambda: score_all(summaries, references, fast, workers=args.workers))
    google_means: list[Scores] = []
    i = 0
    for refs in references:
        per_ref = engine_out["rouge-score"][i:i + len(refs)]
        i += len(refs)
        google_means.append({t: {k: sum(getattr(s[t], k) for s in per_ref) / len(per_ref) for k in MEASURES}
                             for t in TYPES})

    default = RougeSettings(types=tuple(TYPES))
    default.score_many(summaries, references)  # the splitter's memo (at most 8,192 paragraphs) filled first
    memory = {}
    for frac in (4, 2, 1):
        n = len(summaries) // frac
        tracemalloc.start()
        for s, r in zip(summaries[:n], references[:n], strict=True):
            default.score(s, r)
        memory[n] = tracemalloc.get_traced_memory()[1] // 1024
        tracemalloc.stop()

    def ratios(seconds: dict[str, float], base: str) -> dict[str, float]:
        return {name: round(seconds[base] / s, 1) for name, s in seconds.items() if name != base}

    engine_diff = {n: worst_difference(engine_out["rouge-score"], out)
                   for n, out in engine_out.items() if n != "rouge-score"}
    api_diff = {n: worst_difference(google_means, out) for n, out in api_out.items()}
    api_base = "rouge-score (split + score)"
    print(json.dumps({
        "clusters": len(summaries), "pairs": len(pairs), "cores": os.cpu_count(),
        "rayon_threads": os.environ.get("RAYON_NUM_THREADS", "all cores"),
        "default_engine": default.engine_used,
        "engines_seconds": {n: round(s, 3) for n, s in engine_s.items()},
        "engines_speedup_vs_rouge_score": ratios(engine_s, "rouge-score"),
        "engines_speedup_vs_fast": {n: r for n, r in ratios(engine_s, "fast").items() if n != "rouge-score"},
        "sentence_splitting_seconds": round(split_s, 3),
        "api_seconds": {n: round(s, 3) for n, s in api_s.items()},
        "api_speedup_vs_rouge_score": ratios(api_s, api_base),
        "max_abs_difference_vs_rouge_score": {"engines": engine_diff, "api": api_diff},
        "identical": all(d == 0.0 for d in [*engine_diff.values(), *api_diff.values()]),
        "peak_kib_by_clusters": memory,
    }, indent=1))


if __name__ == "__main__":
    main()
