"""Every setting of the extractive, cleaning, evaluation, dataset and budget configs, given a wrong
value, ends in a result or in one line starting with ``error:``: never a traceback, never a
half-written output folder."""

import contextlib
import io
import logging
from pathlib import Path

import pytest
from omegaconf import OmegaConf

from summarize.cli import main
from summarize.registry import available, compose_config

NEEDS_A_MODEL = ("bart", "pegasus", "primera", "led_", "smollm2")
GROUPS = {
    "summarizer": [s for s in available("summarizer") if not s.startswith(NEEDS_A_MODEL)],
    "clean": ["default", "boilerplate"],
    "eval": ["rouge", "duc"],
    "dataset": ["sample", "day"],
    "budget": ["words100", "bytes665", "sentences3"],
}
WRONG = ("abc", "-1", "[1,2]")
#: what an option needs to run at all
NEEDS = {"day": [f"dataset.path={Path(__file__).resolve().parent.parent / 'data' / 'sample.jsonl'}"]}


def _leaves(node, prefix):
    for key, value in node.items():
        if isinstance(value, dict):
            yield from _leaves(value, f"{prefix}{key}.")
        elif not isinstance(value, list) and key not in ("_target_", "name", "path"):
            yield f"{prefix}{key}"


def _cases():
    for group, options in GROUPS.items():
        for option in options:
            node = OmegaConf.to_container(compose_config([f"{group}={option}"]), resolve=False)[group]
            for key in _leaves(node, f"{group}."):
                yield group, option, key


CASES = list(_cases())


def test_the_fuzz_covers_the_configs():
    assert len(CASES) > 80
    assert ("summarizer", "mmr", "summarizer.lambda_") in CASES and ("eval", "duc", "eval.alpha") in CASES


@pytest.mark.parametrize("group,option,key", CASES, ids=[f"{g}={o}:{k}" for g, o, k in CASES])
def test_wrong_values_give_a_result_or_one_line(group, option, key, tmp_path):
    logging.disable(logging.CRITICAL)
    try:
        for value in WRONG:
            out = tmp_path / f"out{WRONG.index(value)}"
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                rc = main(["run", f"{group}={option}", *NEEDS.get(option, []), f"{key}={value}", f"output_dir={out}",
                           "verbose=false", "dataset.limit=1", "eval.bootstrap.resamples=10"])
            message = err.getvalue().strip()
            assert "Traceback" not in message, (key, value, message)
            if rc == 0:
                assert (out / "metrics.json").is_file(), (key, value)
            else:
                assert rc == 2 and message.startswith("error: ") and "\n" not in message, (key, value, message)
                assert not out.exists(), (key, value)
    finally:
        logging.disable(logging.NOTSET)
