"""DUC mode: ROUGE-1.5.5 reproduced in Python.

Matches ``ROUGE-1.5.5.pl -n 4 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a`` with ``-l N``
or ``-b N``: the script's tokenization (ASCII lower-casing, every character outside
``[A-Za-z0-9]`` a separator), truncation of peer *and* model summaries to the first N words
or bytes, its Porter stemmer with the WordNet 2.0 exception list for words longer than
three letters, clipped n-gram counts summed over the models (``-f A``), the skip-bigram
count of ``-2 4 -u`` (including its quirk: the last token's unigram is not counted), and
the per-summary rounding to five decimals. Several references are combined by the
``-f A`` model average, by jackknifing (the mean of the scores against every set of M-1
references, as DUC reported), or by the best reference (``-f B``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain

from summarize import __version__
from summarize.errors import ConfigError, require_int
from summarize.evaluation.porter import stem as porter_stem

MULTI_REF = ("jackknife", "average", "best")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_TOKEN = re.compile(r"[a-z0-9]+")

Prf = dict[str, float]


@lru_cache(maxsize=1)
def wordnet_exceptions() -> dict[str, str]:
    """ROUGE-1.5.5's WordNet 2.0 exception table (inflected form -> base form)."""
    text = (resources.files("summarize.evaluation") / "data" / "wordnet-2.0-exceptions.txt").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, base = line.partition(" ")
            table[word] = base
    return table


def _round5(x: float) -> float:
    return float(f"{x:.5f}")


@dataclass(frozen=True)
class DucSettings:
    """ROUGE-1.5.5 settings.

    Args:
        max_n: highest n of ROUGE-N (``-n``).
        skip: skip distance of ROUGE-SU (``-2``); ``None`` leaves ROUGE-SU out.
        word_limit: truncate peer and models to this many words (``-l``).
        byte_limit: or to this many bytes (``-b``); not both.
        stem: Porter stemming with WordNet exceptions (``-m``).
        multi_ref: ``jackknife``, ``average`` (``-f A``) or ``best`` (``-f B``).
        alpha: the F-measure weight of recall (``-p``).
        lcs: also compute the summary-level ROUGE-L (union LCS; ``-x`` turns it off).
    """

    max_n: int = 4
    skip: int | None = 4
    word_limit: int | None = 100
    byte_limit: int | None = None
    stem: bool = True
    multi_ref: str = "jackknife"
    alpha: float = 0.5
    lcs: bool = True

    def __post_init__(self) -> None:
        require_int(self.max_n, "eval.max_n")
        require_int(self.skip, "eval.skip", minimum=-1, allow_none=True)
        require_int(self.word_limit, "eval.word_limit", minimum=0, allow_none=True)
        require_int(self.byte_limit, "eval.byte_limit", minimum=0, allow_none=True)
        if isinstance(self.alpha, bool) or not isinstance(self.alpha, (int, float)) or not 0 <= self.alpha <= 1:
            raise ConfigError(f"eval.alpha (the weight of recall in F) must be a number in [0, 1], got {self.alpha!r}")
        if self.word_limit and self.byte_limit:
            raise ConfigError("DUC mode takes a word limit or a byte limit, not both")
        if self.multi_ref not in MULTI_REF:
            raise ConfigError(f"unknown multi_ref {self.multi_ref!r}; expected one of {', '.join(MULTI_REF)}")
        if not 1 <= self.max_n <= 9:
            raise ConfigError(f"max_n must be between 1 and 9, got {self.max_n}")

    @property
    def types(self) -> tuple[str, ...]:
        names = tuple(f"rouge{n}" for n in range(1, self.max_n + 1)) + (("rougeL",) if self.lcs else ())
        return names + ((f"rougeSU{self.skip}",) if self.skip is not None else ())

    def score(self, summary: Sequence[str], references: Sequence[str]) -> dict[str, Prf]:
        """ROUGE-1.5.5 scores of one summary; references are texts with one sentence a line."""
        return score_duc(summary, references, self)

    def signature(self) -> str:
        """E.g. ``rouge155|n4,SU4|stem|l100|refs:jk|alpha0.5|v0.1.0``."""
        limit = f"l{self.word_limit}" if self.word_limit else (f"b{self.byte_limit}" if self.byte_limit else "nolimit")
        kinds = f"n{self.max_n}" + (",L" if self.lcs else "") + (f",SU{self.skip}" if self.skip is not None else "")
        refs = {"jackknife": "jk", "average": "avg", "best": "best"}[self.multi_ref]
        return "|".join(["rouge155", kinds, "stem" if self.stem else "nostem", limit, f"refs:{refs}",
                         f"alpha{self.alpha}", f"v{__version__}"])


