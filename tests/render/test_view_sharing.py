"""Views of positions that require the same things share rows, and each still prints what it wrote."""

from __future__ import annotations

from pathlib import Path

from kompiler.pipeline import compile_path
from kompiler.render.view import publication
from tests.conftest import add_twin_position, compiled_with_3_and_3_0


def test_a_level_written_as_3_0_is_not_printed_as_another_positions_3(minimal_project: Path) -> None:
    result = compiled_with_3_and_3_0(minimal_project, "level")
    views = {view.code: view for view in publication(result.corpus).positions()}
    first = {code: view.requirements()[9] for code, view in views.items()}
    assert repr(first["NTB.JF.AKPD.SATU"].level) == "3"
    assert repr(first["NTB.JF.AKPD.DUA"].level) == "3.0"


def test_equal_requirements_share_one_row(minimal_project: Path) -> None:
    add_twin_position(minimal_project, "NTB.JF.AKPD.DUA")
    result = compile_path(minimal_project)
    one, two = (v for v in publication(result.corpus).positions())
    assert one.requirements() == two.requirements()
    assert all(a is b for a, b in zip(one.requirements(), two.requirements(), strict=True))
    assert one.qualification_sections is two.qualification_sections
