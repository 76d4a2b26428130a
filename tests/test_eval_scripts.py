"""Every benchmark and training script under eval/ imports and documents its arguments.

The scripts need the shared corpora to do their work, which tests never read; this catches
the breakage a refactor of the package would otherwise leave for the next measurement run.
"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"
SCRIPTS = sorted(EVAL.glob("*.py"))


def test_there_are_scripts():
    assert len(SCRIPTS) >= 10


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_help(script):
    done = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("usage:")
    assert "Traceback" not in done.stderr


@pytest.fixture
def eval_modules(monkeypatch):
    monkeypatch.syspath_prepend(str(EVAL))
    import offtopic
    import train_salience

    return offtopic, train_salience


def test_gold_relevant_keeps_only_the_labelled_documents(tmp_path, eval_modules):
    import json

    from summarize.io import MultiNewsDataset

    _, train_salience = eval_modules
    on = ["The ferry hit a cargo ship in fog. Thirty people were hurt.", "Rescuers reached the ferry by noon."]
    off = "The city council approved a new budget for parks on Tuesday."
    path = tmp_path / "mn.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "documents": [on[0], off, on[1]], "relevant_documents": on, "summary": "– A ferry hit a ship."},
        {"id": "b", "documents": [off, on[0]], "relevant_documents": [], "summary": "Council approves budget."},
    ]) + "\n", encoding="utf-8")
    raw = list(MultiNewsDataset(path))
    gold = train_salience.gold_relevant(str(path), raw)
    assert [d.text for d in gold[0].documents] == on
    assert gold[0].references == raw[0].references == ("A ferry hit a ship.",)
    assert [d.text for d in gold[1].documents] == [off, on[0]]  # no labels: every document stays


def test_reference_features_measure_overlap_with_the_summary(eval_modules):
    offtopic, _ = eval_modules
    extra, names = offtopic.reference_features()
    summary = "A passenger ferry collided with a cargo ship in thick fog, injuring thirty people."
    texts = [summary, "The ferry collided with a ship in fog on Friday; rescuers came.",
             "Parliament approved the annual budget for museums and parks."]
    x = extra(texts, {"summary": summary})
    assert x.shape == (3, len(names))
    col = {n: x[:, k] for k, n in enumerate(names)}
    assert col["ref_cosine"][0] == pytest.approx(1.0)
    assert col["ref_cosine"][0] > col["ref_cosine"][1] > col["ref_cosine"][2] == pytest.approx(0.0)
    assert list(col["ref_cosine_rank"]) == [0.0, 0.5, 1.0]
    assert col["doc_bigrams_in_ref"][0] == pytest.approx(1.0)
    assert col["ref_unigrams_in_doc"][0] == pytest.approx(1.0)
    assert col["doc_bigrams_in_ref"][2] == 0.0


def _multinews_fixture(tmp_path):
    """The project's sample clusters in Multi-News' layout, each with one document of another
    cluster added and labelled off-topic (four clusters: the sample's three and the first again)."""
    import json

    rows = [json.loads(line) for line in (EVAL.parent / "data" / "sample.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    distinct = len(rows)
    rows.append(rows[0])
    out = []
    for k, row in enumerate(rows):
        texts = [d["text"] for d in row["documents"]]
        stray = rows[(k + 1) % distinct]["documents"][0]["text"]
        out.append({"id": f"{row['id']}-{k}", "documents": [*texts, stray], "relevant_documents": texts,
                    "summary": "– " + row["references"][0]})
    path = tmp_path / "mn.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in out) + "\n", encoding="utf-8")
    return path


def test_salience_fits_on_a_training_file_and_scores_the_other(tmp_path, eval_modules):
    import argparse
    import json

    from summarize.extractive.learned import load_model

    _, train_salience = eval_modules
    path = _multinews_fixture(tmp_path)
    out = tmp_path / "model.json"
    args = argparse.Namespace(train=str(path), train_limit=None, multinews=str(path), limit=None, alphas=[1.0, 10.0],
                              alpha=1.0, redundancy=0.35, out=str(out))
    train_salience.train_on_training_data(args)
    model = load_model(str(out))
    about = json.loads(out.read_text())["about"]
    assert about["trained_on"] == "mn.jsonl" and about["clusters"] == 4 and about["validation_clusters"] == 4
    assert about["alpha"] in (1.0, 10.0) and 0 < about["validation_rouge_f"]["rouge2"] <= 100
    assert model.features == train_salience.FEATURES


def test_salience_trees_fit_on_a_training_file_and_predict_like_scikit_learn(tmp_path, eval_modules):
    import argparse
    import json

    from summarize.extractive.learned import load_model
    from summarize.trees import TreeModel

    _, train_salience = eval_modules
    path = _multinews_fixture(tmp_path)
    out = tmp_path / "trees.json"
    # a small ensemble (the fixture has about a hundred sentences)
    args = argparse.Namespace(train=str(path), train_limit=None, multinews=str(path), limit=None, alphas=None,
                              alpha=1.0, redundancy=0.35, out=str(out), model="trees",
                              trees={"max_iter": 20, "min_samples_leaf": 5, "max_leaf_nodes": 7})
    train_salience.train_on_training_data(args)
    model = load_model(str(out))
    about = json.loads(out.read_text())["about"]
    assert isinstance(model, TreeModel) and model.n_trees == 20 and model.features == train_salience.FEATURES
    assert about["clusters"] == 4 and about["settings"]["max_iter"] == 20 and about["validation_clusters"] == 4
    assert 0 < about["validation_rouge_f"]["rouge2"] <= 100
    # the written trees reproduce scikit-learn's predictions on the training rows
    from sklearn.ensemble import HistGradientBoostingRegressor

    _, _, xs, ys = train_salience.prepare(str(path))
    x, y = np.vstack(xs), np.concatenate(ys)
    fitted = HistGradientBoostingRegressor(**dict(train_salience.TREES, **args.trees)).fit(x, y)
    np.testing.assert_allclose(model.decision(x), fitted.predict(x), rtol=0, atol=1e-9)
    assert np.std(model.decision(x)) > 0  # the trees split: not a constant


def test_salience_trees_script_reproduces_the_shipped_models_structure(tmp_path, eval_modules):
    """The fitting script, run with the shipped settings (TREES, redundancy 0.3, cut_lowest) on a
    fixture built from data/, writes a model of the shipped one's structure: the same kind,
    features, number of trees, settings and record fields."""
    import argparse
    import json

    from summarize.extractive.learned import TREES_PATH, load_model
    from summarize.trees import TreeModel

    _, train_salience = eval_modules
    path = _multinews_fixture(tmp_path)
    out = tmp_path / "trees.json"
    args = argparse.Namespace(train=str(path), train_limit=None, multinews=str(path), limit=None, alphas=None,
                              alpha=1.0, redundancy=0.3, out=str(out), model="trees", cut_lowest=True)
    train_salience.train_on_training_data(args)
    fitted, shipped = json.loads(out.read_text()), json.loads(TREES_PATH.read_text())
    assert fitted["kind"] == shipped["kind"] and fitted["features"] == shipped["features"]
    assert len(fitted["trees"]) == len(shipped["trees"]) == train_salience.TREES["max_iter"]
    assert sorted(fitted["about"]) == sorted(shipped["about"])
    for key in ("target", "model", "settings", "cleaning", "budget", "redundancy", "cut_lowest"):
        assert fitted["about"][key] == shipped["about"][key], key
    assert fitted["about"]["clusters"] == 4 and fitted["about"]["trained_on"] == "mn.jsonl"
    assert isinstance(load_model(str(out)), TreeModel)


def test_offtopic_model_fits_on_a_training_file_and_scores_the_other(tmp_path, eval_modules, monkeypatch):
    import json
    import logging

    offtopic_script = pytest.importorskip("train_offtopic")
    path = _multinews_fixture(tmp_path)
    out = tmp_path / "offtopic.json"
    monkeypatch.setattr(sys, "argv", ["train_offtopic.py", "--train", str(path), "--multinews", str(path),
                                      "--folds", "2", "--seeds", "1", "--out", str(out)])
    try:
        offtopic_script.main()
    finally:
        logging.disable(logging.NOTSET)  # the script silences warnings process-wide; later tests read them
    about = json.loads(out.read_text())["about"]
    assert about["trained_on"] == "mn.jsonl" and about["validated_on"] == "mn.jsonl"
    assert about["validation_off_topic"] == 4 and 0 <= about["validation_f1"] <= 1


def test_pair_model_fits_on_a_training_file_and_scores_pairs(tmp_path, monkeypatch):
    import json
    import logging

    monkeypatch.syspath_prepend(str(EVAL))
    import pair_model
    import train_pairs

    path = _multinews_fixture(tmp_path)
    out = tmp_path / "pairs.json"
    monkeypatch.setattr(sys, "argv", ["train_pairs.py", "--train", str(path), "--fit-clusters", "1-4",
                                      "--heldout-clusters", "1-4", "--pool", "2", "--cache", str(tmp_path / "cache"),
                                      "--variants", json.dumps([["lexical", ["cos", "cos_lead", "rare_max", "len_min"],
                                                                 "all"], ["equivalent-100", [100, 1], "all"]]),
                                      "--out", str(out), "--keep", "lexical", "equivalent-100"])
    try:
        train_pairs.main()
    finally:
        logging.disable(logging.NOTSET)
    lexical = json.loads((tmp_path / "pairs-lexical.json").read_text())
    equivalent = json.loads((tmp_path / "pairs-equivalent-100.json").read_text())
    assert lexical["inputs"] == ["cos", "log_cos", "cos_lead", "log_cos_lead", "rare_max", "len_min"]
    assert 0 < lexical["threshold"] < 1 and equivalent["kind"] == "equivalent"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    from summarize.io import make_document

    docs = [make_document(id=f"{k}-{i}", text=t, language="english")
            for k, row in enumerate(rows[:2]) for i, t in enumerate(row["relevant_documents"])]
    for model in (lexical, equivalent):
        p = pair_model.probability(docs, "english", model)
        assert p.shape == (len(docs), len(docs)) and np.allclose(p, p.T) and (0 <= p).all() and (p <= 1).all()
    # the cosine-scale score is the cosine itself for two articles of the reference length or more, one length
    feats = pair_model.pair_features(docs, "english", ("cos", "len_min", "len_ratio"))
    feats["len_min"][:] = np.log(500.0)
    feats["len_ratio"][:] = 0.0
    same = pair_model.equivalent(feats, equivalent)
    off = ~np.eye(len(docs), dtype=bool)
    np.testing.assert_allclose(same[off], np.clip(feats["cos"], 0, 1)[off], atol=1e-12)


def test_greedy_oracle_labels_by_rouge_gain(monkeypatch):
    """eval/oracle_probe.py's BertSum-style oracle: the sentence that most raises R-1 + R-2 F first,
    then others only while the sum still grows (the recall version goes on while recall grows)."""
    monkeypatch.syspath_prepend(str(EVAL))
    import oracle_probe

    tokens = [["the", "ferry", "sank"], ["rescuers", "came", "fast"], ["the", "ferry", "sank", "at", "dawn"],
              ["a", "parade", "was", "held"]]
    ref = ["the", "ferry", "sank", "at", "dawn", "rescuers", "came"]
    n_words = np.array([len(t) for t in tokens])
    chosen, gains = oracle_probe.greedy_oracle(tokens, n_words, ref)
    assert chosen == [2, 1]  # sentence 0 adds nothing after 2; the parade only lowers precision
    assert gains[0] > gains[1] > 0
    # recall: the same two, then nothing (sentence 0 and the parade add no reference n-gram)
    assert oracle_probe.greedy_oracle(tokens, n_words, ref, recall=True)[0] == [2, 1]
    # the budget: in 6 words sentence 2 leaves no room for 1; in 4, sentence 0 stands in for 2
    assert oracle_probe.greedy_oracle(tokens, n_words, ref, budget=6)[0] == [2]
    assert oracle_probe.greedy_oracle(tokens, n_words, ref, budget=4)[0] == [0]
