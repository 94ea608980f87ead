"""Render and write many independent pages, in worker processes when there are enough of them.

A large corpus means thousands of pages (a Markdown SKJ and a site page per position), each rendered
from the same compiled templates and the same view objects, none depending on another. Rendering is
pure Python, so threads would not help; forked workers inherit the templates, the views and the
output writer without copying or pickling them, render their share and write it into the writer's
staging folder themselves, sending back only the paths. Meanwhile this process is free for the work
that does not wait on the pages (the similarity graph and its outputs).

Small builds (the default corpus) render lazily in this process, page by page as the caller asks:
forking would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from kompiler.build.output import OutputWriter
from kompiler.render.environment import Page, Templates
from kompiler.runtime.processes import PARALLEL_FROM, forkable_workers
from kompiler.runtime.signals import release_held_signals, signals_deferred

CHUNKS_PER_WORKER = 16  # small enough that no worker is left with a long last chunk

# What the forked workers render: set just before the pool starts, inherited by fork, never pickled.
_job: tuple[Templates, OutputWriter, Sequence[Page]] | None = None


class PageWriter:
    """Renders ``pages`` into ``writer``; :meth:`written` yields each page's path, in the order given.

    With enough pages, rendering starts at once in worker processes; the first ``alone`` pages are large
    (a whole appendix) and each gets a worker of its own while the others share the rest. A
    :class:`~kompiler.render.environment.TemplateProblem` raised in a worker is raised by
    :meth:`written`. Use as a context manager, so the workers stop if the build is abandoned.
    """

    def __init__(
        self, templates: Templates, writer: OutputWriter, pages: Sequence[Page], *, alone: int = 0
    ) -> None:
        self.templates, self.writer, self.pages = templates, writer, pages
        self._pool: ProcessPoolExecutor | None = None
        self._chunks: list[Future[list[tuple[str, bytes]]]] = []
        count = forkable_workers()
        if len(pages) < PARALLEL_FROM or not count:
            return
        global _job
        _job = (templates, writer, pages)
        size = max(1, -(-(len(pages) - alone) // (count * CHUNKS_PER_WORKER)))
        bounds = [(i, i + 1) for i in range(alone)]
        bounds += [(start, min(start + size, len(pages))) for start in range(alone, len(pages), size)]
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(count, mp_context=context, initializer=_quiet)
        try:
            # The first submission forks every worker. A Ctrl+C landing in a fork would be swallowed, or
            # leave workers rendering into a staging folder the build abandons: it waits until all are
            # started, and is then raised here, where the pool is stopped.
            with signals_deferred():
                self._chunks = [pool.submit(_render, start, stop) for start, stop in bounds]
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            _job = None
            raise
        self._pool = pool

    def written(self) -> Iterator[str]:
        if self._pool is None:
            for path, name, context in self.pages:
                self.writer.write_text(path, self.templates.render(name, context))
                yield path
            return
        for future in self._chunks:
            for path, digest in future.result():
                self.writer.record(path, digest)
                yield path

    def __enter__(self) -> PageWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        global _job
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            _job = None


def _quiet() -> None:
    """Workers leave Ctrl+C to the parent, which aborts the build and stops the pool.

    They also run at a lower priority: the graph stage and this process do the work the build waits
    for first, and the workers' pages fill whatever processor time those leave.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    release_held_signals()  # forked inside signals_deferred(); the pool stops a worker with SIGTERM
    os.nice(5)


def _render(start: int, stop: int) -> list[tuple[str, bytes]]:
    """Write pages ``start`` to ``stop``; return each one's path and SHA-256, for the parent's writer to
    record."""
    if _job is None:
        raise RuntimeError("PageWriter sets the job before it starts its workers")
    templates, writer, pages = _job
    before = len(writer.written)
    for path, name, context in pages[start:stop]:
        writer.write_text(path, templates.render(name, context))
    return writer.written_since(before)
