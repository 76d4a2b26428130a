"""The ``summarize`` command: thin shells over library calls.

``summarize run [overrides]`` is a Hydra app over ``conf/config.yaml`` (``summarize digest`` is
``run`` with the day's-digest settings); ``summarize list``
prints the options of each config group. Errors in configuration or input are printed as
one line (``error: ...``) with exit status 2, never as a traceback.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from summarize import __version__
from summarize.errors import ConfigError, SummarizeError
from summarize.registry import CONF_DIR, GROUPS, available, check_choice, user_conf_dir

USAGE = f"""usage: summarize <command> [options]

Multi-document summarization of news (version {__version__}).

commands:
  run [-m] [key=value ...]   summarize a dataset and score it with ROUGE (a Hydra app)
                             e.g. summarize run dataset=duc dataset.path=DIR summarizer=lead budget=words100
  eval predictions=FILE [dataset=... dataset.path=...] [eval=duc] [output_dir=DIR]
                             score any predictions file (metrics.json with bootstrap bounds, per_cluster.jsonl)
  compare DIR [DIR ...] [baseline=SYSTEM] [metric=fmeasure|recall] [output_dir=DIR]
                             compare runs (or a multirun folder): Markdown/CSV table with CIs and
                             p-values against the baseline, and a plot (PNG, SVG)
  digest input=DIR|FILE [date=YYYY-MM-DD|all] [output_dir=DIR] [key=value ...]
                             a day's digest: group the articles into events, clean and summarize
                             each, write digest.md/.html/.json with sources and record the day in
                             archive.sqlite (= run experiment=digest dataset=day render=all);
                             without date=, the latest day an article is dated
  list [group]               list the options of the config groups ({", ".join(GROUPS)})

Each option is a file conf/<group>/<name>.yaml of the package; a conf/ folder in the working
directory adds yours (conf/experiment/mine.yaml: experiment=mine). `summarize run -m` names each
job's folder after its swept overrides (summarizer=textrank); hydra/launcher=joblib runs the jobs
in parallel (pip install -e '.[sweep]'). `summarize run --help` shows Hydra's help.
"""

#: ``summarize <command> --help`` for the commands whose syntax is the toolkit's own
COMMAND_HELP = {
    "digest": """usage: summarize digest input=DIR|FILE [date=YYYY-MM-DD|all] [output_dir=DIR] [key=value ...]

A day's digest. The articles of input= (a folder of .txt/.html files, or a JSONL file of
articles, .jsonl.gz too) published on date= are grouped into events; each event is cleaned
(page furniture, off-topic documents, syndicated copies) and summarized (MMR, 100 words, the key
fact first, each sentence credited to the outlets that carry it), and written to digest.md,
digest.html and digest.json in output_dir, largest event first. The day is recorded in
archive.sqlite (archive=<file> to share one across days, archive=null for none): an event that
continues an earlier day's is marked as a follow-up and summarized from what is new.

  input=       the articles (required)
  date=        the day (default: the latest day an article is dated; all: every article)
  output_dir=  where the digest goes (default: outputs/<today>/<now>, as for run)
  key=value    any setting of `summarize run`, e.g. budget.words=150, summarizer=ilp_news

It is `summarize run experiment=digest dataset=day dataset.path=INPUT dataset.date=DATE
eval=none render=all`. Example: summarize digest input=data/days date=2025-03-15
""",
    "compare": """usage: summarize compare DIR [DIR ...] [baseline=SYSTEM] [metric=fmeasure|recall] [output_dir=DIR]

Compare finished runs (folders of `summarize run`, or one multirun folder of `summarize run -m`)
on the clusters they all scored: a Markdown and a CSV table (mean ROUGE with 95% bootstrap
intervals, paired p-values against the baseline, the readability hazards beside them) and a plot
(PNG, SVG).

  baseline=    the system the others are tested against (default: the first run)
  metric=      fmeasure (default) or recall
  output_dir=  where the table and plot go (default: the one folder given, else ./comparison)

Example: summarize run -m summarizer=lead,textrank,mmr output_dir=runs/cmp && summarize compare runs/cmp
""",
    "list": """usage: summarize list [group]

