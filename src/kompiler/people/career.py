"""Which way a move goes: horizontal, vertical or diagonal (PP 11/2017 Pasal 189), across the grades of
every kind of position through penyetaraan (PermenPANRB 17/2021).

Two grades compare, in this order:

1. of one kind (Ahli Pertama and Ahli Muda, Pengawas and Pengawas): by their ``urutan`` in that kind;
2. named equal by a penyetaraan (Administrator ≡ Ahli Madya): the same tier, *by equivalence*;
3. when a penyetaraan carries one of them into the other's kind (Administrator counts as Ahli Madya,
   so it is above Ahli Muda and below Ahli Utama): by ``urutan`` in that kind, *by equivalence*;
4. otherwise (Pengawas and Administrator, Pelaksana and Ahli Pertama): by the managerial level the
   grades require (``level_manajerial`` of ``jenjang.yaml``), the one scale every grade states, and at
   equal level by their lowest rank (``pangkat_terendah``): Terampil (II/c) is below Ahli Pertama (III/a)
   though both require managerial level 1; when a grade states no rank, equal level means equal tier.

A move to an equal tier is horizontal; to a higher tier it is vertical within the same group and
diagonal into another. The group of a position is its job family (``rumpun``) within its track:
structural (JPT, Administrator, Pengawas), functional (keahlian and keterampilan) or pelaksana — so
Pranata Humas Ahli Pertama → Ahli Muda is vertical, Ahli Muda → Kepala Bidang of the same family is
diagonal. A move to a lower tier is downward; the moves leave it out (PP 11/2017 knows no downward
career move, and :class:`~kompiler.people.results.MoveKind` has no name for one). Every comparison is
made once per pair of grades and read for all positions through array lookups.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from kompiler.model import Corpus, Grade, PositionKind
from kompiler.model.entities import RANK_ORDER, Equivalence
from kompiler.people.results import MoveKind

KINDS: tuple[MoveKind, ...] = (MoveKind.HORIZONTAL, MoveKind.VERTICAL, MoveKind.DIAGONAL)
"""The kinds of move by their number in :attr:`Careers.kind`."""

TRACKS = {
    PositionKind.JPT: "struktural",
    PositionKind.ADMINISTRATOR: "struktural",
    PositionKind.SUPERVISOR: "struktural",
    PositionKind.EXPERT: "fungsional",
    PositionKind.SKILLED: "fungsional",
    PositionKind.EXECUTOR: "pelaksana",
}


def compare(
    a: Grade | None, b: Grade | None, grades: Mapping[str, Grade], equivalences: Sequence[Equivalence]
) -> tuple[int, bool]:
    """The direction of a move from grade ``a`` to grade ``b`` (-1 down, 0 equal, 1 up), and whether it
    rests on a penyetaraan. An unknown grade (the reference rules report it) compares as equal.

    A penyetaraan reads both ways: Administrator counts as Ahli Madya, and Ahli Madya as Administrator.
    """
    if a is None or b is None:
        return 0, False
    if a.kind == b.kind:
        return _sign(b.order - a.order), False
    pairs = [(e.grade, e.equivalent) for e in equivalences] + [(e.equivalent, e.grade) for e in equivalences]
    if (a.code, b.code) in pairs:
        return 0, True
    for grade, equal in pairs:
        counted = grades.get(equal)
        if counted is None:
            continue
        if grade == a.code and counted.kind == b.kind:
            return _sign(b.order - counted.order), True
        if grade == b.code and counted.kind == a.kind:
            return _sign(counted.order - a.order), True
    return _sign(b.managerial_level - a.managerial_level) or _by_rank(a, b), False


def _by_rank(a: Grade, b: Grade) -> int:
    """The direction from ``a`` to ``b`` by their lowest rank (``pangkat_terendah``); 0 unless both
    state a known one."""
    low_a, low_b = RANK_ORDER.get(a.rank_min or ""), RANK_ORDER.get(b.rank_min or "")
    return 0 if low_a is None or low_b is None else _sign(low_b - low_a)


def _sign(value: int) -> int:
    return (value > 0) - (value < 0)


@dataclass(frozen=True)
class Careers:
    """The kind of every move a relatedness table offers, slot by slot (same shape as its arrays).

    ``direction`` int8 (-1 down, 0 equal, 1 up; 0 on padding), ``kind`` int8 (number into
    :data:`KINDS`; downward moves and padding are horizontal here and left out by ``allowed``),
    ``by_equivalence`` bool, ``allowed`` bool (a real slot, and not downward).
    """

    direction: np.ndarray
    kind: np.ndarray
    by_equivalence: np.ndarray
    allowed: np.ndarray


def classify(
    corpus: Corpus,
    positions: Sequence[str],
    neighbours: np.ndarray,
    equivalences: Sequence[Equivalence],
) -> Careers:
    """Classify the move from each position (row of ``neighbours``, numbered as ``positions``) to each
    of its candidates (the numbers in the row, -1 = none)."""
    grade_codes = sorted(corpus.grades)
    grade_at = {code: g for g, code in enumerate(grade_codes)}
    size = len(grade_codes) + 1  # the last row and column stand for an unknown grade
    direction = np.zeros((size, size), dtype=np.int8)
    by_equivalence = np.zeros((size, size), dtype=bool)
    for x, a in enumerate(grade_codes):
        for y, b in enumerate(grade_codes):
            direction[x, y], by_equivalence[x, y] = compare(
                corpus.grades[a], corpus.grades[b], corpus.grades, equivalences
            )
    held = [corpus.positions[code] for code in positions]
    grade = np.array([grade_at.get(p.grade, size - 1) for p in held], dtype=np.int64)
    groups = {key: g for g, key in enumerate(sorted({(p.family, TRACKS[p.kind]) for p in held}))}
    group = np.array([groups[(p.family, TRACKS[p.kind])] for p in held], dtype=np.int64)

    real = neighbours >= 0
    target = np.where(real, neighbours, 0)
    source = np.arange(len(held))[:, None]
    step = np.where(real, direction[grade[source], grade[target]], 0).astype(np.int8)
    same_group = group[source] == group[target]
    kind = np.where(step > 0, np.where(same_group, 1, 2), 0).astype(np.int8)
    return Careers(
        direction=step,
        kind=kind,
        by_equivalence=real & by_equivalence[grade[source], grade[target]],
        allowed=real & (step >= 0),
    )
