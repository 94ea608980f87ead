"""Read a revision's standards straight from git objects, so a diff never touches the work tree or index.

One ``git ls-tree`` lists the files of the revision with their sizes and one ``git cat-file --batch`` process
returns every blob: a corpus of thousands of files costs two processes, not thousands. The blobs become
ordinary :class:`~kompiler.project.SourceFile` objects, so the revision is compiled by the same pipeline as a
folder, with the same limits: a blob over 8 MiB is refused from its listed size without being read (KMP001),
a file named as a standards folder or a folder named as a standards file is unreadable (KMP013), a name that
is not UTF-8 goes unchecked (KMP014), and a symbolic link or a submodule where standards belong is reported
(KMP024), never followed.

A repository may come from a stranger (a downloaded archive with its ``.git``): only plumbing commands run,
no pager, no fetch of missing objects (which would run the transport, the SSH command or the credential
helper the repository configures), pathspecs are literal, and revisions that look like options are refused
before git sees them.
"""

from __future__ import annotations

import os
import re
import selectors
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from kompiler.diagnostics import Message
from kompiler.project import (
    CODE_FILE_NAME,
    IGNORED_DIRS,
    PROJECT_FILE,
    UNDECODABLE_NAME,
    FileKind,
    ProjectSize,
    SourceFile,
    find_root,
    is_utf8,
    kind_of,
)
from kompiler.reading import CODE_TOO_LARGE, CODE_UNREADABLE, MAX_FILE_BYTES, Refused, too_large

CODE_NOT_A_FILE = "KMP024"
# Seconds git may go without a byte of output before it is taken as stuck: every command here streams its
# answer, and a quiet git is one waiting for something that never comes.
QUIET_LIMIT = 10

_SYMLINK_MODE = "120000"
# What git is told on every run: ask nothing on a terminal, read the repository in the C locale, fetch no
# missing object (lazy fetching of a partial clone runs the transport the repository configures), allow no
# transport at all (the same guard for git versions without GIT_NO_LAZY_FETCH), take pathspecs literally,
# and take no optional lock (kompiler only reads).
_GIT_ENVIRONMENT = {
    "GIT_TERMINAL_PROMPT": "0",
    "LC_ALL": "C",
    "GIT_PAGER": "cat",
    "GIT_NO_LAZY_FETCH": "1",
    "GIT_ALLOW_PROTOCOL": "none",
    "GIT_LITERAL_PATHSPECS": "1",
    "GIT_OPTIONAL_LOCKS": "0",
}


# Where git finds a repository's parts, from the environment: what ``git rev-parse --local-env-vars``
# lists (git clears them itself when it enters another repository) and GIT_NAMESPACE. A hook, a script or
# a git alias running kompiler leaves them set for its own repository, and with them git reads another
# object store, index or history (GIT_OBJECT_DIRECTORY=/tmp: every revision unknown). The configuration
# passed on the command line (GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT with its GIT_CONFIG_KEY_n and
# GIT_CONFIG_VALUE_n), which git keeps too, stays: CI passes safe.directory that way.
_REPOSITORY_VARIABLES = (
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_CONFIG",
    "GIT_DIR",
    "GIT_GRAFT_FILE",
    "GIT_IMPLICIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_INTERNAL_SUPER_PREFIX",
    "GIT_NAMESPACE",
    "GIT_NO_REPLACE_OBJECTS",
    "GIT_OBJECT_DIRECTORY",
    "GIT_PREFIX",
    "GIT_REPLACE_REF_BASE",
    "GIT_SHALLOW_FILE",
    "GIT_WORK_TREE",
)


def git_environment() -> dict[str, str]:
    """The environment every git kompiler runs gets: :data:`_GIT_ENVIRONMENT` over the user's, without
    :data:`_REPOSITORY_VARIABLES`, so git finds the repository of the folder it is run in, whole, not
    parts of one a variable left over from a hook or a script points at."""
    env = {**os.environ, **_GIT_ENVIRONMENT}
    for name in _REPOSITORY_VARIABLES:
        env.pop(name, None)
    return env


