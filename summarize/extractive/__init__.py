"""Extractive summarizers: a base class owns the workflow, each method fills ``score`` or ``select``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from summarize.budget import fit_to_budget
from summarize.extractive.base import Extractive
from summarize.extractive.baselines import Lead, Random
from summarize.extractive.features import Features
from summarize.extractive.graph import Centroid, LexRank, TextRank
from summarize.extractive.selection import MMR, ConceptILP, Oracle, Submodular
from summarize.extractive.sumy_adapters import Sumy
from summarize.summarizer import Summarizer

if TYPE_CHECKING:
    from summarize.extractive.learned import Learned

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


def __getattr__(name: str) -> Any:
    # the learned method (with its linear and tree models) loads when first asked for: the
    # other methods' runs do not import it (issue 16)
    if name == "Learned":
        from summarize.extractive.learned import Learned

        return Learned
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
