"""KMP101, all managerial and socio-cultural competencies, each exactly once: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from kompiler.diagnostics import Severity
from tests.rules.conftest import POSITION, Project, administrator, executor, where


def test_kmp101_missing_and_duplicate_managerial(project: Project) -> None:
    project.edit(POSITION, "    - kode: M.08\n      level: 2\n", "    - kode: M.01\n      level: 2\n")
    found = project.diagnostics("KMP101")
    assert [where(d) for d in found] == [
        (POSITION, *project.locate(POSITION, "manajerial")),
        (POSITION, *project.locate(POSITION, "M.01", nth=2)),
    ]
    missing, duplicate = found
    assert "belum mempersyaratkan kompetensi manajerial: M.08 (Pengambilan Keputusan)" in missing.message.id
    assert "does not require the managerial competencies: M.08" in missing.message.en
    first_line, _ = project.locate(POSITION, "M.01")
    assert f"M.01 dipersyaratkan lebih dari sekali (pertama di baris {first_line})" in duplicate.message.id
    assert duplicate.severity is Severity.ERROR


def test_kmp101_missing_sociocultural(project: Project) -> None:
    project.edit(
        POSITION, "  sosial_kultural:\n    - kode: SK.01\n      level: 2\n", "  sosial_kultural: []\n"
    )
    (found,) = project.diagnostics("KMP101")
    assert where(found) == (POSITION, *project.locate(POSITION, "sosial_kultural"))
    assert "kompetensi sosial kultural: SK.01 (Perekat Bangsa)" in found.message.id


def test_kmp101_passes_for_every_kind_of_position(project: Project) -> None:
    administrator(project)
    executor(project)
    assert project.diagnostics("KMP101") == []
