"""Configuration is the registry: ``conf/<group>/<name>.yaml`` names every option.

Every object built from a config goes through :func:`build`, so the allowed targets are
decided in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from omegaconf import DictConfig, OmegaConf

from summarize.errors import ConfigError, SummarizeError

CONF_DIR = Path(__file__).resolve().parent / "conf"
GROUPS = ("dataset", "clean", "summarizer", "budget", "eval", "render", "experiment")
#: only classes of this package may be built from a config
ALLOWED_TARGET_PREFIXES = ("summarize.",)
_REPO_DATA = Path(__file__).resolve().parent.parent / "data"


def available(group: str) -> list[str]:
    """The option names of a config group: the stems of ``conf/<group>/*.yaml``."""
    if group not in GROUPS:
        raise ConfigError(f"unknown config group {group!r}; expected one of {', '.join(GROUPS)}")
    return sorted(p.stem for p in (CONF_DIR / group).glob("*.yaml"))


def extractive_summarizers() -> list[str]:
    """The ``summarizer`` options that are extractive (their target lives in ``summarize.extractive``)."""
    return [m for m in available("summarizer")
            if "summarize.extractive." in (CONF_DIR / "summarizer" / f"{m}.yaml").read_text(encoding="utf-8")]


def check_choice(group: str, name: str) -> None:
    """Raise a one-line error listing the valid options if ``name`` is not one of ``group``'s."""
    options = available(group)
    if name not in options:
        raise ConfigError(f"unknown {group} {name!r}; expected one of {', '.join(options)}")


def data_path(name: str) -> str:
    """Resolve a file of the project's sample data: ``./data/<name>`` or the checkout's ``data/``.

    Registered as the ``sample_data`` config resolver: ``${sample_data:sample.jsonl}``.
    """
    local = Path("data") / name
    if local.exists() or not (_REPO_DATA / name).exists():
        return str(local)
    return str(_REPO_DATA / name)


if not OmegaConf.has_resolver("sample_data"):
    OmegaConf.register_new_resolver("sample_data", data_path)


def compose_config(overrides: list[str] | tuple[str, ...] = ()) -> DictConfig:
    """Compose ``conf/config.yaml`` with command-line style overrides, as ``summarize run`` does.

    Library callers, the ``eval/`` scripts and the tests use this instead of Hydra's app.
    """
    from hydra import compose, initialize_config_dir

    with initialize_config_dir(config_dir=str(CONF_DIR), version_base="1.3"):
        return compose(config_name="config", overrides=list(overrides))


def build(node: Any, kind: str, **kwargs: Any) -> Any:
    """Instantiate a config node (``_target_`` + keyword arguments).

    Args:
        node: the config node.
        kind: the group it comes from, for error messages (``"summarizer"``).
        **kwargs: extra constructor arguments (e.g. the budget).

    Raises:
        ConfigError: no target, a target outside the allow-list, or bad arguments.
    """
    import hydra.utils

    if isinstance(node, DictConfig):
        target = node.get("_target_")
    elif isinstance(node, Mapping):
        target = node.get("_target_")
    else:
        raise ConfigError(f"{kind}: expected a config with _target_, got {type(node).__name__}")
    if not target:
        raise ConfigError(f"{kind}: config has no _target_")
    if isinstance(node, DictConfig):
        missing = sorted(OmegaConf.missing_keys(node))
        if missing:
            key = missing[0] if missing[0].startswith(f"{kind}.") else f"{kind}.{missing[0]}"
            raise ConfigError(f"{key} is not set; give it on the command line, e.g. {key}=<value>")
    if not str(target).startswith(ALLOWED_TARGET_PREFIXES):
        raise ConfigError(f"{kind}: target {target!r} is not allowed; targets must be in {ALLOWED_TARGET_PREFIXES}")
    try:
        return hydra.utils.instantiate(node, **kwargs, _convert_="all")
    except SummarizeError:
        raise
    except Exception as e:  # hydra wraps constructor errors in InstantiationException
        cause: BaseException = e
        while cause.__cause__ is not None:
            cause = cause.__cause__
        if isinstance(cause, SummarizeError):
            raise cause from None
        message = str(cause).strip().splitlines()[-1] if str(cause).strip() else type(cause).__name__
        raise ConfigError(f"{kind} ({target}): {message}") from None
