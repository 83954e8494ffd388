"""Where an archive's articles are converted: a process pool here, or a Dask cluster, behind one executor seam.

``--scheduler processes`` (default) is the issue compiler's pool (``converter.issue.executor.make_executor``);
``dask-local`` starts a ``distributed.LocalCluster`` on this machine; ``dask://HOST:PORT`` joins a running
Dask scheduler. All three give a ``concurrent.futures.Executor`` (Dask's through ``Client.get_executor``),
and ``stream`` runs tasks on it the same way, so one code path runs locally and on a cluster.

``stream`` keeps a bounded number of tasks in flight (the parent's memory does not grow with the archive),
yields results as they finish, retries a task that raised once and then reports it, and survives a worker's
death: a broken process pool is replaced, and the tasks that were in flight are retried one at a time, so
the one that kills its worker is found and reported and the others go through.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from converter.errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger("converter.archive")

#: Tasks kept in flight per worker: enough to keep each busy while its result travels back.
IN_FLIGHT_PER_WORKER = 2

#: ``dask-local`` workers are processes (rendering libraries are not all thread-safe); the CI test runs them as
#: threads of one process, which starts in a second instead of several.
LOCAL_CLUSTER_PROCESSES = True

#: How long to wait for a Dask scheduler to answer.
CONNECT_SECONDS = 10

#: What ``--scheduler`` accepts (``dask://HOST:PORT`` besides these).
SCHEDULERS = ("processes", "dask-local")


@dataclass
class Scheduler:
    """An executor and how to replace it when its workers die (a process pool cannot recover)."""

    name: str
    workers: int
    executor: Executor | None
    make: Callable[[], Executor | None] = field(repr=False, default=lambda: None)

    def restart(self) -> None:
        """A fresh executor in place of a broken one."""
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self.make()

    @property
    def window(self) -> int:
        return max(1, self.workers * IN_FLIGHT_PER_WORKER)


def check_scheduler(spec: str) -> str:
    """``spec`` if ``--scheduler`` accepts it, else ``UsageError`` naming what it accepts.

    Raises ``UsageError`` for a scheduler that is not ``processes``, ``dask-local`` or ``dask://HOST:PORT``.
    """
    if spec in SCHEDULERS or (spec.startswith("dask://") and ":" in spec[len("dask://"):]):
        return spec
    raise UsageError(f"unknown scheduler {spec!r}; use processes, dask-local or dask://HOST:PORT")


@contextmanager
def open_scheduler(spec: str, jobs: int | None = None) -> Iterator[Scheduler]:
    """The scheduler ``spec`` names, started, and closed on exit (a LocalCluster is shut down).

    ``jobs``: worker processes for ``processes`` and ``dask-local`` (default one per CPU). Raises
    ``UsageError`` for an unknown spec or when Dask is not installed, ``ConverterError`` when a Dask
    scheduler cannot be reached.
    """
    check_scheduler(spec)
    workers = jobs or os.cpu_count() or 1
    if spec == "processes":
        from converter.issue.executor import make_executor

        scheduler = Scheduler(spec, workers, make_executor(workers), lambda: make_executor(workers))
        try:
            yield scheduler
        finally:
            if scheduler.executor is not None:
                scheduler.executor.shutdown(wait=True, cancel_futures=True)
        return
    with _dask(spec, workers) as scheduler:
        yield scheduler


@contextmanager
def _dask(spec: str, workers: int) -> Iterator[Scheduler]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(f"--scheduler {spec} needs Dask: pip install 'converter[archive]' "
                         "(dask[distributed])") from None
    from converter.errors import ConverterError

    for name in ("distributed", "distributed.worker", "distributed.nanny", "distributed.scheduler"):
        logging.getLogger(name).setLevel(logging.ERROR)
    cluster = None
    try:
        if spec == "dask-local":
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=LOCAL_CLUSTER_PROCESSES,
                                   dashboard_address=":0", silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            address = "tcp://" + spec[len("dask://"):]
            try:
                client = Client(address, timeout=CONNECT_SECONDS)
            except OSError as err:
                raise ConverterError(f"cannot reach the Dask scheduler at {address} ({err}); is it running?") \
                    from None
            workers = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
        scheduler = Scheduler(spec, workers, client.get_executor(pure=False), lambda: client.get_executor(pure=False))
        try:
            yield scheduler
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


@dataclass(frozen=True)
class Outcome(Generic[T, R]):
    """A task's item and its result, or why it could not run (after its retry)."""

    item: T
    result: R | None
    error: str = ""


def stream(scheduler: Scheduler, task: Callable[[T], R], items: Iterable[T]) -> Iterator[Outcome[T, R]]:
    """``task(item)`` for every item, as each finishes, with retries; see the module docstring.

    ``items`` is read lazily: at most ``scheduler.window`` tasks are submitted and not yet collected. A task
    that raises is run once more, then reported. When a worker dies, every task in flight is lost with the
    pool; they are run again one at a time, and one that kills its worker alone is reported (so a page that
    crashes the engine costs the others one more try, never their result).
    """
    if scheduler.executor is None:
        for item in items:
            yield _here(task, item)
        return
    pending: dict[Future[R], tuple[T, int]] = {}
    retries: deque[tuple[T, int]] = deque()
    isolating = False  # after a worker died: the tasks it took with it run one at a time
    source = iter(items)
    exhausted = False
    while True:
        while len(pending) < (1 if isolating else scheduler.window):
            if retries:
                item, attempt = retries.popleft()
            elif isolating or exhausted:
                break
            else:
                try:
                    item, attempt = next(source), 0
                except StopIteration:
                    exhausted = True
                    break
            assert scheduler.executor is not None
            pending[scheduler.executor.submit(task, item)] = (item, attempt)
        if not pending:
            if isolating:
                isolating = False
                continue
            return
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        broken: list[tuple[T, int]] = []
        for future in done:
            item, attempt = pending.pop(future)
            try:
                result = future.result()
            except BrokenProcessPool:
                broken.append((item, attempt))
            except Exception as err:  # a bug or a Dask worker lost for good: once more, then report
                if attempt == 0:
                    retries.append((item, 1))
                else:
                    yield Outcome(item, None, _describe(err))
            else:
                yield Outcome(item, result)
        if broken:
            alone = isolating and len(broken) + len(pending) == 1
            broken.extend(pending.values())  # every task in a broken pool is lost with it
            pending.clear()
            scheduler.restart()
            if alone:  # it ran by itself: it is the one that kills its worker
                yield Outcome(broken[0][0], None, "its worker died while converting it (tried twice, the second "
                                                  "time alone)")
            else:
                log.info("a worker died; new workers run the %d articles it took with it one at a time", len(broken))
                retries.extendleft(reversed(broken))
            isolating = True


def _here(task: Callable[[T], R], item: T) -> Outcome[T, R]:
    for attempt in (0, 1):
        try:
            return Outcome(item, task(item))
        except Exception as err:
            if attempt == 1:
                return Outcome(item, None, _describe(err))
    raise AssertionError("unreachable")


def _describe(err: BaseException) -> str:
    text = " ".join(str(err).split())[:200]
    return f"an unexpected error, twice ({type(err).__name__}: {text})"
