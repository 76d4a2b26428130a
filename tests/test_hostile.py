"""Hostile and careless input (issue 15): configs that name code, input that used to end in a
traceback, silent wrong answers. Every refusal is exit status 2 and one line starting with
``error:``; nothing outside the allow-list is ever called. Inputs are made here, in tmp_path."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import hydra.utils
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from omegaconf import OmegaConf

from summarize.budget import fit_to_budget
from summarize.cli import main
from summarize.errors import ConfigError, InputError
from summarize.io import FolderDataset, JsonlDataset
from summarize.registry import CONF_DIR, GROUPS, available, build, check_targets, compose_config
from summarize.types import Budget

#: every call of :func:`sentinel`; a config that reaches it has run code it should not have
CALLS: list[tuple[object, ...]] = []
SENTINEL = f"{__name__}.sentinel"


def sentinel(*args: object, **kwargs: object) -> object:
    """A callable outside the allow-list: records its call and touches the marker file it is given."""
    CALLS.append(args)
    for a in args:
        if isinstance(a, str) and a.endswith(".called"):
            Path(a).touch()
    return object()


def _main(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        rc = main(list(args))
    return rc, err.getvalue().strip()


def _one_line_error(rc: int, message: str) -> None:
    assert rc == 2, message
    lines = [ln for ln in message.splitlines() if not ln.startswith(("WARNING:", "INFO:"))]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in message, message


def test_the_sentinel_runs_when_instantiated(tmp_path):
    """The fuzzer's oracle works: Hydra's own instantiate would call it."""
    marker = tmp_path / "x.called"
    before = len(CALLS)
    hydra.utils.instantiate({"_target_": SENTINEL, "_args_": [str(marker)]})
    assert len(CALLS) == before + 1 and marker.exists()
    del CALLS[before:]


# ---------------------------------------------------------------- code from a config (item 1)
@pytest.mark.parametrize("override", [
    "+summarizer.evil={_target_:builtins.open,_args_:[VICTIM,w]}",
    "+dataset.evil={_target_:shutil.copyfile,_args_:[VICTIM,COPY]}",
    "+hydra.callbacks.evil={_target_:builtins.open,_args_:[VICTIM,w]}",
    "+hydra.launcher.evil={_target_:builtins.open,_args_:[VICTIM,w]}",
    "+hydra.job_logging.handlers.evil={class:builtins.open,file:VICTIM,mode:w}",
    "+hydra.job_logging.handlers.evil={class:logging.FileHandler,filename:VICTIM,mode:w}",
    "summarizer._target_=summarize.runner.output.os.remove",
    "+clean.x='${oc.create:{_target_:builtins.open,_args_:[VICTIM,w]}}'",
])
def test_the_issue_reproducers_touch_nothing(override, tmp_path):
    victim, copy = tmp_path / "victim.txt", tmp_path / "copy"
    victim.write_text("data")
    override = override.replace("VICTIM", str(victim)).replace("COPY", str(copy))
    rc, message = _main("run", override, f"output_dir={tmp_path / 'out'}", "verbose=false")
    _one_line_error(rc, message)
    assert "not allowed" in message
    assert victim.read_text() == "data" and not copy.exists() and not (tmp_path / "out").exists()


@pytest.mark.parametrize("overrides", [
    # a log file anywhere takes lines the config formats itself: a shell's rc file, a sitecustomize.py
    ["+hydra.job_logging.handlers.f={class:logging.FileHandler,filename:VICTIM,formatter:x}",
     "+hydra.job_logging.formatters.x={format:'touch CALLED #%(message)s'}",
     "+hydra.job_logging.root={handlers:[f],level:INFO}"],
    ["+hydra.job_logging.handlers.f={class:logging.FileHandler,filename:'${hydra.runtime.output_dir}/../v.log'}"],
    ["+hydra.hydra_logging.handlers.f={class:logging.FileHandler,filename:VICTIM}"],
    ["+hydra.job_logging.handlers.f={class:logging.StreamHandler,stream:'ext://os.environ'}"],
    ["+hydra.job_logging.handlers.f={class:logging.StreamHandler,stream:'ext://sys.stderr',evil:1}"],
    ["+hydra.job_logging.formatters.x={format:'%(message)s',validate:'ext://os.system'}"],
    # environment variables that make the processes a run starts (pool, ray workers) load code
    ["+hydra.job.env_set.PYTHONPATH=DIR", "runner=pool"],
    ["+hydra.job.env_set.LD_PRELOAD=VICTIM"],
    ["+hydra.job.env_set.PERL5OPT=-Mbase"],
    # Hydra's record written to any folder, before the run (and kept when it fails)
    ["hydra.output_subdir=DIR"],
    ["hydra.output_subdir=.hydra"],
    ["hydra.job.name=../../x"],
    # Hydra refuses a launcher that is not its plugin, but with a traceback
    ["hydra.launcher._target_=builtins.open"],
    ["hydra.sweeper._target_=builtins.open"],
])
def test_what_the_hydra_node_may_not_set_is_one_line(overrides, tmp_path):
    """A config's logging, environment and Hydra record stay in the run's folder (issue 15, item 1)."""
    victim = tmp_path / "victim.txt"
    victim.write_text("data")
    overrides = [o.replace("VICTIM", str(victim)).replace("DIR", str(tmp_path)).replace("CALLED", str(tmp_path / "x"))
                 for o in overrides]
    rc, message = _main("run", *overrides, "dataset.limit=1", f"output_dir={tmp_path / 'out'}", "verbose=false")
    _one_line_error(rc, message)
    assert victim.read_text() == "data" and not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["victim.txt"]


def test_a_logging_config_that_sets_attributes_is_refused(tmp_path):
    cfg = compose_config(["dataset.limit=1"], with_hydra=True)
    cfg.hydra.job_logging = OmegaConf.create({"version": 1, "root": {"handlers": ["h"]}, "handlers": {
        "h": {"class": "logging.StreamHandler", ".": {"emit": "x"}}}})
    with pytest.raises(ConfigError, match="setting attributes"):
        check_targets(cfg)


def test_hydra_own_log_file_and_a_safe_environment_still_run(tmp_path):
    # a process of its own: Hydra's logging configuration closes the handlers it replaces, and in
    # pytest's process one of them may hold pytest's captured output stream (the rest of the
    # session's tests then fail to set up)
    import subprocess
    import sys

    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "summarize", "run", "hydra/job_logging=default",
                           "+hydra.job.env_set.OMP_NUM_THREADS=1", "dataset.limit=1", f"output_dir={out}",
                           "verbose=false", "progress=false"], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr
    assert (out / "cli.log").is_file() and (out / "predictions.jsonl").is_file()


def test_a_sweep_value_is_checked_too(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("data")
    rc, message = _main("run", "-m", f"+summarizer.evil={{a:1}},{{_target_:builtins.open,_args_:[{victim},w]}}",
                        f"output_dir={tmp_path / 'out'}", "verbose=false")
    _one_line_error(rc, message)
    assert victim.read_text() == "data"


def test_flags_that_load_unchecked_configs_are_refused(tmp_path):
    for flag in ("--config-dir", "--experimental-rerun"):
        rc, message = _main("run", flag, str(tmp_path), "verbose=false")
        _one_line_error(rc, message)


def test_targets_must_be_classes_of_the_package_and_of_their_group():
    assert build(compose_config(["summarizer=lead"]).summarizer, "summarizer", budget=Budget(words=10))
    for target, kind in [("summarize.io.common.Path", "dataset"),  # imported, not defined here
                         ("summarize.io.JsonlDataset", "summarizer"),  # wrong group
                         ("summarize.extractive.base.np.load", "summarizer"),
                         ("builtins.open", "clean"), (SENTINEL, "summarizer")]:
        with pytest.raises(ConfigError, match="not allowed"):
            build({"_target_": target}, kind)
    with pytest.raises(ConfigError, match="_args_"):
        build({"_target_": "summarize.extractive.Lead", "_args_": [1]}, "summarizer")


def _config_paths() -> list[str]:
    """Where a node may be injected: each config group, and Hydra's callbacks, launcher, sweeper and logging."""
    return [*[g for g in GROUPS if g != "experiment"], "extra", "hydra.callbacks", "hydra.launcher", "hydra.sweeper",
            "hydra.job_logging.handlers", "hydra.job_logging", "hydra.run"]


