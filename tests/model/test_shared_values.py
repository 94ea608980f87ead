"""Positions that write the same texts and values share them, and each still reads exactly as written."""

from __future__ import annotations

from pathlib import Path

from kompiler.pipeline import compile_path
from kompiler.render.model_json import model_dict
from tests.conftest import add_twin_position, compiled_with_3_and_3_0


def test_equal_numbers_of_different_types_stay_as_each_position_wrote_them(minimal_project: Path) -> None:
    result = compiled_with_3_and_3_0(minimal_project, "kepentingan")
    rated = {code: position.requirements[9].importance for code, position in result.corpus.positions.items()}
    assert rated == {"NTB.JF.AKPD.SATU": 3, "NTB.JF.AKPD.DUA": 3.0}
    assert [type(value) for _, value in sorted(rated.items())] == [float, int]
    written = {p["kode"]: p for p in model_dict(result.corpus)["jabatan"]}
    assert repr(written["NTB.JF.AKPD.DUA"]["kompetensi"]["teknis"][0]["kepentingan"]) == "3.0"
    assert repr(written["NTB.JF.AKPD.SATU"]["kompetensi"]["teknis"][0]["kepentingan"]) == "3"


def test_positions_that_write_the_same_requirement_share_one(minimal_project: Path) -> None:
    add_twin_position(minimal_project, "NTB.JF.AKPD.DUA")
    result = compile_path(minimal_project)
    first, second = (result.corpus.positions[c] for c in ("NTB.JF.AKPD.MUDA", "NTB.JF.AKPD.DUA"))
    assert first.requirements == second.requirements
    assert all(a is b for a, b in zip(first.requirements, second.requirements, strict=True))
    assert first.tasks is second.tasks and first.qualifications.education == second.qualifications.education
    assert first.code is not second.code
