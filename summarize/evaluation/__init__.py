"""Evaluation: ROUGE scores of summaries against human references, each with its signature."""

from summarize.evaluation.rouge import ROUGE_TYPES, RougeSettings, RunningMean, score_summary

__all__ = ["ROUGE_TYPES", "RougeSettings", "RunningMean", "score_summary"]
