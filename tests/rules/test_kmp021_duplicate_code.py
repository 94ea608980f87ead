"""KMP021, a position code declared by two files."""

from __future__ import annotations

from tests.rules.conftest import POSITION, Project, administrator, where

TWIN = "jabatan/kembar.yaml"


def test_kmp021_code_declared_twice_points_at_the_second(project: Project) -> None:
    project.copy(POSITION, TWIN, ("Analis Keuangan Pusat dan Daerah Ahli Muda", "Analis Kembar Ahli Muda"))
    [found] = project.diagnostics("KMP021")
    assert where(found) == (TWIN, *project.locate(TWIN, "NTB.JF.AKPD.MUDA"))
    assert found.message.en == (
        "The position code 'NTB.JF.AKPD.MUDA' is already declared at jabatan/analis-keuangan.yaml:2."
    )


def test_kmp021_passes_on_distinct_codes(project: Project) -> None:
    administrator(project)
    assert project.diagnostics("KMP021") == []
