"""How many processes a stage may use here, and from how much work on they pay.

The check's per-file stage, the page workers and the forked graph stage all ask the same questions, so
they are answered once: the cores this process may run on (its affinity, as a container or ``taskset``
limits it), whether fork is available, and how many items make a pool worth its start-up. A stage whose
work holds large tables (the people stage's corpus-wide arrays) starts its pool with
:func:`inherited_pool`, so the workers inherit the work instead of receiving it with every item.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Items (files to check, pages to render) below which a pool of processes costs more than it saves: its
# start-up takes about 0.1-0.2 s, what parsing or rendering 400 items in one process takes.
PARALLEL_FROM = 400
MAX_WORKERS = 8  # page workers: beyond this, memory grows faster than a large build gets faster


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def workers() -> int:
    """How many worker processes a large build uses: one per available core, up to a limit."""
    return max(1, min(available_cores(), MAX_WORKERS))


def forkable_workers() -> int:
    """How many forked processes a stage may use here: none without fork or on a single core."""
    count = workers()
    return count if count >= 2 and "fork" in multiprocessing.get_all_start_methods() else 0


_INSTALLED: list[Callable[[Any], Any]] = []


def _install(work: Callable[[Any], Any]) -> None:
    _INSTALLED[:] = [work]


class _Installed:
    """The work a pool's worker was forked with, called by name: a submitted item then carries only its
    own data, not the tables the work holds (tens of MB at 50,000 positions) every time."""

    def __call__(self, item: Any) -> Any:
        return _INSTALLED[0](item)


@contextmanager
def inherited_pool(work: Callable[[T], R], workers: int) -> Iterator[tuple[Executor, Callable[[T], R]]]:
    """A local pool of ``workers`` forked processes that each hold ``work`` from their start, and the
    function to submit to it (:func:`kompiler.people.stream.run` takes both). Forked, the work is
    inherited, never pickled."""
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_install, initargs=(work,)) as pool:
        yield pool, _Installed()
