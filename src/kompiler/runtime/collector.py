"""Memory housekeeping of large builds: pausing Python's cyclic garbage collector while a stage creates
millions of small objects, and handing freed memory back to the system.

Every few hundred new containers the collector runs, and every so often it walks all live objects: at
national scale (50,000 positions) that is millions of entities, views and graph edges, none of them in a
reference cycle, so those walks find nothing and cost more time than the stage's own work. Objects
without cycles are still freed at once by reference counting; what little cyclic garbage a stage makes
is collected after it, when the collector runs again.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic collector for the ``with`` block, then restore it as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def running() -> Iterator[None]:
    """Enable the cyclic collector for the ``with`` block (inside :func:`paused`), then restore it.

    For work that does make cyclic garbage as it goes, such as a layout engine's tree of boxes with
    links to their parents: without the collector it would stay in memory until the stage ends.
    """
    enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not enabled:
            gc.disable()


def return_free_memory() -> None:
    """Hand the memory that is free inside the C allocator back to the system (glibc; elsewhere nothing).

    NumPy and SciPy free their working arrays into glibc's heap, which keeps the space for later C
    allocations; Python's own small objects come from separate arenas and cannot reuse it. After the
    merge stage of a national corpus that is several hundred megabytes the process would keep holding,
    and a process forked afterwards would count as its own.
    """
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
