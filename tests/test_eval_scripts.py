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
