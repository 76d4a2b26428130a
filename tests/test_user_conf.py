"""A ``conf/`` folder in the working directory joins the packaged configs (issue 16 item 7)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from summarize.cli import main
from summarize.registry import CONF_DIR, available, compose_config, user_conf_dir

QUIET = ["eval.bootstrap.resamples=0", "verbose=false", "render=none"]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A user's working directory with conf/experiment/mine.yaml and conf/summarizer/mylead.yaml."""
    conf = tmp_path / "conf"
    (conf / "experiment").mkdir(parents=True)
    (conf / "summarizer").mkdir()
    (conf / "experiment" / "mine.yaml").write_text(textwrap.dedent("""\
        # @package _global_
        defaults:
          - override /summarizer: mylead
          - override /budget: words50
        """), encoding="utf-8")
    (conf / "summarizer" / "mylead.yaml").write_text(
        "_target_: summarize.extractive.Lead\nname: mylead\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_no_conf_folder_adds_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert user_conf_dir() is None
    assert available("summarizer") == sorted(p.stem for p in (CONF_DIR / "summarizer").glob("*.yaml"))
    assert list(compose_config([], with_hydra=True).hydra.searchpath) == []


def test_user_options_join_the_groups(project):
    assert user_conf_dir() == (project / "conf").resolve()
    assert "mylead" in available("summarizer") and "lead" in available("summarizer")
    assert "mine" in available("experiment") and "digest" in available("experiment")
    cfg = compose_config(["experiment=mine"])
    assert cfg.summarizer.name == "mylead" and cfg.budget.words == 50


def test_run_with_a_user_experiment(project, capsys):
    out = project / "out"
    assert main(["run", "experiment=mine", f"output_dir={out}", *QUIET]) == 0
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["system"] == "mylead" and metrics["budget"] == "w50" and metrics["n_scored"] == 3
    assert main(["list", "summarizer"]) == 0
    assert "mylead" in capsys.readouterr().out


def test_user_configs_build_only_allow_listed_classes(project, capsys):
    victim = project / "written"
    (project / "conf" / "summarizer" / "evil.yaml").write_text(
        f"_target_: builtins.open\nfile: {victim}\nmode: w\n", encoding="utf-8")
    (project / "conf" / "experiment" / "hook.yaml").write_text(textwrap.dedent("""\
        # @package _global_
        hydra:
          callbacks:
            copy:
              _target_: shutil.copyfile
              src: /etc/hostname
              dst: stolen
        """), encoding="utf-8")
    assert main(["run", "summarizer=evil", f"output_dir={project / 'a'}"]) == 2
    assert "target 'builtins.open' is not allowed" in capsys.readouterr().err
    assert main(["run", "experiment=hook", f"output_dir={project / 'b'}"]) == 2
    assert "callback 'shutil.copyfile' is not allowed" in capsys.readouterr().err
    assert not victim.exists() and not (project / "stolen").exists()
    assert not (project / "a").exists() and not (project / "b").exists()


def test_unknown_option_lists_the_user_ones_too(project, capsys):
    assert main(["run", "experiment=mien"]) == 2
    err = capsys.readouterr().err
    assert "unknown experiment 'mien'" in err and "mine" in err


def test_packaged_option_comes_first_and_a_shadowed_file_is_named(project, capsys):
    (project / "conf" / "summarizer" / "lead.yaml").write_text(
        "_target_: summarize.extractive.Lead\nname: not_the_packaged_lead\n", encoding="utf-8")
    out = project / "out"
    assert main(["run", "summarizer=lead", f"output_dir={out}", *QUIET]) == 0
    assert json.loads((out / "metrics.json").read_text(encoding="utf-8"))["system"] == "lead"
    assert "conf/summarizer/lead.yaml is not used" in capsys.readouterr().err
