"""Running configured experiments over many clusters."""

from summarize.runner.run import run

__all__ = ["run"]
