"""Abstractive summarizers on transformers; torch loads only when a model does."""

from summarize.abstractive.guard import FaithfulnessGuard
from summarize.abstractive.summarizer import STRATEGIES, Abstractive

__all__ = ["STRATEGIES", "Abstractive", "FaithfulnessGuard"]