The options of the config groups, or of one group (%s), each with
the first line of its config file. A conf/ folder in the working directory adds yours.
""" % ", ".join(GROUPS),
}

_GROUP_OVERRIDE = re.compile(rf"^[+~]?({'|'.join(GROUPS)})=(.*)$")


def _check_overrides(args: Sequence[str]) -> None:
    """Reject unknown group options up front, with the list of valid ones."""
    for arg in args:
        m = _GROUP_OVERRIDE.match(arg)
        if not m:
            continue
        group, value = m.groups()
        value = value.strip()
        if value.startswith(("choice(", "glob(")):
            continue
        for name in (v.strip() for v in value.split(",")):
            if name and name != "null":
                check_choice(group, name)


def _multirun(args: list[str]) -> bool:
    return any(a in ("-m", "--multirun") for a in args)


def _output_dir(args: list[str]) -> str | None:
    """The folder of the last ``output_dir=X`` argument, if any (``null``: none, Hydra's dated folder)."""
    out = [a.split("=", 1)[1] for a in args if a.startswith("output_dir=")]
    return out[-1] if out and out[-1] not in ("null", "~") else None


def _hydra_args(args: list[str]) -> list[str]:
    """Map ``output_dir=X`` onto Hydra's own run (or sweep) folder, so nothing lands elsewhere; a sweep's
    job folders are named after the swept overrides only (:func:`_sweep_naming`)."""
    target = _output_dir(args)
    if _multirun(args):
        rest = [a for a in args if not a.startswith("output_dir=")]
        return rest + _sweep_naming(args) + ([f"hydra.sweep.dir={target}"] if target is not None else [])
    if target is None:
        return args
    return args + [f"hydra.run.dir={target}"]


#: overrides that never name a sweep's job folder
_UNNAMED = ("output_dir", "verbose")
_EXCLUDE_KEYS = "hydra.job.config.override_dirname.exclude_keys"


def _sweep_naming(args: list[str]) -> list[str]:
    """For ``-m``: leave out of the job folders' names (``hydra.sweep.subdir``, from Hydra's
    ``override_dirname``) every override that all the jobs share, so ``summarize run -m
    dataset.path=DIR summarizer=lead,textrank`` writes ``summarizer=lead/`` and ``summarizer=textrank/``.
    Nothing is added when the command line sets the exclusions itself or does not parse (the
    check that follows reports it)."""
    from hydra.core.override_parser.overrides_parser import OverridesParser

    overrides = _overrides_only(args)
    if any(o.lstrip("+~").split("=", 1)[0] == _EXCLUDE_KEYS for o in overrides):
        return []
    try:
        parsed = OverridesParser.create().parse_overrides([o for o in overrides if not o.startswith(("hydra.", "hydra/"))])
    except Exception:
        return []
    shared = [o.key_or_group for o in parsed if not o.is_sweep_override()]
    keys = list(dict.fromkeys([*_UNNAMED, *shared]))
    quoted = ",".join("'" + k.replace("\\", "\\\\").replace("'", "\\'") + "'" for k in keys)
    return [f"{_EXCLUDE_KEYS}=[{quoted}]"]


#: Hydra flags that would take configs from outside what is checked, or load a pickle
_REFUSED_FLAGS = ("--config-path", "-cp", "--config-name", "-cn", "--config-dir", "-cd", "--experimental-rerun")


#: the Hydra flags a run takes (anything else that starts with a dash is a mistake)
_KNOWN_FLAGS = frozenset({"-h", "--help", "--hydra-help", "--version", "--cfg", "-c", "--resolve", "--package",
                          "-p", "--run", "-r", "--multirun", "-m", "--shell-completion", "-sc", "--info", "-i"})


def _refuse_flags(args: list[str]) -> None:
    for arg in args:
        flag = arg.split("=", 1)[0]
        if flag in _REFUSED_FLAGS:
            raise ConfigError(f"{flag} is not supported: configs are checked before a run; "
                              f"add a folder of configs with hydra.searchpath=[file:///abs/folder]")
        if flag.startswith("-") and flag not in _KNOWN_FLAGS and not flag.lstrip("-")[:1].isdigit():
            setting = arg.lstrip("-")
            raise ConfigError(f"unknown option {arg!r}: settings are key=value without dashes"
                              + (f" ({setting})" if "=" in setting else "")
                              + "; flags: -m (a sweep), --cfg job (print the config), --help")


#: Hydra flags followed by a value that is not an override (``--cfg job``, ``--info searchpath``)
_FLAG_VALUES = {"--cfg": ("job", "hydra", "all"), "-c": ("job", "hydra", "all"), "--package": None, "-p": None,
                "--info": ("all", "config", "defaults", "defaults-tree", "plugins", "searchpath")}


def _overrides_only(args: list[str]) -> list[str]:
    """The ``key=value`` overrides of a command line, without Hydra's flags and their values."""
    return _split_flags(args)[1]


def _split_flags(args: list[str]) -> tuple[list[str], list[str]]:
    """Hydra's flags (with their values) and the ``key=value`` overrides of a command line, each
    in their order."""
    flags: list[str] = []
    out: list[str] = []
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
            flags.append(arg)
            continue
        if arg.startswith("-"):
            values = _FLAG_VALUES.get(arg, ())
            following = args[i + 1] if i + 1 < len(args) else ""
            skip = arg in _FLAG_VALUES and (values is None or following in values)
            flags.append(arg)
            continue
        out.append(arg)
    return flags, out


#: Hydra's modes, of which a command line may give one
_MODES = {"-m": "-m", "--multirun": "-m", "--cfg": "--cfg", "-c": "--cfg", "--info": "--info", "-i": "--info",
          "--shell-completion": "--shell-completion", "-sc": "--shell-completion", "--run": "--run", "-r": "--run"}


def _check_modes(args: list[str]) -> None:
    """Hydra takes one of -m, --cfg, --info, --shell-completion and --run (a traceback otherwise)."""
    modes = list(dict.fromkeys(_MODES[a.split("=", 1)[0]] for a in _split_flags(args)[0] if a.split("=", 1)[0] in _MODES))
    if len(modes) > 1:
        raise ConfigError(f"{' and '.join(modes)} cannot be combined: give one of -m (a sweep), --cfg job "
                          f"(print the config), --info")


def _variants(overrides: list[str]) -> list[list[str]]:
    """The override lists to check: the overrides as given, and for a sweep each of its values
    (the other sweeps at their first value); a glob over a group takes every option of the group."""
    from hydra.core.override_parser.overrides_parser import OverridesParser
    from hydra.core.override_parser.types import Glob

    parsed = OverridesParser.create().parse_overrides(overrides)
    fixed: list[str] = []
    sweeps: list[list[str]] = []
    for o in parsed:
        if not o.is_sweep_override():
            fixed.append(str(o.input_line))
            continue
        values = available(o.key_or_group) if isinstance(o.value(), Glob) and o.key_or_group in GROUPS \
            else list(o.sweep_string_iterator())
        if values:
            sweeps.append([f"{o.get_key_element()}={v}" for v in values])
    first = [options[0] for options in sweeps]
    out = [fixed + first]
    for i, options in enumerate(sweeps):
        out += [fixed + first[:i] + [v] + first[i + 1:] for v in options[1:]]
    return out


@contextmanager
def _config_errors(overrides: list[str] | None = None) -> Iterator[None]:
    """Composition failures as one-line :class:`ConfigError` (the toolkit's own errors pass as they are)."""
    try:
        yield
    except SummarizeError:
        raise
    except Exception as e:
        message = " ".join(str(e).split()) or type(e).__name__
        raise ConfigError(_unknown_setting(message, overrides or []) or message) from None


_COULD_NOT_OVERRIDE = re.compile(r"Could not override '([^']+)'")


def _unknown_setting(message: str, overrides: list[str]) -> str | None:
    """For Hydra's "Could not override 'dataset.limt'. To append to your config use +dataset.limt=2"
    (advice that then fails in the constructor): the settings the node takes, and the nearest."""
    import difflib

    from omegaconf import DictConfig, OmegaConf

    from summarize.registry import compose_config

    found = _COULD_NOT_OVERRIDE.search(message)
    if found is None:
        return None
    key = found.group(1)
    parent, _, name = key.rpartition(".")
    rest = [o for o in overrides if o.lstrip("+~").split("=", 1)[0] != key]
    try:
        from hydra.core.global_hydra import GlobalHydra

        GlobalHydra.instance().clear()
        cfg = compose_config(rest)
        node = OmegaConf.select(cfg, parent) if parent else cfg
    except Exception:  # noqa: BLE001  (another override is wrong too: Hydra's message then)
        return None
    if not isinstance(node, DictConfig):
        return None
    keys = sorted(k for k in node.keys() if isinstance(k, str) and not k.startswith("_") and k != "hydra")
    near = difflib.get_close_matches(name, keys, n=1, cutoff=0.6)
    where = f"{parent} ({node.get('_target_', '').rsplit('.', 1)[-1] or parent})" if parent else "the run"
    hint = f"did you mean {(parent + '.') if parent else ''}{near[0]}? " if near else ""
    return (f"unknown setting {key!r}: {hint}{where} takes {', '.join(keys)}"
            + (" (summarize digest also takes input= and date=)" if not parent
               else f"; an option of the class that the config leaves out takes a leading + (+{key}=...)"))


def _validate(args: list[str], *, create: bool = True) -> Path | None:
    """Compose the configuration before Hydra's app runs: its multi-line errors become one line,
    every ``_target_``, Hydra callback and logging class is checked against the allow-list
    (:func:`summarize.registry.check_targets`), and the output folder is checked.

    Returns:
        The run's output folder when it was given (``output_dir=`` or ``hydra.run.dir=``)
        and has been created here; ``None`` otherwise.
    """
    from hydra.core.global_hydra import GlobalHydra

    from summarize.registry import check_targets, compose_config

    overrides = _overrides_only(_hydra_args(args))
    multirun = _multirun(args)
    GlobalHydra.instance().clear()
    try:
        with _config_errors(overrides):
            variants = _variants(overrides) if multirun else [overrides]
            for variant in variants:
                cfg = compose_config(variant, with_hydra=True)
                check_targets(cfg)
    finally:
        GlobalHydra.instance().clear()
    return _check_run_folder(cfg, args, create=create)


def _check_run_folder(cfg: Any, args: list[str], *, create: bool) -> Path | None:
    """Check the output folder of a composed configuration (:func:`_check_output_folder`); make it
    when the command line gives it (``output_dir=`` or ``hydra.run.dir=``) and ``create``."""
    from omegaconf import OmegaConf

    key = "hydra.sweep.dir" if _multirun(args) else "hydra.run.dir"
    given = any(a.lstrip("+").split("=", 1)[0] == key for a in _hydra_args(args))
    try:
        folder = str(OmegaConf.select(cfg, key))
    except Exception:  # a resolver that only Hydra's app can resolve: Hydra reports it
        return None
    return _check_output_folder(folder, "output_dir" if _output_dir(args) is not None else key,
                                create=given and create)


def _run_composed(args: list[str], task: Any) -> bool:
    """A single run (no ``-m``, no Hydra flag) composed once: the configuration Hydra's app would
    compose is composed here, checked as :func:`_validate` checks it (the same one-line errors),
    and the job is run on it as ``Hydra.run`` runs it (output folder, job logging, callbacks,
    ``HydraConfig``), instead of composing it three times (the check, Hydra's mode probe, its run).

    Returns:
        ``False``, having run nothing, when the configuration sets ``hydra.mode`` or
        ``hydra.verbose`` itself: Hydra's app then decides and reports as it does.
    """
    from hydra._internal.hydra import Hydra
    from hydra._internal.utils import (
        create_automatic_config_search_path,
        detect_calling_file_or_module_from_task_function,
        detect_task_name,
        run_and_report,
    )
    from hydra.core.global_hydra import GlobalHydra
    from hydra.core.utils import configure_log
    from hydra.types import RunMode
    from omegaconf import open_dict, read_write

    from summarize.registry import check_targets

    overrides = _hydra_args(args)
    calling_file, calling_module = detect_calling_file_or_module_from_task_function(task)
    search_path = create_automatic_config_search_path(calling_file, calling_module, str(CONF_DIR))
    GlobalHydra.instance().clear()
    try:
        with _config_errors(_overrides_only(list(overrides))):
            hydra_app = Hydra.create_main_hydra2(task_name=detect_task_name(calling_file, calling_module),
                                                 config_search_path=search_path)
            # from_shell=False and run mode, as the compose API of _validate: the same messages
            cfg = hydra_app.compose_config(config_name="config", overrides=list(overrides), run_mode=RunMode.RUN,
                                           from_shell=False)
            check_targets(cfg)
        if cfg.hydra.mode is not None or cfg.hydra.verbose:
            return False
        _check_run_folder(cfg, args, create=True)
        # what Hydra's app adds when the configuration sets no mode (hydra._internal.utils._run_app)
        with read_write(cfg.hydra), open_dict(cfg.hydra):
            cfg.hydra.mode = RunMode.RUN
            cfg.hydra.overrides.hydra.append("hydra.mode=RUN")
        run_and_report(lambda: _run_job(hydra_app, cfg, task, configure_log))
    finally:
        GlobalHydra.instance().clear()
    return True


def _run_job(hydra_app: Any, cfg: Any, task: Any, configure_log: Any) -> None:
    """The body of ``hydra._internal.hydra.Hydra.run`` after its composition."""
    from hydra._internal.callbacks import Callbacks
    from hydra.core.utils import run_job
    from hydra.types import HydraContext

    configure_log(cfg.hydra.hydra_logging, cfg.hydra.verbose)
    callbacks = Callbacks(cfg)
    callbacks.on_run_start(config=cfg, config_name="config")
    ret = run_job(hydra_context=HydraContext(config_loader=hydra_app.config_loader, callbacks=callbacks),
                  task_function=task, config=cfg, job_dir_key="hydra.run.dir", job_subdir_key=None,
                  configure_logging=True)
    callbacks.on_run_end(config=cfg, config_name="config", job_return=ret)
    _ = ret.return_value  # raises the task's exception, as Hydra.run does


def _check_output_folder(folder: str, what: str, *, create: bool) -> Path | None:
    """Refuse an output folder that is empty, the filesystem root, a file, or cannot be made.

    Args:
        folder: the folder, as configured.
        what: the setting that gave it, for the message.
        create: make it now (an explicit folder), so that Hydra's own ``mkdir`` cannot fail
            with a traceback; a default dated folder is only checked.

    Returns:
        The folder, when created here.
    """
    import os

    if not folder.strip() or folder in ("None", "null"):
        raise ConfigError(f"{what} is empty; give a folder, e.g. {what}=runs/first (or {what}=. for this one)")
    path = Path(folder).expanduser()
    if path.resolve() == Path(path.resolve().anchor):
        raise ConfigError(f"{what}={folder} is the root of the filesystem; give a folder of its own")
    ancestor = path
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if ancestor.exists() and not ancestor.is_dir():
        raise ConfigError(f"{what}={folder}: {ancestor} is a file, not a folder")
    if not create:
        if not os.access(ancestor, os.W_OK | os.X_OK):
            raise ConfigError(f"{what}={folder}: cannot write in {ancestor} (permission denied)")
        return None
    existed = path.is_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".summarize-probe-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as e:
        if not existed:
            _remove_if_only_hydra(path)
        raise ConfigError(f"{what}={folder}: cannot write there ({e.strerror or e})") from None
    return path


def _warn_shadowed() -> None:
    """Warn of a file of the user's ``conf/`` that a packaged option of the same name hides."""
    folder = user_conf_dir()
    if folder is None:
        return
    for group in GROUPS:
        for path in sorted((folder / group).glob("*.yaml")):
            if (CONF_DIR / group / path.name).is_file():
                logging.getLogger("summarize").warning(
                    "conf/%s/%s is not used: the packaged %s %r of the same name comes first; rename yours",
                    group, path.name, group, path.stem)


def _run(args: list[str], job: str = "run") -> int:
    import hydra
    from omegaconf import DictConfig

    from summarize.runner import run as run_job
    from summarize.runner.evaluate import evaluate

    run = evaluate if job == "eval" else run_job

    _refuse_flags(args)
    _check_modes(args)
    _warn_shadowed()
    target = _output_dir(args)
    fresh = Path(target) if target and not _multirun(args) and not Path(target).exists() else None
    errors: list[SummarizeError] = []

    def task(cfg: DictConfig) -> None:
        _freeze_long_lived()
        try:
            run(cfg)
        except SummarizeError as e:  # reported after Hydra returns; other sweep jobs go on
            errors.append(e)
        except BrokenPipeError:  # output piped into `head` and closed: not an error
            _silence_stdout()
        except OSError as oe:  # a full disk, a folder made read-only during the run: one line
            where = f"{oe.filename}: " if oe.filename else ""
            errors.append(SummarizeError(f"cannot write the outputs: {where}{oe.strerror or oe}"))
        except UnicodeEncodeError as ue:
            errors.append(SummarizeError(f"cannot write the outputs: text that is not valid Unicode ({ue.reason})"))

    app = hydra.main(config_path=str(CONF_DIR), config_name="config", version_base="1.3")(task)
    if not any(a.startswith("-") for a in args):  # a single run: composed once, unless it sets hydra.mode
        _check_overrides(args)
        if not _run_composed(args, task):
            _validate(args)
            _run_app(app, args, job)
    elif not any(a in ("-h", "--help", "--hydra-help", "--cfg", "-c", "--info") or a.startswith("--info")
                 for a in args):
        _check_overrides(args)
        _validate(args)
        _run_app(app, args, job)
    else:  # Hydra only prints here, but a callback or logging config is checked all the same
        try:
            _validate(args, create=False)
        except ConfigError as refused:
            if "not allowed" in str(refused) or "not supported" in str(refused):
                raise
        _run_app(app, args, job)
    if errors and fresh is not None:
        _remove_if_only_hydra(fresh)
    if len(errors) == 1:
        raise errors[0]
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    return 2 if errors else 0


def _run_app(app: Any, args: list[str], job: str) -> None:
    """Hydra's app on the command line (``sys.argv`` as Hydra parses it)."""
    argv = sys.argv
    flags, overrides = _split_flags(_hydra_args(args))
    # the flags first: Hydra's parser takes the overrides as one run of positional arguments
    # (``summarizer=lead --cfg job hydra.run.dir=X`` was "unrecognized arguments")
    sys.argv = [f"summarize {job}", *flags, *overrides]
    try:
        app()
    finally:
        sys.argv = argv


def _remove_if_only_hydra(folder: Path) -> None:
    """A failed run leaves no folder behind: remove one this run created if it holds only Hydra's record."""
    import shutil

    try:
        if folder.is_dir() and {p.name for p in folder.iterdir()} <= {".hydra", ".summarize.lock"}:
            shutil.rmtree(folder)
    except OSError:
        pass


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _eval(args: list[str]) -> int:
    return _run(args, job="eval")


def _digest(args: list[str]) -> int:
    """``summarize digest input=X date=D ...`` is ``summarize run experiment=digest dataset=day
    dataset.path=X dataset.date=D eval=none render=all ...`` (later arguments override those)."""
    given = [a.split("=", 1)[0].lstrip("+~") for a in args]
    if "input" not in given and "dataset.path" not in given and not any(
            a in ("-h", "--help", "--hydra-help", "--cfg", "-c") for a in args):
        raise ConfigError("digest needs input=<folder of .txt/.html articles, or a .jsonl of articles>")
    mapped = [f"dataset.path={a.split('=', 1)[1]}" if a.startswith("input=")
              else f"dataset.date={a.split('=', 1)[1]}" if a.startswith("date=") else a for a in args]
    defaults = [d for d in ("experiment=digest", "dataset=day", "eval=none", "render=all") if d.split("=")[0] not in given]
    return _run([*defaults, *mapped], job="digest")


def _compare(args: list[str]) -> int:
    from summarize.evaluation.compare import compare_cli

    return compare_cli(args)


def _list(args: list[str]) -> int:
    """``summarize list``: every group's options on a line; ``summarize list GROUP ...``: each
    option of those groups with the first line of its config file (what it is)."""
    if not args:
        for group in GROUPS:
            print(f"{group}: {', '.join(available(group))}")
        return 0
    user = user_conf_dir()
    for group in args:
        names = available(group)
        print(f"{group}:")
        width = max(map(len, names), default=0)
        for name in names:
            print(f"  {name:<{width}}  {_describe(group, name, user)}".rstrip())
    return 0


def _describe(group: str, name: str, user: Path | None) -> str:
    """The first comment line of ``conf/<group>/<name>.yaml`` (the user's folder first, as Hydra
    searches it last and so lets it win), without the ``#``."""
    for folder in (user, CONF_DIR):
        path = folder / group / f"{name}.yaml" if folder is not None else None
        if path is not None and path.is_file():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                line = line.strip()
                if line.startswith("# @package"):
                    continue
                return line.lstrip("#").strip() if line.startswith("#") else ""
    return ""


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is now (it may be replaced, e.g. under pytest)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))

    @property  # type: ignore[override]
    def stream(self):  # noqa: ANN201
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        pass