KEYS = st.sampled_from(["evil", "inner", "x", "_target_x", "deep"])
FORMS = st.sampled_from(["dict", "keys", "interpolation", "list"])


@st.composite
def injections(draw: st.DrawFn) -> tuple[list[str], str]:
    """Overrides that put the sentinel somewhere in the config, and the marker file it would touch."""
    group = draw(st.sampled_from([g for g in GROUPS if g not in ("experiment", "budget")]))
    option = draw(st.sampled_from(available(group)))
    where = draw(st.sampled_from(_config_paths()))
    depth = draw(st.integers(min_value=0 if where in GROUPS else 1, max_value=3))
    keys = [draw(KEYS) for _ in range(depth)]
    path = ".".join([where, *keys])
    marker = f"MARKER{draw(st.integers(0, 10**6))}.called"
    node = f"{{_target_:{SENTINEL},_args_:[DIR/{marker}]}}"
    form = draw(FORMS)
    if depth == 0:  # replace a group's own target
        overrides = [f"{where}._target_={SENTINEL}"]
    elif form == "dict":
        overrides = [f"++{path}={node}"]
    elif form == "keys":
        overrides = [f"++{path}._target_={SENTINEL}", f"++{path}._args_=[DIR/{marker}]"]
    elif form == "list":
        overrides = [f"++{path}=[1,{node}]"]
    else:
        overrides = [f"++{path}='${{oc.create:{node}}}'"]
    return [f"{group}={option}", *overrides], marker


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=injections())
def test_config_fuzz_never_calls_outside_the_allow_list(case, tmp_path):
    overrides, marker = case
    overrides = [o.replace("DIR", str(tmp_path)) for o in overrides]
    before = len(CALLS)
    rc, message = _main("run", *overrides, f"output_dir={tmp_path / 'out'}", "verbose=false", "dataset.limit=1")
    assert len(CALLS) == before and not (tmp_path / marker).exists(), (overrides, message)
    assert "Traceback" not in message
    if rc != 0:  # a node Hydra refuses to add (a typed node) is a one-line error too
        _one_line_error(rc, message)
    else:  # only where nothing reads the node: it was checked and is never built
        pytest.fail(f"{overrides} ran: {message}")


