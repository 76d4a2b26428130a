"""Gradient-boosted regression trees shipped as JSON (the sentence salience model).

A model is ``baseline + sum of its trees' leaf values``; each tree sends a row left where
``x[feature] <= threshold`` (a missing value goes where the tree learned to send it). The trees
are fitted by scikit-learn's ``HistGradientBoostingRegressor`` in ``eval/train_salience.py``
and written out node by node (:meth:`TreeModel.from_sklearn`), so the toolkit needs only numpy
to apply one, and nothing but numbers is ever loaded: no pickle.
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

KIND = "gradient_boosted_trees"
_FIELDS = ("feature", "threshold", "missing_left", "left", "right", "leaf", "value")


@dataclass(frozen=True)
class TreeModel:
    """Regression trees over named features, stacked into padded arrays (trees x nodes).

    Attributes:
        features: the feature names, in column order.
        baseline: the constant every prediction starts from.
        feature, threshold, missing_left, left, right, leaf, value: per tree and node; a leaf's
            children are itself, so every row can take the same number of steps.
        size: the number of nodes of each tree (the rest of its row is padding).
        about: how and on what it was fitted.
    """

    features: tuple[str, ...]
    baseline: float
    feature: np.ndarray
    threshold: np.ndarray
    missing_left: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray
    size: np.ndarray
    about: dict = field(default_factory=dict)

    @property
    def n_trees(self) -> int:
        return int(self.feature.shape[0])

    def decision(self, x: np.ndarray) -> np.ndarray:
        """The predicted value of each row of ``x`` (rows x features)."""
        x = np.asarray(x, dtype=float)
        if x.ndim != 2 or x.shape[1] != len(self.features):
            raise ValueError(f"expected rows of {len(self.features)} features, got shape {x.shape}")
        n, t = x.shape[0], self.n_trees
        if n == 0:
            return np.zeros(0)
        trees = np.arange(t)[None, :]
        node = np.zeros((n, t), dtype=np.int64)
        rows = np.arange(n)[:, None]
        for _ in range(self.feature.shape[1]):
            if self.leaf[trees, node].all():
                break
            v = x[rows, self.feature[trees, node]]
            go_left = np.where(np.isnan(v), self.missing_left[trees, node], v <= self.threshold[trees, node])
            node = np.where(go_left, self.left[trees, node], self.right[trees, node])
        return self.baseline + self.value[trees, node].sum(axis=1)

    def to_json(self) -> str:
        trees = []
        for k in range(self.n_trees):
            size = int(self.size[k])
            trees.append({
                "feature": self.feature[k, :size].tolist(), "threshold": self.threshold[k, :size].tolist(),
                "missing_left": self.missing_left[k, :size].astype(int).tolist(),
                "left": self.left[k, :size].tolist(), "right": self.right[k, :size].tolist(),
                "leaf": self.leaf[k, :size].astype(int).tolist(), "value": self.value[k, :size].tolist(),
            })
        return json.dumps({"kind": KIND, "features": list(self.features), "baseline": self.baseline,
                           "about": self.about, "trees": trees}, separators=(",", ":")) + "\n"

    @classmethod
    def from_trees(cls, features: Sequence[str], baseline: float, trees: Sequence[dict[str, Sequence]],
                   about: dict | None = None) -> TreeModel:
        """Stack per-tree node lists (the keys of :data:`_FIELDS`) into padded arrays."""
        if not trees:
            raise ValueError("no trees")
        width = max(len(t["leaf"]) for t in trees)
        out: dict[str, np.ndarray] = {}
        for name, dtype, pad in (("feature", np.int64, 0), ("threshold", float, 0.0), ("missing_left", bool, False),
                                 ("left", np.int64, 0), ("right", np.int64, 0), ("leaf", bool, True),
                                 ("value", float, 0.0)):
            arr = np.full((len(trees), width), pad, dtype=dtype)
            for k, t in enumerate(trees):
                arr[k, :len(t[name])] = np.asarray(t[name], dtype=dtype)
            out[name] = arr
        # a leaf (and padding) points at itself, so extra steps leave it where it is
        idx = np.broadcast_to(np.arange(width), out["leaf"].shape)
        out["left"] = np.where(out["leaf"], idx, out["left"])
        out["right"] = np.where(out["leaf"], idx, out["right"])
        return cls(features=tuple(features), baseline=float(baseline), about=dict(about or {}),
                   size=np.array([len(t["leaf"]) for t in trees], dtype=np.int64), **out)

    @classmethod
    def from_sklearn(cls, estimator: Any, features: Sequence[str], about: dict | None = None) -> TreeModel:
        """The trees of a fitted ``HistGradientBoostingRegressor`` (numerical features only)."""
        trees = []
        for (predictor,) in estimator._predictors:
            nodes = predictor.nodes
            if nodes["is_categorical"].any():
                raise ValueError("categorical splits are not supported")
            trees.append({"feature": nodes["feature_idx"], "threshold": nodes["num_threshold"],
                          "missing_left": nodes["missing_go_to_left"], "left": nodes["left"],
                          "right": nodes["right"], "leaf": nodes["is_leaf"], "value": nodes["value"]})
        baseline = float(np.ravel(estimator._baseline_prediction)[0])
        return cls.from_trees(features, baseline, trees, about)

    @classmethod
    def from_json(cls, text: str, expected: Sequence[str], where: str = "model") -> TreeModel:
        """Parse and check a model; ``expected`` are the features this version computes."""
        try:
            obj = json.loads(text)
            if obj.get("kind") != KIND:
                raise ValueError(f"kind is {obj.get('kind')!r}, not {KIND!r}")
            trees = [{name: t[name] for name in _FIELDS} for t in obj["trees"]]
            model = cls.from_trees(obj["features"], obj["baseline"], trees, obj.get("about"))
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise ConfigError(f"model {where} is malformed: {e}") from None
        if model.features != tuple(expected):
            raise ConfigError(f"model {where} expects features {list(model.features)}, "
                              f"this version computes {list(expected)}")
        width = model.feature.shape[1]
        inner = ~model.leaf
        if not (np.isfinite(model.threshold).all() and np.isfinite(model.value).all() and math.isfinite(model.baseline)):
            raise ConfigError(f"model {where} has non-finite thresholds or values")
        if ((model.feature[inner] < 0) | (model.feature[inner] >= len(model.features))).any() or (
                (model.left < 0) | (model.left >= width) | (model.right < 0) | (model.right >= width)).any():
            raise ConfigError(f"model {where} has a split on a missing feature or a child out of range")
        return model

    @classmethod
    def load(cls, path: str | Path, expected: Sequence[str]) -> TreeModel:
        from summarize.linear import read_model

        return cls.from_json(read_model(path), expected, str(path))


def is_tree_model(text: str) -> bool:
    """Whether a model file's text is a tree model (its ``kind``), without parsing the trees."""
    head = text[:200]
    return f'"kind":"{KIND}"' in head.replace(" ", "")


@cache
def load_shipped(path: Path, expected: tuple[str, ...]) -> TreeModel:
    return TreeModel.load(path, expected)
