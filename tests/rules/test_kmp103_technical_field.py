"""KMP103, technical competencies of the position's field: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from kompiler.diagnostics import Severity
from tests.rules.conftest import POSITION, TECHNICAL, Project, where


def _planning_dictionary(project: Project) -> None:
    project.copy(
        TECHNICAL,
        "kamus/teknis-perencanaan.yaml",
        ("bidang: keuangan", "bidang: perencanaan"),
        ("Bidang Keuangan", "Bidang Perencanaan"),
        ("T.KEU.", "T.PER."),
    )
    project.edit(POSITION, "    - kode: T.KEU.02", "    - kode: T.PER.01")


def test_kmp103_competency_of_another_field(project: Project) -> None:
    _planning_dictionary(project)
    (found,) = project.diagnostics("KMP103")
    assert where(found) == (POSITION, *project.locate(POSITION, "T.PER.01"))
    assert found.message.id.startswith(
        "T.PER.01 (Penatausahaan Keuangan Daerah) adalah kompetensi teknis bidang perencanaan, sedangkan "
        "jabatan ini berbidang keuangan."
    )
    assert "alasan_lintas_bidang" in found.message.en


def test_kmp103_passes_with_a_reason(project: Project) -> None:
    _planning_dictionary(project)
    project.edit(
        POSITION, "unit_kerja:", "alasan_lintas_bidang: Menyusun anggaran bersama Bappeda.\nunit_kerja:"
    )
    assert project.diagnostics("KMP103") == []


def test_kmp103_field_without_dictionary(project: Project) -> None:
    project.edit(POSITION, "bidang: keuangan", "bidang: hukum")
    (found,) = project.diagnostics("KMP103")
    assert where(found) == (POSITION, *project.locate(POSITION, "hukum"))
    assert found.severity is Severity.WARNING
    assert (
        found.message.id
        == "Tidak ada kamus kompetensi teknis untuk bidang 'hukum'; bidang yang ada: keuangan."
    )


def test_kmp103_no_technical_competency_and_a_duplicate(project: Project) -> None:
    project.edit(POSITION, "    - kode: T.KEU.02", "    - kode: T.KEU.01")
    (duplicate,) = project.diagnostics("KMP103")
    assert where(duplicate) == (POSITION, *project.locate(POSITION, "T.KEU.01", nth=2))
    assert duplicate.message.en == "The technical competency T.KEU.01 is required more than once."
    text = project.text(POSITION)
    start = text.index("  teknis:\n")
    project.write(POSITION, text[:start] + "  teknis: []\n" + text[text.index("persyaratan:") :])
    (empty,) = project.diagnostics("KMP103")
    assert where(empty) == (POSITION, *project.locate(POSITION, "teknis: []"))
    assert "tidak mempersyaratkan kompetensi teknis" in empty.message.id
