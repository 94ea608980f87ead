"""Whatever bytes an assessment file holds, reading it gives diagnostics and chunks, never an exception;
and a person kept in a chunk is one whose every cell was read."""

from __future__ import annotations

import math
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompiler.diagnostics import Severity
from kompiler.people.assessment import read_assessments
from kompiler.people.table import Index

POSITIONS = ("NTB.JF.HUMAS.MUDA", "NTB.JF.HUMAS.PERTAMA.KOMINFO")
COMPETENCIES = ("M.01", "M.02", "T.HUMAS.02")
INDEX = Index(
    POSITIONS,
    COMPETENCIES,
    {code: i for i, code in enumerate(POSITIONS)},
    {code: i for i, code in enumerate(COMPETENCIES)},
)
HEADERS = (
    "id,jabatan,tanggal,tujuan,kinerja,potensi,M.01,M.02,T.HUMAS.02\n",
    "id;jabatan;kompetensi;level;tanggal\n",
    "",
)
# Cells near the valid ones, and the hostile ones: quotes, separators, NIPs, formulas, control bytes.
CELLS = st.sampled_from(
    [
        "P-0001",
        "P-0002",
        "",
        " ",
        "3",
        "5",
        "9",
        "3,5",
        '"',
        '"a,b"',
        ",",
        ";",
        "\r\n",
        "\n",
        "=cmd|' /C calc'!A0",
        "198503122010011002",
        "Budi Santoso",
        "2025-03-01",
        "31/02/2025",
        "pengisian",
        "Baik",
        *POSITIONS,
        *COMPETENCIES,
        "\x00",
        "\x1b[31m",
        "\ufeff",
    ]
)
ROWS = st.lists(st.lists(CELLS, max_size=11).map(",".join), max_size=12).map("\n".join)
TEXTS = st.tuples(st.sampled_from(HEADERS), ROWS).map(lambda parts: (parts[0] + parts[1]).encode())
ANY = st.one_of(st.binary(max_size=600), TEXTS, TEXTS.map(lambda b: b.replace(b"e", b"\xe9")))


def check_reading(data: bytes, chunk_rows: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "asesmen.csv"
        path.write_bytes(data)
        assessments = read_assessments(path, INDEX, chunk_rows=chunk_rows, today=date(2026, 1, 1))
        chunks = list(assessments.chunks())
        diagnostics = assessments.diagnostics
    errors = {d.location.line for d in diagnostics if d.severity is Severity.ERROR}
    for chunk in chunks:
        assert len(chunk.position) == len(chunk.levels) == len(chunk.dates) == len(chunk)
        assert not {int(row) for row in chunk.rows} & errors
        assert ((chunk.position >= 0) & (chunk.position < len(POSITIONS))).all()
        for value in chunk.levels.ravel():
            assert math.isnan(value) or value in (1, 2, 3, 4, 5)
        for person in chunk.people:
            assert person and person.isprintable()
    for diagnostic in diagnostics:
        assert diagnostic.code.startswith("KMP2") and diagnostic.message.en


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY, st.sampled_from([1, 2, 1000]))
def test_any_bytes_give_diagnostics_never_an_exception(data: bytes, chunk_rows: int) -> None:
    check_reading(data, chunk_rows)


PEOPLE = st.lists(
    st.tuples(
        st.sampled_from(POSITIONS),
        st.lists(st.sampled_from(["", "1", "2", "3", "4", "5"]), min_size=3, max_size=3),
        st.sampled_from(["", "1", "4", "2.5"]),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(PEOPLE, st.sampled_from([1, 2, 5, 1000]))
def test_the_wide_and_the_long_layout_give_the_same_chunks(people: list, chunk_rows: int) -> None:
    wide = ["id,jabatan,tanggal,kinerja," + ",".join(COMPETENCIES)]
    long = ["id,jabatan,kompetensi,level,tanggal,kinerja"]
    for n, (position, levels, performance) in enumerate(people, start=1):
        wide.append(f"P-{n},{position},2025-03-01,{performance}," + ",".join(levels))
        long += [
            f"P-{n},{position},{code},{level},2025-03-01,{performance}"
            for code, level in zip(COMPETENCIES, levels, strict=True)
            if level
        ] or [f"P-{n},{position},M.01,,2025-03-01,{performance}"]
    read = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, lines in (("wide", wide), ("long", long)):
            path = Path(folder) / f"{name}.csv"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            assessments = read_assessments(path, INDEX, chunk_rows=chunk_rows, today=date(2026, 1, 1))
            chunks = list(assessments.chunks())
            assert not [d for d in assessments.diagnostics if d.severity is Severity.ERROR]
            read[name] = [
                (person, int(chunk.position[i]), chunk.levels[i].tobytes(), chunk.performance[i].tobytes())
                for chunk in chunks
                for i, person in enumerate(chunk.people)
            ]
    assert read["wide"] == read["long"]
    assert len(read["wide"]) == len(people)