# Seconds a yes-or-no question to git (is this file tracked, is this folder ignored) may take; git answers
# in milliseconds, and a stuck one must not hang the people stage.
_ASK_TIMEOUT = 30


def git_asked(
    folder: Path, *arguments: str, literal: bool = True
) -> subprocess.CompletedProcess[bytes] | None:
    """``git -C folder arguments`` with kompiler's environment (pathspecs literal unless not ``literal``:
    ``git check-ignore`` refuses them), or ``None`` when git cannot be run or does not answer within
    :data:`_ASK_TIMEOUT` seconds: the questions the people stage asks about the files it reads and writes,
    whose callers decide what an unanswered question means."""
    program = shutil.which("git")
    if program is None:
        return None
    env = git_environment()
    if not literal:
        env.pop("GIT_LITERAL_PATHSPECS")
    try:
        return subprocess.run(
            [program, "-C", str(folder), *arguments],
            capture_output=True,
            timeout=_ASK_TIMEOUT,
            check=False,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None


_DUBIOUS_OWNERSHIP = re.compile(r"detected dubious ownership in repository at '([^']*)'")


def ownership_refusal(detail: str) -> Message | None:
    """git's refusal of a repository another account owns (its ``safe.directory`` guard), from git's
    error ``detail``, said in both languages with what to do; ``None`` for any other error. kompiler never
    marks a repository safe itself: that guard keeps another account's hooks and filters from running as
    this one, and in a CI container running as root over the runner's checkout it is the usual refusal."""
    found = _DUBIOUS_OWNERSHIP.search(detail)
    if found is None:
        return None
    where = found.group(1)
    command = f"git config --global --add safe.directory {shlex.quote(where)}"
    return Message(
        f"git menolak repositori {where} karena pemiliknya pengguna lain (pengaman safe.directory git). "
        f"Bila repositori itu tepercaya, tandai dengan {command}, lalu jalankan kompiler lagi; kompiler "
        "tidak pernah melewati pengaman ini sendiri.",
        f"git refuses the repository {where} because another user owns it (git's safe.directory guard). "
        f"If you trust it, mark it with {command} and run kompiler again; kompiler never bypasses this "
        "guard itself.",
    )


class GitError(Exception):
    """A git problem the user can fix (no repository, unknown revision, path absent); carries a message."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


@dataclass(frozen=True)
class Repository:
    """A git work tree: its top folder, where every ``git`` command of a diff runs."""

    top: Path

    @classmethod
    def containing(cls, folder: Path) -> Repository:
        """The repository that holds ``folder``; :class:`GitError` when there is none (or no git)."""
        try:
            out = _git(folder, "rev-parse", "--show-toplevel")
        except GitError as error:
            if "must be run in a work tree" in error.message.en:
                raise _no_work_tree(folder) from error
            if "not a git repository" not in error.message.en:
                raise
            raise GitError(
                Message(
                    f"{folder} bukan bagian dari repositori git; perbandingan membutuhkan riwayat git.",
                    f"{folder} is not inside a git repository; a diff needs git history.",
                )
            ) from error
        return cls(Path(out.decode("utf-8", errors="surrogateescape").strip()).resolve())

    def is_revision(self, revision: str) -> bool:
        """Whether ``revision`` names a commit: one git process, since the question is asked of every
        argument that may be a path (``kompiler diff standards``) and the answer needs no explanation."""
        return self._resolve(revision) is not None

    def commit(self, revision: str) -> str:
        """The full commit id of ``revision``, or :class:`GitError` when it names no commit, saying why
        (an empty repository, a shallow clone) at the cost of more git processes, only on failure."""
        found = self._resolve(revision)
        if found is not None:
            return found
        if revision.startswith("-"):
            raise _unknown_revision(revision)
        if not self._has_commits():
            raise _no_commits(revision)
        raise _unknown_revision(revision, shallow=self._shallow())

    def merge_base(self, left: str, right: str) -> MergeBase:
        """Where ``left...right`` compares from, as ``git diff`` takes it: the best common ancestor of the
        two commits; :class:`GitError` when they have none (unrelated histories, or a shallow clone that
        stops before it), since comparing from nothing would show every standard as added."""
        first, second = self.commit(left), self.commit(right)
        out = _git(self.top, "rev-parse", f"{first}...{second}").decode().split()
        bases = [line[1:] for line in out if line.startswith("^")]
        if not bases:
            raise _no_merge_base(left, right, shallow=self._shallow())
        short = _git(self.top, "rev-parse", "--short", bases[0]).decode().strip()
        return MergeBase(short, len(bases))

    def _resolve(self, revision: str) -> str | None:
        """The full commit id of ``revision`` from one ``git rev-parse``; ``None`` when it names no commit
        (or looks like an option, which git is never shown)."""
        if revision.startswith("-"):
            return None
        try:
            out = _git(
                self.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
            )
        except GitError:
            return None
        return out.decode().strip()

    def _has_commits(self) -> bool:
        """Whether the repository holds any commit: right after ``git init`` every revision, HEAD too, is
        unknown for that reason alone, and the drafter needs to hear that, not that HEAD is unknown."""
        try:
            return bool(_git(self.top, "rev-list", "-n", "1", "--all").strip())
        except GitError:
            return True

    def _shallow(self) -> bool:
        """Whether this is a shallow clone (CI's usual ``fetch-depth: 1``), where older commits are absent."""
        try:
            return _git(self.top, "rev-parse", "--is-shallow-repository").strip() == b"true"
        except GitError:
            return False

    def relative(self, path: Path) -> str:
        """``path`` as a ``/``-separated path inside the repository ('' for the top folder), as written:
        a revision is read at the path the user named, never where a link of the work tree leads
        (``standards`` linked to ``real/`` here may be a folder, or a link itself, in the revision). Only
        the folders down to the repository's top are resolved (a work tree reached through a linked
        folder); a path that reaches the repository only through a link is taken where it leads."""
        absolute = Path(os.path.abspath(path))
        inside = next(
            (
                absolute.parts[len(folder.parts) :]
                for folder in (*reversed(absolute.parents), absolute)
                if Path(os.path.realpath(folder)) == self.top
            ),
            None,
        )
        if inside is None:
            try:
                inside = Path(os.path.realpath(absolute)).relative_to(self.top).parts
            except ValueError as error:
                raise GitError(
                    Message(
                        f"{path} berada di luar repositori git {self.top}.",
                        f"{path} is outside the git repository {self.top}.",
                    )
                ) from error
        return PurePosixPath(*inside).as_posix() if inside else ""

    def project_folder(self, path: Path) -> str:
        """The project folder for ``path`` inside the repository: the folder holding ``kompiler.yaml``
        when the work tree has one at or above ``path`` (found without resolving links, as
        :meth:`relative` takes the path), otherwise ``path`` itself."""
        inside = self.relative(path)
        written = self.top.joinpath(*PurePosixPath(inside).parts)
        if written.exists():
            root = find_root(written, resolve=False)
            if (root / PROJECT_FILE).is_file() and root.is_relative_to(self.top):
                return "" if root == self.top else root.relative_to(self.top).as_posix()
        return inside

    def read_standards(self, revision: str, folder: str) -> list[SourceFile]:
        """Every standards file under ``folder`` at ``revision``, read from git objects; raises
        :class:`~kompiler.project.ProjectTooLarge` from the listed sizes, before a blob is read, when
        they pass the project's bounds as they would on disk."""
        commit = self.commit(revision)
        listing = _git(self.top, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", folder or ".")
        entries = [entry for entry in _entries(listing, folder) if entry.kind is not None]
        if not entries:
            return [self._stand_in(revision, commit, folder)]
        size = ProjectSize()
        for entry in entries:
            size.add(_shown(revision, folder, entry.relative), entry.size if entry.refusal is None else 0)
        size.check(f"{revision}:{folder}")
        blobs = self._blobs([entry.sha for entry in entries if entry.refusal is None])
        files = []
        for entry in entries:
            assert entry.kind is not None
            display = _shown(revision, folder, entry.relative)
            reader = _Refusal(entry.refusal) if entry.refusal is not None else _Blob(blobs[entry.sha])
            files.append(SourceFile(entry.relative, display, entry.kind, reader))
        files.sort(key=lambda f: f.relative)
        return files

    def _stand_in(self, revision: str, commit: str, folder: str) -> SourceFile:
        """What stands at ``folder`` in a revision without standards files there: a symbolic link or a
        submodule at it or at a folder above it (a pull request that turns ``standards`` into a link),
        reported as one (KMP024) at its path, never followed; :class:`GitError` when there is none."""
        parts = PurePosixPath(folder).parts
        places = ["/".join(parts[: index + 1]) for index in range(len(parts))]
        listing = _git(self.top, "ls-tree", "-z", "--full-tree", commit, "--", *places) if places else b""
        for record in listing.split(b"\0"):
            meta, _, name = record.partition(b"\t")
            if not meta:
                continue
            mode, object_type, _ = meta.decode("ascii").split()
            if object_type == "commit" or mode == _SYMLINK_MODE:
                shown = f"{revision}:{name.decode('utf-8', errors='surrogateescape')}"
                refusal = _not_a_file(object_type, _A_FOLDER)
                return SourceFile(PROJECT_FILE, shown, FileKind.PROJECT, _Refusal(refusal))
        raise _no_standards(revision, folder or ".")

    def _blobs(self, shas: list[str]) -> dict[str, bytes]:
        """The contents of many blobs from one ``git cat-file --batch`` process."""
        unique = list(dict.fromkeys(shas))
        if not unique:
            return {}
        out = _git(self.top, "cat-file", "--batch", stdin=("\n".join(unique) + "\n").encode())
        blobs: dict[str, bytes] = {}
        position = 0
        for sha in unique:
            header_end = out.index(b"\n", position)
            header = out[position:header_end].decode().split()
            if len(header) != 3:
                raise GitError(Message(f"Objek git {sha} hilang.", f"The git object {sha} is missing."))
            size = int(header[2])
            start = header_end + 1
            blobs[header[0]] = out[start : start + size]
            position = start + size + 1
        return blobs


@dataclass(frozen=True)
class MergeBase:
    """The commit ``A...B`` compares from, abbreviated as git prints it, and how many common ancestors A
    and B have: after criss-cross merges there are several, and like ``git diff`` the first is taken."""

    commit: str
    count: int


@dataclass(frozen=True)
class _Entry:
    """One file of a revision's listing: where it is, its kind (``None``: not a standards file), its
    object, and why it is not read (``None``: it is)."""

    relative: str
    kind: FileKind | None
    sha: str
    refusal: Refused | None
    size: int = 0


def _entries(listing: bytes, folder: str) -> list[_Entry]:
    """The records of ``git ls-tree -r -l -z`` under ``folder``, each with the kind it has in the project.

    A blob is read only when it is a file (not a symbolic link) no larger than files on disk may be; a
    link or a submodule in a place of the project (``jabatan/``, ``kamus/``, ``rumpun/``, a top-level
    standards file), a file named as a standards folder, and a folder named as a top-level standards file
    are kept as refusals, so their standards are reported unread instead of looking removed.
    """
    prefix = f"{folder}/" if folder else ""
    entries: dict[str, _Entry] = {}
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, object_type, sha, size = meta.decode("ascii").split()
        path = name.decode("utf-8", errors="surrogateescape")
        if path.startswith(prefix):
            entry = _entry(path[len(prefix) :], mode, object_type, sha, size)
            entries.setdefault(entry.relative, entry)
    return list(entries.values())


def _entry(relative: str, mode: str, object_type: str, sha: str, size: str) -> _Entry:
    """What one record of the listing is to the project, and why it is not read (if it is not)."""
    top, _, rest = relative.partition("/")
    if rest and kind_of(top) is not None:
        return _Entry(top, kind_of(top), sha, _misshapen(top, folder_expected=False))
    if object_type != "blob" or mode == _SYMLINK_MODE:
        return _Entry(relative, _place_kind(relative), sha, _not_a_file(object_type))
    folder_kind = kind_of(f"{top}/x.yaml")
    if not rest and folder_kind is not None:
        return _Entry(relative, folder_kind, sha, _misshapen(top, folder_expected=True))
    refusal = Refused(CODE_TOO_LARGE, too_large(int(size))) if int(size) > MAX_FILE_BYTES else None
    if not is_utf8(relative):
        # Unchecked on disk (KMP014), so unchecked in a revision: read on one side only, its standards
        # would look added or removed when nothing changed.
        refusal = Refused(CODE_FILE_NAME, UNDECODABLE_NAME)
    return _Entry(relative, _standards_kind(relative), sha, refusal, int(size))


def _shown(revision: str, folder: str, relative: str) -> str:
    """A revision's file as diagnostics name it: ``REVISION:path``, as git names it."""
    return f"{revision}:{folder}/{relative}" if folder else f"{revision}:{relative}"


def _misshapen(name: str, *, folder_expected: bool) -> Refused:
    """A file where the project has a folder (``jabatan``), or a folder where it has a file
    (``kompiler.yaml``): unreadable, as the same on disk is (KMP013)."""
    if folder_expected:
        message = Message(
            f"{name}/ harus berupa folder, tetapi di revisi ini ini sebuah berkas; standar di dalamnya tidak "
            "dapat dibaca.",
            f"{name}/ must be a folder, but in this revision it is a file; no standards can be read from it.",
        )
    else:
        message = Message(
            "Di revisi ini, ini sebuah folder, bukan berkas biasa; hanya berkas biasa yang dibaca.",
            "In this revision this is a folder, not a regular file; only regular files are read.",
        )
    return Refused(CODE_UNREADABLE, message)


_A_FILE = Message("berkas", "a file")
_A_FOLDER = Message("folder", "a folder")


def _not_a_file(object_type: str, expected: Message = _A_FILE) -> Refused:
    """A link or submodule where the project has ``expected`` (a file, or its folder): never followed."""
    what = (
        Message("submodul git", "a git submodule")
        if object_type == "commit"
        else Message("tautan simbolik", "a symbolic link")
    )
    return Refused(
        CODE_NOT_A_FILE,
        Message(
            f"Di revisi ini, ini {what.id}, bukan {expected.id}; perbandingan hanya membaca berkas yang tersimpan "
            "di revisi, tanpa mengikuti tautan atau masuk ke submodul.",
            f"In this revision this is {what.en}, not {expected.en}; a diff reads only files stored in the "
            "revision, never following a link or entering a submodule.",
        ),
    )


def _place_kind(relative: str) -> FileKind | None:
    """The kind of standards a link or submodule at ``relative`` stands in for: a standards file's, or,
    for a name that may be a folder (no suffix) in or as a standards folder (``jabatan``), that folder's."""
    kind = _standards_kind(relative)
    if kind is not None or PurePosixPath(relative).suffix or _hidden(PurePosixPath(relative).parts):
        return kind
    return kind_of(relative.split("/", 1)[0] + "/x.yaml")


def _hidden(parts: tuple[str, ...]) -> bool:
    return any(part.startswith(".") for part in parts) or any(part in IGNORED_DIRS for part in parts[:-1])


@dataclass(frozen=True)
class _Refusal:
    """A ``SourceFile`` reader for a revision's file that is not read: raises why, as a file on disk would."""

    error: Refused

    def __call__(self) -> bytes:
        raise self.error


@dataclass(frozen=True)
class _Blob:
    """A ``SourceFile`` reader that returns bytes already read from git."""

    data: bytes

    def __call__(self) -> bytes:
        return self.data


def _standards_kind(relative: str) -> FileKind | None:
    """The kind of a file :func:`kompiler.project.discover` would read from a folder; None for any other."""
    return None if _hidden(PurePosixPath(relative).parts) else kind_of(relative)


def _unknown_revision(revision: str, *, shallow: bool = False) -> GitError:
    hint = (
        Message(
            " Klon ini dangkal (shallow): ambil riwayatnya dahulu, misalnya git fetch --unshallow "
            "(di GitHub Actions: fetch-depth: 0).",
            " This clone is shallow: fetch its history first, for example git fetch --unshallow "
            "(in GitHub Actions: fetch-depth: 0).",
        )
        if shallow
        else Message("", "")
    )
    return GitError(
        Message(
            f"Revisi git {revision!r} tidak dikenal.{hint.id}",
            f"Unknown git revision {revision!r}.{hint.en}",
        )
    )


def _no_merge_base(left: str, right: str, *, shallow: bool) -> GitError:
    both = f"{left}...{right}"
    hint = (
        Message(
            " Klon ini dangkal (shallow), jadi leluhurnya mungkin belum diambil: ambil riwayatnya dahulu, "
            "misalnya git fetch --unshallow (di GitHub Actions: fetch-depth: 0).",
            " This clone is shallow, so the ancestor may not be fetched: fetch its history first, for "
            "example git fetch --unshallow (in GitHub Actions: fetch-depth: 0).",
        )
        if shallow
        else Message(
            f" Untuk membandingkan keduanya langsung, pakai {left}..{right}.",
            f" To compare the two directly, use {left}..{right}.",
        )
    )
    return GitError(
        Message(
            f"{both!r}: revisi {left!r} dan {right!r} tidak memiliki leluhur bersama (merge base), jadi "
            f"tidak ada titik percabangan untuk dibandingkan.{hint.id}",
            f"{both!r}: the revisions {left!r} and {right!r} have no common ancestor (merge base), so there "
            f"is no branching point to compare from.{hint.en}",
        )
    )


def _no_standards(revision: str, folder: str) -> GitError:
    """``revision`` holds no standards at ``folder``: a mistyped path, or a branch that adds the standards
    (its base has none, and comparing from nothing would show a whole corpus as added), which the reader
    tells apart with the listing command named."""
    listing = f"git ls-tree --name-only {shlex.quote(revision)} -- {shlex.quote(folder)}"
    return GitError(
        Message(
            f"Revisi {revision} tidak memuat berkas standar di {folder}. Periksa PATH dan revisinya ({listing} "
            "menampilkan isinya); bila standar itu baru ditambahkan sesudah revisi ini, tidak ada yang dapat "
            "dibandingkan: bandingkan dari revisi yang sudah memuatnya.",
            f"Revision {revision} has no standards files in {folder}. Check PATH and the revision ({listing} "
            "shows what it holds); if the standards were added after this revision, there is nothing to "
            "compare: compare from a revision that holds them.",
        )
    )


def _no_work_tree(folder: Path) -> GitError:
    """``folder`` is a bare repository or inside a ``.git`` folder: git knows no work tree there, and the
    project (its ``kompiler.yaml``, the path to compare) is found in one."""
    return GitError(
        Message(
            f"{folder} adalah repositori git tanpa pohon kerja (repositori bare, atau folder .git); "
            "kompiler diff mencari proyek di pohon kerja. Jalankan dari folder hasil git clone repositori "
            "ini (atau dari folder teratas repositorinya, di luar .git).",
            f"{folder} is a git repository without a work tree (a bare repository, or a .git folder); "
            "kompiler diff finds the project in a work tree. Run it in a folder made with git clone of "
            "this repository (or in its top folder, outside .git).",
        )
    )


def _no_commits(revision: str) -> GitError:
    return GitError(
        Message(
            f"Belum ada commit di repositori git ini, sehingga revisi {revision!r} belum ada; buat commit "
            'pertama dahulu (misalnya git add -A && git commit -m "Standar awal"), lalu jalankan kompiler '
            "diff lagi.",
            f"There is no commit in this git repository yet, so the revision {revision!r} does not exist; "
            'make the first commit (for example git add -A && git commit -m "Standar awal"), then run '
            "kompiler diff again.",
        )
    )


def _not_fetched(detail: str) -> Message:
    """A revision's blobs a partial clone left on its remote. ``git fetch --refetch`` alone fetches again
    with the clone's own filter (``remote.<name>.partialclonefilter``) and still leaves them out, so the
    advice drops the filter for that one fetch."""
    return Message(
        "Objek revisi ini tidak ada di klon ini (klon parsial, --filter); kompiler diff tidak pernah "
        f"mengambilnya dari remote. Ambil dahulu, misalnya git fetch --refetch --no-filter. ({detail})",
        "The objects of this revision are not in this clone (a partial clone, --filter); kompiler diff "
        f"never fetches them from a remote. Fetch them first, for example git fetch --refetch --no-filter. "
        f"({detail})",
    )


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git without a pager, prompts or locale surprises; :class:`GitError` on failure, and when git
    says nothing for :data:`QUIET_LIMIT` seconds (a named pipe as ``.git/config`` or ``.git/HEAD`` makes
    it wait forever)."""
    env = git_environment()
    command = ["git", "--no-pager", *args]
    try:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
    except FileNotFoundError as error:
        raise GitError(
            Message(
                "git tidak ditemukan: tidak ada program git di folder-folder PATH. Pasang git (misalnya "
                "apt-get install git), atau tambahkan folder git ke PATH, lalu jalankan lagi.",
                "git was not found: no folder on PATH holds a git program. Install git (apt-get install git, "
                "say), or add git's folder to PATH, then run again.",
            )
        ) from error
    except OSError as error:
        cause = error.strerror or str(error)
        raise GitError(
            Message(f"git tidak dapat dijalankan: {cause}.", f"git cannot be run: {cause}.")
        ) from error
    with process:
        try:
            out, err = _exchange(process, stdin or b"", " ".join(command))
        finally:
            if process.poll() is None:
                process.kill()
    if process.returncode != 0:
        detail = " ".join(err.decode(errors="replace").split())
        if "promisor remote" in detail:
            raise GitError(_not_fetched(detail))
        refusal = ownership_refusal(detail)
        if refusal is not None:
            raise GitError(refusal)
        raise GitError(Message(f"git gagal: {detail}", f"git failed: {detail}"))
    return out


def _exchange(process: subprocess.Popen[bytes], data: bytes, command: str) -> tuple[bytes, bytes]:
    """Write ``data`` to the process and read its output and errors to their end, all at once (git
    answers a batch while it is being written), giving up when nothing moves for :data:`QUIET_LIMIT`."""
    assert process.stdout is not None and process.stderr is not None
    received: dict[int, list[bytes]] = {process.stdout.fileno(): [], process.stderr.fileno(): []}
    with selectors.DefaultSelector() as selector:
        for stream in (process.stdout, process.stderr):
            selector.register(stream, selectors.EVENT_READ)
        if process.stdin is not None:
            os.set_blocking(process.stdin.fileno(), False)
            selector.register(process.stdin, selectors.EVENT_WRITE)
        pending = memoryview(data)
        while selector.get_map():
            ready = selector.select(QUIET_LIMIT)
            if not ready:
                raise GitError(_silent(command))
            for key, _ in ready:
                if key.events & selectors.EVENT_WRITE:
                    assert process.stdin is not None
                    pending = _feed(selector, process.stdin, pending)
                    continue
                chunk = os.read(key.fd, 1 << 20)
                if chunk:
                    received[key.fd].append(chunk)
                else:
                    selector.unregister(key.fileobj)
    process.wait()
    return b"".join(received[process.stdout.fileno()]), b"".join(received[process.stderr.fileno()])


def _feed(selector: selectors.BaseSelector, stream: IO[bytes], pending: memoryview) -> memoryview:
    """Write what the pipe takes now; close it once everything is written (or git stopped reading)."""
    try:
        pending = pending[os.write(stream.fileno(), pending[: 1 << 16]) :] if pending else pending
    except BrokenPipeError:
        pending = pending[:0]
    if not pending:
        selector.unregister(stream)
        stream.close()
    return pending


def _silent(command: str) -> Message:
    return Message(
        f"git tidak menjawab selama {QUIET_LIMIT} detik dan dihentikan ({command}); periksa repositorinya "
        "(misalnya berkas di .git yang berupa pipa bernama).",
        f"git said nothing for {QUIET_LIMIT} seconds and was stopped ({command}); check the repository "
        "(a file in .git that is a named pipe, say).",
    )
