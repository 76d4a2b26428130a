"""The concept ILP as published and its news variants, on the three development corpora.

Usage:
    python eval/ilp_variants.py --duc ../shared/data/duc2003 --tac ../shared/data/tac2011-multiling \\
        --multinews ../shared/data/multinews/validation.jsonl --out ilp_variants.json \\
        [--table eval/ilp_variants.md] [--limit 300] [--variants published tiebreak ...]

Each variant is ``summarizer=ilp`` plus the overrides below, run through ``summarize run`` (the
library call behind the command) on:

- DUC 2003, 100 words, ROUGE-1.5.5 recall (``dataset=duc eval=duc``: jackknife, stemmed);
- TAC 2011 MultiLing English, 250 words, the pilot's published ROUGE settings (``eval=tac2011``), F;
- Multi-News validation, the first ``--limit`` clusters, ``experiment=multinews summarizer=ilp``
  (cleaned input, raw sentences, 300 words), rouge-score F.

The same settings on every corpus: a variant is kept only if it helps on all of them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from summarize.runner.run import run_overrides

TIE, POS, CORR = "summarizer.position_tiebreak=true", "summarizer.position_weight=1.0", "summarizer.corroboration=1.0"
VARIANTS: dict[str, list[str]] = {
    "published": [],
    "tiebreak": [TIE],
    "prior (lead 1)": [POS],
    "prior (lead 3)": [POS, "summarizer.lead_sentences=3"],
    "corroboration": [CORR],
    "tiebreak + prior": [TIE, POS],
    "tiebreak + prior (lead 3)": [TIE, POS, "summarizer.lead_sentences=3"],
    "tiebreak + prior + corroboration": [TIE, POS, CORR],
    "tiebreak + prior (lead 3) + corroboration": [TIE, POS, "summarizer.lead_sentences=3", CORR],
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc", required=True)
    ap.add_argument("--tac", required=True)
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--limit", type=int, default=300, help="Multi-News clusters (default 300)")
    ap.add_argument("--out", required=True, help="results file (JSON)")
    ap.add_argument("--table", default=str(Path(__file__).resolve().parent / "ilp_variants.md"))
    ap.add_argument("--variants", nargs="*", default=list(VARIANTS), choices=list(VARIANTS))
    args = ap.parse_args()
    corpora = {
        "duc": (["summarizer=ilp", "dataset=duc", f"dataset.path={args.duc}", "eval=duc"], "recall"),
        "tac": (["summarizer=ilp", "dataset=tac2011", f"dataset.path={args.tac}", "dataset.language=english",
                 "budget=words250", "eval=tac2011"], "fmeasure"),
        "multinews": (["experiment=multinews", "summarizer=ilp", f"dataset.path={args.multinews}",
                       f"dataset.limit={args.limit}"], "fmeasure"),
    }
    results: dict = {"variants": {v: VARIANTS[v] for v in args.variants}, "scores": {}, "signatures": {}}
    for v in args.variants:
        row = {}
        for corpus, (base, stat) in corpora.items():
            metrics, seconds = run_overrides([*base, *VARIANTS[v]])
            results["signatures"][corpus] = metrics["signature"]
            row[corpus] = {"rouge1": metrics["rouge1"][stat], "rouge2": metrics["rouge2"][stat], "seconds": seconds}
        results["scores"][v] = row
        print(f"{v:45s} " + "  ".join(f"{c} {100 * r['rouge1']:.2f}/{100 * r['rouge2']:.2f}" for c, r in row.items()),
              flush=True)
    Path(args.out).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    base = results["scores"].get("published")
    lines = [
        "# Concept ILP: as published and the news variants",
        "",
        "Made by `python eval/ilp_variants.py --duc ../shared/data/duc2003 --tac ../shared/data/tac2011-multiling "
        f"--multinews ../shared/data/multinews/validation.jsonl --limit {args.limit} --out <results.json>`. "
        "R-1 / R-2 (x 100): DUC 2003 recall (100 words, ROUGE-1.5.5, jackknife), TAC 2011 English F (250 words, "
        "the published MultiLing settings), Multi-News F (first "
        f"{args.limit} validation clusters, `experiment=multinews summarizer=ilp`). Δ R-2: against `published`.",
        "",
        "| variant | overrides | DUC 2003 | TAC 2011 en | Multi-News | Δ R-2 DUC / TAC / MN |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for v, row in results["scores"].items():
        cells = [f"{100 * row[c]['rouge1']:.2f} / {100 * row[c]['rouge2']:.2f}" for c in corpora]
        delta = "" if base is None else " / ".join(f"{100 * (row[c]['rouge2'] - base[c]['rouge2']):+.2f}" for c in corpora)
        lines.append(f"| {v} | `{' '.join(VARIANTS[v]) or '(none)'}` | " + " | ".join(cells) + f" | {delta} |")
    lines += ["", "Signatures: " + "; ".join(f"{c} `{s}`" for c, s in results["signatures"].items()), ""]
    Path(args.table).write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out} and {args.table}")


if __name__ == "__main__":
    main()
