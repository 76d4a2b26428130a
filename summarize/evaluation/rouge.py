"""ROUGE-1/2/L/Lsum as rouge-score computes them, stemmed, with real sentence boundaries.

English text gets rouge-score's numbers exactly, through one of three engines:

- ``rouge-score-rs``: the Rust port of rouge-score (PyPI ``rouge-score-rs``, Apache-2.0), bit
  for bit identical to it and the fastest; its batch API scores many pairs at once on every
  core (:meth:`RougeSettings.score_many`).
- ``fast``: the toolkit's own re-implementation (:mod:`summarize.evaluation.fast_rouge`: same
  tokenizer, stemmer and LCS), the fallback where ``rouge-score-rs`` is not installed.
- ``rouge-score``: Google's package itself, the reference.

``engine="auto"`` (the default) takes ``rouge-score-rs`` when it is installed and ``fast``
otherwise. The three give the same numbers (tests/test_rouge.py), so the signature does not
name the engine. Other languages use a Unicode-aware tokenizer with the language's Snowball
stemmer (rouge-score's default drops every non-ASCII character and would score Greek or Hindi
as empty), scored by ``rouge-score-rs`` or ``rouge-score`` with that tokenizer.

Nothing here imports rouge-score, NLTK or absl until a scorer that needs them is made.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Protocol

from summarize import __version__
from summarize.errors import ConfigError
from summarize.text.langdetect import detect, sample
from summarize.text.languages import AUTO, canonical_or_auto
from summarize.text.sentences import split_sentences
from summarize.text.tokenize import Stemmer, words

log = logging.getLogger(__name__)

AUTO_ENGINE = "auto"
RS_ENGINE = "rouge-score-rs"
ENGINES = (AUTO_ENGINE, RS_ENGINE, "fast", "rouge-score")
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
MULTI_REF = ("mean", "max", "jackknife")
_SHORT = {"rouge1": "1", "rouge2": "2", "rougeL": "L", "rougeLsum": "Lsum"}
_MEASURES = ("precision", "recall", "fmeasure")

Scores = dict[str, dict[str, float]]


def rs_available() -> bool:
    """Whether ``rouge-score-rs`` (the fastest exact engine) can be imported."""
    try:
        import rouge_score_rs  # noqa: F401
    except ImportError:
        return False
    return True


def resolve_engine(engine: str) -> str:
    """The engine ``engine`` names: ``auto`` is ``rouge-score-rs`` when installed, else ``fast``.

    Raises:
        ConfigError: an unknown engine, or ``rouge-score-rs`` asked for and not installed.
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown ROUGE engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if engine == AUTO_ENGINE:
        return RS_ENGINE if rs_available() else "fast"
    if engine == RS_ENGINE and not rs_available():
        raise ConfigError("eval.engine=rouge-score-rs but rouge-score-rs is not installed "
                          "(pip install rouge-score-rs, or eval.engine=fast: same numbers, slower)")
    return engine


class PairScorer(Protocol):
    """What every engine offers: scores of one prediction against one target, or of many pairs."""

    def score(self, target: str, prediction: str) -> Scores: ...

    def score_batch(self, targets: list[str], predictions: list[str]) -> list[Scores]: ...


class UnicodeTokenizer:
    """Lower-cased Unicode words, Snowball-stemmed: rouge-score's ``tokenize`` contract."""

    def __init__(self, language: str, stem: bool = True) -> None:
        self._stem = Stemmer(language) if stem else None

    def tokenize(self, text: str) -> list[str]:
        tokens = [w.lower() for w in words(text)]
        if self._stem is not None:
            return [self._stem(t) for t in tokens]
        return tokens


def _prf_dicts(scores: dict[str, Any]) -> Scores:
    return {t: {"precision": v.precision, "recall": v.recall, "fmeasure": v.fmeasure} for t, v in scores.items()}


class _PackageAdapter:
    """rouge-score's or rouge-score-rs's ``RougeScorer`` with the fast engine's return type (plain dicts)."""

    def __init__(self, scorer: Any) -> None:
        self._scorer = scorer
        self._batch = getattr(scorer, "score_batch", None)

    def score(self, target: str, prediction: str) -> Scores:
        return _prf_dicts(self._scorer.score(target, prediction))

    def score_batch(self, targets: list[str], predictions: list[str]) -> list[Scores]:
        if self._batch is None:
            return [self.score(t, p) for t, p in zip(targets, predictions, strict=True)]
        return [_prf_dicts(s) for s in self._batch(targets, predictions)]


