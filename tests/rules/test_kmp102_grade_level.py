"""KMP102, managerial and socio-cultural level match the grade: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from kompiler.diagnostics import Severity
from tests.rules.conftest import POSITION, Project, administrator, executor, where


def test_kmp102_unverified_grade_is_an_error_by_default(project: Project) -> None:
    """Issue 12: a level below an unverified grade row was only a warning, so CI passed it."""
    project.edit(POSITION, "    - kode: M.03\n      level: 2", "    - kode: M.03\n      level: 1")
    (found,) = project.diagnostics("KMP102")
    line, _ = project.locate(POSITION, "M.03")
    assert where(found) == (POSITION, line + 1, 14)
    assert found.severity is Severity.ERROR
    assert found.message.id == (
        "Level M.03 (Komunikasi) adalah 1, tetapi jenjang Ahli Muda (AHLI-MUDA) mempersyaratkan level "
        "manajerial 2 menurut jenjang.yaml (baris belum terverifikasi)."
    )
    assert found.related[0].location.file.endswith("jenjang.yaml")


def test_kmp102_a_project_may_make_unverified_rows_warnings(project: Project) -> None:
    project.edit(POSITION, "    - kode: M.03\n      level: 2", "    - kode: M.03\n      level: 1")
    administrator(project)
    project.edit(
        "jabatan/kepala-bidang.yaml", "    - kode: SK.01\n      level: 3", "    - kode: SK.01\n      level: 2"
    )
    settings = project.text("kompiler.yaml")
    for chosen, expected in (
        ("warning", Severity.WARNING),
        ("info", Severity.INFO),
        ("error", Severity.ERROR),
    ):
        project.write(
            "kompiler.yaml", f"{settings}aturan:\n  opsi:\n    KMP102:\n      belum_terverifikasi: {chosen}\n"
        )
        found = {where(d)[0]: d for d in project.diagnostics("KMP102")}
        assert found[POSITION].severity is expected
        assert "(a not yet verified row)" in found[POSITION].message.en
        assert found["jabatan/kepala-bidang.yaml"].severity is Severity.ERROR  # a verified row: always


def test_kmp102_verified_grade_is_an_error(project: Project) -> None:
    administrator(project)
    target = "jabatan/kepala-bidang.yaml"
    project.edit(target, "    - kode: SK.01\n      level: 3", "    - kode: SK.01\n      level: 2")
    (found,) = project.diagnostics("KMP102")
    line, _ = project.locate(target, "SK.01")
    assert where(found) == (target, line + 1, 14)
    assert found.severity is Severity.ERROR
    assert "mempersyaratkan level sosial kultural 3" in found.message.id
    assert "(a verified row)" in found.message.en


def test_kmp102_passes_when_levels_match(project: Project) -> None:
    administrator(project)
    executor(project)
    assert project.diagnostics("KMP102") == []
