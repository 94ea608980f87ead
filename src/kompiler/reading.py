"""Opening files kompiler did not write: regular files only, without blocking, never beyond a limit.

A project may come from a stranger's pull request. A name in it may be a FIFO (opening it for reading
waits for a writer forever), a device (``/dev/zero`` never ends), a socket, a folder, or a sparse file of
terabytes; a symbolic link may lead to any of those. Every read of such a file goes through
:func:`opened`: it opens without blocking, asks the open file (not its name, which may change in between)
what it is, and refuses anything but a regular file; :func:`read_limited` also refuses a file larger
than the limit before reading a byte, and reads at most one byte more than the limit, should the file
grow meanwhile.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager

from kompiler.diagnostics import Message

# No standards file needs more; larger files are refused before they are read (KMP001).
MAX_FILE_BYTES = 8 * 1024 * 1024

CODE_TOO_LARGE = "KMP001"
CODE_UNREADABLE = "KMP013"

_CHUNK = 1 << 20
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_WHAT = (
    (stat.S_ISREG, "sebuah berkas", "a file"),
    (stat.S_ISDIR, "sebuah folder", "a folder"),
    (stat.S_ISFIFO, "sebuah pipa bernama (FIFO)", "a named pipe (FIFO)"),
    (stat.S_ISCHR, "sebuah perangkat karakter", "a character device"),
    (stat.S_ISBLK, "sebuah perangkat blok", "a block device"),
    (stat.S_ISSOCK, "sebuah soket", "a socket"),
)


class Refused(OSError):
    """A file kompiler does not read, with the diagnostic code and the reason shown to users."""

    def __init__(self, code: str, message: Message) -> None:
        super().__init__(message.en)
        self.code = code
        self.message = message


def what_is(mode: int) -> Message:
    """What a file of ``mode`` is, in words ("a named pipe (FIFO)")."""
    for test, indonesian, english in _WHAT:
        if test(mode):
            return Message(indonesian, english)
    return Message("sesuatu yang lain", "something else")


def too_large(size: int | None, limit: int = MAX_FILE_BYTES) -> Message:
    """The reason a file of ``size`` bytes (``None``: it grew past the limit while read) is refused."""
    if size is None:
        return Message(
            f"Berkas terlalu besar (lebih dari {limit:,} bita, batasnya).",
            f"The file is too large (more than the limit of {limit:,} bytes).",
        )
    return Message(
        f"Berkas terlalu besar ({size:,} bita; batasnya {limit:,} bita).",
        f"The file is too large ({size:,} bytes; the limit is {limit:,} bytes).",
    )


@contextmanager
def opened(path: str | os.PathLike[str], *, follow: bool = True, folder: int | None = None) -> Iterator[int]:
    """A read-only descriptor of the regular file at ``path``, or :class:`Refused` (an ``OSError``).

    Without ``follow`` a symbolic link is not followed (the open fails); ``folder`` is a descriptor of
    the folder that a relative ``path`` is in.
    """
    flags = _OPEN_FLAGS | (0 if follow else os.O_NOFOLLOW)
    descriptor = os.open(path, flags, dir_fd=folder)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = what_is(mode)
            raise Refused(
                CODE_UNREADABLE,
                Message(
                    f"Ini {kind.id}, bukan berkas biasa; hanya berkas biasa yang dibaca.",
                    f"This is {kind.en}, not a regular file; only regular files are read.",
                ),
            )
        yield descriptor
    finally:
        os.close(descriptor)


def read_limited(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES, *, follow: bool = True) -> bytes:
    """The bytes of the regular file at ``path``, or :class:`Refused` when it is not one or holds more
    than ``limit`` bytes (decided from the open file's size before reading, and again while reading)."""
    with opened(path, follow=follow) as descriptor:
        size = os.fstat(descriptor).st_size
        if size > limit:
            raise Refused(CODE_TOO_LARGE, too_large(size, limit))
        return read_at_most(descriptor, limit, expected=size)


def read_at_most(descriptor: int, limit: int, *, expected: int = 0) -> bytes:
    """Read ``descriptor`` to its end, or :class:`Refused` once more than ``limit`` bytes came.

    ``expected`` (the size the file had when opened) lets a file that did not change be read in one call.
    """
    chunks: list[bytes] = []
    total = 0
    wanted = min(expected, limit) + 1
    while wanted > 0:
        chunk = os.read(descriptor, wanted)
        if not chunk:
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        wanted = min(max(wanted, _CHUNK), limit + 1 - total)
    raise Refused(CODE_TOO_LARGE, too_large(None, limit))


class _Bounded(io.RawIOBase):
    """A descriptor read as a stream that refuses to go past ``limit`` bytes (the file grew meanwhile)."""

    def __init__(self, descriptor: int, limit: int) -> None:
        super().__init__()
        self._descriptor, self._limit, self._total = descriptor, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = os.readv(self._descriptor, [buffer])
        self._total += count
        if self._total > self._limit:
            raise Refused(CODE_TOO_LARGE, too_large(None, self._limit))
        return count


def stream_limited(descriptor: int, limit: int) -> io.BufferedReader:
    """A buffered stream over ``descriptor`` (from :func:`opened`, which keeps owning it) that raises
    :class:`Refused` once more than ``limit`` bytes came: for files read a block at a time rather than
    whole, such as a million-row table."""
    return io.BufferedReader(_Bounded(descriptor, limit), buffer_size=_CHUNK)


def reason(error: OSError) -> tuple[str, Message]:
    """The diagnostic code and message for a file that could not be read because of ``error``."""
    if isinstance(error, Refused):
        return error.code, error.message
    cause = error.strerror or str(error)
    return CODE_UNREADABLE, Message(
        f"Berkas tidak dapat dibaca: {cause}.", f"The file cannot be read: {cause}."
    )
