"""Hand-built inputs for the engine's tests: the shipped default policy values written out, a tiny
index of positions and competencies, and chunks of people from plain lists (no assessment file)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from kompiler.model.entities import (
    Band,
    Confidence,
    DevelopmentPolicy,
    Develops,
    LearningActivity,
    LearningForm,
    MatchFormula,
    MatchPolicy,
    MatchPurpose,
    Origin,
    PlanPolicy,
    TalentPolicy,
)
from kompiler.people.requirements import Requirements
from kompiler.people.table import Chunk, Index

ORIGIN = Origin(None, ())  # type: ignore[arg-type]  # never read by the engine

FILLING = MatchPurpose(
    "pengisian",
    "Pengisian Jabatan",
    (
        Band("memenuhi_syarat", "Memenuhi Syarat", 80.0),
        Band("masih_memenuhi_syarat", "Masih Memenuhi Syarat", 68.0),
        Band("kurang_memenuhi_syarat", "Kurang Memenuhi Syarat", 0.0),
    ),
)
MAPPING = MatchPurpose(
    "pemetaan",
    "Pemetaan Kompetensi",
    (
        Band("optimal", "Optimal", 90.0),
        Band("cukup_optimal", "Cukup Optimal", 78.0),
        Band("kurang_optimal", "Kurang Optimal", 0.0),
    ),
)


def match_policy(formula: MatchFormula = MatchFormula.MEAN_RATIO, capped: bool = True, missing: float = 0.0):
    return MatchPolicy(
        version="JPM-2026.1",
        formula=formula,
        capped=capped,
        missing=missing,
        purposes={"pengisian": FILLING, "pemetaan": MAPPING},
        citation=None,
        confidence=Confidence.UNVERIFIED,
        note=None,
        origin=ORIGIN,
    )


def form(code: str, bucket: int) -> LearningForm:
    return LearningForm(
        code, code.title(), bucket != 70, bucket, 1.0, "jp", None, Confidence.UNVERIFIED, None, ORIGIN
    )


FORMS = {f.code: f for f in (form("elearning", 10), form("lokakarya", 10), form("mentoring", 20),
                              form("komunitas", 20), form("penugasan", 70))}  # fmt: skip


def activity(code: str, form_code: str, jp: float, *develops: tuple[str, int]) -> LearningActivity:
    return LearningActivity(code, f"Kegiatan {code}", form_code, jp, tuple(Develops(c, lv) for c, lv in develops),
                            None, ORIGIN)  # fmt: skip


def catalogue_like_the_default(competencies: tuple[str, ...]) -> dict[str, LearningActivity]:
    """Per competency the shipped catalogue's five activities: e-learning 2 JP and community 2 JP up to
    level 3, workshop 4 JP, mentoring 4 JP and an on-the-job assignment 14 JP up to level 5."""
    out = {}
    for c in competencies:
        for suffix, form_code, jp, level in (("EL", "elearning", 2, 3), ("KL", "lokakarya", 4, 5),
                                              ("CO", "mentoring", 4, 5), ("KB", "komunitas", 2, 3),
                                              ("TK", "penugasan", 14, 5)):  # fmt: skip
            out[f"KAT.{c}.{suffix}"] = activity(f"KAT.{c}.{suffix}", form_code, jp, (c, level))
    return out


def development(catalogue: dict[str, LearningActivity], tolerance: float = 10.0) -> DevelopmentPolicy:
    plan = PlanPolicy(20.0, {10: 10.0, 20: 20.0, 70: 70.0}, tolerance, None, Confidence.VERIFIED, ORIGIN)
    talent = TalentPolicy((2.0, 3.0), (2.0, 3.0), {(p, q): f"Kotak {p}-{q}" for p in (1, 2, 3) for q in (1, 2, 3)},
                          None, Confidence.UNVERIFIED, ORIGIN)  # fmt: skip
    return DevelopmentPolicy(match_policy(), plan, talent, FORMS, catalogue, ())


def index(positions: tuple[str, ...], competencies: tuple[str, ...]) -> Index:
    return Index(positions, competencies, {c: i for i, c in enumerate(positions)},
                 {c: i for i, c in enumerate(competencies)})  # fmt: skip


TYPE_OF = {"M": 0, "S": 1, "T": 2}


def requirements(
    positions: dict[str, list[tuple[str, int] | tuple[str, int, float]]], competencies: tuple[str, ...]
) -> Requirements:
    """Requirements from ``{position: [(competency, level[, importance]) …]}``; a competency's type is
    its code's first letter (M manajerial, S sosial kultural, T teknis)."""
    idx = index(tuple(sorted(positions)), competencies)
    rows = [
        [
            (idx.competency_at[r[0]], r[1], r[2] if len(r) > 2 else None, TYPE_OF[r[0][0]])
            for r in positions[p]
        ]
        for p in idx.positions
    ]
    types = np.array([TYPE_OF[c[0]] for c in competencies], dtype=np.int8)
    return Requirements.from_rows(idx, rows, types)


def chunk(
    idx: Index,
    people: list[tuple[str, dict[str, float]]],
    purpose: str = "pengisian",
    date: str = "2026-03-01",
    performance: list[float] | None = None,
    potential: list[float] | None = None,
) -> Chunk:
    """A chunk from ``[(position, {competency: level})]``; unlisted competencies are not scored."""
    n = len(people)
    levels = np.full((n, len(idx.competencies)), np.nan, dtype=np.float32)
    for i, (_, scores) in enumerate(people):
        for code, level in scores.items():
            levels[i, idx.competency_at[code]] = level
    return Chunk(
        people=tuple(f"P-{i + 1:04d}" for i in range(n)),
        position=np.array([idx.position_at[p] for p, _ in people], dtype=np.int32),
        levels=levels,
        dates=(date,) * n,
        purposes=(purpose,) * n,
        performance=np.array(performance if performance else [np.nan] * n, dtype=np.float32),
        potential=np.array(potential if potential else [np.nan] * n, dtype=np.float32),
        rows=np.arange(2, n + 2),
    )


def corpus_names(competencies: tuple[str, ...]) -> SimpleNamespace:
    """Stands in for the Corpus where only competency names are read."""
    return SimpleNamespace(competencies={c: SimpleNamespace(name=f"Kompetensi {c}") for c in competencies})
