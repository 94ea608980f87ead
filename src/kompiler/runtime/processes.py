"""How many processes a stage may use here, and from how much work on they pay.

The check's per-file stage, the page workers and the forked graph stage all ask the same questions, so
they are answered once: the cores this process may run on (its affinity, as a container or ``taskset``
limits it), whether fork is available, and how many items make a pool worth its start-up.
"""

from __future__ import annotations

import multiprocessing
import os

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
