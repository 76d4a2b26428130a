"""Statistics over per-cluster scores: seeded bootstrap intervals and paired significance tests;
precision, recall and F1 of flags (off-topic detection).

Randomness is explicit: every function takes a seed and draws from
``np.random.default_rng(seed)``, so the same inputs give the same numbers on every run.
"""

from __future__ import annotations

import numbers

import numpy as np

from summarize.errors import ConfigError, InputError, require_seed


def check_resampling(n_resamples: int, confidence: float = 0.95, *, allow_zero: bool = False,
                     seed: int = 0) -> None:
    """Raise :class:`ConfigError` unless ``n_resamples`` is a count (>= 1, or 0 when allowed),
    ``confidence`` lies strictly between 0 and 1 and ``seed`` is a non-negative integer."""
    require_seed(seed, "bootstrap seed")
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, numbers.Integral) or \
            n_resamples < (0 if allow_zero else 1):
        least = "0 (no intervals) or more" if allow_zero else "at least 1"
        raise ConfigError(f"bootstrap resamples must be an integer, {least}; got {n_resamples!r}")
    if not 0 < confidence < 1:
        raise ConfigError(f"bootstrap confidence must be between 0 and 1 (0.95 for 95%); got {confidence!r}")


def _array(values: np.ndarray | list[float], what: str) -> np.ndarray:
    a = np.asarray(values, dtype=float)
    if a.ndim != 1 or a.size == 0:
        raise InputError(f"{what}: need a non-empty list of per-cluster scores")
    return a


def bootstrap_ci(values: np.ndarray | list[float], *, seed: int = 12345, n_resamples: int = 1000,
                 confidence: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap confidence interval of the mean.

    Args:
        values: one score per cluster.
        seed: the RNG seed.
        n_resamples: bootstrap samples (ROUGE-1.5.5's ``-r``).
        confidence: interval coverage (``-c 95`` is 0.95).

    Returns:
        ``(low, high)``.
    """
    check_resampling(n_resamples, confidence, seed=seed)
    a = _array(values, "bootstrap")
    rng = np.random.default_rng(seed)
    means = a[rng.integers(0, a.size, size=(n_resamples, a.size))].mean(axis=1)
    tail = (1 - confidence) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return float(low), float(high)


def paired_bootstrap(a: np.ndarray | list[float], b: np.ndarray | list[float], *, seed: int = 12345,
                     n_resamples: int = 1000) -> float:
    """Two-sided p-value that systems A and B differ, by paired bootstrap (Koehn 2004).

    Clusters are resampled with replacement; the p-value is the share of resampled mean
    differences, shifted to mean zero (the null), at least as far from zero as the observed one.
    """
    check_resampling(n_resamples, seed=seed)
    x, y = _array(a, "paired bootstrap"), _array(b, "paired bootstrap")
    if x.size != y.size:
        raise InputError(f"paired test needs the same clusters: {x.size} vs {y.size} scores")
    d = x - y
    observed = d.mean()
    rng = np.random.default_rng(seed)
    means = d[rng.integers(0, d.size, size=(n_resamples, d.size))].mean(axis=1)
    return float((np.sum(np.abs(means - observed) >= abs(observed) - 1e-15) + 1) / (n_resamples + 1))


def approximate_randomization(a: np.ndarray | list[float], b: np.ndarray | list[float], *, seed: int = 12345,
                              n_resamples: int = 1000) -> float:
    """Two-sided p-value by approximate randomization (Noreen 1989; Riezler & Maxwell 2005).

    Each cluster's pair of scores is swapped with probability 1/2; the p-value is the share
    of shuffles whose absolute mean difference reaches the observed one.
    """
    check_resampling(n_resamples, seed=seed)
    x, y = _array(a, "randomization"), _array(b, "randomization")
    if x.size != y.size:
        raise InputError(f"paired test needs the same clusters: {x.size} vs {y.size} scores")
    d = x - y
    observed = abs(d.mean())
    rng = np.random.default_rng(seed)
    signs = rng.choice([-1.0, 1.0], size=(n_resamples, d.size))
    shuffled = np.abs((signs * d).mean(axis=1))
    return float((np.sum(shuffled >= observed - 1e-15) + 1) / (n_resamples + 1))


def precision_recall_f1(flagged: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    """Precision, recall and F1 of boolean flags against boolean labels (0 where undefined)."""
    flagged, truth = np.asarray(flagged, dtype=bool), np.asarray(truth, dtype=bool)
    tp, fp, fn = int((flagged & truth).sum()), int((flagged & ~truth).sum()), int((~flagged & truth).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
