"""Read a revision's standards straight from git objects, so a diff never touches the work tree or index.

One ``git ls-tree`` lists the files of the revision and one ``git cat-file --batch`` process returns every
blob: a corpus of thousands of files costs two processes, not thousands. The blobs become ordinary
:class:`~kompiler.project.SourceFile` objects, so the revision is compiled by the same pipeline as a folder.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kompiler.diagnostics import Message
from kompiler.project import IGNORED_DIRS, FileKind, SourceFile, find_root, kind_of

_SYMLINK_MODE = "120000"


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
            raise GitError(
                Message(
                    f"{folder} bukan bagian dari repositori git; perbandingan membutuhkan riwayat git.",
                    f"{folder} is not inside a git repository; a diff needs git history.",
                )
            ) from error
        return cls(Path(out.decode().strip()).resolve())

    def is_revision(self, revision: str) -> bool:
        try:
            self.commit(revision)
        except GitError:
            return False
        return True

    def commit(self, revision: str) -> str:
        """The full commit id of ``revision``, or :class:`GitError` when it names no commit."""
        if revision.startswith("-"):
            raise _unknown_revision(revision)
        try:
            out = _git(
                self.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
            )
        except GitError as error:
            raise _unknown_revision(revision) from error
        return out.decode().strip()

    def relative(self, path: Path) -> str:
        """``path`` as a ``/``-separated path inside the repository ('' for the top folder)."""
        resolved = path.resolve() if path.exists() else Path(os.path.abspath(path))
        try:
            inside = resolved.relative_to(self.top)
        except ValueError as error:
            raise GitError(
                Message(
                    f"{path} berada di luar repositori git {self.top}.",
                    f"{path} is outside the git repository {self.top}.",
                )
            ) from error
        return "" if inside == Path(".") else inside.as_posix()

    def project_folder(self, path: Path) -> str:
        """The project folder for ``path`` inside the repository: the folder holding ``kompiler.yaml``
        when the work tree has one at or above ``path``, otherwise ``path`` itself."""
        if path.exists():
            root = find_root(path)
            if (root / "kompiler.yaml").is_file() and root.resolve().is_relative_to(self.top):
                return self.relative(root)
        return self.relative(path)

    def read_standards(self, revision: str, folder: str) -> list[SourceFile]:
        """Every standards file under ``folder`` at ``revision``, read from git objects."""
        commit = self.commit(revision)
        listing = _git(self.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", folder or ".")
        entries: list[tuple[str, FileKind, str]] = []
        for record in listing.split(b"\0"):
            if not record:
                continue
            meta, _, name = record.partition(b"\t")
            mode, object_type, sha = meta.decode().split()
            path = name.decode("utf-8", errors="surrogateescape")
            relative = path[len(folder) + 1 :] if folder else path
            kind = _standards_kind(relative) if object_type == "blob" and mode != _SYMLINK_MODE else None
            if kind is not None:
                entries.append((relative, kind, sha))
        if not entries:
            raise GitError(
                Message(
                    f"Revisi {revision} tidak memuat berkas standar di {folder or '.'}.",
                    f"Revision {revision} has no standards files in {folder or '.'}.",
                )
            )
        blobs = self._blobs([sha for _, _, sha in entries])
        files = []
        for relative, kind, sha in entries:
            display = f"{revision}:{folder}/{relative}" if folder else f"{revision}:{relative}"
            files.append(SourceFile(relative, display, kind, _Blob(blobs[sha])))
        files.sort(key=lambda f: f.relative)
        return files

    def _blobs(self, shas: list[str]) -> dict[str, bytes]:
        """The contents of many blobs from one ``git cat-file --batch`` process."""
        unique = list(dict.fromkeys(shas))
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
class _Blob:
    """A ``SourceFile`` reader that returns bytes already read from git."""

    data: bytes

    def __call__(self) -> bytes:
        return self.data


def _standards_kind(relative: str) -> FileKind | None:
    """The kind of a file :func:`kompiler.project.discover` would read from a folder; None for any other."""
    parts = PurePosixPath(relative).parts
    if any(part.startswith(".") for part in parts) or any(part in IGNORED_DIRS for part in parts[:-1]):
        return None
    return kind_of(relative)


def _unknown_revision(revision: str) -> GitError:
    return GitError(
        Message(
            f"Revisi git {revision!r} tidak dikenal.",
            f"Unknown git revision {revision!r}.",
        )
    )


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git without a pager, prompts or locale surprises; :class:`GitError` on failure."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_PAGER": "cat"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    try:
        completed = subprocess.run(
            ["git", "--no-pager", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=env,
            check=False,
        )
    except (FileNotFoundError, NotADirectoryError) as error:
        raise GitError(
            Message(f"git tidak dapat dijalankan: {error}.", f"git cannot be run: {error}.")
        ) from error
    if completed.returncode != 0:
        detail = completed.stderr.decode(errors="replace").strip()
        raise GitError(Message(f"git gagal: {detail}", f"git failed: {detail}"))
    return completed.stdout
