"""The machine kompiler runs on, as opposed to kompiler itself: what the command line refuses before it
starts and the system errors it reports as the user's to fix rather than as kompiler's bugs.

Exit code 3 means "a bug in kompiler; report it". A full disk, a read-only or forbidden folder, a deleted
working folder or a malformed ``SOURCE_DATE_EPOCH`` is none of that: each is reported in one sentence
that names what failed, with exit code 2. A reader that stops reading (``kompiler rules | head -1``) is
not a problem at all: kompiler stops quietly, as Python's documentation recommends ("Note on SIGPIPE"),
with exit code 1, so a pipeline under ``set -o pipefail`` never passes because its output was cut short.
Any other exception is still a bug and is still reported as one.
"""

from __future__ import annotations

import errno
import os
import select
import sys
from typing import Any, NoReturn, TextIO

from kompiler.diagnostics import Message

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
# 9999-12-31T23:59:59Z: the last moment a date in a document (and Python's datetime) can hold.
LATEST_EPOCH = 253_402_300_799

# Errors of the system, not of kompiler: out of space or quota, no permission, read-only, broken
# hardware or network file system, out of descriptors or kernel memory, a path the system cannot take.
ENVIRONMENT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in (
        "ENOSPC",
        "EDQUOT",
        "EFBIG",
        "EROFS",
        "EACCES",
        "EPERM",
        "EIO",
        "ESTALE",
        "EMFILE",
        "ENFILE",
        "ENOMEM",
        "ENAMETOOLONG",
        "ELOOP",
        "EPIPE",
    )
    if hasattr(errno, name)
)

_NOT_OURS = Message(
    "Ini masalah sistem (ruang disk, izin, folder kerja, lingkungan), bukan kesalahan standar atau kompiler.",
    "This is a problem of the system (disk space, permissions, working folder, environment), not of the "
    "standards or of kompiler.",
)


def refusal() -> Message | None:
    """Why kompiler cannot run in this environment at all, or ``None``.

    Checked before any command: a deleted working folder would otherwise fail deep inside whichever
    step first asks for it, and a malformed ``SOURCE_DATE_EPOCH`` is read by libraries as they are
    imported (numpy's f2py calls ``int()`` on it).
    """
    try:
        os.getcwd()
    except OSError as error:
        cause = error.strerror or str(error)
        return Message(
            f"Folder kerja tidak dapat dibaca ({cause}); mungkin sudah dihapus. Pindah (cd) ke folder yang ada.",
            f"The working folder cannot be read ({cause}); it may have been deleted. Change (cd) to a "
            "folder that exists.",
        )
    return _epoch_problem()


def _epoch_problem() -> Message | None:
    """A ``SOURCE_DATE_EPOCH`` that is not a whole number of seconds in 1970–9999 is an error, as the
    reproducible-builds specification asks of build tools; an empty one counts as unset."""
    value = os.environ.get(EPOCH_VARIABLE)
    if value is None:
        return None
    text = value.strip()
    if not text:
        del os.environ[EPOCH_VARIABLE]
        return None
    if text.isascii() and text.isdigit() and int(text) <= LATEST_EPOCH:
        return None
    shown = ascii(value) if len(value) <= 40 else ascii(value[:40]) + "…"
    return Message(
        f"{EPOCH_VARIABLE}={shown} bukan jumlah detik sejak 1970-01-01 (bilangan bulat 0 sampai "
        f"{LATEST_EPOCH}, seperti keluaran `date +%s`). Perbaiki atau hapus variabel ini.",
        f"{EPOCH_VARIABLE}={shown} is not a number of seconds since 1970-01-01 (a whole number from 0 to "
        f"{LATEST_EPOCH}, as `date +%s` prints). Fix or unset it.",
    )


def refuse(message: Message) -> NoReturn:
    """Report that the environment does not allow kompiler to run, and exit with code 2."""
    from kompiler.cli import EXIT_USAGE

    say(f"kompiler: {message.id}\n  {message.en}")
    sys.exit(EXIT_USAGE)


