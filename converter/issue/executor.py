"""The one place that decides where parallel work runs.

Every task of an issue (reading an input, rendering a PDF part) is a top-level function taking plain,
picklable data, submitted to a ``concurrent.futures.Executor``. The CLI makes a ``WorkerPool`` here; a
library caller may pass any executor with ``submit`` (a ``dask.distributed`` client's executor works
the same), or ``None`` to run everything in this process.

The pool has at most one worker per CPU (more only adds memory: WeasyPrint is CPU-bound), starts them at
its first task (an issue found whole in the cache starts none), and ``terminate`` stops them at once
(Ctrl-C, ``SIGTERM``). Its workers never outlive the process that started them: one whose parent was
killed (``kill -9``, an out-of-memory kill, a closed terminal) would run on for ever, holding the caller's
pipes open (a shell's ``$(converter issue ...)`` would never return). ``die_with_parent`` runs first in
every worker: on Linux the kernel sends it ``SIGKILL`` when its parent dies (``prctl(PR_SET_PDEATHSIG)``,
asked through ``ctypes``); elsewhere a watchdog thread ends it once it has been handed to another parent.
(A pipe from the parent cannot serve as the watchdog everywhere: ``spawn``, the default start method on
macOS, passes no descriptor but its own to the child.)
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

from converter.render.pdf_worker import parent_death_signal

T = TypeVar("T")
R = TypeVar("R")


#: How often the watchdog looks at its parent, in seconds (where there is no parent-death signal).
WATCH_SECONDS = 0.5


def die_with_parent(parent: int | None = None) -> None:
    """In a child: end when ``parent`` (default: the current parent) ends. Also leaves Ctrl-C to the parent:
    the terminal sends it to the whole process group, and the parent stops its workers itself."""
    parent = os.getppid() if parent is None else parent
    with contextlib.suppress(ValueError):  # not the main thread: signals cannot be set, the watch still can
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if parent_death_signal(signal.SIGKILL):
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)
        return
    threading.Thread(target=_watch, args=(parent,), name="converter-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the system has one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(jobs: int | None) -> tuple[int, str]:
    """The number of workers for ``jobs`` (default one per CPU, never more than the CPUs), and a note
    when the request was lowered ("" otherwise)."""
    cpus = available_cpus()
    if jobs is None:
        return cpus, ""
    if jobs > cpus:
        return cpus, f"--jobs {jobs} lowered to {cpus}, the number of CPUs (more workers only use more memory)"
    return max(1, jobs), ""


class WorkerPool(Executor):
    """A process pool that starts its workers on the first task; each worker dies with this process.

    ``preload`` runs here just before the workers start, where they are forked (Linux): what it imports is
    then imported once and inherited, instead of imported again by every worker (the PDF engine: about
    0.6 s of CPU and 30 MB a worker). Where workers start a new interpreter it is not run.

    Tasks that do not need what ``preload`` loads (reading the inputs) are submitted inside ``reading()``:
    their workers start at once, without it, and ``preload`` runs here while they work (``idle``, called
    by ``run_tasks`` once a batch is submitted); the workers of the tasks after the block are forked after
    it and inherit it. A rebuild's one edited page is then read while the engine loads, not after.
    """

    def __init__(self, workers: int, preload: Callable[[], None] | None = None) -> None:
        self.workers = workers
        self.preload = preload
        self._pool: ProcessPoolExecutor | None = None
        self._preloaded = False
        self._deferred = False  # inside ``reading()``: the preload waits for ``idle``
        self._stale = False  # the workers were forked before the preload ran

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        if self._pool is not None and self._stale and not self._deferred:
            self._pool.shutdown(wait=True)  # the reading workers, idle by now: the next ones inherit the preload
            self._pool = None
        if self._pool is None:
            if not self._deferred:
                self._run_preload()
            self._stale = self._needs_preload()
            # The workers' garbage collections leave alone what they inherit (the engine, our modules): a
            # full collection walked it all, a fifth of a worker's collecting, and wrote to every page of it.
            # The forks happen in the first ``submit`` (a forking pool starts all its workers then).
            gc.freeze()
            try:
                self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=die_with_parent,
                                                 initargs=(os.getpid(),))
                return self._pool.submit(fn, *args, **kwargs)
            finally:
                gc.unfreeze()
        return self._pool.submit(fn, *args, **kwargs)

    def idle(self) -> None:
        """The caller has submitted a batch and is about to wait for it: inside ``reading()``, the preload
        runs now, beside the workers."""
        if self._deferred:
            self._run_preload()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Tasks submitted inside need no preload; it runs while they work (see the class)."""
        self._deferred = True
        try:
            yield
        finally:
            self._deferred = False

    def _needs_preload(self) -> bool:
        """A preload not run yet, where workers are forked (a new interpreter would not inherit it)."""
        return not self._preloaded and self.preload is not None and multiprocessing.get_start_method() == "fork"

    def _run_preload(self) -> None:
        if self._needs_preload():
            assert self.preload is not None
            self.preload()
        self._preloaded = True

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)

    def terminate(self) -> None:
        """Stop every worker now (they may be mid-render) and drop the queued tasks."""
        if self._pool is None:
            return
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                os.kill(process.pid, signal.SIGKILL)
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AssertionError):
                process.join(timeout=2)


def reading(executor: Executor | None) -> contextlib.AbstractContextManager[None]:
    """``executor.reading()`` for a ``WorkerPool`` (tasks that need no preload), else nothing to do."""
    return executor.reading() if isinstance(executor, WorkerPool) else contextlib.nullcontext()


def make_executor(jobs: int | None = None, preload: Callable[[], None] | None = None) -> Executor | None:
    """A ``WorkerPool`` of ``jobs`` workers (default: one per CPU; capped at the CPU count) that runs
    ``preload`` before its workers start (see ``WorkerPool``); ``None`` (run here) for a single job: one
    worker would only add the cost of starting a process and pickling every article.
    """
    workers, _ = worker_count(jobs)
    return WorkerPool(workers, preload) if workers > 1 else None


def run_tasks(executor: Executor | None, task: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[int, R]]:
    """``(index, task(item))`` for every item, as each finishes (in order when run in this process).

    ``items`` may be a generator: each item is submitted as soon as it is made, so the workers start on
    the first while the caller makes the next.

    A task that raises (a worker killed, a bug) is re-raised here; tasks report expected failures
    in their result instead, so one bad input never stops the others. What a task run by ``executor`` logs
    is captured there and said here (``converter.issue.said``), above the progress line.
    """
    from converter.issue.said import captured, replay

    if executor is None:
        for index, item in enumerate(items):
            yield index, task(item)
        return
    futures: dict[Future[tuple[R, tuple[Any, ...]]], int] = {
        executor.submit(captured, task, item): index for index, item in enumerate(items)}
    if isinstance(executor, WorkerPool):
        executor.idle()  # what the pool defers to the caller's waiting (``WorkerPool.reading``)
    for future in as_completed(futures):
        result, said = future.result()
        replay(said)
        yield futures[future], result