def truncate_lines(lines: Sequence[str], settings: DucSettings, *, lcs: bool = False) -> list[str]:
    """The summary's lines, lower-cased and truncated as ROUGE-1.5.5's ``readText`` does.

    With ``lcs`` the rules of ``readText_LCS`` apply: in byte mode that routine never adds
    up the bytes it has kept, so only a single over-long line is cut (a quirk kept here).
    """
    lines = [ln.translate(_ASCII_LOWER) for ln in lines if ln.strip()]
    if settings.word_limit:
        out: list[str] = []
        used = 0
        for line in lines:
            toks = line.split()
            if used + len(toks) < settings.word_limit:
                out.append(" ".join(toks))
                used += len(toks)
            else:
                out.append(" ".join(toks[: settings.word_limit - used]))
                break
        return out
    if settings.byte_limit:
        out_b: list[bytes] = []
        used = 0
        for line in lines:
            raw = line.encode("utf-8")
            # the script counts each line's bytes but not the spaces that join them
            if used + len(raw) < settings.byte_limit:
                out_b.append(raw)
                if not lcs:
                    used += len(raw)
            else:
                out_b.append(raw[: settings.byte_limit - used])
                break
        return [b.decode("utf-8", errors="ignore") for b in out_b]
    return lines


_STEMS: dict[str, str] = {}


def _stem(word: str) -> str:
    """One word as the script stems it (WordNet exception, else Porter; short words as they are)."""
    out = _STEMS.get(word)
    if out is None:
        out = (wordnet_exceptions().get(word) or porter_stem(word)) if len(word) > 3 else word
        if len(_STEMS) < 500_000:  # bounded: a cache, not a vocabulary of everything ever scored
            _STEMS[word] = out
    return out


def _stemmed(words: list[str], settings: DucSettings) -> list[str]:
    if not settings.stem:
        return words
    get = _STEMS.get
    return [get(w) or _stem(w) for w in words]


def tokens(lines: Sequence[str], settings: DucSettings) -> list[str]:
    """ROUGE-1.5.5's tokens of a summary: truncated, lower-cased, split, stemmed."""
    return _stemmed(_TOKEN.findall(" ".join(truncate_lines(lines, settings))), settings)


def sentence_tokens(lines: Sequence[str], settings: DucSettings) -> list[list[str]]:
    """Tokens per line, as ROUGE-1.5.5's ``readText_LCS`` and ``tokenizeText_LCS`` make them."""
    return [_stemmed(_TOKEN.findall(line), settings) for line in truncate_lines(lines, settings, lcs=True)]


