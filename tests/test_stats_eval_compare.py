import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.cli import main
from summarize.errors import InputError
from summarize.evaluation.compare import compare
from summarize.evaluation.stats import approximate_randomization, bootstrap_ci, paired_bootstrap, precision_recall_f1
from summarize.runner import run
from summarize.runner.evaluate import evaluate


def test_bootstrap_is_seeded_and_sane():
    values = np.linspace(0.1, 0.5, 40)
    a = bootstrap_ci(values, seed=7)
    assert a == bootstrap_ci(values, seed=7)  # the same on every run
    assert a != bootstrap_ci(values, seed=8)
    assert a[0] < values.mean() < a[1]
    assert bootstrap_ci([0.3] * 10) == pytest.approx((0.3, 0.3))
    with pytest.raises(InputError):
        bootstrap_ci([])


def test_paired_tests():
    rng = np.random.default_rng(0)
    base = rng.uniform(0.2, 0.4, 200)
    better = base + 0.05
    same = base + rng.normal(0, 0.01, 200)
    assert paired_bootstrap(better, base) < 0.01
    assert approximate_randomization(better, base) < 0.01
    assert approximate_randomization(same, base) > 0.05
    assert approximate_randomization(base, base) == 1.0
    with pytest.raises(InputError, match="same clusters"):
        paired_bootstrap([0.1, 0.2], [0.1])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=2, max_size=30), st.lists(st.floats(0, 1), min_size=2, max_size=30))
def test_p_values_are_probabilities(a, b):
    n = min(len(a), len(b))
    for p in (paired_bootstrap(a[:n], b[:n], n_resamples=200), approximate_randomization(a[:n], b[:n], n_resamples=200)):
        assert 0 < p <= 1


def _run(make_cfg, out, *extra):
    return run(make_cfg(f"output_dir={out}", "verbose=false", *extra))


def test_eval_scores_a_run_identically(make_cfg, tmp_path):
    metrics = _run(make_cfg, tmp_path / "run", "summarizer=textrank")
    again = evaluate(make_cfg(f"predictions={tmp_path / 'run' / 'predictions.jsonl'}",
                              f"output_dir={tmp_path / 'eval'}", "verbose=false"))
    for t in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
        for k in ("precision", "recall", "fmeasure", "fmeasure_low", "fmeasure_high"):
            assert again[t][k] == pytest.approx(metrics[t][k], abs=1e-12)
        assert again[t]["fmeasure_low"] <= again[t]["fmeasure"] <= again[t]["fmeasure_high"]
    assert again["system"] == "textrank"


def test_eval_plain_string_summaries_and_duc_mode(make_cfg, tmp_path, sample_path):
    preds = tmp_path / "p.jsonl"
    ids = [json.loads(line)["id"] for line in sample_path.read_text().splitlines()]
    preds.write_text("".join(json.dumps({"id": i, "summary": "A ferry hit a ship. People were hurt."}) + "\n"
                             for i in ids))
    m = evaluate(make_cfg(f"predictions={preds}", f"output_dir={tmp_path / 'o'}", "eval=duc", "verbose=false"))
    assert m["types"] == ["rouge1", "rouge2", "rouge3", "rouge4", "rougeL", "rougeSU4"]
    assert 0 < m["rouge1"]["recall"] < 1 and m["signature"].startswith("rouge155|")


def test_eval_mismatched_ids_lists_them(make_cfg, tmp_path, capsys):
    preds = tmp_path / "p.jsonl"
    preds.write_text(json.dumps({"id": "aldmere-ferry-2025", "summary": ["x"]}) + "\n"
                     + json.dumps({"id": "no-such-cluster", "summary": ["y"]}) + "\n")
    out = tmp_path / "o"
    assert main(["eval", f"predictions={preds}", f"output_dir={out}"]) == 2
    err = capsys.readouterr().err
    assert "1 prediction id(s) not in the dataset: no-such-cluster" in err
    assert "2 cluster(s) without a prediction: northbridge-fire-2025, velmora-tram-2025" in err
    assert not (out / "metrics.json").exists() and not (out / "per_cluster.jsonl").exists()
    assert main(["eval", f"output_dir={out}"]) == 2
    assert "predictions is not set" in capsys.readouterr().err


