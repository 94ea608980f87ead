"""KMP110, cites a revoked source: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from kompiler.diagnostics import Severity
from tests.rules.conftest import POSITION, Project, where


def test_kmp110_cites_a_revoked_source(project: Project) -> None:
    project.edit(POSITION, "  kode: PERMENPANRB-38-2017", "  kode: UU-5-2014")
    (found,) = project.diagnostics("KMP110")
    assert where(found) == (POSITION, *project.locate(POSITION, "UU-5-2014"))
    assert found.severity is Severity.WARNING
    assert found.message.id == (
        "Jabatan NTB.JF.AKPD.MUDA merujuk UU-5-2014 (Undang-Undang 5/2014), yang telah dicabut oleh UU-20-2023; "
        "rujuk peraturan yang berlaku."
    )


def test_kmp110_passes(project: Project) -> None:
    project.edit(POSITION, "  kode: PERMENPANRB-38-2017", "  kode: UU-20-2023")
    assert project.diagnostics("KMP110") == []
