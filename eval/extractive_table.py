"""Every extractive method on DUC 2003 and Multi-News validation, one table.

Usage:
    python eval/extractive_table.py --duc ../shared/data/duc2003 \\
        --multinews ../shared/data/multinews/validation.jsonl [--limit N] [--out eval/extractive.md]

DUC 2003: 100 words (last sentence cut as DUC does), ROUGE-1.5.5 recall (DUC mode, jackknife,
stemmed, stop words kept). Multi-News: 300 words, rouge-score F-measure (stemmed). Each run goes
through ``summarize run`` (the library call behind the command), so the numbers are the ones
the command prints. Writes a Markdown table with the settings signatures and the seconds per run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarize.registry import extractive_summarizers  # noqa: E402
from summarize.runner.run import run_overrides  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc", required=True)
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--limit", type=int, default=None, help="Multi-News clusters (default: all)")
    ap.add_argument("--methods", nargs="*", default=None)
    ap.add_argument("--out", default=str(ROOT / "eval" / "extractive.md"))
    args = ap.parse_args()
    methods = args.methods or extractive_summarizers()
    rows = []
    signatures: dict[str, str] = {}
    for m in methods:
        duc, t_duc = run_overrides([f"summarizer={m}", "dataset=duc", f"dataset.path={args.duc}", "budget=words100",
                           "eval=duc", "summarizer.truncate_last=true", "summarizer.order=chronological"])
        mn_over = [f"summarizer={m}", "dataset=multinews", f"dataset.path={args.multinews}", "budget=words300",
                   "eval=rouge", "summarizer.truncate_last=true"]
        if args.limit:
            mn_over.append(f"dataset.limit={args.limit}")
        mn, t_mn = run_overrides(mn_over)
        signatures["DUC 2003"] = duc["signature"]
        signatures["Multi-News"] = mn["signature"]
        row = (m, 100 * duc["rouge1"]["recall"], 100 * duc["rouge2"]["recall"], 100 * duc["rougeSU4"]["recall"], t_duc,
               100 * mn["rouge1"]["fmeasure"], 100 * mn["rouge2"]["fmeasure"], 100 * mn["rougeLsum"]["fmeasure"], t_mn,
               mn["n_scored"])
        rows.append(row)
        print("%-20s DUC R1=%.2f R2=%.2f SU4=%.2f (%.1fs) | MN R1F=%.2f R2F=%.2f RLsumF=%.2f (%.1fs, %d)" % row,
              flush=True)
    lines = [
        "# Extractive methods: DUC 2003 and Multi-News validation",
        "",
        "Made by `python eval/extractive_table.py --duc ../shared/data/duc2003 --multinews "
        "../shared/data/multinews/validation.jsonl`. Every method runs with the shared base class "
        "(budget, cross-document redundancy, ordering, provenance); `lead` with `truncate_last` and a "
        "300-word budget is the first-300-words baseline; `oracle` is a greedy ROUGE-2 upper bound that "
        "reads the references.",
        "",
        "| method | DUC R-1 R | DUC R-2 R | DUC SU4 R | DUC s | MN R-1 F | MN R-2 F | MN R-Lsum F | MN s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append("| %s | %.2f | %.2f | %.2f | %.1f | %.2f | %.2f | %.2f | %.1f |" % r[:9])
    # the recommended configs, each on its own corpus, exactly as documented
    duc, _ = run_overrides(["experiment=duc", f"dataset.path={args.duc}"])
    mn, _ = run_overrides(["experiment=multinews", f"dataset.path={args.multinews}"]
                 + ([f"dataset.limit={args.limit}"] if args.limit else []))
    lines += ["", "Recommended configs, run as documented:", "",
              f"- `summarize run experiment=duc dataset.path=<duc>`: R-1/R-2/SU4 recall "
              f"{100 * duc['rouge1']['recall']:.2f} / {100 * duc['rouge2']['recall']:.2f} / "
              f"{100 * duc['rougeSU4']['recall']:.2f}",
              f"- `summarize run experiment=multinews dataset.path=<jsonl>` (cleaning + `learned`): R-1/R-2/R-Lsum F "
              f"{100 * mn['rouge1']['fmeasure']:.2f} / {100 * mn['rouge2']['fmeasure']:.2f} / "
              f"{100 * mn['rougeLsum']['fmeasure']:.2f}. `learned` was fitted on this file, so its Multi-News "
              "numbers are in-sample; its 5-fold cross-validated numbers (clusters not used in fitting) are "
              "printed by `eval/train_salience.py` and stored in the model's `about`."]
    lines += ["", f"Multi-News clusters scored: {rows[0][9] if rows else 0}.", "", "Signatures:"]
    lines += [f"- {k}: `{v}`" for k, v in signatures.items()]
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
