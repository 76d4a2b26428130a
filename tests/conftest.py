"""Shared fixtures: the shipped sample data and Hydra composition."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir
from omegaconf import DictConfig

from summarize.registry import CONF_DIR

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample.jsonl"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def make_cfg() -> Iterator[object]:
    """Compose ``conf/config.yaml`` with overrides, as ``summarize run`` does."""
    def _compose(*overrides: str) -> DictConfig:
        with initialize_config_dir(config_dir=str(CONF_DIR), version_base="1.3"):
            return compose(config_name="config", overrides=list(overrides))
    yield _compose
