"""KMP119: a pengembangan/ section, form or activity code, or talent box declared twice."""

from __future__ import annotations

from tests.rules.conftest import Project, where
from tests.rules.policy import PLAN, write_policy


def test_kmp119_clean_policy_passes(project: Project) -> None:
    write_policy(project)
    assert project.diagnostics() == []


def test_kmp119_a_section_in_a_second_file(project: Project) -> None:
    write_policy(project)
    project.write("pengembangan/tambahan.yaml", PLAN.replace("jp_minimal: 20", "jp_minimal: 40"))
    [found] = project.diagnostics("KMP119")
    assert where(found) == ("pengembangan/tambahan.yaml", 1, 1)
    assert found.message.en == (
        "The section 'rencana' is already declared at pengembangan/rencana.yaml:1; only the first "
        "declaration is used."
    )
    assert found.related[0].location.line == 1
    assert found.related[0].location.file.endswith("pengembangan/rencana.yaml")
    assert project.compile().corpus.development.plan.minimum_jp == 20


def test_kmp119_a_form_code_twice(project: Project) -> None:
    write_policy(project)
    project.edit("pengembangan/bentuk.yaml", "kode: penugasan", "kode: coaching")
    [found] = project.diagnostics("KMP119")
    line, column = project.locate("pengembangan/bentuk.yaml", "kode: coaching", nth=2)
    assert where(found) == ("pengembangan/bentuk.yaml", line, column + len("kode: "))
    assert "The learning form code 'coaching' is already declared at" in found.message.en


def test_kmp119_an_activity_code_twice(project: Project) -> None:
    write_policy(project)
    project.edit("pengembangan/katalog.yaml", "kode: KAT.M.02.EL", "kode: KAT.M.01.EL")
    [found] = project.diagnostics("KMP119")
    assert found.message.id.startswith("Kode kegiatan 'KAT.M.01.EL' sudah dideklarasikan di")


def test_kmp119_a_talent_box_twice(project: Project) -> None:
    write_policy(project)
    project.edit(
        "pengembangan/talenta.yaml",
        "    - kinerja: 2\n      potensi: 1",
        "    - kinerja: 1\n      potensi: 1",
    )
    [found] = project.diagnostics("KMP119")
    line, _ = project.locate("pengembangan/talenta.yaml", "- kinerja: 1", nth=2)
    assert where(found)[:2] == ("pengembangan/talenta.yaml", line)
    assert found.message.en.startswith("The box of performance 1 × potential 1 is already declared")
