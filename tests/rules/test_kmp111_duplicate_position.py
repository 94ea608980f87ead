"""KMP111, duplicate position: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from tests.rules.conftest import POSITION, Project, where


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
