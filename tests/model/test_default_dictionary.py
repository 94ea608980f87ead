"""The managerial and socio-cultural dictionary kompiler ships is the PermenPANRB 38/2017 dictionary, word for
word: every name, definition, level description and indicator, wherever a copy of it lives (the default
corpus, the ``init`` scaffold, the test fixtures).

The regulation's text is the CSV in ``tests/fixtures``; where the shared domain folder sits beside the clone
(as in CI), that copy must be the same file, so a correction made there cannot be missed here."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kompiler.authoring.scaffold import scaffold
from kompiler.model import CompetencyType
from kompiler.pipeline import compile_path

REPO = Path(__file__).parents[2]
CSV_NAME = "kamus-kompetensi-permenpanrb-38-2017.csv"
FIXTURE_CSV = REPO / "tests" / "fixtures" / CSV_NAME
SHARED_CSV = REPO.parent / "shared" / "domain" / CSV_NAME
FIXTURE_PROJECTS = ("minimal", "render", "versi-0")
Row = dict[str, str]


def read_csv(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rows_from_model(project: Path) -> list[Row]:
    """One row per indicator of the project's managerial and socio-cultural dictionaries, as the CSV has."""
    corpus = compile_path(project, run_checks=False).corpus
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


def differences(actual: list[Row], expected: list[Row]) -> list[str]:
    """Each field that differs from the regulation, named by competency, level and indicator."""
    by_key = {(r["kode"], r["level"], r["indikator_no"]): r for r in expected}
    found = []
    for row in actual:
        key = (row["kode"], row["level"], row["indikator_no"])
        want = by_key.get(key)
        if want is None:
            found.append(f"{key}: not in the regulation")
            continue
        found += [
            f"{key} {field}: {row[field]!r} != {want[field]!r}" for field in want if row[field] != want[field]
        ]
    return found


@pytest.fixture(scope="module")
def regulation() -> list[Row]:
    return read_csv(FIXTURE_CSV)


def test_fixture_copy_of_the_regulation_is_the_shared_one() -> None:
    if not SHARED_CSV.is_file():
        pytest.skip(f"{SHARED_CSV} is not present beside this clone")
    assert read_csv(FIXTURE_CSV) == read_csv(SHARED_CSV)


def test_regulation_copy_has_the_regulation_shape(regulation: list[Row]) -> None:
    assert len(regulation) == 136
    assert len({r["kode"] for r in regulation}) == 9
    assert len({(r["kode"], r["level"]) for r in regulation}) == 45
    assert sum(1 for r in regulation if r["kode"] == "M.01" and r["level"] == "2") == 4


def test_default_corpus_dictionary_equals_the_regulation(regulation: list[Row]) -> None:
    actual = rows_from_model(REPO / "standards")
    assert differences(actual, regulation) == []
    assert len(actual) == len(regulation)


def test_init_scaffold_dictionary_equals_the_regulation(tmp_path: Path, regulation: list[Row]) -> None:
    scaffold(tmp_path / "baru")
    actual = rows_from_model(tmp_path / "baru" / "standards")
    assert differences(actual, regulation) == []
    assert len(actual) == len(regulation)


@pytest.mark.parametrize("name", FIXTURE_PROJECTS)
def test_fixture_dictionaries_quote_the_regulation(name: str, regulation: list[Row]) -> None:
    """Fixtures may carry part of the dictionary; what they carry is the regulation's text."""
    actual = rows_from_model(REPO / "tests" / "fixtures" / name)
    assert actual
    assert differences(actual, regulation) == []
