"""ROUGE with rouge-score as the engine: ROUGE-1/2/L/Lsum, stemmed, real sentence boundaries.

English text goes through rouge-score's own tokenizer and Porter stemmer, so the numbers
are rouge-score's. Other languages use a Unicode-aware tokenizer with the language's
Snowball stemmer (rouge-score's default drops every non-ASCII character and would score
Greek or Hindi as empty).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from rouge_score import rouge_scorer

from summarize import __version__
from summarize.errors import ConfigError
from summarize.text.languages import canonical
from summarize.text.sentences import split_sentences
from summarize.text.tokenize import Stemmer, words

# rouge-score logs "Using default tokenizer." at INFO through absl on every scorer
logging.getLogger("absl").setLevel(logging.WARNING)

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
MULTI_REF = ("mean", "max")
_SHORT = {"rouge1": "1", "rouge2": "2", "rougeL": "L", "rougeLsum": "Lsum"}


class UnicodeTokenizer:
    """Lower-cased Unicode words, Snowball-stemmed: rouge-score's ``tokenize`` contract."""

    def __init__(self, language: str, stem: bool = True) -> None:
        self._stem = Stemmer(language) if stem else None

    def tokenize(self, text: str) -> list[str]:
        tokens = [w.lower() for w in words(text)]
        if self._stem is not None:
            return [self._stem(t) for t in tokens]
        return tokens


@dataclass(frozen=True)
class RougeSettings:
    """How ROUGE is computed; :meth:`signature` names every setting.

    Args:
        types: ROUGE variants, from ``rouge1``, ``rouge2``, ``rougeL``, ``rougeLsum``.
        stem: stem words (Porter for English, as rouge-score; Snowball otherwise).
        multi_ref: with several references, the ``mean`` of the scores against each, or
            the ``max`` (by F-measure, as rouge-score's ``score_multi``).
        language: the text's language; English uses rouge-score's tokenizer exactly.
    """

    types: tuple[str, ...] = ROUGE_TYPES
    stem: bool = True
    multi_ref: str = "mean"
    language: str = "english"
    _scorer: rouge_scorer.RougeScorer = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        types = tuple(self.types)
        bad = [t for t in types if t not in ROUGE_TYPES]
        if bad or not types:
            raise ConfigError(f"unknown ROUGE type(s) {bad}; expected some of {', '.join(ROUGE_TYPES)}")
        if self.multi_ref not in MULTI_REF:
            raise ConfigError(f"unknown multi_ref {self.multi_ref!r}; expected one of {', '.join(MULTI_REF)}")
        language = canonical(self.language)
        object.__setattr__(self, "types", types)
        object.__setattr__(self, "language", language)
        tokenizer = None if language == "english" else UnicodeTokenizer(language, self.stem)
        object.__setattr__(self, "_scorer", rouge_scorer.RougeScorer(
            list(types), use_stemmer=self.stem, tokenizer=tokenizer))

    def score(self, summary: Sequence[str], references: Sequence[str]) -> Scores:
        """ROUGE of one summary (its sentences) against reference texts; see :func:`score_summary`."""
        return score_summary(summary, references, self)

    def signature(self) -> str:
        """E.g. ``rouge|1,2,L,Lsum|stem|refs:mean|tok:rouge-score|lang:en|v0.1.0``."""
        tok = "rouge-score" if self.language == "english" else "unicode-snowball"
        return "|".join([
            "rouge", ",".join(_SHORT[t] for t in self.types), "stem" if self.stem else "nostem",
            f"refs:{self.multi_ref}", f"tok:{tok}", f"lang:{self.language}", f"v{__version__}",
        ])


Scores = dict[str, dict[str, float]]


def score_summary(summary: Sequence[str], references: Sequence[str],
                  settings: RougeSettings) -> Scores:
    """ROUGE of one summary against its references.

    Args:
        summary: the summary's sentences (their boundaries drive rougeLsum).
        references: reference summaries as plain text; they are split into sentences.
        settings: the ROUGE settings.

    Returns:
        ``{rouge type: {"precision", "recall", "fmeasure"}}``.

    Raises:
        ValueError: there are no references.
    """
    if not references:
        raise ValueError("no references to score against")
    prediction = "\n".join(s.strip() for s in summary)
    per_ref = []
    for ref in references:
        target = "\n".join(split_sentences(ref, settings.language))
        per_ref.append(settings._scorer.score(target, prediction))
    out: Scores = {}
    for t in settings.types:
        if settings.multi_ref == "max":
            best = max(per_ref, key=lambda s: s[t].fmeasure)[t]
            out[t] = {"precision": best.precision, "recall": best.recall, "fmeasure": best.fmeasure}
        else:
            n = len(per_ref)
            out[t] = {
                "precision": sum(s[t].precision for s in per_ref) / n,
                "recall": sum(s[t].recall for s in per_ref) / n,
                "fmeasure": sum(s[t].fmeasure for s in per_ref) / n,
            }
    return out


class RunningMean:
    """Macro averages of per-cluster scores, kept in constant memory."""

    def __init__(self) -> None:
        self.n = 0
        self._sums: dict[str, dict[str, float]] = {}

    def add(self, scores: Scores) -> None:
        self.n += 1
        for t, prf in scores.items():
            slot = self._sums.setdefault(t, {"precision": 0.0, "recall": 0.0, "fmeasure": 0.0})
            for k, v in prf.items():
                slot[k] += v

    def means(self) -> Scores:
        if self.n == 0:
            return {}
        return {t: {k: v / self.n for k, v in prf.items()} for t, prf in self._sums.items()}
