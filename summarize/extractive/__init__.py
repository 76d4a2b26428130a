"""Extractive summarizers: a base class owns the workflow, each method fills ``score`` or ``select``."""

from summarize.budget import fit_to_budget
from summarize.extractive.base import Extractive
from summarize.extractive.baselines import Lead, Random
from summarize.extractive.features import Features
from summarize.extractive.graph import Centroid, LexRank, TextRank
from summarize.extractive.learned import Learned
from summarize.extractive.selection import MMR, ConceptILP, Oracle, Submodular
from summarize.extractive.sumy_adapters import Sumy
from summarize.summarizer import Summarizer

__all__ = [
    "MMR",
    "Centroid",
    "ConceptILP",
    "Extractive",
    "Features",
    "Lead",
    "Learned",
    "LexRank",
    "Oracle",
    "Random",
    "Submodular",
    "Summarizer",
    "Sumy",
    "TextRank",
    "fit_to_budget",
]
