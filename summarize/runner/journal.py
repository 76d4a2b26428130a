"""A run's output folder: its lock, the journal of finished clusters, the final files.

While a run goes, every finished cluster is appended (and flushed) to the journal in
``<output_dir>/.partial/``: its ``cleaning.jsonl`` and ``per_cluster.jsonl`` lines, then its
``predictions.jsonl`` line, which marks it done (a failed cluster goes to ``failed.jsonl``).
Ctrl-C, SIGTERM or a killed process leave at most one half-written last line, which the next
run of the same settings drops and redoes; it skips every cluster already done. When the run
finishes, the final files are put in place, each atomically and in the dataset's order, and
the journal is removed. Earlier final files stay untouched until then, so a failed or
interrupted run never leaves outputs that mix two runs. A run of other settings into a folder
whose journal holds an unfinished run's clusters is refused in one line (``resume=false``
discards that journal and starts over): it never deletes another run's resumable work, and a
run that then fails cannot take it with it.

A second run into a folder in use is refused in one line (an exclusive ``flock`` on
``<output_dir>/.summarize.lock``), so two runs never mix their lines.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from summarize.errors import InputError
from summarize.runner.output import AtomicFile, Stage, jsonl_line

log = logging.getLogger("summarize.run")

PREDICTIONS = "predictions.jsonl"
CLEANING = "cleaning.jsonl"
PER_CLUSTER = "per_cluster.jsonl"
FAILED = "failed.jsonl"
RUN = "run.json"
JOURNAL = ".partial"
LOCK = ".summarize.lock"
#: Hydra's record of a run's settings, written by the run itself once its outputs are
HYDRA_RECORD = (".hydra/config.yaml", ".hydra/overrides.yaml")
#: the journal files, in the order a cluster's lines are written (predictions last: the commit)
JOURNAL_FILES = (CLEANING, PER_CLUSTER, PREDICTIONS)
#: settings that change how a run goes, not what it writes (left out of its fingerprint)
VOLATILE = ("runner", "progress", "resume", "fail_fast", "verbose", "output_dir", "hydra")


def input_key(cluster: Any) -> str:
    """A hash of a cluster as read (its documents, their metadata and text, its references): a
    journal line is reused only for the same input (a day's folder may have grown since)."""
    h = hashlib.sha1()
    for part in (cluster.id, cluster.language, *cluster.references):
        h.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    for d in cluster.documents:
        for part in (d.id, d.title or "", d.source or "", d.url or "", d.published.isoformat() if d.published else "",
                     d.text):
            h.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return h.hexdigest()[:16]


def fingerprint(config: Mapping[str, Any]) -> str:
    """A hash of the settings that decide a run's outputs (not how it runs: :data:`VOLATILE`)."""
    kept = {k: v for k, v in config.items() if k not in VOLATILE}
    return hashlib.sha256(json.dumps(kept, sort_keys=True, default=str).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Prediction:
    """One line of ``predictions.jsonl``, as written by :func:`prediction_record` and read by
    :func:`read_prediction` (``summarize run`` and ``summarize eval`` share them)."""

    id: str
    summary: tuple[str, ...]
    system: str | None = None
    sources: tuple[tuple[str, ...], ...] | None = None
    notes: tuple[str, ...] = ()
    differing: tuple[tuple[str, ...], ...] = ()
    details: Mapping[str, Any] | None = None
    follow_up: Mapping[str, Any] | None = None
    copies: Mapping[str, str] | None = None


def prediction_record(result: Any) -> dict[str, Any]:
    """The ``predictions.jsonl`` line of a :class:`summarize.runner.step.ClusterResult`."""
    summary = result.summary
    record: dict[str, Any] = {"id": summary.cluster_id, "summary": list(summary.sentences),
                              "system": summary.system, "sources": [list(ids) for ids in summary.sources]}
    if any(summary.notes):
        record["notes"] = list(summary.notes)
    if any(summary.differing):
        record["differing"] = [list(ids) for ids in summary.differing]
    if summary.details:
        record["details"] = dict(summary.details)
    if result.copies:
        record["copies"] = dict(result.copies)  # syndicated copy -> the document it copies
    follow = result.prepared.follow_up if result.prepared is not None else None
    if follow is not None:
        record["follow_up"] = {"event_id": follow.event_id, "day": follow.day.isoformat(), "repeated": follow.repeated,
                               "headline": follow.headline, "similarity": follow.similarity}
    return record


def read_prediction(obj: Mapping[str, Any], where: str, split: Any = None) -> Prediction:
    """A ``predictions.jsonl`` object as a :class:`Prediction`.

    Args:
        obj: the line's JSON object.
        where: ``file:line`` for messages.
        split: splits a summary given as one string into sentences (``summarize eval`` accepts
            that from other tools); ``None`` refuses it.

    Raises:
        InputError: no ``id`` or ``summary``, or a summary that is not a list of strings.
    """
    if "id" not in obj or "summary" not in obj:
        raise InputError(f"{where}: a prediction needs 'id' and 'summary'")
    summary = obj["summary"]
    if isinstance(summary, str) and split is not None:
        sentences = tuple(split(summary))
    elif isinstance(summary, list) and all(isinstance(s, str) for s in summary):
        sentences = tuple(summary)
    else:
        raise InputError(f"{where}: 'summary' must be a string or a list of strings")

    def lists(value: Any) -> tuple[tuple[str, ...], ...] | None:
        if isinstance(value, list) and all(isinstance(ids, list) for ids in value):
            return tuple(tuple(str(d) for d in ids) for ids in value)
        return None

    notes = obj.get("notes")
    return Prediction(id=str(obj["id"]), summary=sentences, system=str(obj["system"]) if obj.get("system") else None,
                      sources=lists(obj.get("sources")),
                      notes=tuple(str(n) for n in notes) if isinstance(notes, list) else (),
                      differing=lists(obj.get("differing")) or (),
                      details=obj.get("details") if isinstance(obj.get("details"), dict) else None,
                      follow_up=obj.get("follow_up") if isinstance(obj.get("follow_up"), dict) else None,
                      copies={str(k): str(v) for k, v in obj["copies"].items()}
                      if isinstance(obj.get("copies"), dict) else None)


def lock_folder(out: Path) -> BinaryIO | None:
    """Take the exclusive lock of an output folder (an ``flock`` on ``<out>/.summarize.lock``, held
    while the returned file is open); ``None`` where the filesystem has no locks.

    Raises:
        InputError: another run (or ``summarize eval``) holds the folder.
    """
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock (documented)
        return None
    handle = (out / LOCK).open("a+b")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        if e.errno not in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):  # no locks here (some NFS)
            log.warning("%s: cannot lock the folder (%s); make sure no other run writes into it", out,
                        e.strerror or e)
            handle.close()
            return None
        handle.seek(0)
        pid = handle.read().decode("ascii", "replace").strip() or "?"
        handle.close()
        raise InputError(f"output_dir {out} is in use by another run (pid {pid}); wait for it to "
                         "finish or choose another output_dir") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()).encode())
    handle.flush()
    return handle


