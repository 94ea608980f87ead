"""KMP104, numbering of dictionary levels and indicators: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from kompiler.diagnostics import Severity
from tests.rules.conftest import TECHNICAL, Project, where


def test_kmp104_indicator_numbered_out_of_sequence(project: Project) -> None:
    project.edit(TECHNICAL, '- nomor: "2.2"', '- nomor: "2.4"')
    (found,) = project.diagnostics("KMP104")
    assert where(found) == (TECHNICAL, *project.locate(TECHNICAL, '"2.4"'))
    assert found.severity is Severity.ERROR
    assert found.message.id.startswith("Nomor indikator '2.4' seharusnya '2.2'")
    assert "indicators of level 2 are numbered 2.1, 2.2 and so on" in found.message.en


def test_kmp104_indicator_of_another_level(project: Project) -> None:
    project.edit(TECHNICAL, '- nomor: "3.1"', '- nomor: "2.1"')
    (found,) = project.diagnostics("KMP104")
    line, column = project.locate(TECHNICAL, '"2.1"', nth=2)
    assert where(found) == (TECHNICAL, line, column)
    assert "seharusnya '3.1'" in found.message.id


def test_kmp104_level_without_indicators_and_unusual_count(project: Project) -> None:
    project.edit(
        TECHNICAL,
        '          - nomor: "5.3"\n            uraian: Menjadi rujukan nasional dalam pengelolaan keuangan daerah\n',
        "",
    )
    text = project.text(TECHNICAL)
    start = text.index("      - level: 4", text.index("T.KEU.02"))
    end = text.index("      - level: 5", start)
    project.write(
        TECHNICAL,
        text[:start]
        + "      - level: 4\n        deskripsi: Mengevaluasi\n        indikator: []\n"
        + text[end:],
    )
    found = project.diagnostics("KMP104")
    assert [(where(d), d.severity) for d in found] == [
        ((TECHNICAL, *project.locate(TECHNICAL, "indikator:", nth=5)), Severity.WARNING),
        ((TECHNICAL, *project.locate(TECHNICAL, "indikator: []")), Severity.ERROR),
    ]
    assert found[0].message.id == "Level 5 kompetensi T.KEU.01 memiliki 2 indikator; lazimnya 3."
    assert "Level 4 of the competency T.KEU.02 has no indicator" in found[1].message.en


def test_kmp104_missing_duplicate_and_unordered_levels(project: Project) -> None:
    project.edit(TECHNICAL, "      - level: 5", "      - level: 3")
    project.edit(TECHNICAL, "      - level: 4", "      - level: 2")
    found = project.diagnostics("KMP104")
    messages = [
        d.message.en for d in found if d.severity is Severity.ERROR and "indicator" not in d.message.en
    ]
    assert messages == [
        "The competency T.KEU.01 (Penatausahaan Keuangan Daerah) does not define level 4, 5; levels run from 1 to 5 "
        "without gaps.",
        "Level 2 of the competency T.KEU.01 is written more than once.",
        "Level 3 of the competency T.KEU.01 is written more than once.",
    ]
    assert where(found[0]) == (TECHNICAL, *project.locate(TECHNICAL, "level:", nth=1))


def test_kmp104_passes_on_the_regulation_dictionary_and_with_options(project: Project) -> None:
    assert project.diagnostics("KMP104") == []
    text = project.text(TECHNICAL)
    start = text.index("      - level: 5")
    project.write(TECHNICAL, text[:start] + text[text.index("  - kode: T.KEU.02") :])
    (found,) = project.diagnostics("KMP104")
    assert "does not define level 5" in found.message.en
    project.edit(
        "kompiler.yaml",
        "schema_version: 1",
        "schema_version: 1\naturan:\n  opsi:\n    KMP104:\n      level_tertinggi: 4",
    )
    assert project.diagnostics("KMP104") == []
