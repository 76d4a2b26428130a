"""``summarize compare``: a table and a plot comparing runs, with intervals and paired tests.

Each run folder holds ``metrics.json`` and ``per_cluster.jsonl`` (as ``summarize run`` and
``summarize eval`` write them); a multirun folder is searched for them. Systems are compared
on the clusters they all scored; p-values come from a paired bootstrap and from approximate
randomization against the baseline, both seeded. Beside ROUGE the table shows each run's
readability hazards (:mod:`summarize.evaluation.readability`) over the clusters all runs share:
``frag%``, ``dangl%``, ``quote%``, ``cut%`` and ``2+ outlets%``; runs without references compare on
those alone.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import numpy as np

from summarize.errors import ConfigError, InputError
from summarize.evaluation.readability import COLUMNS, Readability
from summarize.evaluation.stats import approximate_randomization, bootstrap_ci, paired_bootstrap
from summarize.runner.output import AtomicFile

MEASURES = ("fmeasure", "recall", "precision")


def find_runs(paths: list[str]) -> list[Path]:
    """Run folders among ``paths``: each path itself, or its sub-folders, holding metrics.json."""
    runs: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"compare: no such folder: {p}")
        if (p / "metrics.json").is_file():
            runs.append(p)
            continue
        found = sorted({m.parent for m in p.glob("**/metrics.json")}, key=lambda d: (len(d.parts), str(d)))
        if not found:
            raise InputError(f"compare: {p} holds no metrics.json (not a run or multirun folder)")
        runs.extend(found)
    return runs


def _load(run: Path) -> tuple[str, dict[str, Any], dict[str, dict[str, Any]]]:
    """A run's ``metrics.json`` and ``per_cluster.jsonl``; a one-line :class:`InputError` for files
    that are missing, not UTF-8 JSON, nested too deeply, or not the objects a run writes."""
    from summarize.io.jsonl import loads

    def read(name: str) -> str:
        try:
            return (run / name).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"compare: {run} lacks {name}") from None
        except UnicodeDecodeError:
            raise InputError(f"compare: {run / name}: not UTF-8 text (not a file a run writes)") from None
        except OSError as e:
            raise InputError(f"compare: {run / name}: cannot read: {e.strerror or e}") from None

    def unreadable(where: str, why: str) -> InputError:
        return InputError(f"compare: {run}: unreadable run files ({where}: {why})")

    metrics = loads(read("metrics.json"), f"compare: {run / 'metrics.json'}")
    if not isinstance(metrics, dict):
        raise unreadable("metrics.json", f"expected a JSON object, got {type(metrics).__name__}")
    if not isinstance(metrics.get("types", []), list) or not all(isinstance(t, str) for t in metrics.get("types", [])):
        raise unreadable("metrics.json", "'types' is not a list of names")
    rows = {}
    for number, line in enumerate(read("per_cluster.jsonl").splitlines(), start=1):
        if line.strip():
            where = f"per_cluster.jsonl:{number}"
            obj = loads(line, f"compare: {run / where}", lines=True)
            if not isinstance(obj, dict) or "id" not in obj:
                raise unreadable(where, "expected a JSON object with an 'id'")
            rows[str(obj["id"])] = obj
    system = metrics.get("system")
    return (" ".join(str(system).split()) if system else run.name), metrics, rows


def _score(rows: dict[str, dict[str, Any]], i: str, t: str, metric: str, name: str) -> float:
    """One cluster's score of a run, checked: a number in [0, 1]."""
    value = rows[i][t].get(metric) if isinstance(rows[i][t], dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise InputError(f"compare: {name}: per_cluster.jsonl: cluster {i!r}: {t} {metric} is {value!r}, "
                         f"not a score in [0, 1]")
    return float(value)


def _cell(text: str) -> str:
    """A system's name in a Markdown table cell: literal Markdown (:func:`summarize.render.markdown.escape`),
    ``|`` as an entity (a backslash before it would itself be escaped), on one line."""
    from summarize.render.markdown import escape

    return escape(" ".join(str(text).split()).replace("|", "&#124;"))


def _code(text: str) -> str:
    """A code span that nothing in ``text`` can close (:func:`summarize.render.markdown.code`), on one line."""
    from summarize.render.markdown import code

    return code(" ".join(str(text).split()))


def compare(paths: list[str], *, baseline: str | None = None, metric: str = "fmeasure",
            output_dir: str | None = None, seed: int = 12345, n_resamples: int = 1000) -> dict[str, Any]:
    """Compare runs; writes ``compare.md``, ``compare.csv``, ``compare.png`` and ``compare.svg``.

    Args:
        paths: run folders or multirun folders.
        baseline: the system every other is tested against (default: the first run).
        metric: ``fmeasure``, ``recall`` or ``precision``.
        output_dir: where the files go (default: the single folder given, else ``./comparison``).
        seed: seed of the bootstrap and randomization tests.
        n_resamples: samples of each test.

    Returns:
        The table as a dict: ``{"rows": [...], "types": [...], "baseline": ..., "clusters": N}``.
    """
    if metric not in MEASURES:
        raise ConfigError(f"compare: unknown metric {metric!r}; expected one of {', '.join(MEASURES)}")
    runs = find_runs(paths)
    loaded = [_load(r) for r in runs]
    names: list[str] = []
    for (name, _, _), run in zip(loaded, runs, strict=True):
        names.append(name if name not in names else f"{name} ({run.name})")
    signatures = {m.get("signature") for _, m, _ in loaded}
    if len(signatures) > 1:
        raise InputError("compare: the runs were scored with different settings: " + "; ".join(
            sorted(str(s) for s in signatures)))
    common = set.intersection(*(set(rows) for _, _, rows in loaded))
    if not common:
        raise InputError("compare: the runs share no cluster")
    every = sorted(common)  # readability is compared on every shared cluster, ROUGE on the scored ones
    wanted = list(loaded[0][1].get("types", []))
    ids = [i for i in every if wanted and all(t in rows[i] for _, _, rows in loaded for t in wanted)]
    types = wanted if ids else []
    if not ids and not all("readability" in rows[i] for _, _, rows in loaded for i in every):
        raise InputError("compare: the runs share no scored cluster")
    base = baseline or names[0]
    if base not in names:
        raise ConfigError(f"compare: unknown baseline {base!r}; expected one of {', '.join(names)}")
    scores = {name: {t: np.array([_score(rows, i, t, metric, name) for i in ids]) for t in types}
              for name, (_, _, rows) in zip(names, loaded, strict=True)}
    table_rows = []
    for name, (_, _, run_rows) in zip(names, loaded, strict=True):
        row: dict[str, Any] = {"system": name, "readability": _readability(run_rows, every, name)}
        for t in types:
            values = scores[name][t]
            low, high = bootstrap_ci(values, seed=seed, n_resamples=n_resamples)
            row[t] = {"mean": float(values.mean()), "low": low, "high": high}
            if name != base:
                row[t]["p_bootstrap"] = paired_bootstrap(values, scores[base][t], seed=seed, n_resamples=n_resamples)
                row[t]["p_randomization"] = approximate_randomization(values, scores[base][t], seed=seed,
                                                                      n_resamples=n_resamples)
        table_rows.append(row)
    result = {"rows": table_rows, "types": types, "baseline": base, "metric": metric, "clusters": len(ids),
              "readability_clusters": len(every),
              "signature": next(iter(signatures)), "seed": seed, "resamples": n_resamples}
    if output_dir is not None and not str(output_dir).strip():
        raise ConfigError("compare: output_dir is empty; give a folder, e.g. output_dir=runs/comparison")
    out = Path(output_dir) if output_dir else (runs[0].parent if len(paths) == 1 and runs[0] != Path(paths[0])
                                                  else Path(paths[0]) if len(paths) == 1 else Path("comparison"))
    try:
        _write(out, result)
    except OSError as e:  # a file in the way, a read-only folder, a full disk
        where = f"{e.filename}: " if e.filename else ""
        raise InputError(f"compare: cannot write the outputs: {where}{e.strerror or e}") from None
    result["output_dir"] = str(out)
    return result


def _readability(rows: dict[str, dict[str, Any]], ids: list[str], name: str = "") -> dict[str, float | None] | None:
    """The run's hazard shares over ``ids`` (counts summed, then divided), or ``None`` for runs
    written before readability was measured."""
    if not all("readability" in rows[i] for i in ids):
        return None
    total = Readability()
    for i in ids:
        try:
            total = total + Readability.from_dict(rows[i]["readability"])
        except (TypeError, ValueError, AttributeError, OverflowError):
            raise InputError(f"compare: {name}: per_cluster.jsonl: cluster {i!r}: 'readability' is not the counts a run "
                             f"writes ({str(rows[i]['readability'])[:80]})") from None
    return total.shares()


def _mark(row: dict[str, Any]) -> str:
    p = row.get("p_randomization")
    if p is None:
        return ""
    return "**" if p < 0.01 else "*" if p < 0.05 else ""


def _write(out: Path, result: dict[str, Any]) -> None:
    types, metric = result["types"], result["metric"]
    md = [f"# Comparison ({metric} x 100, {result['clusters']} clusters)", "",
          f"Baseline: {_code(result['baseline'])}. 95% bootstrap intervals; p-values of the paired difference "
          "with the baseline: paired bootstrap / approximate randomization "
          f"({result['resamples']} samples, seed {result['seed']}); * p < 0.05, ** p < 0.01 (randomization). "
          f"Readability hazards (% of summary sentences, on {result['readability_clusters']} clusters; "
          "2+ outlets%: of the sentences of clusters with 2+ outlets; see the README): "
          "lower is better, except 2+ outlets%.", "",
          "| system | " + " | ".join([*types, *COLUMNS.values()]) + " |",
          "| --- |" + " --- |" * (len(types) + len(COLUMNS))]
    for row in result["rows"]:
        cells = []
        for t in types:
            c = row[t]
            cell = f"{100 * c['mean']:.2f} [{100 * c['low']:.2f}, {100 * c['high']:.2f}]"
            if "p_bootstrap" in c:
                cell += f" p={c['p_bootstrap']:.3f}/{c['p_randomization']:.3f}{_mark(c)}"
            cells.append(cell)
        shares = row.get("readability") or {}
        cells += ["-" if shares.get(key) is None else f"{100 * shares[key]:.1f}" for key in COLUMNS]
        md.append(f"| {_cell(row['system'])} | " + " | ".join(cells) + " |")
    md += ["", f"Signature: {_code(str(result['signature']))}"]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["system", "type", "metric", "mean", "low", "high", "p_bootstrap", "p_randomization"])
    for row in result["rows"]:
        for t in types:
            c = row[t]
            writer.writerow([row["system"], t, metric, f"{c['mean']:.6f}", f"{c['low']:.6f}", f"{c['high']:.6f}",
                             c.get("p_bootstrap", ""), c.get("p_randomization", "")])
        shares = row.get("readability") or {}
        for key, column in COLUMNS.items():  # readability hazards: the share in percent, no interval
            if shares.get(key) is not None:
                writer.writerow([row["system"], column, "percent", f"{100 * shares[key]:.6f}", "", "", "", ""])
    out.mkdir(parents=True, exist_ok=True)
    with AtomicFile(out / "compare.md") as f:
        f.write("\n".join(md) + "\n")
    with AtomicFile(out / "compare.csv") as f:
        f.write(buf.getvalue())
    _plot(out, result)


