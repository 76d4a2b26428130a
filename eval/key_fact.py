"""Does the digest open with the news? The key fact's choice measured against human references.

Usage: python eval/key_fact.py --duc ../shared/data/duc2003
           [--multinews ../shared/data/multinews/validation.jsonl --limit 300]
           [--tac ../shared/data/tac2011-multiling] [--work /tmp/key_fact]
           [--variant NAME=OVERRIDE,OVERRIDE ...]

``experiment=digest`` (``mmr_digest``: ``key_fact: select``) opens every summary with the event's
key fact. A reader judges an opener by whether it says what happened; the references say it
too, mostly in their first sentence. For each corpus and variant the script runs
``summarize run experiment=digest`` (a process each, into ``--work``; a finished run is reused)
and prints, per variant:

- **opener vs first**: ROUGE-1 F and ROUGE-2 recall (rouge-score, stemmed, x 100) of the
  summary's first sentence against each reference's first sentence, the best reference taken,
  averaged over clusters;
- **opener vs reference**: ROUGE-1 precision of the first sentence against the whole references
  (how much of what it says the people who wrote them kept);
- **lead share**: the share of openers that are the first sentence of one of the documents;
- **summary**: the whole summary's ROUGE-1 / ROUGE-2 (DUC and TAC: recall, ROUGE-1.5.5 settings;
  Multi-News: F), as ``metrics.json`` has it: what a variant costs as a summary.

Variants are overrides on the command line of ``summarize run`` (``+`` for settings the config
does not name), e.g. ``--variant early=+summarizer.key_earliness=0.5``; ``base`` (no override)
is always run.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from cv_select import run_one  # eval/: the run-or-reuse of the cross-validated protocol
from rouge_score import rouge_scorer

from summarize.io import DucDataset, MultiNewsDataset, TacMultilingDataset
from summarize.text.sentences import split_sentences


def corpora(args: argparse.Namespace) -> dict[str, tuple[list[str], object]]:
    """Corpus name -> (dataset overrides of ``summarize run``, its reader for leads and references)."""
    out: dict[str, tuple[list[str], object]] = {}
    if args.duc:
        out["duc2003"] = (["dataset=duc", f"dataset.path={args.duc}", "eval=duc"], DucDataset(args.duc))
    if args.tac:
        out["tac_english"] = (["dataset=tac2011", f"dataset.path={args.tac}", "dataset.language=english",
                               "eval=tac2011"], TacMultilingDataset(args.tac, language="english"))
    if args.multinews:
        out["multinews"] = (["dataset=multinews", f"dataset.path={args.multinews}", f"dataset.limit={args.limit}",
                             "eval=rouge"], MultiNewsDataset(args.multinews, limit=args.limit))
    return out


def _summary_scores(metrics: dict) -> tuple[float, float]:
    """ROUGE-1 / ROUGE-2 of the run as metrics.json reports it: recall under ROUGE-1.5.5
    settings (DUC, TAC), F under rouge-score (Multi-News)."""
    stat = "recall" if metrics["signature"].startswith("rouge155") else "fmeasure"
    return 100 * float(metrics["rouge1"][stat]), 100 * float(metrics["rouge2"][stat])


def measure(out: Path, clusters: dict, language: str) -> dict[str, float]:
    preds = [json.loads(line) for line in (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines() if line]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    first_r1, first_r2, prec, lead = [], [], [], []
    for p in preds:
        cluster = clusters.get(p["id"])
        if cluster is None or not p["summary"] or not cluster.references:
            continue
        opener = p["summary"][0]
        firsts = [(split_sentences(r, language) or [r])[0] for r in cluster.references]
        pairs = [scorer.score(f, opener) for f in firsts]
        first_r1.append(max(s["rouge1"].fmeasure for s in pairs))
        first_r2.append(max(s["rouge2"].recall for s in pairs))
        prec.append(max(scorer.score(r, opener)["rouge1"].precision for r in cluster.references))
        leads = {d.sentences[0].text.strip() for d in cluster.documents if d.sentences}
        lead.append(opener.strip() in leads)
    return {"clusters": len(first_r1), "first_r1_f": 100 * np.mean(first_r1), "first_r2_r": 100 * np.mean(first_r2),
            "opener_r1_p": 100 * np.mean(prec), "lead_share": 100 * np.mean(lead)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duc")
    parser.add_argument("--tac")
    parser.add_argument("--multinews")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--work", default="/tmp/key_fact")
    parser.add_argument("--variant", action="append", default=[], help="NAME=OVERRIDE[,OVERRIDE...]")
    args = parser.parse_args()
    variants = {"base": []}
    for v in args.variant:
        name, _, overrides = v.partition("=")
        variants[name] = [o for o in overrides.split(",") if o]
    work = Path(args.work)
    print("| corpus | variant | clusters | opener vs first R-1 F | opener vs first R-2 R | opener R-1 P "
          "| lead share % | summary R-1 / R-2 |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for corpus, (base, dataset) in corpora(args).items():
        clusters = {c.id: c for c in dataset}
        language = next(iter(clusters.values())).language if clusters else "english"
        for name, extra in variants.items():
            out = run_one(work, corpus, base, name, extra, experiment="digest")
            m = measure(out, clusters, language)
            metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
            r1, r2 = _summary_scores(metrics)
            print(f"| {corpus} | {name} | {m['clusters']} | {m['first_r1_f']:.2f} | {m['first_r2_r']:.2f} "
                  f"| {m['opener_r1_p']:.2f} | {m['lead_share']:.1f} | {r1:.2f} / {r2:.2f} |", flush=True)


if __name__ == "__main__":
    main()
