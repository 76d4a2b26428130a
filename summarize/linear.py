"""Small standardised linear models shipped as JSON (off-topic documents, sentence salience).

A model is ``((x - mean) / scale) @ coef + intercept`` over named features, with an ``about``
record of how it was fitted (corpus, cross-validated scores). Fitting happens in the scripts
under ``eval/`` (scikit-learn); the toolkit itself needs only numpy to apply a model.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from summarize.errors import ConfigError


@dataclass(frozen=True)
class LinearModel:
    """A fitted linear model over named features.

    Attributes:
        features: the feature names, in column order.
        mean, scale: the standardisation fitted with the model.
        coef, intercept: the weights.
        threshold: a decision threshold, for classifiers (``None`` for rankers).
        about: how and on what it was fitted.
    """

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float | None = None
    about: dict = field(default_factory=dict)

    def decision(self, x: np.ndarray) -> np.ndarray:
        """The linear score of each row of ``x``."""
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept

    def probability(self, x: np.ndarray) -> np.ndarray:
        """The logistic of :meth:`decision` (for classifiers)."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.decision(x), -50.0, 50.0)))

    def to_json(self) -> str:
        return json.dumps({"features": list(self.features), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                           "coef": self.coef.tolist(), "intercept": self.intercept, "threshold": self.threshold,
                           "about": self.about}, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str, expected: Sequence[str], where: str = "model") -> LinearModel:
        """Parse and check a model; ``expected`` are the features this version computes."""
        try:
            obj = json.loads(text)
            threshold = obj.get("threshold")
            model = cls(features=tuple(obj["features"]), mean=np.asarray(obj["mean"], float),
                        scale=np.asarray(obj["scale"], float), coef=np.asarray(obj["coef"], float),
                        intercept=float(obj["intercept"]), threshold=None if threshold is None else float(threshold),
                        about=dict(obj.get("about") or {}))
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise ConfigError(f"model {where} is malformed: {e}") from None
        if model.features != tuple(expected) or not (
                model.mean.shape == model.scale.shape == model.coef.shape == (len(expected),)):
            raise ConfigError(f"model {where} expects features {list(model.features)}, "
                              f"this version computes {list(expected)}")
        if not (np.isfinite(model.mean).all() and np.isfinite(model.coef).all() and (model.scale > 0).all()
                and math.isfinite(model.intercept)):
            raise ConfigError(f"model {where} has non-finite weights or a non-positive scale")
        if model.threshold is not None and not 0 < model.threshold < 1:
            raise ConfigError(f"model {where}: threshold must be in (0, 1), got {model.threshold}")
        return model

    @classmethod
    def fit(cls, estimator: Any, x: np.ndarray, y: np.ndarray, features: Sequence[str], *,
            threshold: float | None = None, about: dict | None = None) -> LinearModel:
        """Standardise ``x``, fit a scikit-learn linear ``estimator`` (``Ridge``,
        ``LogisticRegression``, ...) on it and keep what applying it needs."""
        mean = x.mean(axis=0)
        std = x.std(axis=0)
        scale = np.where(std > 0, std, 1.0)  # a constant feature is left as it is
        estimator.fit((x - mean) / scale, y)
        return cls(features=tuple(features), mean=mean, scale=scale, coef=np.ravel(estimator.coef_),
                   intercept=float(np.ravel(estimator.intercept_)[0]), threshold=threshold, about=dict(about or {}))

    @classmethod
    def load(cls, path: str | Path, expected: Sequence[str]) -> LinearModel:
        return cls.from_json(read_model(path), expected, str(path))


def read_model(path: str | Path) -> str:
    """A model file's text, or a one-line :class:`ConfigError` naming it (linear and tree models)."""
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read model {p}: {getattr(e, 'strerror', None) or e}") from None


def load_model(path: str | Path | None, shipped: Path, expected: Sequence[str]) -> LinearModel:
    """A model from ``path``, or the one shipped with the toolkit at ``shipped`` (read once)."""
    return LinearModel.load(path, expected) if path else _load_shipped(shipped, tuple(expected))


@cache
def _load_shipped(path: Path, expected: tuple[str, ...]) -> LinearModel:
    return LinearModel.load(path, expected)
