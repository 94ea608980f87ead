"""Holding Ctrl+C and SIGTERM over the steps an interrupt must not split, and letting them in again in a
forked child.

A build swaps its output folder in a few moves and forks page workers and the graph stage; an interrupt
between two moves, or during a fork, would leave a half-replaced folder or an orphan process. Those steps
run inside :func:`signals_deferred`, and the interrupt is acted on right after them.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_HELD = frozenset({signal.SIGINT, signal.SIGTERM})


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM for the ``with`` block; one that arrives meanwhile is delivered right after.

    For the steps an interrupt must not split: the moves of the swap, the clean-up after a failed build,
    and the forks that start page workers and the graph stage (:mod:`kompiler.build.pages`,
    :mod:`kompiler.runtime.forked`). Both are held twice: blocked in this thread (the mask is what a
    process forked meanwhile inherits), and caught by a handler that only notes them, since the system
    may deliver a signal sent to the process to any other thread, whose arrival Python would then act on
    in the middle of the block.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    handlers = {number: signal.getsignal(number) for number in _HELD}
    held = [number for number, handler in handlers.items() if handler is not None]
    for number in held:
        signal.signal(number, lambda number, frame: arrived.append(number))
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        for number in held:
            signal.signal(number, handlers[number])
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        for number in dict.fromkeys(arrived):
            signal.raise_signal(number)


def release_held_signals() -> None:
    """In a process forked inside :func:`signals_deferred`: let in again what the parent held.

    The mask comes along with the fork; without this the child could not even be stopped with SIGTERM.
    SIGTERM gets its default action back: the parent's handler (which unwinds the build to remove its
    staging folder) is the parent's alone, and the parent stops its children with SIGTERM.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