def _make_scorer(types: tuple[str, ...], stem: bool, language: str, engine: str) -> PairScorer:
    """The scorer of a resolved engine for a (non-auto) language."""
    if language == "english" and engine == "fast":
        from summarize.evaluation.fast_rouge import FastRougeScore

        return FastRougeScore(types, stem=stem)
    tokenizer = None if language == "english" else UnicodeTokenizer(language, stem)
    if engine == RS_ENGINE:
        from rouge_score_rs import rouge_scorer as rs_scorer

        return _PackageAdapter(rs_scorer.RougeScorer(list(types), use_stemmer=stem, tokenizer=tokenizer))
    # rouge-score itself (the reference), and the fast engine's stand-in for other languages
    from rouge_score import rouge_scorer

    # rouge-score logs "Using default tokenizer." at INFO through absl on every scorer
    logging.getLogger("absl").setLevel(logging.WARNING)
    return _PackageAdapter(rouge_scorer.RougeScorer(list(types), use_stemmer=stem, tokenizer=tokenizer))


@dataclass(frozen=True)
class RougeSettings:
    """How ROUGE is computed; :meth:`signature` names every setting.

    Args:
        types: ROUGE variants, from ``rouge1``, ``rouge2``, ``rougeL``, ``rougeLsum``.
        stem: stem words (Porter for English, as rouge-score; Snowball otherwise).
        multi_ref: with several references, the ``mean`` of the scores against each, the
            ``max`` (by F-measure, as rouge-score's ``score_multi``), or ``jackknife``: the
            mean, over the M sets of M-1 references, of the best score in each set.
        truncate_words: score only the summary's first N words (whitespace tokens).
        truncate_bytes: or its first N bytes (UTF-8); not both.
        language: the text's language; English uses rouge-score's tokenizer exactly.
        engine: ``auto`` (``rouge-score-rs`` when installed, else ``fast``), ``rouge-score-rs``
            (the Rust port, bit-identical to rouge-score, fastest), ``fast`` (the toolkit's
            exact re-implementation) or ``rouge-score`` itself; all give the same numbers.
            Other languages: ``rouge-score-rs``, else rouge-score, with the Unicode tokenizer.
    """

    types: tuple[str, ...] = ROUGE_TYPES
    stem: bool = True
    multi_ref: str = "mean"
    language: str = "english"
    engine: str = AUTO_ENGINE
    truncate_words: int | None = None
    truncate_bytes: int | None = None
    _scorer: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        types = tuple(self.types)
        bad = [t for t in types if t not in ROUGE_TYPES]
        if bad or not types:
            raise ConfigError(f"unknown ROUGE type(s) {bad}; expected some of {', '.join(ROUGE_TYPES)}")
        if self.multi_ref not in MULTI_REF:
            raise ConfigError(f"unknown multi_ref {self.multi_ref!r}; expected one of {', '.join(MULTI_REF)}")
        language = canonical_or_auto(self.language)
        object.__setattr__(self, "types", types)
        object.__setattr__(self, "language", language)
        if self.truncate_words and self.truncate_bytes:
            raise ConfigError("truncate summaries by words or by bytes, not both")
        engine = resolve_engine(self.engine)
        if language == AUTO:  # each cluster is scored in the language of its references (langdetect)
            object.__setattr__(self, "_scorer", None)
            return
        object.__setattr__(self, "_scorer", _make_scorer(types, self.stem, language, engine))

    @property
    def engine_used(self) -> str:
        """The engine that scores English text (``auto`` resolved)."""
        return resolve_engine(self.engine)

    def score(self, summary: Sequence[str], references: Sequence[str]) -> Scores:
        """ROUGE of one summary (its sentences) against reference texts; see :func:`score_summary`."""
        return score_summary(summary, references, self)

    def score_many(self, summaries: Sequence[Sequence[str]], references: Sequence[Sequence[str]]) -> list[Scores]:
        """ROUGE of many summaries, every (reference, summary) pair in one batch; see :func:`score_many`."""
        return score_many(summaries, references, self)

    def signature(self) -> str:
        """E.g. ``rouge|1,2,L,Lsum|stem|refs:mean|tok:rouge-score|lang:en|v0.1.0``."""
        tok = "rouge-score" if self.language == "english" else "detected" if self.language == AUTO else "unicode-snowball"
        cut = (f"|trunc:w{self.truncate_words}" if self.truncate_words else
               f"|trunc:b{self.truncate_bytes}" if self.truncate_bytes else "")
        return "|".join([
            "rouge", ",".join(_SHORT[t] for t in self.types), "stem" if self.stem else "nostem",
            f"refs:{self.multi_ref}", f"tok:{tok}", f"lang:{self.language}", f"v{__version__}",
        ]) + cut


