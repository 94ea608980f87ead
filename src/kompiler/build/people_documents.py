"""Writing people's documents, in forked worker processes when there are many PDFs or Word files.

A PDF takes WeasyPrint about a quarter of a second and a .docx a tenth: for a file of a thousand people,
minutes on one core. With :func:`~kompiler.runtime.processes.forkable_workers` cores and at least
:data:`PARALLEL_FROM_PEOPLE` people, views are handed to forked workers in batches, each worker writing
its documents into the private folder's staging area, as :mod:`kompiler.build.pages` does for a build's
pages; this process records the paths. The templates, the writer and the policy's setting are inherited
by fork (never pickled); only the views (plain values) travel. At most a few batches per worker are in
flight, so memory stays bounded however many people come. Markdown alone is cheap and stays here.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime

from kompiler.build.pages import _quiet  # the page workers' initializer: Ctrl+C left to this process
from kompiler.build.private import PrivateWriter
from kompiler.render.environment import Templates
from kompiler.render.people.documents import person_documents
from kompiler.render.people.view import PersonView, Setting
from kompiler.runtime.processes import forkable_workers
from kompiler.runtime.signals import signals_deferred

PARALLEL_FROM_PEOPLE = 24
BATCH = 8  # people per task: a few seconds of PDFs, so no worker is left with a long last task
AHEAD_PER_WORKER = 3

# What the forked workers write: set just before the pool starts, inherited by fork, never pickled.
_job: tuple[Templates, PrivateWriter, Setting, str, str, tuple[str, ...], datetime | None] | None = None


class DocumentWriter:
    """Writes each person's ``kind`` documents in ``formats`` into ``writer`` under ``section/``.

    Use as a context manager; :meth:`add` a view at a time, and :attr:`written` counts the files once the
    block has ended. A :class:`~kompiler.render.environment.TemplateProblem` or an
    :class:`~kompiler.build.output.OutputUnwritable` raised in a worker is raised here.
    """

    def __init__(
        self,
        writer: PrivateWriter,
        templates: Templates,
        setting: Setting,
        *,
        section: str,
        kind: str,
        formats: tuple[str, ...],
        built: datetime | None,
        people: int,
    ) -> None:
        self.writer, self.templates, self.setting = writer, templates, setting
        self.section, self.kind, self.formats, self.built = section, kind, formats, built
        self.written = 0
        self._batch: list[tuple[str, PersonView]] = []
        self._pending: deque[Future[list[tuple[str, bytes]]]] = deque()
        self._pool: ProcessPoolExecutor | None = None
        self._workers = forkable_workers()
        heavy = "pdf" in formats or "docx" in formats
        if heavy and self._workers and people >= PARALLEL_FROM_PEOPLE:
            self._start()

    def _start(self) -> None:
        global _job
        _job = (self.templates, self.writer, self.setting, self.section, self.kind, self.formats, self.built)
        context = multiprocessing.get_context("fork")
        self._pool = ProcessPoolExecutor(self._workers, mp_context=context, initializer=_quiet)

    def add(self, stem: str, view: PersonView) -> None:
        if self._pool is None:
            self.written += len(
                _write(self.templates, self.writer, self.setting, self._job_rest(), [(stem, view)])
            )
            return
        self._batch.append((stem, view))
        if len(self._batch) >= BATCH:
            self._submit()

    def _job_rest(self) -> tuple[str, str, tuple[str, ...], datetime | None]:
        return self.section, self.kind, self.formats, self.built

    def _submit(self) -> None:
        assert self._pool is not None
        batch, self._batch = self._batch, []
        with signals_deferred():  # the first submission forks the workers (see kompiler.build.pages)
            self._pending.append(self._pool.submit(_work, batch))
        while len(self._pending) > self._workers * AHEAD_PER_WORKER:
            self._collect(self._pending.popleft())

    def _collect(self, future: Future[list[tuple[str, bytes]]]) -> None:
        for path, digest in future.result():
            self.writer.record(path, digest)
            self.written += 1

    def __enter__(self) -> DocumentWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        global _job
        if self._pool is None:
            return
        try:
            if kind is None:
                if self._batch:
                    self._submit()
                while self._pending:
                    self._collect(self._pending.popleft())
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
            _job = None


def _write(
    templates: Templates,
    writer: PrivateWriter,
    setting: Setting,
    rest: tuple[str, str, tuple[str, ...], datetime | None],
    batch: list[tuple[str, PersonView]],
) -> list[str]:
    section, kind, formats, built = rest
    paths = []
    for stem, view in batch:
        for extension, data in person_documents(templates, view, setting, kind, formats, built).items():
            path = f"{section}/{stem}.{extension}"
            writer.write_bytes(path, data)
            paths.append(path)
    return paths


def _work(batch: list[tuple[str, PersonView]]) -> list[tuple[str, bytes]]:
    if _job is None:
        raise RuntimeError("DocumentWriter sets the job before it starts its workers")
    templates, writer, setting, section, kind, formats, built = _job
    before = len(writer.written)
    _write(templates, writer, setting, (section, kind, formats, built), batch)
    # The worker's writer listed the paths and their SHA-256 in its own copy; this process records them.
    return writer.written_since(before)