@pytest.mark.parametrize("group", [g for g in GROUPS if g != "experiment"])
def test_every_option_of_every_group_passes_and_refuses_a_nested_target(group):
    for option in available(group):
        cfg = compose_config([f"{group}={option}"], with_hydra=True)
        check_targets(cfg)  # the packaged configs pass
        for where in (f"{group}.a", f"{group}.a.b.c", "hydra.callbacks.cb"):
            hostile = cfg.copy()
            OmegaConf.update(hostile, where, {"_target_": SENTINEL}, force_add=True)
            with pytest.raises(ConfigError, match=f"{where}: (target|callback)"):
                check_targets(hostile)
    assert not CALLS
    assert (CONF_DIR / group).is_dir()


# ------------------------------------------------------------ tracebacks become one line (item 3)
GOOD = {"id": "c1", "documents": [{"id": "a", "text": "The council approved the budget on Monday. "
                                   "Transport spending rises by ten percent. The mayor called it a step."}],
        "references": ["The council approved the budget."]}


def _jsonl(path: Path, *objs: object, raw: bytes = b"") -> Path:
    path.write_bytes(b"".join(json.dumps(o).encode() + b"\n" for o in objs) + raw)
    return path


def _run(data: Path, out: Path, *extra: str) -> tuple[int, str]:
    return _main("run", "dataset=jsonl", f"dataset.path={data}", "dataset.language=english", f"output_dir={out}",
                 "verbose=false", "eval.bootstrap.resamples=10", *extra)


@pytest.mark.parametrize("override", ["dataset.path=${oc.env:SUMMARIZE_UNSET_X}", "budget.words=${oc.env:SUMMARIZE_UNSET_X}",
                                      "+clean.x=${oc.env:SUMMARIZE_UNSET_X}", "eval.stem=${no.such.key}",
                                      "verbose=${oc.env:SUMMARIZE_UNSET_X}"])
def test_a_value_that_cannot_be_resolved_is_one_line(override, tmp_path):
    """An unset ${oc.env:X} was an InterpolationResolutionError traceback, exit 1, in the run."""
    rc, message = _main("run", override, "dataset.limit=1", f"output_dir={tmp_path / 'out'}")
    _one_line_error(rc, message)
    assert "cannot be resolved" in message and not (tmp_path / "out").exists()


@pytest.mark.parametrize("raw, expected", [
    (b"[" * 1000 + b"]" * 1000 + b"\n", "nested too deeply"),
    (b'{"id": "c", "x": ' + b'{"a":' * 5000 + b"1" + b"}" * 5001 + b"\n", "nested too deeply"),
    (b'{"id": ' + b"9" * 5000 + b"}\n", "number too long"),
    (b"\x1f\x8b", "damaged gzip"),  # the first peek decompresses a header that is not there: EOFError
    (b"\x1f\x8bXXXXXXXXXXXXXXXXXXXXXXXX", "damaged gzip"),
    (json.dumps({**GOOD, "id": "c\ud800"}).encode() + b"\n", "not valid Unicode"),
    (json.dumps({**GOOD, "documents": [{"id": "\udcff", "text": "Some text here."}]}).encode() + b"\n",
     "not valid Unicode"),
])
def test_hostile_jsonl_is_one_line(raw, expected, tmp_path):
    data = _jsonl(tmp_path / "in.jsonl", raw=raw)
    rc, message = _run(data, tmp_path / "out")
    _one_line_error(rc, message)
    assert expected in message and not (tmp_path / "out").exists()


def test_a_lone_surrogate_in_text_is_replaced_not_a_crash(tmp_path):
    doc = {"id": "a", "text": "The council met \ud83d on Monday. It approved the budget for next year."}
    data = _jsonl(tmp_path / "in.jsonl", {**GOOD, "documents": [doc]})
    rc, message = _run(data, tmp_path / "out")
    assert rc == 0, message
    assert "\ufffd" in (tmp_path / "out" / "predictions.jsonl").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", ["output_dir=", "hydra.run.dir=/", "output_dir=/", "output_dir=FILE",
                                     "output_dir=FILE/sub", "output_dir=/proc/summarize-x"])
