"""Where the per-cluster step runs: this process, a pool of worker processes, or Ray.

The ``runner`` config group chooses one (``runner=local``, the default; ``runner=pool``;
``runner=ray``). Each takes batches of clusters and gives back their
:class:`~summarize.runner.step.ClusterResult` lists **in the order the batches were given**, with
a bounded number of batches in flight (so memory stays flat in the number of clusters). Every
worker builds its own :class:`~summarize.runner.step.Pipeline` once from the run's settings
(models load once per worker), and the step is pure: all three give the same results.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from summarize.errors import ConfigError, SummarizeError, require_int, require_number
from summarize.runner.step import ClusterResult, Pipeline, PipelineSpec, one_line
from summarize.types import Cluster

log = logging.getLogger("summarize.run")

Batch = list[Cluster]


class _Ready:
    """A batch with nothing to process (every cluster restored): its result is at hand."""

    def __init__(self, value: list[ClusterResult]) -> None:
        self.value = value

    def get(self) -> list[ClusterResult]:
        return self.value


class Runner:
    """Runs :meth:`Pipeline.process` over batches; subclasses say where.

    Args:
        workers: worker processes or actors (``None``: one per core); the local runner has none.
        batch_size: clusters per batch (one ``summarize_all`` call: a batched model's batch).
        in_flight: batches queued per worker at most.
    """

    name = "runner"

    def __init__(self, *, workers: int | None = None, batch_size: int = 8, in_flight: int = 2) -> None:
        self.workers = require_int(workers, "runner.workers", minimum=1, allow_none=True) or (os.cpu_count() or 1)
        self.batch_size = require_int(batch_size, "runner.batch_size", minimum=1)
        self.in_flight = require_int(in_flight, "runner.in_flight", minimum=1)

    def start(self, spec: PipelineSpec, local: Pipeline | None = None) -> None:
        """Get ready to process (start workers); ``local`` is the driver's own pipeline."""

    def submit(self, batch: Batch) -> Any:
        """Send one batch off; returns a handle with ``get()``."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop the workers (also after an error or Ctrl-C)."""

    def map(self, batches: Iterable[Batch]) -> Iterator[list[ClusterResult]]:
        """Each batch's results, in the order of the batches; at most ``workers x in_flight`` out."""
        window = max(1, self.workers * self.in_flight)
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(self.submit(batch) if batch else _Ready([]))
            while len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


class LocalRunner(Runner):
    """In this process, one batch after another (the default)."""

    name = "local"

    def __init__(self, *, batch_size: int = 8) -> None:
        super().__init__(workers=1, batch_size=batch_size, in_flight=1)
        self._pipeline: Pipeline | None = None

    def start(self, spec: PipelineSpec, local: Pipeline | None = None) -> None:
        self._pipeline = local or Pipeline.from_spec(spec)

    def submit(self, batch: Batch) -> _Ready:
        assert self._pipeline is not None, "start() first"
        return _Ready(self._pipeline.process(batch))


# ---------------------------------------------------------------------- process pool
_WORKER: Pipeline | None = None


def _init_worker(spec: PipelineSpec) -> None:
    global _WORKER
    from summarize.cli import _setup_logging

    _setup_logging()
    logging.getLogger("summarize").setLevel(logging.WARNING)  # the driver reports progress
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    _WORKER = Pipeline.from_spec(spec)


def _work(batch: Batch) -> list[ClusterResult]:
    assert _WORKER is not None
    return _WORKER.process(batch)


_WORKER_DIED = ("a worker process died (killed, or out of memory?); the clusters done so far "
                "are kept: rerun the same command to resume")


class _PoolHandle:
    def __init__(self, future: Any) -> None:
        self.future = future

    def get(self) -> list[ClusterResult]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.future.result()  # type: ignore[no-any-return]
        except BrokenProcessPool:
            raise SummarizeError(_WORKER_DIED) from None


class PoolRunner(Runner):
    """Worker processes on this machine (``concurrent.futures``, started fresh with ``spawn``: no
    state or threads inherited), one per core by default. A worker that dies (killed, out of
    memory) ends the run with one line; what was done is kept for a resumed run."""

    name = "pool"

    def __init__(self, *, workers: int | None = None, batch_size: int = 8, in_flight: int = 2,
                 start_method: str = "spawn") -> None:
        super().__init__(workers=workers, batch_size=batch_size, in_flight=in_flight)
        if start_method not in ("spawn", "forkserver", "fork"):
            raise ConfigError(f"runner.start_method must be spawn, forkserver or fork, got {start_method!r}")
        self.start_method = start_method
        self._pool: Any = None

    def start(self, spec: PipelineSpec, local: Pipeline | None = None) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context(self.start_method)
        self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker, initargs=(spec,))

    def submit(self, batch: Batch) -> _PoolHandle:
        from concurrent.futures.process import BrokenProcessPool

        try:  # a worker that died before this batch was sent breaks the pool for submit, too
            return _PoolHandle(self._pool.submit(_work, batch))
        except BrokenProcessPool:
            raise SummarizeError(_WORKER_DIED) from None

    def stop(self) -> None:
        if self._pool is None:
            return
        processes = list(getattr(self._pool, "_processes", {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for p in processes:  # a run that stops early (an error, Ctrl-C) leaves no worker behind
            if p.is_alive():
                p.terminate()
        for p in processes:
            p.join(timeout=10)
        self._pool = None


# ---------------------------------------------------------------------- Ray
class _RayHandle:
    def __init__(self, ref: Any, release: Callable[[], None]) -> None:
        self.ref, self.release = ref, release

    def get(self) -> list[ClusterResult]:
        import ray

        try:
            return ray.get(self.ref)  # type: ignore[no-any-return]
        except ray.exceptions.RayTaskError as e:  # the worker's own exception, as one line here
            cause = getattr(e, "cause", None)
            if isinstance(cause, SummarizeError):
                raise type(cause)(str(cause)) from None
            raise SummarizeError(f"a Ray worker failed: {one_line(cause) if cause else e.function_name}") from None
        except ray.exceptions.RayError as e:  # an actor that died, a node that went away
            raise SummarizeError(f"a Ray worker died ({type(e).__name__}); the clusters done so far are kept: "
                                 "rerun the same command to resume") from None
        finally:
            self.release()


class RayRunner(Runner):
    """Ray actors, each holding a pipeline (models loaded once per actor), fed batches.

    Args:
        address: an existing Ray cluster (``auto``, ``ray://host:10001``); ``None`` starts a
            local one for the run (``workers`` CPUs) and stops it after.
        workers: actors (``None``: one per core for a local Ray; with ``address``, as many as the
            cluster has CPUs for at ``num_cpus`` each).
        num_cpus: CPUs each actor reserves.
        num_gpus: GPUs each actor reserves (abstractive models on a GPU cluster).
    """

    name = "ray"

    def __init__(self, *, address: str | None = None, workers: int | None = None, batch_size: int = 8,
                 in_flight: int = 2, num_cpus: float = 1, num_gpus: float = 0) -> None:
        super().__init__(workers=workers, batch_size=batch_size, in_flight=in_flight)
        self._workers_given = workers is not None
        if address is not None and not isinstance(address, str):
            raise ConfigError(f"runner.address must be a Ray address such as auto or ray://host:10001, got {address!r}")
        self.address = address or None
        self.num_cpus = require_number(num_cpus, "runner.num_cpus", above=0.0)
        self.num_gpus = require_number(num_gpus, "runner.num_gpus", minimum=0.0)
        self._actors: list[Any] = []
        self._busy: list[int] = []
        self._started = False

    def start(self, spec: PipelineSpec, local: Pipeline | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise ConfigError("runner=ray needs Ray: pip install -e '.[scale]'") from None
        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING,
                                       "log_to_driver": True}
            try:
                if self.address:
                    ray.init(address=self.address, **options)
                else:
                    ray.init(num_cpus=self.workers, **options)
            except Exception as e:  # noqa: BLE001 - a bad address, no cluster there
                raise ConfigError(f"runner=ray: cannot start or reach Ray at {self.address or 'a local cluster'} "
                                  f"({one_line(e)[:200]})") from None
            self._started = True
            if self.address and not self._workers_given:  # an existing cluster: as many actors as it has CPUs for
                cpus = float(ray.cluster_resources().get("CPU", 1))
                self.workers = max(1, int(cpus // self.num_cpus))
        actor = ray.remote(num_cpus=self.num_cpus, num_gpus=self.num_gpus)(_RayWorker)
        self._actors = [actor.remote(spec) for _ in range(self.workers)]
        self._busy = [0] * len(self._actors)

    def submit(self, batch: Batch) -> _RayHandle:
        k = min(range(len(self._actors)), key=lambda i: self._busy[i])
        self._busy[k] += 1

        def release() -> None:
            self._busy[k] -= 1

        return _RayHandle(self._actors[k].process.remote(batch), release)

    def stop(self) -> None:
        if not self._actors and not self._started:
            return
        import ray

        for a in self._actors:
            ray.kill(a)
        self._actors = []
        if self._started:
            ray.shutdown()
            self._started = False


class _RayWorker:
    """A Ray actor: one pipeline, built once, processing batch after batch."""

    def __init__(self, spec: PipelineSpec) -> None:
        from summarize.cli import _setup_logging

        _setup_logging()
        logging.getLogger("summarize").setLevel(logging.WARNING)
        self.pipeline = Pipeline.from_spec(spec)

    def process(self, batch: Batch) -> list[ClusterResult]:
        return self.pipeline.process(batch)
