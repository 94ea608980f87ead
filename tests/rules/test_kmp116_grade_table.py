"""KMP116, consistent grade table: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from kompiler.diagnostics import Severity
from tests.rules.conftest import Project, where

GRADES = "jenjang.yaml"


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