def test_output_folders_that_cannot_be_are_one_line(setting, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x")
    before = sorted(p.name for p in tmp_path.iterdir())
    rc, message = _main("run", setting.replace("FILE", str(tmp_path / "afile")), "verbose=false")
    _one_line_error(rc, message)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written here (cwd) either


def test_a_read_only_output_folder_is_one_line(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    real_mkdir = Path.mkdir

    def mkdir(self: Path, *args: object, **kwargs: object) -> None:  # root ignores modes: refuse as the kernel would
        if locked in self.parents:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", mkdir)
    rc, message = _main("run", f"output_dir={locked / 'run'}", "verbose=false")
    _one_line_error(rc, message)
    assert "Permission denied" in message and not (locked / "run").exists()
    locked.chmod(0o755)


def test_a_full_disk_leaves_no_tmp_files(tmp_path, monkeypatch):
    from summarize.runner import output

    class Full(io.StringIO):
        """A file on a full disk: the first write that reaches the disk, and the close, fail."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path
            path.write_text("partial")

        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.path))

        def close(self) -> None:
            super().close()
            raise OSError(errno.ENOSPC, "No space left on device", str(self.path))

    def enter(self: output.AtomicFile) -> io.StringIO:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = Full(self.tmp)  # type: ignore[assignment]
        return self._handle  # type: ignore[return-value]

    data = _jsonl(tmp_path / "in.jsonl", GOOD, {**GOOD, "id": "c2"})
    with monkeypatch.context() as m:
        m.setattr(output.AtomicFile, "__enter__", enter)
        rc, message = _run(data, tmp_path / "out")
    _one_line_error(rc, message)
    assert "No space left on device" in message
    out = tmp_path / "out"
    left = [p.name for p in out.rglob("*")] if out.exists() else []
    assert not [n for n in left if n.endswith(".tmp")], left
    assert not {"predictions.jsonl", "metrics.json", "digest.md"} & {p.name for p in out.iterdir()}
    # the journal of finished clusters holds whole lines only, and the same command, once the disk
    # has room, resumes from it and writes what a run that never failed writes
    for line in (out / ".partial" / "predictions.jsonl").read_text().splitlines():
        json.loads(line)
    assert _run(data, out)[0] == 0
    assert _run(data, tmp_path / "clean")[0] == 0
    for name in ("predictions.jsonl", "per_cluster.jsonl", "digest.md"):
        assert (out / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name
    assert not (out / ".partial").exists()


def test_a_full_disk_while_journaling_is_one_line_and_resumable(tmp_path, monkeypatch):
    from summarize.runner import journal

    real = journal.RunFolder._append
    calls = {"n": 0}

    def append(self, name, cluster_id, line):  # the disk fills up in the middle of the second cluster
        calls["n"] += 1
        if calls["n"] == 5:
            self._files[name].write(line.encode()[: len(line) // 2])
            self._files[name].flush()
            raise OSError(errno.ENOSPC, "No space left on device", str(self.journal / name))
        real(self, name, cluster_id, line)

    data = _jsonl(tmp_path / "in.jsonl", GOOD, {**GOOD, "id": "c2"}, {**GOOD, "id": "c3"})
    with monkeypatch.context() as m:
        m.setattr(journal.RunFolder, "_append", append)
        rc, message = _run(data, tmp_path / "out")
    _one_line_error(rc, message)
    assert "No space left on device" in message
    assert not (tmp_path / "out" / "predictions.jsonl").exists()
    assert _run(data, tmp_path / "out")[0] == 0
    assert _run(data, tmp_path / "clean")[0] == 0
    for name in ("predictions.jsonl", "per_cluster.jsonl", "metrics.json", "digest.md"):
        a = (tmp_path / "out" / name).read_text().replace(str(tmp_path / "out"), "X")
        b = (tmp_path / "clean" / name).read_text().replace(str(tmp_path / "clean"), "X")
        assert a == b, name


FULL_DISK = r"""
import hashlib, json, os, subprocess, sys
from pathlib import Path

mount, data, fresh, room = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount)], capture_output=True, text=True)
if made.returncode:
    print(json.dumps({"skip": made.stderr.strip() or "mount failed"}))
    raise SystemExit(0)
out = mount / "out"
NAMES = ["predictions.jsonl", "per_cluster.jsonl", "digest.md", "metrics.json", "run.json", ".hydra/config.yaml",
         ".hydra/overrides.yaml"]


def cli(folder, *args):
    done = subprocess.run([sys.executable, "-m", "summarize", "run", "dataset=jsonl", f"dataset.path={data}",
                           "dataset.language=english", "progress=false", "verbose=false", f"output_dir={folder}",
                           *args], capture_output=True, text=True, timeout=300)
    return {"rc": done.returncode, "err": done.stderr}


def hashes():
    return {n: hashlib.sha1((out / n).read_bytes()).hexdigest() for n in NAMES if (out / n).exists()}


report = {"first": cli(out, "budget=words50")}
report["before"] = hashes()
st = os.statvfs(mount)
with (mount / "filler").open("wb") as f:  # the disk full but for `room` KiB
    f.write(b"\0" * max(0, st.f_bavail * st.f_frsize - room * 1024))
report["full"] = cli(out, "budget=words100")
report["after"] = hashes()
report["tmp"] = [str(p) for p in mount.rglob("*.tmp")]
journal = out / ".partial" / "predictions.jsonl"
lines = journal.read_bytes().splitlines(keepends=True) if journal.exists() else []
report["journal"] = [json.loads(raw)["id"] for raw in lines if raw.endswith(b"\n")]
(mount / "filler").unlink()
report["again"] = cli(out, "budget=words100")
report["partial_left"] = (out / ".partial").exists()
report["fresh"] = cli(fresh, "budget=words100")
report["same"] = {n: (out / n).read_text().replace(str(out), "X") == (fresh / n).read_text().replace(str(fresh), "X")
                  for n in ("predictions.jsonl", "per_cluster.jsonl", "digest.md", "metrics.json")}
