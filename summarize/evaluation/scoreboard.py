"""Per-cluster scores collected into macro means with seeded bootstrap intervals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from summarize.evaluation.stats import bootstrap_ci, check_resampling

MEASURES = ("precision", "recall", "fmeasure")


class Scorer(Protocol):
    """What a ROUGE configuration offers: its types, a per-summary score, a signature."""

    @property
    def types(self) -> tuple[str, ...]: ...

    def score(self, summary: Sequence[str], references: Sequence[str]) -> dict[str, dict[str, float]]: ...

    def signature(self) -> str: ...


def score_batch(scorer: Scorer, summaries: Sequence[Sequence[str]],
                references: Sequence[Sequence[str]]) -> list[dict[str, dict[str, float]]]:
    """Scores of many summaries in order: the scorer's ``score_many`` when its engine has one
    (every pair in one rouge-score-rs batch), else ``score`` on each; the same numbers either way."""
    many = getattr(scorer, "score_many", None)
    if many is not None:
        return many(summaries, references)  # type: ignore[no-any-return]
    return [scorer.score(s, r) for s, r in zip(summaries, references, strict=True)]


class Scoreboard:
    """Scores summaries one at a time and reports macro means with confidence bounds.

    Only numbers are kept per cluster (never text), so memory grows by a few floats a cluster.

    Args:
        scorer: the ROUGE settings (:class:`RougeSettings` or :class:`DucSettings`).
        seed: bootstrap seed.
        n_resamples: bootstrap samples; 0 reports means without intervals.
        confidence: interval coverage.

    Raises:
        ConfigError: a negative ``n_resamples`` or a ``confidence`` outside (0, 1).
    """

    def __init__(self, scorer: Scorer, *, seed: int = 12345, n_resamples: int = 1000,
                 confidence: float = 0.95) -> None:
        check_resampling(n_resamples, confidence, allow_zero=True, seed=seed)
        self.scorer = scorer
        self.seed, self.n_resamples, self.confidence = int(seed), int(n_resamples), float(confidence)
        self._values: dict[str, dict[str, list[float]]] = {t: {m: [] for m in MEASURES} for t in scorer.types}

    @property
    def n(self) -> int:
        return len(next(iter(self._values.values()))["recall"]) if self._values else 0

    def add(self, summary: Sequence[str], references: Sequence[str]) -> dict[str, dict[str, float]]:
        """Score one summary and remember its numbers; returns the scores."""
        scores = self.scorer.score(summary, references)
        self._record(scores)
        return scores

    def add_many(self, summaries: Sequence[Sequence[str]],
                 references: Sequence[Sequence[str]]) -> list[dict[str, dict[str, float]]]:
        """Score a batch of summaries (the scorer's ``score_many`` when it has one: every pair in one
        batch with rouge-score-rs) and remember their numbers in order; the same as ``add`` on each."""
        batch = score_batch(self.scorer, summaries, references)
        for scores in batch:
            self._record(scores)
        return batch

    def record(self, scores: dict[str, dict[str, float]]) -> None:
        """Remember one summary's scores computed elsewhere (a worker process, or read back from
        ``per_cluster.jsonl`` when a run resumes); the same as if :meth:`add` had computed them."""
        self._record({t: scores[t] for t in self.scorer.types})

    def _record(self, scores: dict[str, dict[str, float]]) -> None:
        for t, prf in scores.items():
            for m in MEASURES:
                self._values[t][m].append(prf[m])

    def metrics(self) -> dict[str, Any]:
        """``{type: {precision, recall, fmeasure, <measure>_low, <measure>_high}}`` plus settings."""
        out: dict[str, Any] = {}
        if self.n == 0:
            return out
        for t, measures in self._values.items():
            entry: dict[str, float] = {}
            for m, values in measures.items():
                entry[m] = sum(values) / len(values)
                if self.n_resamples == 0:
                    continue
                low, high = bootstrap_ci(values, seed=self.seed, n_resamples=self.n_resamples,
                                         confidence=self.confidence)
                entry[f"{m}_low"], entry[f"{m}_high"] = low, high
            out[t] = entry
        out["bootstrap"] = {"seed": self.seed, "resamples": self.n_resamples, "confidence": self.confidence}
        return out

    def signature(self) -> str:
        return f"{self.scorer.signature()}|bs{self.n_resamples}|c{round(100 * self.confidence)}|seed{self.seed}"
