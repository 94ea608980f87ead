"""Where the per-file stage runs: in this process, in a local process pool, or on a Dask cluster.

Every choice is a standard :class:`concurrent.futures.Executor`, so the pipeline does not care which one
it got. Small inputs stay in-process (starting workers costs more than it saves); large ones go to a
``ProcessPoolExecutor`` with one worker per core; ``dask://HOST:PORT`` sends the work to an existing
``dask.distributed`` scheduler through its own executor, for corpora that outgrow one machine.
Files travel in batches, so that per-task overhead stays small next to the work.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many files the pool's start-up (about 0.1-0.2 s) outweighs parsing in parallel.
PARALLEL_THRESHOLD = 400
BATCH_SIZE = 200


class ExecutorError(ValueError):
    """An ``--executor`` value that cannot be used; its message is shown to the user as is."""


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def checked_spec(spec: str | None) -> str:
    """``spec`` normalised, or :class:`ExecutorError` if it names no executor (checked before any work)."""
    spec = (spec or "auto").strip()
    if spec in {"auto", "serial", "process"} or (spec.startswith("dask://") and len(spec) > len("dask://")):
        return spec
    raise ExecutorError(
        f"Eksekutor tidak dikenal: {spec!r}; pilih auto, serial, process, atau dask://HOST:PORT. "
        f"/ Unknown executor {spec!r}; use auto, serial, process or dask://HOST:PORT."
    )


@contextmanager
def executor_for(spec: str | None, items: int, jobs: int | None = None) -> Iterator[Executor | None]:
    """An executor for ``items`` units of per-file work, or ``None`` to run them in this process.

    ``spec``: ``None``/``"auto"`` (decide by size and cores), ``"serial"``, ``"process"``, or
    ``"dask://HOST:PORT"``. ``jobs`` caps the local worker count.
    """
    spec = checked_spec(spec)
    if spec.startswith("dask://"):
        with _dask_executor(spec) as executor:
            yield executor
        return
    workers = jobs or available_cores()
    if spec == "serial" or workers <= 1 or (spec == "auto" and items < PARALLEL_THRESHOLD):
        yield None
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield pool


@contextmanager
def _dask_executor(spec: str) -> Iterator[Executor]:
    try:
        from distributed import Client
    except ImportError as error:
        raise ExecutorError(
            "Eksekutor Dask memerlukan paket tambahan: pip install 'kompiler[dask]'. "
            "/ The Dask executor needs the extra: pip install 'kompiler[dask]'."
        ) from error
    address = "tcp://" + spec.split("://", 1)[1]
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ExecutorError(
            f"Tidak dapat terhubung ke penjadwal Dask {address}: {error}. "
            f"/ Cannot connect to the Dask scheduler {address}: {error}."
        ) from error
    try:
        yield client.get_executor()
    finally:
        client.close()


def batched(items: Sequence[T], size: int = BATCH_SIZE) -> list[Sequence[T]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def map_batches(
    executor: Executor | None, function: Callable[[list[T]], list[R]], items: list[T], size: int = BATCH_SIZE
) -> list[R]:
    """``function`` over ``items`` in batches, in order, on ``executor`` (or here when it is ``None``)."""
    if executor is None:
        return function(items)
    results: list[R] = []
    for part in executor.map(function, [list(batch) for batch in batched(items, size)]):
        results.extend(part)
    return results
