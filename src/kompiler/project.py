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
    path: Path | None = field(default=None, compare=False, repr=False)

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
    """
    root = root.resolve()
    cwd = Path.cwd().resolve()
    files: list[SourceFile] = []
    diagnostics: list[Diagnostic] = []
    visited: set[Path] = set()
    for folder, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(folder)
        real_here = here.resolve()
        if real_here in visited or not real_here.is_relative_to(root):
            dirnames[:] = []
            if not real_here.is_relative_to(root):
                diagnostics.append(_outside_root(here, cwd))
            continue
        visited.add(real_here)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in IGNORED_DIRS)
        prefix = here.relative_to(root).as_posix() + "/" if here != root else ""
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(YAML_SUFFIXES):
                continue
            path = here / name
            relative = prefix + name
            if os.path.islink(path) and not path.resolve().is_relative_to(root):
                diagnostics.append(_outside_root(path, cwd))
                continue
            kind = kind_of(relative)
            if kind is None:
                diagnostics.append(_unknown_file(path, relative, cwd))
                continue
            files.append(SourceFile(relative, display_path(path, cwd), kind, path.read_bytes, path))
    files.sort(key=lambda f: f.relative)
    return files, diagnostics


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
