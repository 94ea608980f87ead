"""KMP117, shape of the competency dictionaries: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from tests.rules.conftest import TECHNICAL, Project, where


def test_kmp117_technical_dictionary_without_field(project: Project) -> None:
    project.edit(TECHNICAL, "  bidang: keuangan\n", "")
    (found,) = project.diagnostics("KMP117")
    assert where(found) == (TECHNICAL, *project.locate(TECHNICAL, "teknis"))
    assert "Kamus kompetensi teknis harus menyebut bidang" in found.message.id


def test_kmp117_code_of_another_type(project: Project) -> None:
    project.edit(TECHNICAL, "  - kode: T.KEU.02", "  - kode: M.09")
    (found,) = project.diagnostics("KMP117")
    assert where(found) == (TECHNICAL, *project.locate(TECHNICAL, "M.09"))
    assert (
        found.message.en == "The code M.09 is in a teknis dictionary; teknis competency codes start with T."
    )


def test_kmp117_managerial_count_follows_the_option(project: Project) -> None:
    assert project.diagnostics("KMP117") == []
    project.edit(
        "kompiler.yaml",
        "schema_version: 1",
        "schema_version: 1\naturan:\n  opsi:\n    KMP117:\n      jumlah_manajerial: 9",
    )
    (found,) = project.diagnostics("KMP117")
    assert where(found) == ("kamus/manajerial.yaml", *project.locate("kamus/manajerial.yaml", "kompetensi:"))
    assert found.message.id == "Kamus manajerial memuat 8 kompetensi; PermenPANRB 38/2017 menetapkan 9."
