"""Evaluation: ROUGE scores of summaries against human references, each with its signature."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarize.evaluation.rouge import ROUGE_TYPES, RougeSettings, RunningMean, score_summary

__all__ = ["ROUGE_TYPES", "RougeSettings", "RunningMean", "score_summary"]


def __getattr__(name: str) -> Any:
    # the ROUGE module loads when its names are first asked for: a run that scores nothing
    # (eval=none) imports the package for its readability counts alone (issue 16)
    if name in __all__:
        from summarize.evaluation import rouge

        return getattr(rouge, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
