"""Career moves: tiers across kinds through penyetaraan, and horizontal, vertical and diagonal moves."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from kompiler.model import Corpus
from kompiler.model.entities import Confidence, Equivalence, Origin
from kompiler.people.career import KINDS, classify, compare
from kompiler.people.results import MoveKind

ORIGIN = Origin(None, ())  # type: ignore[arg-type]  # never read


def equal(grade: str, equivalent: str) -> Equivalence:
    return Equivalence(grade, equivalent, None, Confidence.VERIFIED, ORIGIN)


PENYETARAAN = (equal("ADMINISTRATOR", "AHLI-MADYA"), equal("PENGAWAS", "AHLI-MUDA"))


def step(corpus: Corpus, a: str, b: str, equivalences=PENYETARAAN) -> tuple[int, bool]:
    return compare(corpus.grades[a], corpus.grades[b], corpus.grades, equivalences)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("AHLI-PERTAMA", "AHLI-MUDA", (1, False)),  # one kind: by urutan
        ("AHLI-MADYA", "AHLI-MUDA", (-1, False)),
        ("MAHIR", "PENYELIA", (1, False)),
        ("ADMINISTRATOR", "AHLI-MADYA", (0, True)),  # named equal
        ("AHLI-MADYA", "ADMINISTRATOR", (0, True)),  # read both ways
        ("ADMINISTRATOR", "AHLI-UTAMA", (1, True)),  # carried into the other's kind
        ("AHLI-MUDA", "ADMINISTRATOR", (1, True)),
        ("ADMINISTRATOR", "AHLI-MUDA", (-1, True)),
        ("AHLI-PERTAMA", "PENGAWAS", (1, True)),
        ("PENGAWAS", "ADMINISTRATOR", (1, False)),  # no penyetaraan between them: managerial level
        ("ADMINISTRATOR", "JPT-PRATAMA", (1, False)),
        ("PELAKSANA", "PEMULA", (0, False)),  # level 1 and rank II/a both
        ("AHLI-PERTAMA", "TERAMPIL", (-1, False)),  # level 1 both, lowest rank III/a above II/c
        ("MAHIR", "AHLI-PERTAMA", (0, False)),
    ],
)
def test_grades_compare_across_kinds(corpus: Corpus, a: str, b: str, expected: tuple[int, bool]) -> None:
    assert step(corpus, a, b) == expected


def test_without_penyetaraan_administrator_and_ahli_madya_compare_by_level_and_rank(corpus: Corpus) -> None:
    # Both require managerial level 3; Ahli Madya's lowest rank (IV/a) is above Administrator's (III/d).
    assert step(corpus, "ADMINISTRATOR", "AHLI-MADYA", ()) == (1, False)


def test_an_unknown_grade_compares_as_equal(corpus: Corpus) -> None:
    assert compare(None, corpus.grades["AHLI-MUDA"], corpus.grades, PENYETARAAN) == (0, False)


def test_a_grade_without_a_rank_compares_by_level_only(corpus: Corpus) -> None:
    grades = dict(corpus.grades)
    grades["TERAMPIL"] = replace(grades["TERAMPIL"], rank_min=None)
    assert compare(grades["AHLI-PERTAMA"], grades["TERAMPIL"], grades, ()) == (0, False)


def moves(corpus: Corpus, source: str, targets: list[str], equivalences=PENYETARAAN):
    positions = tuple(sorted(corpus.positions))
    row = [positions.index(t) for t in targets] + [-1]
    neighbours = np.full((len(positions), len(row)), -1, dtype=np.int32)
    neighbours[positions.index(source)] = row
    careers = classify(corpus, positions, neighbours, equivalences)
    at = positions.index(source)
    return (
        {
            t: (KINDS[careers.kind[at, k]], bool(careers.by_equivalence[at, k]), bool(careers.allowed[at, k]))
            for k, t in enumerate(targets)
        },
        careers,
        at,
    )


def test_moves_are_horizontal_vertical_or_diagonal(corpus: Corpus) -> None:
    found, careers, at = moves(
        corpus,
        "NTB.JF.HUMAS.PERTAMA.KOMINFO",
        [
            "NTB.JF.HUMAS.MUDA",  # higher, same family and track
            "NTB.JF.HUMAS.PERTAMA.DIKES",  # same grade
            "NTB.JF.PRAKOM.MUDA",  # higher, another family
            "NTB.ADM.KOMINFO.IKP",  # same family, structural: another group; Administrator ≡ Ahli Madya
            "NTB.JF.HUMAS.TERAMPIL",  # lower
        ],
    )
    assert found == {
        "NTB.JF.HUMAS.MUDA": (MoveKind.VERTICAL, False, True),
        "NTB.JF.HUMAS.PERTAMA.DIKES": (MoveKind.HORIZONTAL, False, True),
        "NTB.JF.PRAKOM.MUDA": (MoveKind.DIAGONAL, False, True),
        "NTB.ADM.KOMINFO.IKP": (MoveKind.DIAGONAL, True, True),
        "NTB.JF.HUMAS.TERAMPIL": (MoveKind.HORIZONTAL, False, False),
    }
    assert careers.direction[at].tolist() == [1, 0, 1, 1, -1, 0]
    assert not careers.allowed[at, -1] and not careers.by_equivalence[at, -1]


def test_an_administrator_moves_to_ahli_madya_by_penyetaraan(corpus: Corpus) -> None:
    found, _, _ = moves(corpus, "NTB.ADM.KOMINFO.IKP", ["NTB.JF.HUMAS.MADYA", "NTB.PWS.KOMINFO.UMUM"])
    assert found["NTB.JF.HUMAS.MADYA"] == (MoveKind.HORIZONTAL, True, True)
    assert found["NTB.PWS.KOMINFO.UMUM"][2] is False  # Pengawas is below Administrator
    without, _, _ = moves(corpus, "NTB.ADM.KOMINFO.IKP", ["NTB.JF.HUMAS.MADYA"], equivalences=())
    assert without["NTB.JF.HUMAS.MADYA"] == (MoveKind.DIAGONAL, False, True)


def test_structural_promotion_in_one_family_is_vertical(corpus: Corpus) -> None:
    found, _, _ = moves(corpus, "NTB.PWS.KOMINFO.UMUM", ["NTB.ADM.BIROUMUM.TU"])
    assert corpus.positions["NTB.PWS.KOMINFO.UMUM"].family == corpus.positions["NTB.ADM.BIROUMUM.TU"].family
    assert found["NTB.ADM.BIROUMUM.TU"] == (MoveKind.VERTICAL, False, True)


def test_downward_moves_are_recorded_and_left_out(corpus: Corpus) -> None:
    found, careers, at = moves(
        corpus, "NTB.JF.HUMAS.MUDA", ["NTB.JF.HUMAS.PERTAMA.KOMINFO", "NTB.JF.HUMAS.MADYA"]
    )
    assert found["NTB.JF.HUMAS.PERTAMA.KOMINFO"][2] is False
    assert found["NTB.JF.HUMAS.MADYA"] == (MoveKind.VERTICAL, False, True)
    assert careers.direction[at, :2].tolist() == [-1, 1]
