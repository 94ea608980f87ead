"""The private folder: where per-person outputs of ``kompiler people`` go, and only there.

Assessment results are personal data (UU 27/2022), so what is written from them must never be published
or committed by accident. The folder (``-o``, by default ``asesmen/hasil/`` inside the project, which
``kompiler init`` git-ignores) is refused, before anything is read, when it is

- inside a public output folder of ``kompiler build`` (a folder whose ``.kompiler-output`` marker is not
  accompanied by the note :data:`~kompiler.build.output.PRIVATE_NOTE`), or is one: the next build publishes or replaces it;
- inside a Git working tree and not git-ignored there, or holding files Git tracks (``git check-ignore``,
  ``git ls-files``): the next ``git add`` would commit people's data; when ``git`` cannot be run inside
  a working tree, or refuses to read its repository (another account owns it), kompiler cannot tell, and
  refuses too;
- any folder :class:`~kompiler.build.output.OutputWriter` refuses: the project's folder or one above it,
  a folder the build reads, a Git repository, a folder holding files kompiler did not write.

The writing itself is :class:`~kompiler.build.output.OutputWriter`'s (marker, lock, staging folder swapped
in at the end: all or nothing), with two differences. Everything is created with mode 0600 (files) and
0700 (folders), whatever the umask, and the folder itself is made 0700, so no other account on the machine
reads it even while it is written. And a command replaces only the sections it writes
(``kesenjangan/`` and ``kesenjangan.csv`` for ``gaps`` …), so the three steps of a drafter (gaps, plan,
moves) leave each other's documents in place, unless it is told to remove them: the parts another
assessment file made (:mod:`kompiler.build.provenance`).

The folder also ignores itself (:data:`SELF_IGNORE`, a ``.gitignore`` of ``*``): the refusal above holds
only while the command runs, and a ``.gitignore`` edited later (its ``asesmen/`` line tidied away), or the
folder copied into a repository, would otherwise let the next ``git add -A`` take everyone's results.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO, TextIO

from kompiler.build.output import MARKER, PRIVATE_NOTE, OutputRefused, OutputWriter, shown_path
from kompiler.diagnostics import Message
from kompiler.diff.git import git_asked, ownership_refusal
from kompiler.project import git_top

DEFAULT_FOLDER = PurePosixPath("asesmen/hasil")
FILE_MODE = 0o600
FOLDER_MODE = 0o700
SELF_IGNORE = ".gitignore"
SELF_IGNORE_TEXT = (
    "# kompiler people: data pribadi (UU 27/2022), jangan di-commit. / Personal data: never commit.\n*\n"
)
NOTE_TEXT = (
    "RAHASIA — data pribadi (UU 27/2022 tentang Pelindungan Data Pribadi).\n"
    "Folder ini ditulis oleh `kompiler people` dari hasil asesmen pegawai. Jangan terbitkan, jangan\n"
    "masukkan ke Git, jangan kirim tanpa dasar yang sah. Hasilnya mendukung, bukan menggantikan,\n"
    "keputusan manusia (UU 27/2022 Pasal 10).\n"
    "\n"
    "CONFIDENTIAL — personal data (Indonesian Law 27/2022 on Personal Data Protection).\n"
    "This folder is written by `kompiler people` from employees' assessment results. Do not publish it,\n"
    "commit it to Git, or send it on without a lawful basis. Its results support, not replace, a human\n"
    "decision (Law 27/2022 Article 10).\n"
)


class PrivateRefused(OutputRefused):
    """The folder may not hold personal data; ``message`` says why and what to do."""


def default_folder(project: Path) -> Path:
    """The private folder of ``project`` when ``-o`` is not given."""
    return project.joinpath(*DEFAULT_FOLDER.parts)


def check_private(target: Path) -> None:
    """Refuse ``target`` (absolute, links resolved) as a private folder when it is, or is inside, a public
    output folder, or when Git would pick it up (see the module). Reads only."""
    for folder in (target, *target.parents):
        if _is_public_output(folder):
            where = "adalah" if folder == target else f"ada di dalam {shown_path(folder)}, yaitu"
            where_en = "is" if folder == target else f"is inside {shown_path(folder)},"
            raise PrivateRefused(
                Message(
                    f"Folder pribadi {shown_path(target)} {where} folder keluaran publik kompiler build; "
                    "isinya diterbitkan atau diganti oleh build berikutnya, jadi data pribadi tidak boleh "
                    "ditulis di sana. Pilih folder lain, misalnya -o asesmen/hasil.",
                    f"The private folder {shown_path(target)} {where_en} a public output folder of kompiler "
                    "build; the next build publishes or replaces what it holds, so personal data may not be "
                    "written there. Choose another folder, for example -o asesmen/hasil.",
                )
            )
    _check_git(target)


def _is_public_output(folder: Path) -> bool:
    try:
        return os.path.lexists(folder / MARKER) and not os.path.lexists(folder / PRIVATE_NOTE)
    except OSError:
        return False


def _check_git(target: Path) -> None:
    """Refuse ``target`` inside a Git working tree unless Git ignores it and tracks nothing in it."""
    existing = next(folder for folder in (target, *target.parents) if folder.is_dir())
    top = git_asked(existing, "rev-parse", "--show-toplevel")
    if top is None:
        if git_top(existing) is not None:
            raise _unverifiable(target)
        return
    if top.returncode != 0:
        if git_top(existing) is None or _inside_git_folder(existing):
            return  # not inside a working tree (inside .git itself the output check refuses it)
        raise _unanswered(target, top.stderr)
    root = Path(os.path.realpath(os.fsdecode(top.stdout.strip())))
    relative = target.relative_to(root).as_posix() if target != root else "."
    ignored = git_asked(root, "check-ignore", "-q", "--no-index", "--", relative + "/", literal=False)
    tracked = git_asked(root, "ls-files", "-z", "--", relative)
    if ignored is None or tracked is None or ignored.returncode not in (0, 1) or tracked.returncode != 0:
        raise _unverifiable(target)
    if ignored.returncode == 1 or tracked.stdout:
        where = f"Folder pribadi {shown_path(target)} ada di dalam repositori Git {shown_path(root)} dan "
        where_en = (
            f"The private folder {shown_path(target)} is inside the Git repository {shown_path(root)} and "
        )
        if ignored.returncode == 0:
            # Ignored already: what puts it in reach of a commit is the files Git still tracks there.
            raise PrivateRefused(
                Message(
                    f"{where}memuat berkas yang dilacak Git, meski folder itu diabaikan; commit berikutnya dapat "
                    f"memuat data pribadi. Keluarkan berkas itu dari Git (git rm -r --cached -- {relative}) atau "
                    "pilih folder di luar repositori.",
                    f"{where_en}holds files Git tracks, although the folder is ignored; the next commit could "
                    f"hold personal data. Take those files out of Git (git rm -r --cached -- {relative}) or "
                    "choose a folder outside the repository.",
                )
            )
        raise PrivateRefused(
            Message(
                f"{where}tidak diabaikan Git (.gitignore); commit berikutnya dapat memuat data pribadi. "
                "Tambahkan folder itu ke .gitignore (kompiler init mengabaikan asesmen/) atau pilih folder di "
                "luar repositori.",
                f"{where_en}is not ignored by Git (.gitignore); the next commit could hold personal data. Add "
                "the folder to .gitignore (kompiler init ignores asesmen/) or choose a folder outside the "
                "repository.",
            )
        )


def _inside_git_folder(folder: Path) -> bool:
    """Whether ``folder`` is inside a repository's Git folder, where git knows no working tree."""
    answer = git_asked(folder, "rev-parse", "--is-inside-git-dir")
    return answer is not None and answer.returncode == 0 and answer.stdout.strip() == b"true"