print(json.dumps(report))
"""


@pytest.mark.parametrize("room", [40, 150])  # KiB left: the journal fills it / the final files do
def test_a_real_full_disk_is_one_line_keeps_earlier_outputs_and_resumes(tmp_path, room):
    """On a real 400 KiB tmpfs (in a mount namespace of its own: root, or a user namespace where
    those are allowed), not a patched write: a run into a folder with earlier outputs fills the
    disk; one line, exit 2, no .tmp file, the earlier outputs and their record unchanged; once
    there is room the same command resumes its journal and writes what a fresh run writes."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("mounting a small filesystem needs unshare (util-linux), not installed here")
    base = [unshare, "--mount"] if os.geteuid() == 0 else [unshare, "--mount", "--map-root-user"]
    probe = subprocess.run([*base, "true"], capture_output=True, text=True)
    if probe.returncode:
        pytest.skip(f"mounting is not permitted here (no mount namespace: {probe.stderr.strip()})")
    lines = (Path(__file__).resolve().parent.parent / "data" / "sample.jsonl").read_text(encoding="utf-8").splitlines()
    data = tmp_path / "many.jsonl"
    with data.open("w", encoding="utf-8") as f:
        for k in range(60):
            obj = json.loads(lines[k % len(lines)])
            obj["id"] = f"{obj['id']}-{k}"
            f.write(json.dumps(obj) + "\n")
    (tmp_path / "small").mkdir()
    (tmp_path / "driver.py").write_text(FULL_DISK)
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run([*base, sys.executable, str(tmp_path / "driver.py"), str(tmp_path / "small"), str(data),
                           str(tmp_path / "fresh"), str(room)], capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": root})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if "skip" in report:
        pytest.skip(f"mounting a tmpfs is not permitted here: {report['skip']}")
    assert report["first"]["rc"] == 0, report["first"]
    _one_line_error(report["full"]["rc"], report["full"]["err"].strip())
    assert "No space left on device" in report["full"]["err"]
    assert report["tmp"] == []
    assert report["after"] == report["before"] and len(report["before"]) == 7  # earlier outputs, their record
    assert report["journal"], "the disk filled before any cluster was journaled"
    assert report["again"]["rc"] == 0, report["again"]["err"]
    assert f"{len(report['journal'])} clusters already done are skipped" in report["again"]["err"]
    assert not report["partial_left"] and report["fresh"]["rc"] == 0
    assert report["same"] == dict.fromkeys(report["same"], True)


# ---------------------------------------------------------------- duplicate cluster ids (item 6)
def test_a_repeated_cluster_id_is_renamed_alike_in_run_and_eval(tmp_path, caplog):
    data = _jsonl(tmp_path / "in.jsonl", GOOD, GOOD, {**GOOD, "id": "c1~2"})
    assert [c.id for c in JsonlDataset(data)] == ["c1", "c1~2", "c1~2~2"]
    rc, message = _run(data, tmp_path / "out")
    assert rc == 0, message
    ids = [json.loads(ln)["id"] for ln in (tmp_path / "out" / "predictions.jsonl").read_text().splitlines()]
    assert ids == ["c1", "c1~2", "c1~2~2"]
    rc, message = _main("eval", f"predictions={tmp_path / 'out' / 'predictions.jsonl'}", "dataset=jsonl",
                        f"dataset.path={data}", f"output_dir={tmp_path / 'scored'}", "eval.bootstrap.resamples=10")
    assert rc == 0, message


def test_a_repeated_folder_cluster_keeps_its_documents(tmp_path):
    folder = tmp_path / "event"
    folder.mkdir()
    (folder / "a.txt").write_text("The council approved the budget on Monday.\n", encoding="utf-8")
    assert [c.id for c in FolderDataset(folder)] == ["event"]


# ------------------------------------------------------------------------- UTF-16 files (item 7)
@pytest.mark.parametrize("encoding, setting", [("utf-16", "auto"), ("utf-16-le", "utf-16-le"),
                                               ("utf-16-le", "auto"), ("utf-32", "auto"), ("utf-16-be", "utf-16-be")])
def test_utf16_jsonl_is_read(encoding, setting, tmp_path):
    text = "\n".join(json.dumps({**GOOD, "id": f"c{i}"}, ensure_ascii=False) for i in range(3)) + "\n"
    data = tmp_path / "in.jsonl"
    data.write_bytes(text.encode(encoding))
    clusters = list(JsonlDataset(data, encoding=setting))
    assert [c.id for c in clusters] == ["c0", "c1", "c2"]
    assert clusters[0].documents[0].sentences[0].text == "The council approved the budget on Monday."


def test_utf16_text_files_are_read(tmp_path):
    folder = tmp_path / "event"
    folder.mkdir()
    (folder / "a.txt").write_text("Der Rat billigte am Montag den Haushalt. Er gilt ab Mai.\n", encoding="utf-16")
    (folder / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))  # binary is still refused
    with pytest.raises(InputError, match="binary"):
        list(FolderDataset(folder, language="german"))
    (folder / "b.txt").unlink()
    [cluster] = FolderDataset(folder, language="german")
    assert [s.text for s in cluster.documents[0].sentences] == ["Der Rat billigte am Montag den Haushalt.",
                                                                "Er gilt ab Mai."]


# ------------------------------------------------------------------- silent wrong answers (item 5)
RU = ("Городской совет утвердил новый бюджет в понедельник. Расходы на транспорт вырастут на десять процентов. "
      "Мэр назвал решение важным шагом для города. Оппозиция критиковала план за высокие налоги.")
ZH = "市议会周一批准了新的预算。交通支出将增加百分之十。市长称这一决定是城市的重要一步。反对派批评该计划税收过高。"


def test_text_in_another_script_than_configured_warns_once(tmp_path, caplog):
    cluster = {"id": "r", "documents": [{"id": "a", "text": RU}],
               "references": ["Городской совет утвердил новый бюджет в понедельник."]}
    data = _jsonl(tmp_path / "in.jsonl", cluster, {**cluster, "id": "r2"})
    with caplog.at_level(logging.WARNING, logger="summarize.io"):
        clusters = list(JsonlDataset(data, language="english"))
    assert len(clusters) == 2
    warnings = [r.getMessage() for r in caplog.records if "Cyrillic" in r.getMessage()]
    assert len(warnings) == 1 and "dataset.language" in warnings[0]


