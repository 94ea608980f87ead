"""Write build output atomically, inside the output folder only, and only into a folder that is kompiler's.

A build replaces the whole output folder, so it must never be pointed at anything else. Every folder
kompiler writes carries a marker, ``.kompiler-output``, listing each file written, a line each (read a line
at a time: whatever a marker claims, memory follows the files on disk); a build accepts a folder that is
new, empty (folders without files count as empty), or holds only files its marker lists and that are
unchanged since (:func:`check_target`). As git's index does, the marker records each file's size, its
modification time and the SHA-256 of the bytes written: a file of the recorded size and time is
unchanged; one of the recorded size but another time (copied, checked out, touched) is read and hashed;
any other is changed. Size alone would take a hand edit that kept the size (a year changed in a CSV) for
kompiler's file, and replace or remove it. It refuses the project's folder and every folder
above it, every folder inside the project's folders that a build reads (``jabatan/``, ``kamus/``,
``rumpun/``, ``templates/``, the cache), a Git repository, a repository's Git folder and any folder
inside one, and any folder holding something else:
:class:`OutputRefused`. A marker vouches only for what kompiler writes: a YAML file or a project's
``kompiler.yaml`` is never output, so a marker copied or forged next to standards never makes them
removable.

Everything the build writes is inside the output folder, which is created if missing: the lock
(``.kompiler-lock``, removed when the build ends) that stops two builds from writing the same folder, the
staging folder the build writes into (``.kompiler-staging.*``), and at the end the swap, which moves the
previous output's entries aside (``.kompiler-old.*``), moves the new ones in and removes the old. So the
output folder may be a mount point, its parent may be read-only, and it keeps its own mode and owner.
The marker is first replaced by one that accepts both the previous and the new files: a build killed in
the middle of the swap leaves a folder the next build still recognises, and its leftovers are removed
then. A failed or interrupted build (Ctrl+C, SIGTERM) leaves the previous output as it was. The folder
is checked again just before the swap, with the lock held: a file added or edited there during a build of
minutes refuses the swap rather than being removed with the previous output.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import itertools
import os
import re
import secrets
import shlex
import shutil
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, NamedTuple

from kompiler.cachestore import DEFAULT_FOLDER as CACHE_FOLDER
from kompiler.diagnostics import Message
from kompiler.project import PROJECT_FILE, YAML_SUFFIXES
from kompiler.render.jsontext import write_indented
from kompiler.report import escaped
from kompiler.runtime.signals import signals_deferred

MARKER = ".kompiler-output"
# Written into every private folder of ``kompiler people`` (:mod:`kompiler.build.private`): personal data.
PRIVATE_NOTE = "RAHASIA-data-pribadi.txt"
LOCK = ".kompiler-lock"
STAGING = ".kompiler-staging."
OLD = ".kompiler-old."
_TOKEN = 8  # random bytes naming a staging or old folder, written as hex
_LEFTOVER = re.compile(rf"({re.escape(STAGING)}|{re.escape(OLD)})[0-9a-f]{{{2 * _TOKEN}}}")
_BRIDGE = ".kompiler-output.bridge"  # inside the staging folder: the marker in force during the swap
_HEADER = b"kompiler-output 2\n"
# The first marker recorded sizes only: what it lists cannot be told from a same-size edit.
_SIZES_ONLY = b"kompiler-output 1\n"
_NOTE = (
    b"# Folder keluaran kompiler: setiap build menggantinya. Tiap baris: ukuran (bita), waktu ubah (ns),\n"
    b"# SHA-256 dan jalur berkas.\n"
    b"# kompiler's output folder: every build replaces it. Each line: a file's size (bytes), modification\n"
    b"# time (ns), SHA-256 and path.\n"
)
MARKER_LIMIT = 1 << 30  # bytes; read a line at a time. A national build's marker is a few megabytes.
_LINE_LIMIT = 8192
_NAMED = 3  # entries a refusal names
_OUTPUT_SUFFIXES = (".pdf", ".docx", ".md", ".html")
_EARLIER_LAYOUT = frozenset({"model.json", "graph", "merge", "site", "jabatan"})
# The project's folders a build reads (kompiler.project's kinds of folder, its templates and its cache):
# output written inside one would mix with the sources, and replacing it could remove them.
_READ_FOLDERS = ("jabatan", "kamus", "rumpun", "pengembangan", "templates", CACHE_FOLDER)


class UnsafeOutputPath(ValueError):
    """A relative output path tried to leave the output folder."""


class OutputLocked(RuntimeError):
    """Another build is writing the same output folder right now."""

    def __init__(self, target: Path) -> None:
        super().__init__(str(target))
        self.target = target


class OutputRefused(ValueError):
    """The output folder is not kompiler's to replace; ``message`` says why and what to do."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class OutputUnwritable(Exception):
    """The output folder cannot be written (a full or read-only disk, no permission).

    Raised by every write, also in the build's worker processes, so it carries only strings and pickles.
    """

    def __init__(self, target: str, reason: str) -> None:
        super().__init__(target, reason)
        self.target, self.reason = target, reason