#: set by :func:`main` when it is the process's entry point (the console script, ``python -m summarize``)
_FREEZE_GC = False


def _freeze_long_lived() -> None:
    """Once per process, when :func:`main` is its entry point: move every object alive now (the
    imported modules, the composed configuration) to the collector's permanent generation.

    They live until the process exits, and without this every full collection during the run
    walks them again: about 8% of a ``summarize run ... summarizer=lexrank`` over DUC 2003 was
    the cyclic garbage collector, 4% with them frozen (issue 16). Called from Python
    (``main([...])`` in a test or a notebook) nothing is frozen: the caller's objects are its own.
    """
    global _FREEZE_GC
    if _FREEZE_GC:
        import gc

        _FREEZE_GC = False
        gc.freeze()


def _setup_logging() -> None:
    logger = logging.getLogger("summarize")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        logger.addHandler(_StderrHandler())
        logger.setLevel(logging.INFO)
        logger.propagate = False


def _terminate_as_interrupt() -> Any:
    """SIGTERM (``kill``, a scheduler ending a job) stops a run as Ctrl-C does: temporary files
    removed, the journal left valid for a resumed run, exit status 143 (130 for Ctrl-C).

    Returns:
        The handler it replaced (restored when the command returns), or ``None`` off the main thread.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum: int, frame: object) -> None:
        raise _Terminated

    return signal.signal(signal.SIGTERM, handler)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so it unwinds as an interrupt does."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``summarize`` console script and of ``python -m summarize``."""
    global _FREEZE_GC
    _FREEZE_GC = argv is None
    args = list(sys.argv[1:] if argv is None else argv)
    _setup_logging()
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if args else 2
    if args[0] in ("-V", "--version"):
        print(__version__)
        return 0
    command, rest = args[0], args[1:]
    previous = _terminate_as_interrupt()
    commands = {"run": _run, "eval": _eval, "digest": _digest, "compare": _compare, "list": _list}
    try:
        if command in COMMAND_HELP and any(a in ("-h", "--help") for a in rest):
            print(COMMAND_HELP[command])  # these commands' own syntax (Hydra's help knows nothing of input=, date=, DIR)
            return 0
        if command not in commands:
            raise ConfigError(f"unknown command {command!r}; expected one of {', '.join(commands)}")
        return commands[command](rest)
    except SummarizeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except _Terminated:
        print("error: terminated (SIGTERM); rerun the same command to resume", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("error: interrupted; rerun the same command to resume", file=sys.stderr)
        return 130
    finally:
        if previous is not None:  # called from Python (a test, a notebook): leave its handler as it was
            import signal

            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    raise SystemExit(main())
