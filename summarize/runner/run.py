"""``summarize run``: read a dataset, summarize every cluster, score it, write the results."""

from __future__ import annotations

import logging
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any

from omegaconf import DictConfig, OmegaConf

from summarize import __version__
from summarize.budget import as_budget
from summarize.errors import ConfigError, InputError
from summarize.evaluation.duc import DucSettings
from summarize.evaluation.readability import ReadabilityBoard, format_line
from summarize.evaluation.rouge import RougeSettings
from summarize.evaluation.scoreboard import Scoreboard, Scorer
from summarize.io.common import Dataset
from summarize.registry import build
from summarize.render import DigestMeta, Renderers, RenderItem
from summarize.runner.output import AtomicFile, jsonl_line, write_json
from summarize.summarizer import Summarizer
from summarize.types import Cluster

log = logging.getLogger("summarize.run")

PREDICTIONS = "predictions.jsonl"
CLEANING = "cleaning.jsonl"
PER_CLUSTER = "per_cluster.jsonl"
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


def progress(items: Any, unit: str) -> Any:
    """A tqdm progress bar on an interactive terminal; the bare iterator otherwise."""
    import sys

    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, unit=f" {unit}", file=sys.stderr, leave=False, mininterval=0.5)


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
        return DucSettings(**ev)
    if mode != "rouge":
        raise ConfigError(f"eval.mode must be rouge or duc, got {mode!r}")
    types = list(ev.get("types") or [])
    if not types:
        return None
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
    (``dataset=day``, what ``summarize digest`` reads) and no archive for other datasets;
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
    from summarize.digest.archive import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS, Archive, digest_day

    f = cfg.get("follow_up") or {}
    return Archive(Path(str(value)), day=digest_day(getattr(dataset, "date", None)),
                   threshold=f.get("threshold", DEFAULT_THRESHOLD), window_days=f.get("window_days", DEFAULT_WINDOW_DAYS),
                   embeddings=f.get("embeddings", "wordllama"))


