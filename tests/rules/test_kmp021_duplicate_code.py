"""KMP021, a position code declared by two files."""

from __future__ import annotations

from tests.rules.conftest import POSITION, Project, administrator, where

TWIN = "jabatan/kembar.yaml"


def test_kmp021_code_declared_twice_points_at_the_other_declaration(project: Project) -> None:
    project.copy(POSITION, TWIN, ("Analis Keuangan Pusat dan Daerah Ahli Muda", "Analis Kembar Ahli Muda"))
    [found] = project.diagnostics("KMP021")
    assert where(found) == (TWIN, *project.locate(TWIN, "NTB.JF.AKPD.MUDA"))
    assert found.message.en == (
        "The position code 'NTB.JF.AKPD.MUDA' is also declared at jabatan/analis-keuangan.yaml:2."
    )


def test_kmp021_claims_no_order_the_files_do_not_have(project: Project) -> None:
    """Files are read in the order of their paths, so the file named first is not the one declared first:
    the message once called it "the first declaration" and the code "already declared" there."""
    early = "jabatan/a-baru.yaml"
    project.copy(POSITION, early, ("Analis Keuangan Pusat dan Daerah Ahli Muda", "Analis Kembar Ahli Muda"))
    [found] = project.diagnostics("KMP021")
    assert where(found)[0] == POSITION
    assert found.message.id == f"Kode jabatan 'NTB.JF.AKPD.MUDA' juga dideklarasikan di {early}:2."
    [related] = found.related
    assert (related.location.file, related.message.en) == (early, "Also declared here.")


def test_kmp021_passes_on_distinct_codes(project: Project) -> None:
    administrator(project)
    assert project.diagnostics("KMP021") == []
