"""Extractive summarizers: a base class owns the workflow, each method fills ``score``."""

from summarize.extractive.base import Extractive, Summarizer, fit_to_budget
from summarize.extractive.baselines import Lead, Random

__all__ = ["Extractive", "Lead", "Random", "Summarizer", "fit_to_budget"]