def _plot(out: Path, result: dict[str, Any]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    types, rows = result["types"], result["rows"]
    fig, ax = plt.subplots(figsize=(max(6.0, 1.2 * len(rows) * len(types) / 2 + 3), 4))
    width = 0.8 / max(len(rows), 1)
    x = np.arange(len(types))
    for k, row in enumerate(rows):
        means = [100 * row[t]["mean"] for t in types]
        err = [[100 * (row[t]["mean"] - row[t]["low"]) for t in types],
               [100 * (row[t]["high"] - row[t]["mean"]) for t in types]]
        ax.bar(x + k * width - 0.4 + width / 2, means, width, yerr=err, capsize=3, label=row["system"])
    ax.set_xticks(x, types)
    ax.set_ylabel(f"{result['metric']} x 100")
    ax.set_title(f"{result['clusters']} clusters, 95% bootstrap intervals")
    ax.legend(fontsize="small")
    fig.tight_layout()
    try:
        for suffix in ("png", "svg"):
            tmp = out / f".compare.{suffix}.tmp"
            try:
                fig.savefig(tmp, format=suffix, dpi=120)
                tmp.replace(out / f"compare.{suffix}")
            finally:
                tmp.unlink(missing_ok=True)
    finally:
        plt.close(fig)


def compare_cli(args: list[str]) -> int:
    """``summarize compare DIR [DIR ...] [baseline=X] [metric=M] [output_dir=D] [seed=N]``."""
    options: dict[str, str] = {}
    paths = []
    for a in args:
        if "=" in a and a.split("=", 1)[0] in ("baseline", "metric", "output_dir", "seed", "resamples"):
            key, value = a.split("=", 1)
            options[key] = value
        elif a.startswith("-"):
            raise ConfigError(f"compare: unknown option {a!r}; use baseline=, metric=, output_dir=, seed=, resamples=")
        else:
            paths.append(a)
    if not paths:
        raise ConfigError("compare needs at least one run or multirun folder")
    try:
        seed, resamples = int(options.get("seed", 12345)), int(options.get("resamples", 1000))
    except ValueError:
        raise ConfigError("compare: seed and resamples must be integers") from None
    result = compare(paths, baseline=options.get("baseline"), metric=options.get("metric", "fmeasure"),
                     output_dir=options.get("output_dir"), seed=seed, n_resamples=resamples)
    n, k = len(result["rows"]), result["clusters"]
    sys.stdout.write(f"compared {n} system{'s' if n != 1 else ''} on {k} cluster{'s' if k != 1 else ''} "
                     f"(baseline {result['baseline']}); the table: {Path(result['output_dir']) / 'compare.md'} "
                     f"(also compare.csv, compare.png, compare.svg)\n")
    if k < 10:
        sys.stdout.write(f"note: {k} cluster{'s' if k != 1 else ''} are too few for the p-values and intervals "
                         f"to mean much\n")
    return 0
