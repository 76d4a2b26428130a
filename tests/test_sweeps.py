"""``summarize run -m``: job folders named after the swept overrides, and parallel sweeps with joblib."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from summarize.cli import _sweep_naming, main
from summarize.evaluation.compare import compare
from summarize.registry import compose_config, sweep_subdir

QUIET = ["eval.bootstrap.resamples=0", "verbose=false", "render=none"]


def _jobs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_dir())


def test_sweep_folders_are_named_after_the_swept_overrides(tmp_path, capsys):
    out = tmp_path / "sweep"
    assert main(["run", "-m", "summarizer=lead,textrank", "budget=words50", f"output_dir={out}", *QUIET]) == 0
    # budget is shared by both jobs, so it does not name them; output_dir and verbose never do
    assert _jobs(out) == ["summarizer=lead", "summarizer=textrank"]
    for job in ("lead", "textrank"):
        metrics = json.loads((out / f"summarizer={job}" / "metrics.json").read_text(encoding="utf-8"))
        assert metrics["system"] == job and metrics["budget"] == "w50"
    table = compare([str(out)], n_resamples=50)
    assert [row["system"] for row in table["rows"]] == ["lead", "textrank"]


def test_two_swept_keys_name_each_job_with_both(tmp_path):
    out = tmp_path / "sweep"
    args = ["run", "-m", "summarizer=lead", "dataset.limit=1,2", "eval=none", f"output_dir={out}", *QUIET]
    assert main(args) == 0
    assert _jobs(out) == ["dataset.limit=1", "dataset.limit=2"]
    # same system twice: compare tells them apart by the folder name
    table = compare([str(out)], n_resamples=50)
    assert [row["system"] for row in table["rows"]] == ["lead", "lead (dataset.limit=2)"]


def test_sweep_naming_excludes_what_every_job_shares():
    (exclude,) = _sweep_naming(["-m", "summarizer=lead,textrank", "budget=words50", "+dataset.limit=2",
                                "hydra/launcher=joblib", "hydra.launcher.n_jobs=2"])
    key, value = exclude.split("=", 1)
    assert key == "hydra.job.config.override_dirname.exclude_keys"
    assert value == "['output_dir','verbose','budget','dataset.limit']"
    assert _sweep_naming(["-m", "summarizer=lead,mmr", "hydra.job.config.override_dirname.exclude_keys=[]"]) == []
    # the exclusions parse as Hydra's list of strings
    cfg = compose_config(["summarizer=lead", exclude], with_hydra=True)
    assert list(cfg.hydra.job.config.override_dirname.exclude_keys) == ["output_dir", "verbose", "budget",
                                                                        "dataset.limit"]


@pytest.mark.parametrize("dirname, num, expected", [
    ("summarizer=textrank", 0, "summarizer=textrank"),
    ("", 3, "3"),
    ("dataset.path=../data/a.jsonl,summarizer=lead", 1, "dataset.path=.._data_a.jsonl,summarizer=lead"),
])
def test_sweep_subdir(dirname, num, expected):
    assert sweep_subdir(dirname, num) == expected


def test_a_long_name_is_cut_and_stays_unique():
    a, b = sweep_subdir("x=" + "a" * 300, 0), sweep_subdir("x=" + "a" * 300, 1)
    assert len(a) <= 210 and a != b and "/" not in a


def test_default_sweep_subdir_is_the_override_name():
    cfg = compose_config(["summarizer=lead"], with_hydra=True)
    assert "summarize_sweep_subdir" in str(cfg.hydra.sweep._get_node("subdir")._value())


@pytest.mark.skipif(importlib.util.find_spec("hydra_plugins.hydra_joblib_launcher") is None,
                    reason="hydra-joblib-launcher is not installed (pip install -e '.[sweep]')")
def test_joblib_sweep_runs_two_methods_in_parallel_with_the_same_outputs(tmp_path):
    parallel, serial = tmp_path / "joblib", tmp_path / "basic"
    sweep = ["summarizer=lead,textrank", "budget=words50"]
    assert main(["run", "-m", "hydra/launcher=joblib", "hydra.launcher.n_jobs=2", *sweep,
                 f"output_dir={parallel}", *QUIET]) == 0
    assert main(["run", "-m", *sweep, f"output_dir={serial}", *QUIET]) == 0
    assert _jobs(parallel) == _jobs(serial) == ["summarizer=lead", "summarizer=textrank"]
    for job in _jobs(serial):
        for name in ("predictions.jsonl", "per_cluster.jsonl"):
            assert (parallel / job / name).read_bytes() == (serial / job / name).read_bytes()
    launcher = (parallel / "multirun.yaml").read_text(encoding="utf-8")
    assert "JoblibLauncher" in launcher and "n_jobs: 2" in launcher
