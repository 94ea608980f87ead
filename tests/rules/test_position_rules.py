"""Rules that check one position at a time: each with a failing and a passing fixture."""

from __future__ import annotations

from kompiler.diagnostics import Severity
from tests.rules.conftest import POSITION, TECHNICAL, Project, administrator, executor, where


def test_kmp101_missing_and_duplicate_managerial(project: Project) -> None:
    project.edit(POSITION, "    - kode: M.08\n      level: 2\n", "    - kode: M.01\n      level: 2\n")
    found = project.diagnostics("KMP101")
    assert [where(d) for d in found] == [
        (POSITION, *project.locate(POSITION, "manajerial")),
        (POSITION, *project.locate(POSITION, "M.01", nth=2)),
    ]
    missing, duplicate = found
    assert "belum mempersyaratkan kompetensi manajerial: M.08 (Pengambilan Keputusan)" in missing.message.id
    assert "does not require the managerial competencies: M.08" in missing.message.en
    first_line, _ = project.locate(POSITION, "M.01")
    assert f"M.01 dipersyaratkan lebih dari sekali (pertama di baris {first_line})" in duplicate.message.id
    assert duplicate.severity is Severity.ERROR


def test_kmp101_missing_sociocultural(project: Project) -> None:
    project.edit(
        POSITION, "  sosial_kultural:\n    - kode: SK.01\n      level: 2\n", "  sosial_kultural: []\n"
    )
    (found,) = project.diagnostics("KMP101")
    assert where(found) == (POSITION, *project.locate(POSITION, "sosial_kultural"))
    assert "kompetensi sosial kultural: SK.01 (Perekat Bangsa)" in found.message.id


def test_kmp101_passes_for_every_kind_of_position(project: Project) -> None:
    administrator(project)
    executor(project)
    assert project.diagnostics("KMP101") == []


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


def test_kmp105_rank_outside_the_grade(project: Project) -> None:
    project.edit(POSITION, "golongan: III/c", "golongan: III/a")
    (found,) = project.diagnostics("KMP105")
    assert where(found) == (POSITION, *project.locate(POSITION, "III/a"))
    assert (
        found.message.id
        == "Golongan III/a di luar rentang jenjang Ahli Muda (AHLI-MUDA): III/c sampai III/d."
    )


def test_kmp105_rank_that_does_not_exist(project: Project) -> None:
    project.edit(POSITION, "golongan: III/c", "golongan: III/e")
    (found,) = project.diagnostics("KMP105")
    assert where(found) == (POSITION, *project.locate(POSITION, "III/e"))
    assert "There is no rank III/e" in found.message.en


def test_kmp105_education_below_the_minimum(project: Project) -> None:
    project.edit(POSITION, "    - jenjang: S1", "    - jenjang: S1\n      tingkat: mutlak\n    - jenjang: D3")
    (found,) = project.diagnostics("KMP105")
    assert where(found) == (POSITION, *project.locate(POSITION, "D3"))
    assert (
        found.message.id
        == "Pendidikan D3 di bawah pendidikan minimal jenjang Ahli Muda (AHLI-MUDA), yaitu S1."
    )


def test_kmp105_passes_within_the_range(project: Project) -> None:
    project.edit(POSITION, "golongan: III/c", "golongan: III/d")
    project.edit(
        POSITION, "    - jenjang: S1", "    - jenjang: S2\n      tingkat: penting\n    - jenjang: S1"
    )
    assert project.diagnostics("KMP105") == []


def test_kmp113_name_of_another_grade(project: Project) -> None:
    project.edit(POSITION, "Daerah Ahli Muda", "Daerah Ahli Madya")
    (found,) = project.diagnostics("KMP113")
    assert where(found) == (POSITION, *project.locate(POSITION, "Analis Keuangan"))
    assert found.message.id == (
        "Nama jabatan 'Analis Keuangan Pusat dan Daerah Ahli Madya' menyebut 'Ahli Madya' (jenjang AHLI-MADYA), "
        "padahal jenjangnya Ahli Muda (AHLI-MUDA)."
    )


def test_kmp113_name_without_its_grade(project: Project) -> None:
    project.edit(POSITION, "Daerah Ahli Muda", "Daerah")
    (found,) = project.diagnostics("KMP113")
    assert where(found) == (POSITION, *project.locate(POSITION, "Analis Keuangan"))
    assert "does not contain 'Ahli Muda', the naming pattern of the grade AHLI-MUDA" in found.message.en


def test_kmp113_passes_with_the_grade_in_any_case_and_spacing(project: Project) -> None:
    administrator(project)
    project.edit(POSITION, "Daerah Ahli Muda", "Daerah  ahli muda")
    assert project.diagnostics("KMP113") == []


def test_kmp114_kind_differs_from_the_grade(project: Project) -> None:
    project.edit(POSITION, "jenis: fungsional_keahlian", "jenis: fungsional_keterampilan")
    (found,) = project.diagnostics("KMP114")
    assert where(found) == (POSITION, *project.locate(POSITION, "fungsional_keterampilan"))
    assert found.message.id == (
        "Jenis jabatan fungsional_keterampilan, tetapi jenjang Ahli Muda (AHLI-MUDA) adalah jenjang "
        "fungsional_keahlian."
    )


def test_kmp114_passes(project: Project) -> None:
    administrator(project)
    executor(project)
    assert project.diagnostics("KMP114") == []


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
