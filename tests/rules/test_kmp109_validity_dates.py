"""KMP109, impossible validity period: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from tests.rules.conftest import POSITION, TECHNICAL, Project, where


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