def run(cfg: DictConfig) -> dict[str, Any]:
    """Run one configured experiment and write its outputs.

    Writes ``predictions.jsonl`` (one line a cluster: id, summary sentences, system,
    sources), the digest in the formats of the ``render`` group (``digest.md``, ``digest.html``,
    ``digest.json``: the same summaries to read, each sentence credited to its outlets, see
    :mod:`summarize.render`), ``per_cluster.jsonl`` (ROUGE and readability hazards per cluster) and
    ``metrics.json`` (macro means with their signature) into the output folder. Clusters are read, summarized and scored
    one at a time, so memory stays flat in the number of clusters. Files appear only when
    the whole run succeeds.

    Args:
        cfg: the composed configuration (``conf/config.yaml``).

    Returns:
        The metrics written to ``metrics.json``.

    Raises:
        SummarizeError: bad configuration or input, with a one-line message.
    """
    dataset: Dataset = build(cfg.dataset, "dataset")
    budget = as_budget(OmegaConf.to_container(cfg.budget, resolve=True))  # type: ignore[arg-type]
    summarizer: Summarizer = build(cfg.summarizer, "summarizer", budget=budget)
    clean_cfg = cfg.get("clean")
    cleaner = build(clean_cfg, "clean") if clean_cfg and clean_cfg.get("_target_") else None
    settings = make_scorer(cfg, dataset.language)
    out = output_dir(cfg)
    if out.exists() and not out.is_dir():
        raise InputError(f"output_dir {out} exists and is not a folder")

    board = Scoreboard(settings, **bootstrap_options(cfg)) if settings else None
    hazards = ReadabilityBoard()
    renderers = make_renderers(cfg)
    archive = open_archive(cfg, dataset, out)
    meta = DigestMeta(system=summarizer.name, dataset=f"{dataset.path} ({dataset.name})", budget=budget,
                      day=archive.day if archive is not None else getattr(dataset, "date", None))
    renderers.begin(meta)
    n_clusters = 0
    unscored: list[str] = []
    with ExitStack() as stack:
        if archive is not None:
            stack.callback(archive.close)
        predictions = stack.enter_context(AtomicFile(out / PREDICTIONS))
        per_cluster = stack.enter_context(AtomicFile(out / PER_CLUSTER))
        cleaning = stack.enter_context(AtomicFile(out / CLEANING)) if cleaner else None
        clusters = {}
        as_read: dict[str, Cluster] = {}  # the clusters before cleaning, for the digest's sources
        aliases: dict[str, dict[str, tuple[str, ...]]] = {}

        def remember(stream: Any) -> Any:
            for c in stream:
                read = as_read[c.id] = c
                if cleaner is not None and cleaning is not None:
                    c, report = cleaner.clean(c)
                    aliases[c.id] = dict(report.aliases)
                    cleaning.write(jsonl_line(report.as_dict()))
                if archive is not None:  # a follow-up of an archived event: only what is new
                    c = archive.prepare(read, c)
                clusters[c.id] = c
                yield c

        for summary in progress(summarizer.summarize_all(remember(dataset)), "clusters"):
            cluster = clusters.pop(summary.cluster_id)
            n_clusters += 1
            copies = aliases.pop(summary.cluster_id, {})
            sources, differing = _with_copies(summary.sources, copies), _with_copies(summary.differing, copies)
            record: dict[str, Any] = {"id": summary.cluster_id, "summary": list(summary.sentences),
                                      "system": summary.system, "sources": sources}
            if any(summary.notes):
                record["notes"] = list(summary.notes)
            if any(differing):
                record["differing"] = differing
            details = getattr(summarizer, "details", None)
            if isinstance(details, dict) and summary.cluster_id in details:
                record["details"] = details.pop(summary.cluster_id)
            prepared = archive.prepared(summary.cluster_id) if archive is not None else None
            if prepared is not None and prepared.follow_up is not None:
                f = prepared.follow_up
                record["follow_up"] = {"event_id": f.event_id, "day": f.day.isoformat(), "repeated": f.repeated}
            predictions.write(jsonl_line(record))
            scores = None
            if board is not None:
                if not cluster.references:
                    unscored.append(cluster.id)
                else:
                    scores = board.add(summary.sentences, cluster.references)
            per_cluster.write(jsonl_line({"id": cluster.id, "system": summary.system, **(scores or {}),
                                          "readability": hazards.add(summary.sentences, sources, {
                                              d.id: d for d in as_read[cluster.id].documents},
                                              cluster.language, texts=cluster.documents)}))
            rendered = replace(summary, sources=tuple(map(tuple, sources)), differing=tuple(map(tuple, differing)))
            item = RenderItem(cluster=as_read.pop(summary.cluster_id), summary=rendered, scores=scores,
                              follow_up=prepared.follow_up if prepared else None,
                              event_id=prepared.event_id if prepared else None)
            renderers.add(item)
            if archive is not None:
                archive.add(item)

        metrics: dict[str, Any] = {
            "system": summarizer.name,
            "dataset": dataset.name,
            "dataset_path": str(dataset.path),
            "language": dataset.language,
            "budget": str(budget),
            "clean": list(cleaner.steps) if cleaner else None,
            "n_clusters": n_clusters,
            "n_scored": board.n if board else 0,
            "types": list(settings.types) if settings else [],
            **(board.metrics() if board else {}),
            "signature": board.signature() + f"|budget:{budget}" if board else None,
            "readability": hazards.metrics(),
            "version": __version__,
            "config": OmegaConf.to_container(cfg, resolve=True),
        }
        if hasattr(summarizer, "report"):
            metrics["summarizer_report"] = summarizer.report()
        if unscored:
            metrics["unscored"] = unscored
            log.warning("%d clusters have no references and were not scored", len(unscored))
        if archive is not None:
            archive.finish(meta)
            metrics["archive"] = str(archive.path)
        renderers.finish(out)
        write_json(out / METRICS, metrics)
    if cfg.get("verbose", True):
        print(format_metrics(metrics))
        digests = ", ".join(renderers.filenames)
        print(f"outputs in {out}" + (f" (the digest to read: {digests})" if digests else ""))
    return metrics


def _with_copies(per_sentence: tuple[tuple[str, ...], ...],
                 copies: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """Each sentence's document ids, each followed by the ids of its syndicated copies."""
    return [[d for doc in ids for d in (doc, *copies.get(doc, ()))] for ids in per_sentence]


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