def _prepare(summary: Sequence[str], references: Sequence[str],
             settings: RougeSettings) -> tuple[RougeSettings, str, list[str]]:
    """The settings for this summary's language, the prediction text and the reference texts,
    sentences one a line (rougeLsum reads the newlines)."""
    if not references:
        raise ValueError("no references to score against")
    if settings.language == AUTO:
        settings = _in_language(settings, detect(sample(list(references))).language)
    if settings.truncate_words or settings.truncate_bytes:
        from summarize.budget import truncate_summary

        summary = truncate_summary(summary, words=settings.truncate_words, bytes_=settings.truncate_bytes)
    prediction = "\n".join(s.strip() for s in summary)
    targets = ["\n".join(split_sentences(ref, settings.language, join_lowercase=False)) for ref in references]
    return settings, prediction, targets


def _combine(per_ref: list[Scores], settings: RougeSettings) -> Scores:
    """One summary's scores from its scores against each reference (``settings.multi_ref``)."""
    out: Scores = {}
    for t in settings.types:
        if settings.multi_ref == "jackknife" and len(per_ref) > 1:
            sets = [per_ref[:i] + per_ref[i + 1:] for i in range(len(per_ref))]
            bests = [max(group, key=lambda s: s[t]["fmeasure"])[t] for group in sets]
            out[t] = {k: sum(b[k] for b in bests) / len(bests) for k in _MEASURES}
        elif settings.multi_ref in ("max", "jackknife"):
            out[t] = dict(max(per_ref, key=lambda s: s[t]["fmeasure"])[t])
        else:
            n = len(per_ref)
            out[t] = {k: sum(s[t][k] for s in per_ref) / n for k in _MEASURES}
    return out


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
    settings, prediction, targets = _prepare(summary, references, settings)
    scorer = settings._scorer
    if len(targets) == 1:
        per_ref = [scorer.score(targets[0], prediction)]
    else:
        per_ref = scorer.score_batch(targets, [prediction] * len(targets))
    return _combine(per_ref, settings)


def score_many(summaries: Sequence[Sequence[str]], references: Sequence[Sequence[str]],
               settings: RougeSettings) -> list[Scores]:
    """ROUGE of many summaries, each against its references, in input order.

    Every (reference, summary) pair of a language goes to the engine in one batch: with
    ``rouge-score-rs`` that is its ``score_batch``, on every core without the GIL (limit the
    threads with ``RAYON_NUM_THREADS``). The numbers equal :func:`score_summary`'s.

    Args:
        summaries: each summary's sentences.
        references: each summary's reference texts.
        settings: the ROUGE settings.

    Raises:
        ValueError: the two lists differ in length, or a summary has no references.
    """
    if len(summaries) != len(references):
        raise ValueError(f"{len(summaries)} summaries but {len(references)} reference lists")
    prepared = [_prepare(s, r, settings) for s, r in zip(summaries, references, strict=True)]
    per_ref: list[list[Scores]] = [[] for _ in prepared]
    by_language: dict[RougeSettings, list[int]] = {}
    for i, (resolved, _, _) in enumerate(prepared):
        by_language.setdefault(resolved, []).append(i)
    for resolved, members in by_language.items():
        owners = [i for i in members for _ in prepared[i][2]]
        targets = [t for i in members for t in prepared[i][2]]
        predictions = [prepared[i][1] for i in owners]
        for i, scores in zip(owners, resolved._scorer.score_batch(targets, predictions), strict=True):
            per_ref[i].append(scores)
    return [_combine(scores, resolved) for scores, (resolved, _, _) in zip(per_ref, prepared, strict=True)]


@lru_cache(maxsize=64)
def _in_language(settings: RougeSettings, language: str) -> RougeSettings:
    return replace(settings, language=language)


def _score_chunk(args: tuple[list[tuple[list[str], list[str]]], RougeSettings]) -> list[Scores]:
    pairs, settings = args
    return score_many([s for s, _ in pairs], [r for _, r in pairs], settings)


def score_all(summaries: Sequence[Sequence[str]], references: Sequence[Sequence[str]], settings: RougeSettings,
              *, workers: int = 1, chunk: int = 64) -> list[Scores]:
    """Score many summaries, in batches, optionally on several processes (results in input order).

    With ``rouge-score-rs`` one process already scores on every core (:func:`score_many`);
    ``workers`` helps the other engines.

    Args:
        summaries: each summary's sentences.
        references: each summary's reference texts.
        settings: the ROUGE settings.
        workers: processes; 1 scores in this one.
        chunk: summaries per task.
    """
    if len(summaries) != len(references):
        raise ValueError(f"{len(summaries)} summaries but {len(references)} reference lists")
    pairs = [(list(s), list(r)) for s, r in zip(summaries, references, strict=True)]
    if workers <= 1 or len(pairs) <= chunk:
        return _score_chunk((pairs, settings))
    from concurrent.futures import ProcessPoolExecutor

    tasks = [(pairs[i:i + chunk], settings) for i in range(0, len(pairs), chunk)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [s for part in pool.map(_score_chunk, tasks) for s in part]


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
