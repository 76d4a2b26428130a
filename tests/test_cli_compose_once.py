"""``summarize run`` without ``-m`` or Hydra flags composes its configuration once (issue 16, speed):
the job gets the same configuration, Hydra's included, as through Hydra's app, and errors stay one line."""

from __future__ import annotations

import pytest
from hydra.types import RunMode
from omegaconf import OmegaConf

import summarize.cli as cli
import summarize.runner
from summarize.cli import main
from summarize.registry import compose_config


def _record(monkeypatch) -> list[tuple[dict, dict]]:
    """Replace the run by a recorder of the job's configuration and of Hydra's."""
    from hydra.core.hydra_config import HydraConfig

    seen: list[tuple[dict, dict]] = []

    def run(cfg):
        hydra_cfg = HydraConfig.get()
        seen.append((OmegaConf.to_container(cfg), OmegaConf.to_container(hydra_cfg)))

    monkeypatch.setattr(summarize.runner, "run", run)
    return seen


@pytest.mark.parametrize("args", [
    ["summarizer=lexrank", "budget=words50", "verbose=false"],
    ["experiment=digest", "dataset=sample", "summarizer.redundancy=0.4"],
    ["hydra.job.chdir=false", "+extra=1"],
])
def test_composed_once_gives_the_job_what_hydras_app_gives(tmp_path, monkeypatch, args):
    seen = _record(monkeypatch)
    calls = []
    real = cli._run_composed

    def composed(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(cli, "_run_composed", composed)
    assert main(["run", *args, f"output_dir={tmp_path / 'out'}"]) == 0
    assert calls and len(seen) == 1
    monkeypatch.setattr(cli, "_run_composed", lambda *a, **k: False)  # Hydra's app, as before
    assert main(["run", *args, f"output_dir={tmp_path / 'out'}"]) == 0
    assert len(seen) == 2
    assert seen[0] == seen[1]
    assert seen[0][1]["mode"] == RunMode.RUN and seen[0][1]["overrides"]["hydra"][-1] == "hydra.mode=RUN"


def test_composed_once_counts_one_composition(tmp_path, monkeypatch):
    from hydra._internal.config_loader_impl import ConfigLoaderImpl

    _record(monkeypatch)
    real = ConfigLoaderImpl.load_configuration
    count = []

    def load(self, *a, **k):
        count.append(1)
        return real(self, *a, **k)

    monkeypatch.setattr(ConfigLoaderImpl, "load_configuration", load)
    assert main(["run", "summarizer=lead", f"output_dir={tmp_path / 'out'}"]) == 0
    assert len(count) == 1


def test_a_config_that_sets_the_mode_goes_through_hydras_app(tmp_path, monkeypatch):
    seen = _record(monkeypatch)
    assert main(["run", "hydra.mode=RUN", f"output_dir={tmp_path / 'out'}"]) == 0
    assert len(seen) == 1 and seen[0][1]["mode"] == RunMode.RUN
    assert seen[0][1]["overrides"]["hydra"].count("hydra.mode=RUN") == 1


def test_errors_stay_one_line(tmp_path, monkeypatch, capsys):
    _record(monkeypatch)
    assert main(["run", "nosuchkey=1", f"output_dir={tmp_path / 'a'}"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err and "nosuchkey" in err
    assert not (tmp_path / "a").exists()
    assert main(["run", "summarizer._target_=os.system", f"output_dir={tmp_path / 'b'}"]) == 2
    err = capsys.readouterr().err.strip()
    assert "not allowed" in err and "\n" not in err
    assert main(["run", "output_dir="]) == 2
    assert "output_dir is empty" in capsys.readouterr().err


def test_the_library_composition_matches_the_job(tmp_path, monkeypatch):
    seen = _record(monkeypatch)
    assert main(["run", "summarizer=textrank", f"output_dir={tmp_path / 'out'}"]) == 0
    assert OmegaConf.to_container(compose_config(["summarizer=textrank", f"output_dir={tmp_path / 'out'}"])) == seen[0][0]
