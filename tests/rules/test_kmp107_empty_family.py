"""KMP107, family without positions: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from kompiler.diagnostics import Severity
from tests.rules.conftest import Project, where

FAMILIES = "rumpun/rumpun.yaml"


def test_kmp107_family_without_positions(project: Project) -> None:
    project.edit(FAMILIES, "rumpun:\n", "rumpun:\n  - kode: RJ-HKM\n    nama: Hukum\n")
    (found,) = project.diagnostics("KMP107")
    assert where(found) == (FAMILIES, *project.locate(FAMILIES, "RJ-HKM"))
    assert found.severity is Severity.INFO
    assert (
        found.message.id
        == "Rumpun RJ-HKM (Hukum) tidak memiliki jabatan, langsung maupun melalui sub-rumpunnya."
    )


def test_kmp107_parent_of_a_used_family_is_not_empty(project: Project) -> None:
    assert project.diagnostics("KMP107") == []
