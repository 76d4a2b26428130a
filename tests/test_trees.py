"""Gradient-boosted trees shipped as JSON: they predict what scikit-learn predicts, by numpy alone."""

import json

import numpy as np
import pytest

from summarize.errors import ConfigError
from summarize.trees import TreeModel, is_tree_model


def _stump():
    # one tree: x[b] <= 0.5 -> -1 (a missing b goes right), else +2; a second tree: +0.25 always
    trees = [
        {"feature": [1, 0, 0], "threshold": [0.5, 0.0, 0.0], "missing_left": [0, 0, 0], "left": [1, 0, 0],
         "right": [2, 0, 0], "leaf": [0, 1, 1], "value": [0.0, -1.0, 2.0]},
        {"feature": [0], "threshold": [0.0], "missing_left": [0], "left": [0], "right": [0], "leaf": [1],
         "value": [0.25]},
    ]
    return TreeModel.from_trees(("a", "b"), 10.0, trees, about={"note": "hand-made"})


def test_a_hand_made_ensemble_adds_its_leaves_to_the_baseline():
    model = _stump()
    x = np.array([[5.0, 0.5], [5.0, 0.51], [-3.0, np.nan], [0.0, -7.0]])
    assert model.decision(x).tolist() == [9.25, 12.25, 12.25, 9.25]
    assert model.decision(np.zeros((0, 2))).shape == (0,)
    with pytest.raises(ValueError, match="2 features"):
        model.decision(np.zeros((3, 3)))


def test_json_round_trip_keeps_every_prediction_and_the_record():
    model = _stump()
    text = model.to_json()
    assert is_tree_model(text) and not is_tree_model('{"features": ["a"], "mean": [0.0]}')
    again = TreeModel.from_json(text, ("a", "b"))
    x = np.random.default_rng(1).normal(size=(50, 2))
    assert np.array_equal(again.decision(x), model.decision(x))
    assert again.about == {"note": "hand-made"} and again.size.tolist() == [3, 1]


def test_trees_from_scikit_learn_predict_what_it_predicts():
    from sklearn.ensemble import HistGradientBoostingRegressor

    rng = np.random.default_rng(0)
    x = rng.normal(size=(2000, 4))
    y = 2 * x[:, 0] + np.sin(3 * x[:, 1]) + (x[:, 2] > 0.3) + rng.normal(scale=0.1, size=2000)
    x[::37, 3] = np.nan  # missing values take the side the fit learned
    fitted = HistGradientBoostingRegressor(max_iter=40, max_leaf_nodes=15, random_state=0).fit(x, y)
    model = TreeModel.from_json(TreeModel.from_sklearn(fitted, list("abcd")).to_json(), list("abcd"))
    assert model.n_trees == 40
    test = rng.normal(size=(500, 4))
    test[::5, 3] = np.nan
    np.testing.assert_allclose(model.decision(test), fitted.predict(test), rtol=0, atol=1e-9)


def test_malformed_or_mismatched_models_are_refused():
    text = _stump().to_json()
    with pytest.raises(ConfigError, match="expects features"):
        TreeModel.from_json(text, ("a", "c"))
    obj = json.loads(text)
    obj["trees"][0]["left"][0] = 7
    with pytest.raises(ConfigError, match="out of range"):
        TreeModel.from_json(json.dumps(obj), ("a", "b"))
    obj = json.loads(text)
    obj["kind"] = "ridge"
    with pytest.raises(ConfigError, match="malformed"):
        TreeModel.from_json(json.dumps(obj), ("a", "b"))
