"""KMP118, two merge decisions that contradict each other (tests/graph/test_merge.py covers the merge)."""

from __future__ import annotations

from tests.rules.conftest import Project, administrator, where

DECISIONS = "keputusan-gabung.yaml"


def _decide(project: Project, *decisions: tuple[str, str]) -> None:
    project.write(
        DECISIONS,
        "keputusan:\n"
        + "".join(
            f"  - anggota: [{members}]\n    keputusan: {verdict}\n    alasan: Ditelaah tim.\n"
            f'    tanggal: "2026-03-0{day}"\n'
            for day, (members, verdict) in enumerate(decisions, start=1)
        ),
    )


def test_kmp118_the_same_members_accepted_and_rejected(project: Project) -> None:
    administrator(project)
    _decide(project, ("NTB.JF.AKPD.MUDA, NTB.ADM.ANG", "terima"), ("NTB.ADM.ANG, NTB.JF.AKPD.MUDA", "tolak"))
    [found] = project.diagnostics("KMP118")
    assert where(found)[:2] == (DECISIONS, 7)
    assert found.message.en.startswith("This decision rejects merging NTB.ADM.ANG, NTB.JF.AKPD.MUDA")


def test_kmp118_passes_when_decisions_agree(project: Project) -> None:
    administrator(project)
    _decide(project, ("NTB.JF.AKPD.MUDA, NTB.ADM.ANG", "tolak"))
    assert project.diagnostics() == []
