"""Every benchmark and training script under eval/ imports and documents its arguments.

The scripts need the shared corpora to do their work, which tests never read; this catches
the breakage a refactor of the package would otherwise leave for the next measurement run.
"""

import subprocess
import sys
from pathlib import Path

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