def ngrams(toks: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Counts of the n-grams of a token list."""
    toks = list(toks)
    return Counter(zip(*(toks[k:] for k in range(n)), strict=False))


def skip_bigrams(toks: Sequence[str], skip: int) -> Counter[tuple[str, ...]]:
    """Skip bigrams within ``skip`` words plus unigrams (``-u``), counted as the script does."""
    toks = list(toks)
    last = len(toks) - 1
    # the script stops before the last token, so its unigram is never counted; a pair spans at
    # most skip + 1 positions
    pairs = [zip(toks, toks[gap:], strict=False) for gap in range(1, skip + 2)]
    return Counter(chain(zip(toks[:last]) if last > 0 else (), *pairs))


def _hits(model: Counter[tuple[str, ...]], peer: Counter[tuple[str, ...]]) -> int:
    """Clipped matches: each n-gram counts at most as often as in the other summary."""
    common = model.keys() & peer.keys()
    return sum(map(min, map(model.__getitem__, common), map(peer.__getitem__, common)))


def _lcs_mask(model: Sequence[str], peer: Sequence[str], mask: list[bool],
              positions: dict[str, int] | None = None) -> None:
    """Mark the model positions of one LCS of ``model`` and ``peer`` (the script's backtrack).

    The script fills the LCS table and walks back from its corner: diagonal on a match, else
    up when the cell above is at least the cell to the left, else left. The table is computed
    here a row at a time as a bit vector (Hyyrö's bit-parallel LCS: bit ``j`` of row ``i`` is set
    where ``c[i][j + 1] = c[i][j] + 1``), so a cell is a popcount of a row's low bits, and the
    walk reads the cells it passes; the same path, without filling ``m x n`` cells in Python.
    ``positions`` (token -> bit mask of its places in ``peer``) may be passed precomputed.
    """
    m, n = len(model), len(peer)
    if m == 0 or n == 0:
        return
    if positions is None:
        positions = _positions(peer)
    full = (1 << n) - 1
    v = full
    rows = [0]  # rows[i]: the set bits are the steps of table row i
    get = positions.get
    for w in model:
        u = v & get(w, 0)
        if u:
            v = ((v + u) | (v - u)) & full
        rows.append(~v & full)
    # the walk keeps the value of its cell: a match steps diagonally (one less); otherwise the
    # script goes up when the cell above is at least the one to the left, which (the cell being
    # the larger of the two) is when the cell above holds the same value; else left, same value
    i, j, here = m, n, rows[m].bit_count()
    while here:  # at 0 no match is left to mark
        if model[i - 1] == peer[j - 1]:
            i -= 1
            j -= 1
            mask[i] = True
            here -= 1
        elif (rows[i - 1] & ((1 << j) - 1)).bit_count() == here:
            i -= 1
        else:
            j -= 1


def _positions(toks: Sequence[str]) -> dict[str, int]:
    """Token -> bit mask of the positions where it occurs."""
    out: dict[str, int] = {}
    for k, w in enumerate(toks):
        out[w] = out.get(w, 0) | (1 << k)
    return out


def _lcs_hits(model: list[list[str]], peer: list[list[str]], model_1: Counter[tuple[str, ...]],
              peer_1: Counter[tuple[str, ...]],
              peers: list[tuple[list[str], dict[str, int]]] | None = None) -> tuple[int, int]:
    """Union-LCS hits of a model against the peer, clipped by unigram counts; and the model length.
    ``peers``: the peer's non-empty lines with their :func:`_positions`, when computed already."""
    model_1, peer_1 = Counter(model_1), Counter(peer_1)
    if peers is None:
        peers = [(p, _positions(p)) for p in peer if p]
    hit = base = 0
    for sent in model:
        mask = [False] * len(sent)
        base += len(sent)
        words = set(sent)
        for p, positions in peers:
            if not words.isdisjoint(positions):  # no common word: no LCS to mark
                _lcs_mask(sent, p, mask, positions)
        for k, w in enumerate(sent):
            if mask[k] and model_1[(w,)] > 0 and peer_1[(w,)] > 0:
                hit += 1
                model_1[(w,)] -= 1
                peer_1[(w,)] -= 1
    return hit, base


def _prf(hit: int, model_count: int, peer_count: int, alpha: float) -> Prf:
    recall = _round5(hit / model_count) if model_count else 0.0
    precision = _round5(hit / peer_count) if peer_count else 0.0
    denom = (1 - alpha) * precision + alpha * recall
    f = _round5(precision * recall / denom) if denom > 0 else 0.0
    return {"precision": precision, "recall": recall, "fmeasure": f}


def _combine(per_model: list[tuple[int, int]], peer_count: int, mode: str, alpha: float) -> Prf:
    """Combine (hits, model count) pairs of a set of references, ``-f A`` or ``-f B``."""
    if mode == "best":
        best: tuple[float, int, int] | None = None
        for hit, m_n in per_model:
            score = _round5(hit / m_n) if m_n else 0.0
            if best is None or score > best[0]:
                best = (score, hit, m_n)
        assert best is not None
        return _prf(best[1], best[2], peer_count, alpha)
    return _prf(sum(h for h, _ in per_model), sum(m for _, m in per_model), peer_count * len(per_model), alpha)


def _over_references(per_model: list[tuple[int, int]], peer_count: int, settings: DucSettings) -> Prf:
    """Jackknife (mean over the M sets of M-1 references), average, or best."""
    if settings.multi_ref == "jackknife" and len(per_model) > 1:
        parts = [_combine(per_model[:i] + per_model[i + 1:], peer_count, "average", settings.alpha)
                 for i in range(len(per_model))]
        return {k: sum(p[k] for p in parts) / len(parts) for k in ("precision", "recall", "fmeasure")}
    return _combine(per_model, peer_count, "best" if settings.multi_ref == "best" else "average", settings.alpha)


def score_duc(summary: Sequence[str], references: Sequence[Sequence[str]] | Sequence[str],
              settings: DucSettings) -> dict[str, Prf]:
    """ROUGE-1.5.5 scores of one summary.

    Hits against each reference are computed once and combined per reference set, so
    jackknifing costs no more than one pass over the references.

    Args:
        summary: the summary's sentences, one a line.
        references: the references, each a list of lines (or a string, split on newlines).
        settings: the DUC settings.

    Returns:
        ``{"rouge1": {...}, ..., "rougeL": {...}, "rougeSU4": {...}}`` with precision, recall, F-measure.
    """
    if not references:
        raise ValueError("no references to score against")
    refs = [r.split("\n") if isinstance(r, str) else list(r) for r in references]
    if settings.lcs and not settings.byte_limit:
        # by words (or no limit) the LCS lines are the lines tokens() joins, and no token spans
        # the space that joins them: tokenize each line once
        peer_sents = sentence_tokens(summary, settings)
        model_sents = [sentence_tokens(r, settings) for r in refs]
        peer_tokens = [t for line in peer_sents for t in line]
        model_tokens = [[t for line in m for t in line] for m in model_sents]
    else:
        peer_tokens = tokens(summary, settings)
        model_tokens = [tokens(r, settings) for r in refs]
        if settings.lcs:
            peer_sents = sentence_tokens(summary, settings)
            model_sents = [sentence_tokens(r, settings) for r in refs]
    out: dict[str, Prf] = {}
    for n in range(1, settings.max_n + 1):
        peer = ngrams(peer_tokens, n)
        models = [ngrams(t, n) for t in model_tokens]
        per_model = [(_hits(m, peer), sum(m.values())) for m in models]
        out[f"rouge{n}"] = _over_references(per_model, sum(peer.values()), settings)
    if settings.lcs:
        peer_1 = ngrams(peer_tokens, 1)
        peers = [(p, _positions(p)) for p in peer_sents if p]
        per_model = [_lcs_hits(m, peer_sents, ngrams(t, 1), peer_1, peers)
                     for m, t in zip(model_sents, model_tokens, strict=True)]
        out["rougeL"] = _over_references(per_model, sum(peer_1.values()), settings)
    if settings.skip is not None:
        peer = skip_bigrams(peer_tokens, settings.skip)
        models = [skip_bigrams(t, settings.skip) for t in model_tokens]
        per_model = [(_hits(m, peer), sum(m.values())) for m in models]
        out[f"rougeSU{settings.skip}"] = _over_references(per_model, sum(peer.values()), settings)
    return out