class _Damaged(ValueError):
    """The marker is there but is not one kompiler wrote."""


class _SizesOnly(ValueError):
    """The marker is one an earlier kompiler wrote, which recorded only each file's size."""


class Entry(NamedTuple):
    """What a marker records of a file kompiler wrote (see the module)."""

    size: int
    mtime_ns: int
    digest: bytes  # SHA-256 of the bytes written


class _Digesting(io.RawIOBase):
    """A new file that hashes the bytes written into it: the marker's SHA-256 comes from the bytes as
    they are written, never from reading a file of hundreds of megabytes back."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._file = io.FileIO(path, "w")
        self._sha = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        written = self._file.write(data) or 0
        self._sha.update(memoryview(data).cast("B")[:written])
        return written

    def close(self) -> None:
        self._file.close()
        super().close()

    def digest(self) -> bytes:
        return self._sha.digest()


def shown_path(path: Path | str) -> str:
    """A path as a message prints it: a newline, a control character or a byte that is not UTF-8 in a
    folder's name is written as an escape, so that a message never breaks or forges a line."""
    return escaped(str(path))


def _is_own(name: str) -> bool:
    """Whether a name at the top of an output folder is kompiler's bookkeeping rather than output."""
    return name in (MARKER, LOCK) or _is_leftover(name)


def _removal(folder: Path) -> str:
    """The command that removes ``folder``, quoted for a shell so that it can be pasted as it is, whatever
    the folder's name holds (a space, a ``;``)."""
    return f"rm -r {shlex.quote(shown_path(folder))}"


def _is_leftover(name: str) -> bool:
    """Whether ``name`` is one a build gives its staging or old folder: a build's leftovers are removed
    unseen, so a folder a user merely named ``.kompiler-old.bak`` must count as theirs."""
    return _LEFTOVER.fullmatch(name) is not None