def test_auto_detects_each_cluster_and_scores_in_its_language(tmp_path):
    cluster = {"id": "r", "documents": [{"id": "a", "text": RU}],
               "references": ["Городской совет утвердил новый бюджет в понедельник."]}
    data = _jsonl(tmp_path / "in.jsonl", cluster, GOOD)
    assert [c.language for c in JsonlDataset(data, language="auto")] == ["russian", "english"]
    rc, message = _main("run", "dataset=jsonl", f"dataset.path={data}", "dataset.language=auto",
                        f"output_dir={tmp_path / 'out'}", "verbose=false", "eval.bootstrap.resamples=10")
    assert rc == 0, message
    scores = [json.loads(ln) for ln in (tmp_path / "out" / "per_cluster.jsonl").read_text().splitlines()]
    assert all(s["rouge1"]["recall"] > 0.9 for s in scores if "rouge1" in s)  # each reference is in its document


@pytest.mark.parametrize("language", ["english", "auto"])
def test_chinese_is_refused_in_one_line(language, tmp_path):
    data = _jsonl(tmp_path / "in.jsonl", {"id": "z", "documents": [{"id": "a", "text": ZH}]})
    rc, message = _main("run", "dataset=jsonl", f"dataset.path={data}", f"dataset.language={language}",
                        f"output_dir={tmp_path / 'out'}", "verbose=false", "eval=none")
    _one_line_error(rc, message)
    assert "Chinese or Japanese" in message and "read as" not in message


@pytest.mark.parametrize("text, script", [
    ("วันนี้มีการประชุมที่กรุงเทพ เศรษฐกิจเป็นหัวข้อหลักของการประชุม " * 30, "Thai"),
    ("ມື້ນີ້ມີກອງປະຊຸມຢູ່ນະຄອນຫຼວງວຽງຈັນ ເສດຖະກິດເປັນຫົວຂໍ້ຫຼັກ " * 30, "Lao"),
    ("ថ្ងៃនេះមានកិច្ចប្រជុំនៅភ្នំពេញ សេដ្ឋកិច្ចជាប្រធានបទសំខាន់ " * 30, "Khmer"),
])
@pytest.mark.parametrize("language", ["english", "auto"])
def test_other_scripts_without_spaces_are_refused_in_one_line(text, script, language, tmp_path):
    """Thai was read as Swedish with a warning, and no sentence of it fit the budget: an empty summary, exit 0."""
    data = _jsonl(tmp_path / "in.jsonl", {"id": "t", "documents": [{"id": "a", "text": text}], "references": ["x"]})
    rc, message = _main("run", "dataset=jsonl", f"dataset.path={data}", f"dataset.language={language}",
                        f"output_dir={tmp_path / 'out'}", "verbose=false")
    _one_line_error(rc, message)
    assert f"{script} script" in message and not (tmp_path / "out").exists()


@pytest.mark.parametrize("monster", ["x" * 200_000, "<div>" * 200_000])
def test_a_budget_bounds_bytes_as_well_as_words(monster):
    sentences = ["A first sentence of seven words here.", monster, "A last sentence."]
    for budget in (Budget(words=100), Budget(sentences=3)):
        chosen = fit_to_budget(sentences, budget)
        assert [pos for pos, _ in chosen] == [0, 2]
        cut = fit_to_budget(sentences, budget, truncate_last=True)
        assert sum(len(t.encode()) for _, t in cut) <= 100 * 64


