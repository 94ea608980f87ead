"""KMP106, family hierarchy without cycles: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from tests.rules.conftest import Project, where

FAMILIES = "rumpun/rumpun.yaml"


def test_kmp106_family_cycle_reported_once(project: Project) -> None:
    project.edit(
        FAMILIES,
        "    nama: Administrasi Pemerintahan\n",
        "    nama: Administrasi Pemerintahan\n    induk: RJ-KEU\n",
    )
    (found,) = project.diagnostics("KMP106")
    line, _ = project.locate(FAMILIES, "induk: RJ-KEU")
    assert where(found) == (FAMILIES, line, 12)
    assert found.message.id.startswith("Hierarki rumpun membentuk siklus: RJ-ADM → RJ-KEU → RJ-ADM.")


def test_kmp106_family_that_is_its_own_parent(project: Project) -> None:
    project.edit(
        FAMILIES,
        "    nama: Administrasi Pemerintahan\n",
        "    nama: Administrasi Pemerintahan\n    induk: RJ-ADM\n",
    )
    (found,) = project.diagnostics("KMP106")
    assert "RJ-ADM → RJ-ADM" in found.message.en


def test_kmp106_passes_on_a_tree(project: Project) -> None:
    assert project.diagnostics("KMP106") == []
