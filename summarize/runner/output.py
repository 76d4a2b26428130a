"""Writing outputs safely: into a temporary file first, moved into place only on success.

Inside :func:`staged`, every :class:`AtomicFile` is only written (under its temporary name) and
all of them are moved into place together when the block ends: a full disk, or an error while
the next file is written, leaves every earlier output as it was, not some replaced.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO


class Stage:
    """The files written inside :func:`staged` (temporary name, final name), in order, and the
    files to remove when they are put in place."""

    def __init__(self) -> None:
        self.files: list[tuple[Path, Path]] = []
        self.removals: list[Path] = []

    def remove(self, path: Path) -> None:
        """Remove ``path`` when the staged files are put in place (not before: on failure it stays)."""
        self.removals.append(path)


_STAGE: ContextVar[Stage | None] = ContextVar("summarize_output_stage", default=None)


@contextmanager
def staged() -> Iterator[Stage]:
    """Hold every :class:`AtomicFile` written in the block under its temporary name; when the
    block succeeds, remove what :meth:`Stage.remove` named, then move the files into place in the
    order they were written (the last one written is the last one in place); when it fails,
    remove the temporary files and change nothing."""
    stage = Stage()
    token = _STAGE.set(stage)
    try:
        yield stage
    except BaseException:
        _STAGE.reset(token)
        for tmp, _ in stage.files:
            tmp.unlink(missing_ok=True)
        raise
    _STAGE.reset(token)
    try:
        for path in stage.removals:
            path.unlink(missing_ok=True)
        for tmp, path in stage.files:
            os.replace(tmp, path)
    finally:
        for tmp, _ in stage.files:
            tmp.unlink(missing_ok=True)  # gone already after the replace


class AtomicFile:
    """A text file that appears under its name only if the ``with`` block succeeds.

    On error the temporary file is removed, so no half-written output is ever left.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(f".{path.name}.tmp")
        self._handle: TextIO | None = None

    def __enter__(self) -> TextIO:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = self.tmp.open("w", encoding="utf-8")
        return self._handle

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        assert self._handle is not None
        stage = _STAGE.get()
        kept = False
        try:
            self._handle.close()  # a full disk may fail here, when the last bytes are flushed
            if exc_type is None:
                if stage is not None:  # put in place with the others when the stage ends
                    if all(path != self.path for _, path in stage.files):
                        stage.files.append((self.tmp, self.path))
                    kept = True
                else:
                    os.replace(self.tmp, self.path)
        finally:
            if not kept:
                self.tmp.unlink(missing_ok=True)  # gone already after the replace


def write_json(path: Path, obj: Any) -> None:
    """Write a JSON file atomically."""
    with AtomicFile(path) as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")


def jsonl_line(obj: Any) -> str:
    """One JSON Lines record."""
    return json.dumps(obj, ensure_ascii=False) + "\n"
