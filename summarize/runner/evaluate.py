"""``summarize eval``: score any predictions file against a dataset's references."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

from omegaconf import DictConfig, OmegaConf

from summarize import __version__
from summarize.errors import ConfigError, InputError
from summarize.evaluation.readability import ReadabilityBoard
from summarize.evaluation.scoreboard import Scoreboard
from summarize.io.common import Dataset, existing_path
from summarize.io.jsonl import iter_jsonl
from summarize.registry import build
from summarize.runner.journal import PER_CLUSTER, RUN, lock_folder, read_prediction
from summarize.runner.output import AtomicFile, jsonl_line, write_json
from summarize.runner.run import (
    METRICS,
    bootstrap_options,
    format_metrics,
    make_scorer,
    output_dir,
    progress_bar,
)
from summarize.text.sentences import split_sentences


def read_predictions(path: Path, language: str) -> tuple[dict[str, list[str]], str, dict[str, list[list[str]]]]:
    """Predictions by cluster id (``{"id", "summary"}`` lines, summary a list or a string), the
    system's name, and each prediction's per-sentence source ids (``"sources"``, when given)."""
    preds: dict[str, list[str]] = {}
    sources: dict[str, list[list[str]]] = {}
    systems: set[str] = set()
    for number, obj in iter_jsonl(path):
        where = f"{path}:{number}"
        p = read_prediction(obj, where, split=lambda text: split_sentences(text, language, join_lowercase=False))
        if p.id in preds:
            raise InputError(f"{where}: cluster id {p.id!r} appears twice")
        preds[p.id] = list(p.summary)
        if p.sources is not None:
            sources[p.id] = [list(ids) for ids in p.sources]
        if p.system:
            systems.add(p.system)
    if not preds:
        raise InputError(f"{path}: no predictions")
    return preds, (systems.pop() if len(systems) == 1 else path.stem), sources


def _listing(ids: list[str]) -> str:
    shown = ", ".join(sorted(ids)[:10])
    return shown + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")


def evaluate(cfg: DictConfig) -> dict[str, Any]:
    """Score ``cfg.predictions`` against ``cfg.dataset``'s references with ``cfg.eval``.

    Writes ``per_cluster.jsonl`` and ``metrics.json`` (means with bootstrap bounds and the
    signature, and the readability hazards of :mod:`summarize.evaluation.readability`, measured
    against the dataset's documents as read, with the ``sources`` of the predictions when they
    have them). Every prediction must match a cluster and every cluster a prediction;
    otherwise a one-line error lists the ids that do not match, and nothing is written.
    """
    if not cfg.get("predictions"):
        raise ConfigError("predictions is not set; give predictions=<predictions.jsonl>")
    path = existing_path(cfg.predictions, "predictions")
    dataset: Dataset = build(cfg.dataset, "dataset")
    settings = make_scorer(cfg, dataset.language)
    if settings is None:
        raise ConfigError("eval=none scores nothing; choose eval=rouge or eval=duc")
    preds, system, sources = read_predictions(path, dataset.language)
    out = output_dir(cfg)
    if (out / RUN).exists():
        raise InputError(f"output_dir {out} holds the outputs of a summarize run (its run.json); give summarize eval "
                         "a folder of its own, or its metrics.json and per_cluster.jsonl would replace the run's")
    board = Scoreboard(settings, **bootstrap_options(cfg))
    hazards = ReadabilityBoard()
    seen: set[str] = set()
    no_refs: list[str] = []
    with ExitStack() as stack:
        out.mkdir(parents=True, exist_ok=True)
        lock = lock_folder(out)  # a run (or another eval) writing there: refused in one line
        if lock is not None:
            stack.callback(lock.close)
        per_cluster = stack.enter_context(AtomicFile(out / PER_CLUSTER))
        bar = stack.enter_context(progress_bar(cfg, dataset))
        for cluster in dataset:
            bar.update(1)
            seen.add(cluster.id)
            if cluster.id not in preds:
                continue
            if not cluster.references:
                no_refs.append(cluster.id)
                continue
            scores = board.add(preds[cluster.id], cluster.references)
            readability = hazards.add(preds[cluster.id], sources.get(cluster.id, []),
                                      {d.id: d for d in cluster.documents}, cluster.language)
            per_cluster.write(jsonl_line({"id": cluster.id, "system": system, **scores, "readability": readability}))
        unknown = [i for i in preds if i not in seen]
        missing = [i for i in seen if i not in preds]
        if unknown or missing:
            parts = []
            if unknown:
                parts.append(f"{len(unknown)} prediction id(s) not in the dataset: {_listing(unknown)}")
            if missing:
                parts.append(f"{len(missing)} cluster(s) without a prediction: {_listing(missing)}")
            raise InputError(f"{path}: ids do not match the dataset; " + "; ".join(parts))
        if no_refs:
            raise InputError(f"{len(no_refs)} cluster(s) have no references to score against: {_listing(no_refs)}")
        metrics: dict[str, Any] = {
            "system": system, "predictions": str(path), "dataset": dataset.name,
            "dataset_path": str(dataset.path), "language": dataset.language,
            "n_clusters": len(preds), "n_scored": board.n, "types": list(settings.types),
            **board.metrics(), "signature": board.signature(), "readability": hazards.metrics(),
            "version": __version__,
            "config": OmegaConf.to_container(cfg, resolve=True),
        }
        write_json(out / METRICS, metrics)
    if cfg.get("verbose", True):
        print(format_metrics(metrics))
        print(f"outputs in {out}")
    return metrics
