"""Shared fixtures: the shipped sample data and Hydra composition."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from omegaconf import DictConfig

from summarize.registry import compose_config

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample.jsonl"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def make_cfg() -> Iterator[object]:
    """Compose ``conf/config.yaml`` with overrides, as ``summarize run`` does."""
    def _compose(*overrides: str) -> DictConfig:
        return compose_config(overrides)
    yield _compose
