"""The faithfulness guard before and after claim-level support, on one set of generated sentences.

Usage:
    python eval/guard_support.py generate --multinews ../shared/data/multinews/validation.jsonl \\
        --limit 200 --out generated.jsonl
    python eval/guard_support.py check --multinews ../shared/data/multinews/validation.jsonl \\
        --generated generated.jsonl --old-guard /tmp/old_guard.py [--cases cases.jsonl]

``generate`` runs the abstractive summarizer (default ``smollm2``, the settings of
``eval/abstractive.py``: 1,024 input tokens, 120 new tokens, greedy, ``--batch-size``, default 4) with the guard off
and writes each cluster's generated sentences, one JSON line a cluster, as it goes (a second
call resumes after the clusters already written). ``check`` then puts the same sentences
through two guards, the one in the working tree and an older one loaded from a file (e.g.
``git show HEAD~1:summarize/abstractive/guard.py > /tmp/old_guard.py``), and prints for each:
how many sentences it kept, replaced and dropped, the rate at which it fired, and ROUGE
(rouge-score F, 300 words, as ``eval/abstractive.py``) of the summaries it leaves. Generate
once, check twice: the guards see the very same sentences. ``--cases`` writes every sentence
the new guard fired on (with the old guard's verdict, the reason, the replacement) for reading.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from omegaconf import OmegaConf  # noqa: E402

from summarize.budget import as_budget, fit_to_budget  # noqa: E402
from summarize.registry import build, compose_config  # noqa: E402
from summarize.types import Cluster  # noqa: E402


def _config(args: argparse.Namespace) -> Any:
    return compose_config([f"summarizer={args.summarizer}", "summarizer.max_new_tokens=120",
                           "summarizer.max_input_tokens=1024", f"summarizer.batch_size={args.batch_size}",
                           "summarizer.guard=false",
                           "dataset=multinews", f"dataset.path={args.multinews}", f"dataset.limit={args.limit}",
                           "budget=words300", "verbose=false"])


def _clusters(cfg: Any) -> list[Cluster]:
    return list(build(cfg.dataset, "dataset"))


def generate(args: argparse.Namespace) -> None:
    """Generated sentences of each cluster, guard off, appended to ``args.out``."""
    cfg = _config(args)
    out = Path(args.out)
    done = {json.loads(line)["id"] for line in out.read_text().splitlines()} if out.exists() else set()
    todo = [c for c in _clusters(cfg) if c.id not in done]
    summarizer = build(cfg.summarizer, "summarizer", budget=as_budget({"words": 10_000}))
    t0 = time.perf_counter()
    with out.open("a", encoding="utf-8") as f:
        for k, summary in enumerate(summarizer.summarize_all(todo), 1):
            f.write(json.dumps({"id": summary.cluster_id, "generated": list(summary.sentences)}) + "\n")
            f.flush()
            print(f"{k}/{len(todo)} {time.perf_counter() - t0:.0f}s", file=sys.stderr, flush=True)


def _load_guard(path: str) -> Any:
    spec = importlib.util.spec_from_file_location("old_guard", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_guard"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.FaithfulnessGuard


def check(args: argparse.Namespace) -> None:
    """Both guards on the same generated sentences: decisions and ROUGE."""
    from summarize.abstractive.guard import FaithfulnessGuard
    from summarize.evaluation.scoreboard import Scoreboard
    from summarize.runner.run import make_scorer

    cfg = _config(args)
    generated = {r["id"]: r["generated"] for r in map(json.loads, Path(args.generated).read_text().splitlines())}
    clusters = [c for c in _clusters(cfg) if c.id in generated]
    budget = as_budget(OmegaConf.to_container(cfg.budget, resolve=True))  # type: ignore[arg-type]
    guards = {"old": _load_guard(args.old_guard)(action="replace"), "new": FaithfulnessGuard(action="replace")}
    boards = {name: Scoreboard(make_scorer(cfg, "english"), n_resamples=0) for name in ("none", *guards)}
    counts: dict[str, Counter[str]] = {name: Counter() for name in guards}
    credits: dict[str, Counter[int]] = {name: Counter() for name in guards}
    cases = []
    seconds = 0.0
    for c in clusters:
        sentences = generated[c.id]
        boards["none"].add([t for _, t in fit_to_budget(sentences, budget, truncate_last=True)], c.references)
        verdicts = {}
        for name, guard in guards.items():
            t0 = time.perf_counter()
            checks = guard.check(sentences, c.sentences)
            if name == "new":
                seconds += time.perf_counter() - t0
            verdicts[name] = checks
            kept = []
            for v in checks:
                counts[name][v.action] += 1
                if v.action == "dropped":
                    continue
                credits[name][len(v.sources)] += 1
                kept.append(v.replacement if v.action == "replaced" and v.replacement else v.sentence)
            boards[name].add([t for _, t in fit_to_budget(kept, budget, truncate_last=True)], c.references)
        for old, new in zip(verdicts["old"], verdicts["new"], strict=True):
            if new.action != "kept":
                cases.append({"cluster": c.id, "sentence": new.sentence, "new": new.action, "old": old.action,
                              "reason": getattr(new, "reason", ""), "missing": list(new.missing),
                              "replacement": new.replacement, "credited": list(new.sources)})
    n = sum(counts["new"].values())
    for name in ("none", *guards):
        row: dict[str, Any] = {"guard": name, "clusters": len(clusters),
                               **{t: round(100 * boards[name].metrics()[t]["fmeasure"], 2)
                                  for t in boards[name].scorer.types}}
        if name in counts:
            fired = n - counts[name]["kept"]
            row.update(sentences=n, **dict(counts[name]), fired_rate=round(fired / n, 4) if n else 0.0,
                       credited_documents=dict(sorted(credits[name].items())))
        print(json.dumps(row), flush=True)
    both = Counter((case["old"], case["new"]) for case in cases)
    print(json.dumps({"new_fired_by_old_verdict": {f"{o}->{w}": k for (o, w), k in sorted(both.items())},
                      "new_guard_seconds_per_cluster": round(seconds / max(len(clusters), 1), 3)}))
    if args.cases:
        Path(args.cases).write_text("".join(json.dumps(case) + "\n" for case in cases), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=("generate", "check"))
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--summarizer", default="smollm2")
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--out", default="generated.jsonl")
    ap.add_argument("--generated", default="generated.jsonl")
    ap.add_argument("--old-guard", default=None)
    ap.add_argument("--cases", default=None)
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    if args.step == "generate":
        generate(args)
    else:
        if not args.old_guard:
            ap.error("check needs --old-guard FILE")
        check(args)


if __name__ == "__main__":
    main()
