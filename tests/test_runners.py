"""Runs that scale and survive: the three runners agree, interrupted or failing runs resume to
the same files, a torn last line is redone, a folder in use is refused, signals clean up."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from summarize.cli import main
from summarize.errors import SummarizeError
from summarize.extractive.baselines import Lead
from summarize.registry import compose_config
from summarize.runner import run
from summarize.runner.journal import fingerprint
from summarize.runner.step import ClusterResult, Pipeline

ROOT = Path(__file__).resolve().parent.parent
FINAL = ("predictions.jsonl", "per_cluster.jsonl", "cleaning.jsonl", "digest.md", "metrics.json")


def _files(out: Path, names=FINAL) -> dict[str, str]:
    """The final files, the folder's own name replaced (metrics.json records output_dir)."""
    return {n: (out / n).read_text(encoding="utf-8").replace(str(out), "<out>") for n in names if (out / n).exists()}


def _cfg(out: Path, *extra: str):
    return compose_config([f"output_dir={out}", "verbose=false", "eval.bootstrap.resamples=50", *extra])


def _many(tmp_path: Path, n: int = 9) -> Path:
    """The sample's clusters repeated under new ids: a dataset of ``n`` clusters."""
    lines = (ROOT / "data" / "sample.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for k in range(n):
            obj = json.loads(lines[k % len(lines)])
            obj["id"] = f"{obj['id']}-{k}"
            f.write(json.dumps(obj) + "\n")
    return path


@pytest.fixture
def logs(caplog, monkeypatch):
    """The run's log lines (INFO and up), also after ``main`` has set up its own handler."""
    monkeypatch.setattr(logging.getLogger("summarize"), "propagate", True)
    with caplog.at_level(logging.INFO, logger="summarize"):
        yield caplog


# ---------------------------------------------------------------------- one typed step
def test_the_step_is_a_pure_function_of_the_cluster(sample_path):
    from summarize.io import JsonlDataset

    cfg = compose_config(["experiment=digest"])
    from omegaconf import OmegaConf

    from summarize.runner.step import PipelineSpec

    spec = PipelineSpec(config=OmegaConf.to_container(cfg, resolve=True), language="auto")
    clusters = list(JsonlDataset(sample_path))
    one, two = Pipeline.from_spec(spec), Pipeline.from_spec(spec)
    batch = one.process(clusters)
    single = [two.process([c])[0] for c in reversed(clusters)][::-1]  # other order, other batches
    assert all(isinstance(r, ClusterResult) and r.ok and r.error is None for r in batch)
    assert [r.summary for r in batch] == [r.summary for r in single]
    assert [r.scores for r in batch] == [r.scores for r in single]
    first = batch[0]
    assert first.cluster is clusters[0] and first.cleaned is not None and first.cleaning is not None
    assert first.cleaning.cluster_id == first.id and first.readability["sentences"] == len(first.summary.sentences)
    assert set(first.scores) == {"rouge1", "rouge2", "rougeL", "rougeLsum"}


def test_fingerprint_ignores_how_a_run_goes():
    cfg = {"summarizer": {"_target_": "x"}, "budget": {"words": 100}}
    assert fingerprint({**cfg, "runner": {"workers": 2}, "progress": False, "output_dir": "a"}) == fingerprint(cfg)
    assert fingerprint({**cfg, "budget": {"words": 50}}) != fingerprint(cfg)


# ---------------------------------------------------------------------- three runners, one answer
@pytest.mark.parametrize("runner", ["pool", "ray"])
def test_every_runner_writes_what_the_local_runner_writes(runner, tmp_path):
    base = ["experiment=digest", "runner.batch_size=2"]
    run(_cfg(tmp_path / "local", *base))
    extra = ["runner.workers=2"] + (["runner.num_cpus=0.5"] if runner == "ray" else [])
    run(_cfg(tmp_path / runner, *base, f"runner={runner}", *extra))
    assert _files(tmp_path / runner) == _files(tmp_path / "local")
    record = json.loads((tmp_path / runner / "run.json").read_text())
    assert record["runner"] == runner and record["n_clusters"] == 3


def test_runners_agree_on_an_abstractive_model(tmp_path):
    pytest.importorskip("torch")
    from test_abstractive import _model, _tokenizer

    tok = _tokenizer()
    _model("bart", len(tok)).save_pretrained(tmp_path / "bart")
    tok.save_pretrained(tmp_path / "bart")
    base = ["summarizer=bart_large_cnn", f"summarizer.checkpoint={tmp_path / 'bart'}", "summarizer.num_beams=1",
            "summarizer.max_new_tokens=12", "summarizer.min_new_tokens=4", "summarizer.batch_size=2",
            "runner.batch_size=2", "render=none"]
    outs = {}
    for runner in ("local", "pool", "ray"):
        extra = ["runner.workers=2"] if runner != "local" else []
        outs[runner] = run(_cfg(tmp_path / runner, *base, f"runner={runner}", *extra))
        assert outs[runner]["summarizer_report"]["generated_tokens"] > 0
    names = ("predictions.jsonl", "per_cluster.jsonl", "metrics.json")
    assert _files(tmp_path / "pool", names) == _files(tmp_path / "local", names) == _files(tmp_path / "ray", names)


# ---------------------------------------------------------------------- resumable, atomic
def _failing_lead(monkeypatch, *, on: str, error: type[BaseException] = RuntimeError):
    """Lead, except that it raises on the cluster ``on`` (a summarizer with a bug, or Ctrl-C)."""
    real = Lead.summarize

    def summarize(self, cluster):
        if cluster.id == on:
            raise error(f"no summary for {cluster.id}")
        return real(self, cluster)

    monkeypatch.setattr(Lead, "summarize", summarize)


def test_a_failing_cluster_is_recorded_and_a_rerun_completes_the_run(tmp_path, monkeypatch, capsys):
    data = _many(tmp_path)
    args = ["dataset=jsonl", f"dataset.path={data}", "clean=default", "runner.batch_size=4"]
    run(_cfg(tmp_path / "whole", *args))
    out = tmp_path / "out"
    with monkeypatch.context() as m:
        _failing_lead(m, on="aldmere-ferry-2025-3")
        metrics = run(compose_config([f"output_dir={out}", "eval.bootstrap.resamples=50", *args]))
    assert metrics["n_failed"] == 1 and metrics["n_clusters"] == 8
    assert "1 failed (see failed.jsonl)" in capsys.readouterr().out
    failed = [json.loads(line) for line in (out / "failed.jsonl").read_text().splitlines()]
    assert failed == [{"id": "aldmere-ferry-2025-3", "error": "RuntimeError: no summary for aldmere-ferry-2025-3"}]
    ids = [json.loads(line)["id"] for line in (out / "predictions.jsonl").read_text().splitlines()]
    assert "aldmere-ferry-2025-3" not in ids and len(ids) == 8
    # the same command again: the eight are skipped, the failed one is done, in the dataset's order
    again = run(_cfg(out, *args))
    assert again["n_clusters"] == 9 and "n_failed" not in again
    assert _files(out) == _files(tmp_path / "whole")
    assert not (out / "failed.jsonl").exists() and not (out / ".partial").exists()


def test_fail_fast_stops_at_the_first_failure(tmp_path, monkeypatch):
    data = _many(tmp_path, 4)
    _failing_lead(monkeypatch, on="velmora-tram-2025-1")
    with pytest.raises(SummarizeError, match="cluster 'velmora-tram-2025-1' failed: RuntimeError: no summary"):
        run(_cfg(tmp_path / "out", "dataset=jsonl", f"dataset.path={data}", "fail_fast=true"))
    assert not (tmp_path / "out" / "predictions.jsonl").exists()


def test_an_interrupted_run_resumes_to_the_same_files(tmp_path, monkeypatch, logs):
    data = _many(tmp_path)
    args = ["dataset=jsonl", f"dataset.path={data}", "clean=default", "render=all", "runner.batch_size=1"]
    run(_cfg(tmp_path / "whole", *args))
    out = tmp_path / "out"
    (out).mkdir()
    (out / "digest.md").write_text("an earlier digest\n")
    with monkeypatch.context() as m:
        _failing_lead(m, on="aldmere-ferry-2025-6", error=KeyboardInterrupt)
        with pytest.raises(KeyboardInterrupt):
            run(_cfg(out, *args))
    # nothing final changed; the journal holds the six clusters before, whole lines only
    assert (out / "digest.md").read_text() == "an earlier digest\n" and not (out / "predictions.jsonl").exists()
    journal = (out / ".partial" / "predictions.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in journal][-1] == "northbridge-fire-2025-5" and len(journal) == 6
    assert not list(out.rglob("*.tmp"))
    # a torn last line (a kill in the middle of a write) is cut off and its cluster redone
    with (out / ".partial" / "predictions.jsonl").open("a") as f:
        f.write('{"id": "aldmere-ferry-2025-6", "summary": ["The ferry')
    logs.clear()
    again = run(_cfg(out, *args))
    assert again["n_clusters"] == 9
    assert "6 clusters already done are skipped" in logs.text and "half-written" in logs.text
    assert _files(out) == _files(tmp_path / "whole")
    for name in ("digest.html", "digest.json"):
        assert (out / name).read_bytes() == (tmp_path / "whole" / name).read_bytes()
    # and once more: everything is done, nothing changes
    logs.clear()
    run(_cfg(out, *args))
    assert "9 clusters already done" in logs.text and _files(out) == _files(tmp_path / "whole")
    # resume=false starts over, with the same result
    run(_cfg(out, *args, "resume=false"))
    assert _files(out) == _files(tmp_path / "whole")


def test_other_settings_into_a_folder_with_an_unfinished_run_are_refused(tmp_path, monkeypatch, logs):
    """Another run's journal is never discarded silently (it was, and a run of other settings that
    then failed left neither run resumable): refused in one line; resume=false starts over."""
    data = _many(tmp_path, 4)
    out = tmp_path / "out"
    first = ["dataset=jsonl", f"dataset.path={data}", "budget=words50", "runner.batch_size=1"]
    with monkeypatch.context() as m:
        _failing_lead(m, on="aldmere-ferry-2025-3", error=KeyboardInterrupt)
        with pytest.raises(KeyboardInterrupt):
            run(_cfg(out, *first))
    journal = (out / ".partial" / "predictions.jsonl").read_bytes()
    assert journal.count(b"\n") == 3
    with pytest.raises(SummarizeError) as refused:
        run(_cfg(out, "dataset=jsonl", f"dataset.path={data}", "budget=words100"))
    message = str(refused.value)
    assert "\n" not in message and f"output_dir {out} holds an unfinished run of other settings" in message
    assert "3 clusters done" in message and "resume=false" in message
    assert (out / ".partial" / "predictions.jsonl").read_bytes() == journal  # untouched
    assert not (out / "predictions.jsonl").exists() and not (out / "run.json").exists()
    # the interrupted run's own command resumes it
    logs.clear()
    metrics = run(_cfg(out, *first))
    assert "3 clusters already done are skipped" in logs.text and metrics["budget"] == "w50"
    run(_cfg(tmp_path / "whole", *first))
    assert _files(out) == _files(tmp_path / "whole")
    # resume=false discards an unfinished run of other settings and starts over
    with monkeypatch.context() as m:
        _failing_lead(m, on="aldmere-ferry-2025-3", error=KeyboardInterrupt)
        with pytest.raises(KeyboardInterrupt):
            run(_cfg(tmp_path / "again", *first))
    metrics = run(_cfg(tmp_path / "again", "dataset=jsonl", f"dataset.path={data}", "budget=words100", "resume=false"))
    assert metrics["budget"] == "w100" and metrics["n_clusters"] == 4
    assert not (tmp_path / "again" / ".partial").exists()
    assert json.loads((tmp_path / "again" / "run.json").read_text())["config"]["budget"] == {"words": 100}


def test_a_journal_whose_archive_moved_on_starts_over_and_one_of_other_settings_is_refused(tmp_path, logs):
    """The same settings with the archive's earlier days changed (a digest resumed after another
    day was recorded) are this command's own, obsolete work: started over with a warning."""
    from summarize.runner.journal import RunFolder

    out = tmp_path / "out"
    with RunFolder(out, fingerprint="day1", settings="same") as folder:
        folder.write("c1", prediction={"id": "c1", "summary": ["A."]}, per_cluster={"id": "c1"})
    assert (out / ".partial" / "predictions.jsonl").exists()
    with pytest.raises(SummarizeError, match="holds an unfinished run of other settings"):
        RunFolder(out, fingerprint="day2", settings="other").__enter__()
    assert (out / ".partial" / "predictions.jsonl").read_text().count("\n") == 1
    logs.clear()
    with RunFolder(out, fingerprint="day2", settings="same") as folder:
        assert folder.done == set()
    assert "the archive changed since this run was interrupted; starting over" in logs.text


def test_a_folder_in_use_is_refused_before_its_journal_is_looked_at(tmp_path, monkeypatch):
    data = _many(tmp_path, 4)
    out = tmp_path / "out"
    with monkeypatch.context() as m:
        _failing_lead(m, on="aldmere-ferry-2025-3", error=KeyboardInterrupt)
        with pytest.raises(KeyboardInterrupt):
            run(_cfg(out, "dataset=jsonl", f"dataset.path={data}", "runner.batch_size=1"))
    journal = (out / ".partial" / "predictions.jsonl").read_bytes()
    with (out / ".summarize.lock").open("a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        for extra in ("budget=words50", "resume=false"):  # neither refuses on, nor discards, the journal
            with pytest.raises(SummarizeError, match="is in use by another run"):
                run(_cfg(out, "dataset=jsonl", f"dataset.path={data}", extra))
    assert (out / ".partial" / "predictions.jsonl").read_bytes() == journal


def test_a_full_disk_at_the_journal_leaves_no_tmp_and_frees_the_folder(tmp_path, monkeypatch):
    import errno

    from summarize.runner.journal import RunFolder

    out = tmp_path / "out"
    real = Path.write_text

    def full(self, *args, **kwargs):
        if self.name == "state.json.tmp":
            real(self, "")  # created, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(Path, "write_text", full)
        with pytest.raises(OSError, match="No space left"):
            RunFolder(out, fingerprint="x").__enter__()
    assert not list(out.rglob("*.tmp")) and not (out / ".partial").exists()

    class Full:  # a journal file whose last bytes cannot be flushed when it is closed
        def __init__(self, handle):
            self.handle = handle

        def close(self):
            self.handle.close()
            raise OSError(errno.ENOSPC, "No space left on device")

    folder = RunFolder(out, fingerprint="x").__enter__()  # the folder was released
    folder.write("c1", prediction={"id": "c1", "summary": ["A."]}, per_cluster={"id": "c1"})
    folder._files = {name: Full(handle) for name, handle in folder._files.items()}
    with pytest.raises(OSError, match="No space left"):
        folder.__exit__(None, None, None)
    with RunFolder(out, fingerprint="x") as again:  # released even so, and the cluster is kept
        assert again.done == {"c1"}


INTERRUPTS = '''
import os
from summarize.extractive.baselines import Lead

_real = Lead.summarize


def _summarize(self, cluster):
    if cluster.id == os.environ.get("SUMMARIZE_TEST_INTERRUPT_ON"):
        raise KeyboardInterrupt  # Ctrl-C while this cluster is summarized
    return _real(self, cluster)


Lead.summarize = _summarize
'''


def test_a_failed_run_of_other_settings_leaves_an_interrupted_run_resumable(tmp_path):
    """From the command line: interrupted, then runs of other settings into the same folder (one
    that would succeed, one whose checkpoint does not exist), then the first command again."""
    (tmp_path / "patch").mkdir()
    (tmp_path / "patch" / "sitecustomize.py").write_text(INTERRUPTS)
    data = _many(tmp_path, 8)
    out = tmp_path / "out"
    first = ["dataset=jsonl", f"dataset.path={data}", "runner.batch_size=1", "budget=words50"]

    def cli(*args: str, interrupt: str = "") -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "patch"), str(ROOT)]),
               "SUMMARIZE_TEST_INTERRUPT_ON": interrupt}
        return subprocess.run([sys.executable, "-m", "summarize", "run", *args, "progress=false"],
                              capture_output=True, text=True, timeout=300, env=env)

    stopped = cli(*first, f"output_dir={out}", interrupt="velmora-tram-2025-4")
    assert stopped.returncode == 130, stopped.stderr
    journal = (out / ".partial" / "predictions.jsonl").read_bytes()
    assert journal.count(b"\n") == 4
    for other in (["summarizer=textrank"], ["summarizer=bart_large_cnn", "summarizer.checkpoint=/no/such/model"]):
        refused = cli("dataset=jsonl", f"dataset.path={data}", f"output_dir={out}", *other)
        assert refused.returncode == 2, refused.stderr
        err = refused.stderr.strip()
        assert err.count("\n") == 0 and err.startswith(f"error: output_dir {out} holds an unfinished run"), err
        assert "4 clusters done" in err and "budget=words50" in err and "resume=false" in err
        assert (out / ".partial" / "predictions.jsonl").read_bytes() == journal
        assert not (out / ".hydra").exists() and not (out / "run.json").exists()
    resumed = cli(*first, f"output_dir={out}")
    assert resumed.returncode == 0, resumed.stderr
    assert "4 clusters already done are skipped" in resumed.stderr
    assert "8 clusters summarized, 4 of them resumed from an earlier run" in resumed.stdout
    assert "budget=words50" in (out / ".hydra" / "overrides.yaml").read_text()
    assert cli(*first, f"output_dir={tmp_path / 'whole'}").returncode == 0
    assert _files(out) == _files(tmp_path / "whole")


