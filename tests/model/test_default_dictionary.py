"""The shipped managerial and socio-cultural dictionary is the PermenPANRB 38/2017 dictionary, field by field."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kompiler.compiler import compile_path
from kompiler.model import CompetencyType

REPO = Path(__file__).parents[2]
CSV_COPIES = [
    REPO / "tests" / "fixtures" / "kamus-kompetensi-permenpanrb-38-2017.csv",
    REPO.parent / "shared" / "domain" / "kamus-kompetensi-permenpanrb-38-2017.csv",
]


def rows_from_model() -> list[dict[str, str]]:
    corpus = compile_path(REPO / "standards", run_checks=False).corpus
    rows = []
    for competency in sorted(corpus.competencies.values(), key=lambda c: c.code):
        if competency.type is CompetencyType.TECHNICAL:
            continue
        for level in competency.levels:
            for indicator in level.indicators:
                rows.append(
                    {
                        "kode": competency.code,
                        "jenis": competency.type.value,
                        "nama": competency.name,
                        "definisi": competency.definition,
                        "level": str(level.level),
                        "deskripsi": level.description,
                        "indikator_no": indicator.number,
                        "indikator": indicator.text,
                    }
                )
    return rows


@pytest.mark.parametrize("csv_path", CSV_COPIES, ids=["fixture-copy", "shared-domain"])
def test_compiled_dictionary_equals_the_regulation_csv(csv_path: Path) -> None:
    if not csv_path.exists():
        pytest.skip(f"{csv_path} is not present on this machine")
    with csv_path.open(encoding="utf-8", newline="") as handle:
        expected = list(csv.DictReader(handle))
    actual = rows_from_model()
    assert len(actual) == len(expected) == 136
    for got, want in zip(actual, expected, strict=True):
        assert got == want


def test_dictionary_shape_matches_the_regulation() -> None:
    rows = rows_from_model()
    assert len({r["kode"] for r in rows}) == 9
    assert len({(r["kode"], r["level"]) for r in rows}) == 45
    integrity_level_2 = [r for r in rows if r["kode"] == "M.01" and r["level"] == "2"]
    assert len(integrity_level_2) == 4
