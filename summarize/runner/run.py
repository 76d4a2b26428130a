"""``summarize run``: read a dataset, summarize every cluster, score it, write the results."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from omegaconf import DictConfig, OmegaConf

from summarize import __version__
from summarize.budget import as_budget
from summarize.errors import ConfigError, InputError, require_bool
from summarize.evaluation.readability import ReadabilityBoard, format_line
from summarize.evaluation.scoreboard import Scoreboard, Scorer
from summarize.io.common import Dataset
from summarize.registry import build
from summarize.render import DigestMeta, Renderers, RenderItem, headline
from summarize.runner.journal import (
    PREDICTIONS,
    RUN,
    Done,
    RunFolder,
    fingerprint,
    input_key,
    prediction_record,
    read_prediction,
)
from summarize.runner.output import AtomicFile, staged, write_json
from summarize.runner.runners import LocalRunner, Runner
from summarize.runner.step import ClusterResult, Pipeline, PipelineSpec
from summarize.types import Cluster, Summary

log = logging.getLogger("summarize.run")

DIGEST = "digest.md"
ARCHIVE = "archive.sqlite"
METRICS = "metrics.json"


def output_dir(cfg: DictConfig) -> Path:
    """The run's output folder: ``output_dir`` if set, else Hydra's run folder."""
    if cfg.get("output_dir"):
        return Path(str(cfg.output_dir))
    try:
        from hydra.core.hydra_config import HydraConfig

        return Path(HydraConfig.get().runtime.output_dir)
    except ValueError:
        raise ConfigError("output_dir is not set (give output_dir=<folder>)") from None


def make_scorer(cfg: DictConfig, language: str) -> Scorer | None:
    """The scorer of the ``eval`` group (``mode: rouge`` or ``mode: duc``), or ``None`` when off."""
    ev = dict(OmegaConf.to_container(cfg.get("eval") or {}, resolve=True))  # type: ignore[arg-type]
    ev.pop("bootstrap", None)
    mode = ev.pop("mode", "rouge")
    if mode == "duc":
        known = {"max_n", "skip", "word_limit", "byte_limit", "stem", "multi_ref", "alpha", "lcs"}
        unknown = set(ev) - known
        if unknown:
            raise ConfigError(f"eval: unknown DUC-mode setting(s) {sorted(unknown)}; expected {', '.join(sorted(known))}")
        from summarize.evaluation.duc import DucSettings  # (each scorer's module loads when used)

        return DucSettings(**ev)
    if mode != "rouge":
        raise ConfigError(f"eval.mode must be rouge or duc, got {mode!r}")
    types = list(ev.get("types") or [])
    if not types:
        return None  # eval=none: the ROUGE module is never imported
    from summarize.evaluation.rouge import RougeSettings

    return RougeSettings(types=tuple(types), stem=bool(ev.get("stem", True)),
                         multi_ref=str(ev.get("multi_ref", "mean")), language=language,
                         engine=str(ev.get("engine", "auto")), truncate_words=ev.get("truncate_words"),
                         truncate_bytes=ev.get("truncate_bytes"))


def bootstrap_options(cfg: DictConfig) -> dict[str, Any]:
    """Seed, resamples and confidence of the bootstrap intervals (``eval.bootstrap``)."""
    bs = (cfg.get("eval") or {}).get("bootstrap") or {}
    try:
        return {"seed": int(bs.get("seed", 12345)), "n_resamples": int(bs.get("resamples", 1000)),
                "confidence": float(bs.get("confidence", 0.95))}
    except (TypeError, ValueError):
        raise ConfigError("eval.bootstrap: seed and resamples must be integers, confidence a number "
                          f"(got seed={bs.get('seed')!r}, resamples={bs.get('resamples')!r}, "
                          f"confidence={bs.get('confidence')!r})") from None


def make_renderers(cfg: DictConfig) -> Renderers:
    """The renderers of the ``render`` group (``render=markdown`` when the config has none)."""
    node = cfg.get("render")
    return build(node, "render") if node is not None else Renderers(["markdown"])


def open_archive(cfg: DictConfig, dataset: Dataset, out: Path) -> Any:
    """The digest archive (:class:`summarize.digest.archive.Archive`) the run records into, or ``None``.

    ``archive=auto`` (the default) is ``<output_dir>/archive.sqlite`` for a day's articles
    (``dataset=day``, what ``summarize digest`` reads; without ``output_dir``, Hydra's new dated
    folder ``outputs/<day>/<time>`` each run, it is ``outputs/archive.sqlite``, shared by those
    runs) and no archive for other datasets;
    ``archive=<file>`` records any run there; ``archive=null`` (or ``false``, ``none``) records nothing.
    """
    value = cfg.get("archive", "auto")
    if value is None or value is False or str(value).strip().lower() in ("", "none", "null", "false", "off"):
        return None
    if value is True:
        value = "auto"
    if str(value) == "auto":
        if dataset.name != "day":
            return None
        value = out / ARCHIVE
        if cfg.get("output_dir") is None and out.parent.parent.name == "outputs":
            # Hydra's dated folder (outputs/<day>/<time>, a new one every run): the archive is the
            # one every such run in this folder shares, so the next day's digest finds today's events
            value = out.parent.parent / ARCHIVE
    from summarize.digest.archive import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS, Archive, digest_day

    f = cfg.get("follow_up") or {}
    return Archive(Path(str(value)), day=digest_day(getattr(dataset, "date", None)),
                   threshold=f.get("threshold", DEFAULT_THRESHOLD), window_days=f.get("window_days", DEFAULT_WINDOW_DAYS),
                   embeddings=f.get("embeddings", "wordllama"))


def make_runner(cfg: DictConfig) -> Runner:
    """The runner of the ``runner`` group (``runner=local`` when the config has none)."""
    node = cfg.get("runner")
    return build(node, "runner") if node is not None else LocalRunner()


#: keys of a run's configuration that say how it ran, not what it wrote (left out of metrics.json,
#: so every runner, and a resumed run, write the same file)
HOW = ("runner", "progress", "resume", "fail_fast")


def run(cfg: DictConfig) -> dict[str, Any]:
    """Run one configured experiment and write its outputs.

    A loop over one pure step (:meth:`summarize.runner.step.Pipeline.process`: clean, the
    archive's follow-up filter, summarize, credit, score), driven by the ``runner`` group (this
    process, worker processes or Ray), each result handed to the sinks: the journal of
    predictions, the scoreboards, the renderers, the archive. Writes ``predictions.jsonl`` (one
    line a cluster: id, summary sentences, system, sources), the digest in the formats of the
    ``render`` group (``digest.md``, ``digest.html``, ``digest.json``: see :mod:`summarize.render`),
    ``per_cluster.jsonl`` (ROUGE and readability hazards per cluster), ``metrics.json`` (macro
    means with their signature), ``cleaning.jsonl`` (with ``clean``), ``failed.jsonl`` (clusters
    whose summarizer raised, when any) and ``run.json`` into the output folder. Clusters stream
    through (memory grows only by a few numbers and the digest's text per cluster); finished
    clusters are journaled as they come
    (:mod:`summarize.runner.journal`), so an interrupted run resumes where it stopped, and the
    final files appear, each atomically, only when the run completes.

    Args:
        cfg: the composed configuration (``conf/config.yaml``).

    Returns:
        The metrics written to ``metrics.json``.

    Raises:
        SummarizeError: bad configuration or input, with a one-line message.
    """
    started = time.perf_counter()
    resume = require_bool(cfg.get("resume", True), "resume")
    fail_fast = require_bool(cfg.get("fail_fast", False), "fail_fast")
    require_bool(cfg.get("progress", True), "progress")
    require_bool(cfg.get("verbose", True), "verbose")
    dataset: Dataset = build(cfg.dataset, "dataset")
    config: dict[str, Any] = OmegaConf.to_container(cfg, resolve=True)  # type: ignore[assignment]
    runner = make_runner(cfg)
    out = output_dir(cfg)
    if out.exists() and not out.is_dir():
        raise InputError(f"output_dir {out} exists and is not a folder")
    archive = open_archive(cfg, dataset, out)
    follow_ups = archive.follow_ups() if archive is not None else None
    clean_cfg = cfg.get("clean")
    # the archive's earlier days decide follow-ups: a run resumed after they changed starts over
    settings_key = fingerprint({**config, "_archive": follow_ups.key() if follow_ups is not None else None})
    overrides = command_overrides()
    folder = RunFolder(out, fingerprint=settings_key, resume=resume,
                       cleaning=bool(clean_cfg and clean_cfg.get("_target_")),
                       settings=fingerprint(config), overrides=overrides)
    order: list[str] = []
    unscored: list[str] = []
    details: list[Any] = []
    counts = {"done": 0, "resumed": 0, "failed": 0}
    with ExitStack() as stack:
        if archive is not None:
            stack.callback(archive.close)
        stack.enter_context(folder)  # the folder's lock first: a second run stops here, before any model loads
        spec = PipelineSpec(config={k: config.get(k) for k in ("dataset", "budget", "summarizer", "clean", "eval")},
                            language=dataset.language, follow_ups=follow_ups, fail_fast=fail_fast)
        local = Pipeline.from_spec(spec)
        summarizer, settings = local.summarizer, local.scorer
        budget = as_budget(config.get("budget"))
        board = Scoreboard(settings, **bootstrap_options(cfg)) if settings else None
        hazards = ReadabilityBoard()
        renderers = make_renderers(cfg)
        meta = DigestMeta(system=summarizer.name, dataset=f"{dataset.path} ({dataset.name})", budget=budget,
                          day=archive.day if archive is not None else getattr(dataset, "date", None))
        renderers.begin(meta)
        resumable = set(folder.done)
        if resumable:
            log.info("%s: resuming; %d clusters already done are skipped, unless read differently now "
                     "(resume=false starts over)", out, len(resumable))
        runner.start(spec, local)
        stack.callback(runner.stop)
        bar = stack.enter_context(progress_bar(cfg, dataset))
        templates: deque[list[ClusterResult | None]] = deque()
        changed: list[str] = []  # done before, but read differently now: redone

        def batches() -> Iterator[list[Cluster]]:
            template: list[ClusterResult | None] = []
            pending: list[Cluster] = []
            for cluster in dataset:
                order.append(cluster.id)
                done = folder.restore(cluster.id) if cluster.id in resumable else None
                if done is not None and (done.per_cluster or {}).get("input") == input_key(cluster):
                    template.append(_restore(cluster, done, local, archive is not None))
                else:
                    if done is not None:
                        changed.append(cluster.id)
                    template.append(None)
                    pending.append(cluster)
                if len(pending) >= runner.batch_size or len(template) >= 64:
                    templates.append(template)
                    yield pending
                    template, pending = [], []
            if template:
                templates.append(template)
                yield pending

        for results in runner.map(batches()):
            given = iter(results)
            for slot in templates.popleft():
                result = slot if slot is not None else next(given)
                bar.update(1)
                if not result.ok:
                    counts["failed"] += 1
                    folder.fail(result.id, result.error or "no summary")
                    log.warning("%s failed: %s", result.id, result.error)
                    continue
                summary = result.summary
                assert summary is not None
                counts["done"] += 1
                counts["resumed"] += result.restored
                row = {"id": result.id, "system": summary.system, **(result.scores or {}),
                       "readability": result.readability,
                       "input": result.input_key or input_key(result.cluster)}
                if not result.restored:
                    folder.write(result.id, prediction=prediction_record(result), per_cluster=row,
                                 cleaning=result.cleaning.as_dict() if result.cleaning is not None else None)
                if board is not None:
                    if result.scores is not None:
                        board.record(result.scores)
                    elif not result.cluster.references:
                        unscored.append(result.id)
                hazards.record(result.readability or {})
                if summary.details:
                    details.append(summary.details)
                prepared = result.prepared
                item = RenderItem(cluster=result.cluster, summary=summary, scores=result.scores,
                                  follow_up=prepared.follow_up if prepared is not None else None,
                                  headline=headline(result.cluster, summary),  # once, not per renderer
                                  copies=dict(result.copies or {}))
                if archive is not None:
                    prepared = archive.add(item, prepared)
                    item = replace(item, event_id=prepared.event_id)
                renderers.add(item)
        bar.close()
        if changed:
            log.info("%d clusters done before were read differently this time and were redone", len(changed))

        metrics: dict[str, Any] = {
            "system": summarizer.name,
            "dataset": dataset.name,
            "dataset_path": str(dataset.path),
            "language": dataset.language,
            "budget": str(budget),
            "clean": list(local.cleaner.steps) if local.cleaner else None,
            "n_clusters": counts["done"],
            "n_scored": board.n if board else 0,
            "types": list(settings.types) if settings else [],
            **(board.metrics() if board else {}),
            "signature": board.signature() + f"|budget:{budget}" if board else None,
            "readability": hazards.metrics(),
            "version": __version__,
            "config": {k: v for k, v in config.items() if k not in HOW},
        }
        report = summarizer.run_report(details)
        if report is not None:
            metrics["summarizer_report"] = report
        if counts["failed"]:
            metrics["n_failed"] = counts["failed"]
        if unscored:
            metrics["unscored"] = unscored
            log.warning("%d clusters have no references and were not scored", len(unscored))
        if archive is not None:
            archive.finish(meta)
            metrics["archive"] = str(archive.path)
        # every final file is written first, then all are put in place together (run.json last):
        # a full disk while one is written leaves the folder's earlier outputs as they were
        with staged() as stage:
            folder.finish(order, stage)
            renderers.finish(out)
            write_json(out / METRICS, metrics)
            write_record(out, config, folder.fingerprint, runner.name, counts, overrides)
        folder.close_journal()
    seconds = time.perf_counter() - started
    if cfg.get("verbose", True):
        print(format_metrics(metrics))
        print(end_line(counts, seconds, out, renderers.filenames))
    return metrics


def run_overrides(overrides: list[str]) -> tuple[dict[str, Any], float]:
    """Run a configuration given as command-line overrides into a temporary folder, quietly;
    the metrics and the seconds it took (for evaluation scripts comparing many settings)."""
    import tempfile

    from summarize.registry import compose_config

    with tempfile.TemporaryDirectory() as out:
        cfg = compose_config([*overrides, f"output_dir={out}", "verbose=false", "progress=false"])
        t0 = time.perf_counter()
        metrics = run(cfg)
        return metrics, time.perf_counter() - t0


def end_line(counts: dict[str, int], seconds: float, out: Path, digests: list[str]) -> str:
    """The run's last line: clusters, resumed, failed, time, where the outputs are."""
    done, resumed, failed = counts["done"], counts["resumed"], counts["failed"]
    fresh = done - resumed
    parts = [f"{done} cluster{'s' if done != 1 else ''} summarized"]
    if resumed:
        parts.append(f"{resumed} of them resumed from an earlier run")
    if failed:
        parts.append(f"{failed} failed (see failed.jsonl)")
    rate = f", {fresh / seconds:.1f} clusters/s" if fresh and seconds > 0 else ""
    line = f"{', '.join(parts)} in {seconds:.1f} s{rate}; outputs in {out}"
    return line + (f" (the digest to read: {', '.join(digests)})" if digests else "")


def command_overrides() -> list[str]:
    """The command line's overrides (Hydra's task overrides); none when called from Python."""
    try:
        from hydra.core.hydra_config import HydraConfig

        return list(HydraConfig.get().overrides.task)
    except ValueError:  # called from Python, not from the command line
        return []


def write_record(out: Path, config: dict[str, Any], fp: str, runner: str, counts: dict[str, int],
                 overrides: list[str]) -> None:
    """Hydra's record, ``.hydra/config.yaml`` and ``overrides.yaml``, then ``run.json`` (the
    settings' fingerprint, the configuration, how it ran), written only once the outputs are:
    :meth:`RunFolder.finish` has the earlier three removed before the first output is replaced,
    and ``run.json``, which marks the folder a finished run of these settings, comes last."""
    hydra_dir = out / ".hydra"
    hydra_dir.mkdir(exist_ok=True)
    with AtomicFile(hydra_dir / "config.yaml") as f:
        f.write(OmegaConf.to_yaml(OmegaConf.create({k: v for k, v in config.items() if k != "hydra"})))
    with AtomicFile(hydra_dir / "overrides.yaml") as f:
        f.write(OmegaConf.to_yaml(OmegaConf.create(overrides)))
    write_json(out / RUN, {"fingerprint": fp, "runner": runner, "n_clusters": counts["done"],
                           "n_failed": counts["failed"], "overrides": overrides, "config": config})


def _restore(cluster: Cluster, done: Done, local: Pipeline, archived: bool) -> ClusterResult:
    """A cluster an earlier run of the same settings finished, read back from its journal lines
    (with an archive, what the archive decides for it is decided again: it is deterministic)."""
    p = read_prediction(done.prediction, PREDICTIONS)
    summary = Summary(cluster_id=p.id, sentences=p.summary, system=p.system or local.summarizer.name,
                      sources=p.sources or (), notes=p.notes, differing=p.differing, details=p.details)
    row = done.per_cluster or {}
    types = local.scorer.types if local.scorer is not None else ()
    scores = {t: row[t] for t in types if t in row} or None
    prepared = local.prepare(cluster).prepared if archived else None
    return ClusterResult(cluster=cluster, summary=summary, scores=scores, readability=row.get("readability") or {},
                         prepared=prepared, restored=True, input_key=row.get("input"), copies=p.copies or None)


@contextmanager
def progress_bar(cfg: DictConfig, dataset: Dataset) -> Iterator[Any]:
    """A tqdm bar (clusters, clusters/s, ETA when the dataset knows its size) on an interactive
    terminal, log lines printed above it; a no-op otherwise or with ``progress=false``."""
    import sys

    class Off:
        def update(self, n: int = 1) -> None:
            pass

        def close(self) -> None:
            pass

    if not cfg.get("progress", True) or not sys.stderr.isatty():
        yield Off()
        return
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    with logging_redirect_tqdm(loggers=[logging.getLogger("summarize")]):
        bar = tqdm(total=dataset.size(), unit=" clusters", file=sys.stderr, leave=False, mininterval=0.5,
                   dynamic_ncols=True)
        try:
            yield bar
        finally:
            bar.close()


def format_metrics(metrics: dict[str, Any]) -> str:
    """One line per ROUGE type (P/R/F x100) followed by the signature."""
    lines = [f"{metrics['system']} on {metrics['dataset']} ({metrics['n_scored']}/{metrics['n_clusters']} clusters scored)"]
    for t in metrics.get("types", []):
        if t in metrics:
            m = metrics[t]
            line = f"  {t:<9} P={100 * m['precision']:.2f} R={100 * m['recall']:.2f} F={100 * m['fmeasure']:.2f}"
            if "fmeasure_low" in m:
                line += f"  (F {100 * m['fmeasure_low']:.2f}-{100 * m['fmeasure_high']:.2f})"
            lines.append(line)
    if metrics.get("signature"):
        lines.append(f"  signature: {metrics['signature']}")
    if metrics.get("readability"):
        lines.append(format_line(metrics["readability"]))
    return "\n".join(lines)