@dataclass(frozen=True, slots=True)
class Done:
    """A cluster an earlier run of the same settings finished: its journal lines."""

    prediction: dict[str, Any]
    per_cluster: dict[str, Any] | None


class RunFolder:
    """The output folder of one run (a context manager): lock, journal, final files.

    Args:
        out: the folder.
        fingerprint: :func:`fingerprint` of everything that decides the run's outputs (its
            settings and, for a digest, the archive's earlier days).
        resume: continue the journal (or the finished outputs) of an earlier run of the same
            settings; ``False`` starts over, discarding any journal there.
        cleaning: the run writes ``cleaning.jsonl``.
        settings: :func:`fingerprint` of the settings alone (``fingerprint`` when not given): a
            journal of the same settings whose archive moved on is this command's own, obsolete
            work and starts over; a journal of other settings is refused.
        overrides: the run's command-line overrides, recorded in the journal so that a run
            refused by it can be told which command resumes it.
    """

    def __init__(self, out: Path, *, fingerprint: str, resume: bool = True, cleaning: bool = False,
                 settings: str | None = None, overrides: Sequence[str] = ()) -> None:
        self.out, self.fingerprint, self.resume, self.cleaning = out, fingerprint, resume, cleaning
        self.settings = settings if settings is not None else fingerprint
        self.overrides = list(overrides)
        self.journal = out / JOURNAL
        self._lock: BinaryIO | None = None
        self._files: dict[str, BinaryIO] = {}
        self._failed: BinaryIO | None = None
        self._offsets: dict[str, dict[str, int]] = {}  # file -> cluster id -> byte offset of its line
        self.done: set[str] = set()
        self.n_failed = 0
        self._stale: set[str] = set()

    # ------------------------------------------------------------------ opening
    def __enter__(self) -> RunFolder:
        self.out.mkdir(parents=True, exist_ok=True)
        self._take_lock()
        try:
            self._open_journal()
        except BaseException:
            try:
                self._close_files()
                if not self.done and self._held() == 0:  # (a full disk at the start) nothing to resume
                    shutil.rmtree(self.journal, ignore_errors=True)
            finally:
                self._release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._close_files()
            if not self.done and self.journal.exists():  # nothing worth resuming: leave no trace
                shutil.rmtree(self.journal, ignore_errors=True)
        finally:
            self._release()  # even when closing failed (a full disk): the folder is free again

    def _take_lock(self) -> None:
        self._lock = lock_folder(self.out)

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing releases the flock
            self._lock = None

    def _state(self, folder: Path, name: str, key: str = "fingerprint") -> str | None:
        try:
            value = json.loads((folder / name).read_text(encoding="utf-8")).get(key)
        except (OSError, ValueError, AttributeError):
            return None
        return None if value is None else str(value)

    def _held(self) -> int:
        """How many clusters the journal there holds done (its complete prediction lines)."""
        try:
            with (self.journal / PREDICTIONS).open("rb") as f:
                return sum(1 for raw in f if raw.endswith(b"\n"))
        except OSError:
            return 0

    def _open_journal(self) -> None:
        state = self.journal / "state.json"
        continuing = False
        if self.resume and self._state(self.journal, "state.json") == self.fingerprint:
            continuing = True
        elif self.journal.exists():
            held = self._held()
            if not self.resume:
                if held:
                    log.info("%s: resume=false: the unfinished run there (%d clusters done) is discarded", self.out, held)
            elif held and self._state(self.journal, "state.json", "settings") == self.settings:
                # this command's own journal, but the archive recorded another day since: its
                # follow-up decisions may differ, so its clusters are done again
                log.warning("%s: the archive changed since this run was interrupted; starting over", self.out)
            elif held:
                overrides = self._state_overrides()
                told = f"; its settings: {' '.join(overrides)}" if overrides else ""
                raise InputError(
                    f"output_dir {self.out} holds an unfinished run of other settings ({held} cluster"
                    f"{'s' if held != 1 else ''} done{told}): rerun that command to resume it, or add "
                    "resume=false to discard it and start over (or choose another output_dir)")
            shutil.rmtree(self.journal)
        if not continuing:
            self.journal.mkdir()
            if self.resume and self._state(self.out, RUN) == self.fingerprint and (self.out / PREDICTIONS).is_file():
                for name in JOURNAL_FILES:  # a finished run of the same settings: continue from its outputs
                    if (self.out / name).is_file():
                        shutil.copyfile(self.out / name, self.journal / name)
            tmp = self.journal / "state.json.tmp"
            try:
                tmp.write_text(json.dumps({"fingerprint": self.fingerprint, "settings": self.settings,
                                           "overrides": self.overrides}), encoding="utf-8")
                os.replace(tmp, state)
            finally:
                tmp.unlink(missing_ok=True)  # gone already after the replace
        self._recover()
        for name in JOURNAL_FILES:
            if name != CLEANING or self.cleaning:
                self._files[name] = (self.journal / name).open("ab")
        (self.journal / FAILED).unlink(missing_ok=True)  # failed clusters are tried again

    def _state_overrides(self) -> list[str]:
        try:
            given = json.loads((self.journal / "state.json").read_text(encoding="utf-8")).get("overrides")
        except (OSError, ValueError, AttributeError):
            return []
        if not isinstance(given, list):
            return []
        # where the folder is given is not news to the reader (it is the folder named)
        return [str(o) for o in given if not str(o).lstrip("+~").startswith(("output_dir=", "hydra.run.dir="))]

    def _recover(self) -> None:
        """Index the journal: the predictions' complete lines are the clusters done (a torn last
        line is cut off); the other files keep only the lines of those clusters."""
        path = self.journal / PREDICTIONS
        good = 0
        offsets: dict[str, int] = {}
        if path.exists():
            with path.open("rb") as f:
                while True:
                    start = f.tell()
                    raw = f.readline()
                    if not raw:
                        break
                    try:
                        obj = json.loads(raw) if raw.endswith(b"\n") else None
                    except ValueError:
                        obj = None
                    if not isinstance(obj, dict) or "id" not in obj:
                        log.warning("%s: a half-written prediction line is redone", self.out)
                        break
                    offsets.pop(str(obj["id"]), None)  # a cluster redone later: its last line counts
                    offsets[str(obj["id"])] = start
                    good = f.tell()
            os.truncate(path, good)
        self.done = set(offsets)
        self._offsets[PREDICTIONS] = offsets
        for name in (PER_CLUSTER, CLEANING):
            self._offsets[name] = self._filter(self.journal / name)

    def _filter(self, path: Path) -> dict[str, int]:
        """Keep only the lines of done clusters (the last of each), rewriting the file if needed."""
        if not path.exists():
            return {}
        lines: dict[str, bytes] = {}
        changed = False
        with path.open("rb") as f:
            for raw in f:
                try:
                    cid = str(json.loads(raw)["id"]) if raw.endswith(b"\n") else None
                except (ValueError, KeyError, TypeError):
                    cid = None
                if cid is None or cid not in self.done or cid in lines:
                    changed = True
                    if cid is None or cid not in self.done:
                        continue
                lines.pop(cid, None)
                lines[cid] = raw
        offsets: dict[str, int] = {}
        kept: list[bytes] = []
        position = 0
        for cid, raw in lines.items():
            offsets[cid] = position
            position += len(raw)
            kept.append(raw)
        if changed:
            tmp = path.with_name(path.name + ".tmp")
            try:
                tmp.write_bytes(b"".join(kept))
                os.replace(tmp, path)
            finally:
                tmp.unlink(missing_ok=True)  # gone already after the replace
        return offsets

    # ------------------------------------------------------------------ reading back
    def restore(self, cluster_id: str) -> Done:
        """The journal lines of a cluster done by an earlier run."""
        return Done(prediction=self._line(PREDICTIONS, cluster_id),  # type: ignore[arg-type]
                    per_cluster=self._line(PER_CLUSTER, cluster_id))

    def _line(self, name: str, cluster_id: str) -> dict[str, Any] | None:
        offset = self._offsets.get(name, {}).get(cluster_id)
        if offset is None:
            return None
        handle = self._files.get(name)
        if handle is not None:
            handle.flush()
        with (self.journal / name).open("rb") as f:
            f.seek(offset)
            return json.loads(f.readline())  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ writing
    def _append(self, name: str, cluster_id: str, line: str) -> None:
        handle = self._files[name]
        offset = handle.tell()
        handle.write(line.encode("utf-8"))
        handle.flush()
        if self._offsets[name].pop(cluster_id, None) is not None:
            self._stale.add(name)  # a cluster redone (read differently): the file holds its old line too
        self._offsets[name][cluster_id] = offset

    def write(self, cluster_id: str, *, prediction: Mapping[str, Any], per_cluster: Mapping[str, Any],
              cleaning: Mapping[str, Any] | None = None) -> None:
        """Journal one finished cluster (its prediction line last: that line marks it done)."""
        if cleaning is not None and CLEANING in self._files:
            self._append(CLEANING, cluster_id, jsonl_line(cleaning))
        self._append(PER_CLUSTER, cluster_id, jsonl_line(per_cluster))
        self._append(PREDICTIONS, cluster_id, jsonl_line(prediction))
        self.done.add(cluster_id)

    def fail(self, cluster_id: str, error: str) -> None:
        """Record a cluster whose processing failed (it is tried again by the next run); a cluster
        done before and redone because it was read differently loses its old lines."""
        if cluster_id in self.done:
            self.done.discard(cluster_id)
            for name, offsets in self._offsets.items():
                if offsets.pop(cluster_id, None) is not None:
                    self._stale.add(name)
        if self._failed is None:
            self._failed = (self.journal / FAILED).open("ab")
        self._failed.write(jsonl_line({"id": cluster_id, "error": error}).encode("utf-8"))
        self._failed.flush()
        self.n_failed += 1

    def _close_files(self) -> None:
        """Close the journal's files, every one even when one fails (a full disk: the bytes it
        could not write were a half-written line, which the next run drops); the first error is
        raised once all are closed."""
        handles = [*self._files.values(), *([self._failed] if self._failed is not None else [])]
        self._files.clear()
        self._failed = None
        error: OSError | None = None
        for handle in handles:
            try:
                handle.close()
            except OSError as e:
                error = error or e
        if error is not None:
            raise error

    # ------------------------------------------------------------------ finishing
    def finish(self, order: Iterable[str], stage: Stage | None = None) -> None:
        """Put the journal's files in place as the final outputs, their lines in ``order``
        (the dataset's order of the clusters done), each file atomically.

        Args:
            order: the ids of the clusters as the dataset gave them.
            stage: the :func:`summarize.runner.output.staged` block the run's final files are
                written in: they are all put in place together when it ends (a full disk while
                one is written leaves every earlier output, and its record, as it was), and the
                files that go (an earlier ``failed.jsonl``, ...) go then. Without one, each file
                is put in place as it is written.
        """
        order = [cid for cid in order if cid in self.done]
        self._close_files()
        remove = stage.remove if stage is not None else (lambda path: path.unlink(missing_ok=True))
        # the record of the outputs' settings goes first: until it is written again, last, a folder
        # whose files were only partly replaced (a signal in between) is never taken for a finished
        # run of either settings (the journal, kept until the end, resumes this one); Hydra's record
        # (.hydra/config.yaml, overrides.yaml) goes with it, so that none describes settings the
        # outputs were not made with
        for name in (RUN, *HYDRA_RECORD):
            remove(self.out / name)
        for name in JOURNAL_FILES:
            source = self.journal / name
            if not source.exists():
                continue
            offsets = self._offsets.get(name, {})
            if name not in self._stale and list(offsets) == [cid for cid in order if cid in offsets]:
                with AtomicFile(self.out / name) as dst, source.open("r", encoding="utf-8") as src:
                    shutil.copyfileobj(src, dst)
                continue
            with AtomicFile(self.out / name) as dst, source.open("rb") as src:  # resumed with gaps: reorder
                for cid in order:
                    if cid in offsets:
                        src.seek(offsets[cid])
                        dst.write(src.readline().decode("utf-8"))
        failed = self.journal / FAILED
        if self.n_failed:
            with AtomicFile(self.out / FAILED) as dst:
                dst.write(failed.read_text(encoding="utf-8"))
        else:
            remove(self.out / FAILED)
        if not self.cleaning:
            remove(self.out / CLEANING)

    def close_journal(self) -> None:
        """The run is complete (every final file written): the journal goes."""
        self._close_files()
        shutil.rmtree(self.journal, ignore_errors=True)
