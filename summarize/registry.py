"""Configuration is the registry: ``conf/<group>/<name>.yaml`` names every option.

Every object built from a config goes through :func:`build`, so the allowed targets are
decided in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from omegaconf import DictConfig, ListConfig, OmegaConf

from summarize.errors import ConfigError, SummarizeError

CONF_DIR = Path(__file__).resolve().parent / "conf"
GROUPS = ("dataset", "clean", "summarizer", "budget", "eval", "render", "runner", "experiment")
#: only classes of this package may be built from a config
ALLOWED_TARGET_PREFIXES = ("summarize.",)
_REPO_DATA = Path(__file__).resolve().parent.parent / "data"


#: the user's own configs: ``conf/`` in the working directory, when present, joins Hydra's search path
USER_CONF = "conf"


def user_conf_dir() -> Path | None:
    """``./conf`` (absolute) when the working directory has one; it is searched after the packaged configs."""
    folder = Path.cwd() / USER_CONF
    return folder.resolve() if folder.is_dir() and folder.resolve() != CONF_DIR else None


def _searchpath() -> list[str]:
    """``hydra.searchpath`` of ``conf/config.yaml`` (the ``summarize_searchpath`` resolver)."""
    folder = user_conf_dir()
    return [f"file://{folder}"] if folder is not None else []


def sweep_subdir(override_dirname: Any, num: Any) -> str:
    """A ``-m`` job's folder, named after its overrides (``budget=words200,summarizer=textrank``).

    The ``summarize_sweep_subdir`` resolver of ``hydra.sweep.subdir``: a ``/`` in a value becomes
    ``_`` (one folder per job, never nested), a name over 200 characters is cut and ends with the
    job's number, and a job with no override to name it is its number, as Hydra names it.
    """
    name = str(override_dirname or "").replace("/", "_").replace("\\", "_").strip()
    if not name or name in (".", ".."):
        return str(num)
    return name if len(name) <= 200 else f"{name[:190]}...#{num}"


for _name, _resolver in (("summarize_searchpath", _searchpath), ("summarize_sweep_subdir", sweep_subdir)):
    if not OmegaConf.has_resolver(_name):
        OmegaConf.register_new_resolver(_name, _resolver)


def available(group: str) -> list[str]:
    """The option names of a config group: the stems of ``conf/<group>/*.yaml``, packaged and the user's."""
    if group not in GROUPS:
        raise ConfigError(f"unknown config group {group!r}; expected one of {', '.join(GROUPS)}")
    folders = [CONF_DIR, *filter(None, [user_conf_dir()])]
    return sorted({p.stem for folder in folders for p in (folder / group).glob("*.yaml")})


def extractive_summarizers() -> list[str]:
    """The ``summarizer`` options that are extractive (their target lives in ``summarize.extractive``)."""
    return [m for m in available("summarizer")
            if "summarize.extractive." in (CONF_DIR / "summarizer" / f"{m}.yaml").read_text(encoding="utf-8")]


def check_choice(group: str, name: str) -> None:
    """Raise a one-line error listing the valid options if ``name`` is not one of ``group``'s."""
    options = available(group)
    if name not in options:
        raise ConfigError(f"unknown {group} {name!r}{_hint(group, name, options)}; expected one of {', '.join(options)}")


def _hint(group: str, name: str, options: list[str]) -> str:
    """" (did you mean 'lexrank'?)" for a typo or a wrong case; for a budget preset that does not
    exist ("words120"), the setting that takes any number."""
    import difflib
    import re

    budget = re.fullmatch(r"(words|bytes|sentences)(\d+)", name.lower()) if group == "budget" else None
    if budget:
        return f" (any limit: budget.{budget.group(1)}={budget.group(2)})"
    if group == "budget" and name.isdigit():
        return f" (any limit: budget.words={name})"
    lowered = {o.lower(): o for o in options}
    close = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.75)
    return f" (did you mean {lowered[close[0]]!r}?)" if close else ""


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


def compose_config(overrides: list[str] | tuple[str, ...] = (), *, with_hydra: bool = False) -> DictConfig:
    """Compose ``conf/config.yaml`` with command-line style overrides, as ``summarize run`` does.

    Library callers, the ``eval/`` scripts and the tests use this instead of Hydra's app.

    Args:
        overrides: ``key=value`` overrides, as on the command line.
        with_hydra: keep the ``hydra`` node (callbacks, launcher, logging, run folder), as the
            command line checks it before Hydra's app runs.
    """
    from hydra import compose, initialize_config_dir

    with initialize_config_dir(config_dir=str(CONF_DIR), version_base="1.3"):
        return compose(config_name="config", overrides=list(overrides), return_hydra_config=with_hydra)


#: the base class a config group's targets must derive from (other groups: any public class of the package)
ALLOWED_BASES = {
    "dataset": ("summarize.io.common", "Dataset"),
    "summarizer": ("summarize.summarizer", "Summarizer"),
    "extractor": ("summarize.summarizer", "Summarizer"),
    "clean": ("summarize.clean.cleaner", "Cleaner"),
    "runner": ("summarize.runner.runners", "Runner"),
}
#: Hydra callbacks a config may name (Hydra's own, which only log)
ALLOWED_CALLBACKS = frozenset({"hydra.experimental.callbacks.LogJobReturnCallback"})
#: the classes a Hydra logging config (``hydra.job_logging``, ``hydra.hydra_logging``) may name
ALLOWED_LOGGING_CLASSES = frozenset({"logging.StreamHandler", "logging.FileHandler", "logging.NullHandler",
                                     "logging.Formatter", "colorlog.ColoredFormatter"})
#: Hydra plugin nodes whose own ``_target_`` Hydra checks against its registered plugins
_HYDRA_PLUGIN_NODES = ("hydra.launcher", "hydra.sweeper")
_DOTTED = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+$")
_RESERVED = ("_args_", "_partial_", "_recursive_", "_convert_")


def allowed_class(target: object, kind: str, where: str | None = None) -> type:
    """The class a ``_target_`` names, if a config may build it; a one-line :class:`ConfigError` if not.

    A target must be the dotted name of a public class defined in this package (not a name it
    imports: ``summarize.io.common.Path`` is refused), reached through modules only, and for the
    groups of :data:`ALLOWED_BASES` a subclass of that group's base. Nothing outside
    ``summarize`` is imported to check it, and nothing is called.

    Args:
        target: the ``_target_`` value.
        kind: the config group (``"summarizer"``), for the base class and the message.
        where: the key of the node, for the message (``"summarizer.extractor"``); ``kind`` by default.

    Raises:
        ConfigError: the target is not allowed.
    """
    import importlib
    import inspect
    from types import ModuleType

    def refuse(why: str) -> ConfigError:
        return ConfigError(f"{where or kind}: target {target!r} is not allowed ({why}); targets must be classes of "
                           f"this package, e.g. the _target_ of conf/{kind}/*.yaml")

    if not isinstance(target, str) or not _DOTTED.match(target) or not target.startswith(ALLOWED_TARGET_PREFIXES):
        raise refuse("not a summarize.* class name")
    parts = target.split(".")
    obj: Any = importlib.import_module(parts[0])
    for i, part in enumerate(parts[1:], start=1):
        if not isinstance(obj, ModuleType):
            raise refuse(f"{'.'.join(parts[:i])} is not a module")
        if hasattr(obj, part):
            obj = getattr(obj, part)
            continue
        try:
            obj = importlib.import_module(".".join(parts[:i + 1]))
        except ImportError:
            raise refuse("no such class") from None
    if not (inspect.isclass(obj) and obj.__name__ == parts[-1]
            and str(obj.__module__).startswith(ALLOWED_TARGET_PREFIXES)):
        raise refuse("not a class defined in this package")
    if kind in ALLOWED_BASES:
        module, name = ALLOWED_BASES[kind]
        base = getattr(importlib.import_module(module), name)
        if not issubclass(obj, base):
            raise refuse(f"not a {name}")
    return obj


def _items(node: Any) -> list[tuple[str, Any]]:
    """``(key, resolved value)`` of a mapping or list node; a value that cannot be resolved is an error object."""
    if isinstance(node, (DictConfig, Mapping)):
        keys: list[Any] = list(node.keys())
    elif isinstance(node, (ListConfig, list, tuple)):
        keys = list(range(len(node)))
    else:
        return []
    out = []
    for key in keys:
        try:
            out.append((str(key), node[key]))
        except Exception as e:  # an interpolation that does not resolve, or ???
            out.append((str(key), _Unresolved(e)))
    return out


class _Unresolved:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def fatal(self) -> bool:
        """Whether the value can never be resolved in the run: not a ``???`` left to set (the
        builder names it), nor ``${hydra:...}``, resolved once Hydra's app runs (an unset
        ``${oc.env:X}`` was a traceback in the run)."""
        from omegaconf.errors import MissingMandatoryValue

        return not isinstance(self.error, MissingMandatoryValue) and "HydraConfig was not set" not in str(self.error)


def check_targets(cfg: Any, path: str = "") -> None:
    """Check every ``_target_`` of a configuration, at any depth, before anything is built.

    Outside ``hydra``: every ``_target_`` must pass :func:`allowed_class` for its top-level
    group. In ``hydra``: a launcher's or sweeper's own target (Hydra checks it is a registered
    plugin), the callbacks of :data:`ALLOWED_CALLBACKS`, and in the logging configs only the
    classes of :data:`ALLOWED_LOGGING_CLASSES` (no ``()`` factories, files opened to append);
    any other ``_target_`` there is refused. Interpolations are resolved first, so
    ``${oc.create:...}`` hides nothing.

    Args:
        cfg: the composed configuration (with its ``hydra`` node, when checking a command line),
            or one node of it with ``path`` its dotted location.
        path: where ``cfg`` sits in the whole configuration (``"summarizer"``).

    Raises:
        ConfigError: a target, callback or logging class that is not allowed, named with its key.
    """
    if not path and isinstance(cfg, (DictConfig, Mapping)) and "hydra" in cfg:
        _check_hydra_node(cfg)
    items = _items(cfg)
    keys = {k for k, _ in items}
    logging_config = path.startswith(_LOGGING_NODES)
    for key, value in items:
        where = f"{path}.{key}" if path else key
        if logging_config:
            _check_logging_value(cfg, path, key, value)
        if isinstance(value, _Unresolved):
            if key in ("_target_", "class", "()") or (not where.startswith("hydra") and value.fatal()):
                message = " ".join(str(value.error).split()).split(" full_key:")[0]
                raise ConfigError(f"{where} cannot be resolved: {message[:200]}")
            continue
        if key == "_target_":
            _check_target(path, value, keys)
        elif key in ("class", "()") and logging_config:
            if key == "()" or value not in ALLOWED_LOGGING_CLASSES:
                raise ConfigError(f"{where}: {value!r} is not allowed in a logging config; "
                                  f"expected one of {', '.join(sorted(ALLOWED_LOGGING_CLASSES))}")
            mode = dict(_items(cfg)).get("mode", "a")
            if str(value).endswith("FileHandler") and mode != "a":
                raise ConfigError(f"{path}.mode: mode {mode!r} is not allowed; a log file is only appended to (a)")
            if str(value).endswith("FileHandler"):
                _check_log_file(cfg, path)
        elif isinstance(value, (DictConfig, ListConfig, Mapping, list, tuple)):
            check_targets(value, where)


_LOGGING_NODES = ("hydra.job_logging", "hydra.hydra_logging")
#: the streams a logging handler may write to (``ext://`` names anything importable)
_LOG_STREAMS = frozenset({"ext://sys.stdout", "ext://sys.stderr"})
#: the keys a handler of a logging config may have (the others are passed to its class)
_HANDLER_KEYS = frozenset({"class", "level", "formatter", "filters", "stream", "filename", "mode", "encoding",
                           "delay", "errors"})
#: a log file: Hydra's own (``${hydra.runtime.output_dir}/${hydra.job.name}.log``) or a named
#: ``.log`` file of the run's folder, never a path elsewhere
_LOG_FILE = re.compile(r"^\$\{hydra[.:]runtime\.output_dir\}/"
                       r"(?:\$\{hydra[.:]job\.name\}|[A-Za-z0-9_-][A-Za-z0-9_.-]*)\.log$")
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*$")
#: environment variables a config may not set (``hydra.job.env_set``): they make interpreters,
#: shells or the dynamic loader of every process the run starts (pool and ray workers) load code
_CODE_ENV = re.compile(r"^(?:PYTHON.*|LD_.*|DYLD_.*|PERL.*|RUBY.*|NODE_.*|_?JAVA.*|JDK_.*|BASH.*|ENV|SHELLOPTS|PS4|"
                       r"IFS|HOME|TMPDIR|PATH|.*PATH|.*HOOK.*|.*_OPTS|.*OPTIONS|.*STARTUP.*|.*PRELOAD.*|GCONV_.*|"
                       r"GIT_.*|SSH_.*|RAY_.*|BROWSER|EDITOR|VISUAL|PAGER)$", re.IGNORECASE)


def _raw(node: Any, key: str) -> Any:
    """The value of ``node[key]`` as written (interpolations not resolved)."""
    if isinstance(node, DictConfig):
        child = node._get_node(key)
        return child._value() if child is not None else None  # type: ignore[union-attr]
    return node.get(key) if isinstance(node, Mapping) else None


def _check_logging_value(node: Any, path: str, key: str, value: Any) -> None:
    """In a logging config: no ``.`` (attributes set on a built object), no ``ext://`` (an import)
    but the two standard streams, and a handler only with the keys its classes take."""
    where = f"{path}.{key}"
    if key == ".":
        raise ConfigError(f"{where}: setting attributes ('.') is not allowed in a logging config")
    raw = _raw(node, key)
    if isinstance(raw, str) and raw.strip().startswith(("ext://", "cfg://")) and raw.strip() not in _LOG_STREAMS:
        raise ConfigError(f"{where}: {raw!r} is not allowed in a logging config; a stream is "
                          f"{' or '.join(sorted(_LOG_STREAMS))}")
    parts = path.split(".")
    if len(parts) == 4 and parts[2] == "handlers" and key not in _HANDLER_KEYS:
        raise ConfigError(f"{where}: a logging handler takes {', '.join(sorted(_HANDLER_KEYS))}")


def _check_log_file(handler: Any, path: str) -> None:
    """A log file is a ``.log`` file in the run's own folder: a config that could name any path
    would append lines it formats itself to any file (a shell's rc file, a ``.pth`` file that
    Python runs at start-up)."""
    filename = _raw(handler, "filename")
    if not isinstance(filename, str) or not _LOG_FILE.match(filename.strip()):
        raise ConfigError(f"{path}.filename: {filename!r} is not allowed; a log file is a .log file of the run's "
                          "folder, e.g. ${hydra.runtime.output_dir}/${hydra.job.name}.log")


def _check_hydra_node(cfg: Any) -> None:
    """What the ``hydra`` node may set besides targets: the job's name (it names the log file) is a
    plain name, ``hydra.output_subdir`` stays unset (the run writes ``.hydra/`` itself, once its
    outputs are written: Hydra's would be written first, and could be any folder), and
    ``hydra.job.env_set`` sets no variable that makes a started process load code."""
    node = cfg["hydra"]
    if not isinstance(node, (DictConfig, Mapping)):
        return
    job = dict(_items(node.get("job") or {}))
    name = job.get("name")
    if isinstance(name, str) and not _PLAIN_NAME.match(name):
        raise ConfigError(f"hydra.job.name: {name!r} is not allowed; a job's name is letters, digits, _ - and .")
    subdir = dict(_items(node)).get("output_subdir")
    if subdir is not None and not isinstance(subdir, _Unresolved):
        raise ConfigError(f"hydra.output_subdir={subdir} is not supported: the run writes its settings to "
                          ".hydra/ itself, once its outputs are written; leave it unset")
    env = job.get("env_set")
    for var, _ in _items(env if env is not None else {}):
        if _CODE_ENV.match(var):
            raise ConfigError(f"hydra.job.env_set.{var} is not allowed: it would make the processes the run "
                              "starts load code; set it in the shell that starts the run")


def _check_target(path: str, target: Any, keys: set[str]) -> None:
    if path.startswith("hydra.") or path == "hydra":
        if path in _HYDRA_PLUGIN_NODES:
            _check_plugin(path, target)
            return
        if path.startswith("hydra.callbacks.") and path.count(".") == 2 and target in ALLOWED_CALLBACKS:
            return
        what = "callback" if path.startswith("hydra.callbacks.") else "target"
        raise ConfigError(f"{path}: {what} {target!r} is not allowed; Hydra callbacks may be "
                          f"{', '.join(sorted(ALLOWED_CALLBACKS))}")
    group = path.split(".", 1)[0]
    if not group:
        raise ConfigError(f"_target_ {target!r} at the top of the configuration is not allowed")
    allowed_class(target, group, path)
    reserved = sorted(keys & set(_RESERVED))
    if reserved:
        raise ConfigError(f"{path}: {reserved[0]} is not supported; give constructor arguments by name")


def _check_plugin(path: str, target: Any) -> None:
    """A launcher's or sweeper's ``_target_`` is one of Hydra's registered plugins of that kind
    (Hydra refuses others too, but with a traceback)."""
    from hydra.core.plugins import Plugins
    from hydra.plugins.launcher import Launcher
    from hydra.plugins.sweeper import Sweeper

    kind = Launcher if path == "hydra.launcher" else Sweeper
    known = sorted(f"{c.__module__}.{c.__name__}" for c in Plugins.instance().discover(kind))
    if target not in known:
        raise ConfigError(f"{path}._target_: {target!r} is not allowed; expected one of {', '.join(known)} "
                          f"(or hydra/{path.split('.')[1]}=<name>)")


def _numeric_settings(cls: type) -> dict[str, int | float]:
    """The keyword settings of ``cls`` (its ``__init__`` and its bases') whose default is a number
    and whose annotation admits no string: ``lambda_=abc`` is refused by name, not by the
    comparison it would fail in."""
    import inspect

    out: dict[str, int | float] = {}
    for klass in reversed(cls.__mro__):
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        try:
            parameters = inspect.signature(init).parameters.values()
        except (TypeError, ValueError):
            continue
        for p in parameters:
            d = p.default
            if isinstance(d, (int, float)) and not isinstance(d, bool) and "str" not in str(p.annotation):
                out[p.name] = d
            else:
                out.pop(p.name, None)
    return out


def build(node: Any, kind: str, **kwargs: Any) -> Any:
    """Instantiate a config node (``_target_`` + keyword arguments), the only way configs build objects.

    Every ``_target_`` in the node, at any depth, is checked first (:func:`check_targets`);
    then the toolkit calls the class itself with the node's values as keyword arguments.
    Nested nodes are passed as plain dicts, never instantiated (Hydra's recursive
    instantiation would build them before any check).

    Args:
        node: the config node.
        kind: the group it comes from, for error messages and the allow-list (``"summarizer"``).
        **kwargs: extra constructor arguments (e.g. the budget).

    Raises:
        ConfigError: no target, a target outside the allow-list, or bad arguments.
    """
    if isinstance(node, (DictConfig, Mapping)):
        target = node.get("_target_")
    else:
        raise ConfigError(f"{kind}: expected a config with _target_, got {type(node).__name__}")
    if not target:
        raise ConfigError(f"{kind}: config has no _target_")
    if isinstance(node, DictConfig):
        try:  # resolves interpolations: ${oc.env:UNSET} fails here
            missing = sorted(OmegaConf.missing_keys(node))
        except Exception as e:  # noqa: BLE001  (OmegaConf's errors are several classes)
            raise ConfigError(f"{kind}: {' '.join(str(e).split()).split(' full_key:')[0][:300]}") from None
        if missing:
            key = missing[0] if missing[0].startswith(f"{kind}.") else f"{kind}.{missing[0]}"
            raise ConfigError(f"{key} is not set; give it on the command line, e.g. {key}=<value>")
    check_targets(node, kind)
    cls = allowed_class(target, kind)
    try:
        values = OmegaConf.to_container(node, resolve=True) if isinstance(node, DictConfig) else dict(node)
    except Exception as e:
        raise ConfigError(f"{kind}: {' '.join(str(e).split())[:300]}") from None
    assert isinstance(values, dict)
    values.pop("_target_", None)
    try:
        return cls(**{str(k): v for k, v in values.items()}, **kwargs)
    except SummarizeError:
        raise
    except Exception as e:
        # a class that does not check a setting's type fails inside a comparison ("'<=' not
        # supported between instances of 'int' and 'str'"): name the setting instead
        numeric = _numeric_settings(cls)
        for key, value in values.items():
            default = numeric.get(str(key))
            if default is not None and isinstance(value, (str, bool, list, dict)):
                raise ConfigError(f"{kind}.{key} must be a number (default {default!r}), got {value!r}") from None
        message = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
        raise ConfigError(f"{kind} ({target}): {message}") from None
