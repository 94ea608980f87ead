"""Run one stage of the build in a forked process, and receive its result pickled through a pipe.

Two stages of the build run this way. The check (:func:`kompiler.build.orchestrate.compile_for_build`): its
result, received through the pipe, is laid out compactly in this process, while the memory that
loading fragmented ends with the child. The graph stage (similarities, merge proposals, the graph files
and the site's picture): it needs nothing the page rendering makes, and makes little the rest of the
build needs. Forked right after the check, it runs beside the page workers, and its working memory
(sparse products, the structural graph, the files as they are formatted) lives and dies in its own
process instead of adding to the memory this process holds for the views and pages. A forked child
inherits the corpus without copying or pickling it; only its result comes back. The import, too, has
a child make half of its files' texts (:mod:`kompiler.authoring.importer.texts`).

Where fork is unavailable, or on a single core, the stage runs in this process when its result is first
asked for, with the same result.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from kompiler.runtime.collector import paused
from kompiler.runtime.processes import forkable_workers
from kompiler.runtime.signals import release_held_signals, signals_deferred

T = TypeVar("T")


class StageFailed(RuntimeError):
    """The forked stage ended without a result (killed, or out of memory)."""


class Forked(Generic[T]):
    """``function()`` computed in a forked process started on entering ``with``; :meth:`result` waits.

    An exception raised by ``function`` is raised again by :meth:`result`. Use as a context manager,
    so that an abandoned build stops the process.
    """

    def __init__(self, function: Callable[[], T]) -> None:
        self.function = function
        self._process: Any = None
        self._reader: Connection | None = None
        self._done = False
        self._value: T | None = None

    def _start(self) -> None:
        context = multiprocessing.get_context("fork")
        self._reader, sender = context.Pipe(duplex=False)
        process = context.Process(target=_run, args=(self.function, sender))
        # A Ctrl+C while the process forks would raise inside multiprocessing, or in the fork's own
        # handlers (which swallow it): either the child would be lost, still writing into the output
        # being abandoned, or the build would go on as if never interrupted. So it is held during the
        # fork, as for the page workers, and raised once the child is known, which is then stopped.
        try:
            with signals_deferred():
                process.start()
                self._process = process
        except BaseException:
            self.__exit__()
            raise
        finally:
            sender.close()

    @property
    def forked(self) -> bool:
        """Whether the stage runs in a child process (its writes are then the child's to report)."""
        return self._process is not None

    def result(self) -> T:
        if not self._done:
            self._value = self._receive() if self._process is not None else self.function()
            self._done = True
        return self._value  # type: ignore[return-value]

    def _receive(self) -> T:
        assert self._reader is not None
        try:
            with paused():  # a large result is millions of new objects, none in a cycle
                failed, value = self._reader.recv()
        except EOFError:
            self._process.join()
            code = self._process.exitcode
            raise StageFailed(
                f"signal {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
            ) from None
        self._process.join()
        if failed:
            raise value
        return value

    def __enter__(self) -> Forked[T]:
        """Start the child (on one core, or without fork, nothing starts: see the module)."""
        if forkable_workers():
            self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
        if self._reader is not None:
            self._reader.close()


def _run(function: Callable[[], Any], sender: Connection) -> None:
    """The child: Ctrl+C is the parent's to handle; send back ``(failed, value or exception)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    release_held_signals()  # forked inside signals_deferred(); __exit__ stops the child with SIGTERM
    try:
        outcome: tuple[bool, Any] = (False, function())
    except BaseException as error:  # every failure goes back to the parent, to be raised there
        outcome = (True, error)
    # Pickling makes a small object for each one it meets; a collection over the child's whole heap
    # every few thousand of them would cost more than the pickling.
    with paused():
        try:
            sender.send(outcome)
        except Exception as error:  # an exception that cannot be pickled is still reported
            sender.send((True, StageFailed(repr(error))))
    sender.close()
