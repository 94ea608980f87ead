"""The requirements table: the minimal project's position as padded arrays, in the index's numbering."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from kompiler.people.requirements import PAD, TYPES, Requirements
from kompiler.people.table import Index
from kompiler.pipeline import compile_path


def test_the_minimal_position_is_one_row_in_listing_order(minimal_project: Path) -> None:
    corpus = compile_path(minimal_project).corpus
    req = Requirements.of(corpus)
    index = req.index
    assert index.positions == ("NTB.JF.AKPD.MUDA",)
    assert req.width == 11 and req.count.tolist() == [11]
    codes = [index.competencies[c] for c in req.competency[0]]
    assert codes == [*(f"M.0{n}" for n in range(1, 9)), "SK.01", "T.KEU.01", "T.KEU.02"]
    assert req.level[0].tolist() == [2.0] * 9 + [3.0, 2.0]
    assert [TYPES[t].value for t in req.type[0]] == ["manajerial"] * 8 + [
        "sosial_kultural",
        "teknis",
        "teknis",
    ]
    assert np.isnan(req.importance).all()
    assert req.mask.all()
    assert [TYPES[t].value for t in req.competency_type] == [
        corpus.competencies[code].type for code in index.competencies
    ]


def test_rows_are_padded_to_the_longest() -> None:
    index = Index(("A", "B"), ("X", "Y"), {"A": 0, "B": 1}, {"X": 0, "Y": 1})
    req = Requirements.from_rows(
        index, [[(0, 3, 5.0, 0), (1, 2, None, 2)], [(1, 4, None, 2)]], np.array([0, 2])
    )
    assert req.competency.tolist() == [[0, 1], [1, PAD]]
    assert req.level.tolist() == [[3.0, 2.0], [4.0, 0.0]]
    assert req.importance[0, 0] == 5.0 and np.isnan(req.importance[0, 1]) and np.isnan(req.importance[1, 1])
    assert req.mask.tolist() == [[True, True], [True, False]]
    assert req.count.tolist() == [2, 1]
