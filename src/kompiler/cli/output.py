"""The output folder of ``kompiler build -o``, ``merge --write`` and ``diff --amendment``, as the command line
meets it.

:func:`writing` opens the folder for a command and removes what the command wrote unless it committed;
a folder that cannot be used or written ends the command with a message naming it and exit code 2.
:func:`terminable` lets SIGTERM (a CI job cancelled) unwind a command like Ctrl+C, so that clean-up runs.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import NoReturn, TypeVar

import click

from kompiler.build.output import OutputLocked, OutputRefused, OutputUnwritable, OutputWriter, shown_path

W = TypeVar("W", bound=OutputWriter)


@contextmanager
def terminable() -> Iterator[None]:
    """SIGTERM raises ``SystemExit(143)`` in the ``with`` block, so every ``finally`` and clean-up runs."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def writing(output: Path, sources: Sequence[Path], kind: Callable[..., W] = OutputWriter) -> Iterator[W]:
    """A writer for ``output`` (see :func:`open_output`) for the ``with`` block; whatever ends the block
    early (an error, ``sys.exit``, Ctrl+C, SIGTERM) removes what was written and leaves the previous
    output as it was, and a write that fails is reported (:func:`unwritable`)."""
    writer = open_output(output, sources, kind)
    try:
        yield writer
    except OutputUnwritable as problem:
        writer.abort()
        unwritable(problem)
    except BaseException:
        writer.abort()
        raise


def open_output(output: Path, sources: Sequence[Path], kind: Callable[..., W] = OutputWriter) -> W:
    """A writer for ``output`` (an :class:`OutputWriter`, or ``kind`` of one: the private folder's), or
    the reason it cannot be written and exit code 2."""
    from kompiler.cli import EXIT_USAGE

    try:
        return kind(output, sources=sources)
    except OutputLocked:
        click.echo(
            f"kompiler: perintah kompiler lain sedang menulis ke {shown_path(output)}/; tunggu sampai "
            f"selesai. / Another kompiler command is writing to {shown_path(output)}/; wait for it to finish.",
            err=True,
        )
    except OutputRefused as refusal:
        click.echo(f"kompiler: {refusal.message.id}\n/ {refusal.message.en}", err=True)
    except OutputUnwritable as problem:
        unwritable(problem)
    sys.exit(EXIT_USAGE)


def unwritable(problem: OutputUnwritable) -> NoReturn:
    """A full or read-only disk, or a folder without permission: say so, exit 2."""
    from kompiler.cli import EXIT_USAGE

    click.echo(
        f"kompiler: keluaran tidak dapat ditulis ke {problem.target}: {problem.reason}; keluaran "
        f"sebelumnya tidak diubah. / The output cannot be written to {problem.target}: {problem.reason}; "
        "the previous output is unchanged.",
        err=True,
    )
    sys.exit(EXIT_USAGE)
