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

from kompiler.build.output import (
    OutputLocked,
    OutputRefused,
    OutputUnwritable,
    OutputWriter,
    refuse_linked_default,
    shown_path,
)
from kompiler.cli.common import chosen_text
from kompiler.diagnostics import Message

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
def writing(
    output: Path,
    sources: Sequence[Path],
    kind: Callable[..., W] = OutputWriter,
    *,
    locale: str | None = None,
    default_in: Path | None = None,
) -> Iterator[W]:
    """A writer for ``output`` (see :func:`open_output`) for the ``with`` block; whatever ends the block
    early (an error, ``sys.exit``, Ctrl+C, SIGTERM) removes what was written and leaves the previous
    output as it was, and a write that fails is reported (:func:`unwritable`)."""
    from kompiler.cli import EXIT_USAGE

    writer = open_output(output, sources, kind, locale=locale, default_in=default_in)
    try:
        yield writer
    except OutputUnwritable as problem:
        writer.abort()
        unwritable(problem, locale)
    except OutputRefused as refusal:  # the folder changed while the command ran
        writer.abort()
        click.echo(f"kompiler: {said(refusal.message, locale)}", err=True)
        sys.exit(EXIT_USAGE)
    except BaseException:
        writer.abort()
        raise


def open_output(
    output: Path,
    sources: Sequence[Path],
    kind: Callable[..., W] = OutputWriter,
    *,
    locale: str | None = None,
    default_in: Path | None = None,
) -> W:
    """A writer for ``output`` (an :class:`OutputWriter`, or ``kind`` of one: the private folder's), or
    the reason it cannot be written and exit code 2, in ``locale`` (see :func:`said`). ``default_in`` is
    the folder kompiler placed ``output`` in when no ``-o`` was given: no link is followed below it
    (:func:`~kompiler.build.output.refuse_linked_default`)."""
    from kompiler.cli import EXIT_USAGE

    try:
        if default_in is not None:
            refuse_linked_default(default_in, output)
        return kind(output, sources=sources)
    except OutputLocked:
        message = Message(
            f"perintah kompiler lain sedang menulis ke {shown_path(output)}/; tunggu sampai selesai.",
            f"Another kompiler command is writing to {shown_path(output)}/; wait for it to finish.",
        )
        click.echo(f"kompiler: {said(message, locale)}", err=True)
    except OutputRefused as refusal:
        click.echo(f"kompiler: {said(refusal.message, locale)}", err=True)
    except OutputUnwritable as problem:
        unwritable(problem, locale)
    sys.exit(EXIT_USAGE)


def unwritable(problem: OutputUnwritable, locale: str | None = None) -> NoReturn:
    """A full or read-only disk, or a folder without permission: say so, exit 2."""
    from kompiler.cli import EXIT_USAGE

    message = Message(
        f"keluaran tidak dapat ditulis ke {problem.target}: {problem.reason}; keluaran sebelumnya tidak "
        "diubah.",
        f"The output cannot be written to {problem.target}: {problem.reason}; the previous output is "
        "unchanged.",
    )
    click.echo(f"kompiler: {said(message, locale)}", err=True)
    sys.exit(EXIT_USAGE)


def said(message: Message, locale: str | None) -> str:
    """``message`` in ``locale`` (the command's ``--locale`` when the folder is opened before the project
    is read, as build and merge do; its resolved language when after, as diff and people do), else as
    :func:`kompiler.cli.common.chosen_text` chooses, the two languages one under the other."""
    return chosen_text(message, locale, between="\n/ ")
