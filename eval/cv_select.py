"""Cross-validated selection of the recommended config over all development corpora (issue 17, item 3).

Usage:
    python eval/cv_select.py --duc ../shared/data/duc2003 --tac ../shared/data/tac2011-multiling \\
        --multinews ../shared/data/multinews/validation.jsonl --out eval/cv_select.json \\
        [--table eval/cv_select.md] [--work /tmp/cv_select] [--jobs 2] [--limit 300] \\
        [--tac-languages english french czech] [--folds 5] [--repeats 20] [--seed 0]

1. Every candidate (a whole configuration: ``experiment=duc`` plus the overrides in ``CANDIDATES``)
   and the lead baseline run once per corpus through ``summarize run`` (a subprocess each, ``--jobs``
   at a time; a run whose ``metrics.json`` is already in ``--work`` is reused):

   - DUC 2003, 100 words, ROUGE-1.5.5 recall (``eval=duc``: jackknife, stemmed, ``-l 100``);
   - TAC 2011 MultiLing, each of ``--tac-languages``, 250 words, the same DUC-mode settings with
     ``eval.word_limit=250`` (recall), as the ``experiment=duc`` TAC rows of ``eval/README.md``;
   - Multi-News validation, the first ``--limit`` clusters, ``clean=default``, 300 words, rouge-score F.

   Each run's ``per_cluster.jsonl`` gives R-1/R-2 per cluster; ``metrics.json`` the readability shares.
2. Within each corpus the clusters are split into ``--folds`` folds (a seeded permutation of the
   sorted cluster ids; ``--repeats`` seeds). For fold k, the rule picks the candidate with the best
   mean over corpora of (its mean R-2 on the corpus's training clusters / the lead baseline's mean
   R-2 on the same clusters), the training clusters being every corpus's clusters outside fold k,
   and that candidate is scored on fold k of every corpus. Per corpus, the cross-validated R-1/R-2
   is the mean over held-out clusters (each cluster held out once per repeat) of the candidate
   chosen without it, averaged over repeats.
3. Leave one corpus out: the rule on the other corpora's clusters, scored on the corpus left out.
4. The whole-data choice is the same rule on every cluster. Against today's config (``mmr``, i.e.
   ``experiment=duc`` as it is) it is shown with the paired per-cluster R-2 difference and a 95%
   bootstrap interval (seeded) per corpus.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

TODAY = "ilp_news"
NEWS = ["summarizer=ilp_news"]
# The candidates of the last selection (made before unigram concepts: ilp_news, MMR as it was,
# ilp, submodular, centroid, learned, textrank, ilp_news with position weight 0.5 / 2 or without
# corroboration; ilp_news was chosen in 79 of 100 training sets, position weight 2 in 21, nothing
# else ever) were cut to the two ever chosen, MMR and the unigram-weight settings.
CANDIDATES: dict[str, list[str]] = {
    "mmr": ["summarizer=mmr"],  # experiment=duc before it moved to ilp_news
    "ilp_news": [],  # experiment=duc as it is (summarizer=ilp_news)
    "ilp_news uni0": [*NEWS, "summarizer.unigram_weight=0.0"],
    "ilp_news uni0.25": [*NEWS, "summarizer.unigram_weight=0.25"],
    # ilp_news's position weight was 1 until the third round chose 2 (eval/cv_select.md)
    "ilp_news pw1": [*NEWS, "summarizer.position_weight=1.0"],
}
BASELINE = "lead"
BASELINE_OVERRIDES = ["summarizer=lead"]
QUIET = ["eval.bootstrap.resamples=0", "render=none", "progress=false", "verbose=false"]
HAZARDS = ("fragments", "dangling", "broken_quotes", "cut")


def corpora(args: argparse.Namespace) -> dict[str, tuple[list[str], str]]:
    """Corpus name -> (overrides on top of experiment=duc, the ROUGE statistic scored)."""
    out: dict[str, tuple[list[str], str]] = {"duc2003": ([f"dataset.path={args.duc}"], "recall")}
    for lang in args.tac_languages:
        out[f"tac_{lang}"] = (
            [
                "dataset=tac2011",
                f"dataset.path={args.tac}",
                f"dataset.language={lang}",
                "budget=words250",
                "eval.word_limit=250",
            ],
            "recall",
        )
    out["multinews"] = (
        [
            "dataset=multinews",
            f"dataset.path={args.multinews}",
            f"dataset.limit={args.limit}",
            "clean=default",
            "budget=words300",
            "eval=rouge",
        ],
        "fmeasure",
    )
    return out


def _slug(name: str) -> str:
    return name.replace(" ", "_").replace(".", "")


def run_one(work: Path, corpus: str, base: list[str], system: str, extra: list[str],
            experiment: str = "duc") -> Path:
    """Run ``summarize run experiment=<experiment>`` for one candidate on one corpus (or reuse a
    finished run); also used by ``eval/key_fact.py``."""
    out = work / corpus / _slug(system)
    if (out / "metrics.json").exists():
        return out
    cmd = [sys.executable, "-m", "summarize", "run", f"experiment={experiment}", *base, *extra, *QUIET,
           f"output_dir={out}"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{corpus}/{system} failed ({' '.join(cmd)}):\n{proc.stderr[-2000:]}")
    print(f"done {corpus:14s} {system}", flush=True)
    return out


def load(out: Path, stat: str) -> dict:
    rows = [json.loads(line) for line in (out / "per_cluster.jsonl").read_text(encoding="utf-8").splitlines() if line]
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    return {
        "clusters": {r["id"]: [round(r["rouge1"][stat], 6), round(r["rouge2"][stat], 6)] for r in rows if "rouge1" in r},
        "mean": [metrics["rouge1"][stat], metrics["rouge2"][stat]],
        "readability": metrics["readability"]["shares"],
        "signature": metrics["signature"],
    }


def choose(scores: dict[str, dict[str, np.ndarray]], masks: dict[str, np.ndarray]) -> str:
    """The candidate with the best mean over corpora of R-2 / lead R-2 on the masked clusters."""
    best, best_value = "", -np.inf
    for cand in CANDIDATES:  # dict order breaks ties: today's config first
        value = np.mean([scores[c][cand][masks[c], 1].mean() / scores[c][BASELINE][masks[c], 1].mean() for c in scores])
        if value > best_value + 1e-12:
            best, best_value = cand, value
    return best


def cross_validate(scores: dict[str, dict[str, np.ndarray]], folds: int, repeats: int, seed: int) -> dict:
    held = {c: np.zeros((repeats, 2)) for c in scores}
    counts = {cand: 0 for cand in CANDIDATES}
    for r in range(repeats):
        rng = np.random.default_rng(seed + r)
        fold_of = {c: rng.permutation(len(next(iter(s.values())))) % folds for c, s in scores.items()}
        sums = {c: np.zeros(2) for c in scores}
        for k in range(folds):
            cand = choose(scores, {c: fold_of[c] != k for c in scores})
            counts[cand] += 1
            for c in scores:
                sums[c] += scores[c][cand][fold_of[c] == k].sum(axis=0)
        for c in scores:
            held[c][r] = sums[c] / len(fold_of[c])
    return {
        "per_corpus": {
            c: {"rouge1": float(h[:, 0].mean()), "rouge2": float(h[:, 1].mean()), "rouge2_repeat_sd": float(h[:, 1].std())}
            for c, h in held.items()
        },
        "chosen": {k: v for k, v in counts.items() if v},
        "folds": folds * repeats,
    }


def paired_interval(a: np.ndarray, b: np.ndarray, seed: int, resamples: int = 10000) -> list[float]:
    d = a - b
    rng = np.random.default_rng(seed)
    means = d[rng.integers(0, len(d), size=(resamples, len(d)))].mean(axis=1)
    return [float(d.mean()), float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc", required=True)
    ap.add_argument("--tac", required=True)
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--out", required=True, help="results file (JSON)")
    ap.add_argument("--table", default=None, help="Markdown table (default: --out with .md)")
    ap.add_argument("--work", default="/tmp/cv_select", help="run folders (reused when finished)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--limit", type=int, default=300, help="Multi-News clusters (default 300)")
    ap.add_argument("--tac-languages", nargs="*", default=["english", "french", "czech"])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    work = Path(args.work)
    corp = corpora(args)
    systems = {**CANDIDATES, BASELINE: BASELINE_OVERRIDES}
    jobs = [(c, base, s, extra) for c, (base, _) in corp.items() for s, extra in systems.items()]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outs = list(pool.map(lambda j: run_one(work, *j), jobs))
    runs: dict[str, dict[str, dict]] = {c: {} for c in corp}
    for (c, _, s, _), out in zip(jobs, outs, strict=True):
        runs[c][s] = load(out, corp[c][1])
    scores: dict[str, dict[str, np.ndarray]] = {}
    for c, by_system in runs.items():
        ids = sorted(set.intersection(*(set(r["clusters"]) for r in by_system.values())))
        scores[c] = {s: np.array([r["clusters"][i] for i in ids]) for s, r in by_system.items()}
    cv = cross_validate(scores, args.folds, args.repeats, args.seed)
    # leave one corpus out: the rule on the other corpora's clusters, scored on the whole corpus left out
    loco = {}
    for held in scores:
        rest = {c: a for c, a in scores.items() if c != held}
        pick = choose(rest, {c: np.ones(len(next(iter(a.values()))), bool) for c, a in rest.items()})
        loco[held] = {
            "chosen": pick,
            "rouge1": float(scores[held][pick][:, 0].mean()),
            "rouge2": float(scores[held][pick][:, 1].mean()),
        }
    whole = choose(scores, {c: np.ones(len(next(iter(s.values()))), bool) for c, s in scores.items()})
    norm = {
        cand: {c: float(scores[c][cand][:, 1].mean() / scores[c][BASELINE][:, 1].mean()) for c in scores} for cand in systems
    }
    diffs = {
        c: {
            m: paired_interval(scores[c][whole][:, j], scores[c][TODAY][:, j], args.seed)
            for j, m in enumerate(("rouge1", "rouge2"))
        }
        for c in scores
    }
    results = {
        "protocol": {
            "folds": args.folds,
            "repeats": args.repeats,
            "seed": args.seed,
            "limit": args.limit,
            "tac_languages": args.tac_languages,
            "baseline": BASELINE,
            "today": TODAY,
            "statistic": {c: stat for c, (_, stat) in corp.items()},
        },
        "candidates": CANDIDATES,
        "in_sample": {
            c: {
                s: {"rouge1": float(a[:, 0].mean()), "rouge2": float(a[:, 1].mean()), "clusters": len(a)}
                for s, a in by.items()
            }
            for c, by in scores.items()
        },
        "normalised_r2": norm,
        "readability": {c: {s: r["readability"] for s, r in by.items()} for c, by in runs.items()},
        "signatures": {c: next(iter(by.values()))["signature"] for c, by in runs.items()},
        "cross_validated": cv,
        "leave_one_corpus_out": loco,
        "whole_data_choice": whole,
        "whole_vs_today": diffs,
        "per_cluster": {c: {s: r["clusters"] for s, r in by.items()} for c, by in runs.items()},
    }
    per_cluster = results.pop("per_cluster")  # one line per run, so the file stays readable
    text = (
        json.dumps(results, indent=1)[:-2]
        + ',\n "per_cluster": {\n'
        + ",\n".join(
            f"  {json.dumps(c)}: {{\n" + ",\n".join(f"   {json.dumps(s)}: {json.dumps(r)}" for s, r in by.items()) + "\n  }"
            for c, by in per_cluster.items()
        )
        + "\n }\n}\n"
    )
    json.loads(text)
    Path(args.out).write_text(text, encoding="utf-8")
    table = Path(args.table) if args.table else Path(args.out).with_suffix(".md")
    table.write_text(render(results, args), encoding="utf-8")
    print(
        f"whole-data choice: {whole}; cross-validated: "
        + ", ".join(f"{c} {100 * v['rouge1']:.2f}/{100 * v['rouge2']:.2f}" for c, v in cv["per_corpus"].items())
    )
    print(f"wrote {args.out} and {table}")


def render(res: dict, args: argparse.Namespace) -> str:
    cs = list(res["in_sample"])
    pct = lambda x: f"{100 * x:.2f}"  # noqa: E731
    lines = [
        "# Cross-validated selection of the recommended DUC config (issue 17, item 3)",
        "",
        "Made by `python eval/cv_select.py --duc ../shared/data/duc2003 --tac ../shared/data/tac2011-multiling "
        f"--multinews ../shared/data/multinews/validation.jsonl --limit {args.limit} --tac-languages "
        f"{' '.join(args.tac_languages)} --folds {args.folds} --repeats {args.repeats} --seed {args.seed} "
        "--out eval/cv_select.json`. Every run is `experiment=duc` plus the candidate's overrides; "
        "R-1 / R-2 x 100: DUC 2003 recall (100 words, ROUGE-1.5.5, jackknife), TAC 2011 recall (250 words, "
        f"the same DUC-mode settings, `-l 250`), Multi-News F (first {args.limit} validation clusters, "
        "`clean=default`, 300 words). norm: the mean over corpora of R-2 / lead R-2 (the selection rule).",
        "",
        "## In-sample (each candidate's mean on all clusters)",
        "",
        "| candidate | overrides | " + " | ".join(cs) + " | norm | frag / dangl / quote / cut % (worst corpus) |",
        "| --- | --- | " + " | ".join("---" for _ in cs) + " | --- | --- |",
    ]
    for s in [*res["candidates"], BASELINE]:
        cells = [f"{pct(res['in_sample'][c][s]['rouge1'])} / {pct(res['in_sample'][c][s]['rouge2'])}" for c in cs]
        norm = np.mean(list(res["normalised_r2"][s].values()))
        worst = [max(res["readability"][c][s][h] or 0.0 for c in cs) for h in HAZARDS]
        ov = " ".join(res["candidates"].get(s, BASELINE_OVERRIDES)) or "(experiment=duc as it is)"
        lines.append(
            f"| {s} | `{ov}` | "
            + " | ".join(cells)
            + f" | {norm:.4f} | "
            + " / ".join(f"{100 * w:.1f}" for w in worst)
            + " |"
        )
    cv = res["cross_validated"]
    lines += [
        "",
        f"## Cross-validated ({args.folds}-fold over clusters within each corpus, pooled across corpora, "
        f"{args.repeats} seeds)",
        "",
        "| | " + " | ".join(cs) + " |",
        "| --- | " + " | ".join("---" for _ in cs) + " |",
        "| selection rule, cross-validated | "
        + " | ".join(f"{pct(cv['per_corpus'][c]['rouge1'])} / {pct(cv['per_corpus'][c]['rouge2'])}" for c in cs)
        + " |",
        "| R-2 sd over seeds | " + " | ".join(pct(cv["per_corpus"][c]["rouge2_repeat_sd"]) for c in cs) + " |",
        f"| today (`{TODAY}`), no selection | "
        + " | ".join(
            f"{pct(res['in_sample'][c][TODAY]['rouge1'])} / {pct(res['in_sample'][c][TODAY]['rouge2'])}" for c in cs
        )
        + " |",
        "",
        f"Chosen in the {cv['folds']} training sets: "
        + ", ".join(f"`{k}` {v}" for k, v in sorted(cv["chosen"].items(), key=lambda kv: -kv[1]))
        + ".",
        "",
        f"Whole-data choice (the same rule on every cluster): `{res['whole_data_choice']}`. Its R-1 / R-2 minus "
        "today's (paired over clusters, mean and 95% bootstrap interval): "
        + "; ".join(
            f"{c} " + " / ".join(f"{pct(d[m][0])} [{pct(d[m][1])}, {pct(d[m][2])}]" for m in ("rouge1", "rouge2"))
            for c, d in res["whole_vs_today"].items()
        )
        + ".",
        "",
        "Leave one corpus out (the rule on the other corpora, scored on the whole corpus left out): "
        + "; ".join(
            f"{c} `{v['chosen']}` {pct(v['rouge1'])} / {pct(v['rouge2'])}" for c, v in res["leave_one_corpus_out"].items()
        )
        + ".",
        "",
        "Signatures: " + "; ".join(f"{c} `{s}`" for c, s in res["signatures"].items()),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
