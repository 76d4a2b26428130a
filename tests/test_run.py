"""End to end: ``run(compose(...))`` and the ``summarize`` command, including bad input."""

import json
import subprocess
import sys

import pytest

from summarize.cli import main
from summarize.registry import CONF_DIR, available
from summarize.runner import run


def _read_jsonl(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_run_on_the_sample(make_cfg, tmp_path, sample_path):
    cfg = make_cfg(f"output_dir={tmp_path}", "verbose=false")
    metrics = run(cfg)
    predictions = _read_jsonl(tmp_path / "predictions.jsonl")
    per_cluster = _read_jsonl(tmp_path / "per_cluster.jsonl")
    n = len(sample_path.read_text().splitlines())
    assert len(predictions) == len(per_cluster) == n == metrics["n_scored"]
    for p in predictions:
        assert set(p) >= {"id", "summary", "system"} and p["system"] == "lead"
        assert isinstance(p["summary"], list) and len(" ".join(p["summary"]).split()) <= 100
    on_disk = json.loads((tmp_path / "metrics.json").read_text())
    assert on_disk["signature"] == metrics["signature"]
    for t in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
        for k in ("precision", "recall", "fmeasure"):
            assert 0.0 < on_disk[t][k] < 1.0
    # the macro mean is the mean of the per-cluster scores
    mean_r1 = sum(c["rouge1"]["recall"] for c in per_cluster) / n
    assert on_disk["rouge1"]["recall"] == pytest.approx(mean_r1)


@pytest.mark.parametrize("budget, check", [
    ("bytes665", lambda s: len(" ".join(s).encode()) <= 665),
    ("sentences3", lambda s: len(s) <= 3),
    ("words50", lambda s: len(" ".join(s).split()) <= 50),
])
@pytest.mark.parametrize("summarizer", ["lead", "lead_rr", "random"])
def test_run_budgets_and_summarizers(make_cfg, tmp_path, budget, check, summarizer):
    run(make_cfg(f"output_dir={tmp_path}", f"budget={budget}", f"summarizer={summarizer}", "verbose=false"))
    for p in _read_jsonl(tmp_path / "predictions.jsonl"):
        assert p["summary"] and check(p["summary"]) and p["system"] == summarizer


def test_run_without_scoring(make_cfg, tmp_path):
    metrics = run(make_cfg(f"output_dir={tmp_path}", "eval=none", "verbose=false"))
    assert metrics["signature"] is None and "rouge1" not in metrics
    rows = _read_jsonl(tmp_path / "per_cluster.jsonl")  # readability hazards only, no ROUGE
    # (and the hash of the cluster as read, which lets a rerun reuse the row only for the same input)
    assert rows and all(set(r) == {"id", "system", "readability", "input"} for r in rows)


def test_cli_run_writes_outputs(tmp_path, capsys):
    assert main(["run", f"output_dir={tmp_path}", "summarizer=lead_rr", "budget=words50"]) == 0
    out = capsys.readouterr().out
    assert "rouge1" in out and "signature: rouge|" in out
    assert {"predictions.jsonl", "per_cluster.jsonl", "metrics.json"} <= {p.name for p in tmp_path.iterdir()}


def _bad_inputs(tmp):
    malformed = tmp / "malformed.jsonl"
    malformed.write_text('{"id": "a", "documents": ["One. Two."]}\n{"id": oops}\n')
    binary = tmp / "binary"
    binary.mkdir()
    (binary / "a.txt").write_bytes(b"\x00\xff\x00\xfe" * 50)
    latin = tmp / "latin.jsonl"
    latin.write_bytes(b'{"id": "a", "documents": ["caf\xe9."]}\n')
    empty = tmp / "empty"
    empty.mkdir()
    return [
        (["dataset=jsonl", f"dataset.path={tmp / 'nope'}"], "no such file or folder"),
        (["dataset=folder", f"dataset.path={empty}"], "no .txt or .html files"),
        (["dataset=duc", f"dataset.path={empty}"], "no cluster folders"),
        (["dataset=folder", f"dataset.path={binary}"], "looks like a binary file"),
        (["dataset=jsonl", f"dataset.path={malformed}"], "malformed.jsonl:2: malformed JSON"),
        (["dataset=jsonl", f"dataset.path={latin}", "dataset.encoding=utf-8"], "not valid utf-8"),
        (["dataset=jsonl"], "dataset.path is not set"),
        (["dataset=lexrnk"], f"unknown dataset 'lexrnk'; expected one of {', '.join(available('dataset'))}"),
        (["summarizer=lexrnk"],
         f"unknown summarizer 'lexrnk' (did you mean 'lexrank'?); expected one of {', '.join(available('summarizer'))}"),
        (["summarizer=TextRank"], "unknown summarizer 'TextRank' (did you mean 'textrank'?)"),
        (["budget=words7"], "unknown budget 'words7' (any limit: budget.words=7)"),
        (["budget.words=-3"], "budget words must be a positive integer"),
        (["dataset.language=klingon"], "unknown language 'klingon'"),
        (["summarizer.mode=sideways"], "unknown lead mode 'sideways'"),
        (["nonsense=1"], "unknown setting 'nonsense'"),
        (["+summarizer.bogus=1"], "unexpected keyword argument 'bogus'"),
        (["summarizer=learned", f"summarizer.model={tmp / 'nope.json'}"], "cannot read model"),
        (["summarizer=learned", f"summarizer.model={malformed}"], "is malformed"),
        (["clean=default", "clean.offtopic_threshold=1.5"], "offtopic_threshold is a probability in (0, 1)"),
        (["eval.bootstrap.resamples=-3"], "bootstrap resamples must be an integer, 0 (no intervals) or more"),
        (["eval.bootstrap.resamples=abc"], "eval.bootstrap: seed and resamples must be integers"),
        (["eval.bootstrap.confidence=95"], "bootstrap confidence must be between 0 and 1"),
        (["summarizer=textrank", f"summarizer.embeddings={tmp / 'no-such-checkpoint'}"], "is not a local folder"),
        (["summarizer=random", "summarizer.seed=-1"], "random seed must be at least 0, got -1"),
        (["summarizer=submodular", "summarizer.seed=abc"], "submodular seed must be an integer, got 'abc'"),
        (["eval.bootstrap.seed=-1"], "bootstrap seed must be at least 0, got -1"),
        (["eval=duc", "eval.max_n=abc"], "eval.max_n must be an integer, got 'abc'"),
        (["eval=duc", "eval.word_limit=[1,2]"], "eval.word_limit must be an integer or null"),
        (["eval=duc", "eval.alpha=null"], "eval.alpha (the weight of recall in F) must be a number in [0, 1]"),
        (["dataset.encoding=hex"], "dataset.encoding must be auto or a text encoding"),
        (["dataset.encoding=no-such-codec"], "dataset.encoding must be auto or a text encoding"),
    ]


def test_bad_input_gives_one_line_and_no_output(tmp_path, capsys):
    out = tmp_path / "out"
    for args, message in _bad_inputs(tmp_path):
        assert main(["run", *args, f"output_dir={out}"]) == 2, args
        err = capsys.readouterr().err.strip()
        assert err.startswith("error: ") and message in err, (args, err)
        assert "\n" not in err and "Traceback" not in err
        assert not out.exists(), (args, sorted(p.name for p in out.rglob("*")))  # no folder, no temp file


def test_no_bootstrap_when_resamples_is_zero(tmp_path, capsys):
    assert main(["run", f"output_dir={tmp_path}", "eval.bootstrap.resamples=0"]) == 0
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["rouge2"]["fmeasure"] > 0 and "fmeasure_low" not in metrics["rouge2"]
    assert metrics["bootstrap"]["resamples"] == 0 and "|bs0|" in metrics["signature"]
    printed = capsys.readouterr().out
    assert "rouge2    P=" in printed and "(F " not in printed


def test_unknown_command_and_list(capsys):
    assert main(["frobnicate"]) == 2
    assert "unknown command 'frobnicate'" in capsys.readouterr().err
    assert main(["list"]) == 0
    overview = capsys.readouterr().out
    assert "summarizer: " + ", ".join(p.stem for p in sorted((CONF_DIR / "summarizer").glob("*.yaml"))) in overview
    assert main(["list", "summarizer"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0] == "summarizer:"
    assert [line.split()[0] for line in listed[1:]] == [p.stem for p in sorted((CONF_DIR / "summarizer").glob("*.yaml"))]
    # each option with what it is: the first line of its config file
    lexrank = next(line for line in listed if line.split()[0] == "lexrank")
    assert lexrank.split(None, 1)[1] == "Continuous LexRank: PageRank over the TF-IDF cosine graph of the whole cluster."


def test_python_dash_m(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "summarize", "run", f"output_dir={tmp_path}",
                           "summarizer=random"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "random on jsonl" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "summarize", "run", "summarizer=nope"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and proc.stderr.strip().count("\n") == 0
    assert "unknown summarizer 'nope'" in proc.stderr


def test_run_with_cleaning_writes_the_report(make_cfg, tmp_path, sample_path):
    run(make_cfg(f"output_dir={tmp_path}", "clean=default", "summarizer=learned", "budget=words100", "verbose=false"))
    reports = _read_jsonl(tmp_path / "cleaning.jsonl")
    ids = [json.loads(line)["id"] for line in sample_path.read_text().splitlines()]
    assert [r["id"] for r in reports] == ids
    for r in reports:
        assert set(r) == {"id", "removed", "dropped_documents", "syndicated", "offtopic_probability"}
        assert all(0.0 <= p <= 1.0 for p in r["offtopic_probability"].values())
    removed = [x for r in reports for xs in r["removed"].values() for x in xs]
    assert any(x["text"].startswith("[ad_") and x["step"] == "boilerplate" for x in removed)
    assert any(r["syndicated"] for r in reports)
    for p in _read_jsonl(tmp_path / "predictions.jsonl"):
        assert p["system"] == "learned" and not any("[ad_" in s or "Source link" in s for s in p["summary"])


def test_multinews_experiment_composes_and_runs(tmp_path, sample_path):
    # the sample clusters in Multi-News' layout: documents as strings, one summary
    mn = tmp_path / "mn.jsonl"
    with mn.open("w") as f:
        for line in sample_path.read_text().splitlines():
            obj = json.loads(line)
            f.write(json.dumps({"documents": [d["text"] for d in obj["documents"]], "summary": obj["references"][0]})
                    + "\n")
    out = tmp_path / "out"
    assert main(["run", "experiment=multinews", f"dataset.path={mn}", f"output_dir={out}", "verbose=false"]) == 0
    assert (out / "cleaning.jsonl").exists()
    predictions = _read_jsonl(out / "predictions.jsonl")
    assert len(predictions) == 3
    assert all(p["system"] == "learned_trees" and len(" ".join(p["summary"]).split()) <= 300 for p in predictions)
    assert json.loads((out / "metrics.json").read_text())["rouge2"]["fmeasure"] > 0


def test_the_readme_main_job_runs(tmp_path):
    """The README's first command ends in the main job; it runs and writes the digest."""
    readme = (CONF_DIR.parent.parent / "README.md").read_text(encoding="utf-8")
    first = readme.split("```bash\n", 1)[1].split("\n```", 1)[0]
    job = first.rsplit("&& summarize ", 1)[1].split()
    assert job[0] == "run"
    args = [a for a in job[1:] if not a.startswith("output_dir=")] + [f"output_dir={tmp_path}", "verbose=false"]
    assert main(["run", *args]) == 0
    digest = (tmp_path / "digest.md").read_text(encoding="utf-8")
    assert digest.startswith("# Digest") and "Sources:" in digest and "[ad_" not in digest


@pytest.mark.parametrize("experiment", available("experiment"))
def test_every_experiment_composes_with_every_extractive_summarizer(experiment):
    """An experiment sets only what every extractive method takes, so summarizer=<any> works with it."""
    from omegaconf import OmegaConf

    from summarize.budget import as_budget
    from summarize.registry import build, compose_config, extractive_summarizers

    for name in extractive_summarizers():
        cfg = compose_config([f"experiment={experiment}", f"summarizer={name}", "dataset.path=data/sample.jsonl"])
        budget = as_budget(OmegaConf.to_container(cfg.budget, resolve=True))
        summarizer = build(cfg.summarizer, "summarizer", budget=budget)
        assert summarizer.budget == budget, (experiment, name)


def test_the_digest_experiment_takes_a_language_model():
    from summarize.abstractive import Abstractive
    from summarize.registry import build, compose_config

    cfg = compose_config(["experiment=digest", "summarizer=smollm2"])
    assert isinstance(build(cfg.summarizer, "summarizer", budget=None), Abstractive)  # settings checked, no load
