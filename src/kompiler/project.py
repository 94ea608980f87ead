"""Find a standards project on disk, list its files by kind, and read its configuration.

A project is the folder holding ``kompiler.yaml``; what a file is follows from where it stands
(``kamus/`` holds dictionaries, ``jabatan/`` positions, …), so a misplaced file is reported instead of
being guessed at from its content.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any

from kompiler.diagnostics import Diagnostic, Location, Message, Severity

PROJECT_FILE = "kompiler.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
IGNORED_DIRS = frozenset({"output", "templates", "node_modules", "schemas", "__pycache__"})

CODE_OUTSIDE_ROOT = "KMP009"
CODE_UNKNOWN_FILE = "KMP010"


class FileKind(StrEnum):
    """The kinds of standards file; each has a JSON Schema of the same name in ``schemas/``."""

    PROJECT = "proyek"
    SOURCES = "sumber"
    GRADES = "jenjang"
    DICTIONARY = "kamus"
    FAMILIES = "rumpun"
    POSITION = "jabatan"
    DECISIONS = "keputusan-gabung"


_TOP_LEVEL_FILES = {
    PROJECT_FILE: FileKind.PROJECT,
    "sumber.yaml": FileKind.SOURCES,
    "jenjang.yaml": FileKind.GRADES,
    "keputusan-gabung.yaml": FileKind.DECISIONS,
}
_FOLDERS = {"kamus": FileKind.DICTIONARY, "rumpun": FileKind.FAMILIES, "jabatan": FileKind.POSITION}


@dataclass(frozen=True)
class SourceFile:
    """One standards file: the name shown to users, its kind, and how to read its bytes.

    ``relative`` is the path inside the project (with ``/``), which is what kinds, suppressions and
    diffs key on; ``display`` is what diagnostics print; ``path`` is the file on disk, when there is one
    (the cache checks its stat signature to skip reading unchanged files).
    """

    relative: str
    display: str
    kind: FileKind
    reader: Callable[[], bytes] = field(compare=False, repr=False)
    path: str | Path | None = field(default=None, compare=False, repr=False)

    def read(self) -> bytes:
        return self.reader()


def kind_of(relative: str) -> FileKind | None:
    """The kind of the file at ``relative`` (a ``/``-separated path inside the project), if it has one."""
    parts = relative.split("/")
    if len(parts) == 1:
        return _TOP_LEVEL_FILES.get(parts[0])
    if parts[0] in _FOLDERS and parts[-1].endswith(YAML_SUFFIXES):
        return _FOLDERS[parts[0]]
    return None


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``kompiler.yaml``; ``start`` itself if none does."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / PROJECT_FILE).is_file():
            return candidate
    return folder


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as users see it: relative to the working folder when inside it, absolute otherwise.

    ``cwd``, when given, must already be resolved (discovery passes it once for thousands of files).
    """
    cwd = cwd or Path.cwd().resolve()
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def discover(root: Path) -> tuple[list[SourceFile], list[Diagnostic]]:
    """List every standards file under ``root`` in a stable order, with diagnostics for stray files.

    Only symbolic links are resolved (a national corpus has tens of thousands of files, and resolving
    each costs more than reading it); a link that leads outside the project is reported, never read.
    The walk uses ``os.scandir`` and plain strings: building a ``Path`` and resolving display names
    for each of 50,000 files cost more than half a second on every check.
    """
    root = root.resolve()
    cwd = Path.cwd().resolve()
    base = str(root)
    shown = display_path(root, cwd)
    shown_prefix = "" if shown == "." else shown.rstrip("/") + "/"
    files: list[SourceFile] = []
    diagnostics: list[Diagnostic] = []
    visited: set[str] = set()

    def inside(real: str) -> bool:
        return real == base or real.startswith(base.rstrip(os.sep) + os.sep)

    def walk(folder: str, real_folder: str, prefix: str) -> None:
        if real_folder in visited:
            return
        visited.add(real_folder)
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            return
        subfolders: list[tuple[os.DirEntry[str], str]] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            link = entry.is_symlink()
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                if name in IGNORED_DIRS:
                    continue
                real = os.path.realpath(entry.path) if link else os.path.join(real_folder, name)
                if not inside(real):
                    diagnostics.append(_outside_root(Path(entry.path), cwd))
                    continue
                subfolders.append((entry, real))
                continue
            if not name.endswith(YAML_SUFFIXES):
                continue
            relative = prefix + name
            if link and not inside(os.path.realpath(entry.path)):
                diagnostics.append(_outside_root(Path(entry.path), cwd))
                continue
            kind = kind_of(relative)
            if kind is None:
                diagnostics.append(_unknown_file(Path(entry.path), relative, cwd))
                continue
            files.append(
                SourceFile(
                    relative, shown_prefix + relative, kind, partial(_read_bytes, entry.path), entry.path
                )
            )
        for entry, real in subfolders:
            walk(entry.path, real, prefix + entry.name + "/")

    walk(base, base, "")
    files.sort(key=lambda f: f.relative)
    return files, diagnostics


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _outside_root(path: Path, cwd: Path) -> Diagnostic:
    return Diagnostic(
        Severity.ERROR,
        CODE_OUTSIDE_ROOT,
        Message(
            "Tautan ini menunjuk ke luar folder standar; berkas di luar folder proyek tidak dibaca.",
            "This link points outside the standards folder; files outside the project are not read.",
        ),
        Location(display_path(path, cwd)),
    )


def _unknown_file(path: Path, relative: str, cwd: Path) -> Diagnostic:
    return Diagnostic(
        Severity.WARNING,
        CODE_UNKNOWN_FILE,
        Message(
            f"Berkas YAML {relative!r} tidak berada di tempat yang dikenal, sehingga tidak diperiksa. "
            "Letakkan kamus di kamus/, rumpun di rumpun/, dan jabatan di jabatan/.",
            f"The YAML file {relative!r} is not in a known place, so it is not checked. "
            "Put dictionaries in kamus/, families in rumpun/ and positions in jabatan/.",
        ),
        Location(display_path(path, cwd)),
    )


@dataclass(frozen=True)
class RuleSettings:
    """The ``aturan`` section of ``kompiler.yaml``: which rules run, at which severity, with which options."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> RuleSettings:
        data = data or {}
        return cls(
            select=tuple(data.get("pilih", ())),
            ignore=tuple(data.get("abaikan", ())),
            severity=dict(data.get("tingkat", {})),
            options={code: dict(values) for code, values in data.get("opsi", {}).items()},
        )

    def enabled(self, code: str) -> bool:
        if self.severity.get(code) == "off":
            return False
        if self.select and not any(code.startswith(prefix) for prefix in self.select):
            return False
        return not any(code.startswith(prefix) for prefix in self.ignore)
