"""PersonReports and a policy built by hand, for the output tests: what the engine would hand the
renderers, with values chosen so that every column and every notice can be checked."""

from __future__ import annotations

from types import SimpleNamespace

from kompiler.model.entities import (
    Band,
    Confidence,
    DevelopmentPolicy,
    MatchFormula,
    MatchPolicy,
    MatchPurpose,
    Origin,
    PlanPolicy,
)
from kompiler.people.results import Gap, Match, Move, MoveKind, PersonReport, Plan, PlanItem

ORIGIN = Origin(None, ())  # type: ignore[arg-type]  # never read by the renderers


def policy() -> DevelopmentPolicy:
    purpose = MatchPurpose(
        "pengisian",
        "Pengisian jabatan",
        (
            Band("memenuhi_syarat", "Memenuhi syarat", 80.0),
            Band("masih_memenuhi_syarat", "Masih memenuhi syarat", 68.0),
            Band("kurang_memenuhi_syarat", "Kurang memenuhi syarat", 0.0),
        ),
    )
    match = MatchPolicy(
        version="jpm-2026.1",
        formula=MatchFormula.MEAN_RATIO,
        capped=True,
        missing=0.0,
        purposes={"pengisian": purpose},
        citation=None,
        confidence=Confidence.UNVERIFIED,
        note=None,
        origin=ORIGIN,
    )
    plan = PlanPolicy(20.0, {10: 10.0, 20: 20.0, 70: 70.0}, 10.0, None, Confidence.UNVERIFIED, ORIGIN)
    return DevelopmentPolicy(match, plan, None, {}, {}, ())


def gaps() -> tuple[Gap, ...]:
    return (
        Gap("T.PEG.04", "Manajemen Talenta", "teknis", 3, 1, 2, 1.5, 3.0),
        Gap("M.01", "Integritas", "manajerial", 3, 2, 1, None, 1.0),
        Gap("SK.01", "Perekat Bangsa", "sosial_kultural", 2, None, 2, None, 2.0),
        Gap("M.02", "Kerja Sama", "manajerial", 2, 3, 0, None, 0.0),
    )


def report(person: str = "P-0001", position: str = "NTB.ADM.BKD.MUTASI") -> PersonReport:
    match = Match(position, 79.96, "masih_memenuhi_syarat", "Masih memenuhi syarat", gaps())
    items = (
        PlanItem(
            "T.PEG.04",
            "Manajemen Talenta",
            2,
            "KAT.01",
            "Pelatihan Manajemen Talenta",
            "diklat",
            "Diklat",
            10,
            2.0,
            2027,
        ),
        PlanItem(
            "T.PEG.04",
            "Manajemen Talenta",
            2,
            "KAT.02",
            "Coaching oleh atasan",
            "coaching",
            "Coaching",
            20,
            4.0,
            2027,
        ),
        PlanItem(
            "M.01",
            "Integritas",
            1,
            "KAT.03",
            "Penugasan proyek zona integritas",
            "penugasan",
            "Penugasan",
            70,
            14.0,
            2027,
        ),
    )
    plan = Plan(items, 20.0, {10: 10.0, 20: 20.0, 70: 70.0}, True, True, ("SK.01",))
    moves = (
        Move(
            "NTB.JF.ASDMA.MUDA",
            "Analis SDM Aparatur Ahli Muda",
            "Badan Kepegawaian Daerah",
            0.82,
            88.0,
            0.8,
            MoveKind.HORIZONTAL,
            False,
            gaps()[:2],
        ),
        Move(
            "NTB.JF.ASDMA.MADYA",
            "Analis SDM Aparatur Ahli Madya",
            "Badan Kepegawaian Daerah",
            0.77,
            75.5,
            0.7,
            MoveKind.DIAGONAL,
            True,
            gaps()[2:],
        ),
    )
    return PersonReport(person, position, "2026-04-01", "pengisian", match, plan, moves, None)


def positions() -> dict[str, SimpleNamespace]:
    """The current position as the renderers read it (its name and unit), without compiling a corpus."""
    return {
        "NTB.ADM.BKD.MUTASI": SimpleNamespace(
            name="Kepala Bidang Mutasi dan Promosi", unit="Badan Kepegawaian Daerah"
        )
    }
