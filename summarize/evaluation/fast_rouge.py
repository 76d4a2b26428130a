"""rouge-score's ROUGE-1/2/L/Lsum, computed faster and identically, in Python.

The ``fast`` engine of :mod:`summarize.evaluation.rouge`: the fallback where the Rust port
``rouge-score-rs`` (faster still, the default) is not installed.

The same tokenization (rouge-score's regular expressions, NLTK's Porter stemmer on words of
more than three letters), the same counts and the same summary-level union LCS with the same
backtracking, so every number equals rouge-score's. What changes is the work: each text is
tokenized once and each word stemmed once per process (a shared cache); the ROUGE-L length
comes from rapidfuzz's bit-parallel LCS; and in the summary-level LCS, reference tokens that
do not occur in the candidate sentence are dropped before the dynamic programme (such rows
never change the table or the backtracked path, so the union LCS is unchanged).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz.distance import LCSseq

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_VALID = re.compile(r"^[a-z0-9]+$")

Prf = dict[str, float]


class FastRougeScore:
    """A drop-in for ``rouge_scorer.RougeScorer(types, use_stemmer=...)`` on English text.

    Args:
        types: ROUGE types among rouge1..rouge9, rougeL, rougeLsum.
        stem: Porter stemming, as ``use_stemmer``.
    """

    def __init__(self, types: Sequence[str], stem: bool = True) -> None:
        self.types = tuple(types)
        self._stemmer = None
        if stem:
            from nltk.stem import porter

            self._stemmer = porter.PorterStemmer()
        self._stems: dict[str, str] = {}

    def tokenize(self, text: str) -> list[str]:
        """rouge-score's ``tokenize``: lower-case, split on non-alphanumerics, stem words > 3 letters."""
        tokens = _SPACES.split(_NON_ALNUM.sub(" ", text.lower()))
        if self._stemmer is not None:
            cache = self._stems
            out = []
            for t in tokens:
                if len(t) > 3:
                    s = cache.get(t)
                    if s is None:
                        s = self._stemmer.stem(t)
                        if len(cache) < 1_000_000:
                            cache[t] = s
                    t = s
                out.append(t)
            tokens = out
        return [t for t in tokens if t and _VALID.match(t)]

    def score(self, target: str, prediction: str) -> dict[str, Prf]:
        """Scores of ``prediction`` against ``target`` (sentences separated by newlines)."""
        t_sents = [self.tokenize(s) for s in target.split("\n") if s]
        p_sents = [self.tokenize(s) for s in prediction.split("\n") if s]
        return self.score_tokens(t_sents, p_sents)

    def score_batch(self, targets: list[str], predictions: list[str]) -> list[dict[str, Prf]]:
        """``[self.score(t, p) for t, p in zip(targets, predictions)]`` (the batch API of the other engines)."""
        return [self.score(t, p) for t, p in zip(targets, predictions, strict=True)]

    def score_tokens(self, t_sents: list[list[str]], p_sents: list[list[str]]) -> dict[str, Prf]:
        """Scores from tokenized sentences (tokenize the reference once, score many candidates).

        The whole-text tokens are the sentences' tokens joined: rouge-score tokenizes the text
        with its newlines, and a newline is a separator like any other non-alphanumeric.
        """
        t_tok = [t for s in t_sents for t in s]
        p_tok = [t for s in p_sents for t in s]
        out: dict[str, Prf] = {}
        for kind in self.types:
            if kind == "rougeL":
                if not t_tok or not p_tok:
                    out[kind] = _prf(0, 1, 1, zero=True)
                else:
                    lcs = LCSseq.similarity(t_tok, p_tok)
                    out[kind] = _prf(lcs, len(p_tok), len(t_tok))
            elif kind == "rougeLsum":
                out[kind] = _summary_level_lcs(t_sents, p_sents)
            else:
                n = int(kind[5:])
                t_ng = _ngrams(t_tok, n)
                p_ng = _ngrams(p_tok, n)
                hits = sum(min(c, p_ng[g]) for g, c in t_ng.items() if g in p_ng)
                out[kind] = _prf(hits, max(sum(p_ng.values()), 1), max(sum(t_ng.values()), 1))
        return out


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    if n == 1:
        return Counter((t,) for t in tokens)
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _fmeasure(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def _prf(hits: int, p_count: int, r_count: int, zero: bool = False) -> Prf:
    if zero:
        return {"precision": 0, "recall": 0, "fmeasure": 0}
    precision, recall = hits / p_count, hits / r_count
    return {"precision": precision, "recall": recall, "fmeasure": _fmeasure(precision, recall)}


def _lcs_rows(ref: list[str], can: list[str]) -> list[int]:
    """Indices into ``ref`` of rouge-score's backtracked LCS of ``ref`` and ``can``."""
    present = set(can)
    rows = [i for i, t in enumerate(ref) if t in present]
    if not rows:
        return []
    n = len(can)
    table = [[0] * (n + 1)]
    for i in rows:
        tok = ref[i]
        prev = table[-1]
        cur = [0] * (n + 1)
        for j in range(1, n + 1):
            if tok == can[j - 1]:
                cur[j] = prev[j - 1] + 1
            else:
                a, b = prev[j], cur[j - 1]
                cur[j] = a if a >= b else b
        table.append(cur)
    # rouge-score's _backtrack_norec on the reduced table
    i, j = len(rows), n
    lcs: list[int] = []
    while i > 0 and j > 0:
        if ref[rows[i - 1]] == can[j - 1]:
            lcs.append(rows[i - 1])
            i -= 1
            j -= 1
        elif table[i][j - 1] > table[i - 1][j]:
            j -= 1
        else:
            i -= 1
    return lcs


def _summary_level_lcs(ref_sents: list[list[str]], can_sents: list[list[str]]) -> Prf:
    if not ref_sents or not can_sents:
        return _prf(0, 1, 1, zero=True)
    m = sum(map(len, ref_sents))
    n = sum(map(len, can_sents))
    if not n or not m:
        return _prf(0, 1, 1, zero=True)
    counts_r: Counter[str] = Counter()
    counts_c: Counter[str] = Counter()
    for s in ref_sents:
        counts_r.update(s)
    for s in can_sents:
        counts_c.update(s)
    hits = 0
    for ref in ref_sents:
        union: set[int] = set()
        for can in can_sents:
            union.update(_lcs_rows(ref, can))
        for k in sorted(union):
            t = ref[k]
            if counts_c[t] > 0 and counts_r[t] > 0:
                hits += 1
                counts_c[t] -= 1
                counts_r[t] -= 1
    precision, recall = hits / n, hits / m
    return {"precision": precision, "recall": recall, "fmeasure": _fmeasure(precision, recall)}