def _unanswered(target: Path, error: bytes) -> PrivateRefused:
    """``target`` lies below a ``.git`` that git refuses to read (another account owns the repository, or
    the ``.git`` leads nowhere): git cannot say whether the folder is ignored, so it is refused, saying
    what git said and, for ownership, what to do."""
    detail = " ".join(error.decode(errors="replace").split())
    because = ownership_refusal(detail) or Message(f"git gagal: {detail}", f"git failed: {detail}")
    return PrivateRefused(
        Message(
            f"Folder pribadi {shown_path(target)} ada di dalam repositori Git, tetapi git tidak dapat "
            f"memastikan folder itu diabaikan (.gitignore); data pribadi tidak ditulis. {because.id}",
            f"The private folder {shown_path(target)} is inside a Git repository, but git cannot make "
            f"sure the folder is ignored (.gitignore); no personal data is written. {because.en}",
        )
    )


def _unverifiable(target: Path) -> PrivateRefused:
    return PrivateRefused(
        Message(
            f"Folder pribadi {shown_path(target)} ada di dalam repositori Git, tetapi git tidak dapat "
            "dijalankan untuk memastikan folder itu diabaikan (.gitignore); data pribadi tidak ditulis. "
            "Pasang git atau pilih folder di luar repositori.",
            f"The private folder {shown_path(target)} is inside a Git repository, but git cannot be run to "
            "make sure the folder is ignored (.gitignore); no personal data is written. Install git or "
            "choose a folder outside the repository.",
        )
    )


