"""KMP121: a catalogue activity teaches a level its competency's dictionary does not define."""

from __future__ import annotations

from tests.rules.conftest import TECHNICAL, Project, where
from tests.rules.policy import write_policy

CATALOGUE = "pengembangan/katalog.yaml"


def _without_level_5(project: Project) -> None:
    """Cut T.KEU.02's dictionary entry after level 4 (it is the file's last competency)."""
    text = project.text(TECHNICAL)
    start = text.index("      - level: 5", text.index("kode: T.KEU.02"))
    project.write(TECHNICAL, text[:start])


def test_kmp121_a_level_the_dictionary_lacks(project: Project) -> None:
    write_policy(project)
    _without_level_5(project)
    found = project.diagnostics("KMP121")
    assert len(found) == 3  # the three activities for T.KEU.02
    line, column = project.locate(CATALOGUE, "level: 5", after="kode: KAT.T.KEU.02.EL")
    assert where(found[0]) == (CATALOGUE, line, column + len("level: "))
    assert found[0].message.en == (
        "The activity KAT.T.KEU.02.EL teaches T.KEU.02 up to level 5, but its dictionary does not define "
        "that level; defined levels: 1, 2, 3, 4."
    )


def test_kmp121_passes_within_the_dictionary(project: Project) -> None:
    write_policy(project)
    _without_level_5(project)
    text = project.text(CATALOGUE)
    head, tail = text.split("kode: KAT.T.KEU.02.EL", 1)
    project.write(CATALOGUE, head + "kode: KAT.T.KEU.02.EL" + tail.replace("level: 5", "level: 4"))
    assert project.diagnostics("KMP121") == []
