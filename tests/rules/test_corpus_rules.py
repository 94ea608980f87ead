"""Rules across files: families, dates, sources, duplicate positions, the grade table."""

from __future__ import annotations

from kompiler.diagnostics import Severity
from tests.rules.conftest import POSITION, TECHNICAL, Project, administrator, where

FAMILIES = "rumpun/rumpun.yaml"
GRADES = "jenjang.yaml"


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


def test_kmp109_validity_ends_before_it_starts(project: Project) -> None:
    project.edit(
        POSITION, 'berlaku_mulai: "2026-04-01"', 'berlaku_mulai: "2026-04-01"\nberlaku_sampai: "2026-04-01"'
    )
    project.edit(
        TECHNICAL, "  sumber:", '  berlaku_mulai: "2026-01-01"\n  berlaku_sampai: "2025-12-31"\n  sumber:'
    )
    found = project.diagnostics("KMP109")
    assert [where(d) for d in found] == [
        (POSITION, *project.locate(POSITION, '"2026-04-01"', nth=2)),
        (TECHNICAL, *project.locate(TECHNICAL, '"2025-12-31"')),
    ]
    assert "berlaku_mulai harus sebelum berlaku_sampai" in found[0].message.id
    assert "The validity of the dictionary 'Kamus Kompetensi Teknis Bidang Keuangan' ends (2025-12-31)" in (
        found[1].message.en
    )


def test_kmp109_passes(project: Project) -> None:
    project.edit(
        POSITION, 'berlaku_mulai: "2026-04-01"', 'berlaku_mulai: "2026-04-01"\nberlaku_sampai: "2030-12-31"'
    )
    assert project.diagnostics("KMP109") == []


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
        "Mungkin maksudnya PERMENPANRB-38-2017?"
    )
    assert found[1].message.en.startswith("The grade AHLI-UTAMA cites the source 'PERMEN-1-2023'")


def test_kmp112_passes(project: Project) -> None:
    assert project.diagnostics("KMP112") == []


def test_kmp111_same_name_in_the_same_unit_and_look_alike_code(project: Project) -> None:
    project.copy(
        POSITION,
        "jabatan/salinan.yaml",
        ("NTB.JF.AKPD.MUDA", "ntb-jf-akpd-muda".upper()),
        ("Daerah Ahli Muda", "daerah  ahli muda"),
    )
    target = "jabatan/salinan.yaml"
    found = project.diagnostics("KMP111")
    assert [where(d) for d in found] == [
        (target, *project.locate(target, "NTB-JF-AKPD-MUDA")),
        (target, *project.locate(target, "Analis Keuangan")),
    ]
    code, name = found
    assert (
        "Kode jabatan NTB-JF-AKPD-MUDA hanya berbeda huruf besar/kecil atau pemisah dari NTB.JF.AKPD.MUDA"
        in (code.message.id)
    )
    assert name.message.en.startswith(
        "The unit 'Badan Pengelolaan Keuangan dan Aset Daerah' already has a position named "
        "'Analis Keuangan Pusat dan Daerah Ahli Muda' (NTB.JF.AKPD.MUDA, "
    )
    assert name.related[0].location.file.endswith(POSITION)


def test_kmp111_passes_for_the_same_name_in_another_unit(project: Project) -> None:
    project.copy(
        POSITION,
        "jabatan/salinan.yaml",
        ("NTB.JF.AKPD.MUDA", "NTB.JF.AKPD.MUDA2"),
        ("Badan Pengelolaan", "Inspektorat"),
    )
    assert project.diagnostics("KMP111") == []


def test_kmp116_rank_range_reversed_and_levels_dropping(project: Project) -> None:
    project.edit(
        GRADES,
        "pangkat_terendah: III/b\n    pangkat_tertinggi: III/d",
        "pangkat_terendah: III/d\n    pangkat_tertinggi: III/b",
    )
    project.edit(GRADES, "    urutan: 3\n    level_manajerial: 3", "    urutan: 3\n    level_manajerial: 1")
    project.edit(GRADES, "pangkat_tertinggi: IV/c", "pangkat_tertinggi: III/e")
    found = project.diagnostics("KMP116")
    assert [(where(d), d.severity) for d in found] == [
        ((GRADES, *project.locate(GRADES, "III/d", after="kode: PENGAWAS")), Severity.ERROR),
        ((GRADES, *project.locate(GRADES, "1", after="kode: AHLI-MADYA\n")), Severity.WARNING),
        ((GRADES, *project.locate(GRADES, "III/e")), Severity.ERROR),
    ]
    messages = [d.message.en for d in found]
    assert "The lowest rank of the grade PENGAWAS (III/d) is above its highest rank (III/b)." in messages
    assert "There is no rank III/e; groups I to III end at d." in messages
    assert (
        "The grade AHLI-MADYA (order 3) requires managerial level 1, lower than the grade below it, AHLI-MUDA "
        "(order 2, level 2)." in messages
    )


def test_kmp116_passes_on_the_shipped_table(project: Project) -> None:
    assert project.diagnostics("KMP116") == []


def test_administrator_fixture_is_clean(project: Project) -> None:
    administrator(project)
    assert project.diagnostics() == []
