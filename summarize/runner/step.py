"""One cluster through the pipeline: clean, the archive's follow-up filter, summarize, credit, score.

A run is a loop over :meth:`Pipeline.process`, ``Cluster -> ClusterResult``; the runners of
:mod:`summarize.runner.runners` differ only in where they call it (this process, worker
processes, Ray actors). The step keeps no state between clusters, so every runner gives the same
results, and it never writes: the run loop hands each result to its sinks (the journal of
predictions, the scoreboards, the renderers, the archive).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from omegaconf import DictConfig, OmegaConf

from summarize.budget import as_budget
from summarize.errors import ConfigError, SummarizeError
from summarize.evaluation.readability import ReadabilityBoard
from summarize.evaluation.scoreboard import score_batch
from summarize.registry import build
from summarize.summarizer import Summarizer
from summarize.types import Cluster, Summary

Scores = dict[str, dict[str, float]]


@dataclass(frozen=True, slots=True)
class ClusterResult:
    """Everything a run knows about one cluster once it has been processed.

    Attributes:
        cluster: the cluster as read (every document, for the digest's sources and the archive).
        cleaned: what the summarizer was given (cleaned, follow-up filtered); ``None`` when the
            result was read back from an earlier run's outputs, or processing failed before it.
        cleaning: the cleaner's report (:class:`summarize.clean.cleaner.CleanReport`), if cleaned.
        prepared: the archive's decision (:class:`summarize.digest.archive.Prepared`): the event's
            id, its articles' keys and the earlier event it continues; ``None`` without an archive.
        summary: the summary, its ``sources`` and ``differing`` including the syndicated copies
            that cleaning removed; ``None`` when the cluster failed.
        scores: ROUGE per type (``None``: not scored, no references or no ``eval``).
        readability: the per-cluster hazard record of
            :meth:`summarize.evaluation.readability.ReadabilityBoard.add`.
        error: why the cluster failed (``"ValueError: ..."``), else ``None``.
        restored: read back from the outputs of an earlier, interrupted run of the same settings.
        input_key: :func:`summarize.runner.journal.input_key` of the cluster as read (computed
            by the run when not set).
        copies: the syndicated copies cleaning removed: a copy's id -> the id of the document
            it copies (kept in ``predictions.jsonl``, so a resumed cluster renders alike).
    """

    cluster: Cluster
    cleaned: Cluster | None = None
    cleaning: Any = None
    prepared: Any = None
    summary: Summary | None = None
    scores: Scores | None = None
    readability: Mapping[str, Any] | None = None
    error: str | None = None
    restored: bool = False
    input_key: str | None = None
    copies: Mapping[str, str] | None = None

    @property
    def id(self) -> str:
        return self.cluster.id

    @property
    def ok(self) -> bool:
        return self.error is None and self.summary is not None


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """What a worker needs to build its own :class:`Pipeline`: plain, picklable data.

    Attributes:
        config: the run's resolved configuration as plain containers (``dataset``, ``budget``,
            ``summarizer``, ``clean``, ``eval`` are read).
        language: the dataset's configured language (the scorer's default).
        follow_ups: the archive's :class:`summarize.digest.archive.FollowUps`, or ``None``.
        fail_fast: re-raise a cluster's error instead of recording it.
    """

    config: Mapping[str, Any]
    language: str
    follow_ups: Any = None
    fail_fast: bool = False


def one_line(error: BaseException) -> str:
    """An exception as one line: ``"ValueError: text"``."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class Pipeline:
    """The pure per-cluster step, built once per process (models load once per worker).

    Args:
        summarizer: the configured summarizer.
        cleaner: the configured cleaner, or ``None``.
        scorer: ROUGE settings (:class:`RougeSettings` or :class:`DucSettings`), or ``None``.
        follow_ups: the archive's follow-up decisions (:class:`FollowUps`), or ``None``.
        fail_fast: stop at the first cluster that fails (re-raise) instead of recording it.
    """

    def __init__(self, *, summarizer: Summarizer, cleaner: Any = None, scorer: Any = None,
                 follow_ups: Any = None, fail_fast: bool = False) -> None:
        self.summarizer, self.cleaner, self.scorer = summarizer, cleaner, scorer
        self.follow_ups, self.fail_fast = follow_ups, fail_fast

    @classmethod
    def from_spec(cls, spec: PipelineSpec) -> Pipeline:
        """Build the step from the run's configuration (in the driver, or in a worker)."""
        from summarize.runner.run import make_scorer  # here: run.py imports this module

        cfg = spec.config if isinstance(spec.config, DictConfig) else OmegaConf.create(dict(spec.config))
        budget = as_budget(OmegaConf.to_container(cfg.budget, resolve=True))  # type: ignore[arg-type]
        summarizer: Summarizer = build(cfg.summarizer, "summarizer", budget=budget)
        clean_cfg = cfg.get("clean")
        cleaner = build(clean_cfg, "clean") if clean_cfg and clean_cfg.get("_target_") else None
        return cls(summarizer=summarizer, cleaner=cleaner, scorer=make_scorer(cfg, spec.language),
                   follow_ups=spec.follow_ups, fail_fast=spec.fail_fast)

    def process(self, clusters: Sequence[Cluster]) -> list[ClusterResult]:
        """Process a batch of clusters (one ``summarize_all`` call, so batched models batch);
        a cluster that fails is recorded with its error and the others go on.

        Raises:
            ConfigError: a setting that fails for every cluster (a missing extra, a bad model path).
            Exception: a cluster's error, with ``fail_fast``.
        """
        staged: list[ClusterResult] = [self.prepare(c) for c in clusters]
        work = [r for r in staged if r.error is None]
        summaries = self._summarize([r.cleaned for r in work])  # type: ignore[misc]
        done = {r.id: self._finish(r, s) for r, s in zip(work, summaries, strict=True)}
        finished = [done.get(r.id, r) for r in staged]
        return self._score(finished)

    # ------------------------------------------------------------------ stages
    def _guard(self, result: ClusterResult, error: Exception) -> ClusterResult:
        if isinstance(error, ConfigError):
            raise error
        if self.fail_fast:
            raise SummarizeError(f"cluster {result.id!r} failed: {one_line(error)} (fail_fast=true stops the run; "
                                 "fail_fast=false records it in failed.jsonl and goes on)") from error
        return replace(result, error=one_line(error), cleaned=None, summary=None)

    def prepare(self, cluster: Cluster) -> ClusterResult:
        """Clean a cluster and apply the archive's follow-up filter: what the summarizer gets."""
        result = ClusterResult(cluster=cluster, cleaned=cluster)
        try:
            work, report = cluster, None
            if self.cleaner is not None:
                work, report = self.cleaner.clean(cluster)
            prepared = None
            if self.follow_ups is not None:  # a follow-up of an archived event: only what is new
                prepared = self.follow_ups.prepare(cluster, work)
                work = prepared.cluster
            return replace(result, cleaned=work, cleaning=report, prepared=prepared)
        except Exception as e:  # noqa: BLE001 - recorded per cluster, the run goes on
            return self._guard(result, e)

    def _summarize(self, clusters: list[Cluster]) -> list[Summary | Exception]:
        """Summaries in order; a batch that fails is retried one cluster at a time, so only the
        cluster at fault is recorded as failed."""
        if not clusters:
            return []
        try:
            summaries: list[Summary | Exception] = list(self.summarizer.summarize_all(clusters))
            if [s.cluster_id for s in summaries] != [c.id for c in clusters]:  # type: ignore[union-attr]
                raise RuntimeError(f"{self.summarizer.name} returned summaries of other clusters")
            return summaries
        except Exception as e:  # noqa: BLE001
            if isinstance(e, ConfigError):
                raise
            if len(clusters) == 1:
                return [e]
        out: list[Summary | Exception] = []
        for c in clusters:
            out += self._summarize([c])
        return out

    def _finish(self, result: ClusterResult, summary: Summary | Exception) -> ClusterResult:
        if isinstance(summary, Exception):
            return self._guard(result, summary)
        copies = dict(result.cleaning.aliases) if result.cleaning is not None else {}
        independent = summary.sources  # a syndicated copy is not an outlet that reports the claim itself
        summary = replace(summary, sources=with_copies(summary.sources, copies),
                          differing=with_copies(summary.differing, copies))
        readability = ReadabilityBoard().add(summary.sentences, independent,
                                             {d.id: d for d in result.cluster.documents},
                                             result.cleaned.language if result.cleaned else result.cluster.language,
                                             texts=result.cleaned.documents if result.cleaned else None)
        return replace(result, summary=summary, readability=readability,
                       copies={c: original for original, cs in copies.items() for c in cs} or None)

    def _score(self, results: list[ClusterResult]) -> list[ClusterResult]:
        """ROUGE for every summarized cluster with references, in one batch where the engine has one."""
        if self.scorer is None:
            return results
        todo = [k for k, r in enumerate(results) if r.ok and r.cluster.references]
        if not todo:
            return results
        summaries = [results[k].summary.sentences for k in todo]  # type: ignore[union-attr]
        references = [(results[k].cleaned or results[k].cluster).references for k in todo]
        scores = score_batch(self.scorer, summaries, references)
        out = list(results)
        for k, s in zip(todo, scores, strict=True):
            out[k] = replace(out[k], scores=s)
        return out


def with_copies(per_sentence: Sequence[Sequence[str]], copies: Mapping[str, Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """Each sentence's document ids, each followed by the ids of its syndicated copies."""
    return tuple(tuple(d for doc in ids for d in (doc, *copies.get(doc, ()))) for ids in per_sentence)
