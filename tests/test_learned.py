"""The learned sentence scorer: its features, its model file, and that the weights steer it."""

import numpy as np
import pytest

from summarize import Budget
from summarize.errors import ConfigError
from summarize.extractive import Features, Learned
from summarize.extractive.learned import FEATURES, load_model, sentence_features
from summarize.io import make_cluster, make_document
from summarize.linear import LinearModel

SHARED = "The dam on the Rhine failed on Monday night, flooding three villages."
DOCS = [
    [SHARED, "Rescuers said 40 people were taken to safety by boat.", "Is this the end of the old dam?"],
    ["Officials confirmed that the dam on the Rhine failed on Monday night, flooding three villages.",
     "The regional governor called it \u201ca disaster we were warned about.\u201d"],
    ["A local bakery sold its last loaf on Sunday after 80 years.", SHARED],
]


def _cluster():
    docs = [make_document(id=f"d{i}", text=" ".join(lines), language="english") for i, lines in enumerate(DOCS)]
    return make_cluster(id="c", documents=docs)


def _column(x, name):
    return x[:, FEATURES.index(name)]


def test_sentence_features_describe_position_support_and_shape():
    cluster = _cluster()
    x = sentence_features(cluster, Features(cluster, cluster.sentences))
    texts = [s.text for s in cluster.sentences]
    assert x.shape == (len(texts), len(FEATURES)) and np.isfinite(x).all()
    assert _column(x, "lead_sentence").tolist() == [float(s.index == 0) for s in cluster.sentences]
    for name in ("textrank_relative", "lexrank_relative", "centroid_relative"):
        assert _column(x, name).max() == pytest.approx(1.0)
    support = dict(zip(texts, _column(x, "support"), strict=True))
    # the dam sentence is carried (or paraphrased) by both other outlets; the bakery by none
    assert support[SHARED] == pytest.approx(1.0)
    assert support["A local bakery sold its last loaf on Sunday after 80 years."] == 0.0
    shape = {t: (q, d, qq) for t, q, d, qq in zip(texts, _column(x, "has_quote"), _column(x, "has_digit"),
                                                 _column(x, "question"), strict=True)}
    assert shape["Rescuers said 40 people were taken to safety by boat."] == (0.0, 1.0, 0.0)
    assert shape["Is this the end of the old dam?"] == (0.0, 0.0, 1.0)
    assert shape[texts[4]][0] == 1.0  # the governor's quotation


def _model(weights):
    coef = np.array([weights.get(f, 0.0) for f in FEATURES])
    return LinearModel(features=FEATURES, mean=np.zeros(len(FEATURES)), scale=np.ones(len(FEATURES)), coef=coef,
                       intercept=0.0)


def test_weights_steer_the_selection():
    cluster = _cluster()
    one = Budget(sentences=1)
    by_support = Learned(model=_model({"support": 1.0}), budget=one).summarize(cluster)
    assert by_support.sentences == (SHARED,)
    # every outlet carrying the claim is credited by the base class: d2 verbatim, d1 in other words
    # ("Officials confirmed that the dam ... failed ..."); claim-level credit, issue 13 item 5
    assert set(by_support.sources[0]) == {"d0", "d1", "d2"}
    by_question = Learned(model=_model({"question": 1.0}), budget=one).summarize(cluster)
    assert by_question.sentences == ("Is this the end of the old dam?",)


def test_shipped_model_loads_and_says_how_it_was_fitted(tmp_path):
    model = load_model()
    assert model.features == FEATURES and getattr(model, "threshold", None) is None
    # fitted on training clusters and scored on validation ones it never saw (or cross-validated)
    assert {"trained_on", "first_300_words_rouge_f"} <= set(model.about)
    assert {"validation_rouge_f", "cv_rouge_f"} & set(model.about)
    path = tmp_path / "m.json"
    path.write_text(model.to_json())
    summary = Learned(model=str(path), budget=Budget(words=40)).summarize(_cluster())
    assert summary == Learned(budget=Budget(words=40)).summarize(_cluster())
    path.write_text(model.to_json().replace('"support"', '"popularity"'))
    with pytest.raises(ConfigError, match="expects features"):
        Learned(model=str(path))


def test_a_tree_model_steers_the_selection_and_loads_from_its_file(tmp_path):
    from summarize.trees import TreeModel

    # one split: a question scores 1, everything else 0
    q = FEATURES.index("question")
    stump = TreeModel.from_trees(FEATURES, 0.0, [{"feature": [q, 0, 0], "threshold": [0.5, 0, 0],
                                                   "missing_left": [0, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0],
                                                   "leaf": [0, 1, 1], "value": [0.0, 0.0, 1.0]}])
    one = Budget(sentences=1)
    assert Learned(model=stump, budget=one).summarize(_cluster()).sentences == ("Is this the end of the old dam?",)
    path = tmp_path / "trees.json"
    path.write_text(stump.to_json())
    loaded = load_model(str(path))
    assert isinstance(loaded, TreeModel) and loaded.n_trees == 1
    assert Learned(model=str(path), budget=one).summarize(_cluster()).sentences == ("Is this the end of the old dam?",)
    path.write_text(stump.to_json().replace('"support"', '"popularity"'))
    with pytest.raises(ConfigError, match="expects features"):
        Learned(model=str(path))


def test_the_shipped_trees_load_by_name_and_say_how_they_were_chosen():
    from summarize.trees import TreeModel

    trees = load_model("trees")
    assert isinstance(trees, TreeModel) and trees.features == FEATURES and trees.n_trees == 300
    about = trees.about
    assert about["trained_on"] == "train.jsonl.gz" and about["validated_on"] == "validation.jsonl"
    assert "never validation" in about["settings_chosen_on"] and about["cut_lowest"] is True
    # its validation record beats the ridge model's, which stays the default
    assert about["validation_rouge_f"]["rouge2"] > load_model().about["validation_rouge_f"]["rouge2"]
    assert not isinstance(load_model(), TreeModel)
    cluster = _cluster()
    x = sentence_features(cluster, Features(cluster, cluster.sentences))
    assert np.isfinite(trees.decision(x)).all() and np.ptp(trees.decision(x)) > 0
    summary = Learned(model="trees", budget=Budget(words=40)).summarize(cluster)
    assert summary.sentences and sum(len(s.split()) for s in summary.sentences) <= 40


def test_cut_lowest_lets_the_budget_cut_the_lowest_ranked_sentence():
    # later positions and smaller documents rank first: the question, the governor, the d2 copy of
    # the dam sentence, then "Rescuers ..." (d0), which overflows 35 words
    model = _model({"inverse_position": -1.0, "document_share": -1.0})
    common = {"model": model, "budget": Budget(words=35), "order": "source", "redundancy": None,
              "key_fact": "none", "readable": False}
    plain = Learned(truncate_last=True, **common).summarize(_cluster()).sentences
    cut = Learned(truncate_last=True, cut_lowest=True, **common).summarize(_cluster()).sentences
    # source order puts the overflowing d0 sentence first, so the cut falls on the d2 sentence
    assert plain[0] == "Rescuers said 40 people were taken to safety by boat." and plain[-1] == "The dam on the Rhine failed"
    # with cut_lowest the three best stay whole, in source order, and the lowest-ranked is cut
    assert cut == (DOCS[0][2], DOCS[1][1], SHARED, "Rescuers said 40 people")
    assert sum(len(s.split()) for s in cut) == sum(len(s.split()) for s in plain) == 35
    # without truncation nothing overflows: the option changes nothing
    assert Learned(cut_lowest=True, **common).summarize(_cluster()) == Learned(**common).summarize(_cluster())