def is_environmental(error: BaseException) -> bool:
    """Whether ``error`` is the system refusing an operation rather than a bug in kompiler."""
    return isinstance(error, OSError) and error.errno in ENVIRONMENT_ERRNOS


def stop(error: OSError) -> NoReturn:
    """End the command for an environmental ``error``: quietly (exit 1) when the reader of the output
    went away, otherwise with a message that names what failed (exit 2)."""
    from kompiler.cli import EXIT_PROBLEMS, EXIT_USAGE

    output_broken = "stdout" in _failures
    if error.errno == errno.EPIPE and (output_broken or _reader_gone()):
        _discard_output()
        sys.exit(EXIT_PROBLEMS)
    cause = error.strerror or str(error)
    if error.filename is not None:
        name = os.fsdecode(error.filename)
        failed = Message(f"{name}: {cause}", f"{name}: {cause}")
    elif output_broken:
        failed = Message(
            f"keluaran standar tidak dapat ditulis: {cause}", f"standard output cannot be written: {cause}"
        )
    else:
        failed = Message(cause, cause)
    if output_broken:
        _discard_output()
    english = f"\n  {failed.en}" if failed.en != failed.id else ""
    say(f"kompiler: {failed.id}{english}\n  {_NOT_OURS.id}\n  {_NOT_OURS.en}")
    sys.exit(EXIT_USAGE)


def finish_output() -> None:
    """Write out what is still buffered for standard output, so that a failure to write it is reported
    here (see :func:`stop`) and not by the interpreter as it shuts down."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except OSError as error:
        if not is_environmental(error):
            raise
        stop(error)


def say(text: str) -> None:
    """Write a line to standard error, if it can still be written; nothing else is left to tell."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


_STANDARD = ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w"))


def hold_standard_streams() -> None:
    """Reopen on ``/dev/null`` a standard stream that was closed when kompiler started (``2>&-``,
    ``>&-``, ``<&-``), so that the command runs as if its output were discarded.

    A closed descriptor 0, 1 or 2 is the next one the system hands out: the first output file kompiler
    opened would take it, and whatever a library or a worker process writes to standard error (a font
    warning from the PDF stage) would land inside that file. Python also leaves ``sys.stderr`` as
    ``None`` then, which code that asks whether it is a terminal cannot use.
    """
    for descriptor, name, mode in _STANDARD:
        try:
            os.fstat(descriptor)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != descriptor:
                os.dup2(null, descriptor)
                os.close(null)
        if getattr(sys, name) is None:
            setattr(sys, name, open(descriptor, mode, closefd=False, errors="backslashreplace"))  # noqa: SIM115


class _WatchedOutput:
    """Standard output, noting when writing to it fails: a failed write leaves nothing behind to test
    afterwards, and the error itself does not say which file it was writing."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError:
            _failures.add("stdout")
            raise

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError:
            _failures.add("stdout")
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


_failures: set[str] = set()


def watch_output() -> None:
    """From now on, note whether a write to standard output fails (see :func:`stop`)."""
    if sys.stdout is not None and not isinstance(sys.stdout, _WatchedOutput):
        sys.stdout = _WatchedOutput(sys.stdout)  # type: ignore[assignment]


def _reader_gone() -> bool:
    """Whether standard output is a pipe whose reader has closed it (poll reports an error on it)."""
    try:
        descriptor = sys.stdout.fileno() if sys.stdout is not None else 1
        poller = select.poll()
        poller.register(descriptor, select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (OSError, ValueError, AttributeError):
        return False


def _discard_output() -> None:
    """Point standard output at ``/dev/null``, so that nothing more is written where it cannot go, and
    the interpreter's last flush of what is still buffered succeeds silently."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno() if sys.stdout is not None else 1)
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
