"""KMP022, a required level the competency does not define, or a competency listed in the wrong group."""

from __future__ import annotations

from tests.rules.conftest import POSITION, TECHNICAL, Project, where


def test_kmp022_competency_in_the_wrong_group(project: Project) -> None:
    project.edit(POSITION, "    - kode: T.KEU.02", "    - kode: M.02")
    [found] = project.diagnostics("KMP022")
    assert where(found) == (POSITION, *project.locate(POSITION, "M.02", nth=2))
    assert found.message.en == "M.02 is a manajerial competency but is listed under teknis."


def test_kmp022_level_the_dictionary_does_not_define(project: Project) -> None:
    project.edit(TECHNICAL, "      - level: 5", "      - level: 4", count=1)
    project.edit(POSITION, "    - kode: T.KEU.01\n      level: 3", "    - kode: T.KEU.01\n      level: 5")
    [found] = project.diagnostics("KMP022")
    assert where(found) == (POSITION, *project.locate(POSITION, "5", after="kode: T.KEU.01"))
    assert found.message.en.startswith(
        "The competency T.KEU.01 (Penatausahaan Keuangan Daerah) does not define level 5; defined levels: 1, 2"
    )


def test_kmp022_passes(project: Project) -> None:
    assert project.diagnostics("KMP022") == []
