"""The one place that decides where parallel work runs.

Every task of an issue (reading an input, rendering a PDF part) is a top-level function taking plain,
picklable data, submitted to a ``concurrent.futures.Executor``. The CLI makes a process pool here; a
library caller may pass any executor with ``submit`` (a ``dask.distributed`` client's executor works
the same), or ``None`` to run everything in this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def make_executor(jobs: int | None = None) -> Executor | None:
    """A process pool of ``jobs`` workers (default: one per CPU); ``None`` (run here) for a single job.

    One worker would only add the cost of starting a process and pickling every article.
    """
    workers = jobs or os.cpu_count() or 1
    return ProcessPoolExecutor(max_workers=workers) if workers > 1 else None


def run_tasks(executor: Executor | None, task: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[int, R]]:
    """``(index, task(item))`` for every item, as each finishes (in order when run in this process).

    ``items`` may be a generator: each item is submitted as soon as it is made, so the workers start on
    the first while the caller makes the next.

    A task that raises (a worker killed, a bug) is re-raised here; tasks report expected failures
    in their result instead, so one bad input never stops the others.
    """
    if executor is None:
        for index, item in enumerate(items):
            yield index, task(item)
        return
    futures: dict[Future[R], int] = {executor.submit(task, item): index for index, item in enumerate(items)}
    for future in as_completed(futures):
        yield futures[future], future.result()
