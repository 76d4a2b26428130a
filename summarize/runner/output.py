"""Writing outputs safely: into a temporary file first, moved into place only on success."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO


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
        try:
            self._handle.close()  # a full disk may fail here, when the last bytes are flushed
            if exc_type is None:
                os.replace(self.tmp, self.path)
        finally:
            self.tmp.unlink(missing_ok=True)  # gone already after the replace


def write_json(path: Path, obj: Any) -> None:
    """Write a JSON file atomically."""
    with AtomicFile(path) as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")


def jsonl_line(obj: Any) -> str:
    """One JSON Lines record."""
    return json.dumps(obj, ensure_ascii=False) + "\n"
