"""KMP115, executor position classification: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from tests.rules.conftest import POSITION, Project, executor, where


def test_kmp115_executor_without_classification(project: Project) -> None:
    executor(project)
    target = "jabatan/pengadministrasi.yaml"
    project.edit(target, "klasifikasi: klerek\n", "")
    (found,) = project.diagnostics("KMP115")
    assert where(found) == (target, *project.locate(target, "pelaksana"))
    assert (
        "belum menyebut klasifikasi; tambahkan klasifikasi: klerek, operator, atau teknisi"
        in found.message.id
    )


def test_kmp115_classification_on_a_functional_position(project: Project) -> None:
    project.edit(POSITION, "jenjang: AHLI-MUDA", "klasifikasi: teknisi\njenjang: AHLI-MUDA")
    (found,) = project.diagnostics("KMP115")
    assert where(found) == (POSITION, *project.locate(POSITION, "klasifikasi"))
    assert "applies only to executor (pelaksana) positions" in found.message.en


def test_kmp115_passes(project: Project) -> None:
    executor(project)
    assert project.diagnostics("KMP115") == []
