"""The lean core: extractive runs, cleaning, evaluation and the digest without transformers or torch.

``pip install -e .`` leaves transformers (and torch) to the ``abstractive`` extra. These tests run
the toolkit in a fresh interpreter whose ``sitecustomize`` makes every import of ``transformers``
and ``torch`` fail, as on a lean install.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HIDDEN = ("transformers", "torch")

SITECUSTOMIZE = textwrap.dedent(f"""
    import sys

    class _Hide:
        # every import of {HIDDEN} fails, as when they are not installed
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {HIDDEN!r}:
                raise ImportError(f"{{name}} is not installed (hidden by the lean-install test)")
            return None

    sys.meta_path.insert(0, _Hide())
""")


@pytest.fixture
def lean_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose Python cannot import transformers or torch."""
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(hide), *filter(None, [env.get("PYTHONPATH")])])
    return env


def _python(code: str, env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def test_the_hiding_works(lean_env):
    done = _python("import transformers", lean_env)
    assert done.returncode != 0 and "hidden by the lean-install test" in done.stderr


def test_digest_experiment_runs_without_transformers(lean_env, tmp_path):
    out = tmp_path / "run"
    code = ("import sys; from summarize.cli import main; "
            f"code = main(['run', 'experiment=digest', 'output_dir={out}', 'eval.bootstrap.resamples=0']); "
            f"print(sorted(m for m in {HIDDEN!r} if m in sys.modules)); sys.exit(code)")
    done = _python(code, lean_env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["system"] == "mmr_digest" and metrics["n_scored"] == 3
    assert metrics["rouge1"]["fmeasure"] > 0.2  # scored (by rouge-score-rs), not empty
    assert (out / "digest.md").read_text(encoding="utf-8").count("\n## ") >= 3  # one section per event
    assert len((out / "cleaning.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_abstractive_without_transformers_is_one_line(lean_env, tmp_path):
    out = tmp_path / "abstractive"
    done = subprocess.run([sys.executable, "-m", "summarize", "run", "summarizer=bart_large_cnn", f"output_dir={out}"],
                          capture_output=True, text=True, env=lean_env, cwd=ROOT, timeout=300)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("error: ") and "[abstractive]" in done.stderr
    assert not out.exists()


def test_importing_the_runner_loads_no_heavy_optional_module():
    # rouge-score (with NLTK and absl) cost 1.5 s of a 2.3 s import in a run that scores nothing (issue 16)
    heavy = ("transformers", "torch", "rouge_score", "nltk", "absl", "sklearn", "ray")
    code = f"import sys, summarize, summarize.runner.run; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