def test_the_hydra_record_describes_the_outputs(tmp_path):
    out = tmp_path / "out"
    assert main(["run", f"output_dir={out}", "verbose=false", "budget=words50"]) == 0
    assert (out / ".hydra" / "overrides.yaml").read_text().count("budget=words50") == 1
    # a run that fails leaves the record of the run that made the outputs
    assert main(["run", f"output_dir={out}", "verbose=false", "budget=words100", "dataset.path=/no/such"]) == 2
    assert "budget=words50" in (out / ".hydra" / "overrides.yaml").read_text()
    assert json.loads((out / "metrics.json").read_text())["budget"] == "w50"


FILLS_UP = '''
import errno
from pathlib import Path
from summarize.render.markdown import MarkdownRenderer


def _finish(self, out_dir):
    raise OSError(errno.ENOSPC, "No space left on device", str(Path(out_dir) / ".digest.md.tmp"))


MarkdownRenderer.finish = _finish
'''


def test_a_run_failing_while_its_outputs_are_written_leaves_the_earlier_ones_and_their_record(tmp_path):
    """The disk fills up once the new predictions are written, at the digest: every earlier
    output stays, and so does .hydra/overrides.yaml, which describes them (it used to be left
    beside the new predictions); the journal resumes once there is room."""
    (tmp_path / "patch").mkdir()
    (tmp_path / "patch" / "sitecustomize.py").write_text(FILLS_UP)
    data = _many(tmp_path, 4)
    out = tmp_path / "out"

    def cli(*args: str, full: bool = False) -> subprocess.CompletedProcess:
        path = [str(tmp_path / "patch"), str(ROOT)] if full else [str(ROOT)]
        return subprocess.run([sys.executable, "-m", "summarize", "run", "dataset=jsonl", f"dataset.path={data}",
                               f"output_dir={out}", "verbose=false", *args], capture_output=True, text=True,
                              timeout=300, env={**os.environ, "PYTHONPATH": os.pathsep.join(path)})

    assert cli("budget=words50").returncode == 0
    names = ("predictions.jsonl", "per_cluster.jsonl", "digest.md", "metrics.json", "run.json",
             ".hydra/config.yaml", ".hydra/overrides.yaml")
    before = {n: (out / n).read_bytes() for n in names}
    failed = cli("budget=words100", full=True)
    assert failed.returncode == 2 and failed.stderr.strip().count("\n") == 0, failed.stderr
    assert "No space left on device" in failed.stderr
    assert {n: (out / n).read_bytes() for n in names} == before
    assert not list(out.rglob("*.tmp")) and (out / ".partial" / "predictions.jsonl").exists()
    again = cli("budget=words100", "verbose=true")
    assert again.returncode == 0 and "4 clusters already done are skipped" in again.stderr
    assert "budget=words100" in (out / ".hydra" / "overrides.yaml").read_text()
    assert json.loads((out / "metrics.json").read_text())["budget"] == "w100"