def test_compare_runs(make_cfg, tmp_path):
    for name in ("lead", "mmr", "random"):
        _run(make_cfg, tmp_path / "runs" / name, f"summarizer={name}")
    result = compare([str(tmp_path / "runs")], baseline="lead", output_dir=str(tmp_path / "cmp"))
    assert [r["system"] for r in result["rows"]] == ["lead", "mmr", "random"]
    assert "p_bootstrap" not in result["rows"][0]["rouge1"]
    assert 0 < result["rows"][1]["rouge1"]["p_randomization"] <= 1
    for f in ("compare.md", "compare.csv", "compare.png", "compare.svg"):
        assert (tmp_path / "cmp" / f).stat().st_size > 0
    md = (tmp_path / "cmp" / "compare.md").read_text()
    assert "| mmr |" in md and "Signature: `rouge|" in md
    again = compare([str(tmp_path / "runs")], baseline="lead", output_dir=str(tmp_path / "cmp2"))
    assert again.pop("output_dir").endswith("cmp2") and result.pop("output_dir").endswith("cmp")
    assert again == result  # seeded: identical on every run
    with pytest.raises(Exception, match="unknown baseline 'nope'"):
        compare([str(tmp_path / "runs")], baseline="nope", output_dir=str(tmp_path / "cmp3"))


def test_compare_cli_errors(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["compare", str(tmp_path)]) == 2
    assert "holds no metrics.json" in capsys.readouterr().err
    assert main(["compare"]) == 2


def test_precision_recall_f1_of_flags():
    flagged = np.array([True, True, False, False, True])
    truth = np.array([True, False, True, False, True])
    p, r, f1 = precision_recall_f1(flagged, truth)  # tp 2, fp 1, fn 1
    assert (p, r) == pytest.approx((2 / 3, 2 / 3)) and f1 == pytest.approx(2 / 3)
    assert precision_recall_f1(np.zeros(3, bool), np.zeros(3, bool)) == (0.0, 0.0, 0.0)


def test_resampling_settings_are_checked():
    from summarize.errors import ConfigError
    from summarize.evaluation.rouge import RougeSettings
    from summarize.evaluation.scoreboard import Scoreboard

    values = [0.1, 0.2, 0.3]
    for bad in (0, -1, 2.5, True):
        with pytest.raises(ConfigError, match="resamples"):
            bootstrap_ci(values, n_resamples=bad)
        with pytest.raises(ConfigError, match="resamples"):
            paired_bootstrap(values, values, n_resamples=bad)
        with pytest.raises(ConfigError, match="resamples"):
            approximate_randomization(values, values, n_resamples=bad)
    for bad in (0.0, 1.0, 95):
        with pytest.raises(ConfigError, match="confidence"):
            bootstrap_ci(values, confidence=bad)
    with pytest.raises(ConfigError, match="0 \\(no intervals\\) or more"):
        Scoreboard(RougeSettings(), n_resamples=-1)
    board = Scoreboard(RougeSettings(types=("rouge1",)), n_resamples=0)
    board.add(["the ferry hit a ship"], ["a ferry hit a cargo ship"])
    assert set(board.metrics()["rouge1"]) == {"precision", "recall", "fmeasure"}


def test_compare_says_where_the_table_is_and_warns_about_few_clusters(tmp_path, capsys):
    from summarize.cli import main

    for name in ("lead", "random"):
        assert main(["run", f"summarizer={name}", "dataset.limit=2", f"output_dir={tmp_path / name}",
                     "verbose=false", "progress=false"]) == 0
    capsys.readouterr()
    assert main(["compare", str(tmp_path / "lead"), str(tmp_path / "random"), f"output_dir={tmp_path / 'cmp'}"]) == 0
    out = capsys.readouterr().out
    assert "compared 2 systems on 2 clusters" in out and str(tmp_path / "cmp" / "compare.md") in out
    assert (tmp_path / "cmp" / "compare.md").is_file() and "too few" in out
