"""KMP023, a family's parent that is not declared."""

from __future__ import annotations

from tests.rules.conftest import Project, where

FAMILIES = "rumpun/rumpun.yaml"


def test_kmp023_undeclared_parent_family(project: Project) -> None:
    project.edit(FAMILIES, "induk: RJ-ADM", "induk: RJ-ADMM")
    [found] = project.diagnostics("KMP023")
    assert where(found) == (FAMILIES, *project.locate(FAMILIES, "RJ-ADMM"))
    assert found.message.en == "The parent family 'RJ-ADMM' is not declared in rumpun/. Did you mean RJ-ADM?"


def test_kmp023_passes(project: Project) -> None:
    assert project.diagnostics("KMP023") == []