# ---------------------------------------------------------------------- shared folders
def test_a_folder_in_use_is_refused_in_one_line(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    with (out / ".summarize.lock").open("a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write(b"4242")
        held.flush()
        assert main(["run", f"output_dir={out}", "verbose=false"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "is in use by another run (pid 4242)" in err
    assert not (out / "predictions.jsonl").exists()
    assert main(["run", f"output_dir={out}", "verbose=false"]) == 0  # released: it runs


def test_two_runs_at_once_into_one_folder_never_mix(tmp_path):
    data = _many(tmp_path, 30)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    procs = [subprocess.Popen([sys.executable, "-m", "summarize", "run", "dataset=jsonl", f"dataset.path={data}",
                               f"summarizer={s}", f"output_dir={out}", "verbose=false", "clean=default"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for s in ("lead", "textrank")]
    results = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
    codes = sorted(rc for rc, _ in results)
    assert codes in ([0, 0], [0, 2]), results
    if codes == [0, 2]:
        assert any("in use by another run" in err for rc, err in results if rc == 2)
    systems = {json.loads(line)["system"] for line in (out / "predictions.jsonl").read_text().splitlines()}
    metrics = json.loads((out / "metrics.json").read_text())
    assert systems == {metrics["system"]} and metrics["n_clusters"] == 30
    assert (out / "digest.md").read_text().count(f"{metrics['system']}") >= 1


# ---------------------------------------------------------------------- signals
@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_run_cleanly_and_a_rerun_resumes(sig, code, tmp_path):
    data = _many(tmp_path, 60)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "summarize", "run", "dataset=jsonl", f"dataset.path={data}", "clean=default",
           f"output_dir={out}", "verbose=false", "runner.batch_size=1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    journal = out / ".partial" / "predictions.jsonl"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_text().count("\n") >= 2:
            break
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err
    assert err.strip().count("\n") == 0 and "rerun the same command to resume" in err
    assert not list(out.rglob("*.tmp")) and not (out / "predictions.jsonl").exists()
    done = [json.loads(line)["id"] for line in journal.read_text().splitlines()]
    assert 2 <= len(done) < 60
    rerun = subprocess.run(cmd[:-1] + ["verbose=true"], capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(done)} clusters already done are skipped" in rerun.stderr
    assert f"60 clusters summarized, {len(done)} of them resumed" in rerun.stdout
    assert len((out / "predictions.jsonl").read_text().splitlines()) == 60


# ---------------------------------------------------------------------- progress
def test_no_progress_bar_when_not_a_terminal(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "summarize", "run", f"output_dir={tmp_path}"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "\r" not in proc.stderr and "clusters/s" not in proc.stderr
    assert "3 clusters summarized in" in proc.stdout


def test_a_progress_bar_on_a_terminal_unless_turned_off(tmp_path):
    import pty

    def on_terminal(*extra: str) -> str:
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
        proc = subprocess.Popen([sys.executable, "-m", "summarize", "run", f"output_dir={tmp_path}",
                                 "verbose=false", *extra], stdin=follower, stdout=follower, stderr=follower)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=300)
        os.close(leader)
        assert proc.returncode == 0
        return b"".join(chunks).decode("utf-8", "replace")

    shown = on_terminal("resume=false")
    assert "clusters" in shown and "/3" in shown  # total known: the bar counts 0/3 .. 3/3
    assert "/3" not in on_terminal("resume=false", "progress=false")


def test_an_unknown_runner_lists_the_options(tmp_path, capsys):
    assert main(["run", "runner=cluster", f"output_dir={tmp_path}"]) == 2
    assert "unknown runner 'cluster'; expected one of local, pool, ray" in capsys.readouterr().err


def test_bad_runner_settings_are_one_line(tmp_path, capsys):
    assert main(["run", "runner=pool", "runner.workers=0", f"output_dir={tmp_path / 'x'}"]) == 2
    assert "runner.workers" in capsys.readouterr().err


def test_a_cluster_read_differently_is_redone_not_reused(tmp_path, logs):
    """A day's folder can grow between two runs of the same command: a journal line is reused
    only for the same input."""
    data = _many(tmp_path, 3)
    out = tmp_path / "out"
    run(_cfg(out, "dataset=jsonl", f"dataset.path={data}"))
    before = [json.loads(line)["input"] for line in (out / "per_cluster.jsonl").read_text().splitlines()]
    lines = data.read_text().splitlines()
    changed = json.loads(lines[1])
    changed["documents"][0]["text"] = "A brand new first sentence about the tram. " + changed["documents"][0]["text"]
    data.write_text("\n".join([lines[0], json.dumps(changed), lines[2]]) + "\n")
    logs.clear()
    run(_cfg(out, "dataset=jsonl", f"dataset.path={data}"))
    assert "3 clusters already done are skipped" in logs.text
    assert "1 clusters done before were read differently" in logs.text
    after = [json.loads(line)["input"] for line in (out / "per_cluster.jsonl").read_text().splitlines()]
    assert after[0] == before[0] and after[2] == before[2] and after[1] != before[1]
    run(_cfg(tmp_path / "fresh", "dataset=jsonl", f"dataset.path={data}"))
    assert _files(out) == _files(tmp_path / "fresh")


# ---------------------------------------------------------------------- what a review found
DIES = '''
import os
from summarize.extractive.baselines import Lead

_real = Lead.summarize


def _summarize(self, cluster):
    if cluster.id == os.environ.get("SUMMARIZE_TEST_DIE_ON"):
        os._exit(9)  # as the kernel's out-of-memory killer would end it
    return _real(self, cluster)


Lead.summarize = _summarize
'''


@pytest.mark.parametrize("dies_on", [1, 7])  # 1: the pool breaks while batches are still being sent
def test_a_worker_that_dies_ends_the_run_in_one_line(tmp_path, dies_on):
    (tmp_path / "patch").mkdir()
    (tmp_path / "patch" / "sitecustomize.py").write_text(DIES)
    data = _many(tmp_path, 12)
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "patch"), "SUMMARIZE_TEST_DIE_ON": f"velmora-tram-2025-{dies_on}"}
    proc = subprocess.run([sys.executable, "-m", "summarize", "run", "dataset=jsonl", f"dataset.path={data}",
                           "runner=pool", "runner.workers=2", "runner.batch_size=1", f"output_dir={tmp_path / 'out'}",
                           "verbose=false"], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and "a worker process died" in proc.stderr
    assert not (tmp_path / "out" / "predictions.jsonl").exists()


def test_a_cluster_whose_redo_fails_loses_its_old_lines(tmp_path, monkeypatch):
    data = _many(tmp_path, 3)
    out = tmp_path / "out"
    run(_cfg(out, "dataset=jsonl", f"dataset.path={data}"))
    lines = data.read_text().splitlines()
    changed = json.loads(lines[1])
    changed["documents"][0]["text"] = "A new first sentence about the tram line. " + changed["documents"][0]["text"]
    data.write_text("\n".join([lines[0], json.dumps(changed), lines[2]]) + "\n")
    with monkeypatch.context() as m:
        _failing_lead(m, on="velmora-tram-2025-1")
        metrics = run(_cfg(out, "dataset=jsonl", f"dataset.path={data}"))
    assert metrics["n_clusters"] == 2 and metrics["n_failed"] == 1
    for name in ("predictions.jsonl", "per_cluster.jsonl"):
        ids = [json.loads(line)["id"] for line in (out / name).read_text().splitlines()]
        assert ids == ["aldmere-ferry-2025-0", "northbridge-fire-2025-2"], name


def test_outputs_left_half_replaced_are_never_resumed_as_a_finished_run(tmp_path, monkeypatch):
    """A signal while the staged final files are being moved into place (the only moment a
    folder holds some of each run's files): the earlier run's record is gone by then."""
    from summarize.runner import output

    out = tmp_path / "out"
    run(_cfg(out, "summarizer=lead"))
    real = output.os.replace
    moved = []

    def replace(src, dst):  # (os.replace itself: the journal's own replaces go through)
        if ".partial" in Path(dst).parts:
            return real(src, dst)
        if len(moved) == 1:
            raise KeyboardInterrupt  # after the first final file, per_cluster.jsonl
        moved.append(dst)
        real(src, dst)

    with monkeypatch.context() as m:
        m.setattr(output.os, "replace", replace)
        with pytest.raises(KeyboardInterrupt):
            run(_cfg(out, "summarizer=textrank"))
    assert [Path(p).name for p in moved] == ["per_cluster.jsonl"] and not list(out.rglob("*.tmp"))
    assert "textrank" in (out / "per_cluster.jsonl").read_text()  # textrank's scores are in place,
    assert not (out / "run.json").exists()  # the record is not
    assert not (out / ".hydra" / "overrides.yaml").exists()
    # lead again is refused by textrank's unfinished journal; without it (deleted by hand), lead is
    # done from scratch, not from textrank's lines
    with pytest.raises(SummarizeError, match="holds an unfinished run of other settings"):
        run(_cfg(out, "summarizer=lead"))
    import shutil

    shutil.rmtree(out / ".partial")
    metrics = run(_cfg(out, "summarizer=lead"))
    systems = {json.loads(line)["system"] for line in (out / "predictions.jsonl").read_text().splitlines()}
    assert systems == {"lead"} == {metrics["system"]}


@pytest.mark.parametrize("setting", ["resume=maybe", "fail_fast=1", "progress=off", "runner=ray runner.num_gpus=-1",
                                     "runner=ray runner.address=bogus-address"])
def test_bad_run_settings_are_one_line(setting, tmp_path, capsys):
    assert main(["run", *setting.split(), f"output_dir={tmp_path / 'x'}", "verbose=false"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and err.count("\n") == 0, err
    assert setting.split()[-1].split("=")[0].split(".")[-1] in err or "Ray" in err


def test_eval_refuses_a_run_folder(tmp_path, capsys):
    assert main(["run", f"output_dir={tmp_path / 'run'}", "verbose=false"]) == 0
    assert main(["eval", f"predictions={tmp_path / 'run' / 'predictions.jsonl'}", f"output_dir={tmp_path / 'run'}",
                 "verbose=false"]) == 2
    assert "holds the outputs of a summarize run" in capsys.readouterr().err


def test_a_digest_resumed_after_the_archive_changed_starts_over(tmp_path):
    days = ROOT / "data" / "days"
    archive, fresh = tmp_path / "a.sqlite", tmp_path / "b.sqlite"

    def digest(day: str, out: Path, db: Path) -> None:
        assert main(["digest", f"input={days}", f"date={day}", f"output_dir={out}", f"archive={db}",
                     "verbose=false"]) == 0

    digest("2025-03-15", tmp_path / "x", archive)  # nothing archived before: no follow-up
    digest("2025-03-14", tmp_path / "y", archive)
    digest("2025-03-15", tmp_path / "x", archive)  # the archive has the day before now
    digest("2025-03-14", tmp_path / "y2", fresh)
    digest("2025-03-15", tmp_path / "z", fresh)
    names = ("predictions.jsonl", "digest.md")
    assert _files(tmp_path / "x", names) == _files(tmp_path / "z", names)
    assert "follow_up" in (tmp_path / "x" / "predictions.jsonl").read_text()
