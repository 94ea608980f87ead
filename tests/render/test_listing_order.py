"""BAB II lists a family's positions by structure, senior first, in the order jenjang.yaml lists grades."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from kompiler.pipeline import compile_path
from kompiler.render.view import publication
from tests.conftest import REPO


def _listed(project: Path) -> dict[str, list[tuple[str, str]]]:
    """Each family's (grade, code) of its positions, as the documents list them."""
    corpus = compile_path(project).corpus
    return {
        family.code: [(corpus.positions[p.code].grade, p.code) for p in family.positions]
        for family in publication(corpus).families
    }


def test_the_shipped_appendix_lists_pengawas_before_pelaksana() -> None:
    listed = _listed(REPO / "standards")
    grades = [g["kode"] for g in yaml.safe_load((REPO / "standards" / "jenjang.yaml").read_text())["jenjang"]]
    for family, positions in listed.items():
        assert positions == sorted(positions, key=lambda gc: (grades.index(gc[0]), gc[1])), family
    # By code alone, NTB.PLK.* (pelaksana) sorted before NTB.PNG.* (pengawas) in a family holding both.
    mixed = [p for p in listed.values() if {"PENGAWAS", "PELAKSANA"} <= {grade for grade, _ in p}]
    assert mixed
    for positions in mixed:
        kinds = [grade for grade, _ in positions if grade in ("PENGAWAS", "PELAKSANA")]
        assert kinds == sorted(kinds, key=["PENGAWAS", "PELAKSANA"].index)


def test_the_drafters_order_of_grades_is_followed(tmp_path: Path) -> None:
    """Reversing jenjang.yaml reverses the order of grades in BAB II: the order is the drafters' file."""
    project = tmp_path / "p"
    shutil.copytree(REPO / "standards", project, ignore=shutil.ignore_patterns(".kompiler-cache"))
    path = project / "jenjang.yaml"
    data = yaml.safe_load(path.read_text())
    data["jenjang"].reverse()
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    reversed_grades = [g["kode"] for g in data["jenjang"]]
    for family, positions in _listed(project).items():
        assert positions == sorted(positions, key=lambda gc: (reversed_grades.index(gc[0]), gc[1])), family