def _walk(folder: Path) -> Iterator[tuple[str, tuple[int, int] | None]]:
    """Every entry below ``folder`` that is not a folder, except kompiler's bookkeeping at its top:
    ``(relative path, (size, modification time in ns))`` for a regular file, ``(relative path, None)`` for
    anything else (a link, a FIFO, a folder of kompiler's name that is not a real folder). Links are never
    followed."""
    pending = [("", str(folder))]
    while pending:
        prefix, path = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                relative = prefix + entry.name
                is_dir = entry.is_dir(follow_symlinks=False)
                if not prefix and _is_own(entry.name):
                    a_file = entry.name in (MARKER, LOCK)
                    if not (entry.is_file(follow_symlinks=False) if a_file else is_dir):
                        yield relative, None
                elif is_dir:
                    pending.append((relative + "/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    status = entry.stat(follow_symlinks=False)
                    yield relative, (status.st_size, status.st_mtime_ns)
                else:
                    yield relative, None


def _open_marker(folder: Path) -> BinaryIO | None:
    """``folder``'s marker, opened past its first line; ``None`` without one. Raises :class:`_Damaged`,
    or :class:`_SizesOnly` for an earlier kompiler's marker.

    Never follows a link, never waits on a FIFO, and refuses a marker above ``MARKER_LIMIT``.
    """
    try:
        descriptor = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _Damaged(_reason(error)) from None
    stream = os.fdopen(descriptor, "rb")
    status = os.fstat(descriptor)
    header = stream.readline(len(_HEADER) + 1) if stat.S_ISREG(status.st_mode) else b""
    if header != _HEADER or status.st_size > MARKER_LIMIT:
        stream.close()
        if header == _SIZES_ONLY:
            raise _SizesOnly()
        raise _Damaged("not a marker kompiler writes")
    return stream


_LINE = re.compile(rb"([0-9]{1,19}) ([0-9]{1,19}) ([0-9a-f]{64}) (.+)\n?")


def _entries(stream: BinaryIO) -> Iterator[tuple[str, Entry]]:
    """The ``(path, entry)`` lines of an opened marker, read one at a time (a marker may list millions)."""
    with stream:
        for line in iter(lambda: stream.readline(_LINE_LIMIT + 1), b""):
            if line.startswith(b"#"):
                continue
            parsed = _LINE.fullmatch(line) if len(line) <= _LINE_LIMIT else None
            if parsed is None:
                raise _Damaged("a line kompiler does not write")
            size, mtime, digest, path = parsed.groups()
            yield os.fsdecode(path), Entry(int(size), int(mtime), bytes.fromhex(digest.decode()))


def _signature(folder: Path) -> tuple[int, int, int] | None:
    """Which marker ``folder`` holds right now: another build's swap replaces it with a new file."""
    try:
        status = os.stat(folder / MARKER, follow_symlinks=False)
    except OSError:
        return None
    return status.st_ino, status.st_mtime_ns, status.st_size


def marker_bytes(files: Iterable[tuple[str, Entry]]) -> bytes:
    """The marker listing ``files``, ``(relative path, entry)`` pairs: a line each, by path.

    The marker in force during a swap lists the previous build's files and the new ones, so that a path
    may be listed twice.
    """
    lines = sorted(set(files))
    return (
        _HEADER
        + _NOTE
        + b"".join(
            b"%d %d %s %s\n" % (entry.size, entry.mtime_ns, entry.digest.hex().encode(), os.fsencode(path))
            for path, entry in lines
        )
    )


def _real(path: Path) -> Path:
    """``path`` with every link resolved: a project's ``templates`` may be a link to the output folder."""
    return Path(os.path.realpath(path))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(target: Path, sources: Sequence[Path] = ()) -> dict[str, Entry]:
    """Refuse ``target`` (an absolute, resolved path) unless a build may replace it (see the module);
    return the files of the output it holds, each with its entry (its modification time as it is now).

    ``sources`` are the project folders the build reads. What one kind of output refuses besides (a
    public output, a private folder of people's results: each refuses the other's place) is its writer's
    :meth:`OutputWriter._refuse_place`. Reads only: nothing is written before this has passed.
    """
    refuse_git_folder(target)
    for source in sources:
        root = Path(os.path.realpath(source))
        if _inside(root, target):
            what = (
                ("adalah folder proyek standar", "is the standards project's folder")
                if root == target
                else (
                    f"memuat proyek standar {shown_path(root)}",
                    f"holds the standards project {shown_path(root)}",
                )
            )
            raise OutputRefused(
                Message(
                    f"Folder keluaran {shown_path(target)} {what[0]}; kompiler mengganti isi folder "
                    "keluaran, jadi menolaknya. Pilih folder baru atau kosong di luar proyek.",
                    f"The output folder {shown_path(target)} {what[1]}; kompiler replaces what an output "
                    "folder holds, so it refuses this one. Choose a new or empty folder outside the project.",
                )
            )
        read = next((name for name in _READ_FOLDERS if _inside(target, _real(root / name))), None)
        if read is not None:
            raise OutputRefused(
                Message(
                    f"Folder keluaran {shown_path(target)} ada di dalam folder {read}/ proyek, yang dibaca "
                    f"kompiler; pilih folder di luar {read}/.",
                    f"The output folder {shown_path(target)} is inside the project's {read}/ folder, which "
                    f"kompiler reads; choose a folder outside {read}/.",
                )
            )
    if not os.path.lexists(target):
        return {}
    if not target.is_dir():
        raise OutputRefused(
            Message(
                f"{shown_path(target)} bukan folder; pilih folder baru atau kosong untuk keluaran.",
                f"{shown_path(target)} is not a folder; choose a new or empty folder for the output.",
            )
        )
    try:
        return _check_contents(target)
    except OSError as error:
        raise OutputRefused(
            Message(
                f"Folder keluaran {shown_path(target)} tidak dapat dibaca ({error.strerror}), jadi kompiler "
                "tidak dapat memastikan isinya keluaran kompiler sendiri; perbaiki izinnya atau pilih "
                "folder lain.",
                f"The output folder {shown_path(target)} cannot be read ({error.strerror}), so kompiler cannot "
                "tell that it holds only its own output; fix its permissions or choose another folder.",
            )
        ) from None


def refuse_linked_default(base: Path, target: Path) -> None:
    """Refuse ``target``, a folder kompiler chose inside ``base`` because no ``-o`` was given (``output/``,
    ``asesmen/hasil/``), when it or a folder between ``base`` and it is a symbolic link, dangling or not.

    Such a link may come with a pull request (``.gitignore``'s ``output/`` matches no link), and writing
    through it would create folders and put the output, or people's results, wherever it points. A link
    named with ``-o`` is the user's own choice and is followed, as before. Reads only.
    """
    folder = base
    for part in target.relative_to(base).parts:
        folder = folder / part
        if os.path.islink(folder):
            raise OutputRefused(_linked_default(folder, target))
        if not os.path.isdir(folder):
            return


def _linked_default(link: Path, target: Path) -> Message:
    try:
        destination = shown_path(os.readlink(link))
    except OSError as error:
        destination = f"? ({error.strerror})"
    where = (
        ("adalah tautan simbolik", "is a symbolic link")
        if link == target
        else (
            f"melewati tautan simbolik {shown_path(link)}",
            f"goes through the symbolic link {shown_path(link)}",
        )
    )
    return Message(
        f"Folder bawaan {shown_path(target)} (tanpa -o) {where[0]} ke {destination}; kompiler tidak menulis "
        "ke tempat yang ditunjuk tautan yang tidak Anda sebut, karena tautan dapat datang bersama pull "
        "request. Hapus tautan itu, atau sebut foldernya dengan -o.",
        f"The default folder {shown_path(target)} (no -o given) {where[1]} to {destination}; kompiler does "
        "not write where a link it was not given points, since a link can come with a pull request. Remove "
        "the link, or name the folder with -o.",
    )


def refuse_git_folder(target: Path) -> None:
    """Refuse ``target`` when it is, or lies inside, a repository's Git folder (one named ``.git``, or a
    bare repository's: ``HEAD`` beside ``objects/``): output written there would be mistaken by git for its
    own data, or damage it, and no one would see it in the working tree."""
    for folder in (target, *target.parents):
        if folder.name == ".git" or (os.path.isfile(folder / "HEAD") and os.path.isdir(folder / "objects")):
            raise OutputRefused(
                Message(
                    f"Folder keluaran {shown_path(target)} adalah atau ada di dalam folder Git "
                    f"{shown_path(folder)}, tempat git menyimpan data repositori; kompiler tidak menulis di "
                    "sana. Pilih folder di luar folder Git itu.",
                    f"The output folder {shown_path(target)} is or lies inside the Git folder "
                    f"{shown_path(folder)}, where git keeps a repository's data; kompiler does not write "
                    "there. Choose a folder outside that Git folder.",
                )
            )


def _refuse_private(target: Path) -> None:
    """Refuse ``target`` as a public output when it is, or lies inside, a private folder (one holding
    :data:`PRIVATE_NOTE`): the output would replace people's results, or be published from among them."""
    for folder in (target, *target.parents):
        if os.path.lexists(folder / PRIVATE_NOTE):
            raise OutputRefused(
                Message(
                    f"Folder keluaran {shown_path(target)} adalah atau ada di dalam folder pribadi "
                    f"{shown_path(folder)} (hasil asesmen pegawai); keluaran publik tidak ditulis di sana. "
                    "Pilih folder lain.",
                    f"The output folder {shown_path(target)} is or lies inside the private folder "
                    f"{shown_path(folder)} (employees' assessment results); public output is not written "
                    "there. Choose another folder.",
                )
            )


def check_outside_outputs(target: Path) -> None:
    """Refuse ``target`` (absolute, links resolved) for files that are not output when it is, or lies
    inside, a private folder (:func:`_refuse_private`) or any other folder kompiler wrote (one holding
    :data:`MARKER`): the next ``build`` or ``kompiler people`` replaces such a folder whole, and a build
    refuses to replace one holding files it did not write. For what writes into a folder of its own
    (``kompiler import``'s project); reads only."""
    _refuse_private(target)
    for folder in (target, *target.parents):
        if os.path.lexists(folder / MARKER):
            where = ("adalah", "is") if folder == target else ("ada di dalam", "lies inside")
            raise OutputRefused(
                Message(
                    f"Folder keluaran {shown_path(target)} {where[0]} folder keluaran build "
                    f"{shown_path(folder)} (ada {MARKER}); build berikutnya mengganti isinya, atau menolak "
                    "berjalan selama ada berkas lain di sana. Pilih folder di luar keluaran build.",
                    f"The output folder {shown_path(target)} {where[1]} the build output folder "
                    f"{shown_path(folder)} (it holds {MARKER}); the next build replaces what it holds, or "
                    "refuses to run while other files are there. Choose a folder outside the build's output.",
                )
            )


def _check_contents(target: Path) -> dict[str, Entry]:
    names = set(os.listdir(target))
    if ".git" in names:
        raise OutputRefused(
            Message(
                f"Folder keluaran {shown_path(target)} adalah repositori Git (ada .git); kompiler mengganti "
                "isi folder keluaran, jadi menolaknya. Pilih folder baru atau kosong.",
                f"The output folder {shown_path(target)} is a Git repository (it holds .git); kompiler "
                "replaces what an output folder holds, so it refuses this one. Choose a new or empty folder.",
            )
        )
    try:
        marker = _open_marker(target)
        files, foreign = _compared(target, marker)
    except _Damaged:
        raise OutputRefused(
            Message(
                f"Penanda {MARKER} di folder keluaran {shown_path(target)} rusak, jadi kompiler tidak dapat "
                "memastikan isinya keluaran kompiler sendiri; periksa folder itu, hapus, lalu jalankan lagi.",
                f"The marker {MARKER} in the output folder {shown_path(target)} is damaged, so kompiler cannot "
                "tell that it holds only its own output; check the folder, remove it and run again.",
            )
        ) from None
    except _SizesOnly:
        raise OutputRefused(
            Message(
                f"Folder keluaran {shown_path(target)} ditulis kompiler versi lama, yang hanya mencatat ukuran "
                "tiap berkas, jadi kompiler tidak dapat memastikan tidak ada berkas yang diubah sejak itu. "
                "Pindahkan berkas yang Anda ubah, hapus folder itu "
                f"({_removal(target)}), lalu jalankan lagi; kompiler menulisnya kembali.",
                f"The output folder {shown_path(target)} was written by an earlier kompiler, which recorded "
                "only each file's size, so kompiler cannot tell that no file in it was changed since. Move "
                f"away any file you changed, remove the folder ({_removal(target)}) and run again; "
                "kompiler writes it anew.",
            )
        ) from None
    if not foreign:
        return files
    foreign = [shown_path(relative) for relative in sorted(foreign)]
    named = ", ".join(sorted(foreign[:_NAMED])) + (", …" if len(foreign) > _NAMED else "")
    if marker is not None:
        raise OutputRefused(
            Message(
                f"Folder keluaran {shown_path(target)} memuat berkas yang tidak ditulis kompiler atau telah "
                f"diubah sejak itu ({named}); kompiler tidak akan menimpa atau menghapusnya. Pindahkan berkas "
                "itu atau pilih folder lain.",
                f"The output folder {shown_path(target)} holds files kompiler did not write or that changed "
                f"since ({named}); kompiler will not overwrite or remove them. Move them away or choose another "
                "folder.",
            )
        )
    if _earlier_output(names):
        raise OutputRefused(
            Message(
                f"Folder keluaran {shown_path(target)} tampaknya keluaran kompiler versi lama, yang belum "
                f"menandai foldernya ({MARKER}), jadi kompiler tidak dapat memastikan tidak ada berkas lain "
                f"di dalamnya. Periksa folder itu, hapus ({_removal(target)}), lalu jalankan lagi.",
                f"The output folder {shown_path(target)} looks like the output of an earlier kompiler, which "
                f"did not mark its folders ({MARKER}), so kompiler cannot tell that nothing else is in it. "
                f"Check the folder, remove it ({_removal(target)}) and run again.",
            )
        )
    raise OutputRefused(
        Message(
            f"Folder keluaran {shown_path(target)} tidak kosong dan tidak ditulis kompiler ({named}); kompiler "
            "mengganti isi folder keluaran, jadi menolaknya. Pilih folder baru atau kosong.",
            f"The output folder {shown_path(target)} is not empty and was not written by kompiler ({named}); "
            "kompiler replaces what an output folder holds, so it refuses this one. Choose a new or empty folder.",
        )
    )


def _compared(target: Path, marker: BinaryIO | None) -> tuple[dict[str, Entry], list[str]]:
    """The files in ``target`` that its marker lists and that are unchanged since, and up to a few others.

    Without a marker, the first entries found are foreign. With one, the folder's files are listed first
    and the marker is then read a line at a time, so memory follows what is on disk, whatever the marker
    claims.
    """
    if marker is None:
        return {}, [relative for relative, _ in itertools.islice(_walk(target), _NAMED + 1)]
    try:
        written = os.fstat(marker.fileno()).st_mtime_ns
        unlisted: dict[str, tuple[int, int]] = {}
        odd: list[str] = []
        for relative, found in _walk(target):
            if found is None:
                odd.append(relative)
            else:
                unlisted[relative] = found
        files: dict[str, Entry] = {}
        for relative, entry in _entries(marker):
            found = unlisted.get(relative)
            if (
                found is not None
                and not _never_output(relative)
                and _unchanged(target, relative, found, entry, written)
            ):
                del unlisted[relative]
                files[relative] = entry._replace(mtime_ns=found[1])
    finally:
        marker.close()
    foreign = [*odd, *unlisted]
    return files, foreign[: _NAMED + 1]


def _unchanged(target: Path, relative: str, found: tuple[int, int], entry: Entry, written: int) -> bool:
    """Whether the file ``relative``, of size and modification time ``found``, is the one ``entry``
    records, in a marker last modified at ``written`` (ns).

    A file whose time is not before the marker's could have been edited within the same tick of the
    clock as kompiler wrote it, leaving the time as recorded: it is hashed, as git does with such a
    "racily clean" file.
    """
    size, mtime_ns = found
    if size != entry.size:
        return False
    if mtime_ns == entry.mtime_ns and mtime_ns < written:
        return True
    return _digest(target.joinpath(*PurePosixPath(relative).parts)) == entry.digest


def _digest(path: Path) -> bytes | None:
    """The SHA-256 of the regular file ``path``; ``None`` when it is no longer one (never follows a link,
    never waits on a FIFO)."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        return hashlib.file_digest(stream, "sha256").digest()


def _never_output(relative: str) -> bool:
    """Whether ``relative`` is a file no build writes: a standards file, whatever a marker claims."""
    return relative.split("/", 1)[0] == PROJECT_FILE or relative.lower().endswith(YAML_SUFFIXES)


def _earlier_output(names: set[str]) -> bool:
    """Whether an unmarked folder has the layout of what kompiler wrote before it marked its folders."""
    own = {name for name in names if name in _EARLIER_LAYOUT or name.endswith(_OUTPUT_SUFFIXES)}
    return own == names and bool(names & {"model.json", "merge"})


def _lock(path: Path) -> int:
    """Take an exclusive, non-blocking lock on ``path``; retry if it was replaced while we waited."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputLocked(path) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path, follow_symlinks=False).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


def _held(path: Path) -> bool:
    """Whether another build holds the lock ``path`` right now (never creates it)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _missing(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, innermost first."""
    return [path for path in (folder, *folder.parents) if not os.path.lexists(path)]


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


class OutputWriter:
    """Collects files in a staging folder; :meth:`commit` swaps them in place of the previous output.

    ``sources`` are the project folders the build reads, which the output folder must not be or hold.
    Raises :class:`OutputRefused`, :class:`OutputLocked` or :class:`OutputUnwritable`.
    """

    def __init__(self, target: Path, *, sources: Sequence[Path] = ()) -> None:
        try:
            self.target = Path(os.path.realpath(target))
        except OSError as error:  # a relative path, and the working folder is gone
            raise OutputUnwritable(shown_path(target), _reason(error)) from None
        self.sources = sources
        self.lock_path = self.target / LOCK
        self.staging = self.target / f"{STAGING}{secrets.token_hex(_TOKEN)}"
        self.written: list[str] = []
        self.digests: dict[str, bytes] = {}  # each file written: the SHA-256 of its bytes
        self._lock: int | None = None
        self._old: Path | None = None
        self._committed = False
        signature = _signature(self.target)
        self._previous = self._checked()
        self._created = _missing(self.target)
        try:
            self.target.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(self.lock_path)
            if _signature(self.target) != signature:  # another build finished meanwhile
                self._previous = self._checked()
            self._clear_leftovers()
            self.staging.mkdir()
        except OutputLocked:
            self._remove_created()
            raise
        except OSError as error:
            self.abort()
            raise self._unwritable(error) from None
        except OutputRefused:
            self.abort()
            raise

    def _refuse_place(self) -> None:
        """Refuse ``self.target`` where this kind of output may not go, besides what :func:`check_target`
        refuses for every output: a public output never goes into a private folder. Reads only.
        :class:`~kompiler.build.private.PrivateWriter` refuses instead what personal data may not go into."""
        _refuse_private(self.target)

    def _checked(self) -> dict[str, Entry]:
        """:meth:`_refuse_place` and :func:`check_target`; a refusal while another build swaps its output
        in says so instead."""
        try:
            self._refuse_place()
            return check_target(self.target, self.sources)
        except OutputRefused:
            if self._lock is None and _held(self.target / LOCK):
                raise OutputLocked(self.target / LOCK) from None
            raise

    def _unwritable(self, error: OSError) -> OutputUnwritable:
        return OutputUnwritable(shown_path(self.target), _reason(error))

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Any failure to write into the staging folder becomes :class:`OutputUnwritable`."""
        try:
            yield
        except OSError as error:
            raise self._unwritable(error) from None

    def _clear_leftovers(self) -> None:
        """Remove what builds that were killed left behind (their staging and old folders)."""
        for entry in os.scandir(self.target):
            if _is_leftover(entry.name) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)

    def path(self, relative: str) -> Path:
        """The staging path for ``relative``, refusing anything that would land outside the output."""
        pure = PurePosixPath(relative)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts or _is_own(pure.parts[0]):
            raise UnsafeOutputPath(relative)
        path = self.staging.joinpath(*pure.parts)
        with self._writing():
            path.parent.mkdir(parents=True, exist_ok=True)
        self.written.append(pure.as_posix())
        return path

    def path_of(self, relative: str) -> Path:
        """Where an already written file ``relative`` lies in the staging folder."""
        return self.staging.joinpath(*PurePosixPath(relative).parts)

    def written_since(self, count: int) -> list[tuple[str, bytes]]:
        """The files written after the first ``count`` of :attr:`written`, each with its SHA-256: what a
        worker process writing through its copy of this writer hands back for the parent's to
        :meth:`record`."""
        return [(path, self.digests[path]) for path in self.written[count:]]

    def record(self, relative: str, digest: bytes) -> None:
        """Count a file that a worker process wrote into the staging folder (:mod:`kompiler.build.pages`),
        with the SHA-256 its copy of the writer computed (:attr:`digests`)."""
        posix = PurePosixPath(relative).as_posix()
        self.written.append(posix)
        self.digests[posix] = digest

    @contextmanager
    def _file(self, relative: str) -> Iterator[BinaryIO]:
        """``relative`` created in the staging folder, its SHA-256 kept in :attr:`digests` once closed."""
        path = self.path(relative)
        with self._writing():
            raw = _Digesting(path)
            with io.BufferedWriter(raw) as stream:
                yield stream
            self.digests[PurePosixPath(relative).as_posix()] = raw.digest()

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        with self._file(relative) as stream:
            stream.write(data)

    def write_json(self, relative: str, value: Any, indent: int) -> None:
        """``json.dumps(value, ensure_ascii=False, indent=indent)`` and a newline, written in pieces.

        The model of a large corpus is hundreds of megabytes of text: written as it is encoded, it never
        sits in memory whole, beside the data it comes from (:mod:`kompiler.render.jsontext`).
        """
        with (
            self._file(relative) as binary,
            io.TextIOWrapper(binary, encoding="utf-8", newline="\n") as stream,
        ):
            write_indented(value, indent, stream.write)
            stream.write("\n")

    @contextmanager
    def binary(self, relative: str) -> Iterator[BinaryIO]:
        """A binary file to write ``relative`` into as it is produced (a large GraphML, for one)."""
        with self._file(relative) as stream:
            yield stream

    def commit(self) -> None:
        """Replace the previous output with the staged one (the previous is removed only afterwards)."""
        staged = self._staged()
        incoming = {relative.split("/", 1)[0] for relative in staged}
        previous = {relative.split("/", 1)[0] for relative in self._previous}
        self._swap(staged, aside=previous | incoming, incoming=incoming)

    def commit_into(self) -> None:
        """Move the staged files into the output folder, keeping the rest of the previous output.

        For documents written beside a build's output (the amendment of ``kompiler diff``, which compares
        two versions of the standards rather than publishing one): every file written replaces its
        predecessor. A build always replaces the whole output (:meth:`commit`), ``--only`` included: a full
        build's site kept beside one position's new SKJ would no longer match the standards.
        """
        staged = self._staged()
        self._swap({**self._previous, **staged}, aside=set(staged), incoming=set(staged))

    def _staged(self) -> dict[str, Entry]:
        """The staged files' entries: size and time as they are now, SHA-256 as written; every commit
        starts here, so the output folder is first checked again (:meth:`_recheck`)."""
        self._recheck()
        with self._writing():
            return {
                relative: Entry(*found, self.digests[relative])
                for relative, found in _walk(self.staging)
                if found is not None
            }

    def _recheck(self) -> None:
        """Check the output folder again just before the swap, with the lock held: a build takes minutes,
        and a file the user added to the folder meanwhile (a note in ``site/``), or one of kompiler's they
        edited, would otherwise be moved aside with the previous output and removed. Raises
        :class:`OutputRefused`; the previous output, and what was added or edited, stay as they are."""
        try:
            self._previous = check_target(self.target, self.sources)
        except OutputRefused as refused:
            raise OutputRefused(
                Message(
                    f"{refused.message.id} Folder itu berubah selama perintah berjalan; keluaran baru tidak "
                    "dipasang dan tidak ada yang diganti.",
                    f"{refused.message.en} The folder changed while the command ran; the new output was not "
                    "put in place and nothing was replaced.",
                )
            ) from None

    def _swap(self, files: dict[str, Entry], *, aside: set[str], incoming: set[str]) -> None:
        """Make ``files`` the output: the entries named in ``aside`` go to the old folder, those named in
        ``incoming`` come in from the staging folder (top-level names, or for a partial build files), and
        the marker lists ``files``. On failure everything is put back and :class:`OutputUnwritable` raised.
        """
        with self._writing():
            (self.staging / MARKER).write_bytes(marker_bytes(files.items()))
            (self.staging / _BRIDGE).write_bytes(marker_bytes([*self._previous.items(), *files.items()]))
            self._old = self.target / f"{OLD}{secrets.token_hex(_TOKEN)}"
            self._old.mkdir()
        moves = [(self.target / name, self._old / name) for name in sorted(aside)]
        moves += [(self.staging / name, self.target / name) for name in sorted(incoming)]
        done: list[tuple[Path, Path]] = []
        with signals_deferred():
            try:
                os.replace(self.staging / _BRIDGE, self.target / MARKER)
                for source, destination in moves:
                    if os.path.lexists(source):
                        destination.parent.mkdir(parents=True, exist_ok=True)
                        os.rename(source, destination)
                        done.append((source, destination))
                os.replace(self.staging / MARKER, self.target / MARKER)
            except OSError as error:
                for source, destination in reversed(done):
                    os.rename(destination, source)
                raise self._unwritable(error) from None
            self._committed = True
        self._finish()

    def _finish(self) -> None:
        with signals_deferred():
            shutil.rmtree(self.staging, ignore_errors=True)
            if self._old is not None:
                shutil.rmtree(self._old, ignore_errors=True)
            self._unlock()

    def abort(self) -> None:
        """Remove everything this build wrote; the previous output (or the new one, once committed) stays."""
        self._finish()
        if not self._committed:
            self._remove_created()

    def _remove_created(self) -> None:
        """Remove the output folder and parents this build created, as long as they are empty."""
        for folder in self._created:
            try:
                folder.rmdir()
            except OSError:
                return

    def _unlock(self) -> None:
        if self._lock is not None:
            self.lock_path.unlink(missing_ok=True)
            os.close(self._lock)
            self._lock = None
