"""KMP112, cites an undeclared source: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from tests.rules.conftest import POSITION, Project, where

GRADES = "jenjang.yaml"


def test_kmp112_cites_an_undeclared_source(project: Project) -> None:
    project.edit(POSITION, "  kode: PERMENPANRB-38-2017", "  kode: PERMENPANRB-38-2071")
    project.edit(GRADES, "      kode: PERMENPANRB-1-2023", "      kode: PERMEN-1-2023")
    found = project.diagnostics("KMP112")
    assert [where(d) for d in found] == [
        (POSITION, *project.locate(POSITION, "PERMENPANRB-38-2071")),
        (GRADES, *project.locate(GRADES, "PERMEN-1-2023")),
    ]
    assert found[0].message.id == (
        "Jabatan NTB.JF.AKPD.MUDA merujuk sumber 'PERMENPANRB-38-2071', yang tidak dideklarasikan di sumber.yaml. "
        "Maksud Anda PERMENPANRB-38-2017?"
    )
    assert found[1].message.en.startswith("The grade AHLI-UTAMA cites the source 'PERMEN-1-2023'")


def test_kmp112_passes(project: Project) -> None:
    assert project.diagnostics("KMP112") == []
