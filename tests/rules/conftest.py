"""A small valid project to break on purpose, and helpers to say exactly where a rule must point.

Each rule test copies ``tests/fixtures/minimal`` (clean under every rule), edits a few lines of it as
text, compiles it, and asserts the code, the line and column and the message of what the rule reports.
Positions are computed by searching the edited text, so a fixture edit never silently shifts a line.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from kompiler.check.result import CompileResult
from kompiler.diagnostics import Diagnostic
from kompiler.pipeline import compile_path
from tests.conftest import FIXTURES

POSITION = "jabatan/analis-keuangan.yaml"
TECHNICAL = "kamus/teknis-keuangan.yaml"


@dataclass
class Project:
    """A copy of the minimal project in a temporary folder."""

    root: Path

    def path(self, relative: str) -> Path:
        return self.root / relative

    def text(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        self.path(relative).parent.mkdir(parents=True, exist_ok=True)
        self.path(relative).write_text(text, encoding="utf-8")

    def edit(self, relative: str, old: str, new: str, count: int = 1) -> None:
        """Replace ``old`` by ``new`` (the first ``count`` times); ``old`` must be there."""
        text = self.text(relative)
        assert text.count(old) >= count, f"{old!r} is not in {relative} {count} times"
        self.write(relative, text.replace(old, new, count))

    def copy(self, source: str, target: str, *replacements: tuple[str, str]) -> None:
        """Write ``target`` as a copy of ``source`` with each (old, new) replaced everywhere."""
        text = self.text(source)
        for old, new in replacements:
            assert old in text, f"{old!r} is not in {source}"
            text = text.replace(old, new)
        self.write(target, text)

    def locate(self, relative: str, needle: str, nth: int = 1, after: str = "") -> tuple[int, int]:
        """Line and column (1-based) of the ``nth`` occurrence of ``needle`` (after ``after``) in the file."""
        text = self.text(relative)
        offset = text.index(after) if after else -1
        for _ in range(nth):
            offset = text.index(needle, offset + 1)
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return line, column

    def compile(self) -> CompileResult:
        return compile_path(self.root)

    def diagnostics(self, code: str | None = None) -> list[Diagnostic]:
        found = self.compile().diagnostics
        return [d for d in found if code is None or d.code == code]


def where(diagnostic: Diagnostic) -> tuple[str, int, int]:
    """The file (relative to the project), line and column a diagnostic points at."""
    location = diagnostic.location
    return location.file.split("/standar/", 1)[-1], location.line, location.column


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The minimal project, compiled from its own folder so that diagnostics show project-relative paths."""
    root = tmp_path / "standar"
    shutil.copytree(FIXTURES / "minimal", root)
    monkeypatch.chdir(root)
    return Project(root)


def administrator(project: Project, target: str = "jabatan/kepala-bidang.yaml") -> None:
    """Add a structural position at the verified ADMINISTRATOR grade, clean under every rule."""
    project.copy(
        POSITION,
        target,
        ("NTB.JF.AKPD.MUDA", "NTB.ADM.ANG"),
        ("Analis Keuangan Pusat dan Daerah Ahli Muda", "Kepala Bidang Anggaran"),
        ("jenis: fungsional_keahlian", "jenis: administrator"),
        ("jenjang: AHLI-MUDA", "jenjang: ADMINISTRATOR"),
        ("      level: 2\n    - kode: M", "      level: 3\n    - kode: M"),
        ("    - kode: M.08\n      level: 2", "    - kode: M.08\n      level: 3"),
        ("    - kode: SK.01\n      level: 2", "    - kode: SK.01\n      level: 3"),
        ("golongan: III/c", "golongan: IV/a"),
    )


def executor(project: Project, target: str = "jabatan/pengadministrasi.yaml") -> None:
    """Add an executor (pelaksana) position with its classification, clean under every rule."""
    project.copy(
        POSITION,
        target,
        ("NTB.JF.AKPD.MUDA", "NTB.PL.KEU"),
        ("Analis Keuangan Pusat dan Daerah Ahli Muda", "Pengadministrasi Keuangan"),
        ("jenis: fungsional_keahlian", "jenis: pelaksana\nklasifikasi: klerek"),
        ("jenjang: AHLI-MUDA", "jenjang: PELAKSANA"),
        ("      level: 2\n    - kode: M", "      level: 1\n    - kode: M"),
        ("    - kode: M.08\n      level: 2", "    - kode: M.08\n      level: 1"),
        ("    - kode: SK.01\n      level: 2", "    - kode: SK.01\n      level: 1"),
        ("golongan: III/c", "golongan: II/c"),
        ("jenjang: S1", "jenjang: SMA"),
    )
