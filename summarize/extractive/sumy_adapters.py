"""All of sumy's summarizers as multi-document extractive methods of this toolkit.

sumy rates sentences one document at a time and returns a fixed number of them; here each
method rates every sentence of the cluster (the documents become paragraphs of one sumy
document), offline (the project's tokenizer, no NLTK data), and the toolkit's base class
does the rest: word/byte budgets, cross-document redundancy, ordering and provenance.
"""

from __future__ import annotations

import importlib
from typing import Any

import numpy as np

from summarize.errors import ConfigError
from summarize.extractive.base import Extractive
from summarize.extractive.features import Features
from summarize.text.tokenize import Stemmer, stop_words
from summarize.types import Cluster

#: method name -> (module, class) in sumy.summarizers
METHODS = {
    "luhn": ("luhn", "LuhnSummarizer"),
    "edmundson": ("edmundson", "EdmundsonSummarizer"),
    "lsa": ("lsa", "LsaSummarizer"),
    "lexrank": ("lex_rank", "LexRankSummarizer"),
    "textrank": ("text_rank", "TextRankSummarizer"),
    "sumbasic": ("sum_basic", "SumBasicSummarizer"),
    "kl": ("kl", "KLSummarizer"),
    "reduction": ("reduction", "ReductionSummarizer"),
    "random": ("random", "RandomSummarizer"),
}

# Edmundson's cue method needs bonus and stigma words; these are generic news cues.
_BONUS = ("announced", "said", "killed", "arrested", "approved", "officials", "reported", "first")
_STIGMA = ("click", "subscribe", "advertisement", "photo", "newsletter", "share", "hardly", "perhaps")


class Sumy(Extractive):
    """One of sumy's methods, rating every sentence of the cluster.

    Args:
        method: one of luhn, edmundson, lsa, lexrank, textrank, sumbasic, kl, reduction, random.
        **kwargs: see :class:`~summarize.extractive.base.Extractive`.
    """

    def __init__(self, *, method: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if method not in METHODS:
            raise ConfigError(f"unknown sumy method {method!r}; expected one of {', '.join(METHODS)}")
        self.method = method

    def _summarizer(self, language: str) -> Any:
        module, cls = METHODS[self.method]
        klass = getattr(importlib.import_module(f"sumy.summarizers.{module}"), cls)
        stem = Stemmer(language)
        summarizer = klass(lambda w: stem(w.lower()))
        stops = stop_words(language)
        if hasattr(summarizer, "stop_words"):
            summarizer.stop_words = stops
        if self.method == "edmundson":
            summarizer.null_words = stops
            summarizer.bonus_words = _BONUS
            summarizer.stigma_words = _STIGMA
        if self.method == "lsa":
            summarizer._create_dictionary = _sorted_dictionary.__get__(summarizer)
        return summarizer

    def score(self, cluster: Cluster, features: Features) -> np.ndarray:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence

        from summarize.text.sumy_tokenizer import OfflineTokenizer

        if self.method == "random":  # sumy's random uses the global RNG; keep it seeded
            import random as stdlib_random

            stdlib_random.seed(12345)
        tokenizer = OfflineTokenizer(features.language)
        by_doc: dict[str, list[Any]] = {}
        for s in features.sentences:
            by_doc.setdefault(s.doc_id, []).append(SumySentence(s.text, tokenizer))
        document = ObjectDocumentModel(tuple(Paragraph(tuple(v)) for v in by_doc.values()))
        ordered = [s for v in by_doc.values() for s in v]
        captured: list[float] = []

        def capture(sentences: Any, count: Any, rating: Any, *args: Any, **kw: Any) -> tuple[()]:
            rate = (lambda s: rating[s]) if isinstance(rating, dict) else (lambda s: rating(s, *args, **kw))
            captured.extend(float(rate(s)) for s in sentences)
            return ()

        summarizer = self._summarizer(features.language)
        summarizer._get_best_sentences = capture
        summarizer(document, len(ordered))
        if len(captured) != len(ordered):
            raise RuntimeError(f"sumy {self.method} rated {len(captured)} of {len(ordered)} sentences")
        # sumy's order (documents as paragraphs) is the cluster's order of sentences
        return np.asarray(captured)


def _sorted_dictionary(self: Any, document: Any) -> dict[str, int]:
    """sumy's LSA numbers its terms in the iteration order of a frozenset, which changes with
    Python's string hashing from one process to the next, and the SVD's ties with it (DUC 2003
    R-1 31.09 in one run, 30.96 in the next); numbered in sorted order, runs repeat."""
    words = (self.normalize_word(w) for w in document.words)
    unique = sorted({self.stem_word(w) for w in words if w not in self._stop_words})
    return {w: i for i, w in enumerate(unique)}