@contextmanager
def _private_umask() -> Iterator[None]:
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


class PrivateWriter(OutputWriter):
    """An :class:`OutputWriter` for personal data (see the module). Raises what it raises, and
    :class:`PrivateRefused`.

    ``sources`` are the standards project's folders (never written into, as for a build).
    """

    def __init__(self, target: Path, *, sources: Sequence[Path] = ()) -> None:
        self._removed: set[str] = set()
        with _private_umask():
            super().__init__(target, sources=sources)
            try:
                os.chmod(self.target, FOLDER_MODE)
                for folder in (self.target, self.staging):
                    os.chmod(folder, FOLDER_MODE)
            except OSError as error:
                self.abort()
                raise self._unwritable(error) from None
        self.write_text(PRIVATE_NOTE, NOTE_TEXT)
        self.write_text(SELF_IGNORE, SELF_IGNORE_TEXT)

    def _refuse_place(self) -> None:
        """Refuse the folder where personal data may not go (:func:`check_private`), instead of what a
        public output may not go into: a private folder is just what this writer writes."""
        check_private(self.target)

    @contextmanager
    def _file(self, relative: str) -> Iterator[BinaryIO]:
        """Every file and folder this writer creates, under the umask 077 (see the module)."""
        with _private_umask(), super()._file(relative) as stream:
            yield stream

    @contextmanager
    def text(self, relative: str) -> Iterator[TextIO]:
        """A UTF-8 text file to write ``relative`` into as it is produced (a CSV of any number of rows)."""
        with self._file(relative) as binary, io.TextIOWrapper(binary, encoding="utf-8", newline="") as stream:
            yield stream

    def previous_names(self) -> set[str]:
        """The top-level names of what the folder held before this command: only files kompiler wrote
        and that are unchanged since (the folder is refused otherwise, :func:`check_target`)."""
        return {relative.split("/", 1)[0] for relative in self._previous}

    def previous_bytes(self, relative: str) -> bytes | None:
        """The bytes of the previous file ``relative`` when kompiler wrote it and it is unchanged, else
        ``None`` (also when it cannot be read)."""
        if relative not in self._previous:
            return None
        try:
            return self.target.joinpath(*PurePosixPath(relative).parts).read_bytes()
        except OSError:
            return None

    def previous_text(self, relative: str) -> str | None:
        """:meth:`previous_bytes` as UTF-8 text; ``None`` also when it is not UTF-8."""
        data = self.previous_bytes(relative)
        try:
            return None if data is None else data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def staged_names(self) -> set[str]:
        """The top-level names this command has written so far."""
        return {relative.split("/", 1)[0] for relative in self.written}

    def remove(self, names: Iterable[str]) -> None:
        """Remove the previous output's top-level ``names`` at :meth:`commit` (all or nothing with the
        rest): only what :meth:`previous_names` lists, kompiler's own unchanged files, is ever removed."""
        self._removed |= set(names) & self.previous_names()

    def commit(self) -> None:
        """Replace the sections this command wrote (the top-level names of the files it staged), remove
        those it was told to (:meth:`remove`), keep the others, and make every file 0600 and every folder
        0700 first, whatever created them."""
        with self._writing():
            _restrict(self.staging)
        staged = self._staged()
        incoming = {relative.split("/", 1)[0] for relative in staged}
        gone = incoming | self._removed
        kept = {path: entry for path, entry in self._previous.items() if path.split("/", 1)[0] not in gone}
        with _private_umask():
            self._swap({**kept, **staged}, aside=gone, incoming=incoming)

    def commit_into(self) -> None:
        self.commit()


def _restrict(folder: Path) -> None:
    """Mode 0700 on ``folder`` and every folder below it, 0600 on every file; links are not followed."""
    os.chmod(folder, FOLDER_MODE)
    for root, folders, files in os.walk(folder):
        for name in (*folders, *files):
            path = os.path.join(root, name)
            kind = os.lstat(path).st_mode
            if stat.S_ISDIR(kind) or stat.S_ISREG(kind):  # never a link: its mode is its target's
                os.chmod(path, FOLDER_MODE if stat.S_ISDIR(kind) else FILE_MODE)