def test_a_dashed_setting_is_one_line_and_leaves_no_folder(tmp_path, capsys):
    out = tmp_path / "n8"
    assert main(["run", "--dataset.limit=2", f"output_dir={out}"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: unknown option '--dataset.limit=2'") and "(dataset.limit=2)" in err
    assert "\n" not in err and not out.exists()


def test_a_file_given_to_the_duc_reader_is_named_as_input_not_output(tmp_path, sample_path, capsys):
    assert main(["run", "dataset=duc", f"dataset.path={sample_path}", f"output_dir={tmp_path / 'q9'}"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "dataset=duc reads a folder" in err and "write" not in err


def test_a_mistyped_setting_names_the_nearest_one(tmp_path, capsys):
    assert main(["run", "dataset.limt=2", f"output_dir={tmp_path / 'x'}"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: unknown setting 'dataset.limt': did you mean dataset.limit?") and "\n" not in err
    assert "To append" not in err and not (tmp_path / "x").exists()
    assert main(["digest", "input=data/days", "dat=2025-03-15", f"output_dir={tmp_path / 'y'}"]) == 2
    err = capsys.readouterr().err.strip()
    assert "unknown setting 'dat'" in err and "date=" in err


@pytest.mark.parametrize("command", ["digest", "compare", "list"])
def test_help_of_a_command_is_its_usage(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    usage = {"digest": "usage: summarize digest input=DIR|FILE [date=YYYY-MM-DD|all]",
             "compare": "usage: summarize compare DIR [DIR ...]", "list": "usage: summarize list [group]"}
    assert out.startswith(usage[command])
    assert all(other not in out for name, other in usage.items() if name != command)  # its own, not all of them


# ---------------------------------------------------------------- a day's digest and compare (items 3, 6, 8)
DAY_ARTICLE = {"published": "2025-03-14", "title": "Budget passes", "source": "Gazette",
               "text": "The council approved the budget on Monday. Transport spending rises by ten percent."}


@pytest.mark.parametrize("name, raw, expected", [
    ("a.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested too deeply"),
    ("a.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("a.json", b'{"id": "x", "text": "Some text here.", "n": ' + b"9" * 5000 + b"}", "number too long"),
    ("a.jsonl", b'{"id": "x", "text": "Some text here.", "n": ' + b"9" * 5000 + b"}\n", "number too long"),
    ("a.jsonl.gz", b"\x1f\x8b", "damaged gzip"),
])
@pytest.mark.parametrize("as_folder", [True, False])
def test_hostile_article_files_of_a_day_are_one_line(name, raw, expected, as_folder, tmp_path):
    """The day reader parsed .json/.jsonl articles without the JSONL reader's guards (RecursionError,
    ValueError, EOFError: tracebacks, exit 1)."""
    folder = tmp_path / "day"
    folder.mkdir()
    (folder / name).write_bytes(raw)
    if as_folder and name.endswith(".gz"):
        pytest.skip("a folder's files are not decompressed")
    rc, message = _main("digest", f"input={folder if as_folder else folder / name}", f"output_dir={tmp_path / 'out'}",
                        "verbose=false")
    _one_line_error(rc, message)
    assert expected in message and not (tmp_path / "out").exists()


def test_a_gzipped_jsonl_of_a_day_is_read(tmp_path):
    import gzip

    data = tmp_path / "day.jsonl.gz"
    data.write_bytes(gzip.compress(json.dumps({**DAY_ARTICLE, "id": "a"}).encode() + b"\n"))
    rc, message = _main("digest", f"input={data}", f"output_dir={tmp_path / 'out'}", "verbose=false")
    assert rc == 0, message
    assert "Transport spending" in (tmp_path / "out" / "digest.md").read_text(encoding="utf-8")


def test_day_ids_renamed_never_collide_with_a_given_one(tmp_path):
    """Ids a, a, a~2: the second a was renamed a~2, and the day refused as repeating document ids."""
    data = _jsonl(tmp_path / "day.jsonl", *({**DAY_ARTICLE, "id": i, "source": f"S{n}"}
                                          for n, i in enumerate(["a", "a", "a~2"])))
    rc, message = _main("digest", f"input={data}", f"output_dir={tmp_path / 'out'}", "verbose=false")
    assert rc == 0, message
    sources = {d for line in (tmp_path / "out" / "predictions.jsonl").read_text().splitlines()
               for ids in json.loads(line)["sources"] for d in ids}
    assert len(sources) == 3


@pytest.fixture(scope="module")
def a_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "lead"
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        assert main(["run", "dataset.limit=2", f"output_dir={out}", "verbose=false", "progress=false",
                     "eval.bootstrap.resamples=10"]) == 0
    return out


def _spoiled(run: Path, tmp_path: Path, name: str, text: str | bytes) -> Path:
    import shutil

    copy = tmp_path / "spoiled"
    shutil.copytree(run, copy)
    (copy / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    return copy


def _rows_with(run: Path, **values: object) -> str:
    rows = [json.loads(ln) for ln in (run / "per_cluster.jsonl").read_text().splitlines()]
    for r in rows:
        for key, value in values.items():
            if key == "fmeasure":
                r["rouge1"]["fmeasure"] = value
            else:
                r[key] = value
    return "".join(json.dumps(r) + "\n" for r in rows)


@pytest.mark.parametrize("name, text, expected", [
    ("metrics.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("metrics.json", "[1, 2]", "expected a JSON object"),
    ("per_cluster.jsonl", b"\xcf\x00\xff" * 100, "not UTF-8"),
    ("per_cluster.jsonl", "[1]\n", "with an 'id'"),
    ("per_cluster.jsonl", '"x"\n', "with an 'id'"),
    ("per_cluster.jsonl", "FMEASURE", "not a score"),
    ("per_cluster.jsonl", "READABILITY", "'readability'"),
])
def test_compare_of_damaged_run_files_is_one_line(name, text, expected, a_run, tmp_path):
    """Each of these was a traceback (RecursionError, AttributeError, UnicodeDecodeError, TypeError, ValueError)."""
    if text == "FMEASURE":
        text = _rows_with(a_run, fmeasure="abc")
    elif text == "READABILITY":
        text = _rows_with(a_run, readability={"sentences": "x"})
    spoiled = _spoiled(a_run, tmp_path, name, text)
    rc, message = _main("compare", str(a_run), str(spoiled), f"output_dir={tmp_path / 'cmp'}", "resamples=10")
    _one_line_error(rc, message)
    assert expected in message and not (tmp_path / "cmp").exists()


@pytest.mark.parametrize("setting", ["output_dir=", "output_dir=FILE", "output_dir=/proc/summarize-x"])
def test_compare_into_a_folder_that_cannot_be_is_one_line(setting, a_run, tmp_path):
    (tmp_path / "afile").write_text("x")
    rc, message = _main("compare", str(a_run), setting.replace("FILE", str(tmp_path / "afile")), "resamples=10")
    _one_line_error(rc, message)
    assert not list(a_run.glob("compare*")) and not list(a_run.glob(".*.tmp"))


def test_a_system_name_cannot_break_the_comparison_table(a_run, tmp_path):
    metrics = json.loads((a_run / "metrics.json").read_text())
    spoiled = _spoiled(a_run, tmp_path, "metrics.json", json.dumps({**metrics, "system": "a|b\n# x `y`"}))
    rc, message = _main("compare", str(a_run), str(spoiled), f"output_dir={tmp_path / 'cmp'}", "resamples=10")
    assert rc == 0, message
    rows = [ln for ln in (tmp_path / "cmp" / "compare.md").read_text().splitlines() if ln.startswith("|")]
    assert len({ln.count("|") - ln.count("\\|") for ln in rows}) == 1  # every row has the header's cells
    assert not any(ln.startswith("#") for ln in (tmp_path / "cmp" / "compare.md").read_text().splitlines()[1:])


def test_cleaning_an_event_of_many_reports_counts_each_text_once(monkeypatch):
    """offtopic_passages joined and counted the other documents' text again for every document:
    time quadratic in the documents (300 reports of one event: 147 s of a 150 s digest)."""
    import summarize.clean.cleaner as cleaner_module
    from summarize.clean import Cleaner
    from summarize.io.common import make_document
    from summarize.types import Cluster

    counted = [0]
    real = cleaner_module.iter_words

    def counting(text: str):  # noqa: ANN202
        counted[0] += len(text)
        return real(text)

    monkeypatch.setattr(cleaner_module, "iter_words", counting)
    paragraphs = [f"The council approved budget item {i} on Monday after a long debate." for i in range(4)]
    docs = [make_document(id=f"d{k}", text="\n\n".join(f"{p} Report {k} adds detail." for p in paragraphs),
                          language="english")
            for k in range(60)]
    cluster = Cluster(id="c", documents=tuple(docs), references=(), language="english")
    Cleaner(steps=["offtopic_passages"]).clean(cluster)
    assert counted[0] < 3 * sum(len(d.text) for d in docs)


@pytest.mark.parametrize("reader", ["folder", "day", "duc"])
def test_a_link_out_of_the_input_folder_is_not_read(reader, tmp_path, caplog):
    """A shared folder of articles holding a link to a secret put the secret's text in the digest."""
    secret = tmp_path / "secret.txt"
    secret.write_text("The private key is hunter2 and nobody may see it. It stays here.")
    folder = tmp_path / "in"
    text = "The council approved the budget on Monday. Transport spending rises by ten percent."
    if reader == "duc":
        (folder / "docs" / "d1").mkdir(parents=True)
        (folder / "docs" / "d1" / "APW1").write_text(f"<DOC>\n<DOCNO> APW1 </DOCNO>\n<TEXT>\n{text}\n</TEXT>\n</DOC>\n")
        (folder / "docs" / "d1" / "APW2").symlink_to(secret)
        args = ["run", "dataset=duc", f"dataset.path={folder}", "summarizer=random", "eval=none"]
    else:
        folder.mkdir()
        (folder / "a.txt").write_text(text)
        (folder / "b.txt").symlink_to(secret)
        args = (["run", "dataset=folder", f"dataset.path={folder}", "summarizer=random", "eval=none"]
                if reader == "folder" else ["digest", f"input={folder}", "date=all"])
    with caplog.at_level(logging.WARNING, logger="summarize.io"):
        rc, message = _main(*args, f"output_dir={tmp_path / 'out'}", "verbose=false")
    assert rc == 0, message
    assert "hunter2" not in (tmp_path / "out" / "predictions.jsonl").read_text()
    assert "outside the input folder" in caplog.text or "outside the input folder" in message


@pytest.mark.parametrize("args", [["-m", "--cfg", "job", "summarizer=lead,mmr"],  # Hydra's ValueError: a traceback
                                  ["-m", "summarizer=lead,mmr", "--cfg", "job"],  # argparse's usage block
                                  ["summarizer=glob(*)", "-m", "--cfg", "job"],
                                  ["--cfg", "job", "--info"]])
def test_modes_that_hydra_cannot_combine_are_one_line(args, tmp_path):
    rc, message = _main("run", *args, f"output_dir={tmp_path / 'out'}")
    _one_line_error(rc, message)
    assert "cannot be combined" in message and not (tmp_path / "out").exists()


def test_an_override_after_a_flag_is_taken(tmp_path, capsys):
    """``summarizer=lead --cfg job dataset.limit=1``: the overrides the command adds came after the flag,
    and Hydra's parser said "unrecognized arguments" (a usage block, exit 2)."""
    rc = main(["run", "summarizer=textrank", "--cfg", "job", "dataset.limit=1", f"output_dir={tmp_path / 'out'}"])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert "summarize.extractive" in captured.out and "limit: 1" in captured.out


@pytest.mark.parametrize("overrides, says", [
    (["summarizer=mmr", "summarizer.lambda_=abc"], "summarizer.lambda_ must be a number (default 0.7), got 'abc'"),
    (["summarizer=textrank", "summarizer.damping=[1]"], "summarizer.damping must be a number"),
    (["dataset.limit=1.5"], "dataset.limit must be a positive integer, got 1.5"),
    (["dataset.limit=abc"], "dataset.limit must be a positive integer, got 'abc'"),
])
def test_a_setting_of_the_wrong_type_is_named(overrides, says, tmp_path):
    # a string where a number belongs failed inside a comparison ("'<=' not supported between
    # instances of 'int' and 'str'"), and a limit of 1.5 was read as 1 without a word
    rc, message = _main("run", *overrides, f"output_dir={tmp_path / 'out'}", "verbose=false")
    _one_line_error(rc, message)
    assert says in message


def test_numeric_settings_are_found_through_the_bases():
    from summarize.extractive import MMR
    from summarize.registry import _numeric_settings

    numeric = _numeric_settings(MMR)
    assert numeric["lambda_"] == 0.7 and "name" not in numeric
