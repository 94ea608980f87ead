"""Write build output atomically: everything goes to a temporary sibling folder that replaces the
output folder only when the whole build has succeeded, so a failed or interrupted build leaves the
previous output untouched. Paths are confined to the output folder. A lock file beside the output
folder (``.<name>.lock``, removed when the build ends) stops two builds from writing the same folder.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from kompiler.render.jsontext import write_indented


class UnsafeOutputPath(ValueError):
    """A relative output path tried to leave the output folder."""


class OutputLocked(RuntimeError):
    """Another build is writing the same output folder right now."""

    def __init__(self, target: Path) -> None:
        super().__init__(str(target))
        self.target = target


def _lock(path: Path) -> int:
    """Take an exclusive, non-blocking lock on ``path``; retry if it was replaced while we waited."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputLocked(path) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


_HELD = frozenset({signal.SIGINT, signal.SIGTERM})


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM for the ``with`` block; a pending signal is delivered right after.

    For the steps an interrupt must not split: the two renames of the swap (between them there would be
    no output folder at all), and the forks that start page workers and the graph stage
    (:mod:`kompiler.render.pages`, :mod:`kompiler.render.forked`).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def release_held_signals() -> None:
    """In a process forked inside :func:`signals_deferred`: let in again what the parent held.

    The mask comes along with the fork; without this the child could not even be stopped with SIGTERM.
    """
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


class OutputWriter:
    """Collects files in a staging folder; :meth:`commit` swaps it in place of the output folder."""

    def __init__(self, target: Path) -> None:
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.lock_path = self.target.parent / f".{self.target.name}.lock"
        self._lock: int | None = _lock(self.lock_path)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", dir=self.target.parent))
        self.written: list[str] = []

    def path(self, relative: str) -> Path:
        """The staging path for ``relative``, refusing anything that would land outside the output."""
        pure = PurePosixPath(relative)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            raise UnsafeOutputPath(relative)
        path = self.staging.joinpath(*pure.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.written.append(pure.as_posix())
        return path

    def path_of(self, relative: str) -> Path:
        """Where an already written file ``relative`` lies in the staging folder."""
        return self.staging.joinpath(*PurePosixPath(relative).parts)

    def record(self, relative: str) -> None:
        """Count a file that a worker process wrote into the staging folder (:mod:`kompiler.render.pages`)."""
        self.written.append(PurePosixPath(relative).as_posix())

    def write_text(self, relative: str, text: str) -> None:
        self.path(relative).write_text(text, encoding="utf-8", newline="\n")

    def write_bytes(self, relative: str, data: bytes) -> None:
        self.path(relative).write_bytes(data)

    def write_json(self, relative: str, value: Any, indent: int) -> None:
        """``json.dumps(value, ensure_ascii=False, indent=indent)`` and a newline, written in pieces.

        The model of a large corpus is hundreds of megabytes of text: written as it is encoded, it never
        sits in memory whole, beside the data it comes from (:mod:`kompiler.render.jsontext`).
        """
        with self.path(relative).open("w", encoding="utf-8", newline="\n") as stream:
            write_indented(value, indent, stream.write)
            stream.write("\n")

    @contextmanager
    def binary(self, relative: str) -> Iterator[BinaryIO]:
        """A binary file to write ``relative`` into as it is produced (a large GraphML, for one)."""
        with self.path(relative).open("wb") as stream:
            yield stream

    def commit(self) -> None:
        """Replace the output folder with the staged one (the old one is removed only afterwards)."""
        old = None
        with signals_deferred():
            if self.target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old.", dir=self.target.parent))
                os.rename(self.target, old / "previous")
            os.rename(self.staging, self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        self._unlock()

    def commit_into(self) -> None:
        """Move the staged files into the output folder, keeping everything else there.

        For partial builds (one position's SKJ): the rest of a full build's output stays as it was, and
        every file written replaces its predecessor atomically.
        """
        self.target.mkdir(parents=True, exist_ok=True)
        for relative in self.written:
            destination = self.target.joinpath(*PurePosixPath(relative).parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging.joinpath(*PurePosixPath(relative).parts), destination)
        shutil.rmtree(self.staging, ignore_errors=True)
        self._unlock()

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self._unlock()

    def _unlock(self) -> None:
        if self._lock is not None:
            self.lock_path.unlink(missing_ok=True)
            os.close(self._lock)
            self._lock = None
