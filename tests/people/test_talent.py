"""The 9-box from the policy's cut points, and a position's talent pool ranked by readiness."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import numpy as np

from kompiler.build.people import prepare_compiled
from kompiler.model import Corpus
from kompiler.people.assessment import read_assessments
from kompiler.people.table import Index
from kompiler.people.talent import TalentBox, axis_class, box_of, talent_chunk, talent_pool
from kompiler.pipeline import compile_path
from kompiler.render.people.view import box_text
from tests.people.conftest import STANDARDS
from tests.people.engine_helpers import chunk, development, match_policy, requirements
from tests.people.test_provenance import run_step

COMPETENCIES = ("M.01", "T.01")
REQ = requirements({"JAB.A": [("M.01", 2), ("T.01", 4)], "JAB.B": [("M.01", 3)]}, COMPETENCIES)


def test_axis_classes_take_each_cut_as_the_lower_bound_of_the_class_above() -> None:
    found = axis_class(np.array([1.0, 1.99, 2.0, 2.5, 2.99, 3.0, 5.0, np.nan]), (2.0, 3.0))
    assert found.tolist() == [1, 1, 2, 2, 2, 3, 3, 0]


def test_the_box_is_named_by_performance_and_potential_and_needs_both() -> None:
    policy = development({}).talent
    c = chunk(REQ.index, [("JAB.A", {})] * 3, performance=[3.0, 1.0, np.nan], potential=[2.0, 3.0, 3.0])
    columns = talent_chunk(c, policy)
    assert columns.performance.tolist() == [3, 1, 0] and columns.potential.tolist() == [2, 3, 3]
    assert [box_of(columns, i, policy) for i in range(3)] == [
        TalentBox(None, "Kotak 3-2"),
        TalentBox(None, "Kotak 1-3"),
        None,
    ]
    numbered = type(policy)(**{**policy.__dict__, "numbers": {(3, 2): 7}})
    assert box_of(columns, 0, numbered) == TalentBox(7, "Kotak 3-2")


def test_a_document_words_the_box_in_its_language() -> None:
    """An English document says "Box 9", never the Indonesian "Kotak 9" (the box's name is the policy's)."""
    box = TalentBox(9, "Kinerja di atas ekspektasi dan potensial tinggi")
    assert box_text(box, "id") == "Kotak 9: Kinerja di atas ekspektasi dan potensial tinggi"
    assert box_text(box, "en") == "Box 9: Kinerja di atas ekspektasi dan potensial tinggi"
    assert box_text(TalentBox(None, "Tinggi"), "en") == "Tinggi" and box_text(None, "en") == ""


PEOPLE = [
    ("JAB.A", {"M.01": 3, "T.01": 2}),  # for JAB.B: 100
    ("JAB.B", {"M.01": 3}),  # holds JAB.B
    ("JAB.A", {"M.01": 2, "T.01": 4}),  # 66.67
    ("JAB.A", {"M.01": 3, "T.01": 4}),  # 100, later in the file
    ("JAB.A", {"T.01": 4}),  # 0
]


def test_the_pool_ranks_by_readiness_keeps_file_order_on_ties_and_leaves_holders_out() -> None:
    c = chunk(REQ.index, PEOPLE)
    pool = talent_pool([c], REQ.index.position_at["JAB.B"], REQ, match_policy())
    assert [(p.person, p.readiness, p.band) for p in pool] == [
        ("P-0001", 100.0, "memenuhi_syarat"),
        ("P-0004", 100.0, "memenuhi_syarat"),
        ("P-0003", 66.67, "kurang_memenuhi_syarat"),
        ("P-0005", 0.0, "kurang_memenuhi_syarat"),
    ]
    assert pool[0].position == "JAB.A" and pool[1].row == 5
    with_holders = talent_pool([c], REQ.index.position_at["JAB.B"], REQ, match_policy(), include_holders=True)
    assert [p.person for p in with_holders][:3] == ["P-0001", "P-0002", "P-0004"]


def test_the_pool_is_the_same_however_the_file_is_chunked_and_keeps_only_the_limit() -> None:
    whole = chunk(REQ.index, PEOPLE)
    parts = [chunk(REQ.index, PEOPLE[:2]), chunk(REQ.index, PEOPLE[2:4]), chunk(REQ.index, PEOPLE[4:])]
    parts = [
        type(p)(**{**p.__dict__, "people": tuple(f"P-{k + 1:04d}" for k in range(s, s + len(p)))})
        for p, s in zip(parts, (0, 2, 4), strict=True)
    ]
    at = REQ.index.position_at["JAB.B"]

    def ranked(chunks, **options):
        return [
            (p.person, p.readiness, p.band) for p in talent_pool(chunks, at, REQ, match_policy(), **options)
        ]

    assert ranked(parts) == ranked([whole]) and len(ranked(parts)) == 4
    top = talent_pool(parts, at, REQ, match_policy(), limit=2)
    assert [p.person for p in top] == ["P-0001", "P-0004"]


# The audit's file: performance as PermenPANRB 6/2022 rating words, potential on the file's 1–5.
RATED = (
    "id;jabatan;tanggal;kinerja;potensi;M.01\n"
    "P-1;NTB.JF.HUMAS.PERTAMA.KOMINFO;2025-03-10;Butuh Perbaikan;3;2\n"
    "P-2;NTB.JF.HUMAS.PERTAMA.KOMINFO;2025-03-10;Kurang;2;2\n"
    "P-3;NTB.JF.HUMAS.PERTAMA.KOMINFO;2025-03-10;Baik;4,5;2\n"
    "P-4;NTB.JF.HUMAS.PERTAMA.KOMINFO;2025-03-10;Sangat Baik;5;2\n"
)


def _boxes(corpus: Corpus, path: Path) -> list[str]:
    policy = corpus.development.talent
    assert policy is not None
    [read] = read_assessments(path, Index.of(corpus), today=date(2026, 1, 15)).chunks()
    columns = talent_chunk(read, policy)
    return [box_text(box_of(columns, i, policy), "id") for i in range(len(read))]


def test_the_shipped_policy_cuts_ratings_on_the_scale_they_are_read_on(
    corpus: Corpus, tmp_path: Path
) -> None:
    """Butuh Perbaikan (3 on the file's 1–5) is below expectation, never the top box; Baik is as expected,
    Sangat Baik above (PermenPANRB 6/2022's meaning of the ratings)."""
    path = tmp_path / "k.csv"
    path.write_text(RATED, encoding="utf-8")
    assert _boxes(corpus, path) == [
        "Kotak 3: Kinerja di bawah ekspektasi dan potensial menengah",
        "Kotak 1: Kinerja di bawah ekspektasi dan potensial rendah",
        "Kotak 8: Kinerja sesuai ekspektasi dan potensial tinggi",
        "Kotak 9: Kinerja di atas ekspektasi dan potensial tinggi",
    ]


def test_a_value_outside_the_policys_scale_is_refused_at_its_cell(tmp_path: Path) -> None:
    """An agency rating potential 1–3 says so (``skala: [1, 3]``): a 4 in its file is an error at the
    cell, not a person silently put in the top row."""
    project = tmp_path / "standar"
    shutil.copytree(STANDARDS, project, ignore=shutil.ignore_patterns(".kompiler-cache"))
    talent = project / "pengembangan" / "talenta.yaml"
    text = talent.read_text(encoding="utf-8")
    narrowed = text.replace(
        "  potensi:\n    skala:\n      - 1\n      - 5\n    batas:\n      - 3\n      - 4\n",
        "  potensi:\n    skala:\n      - 1\n      - 3\n    batas:\n      - 2\n      - 3\n",
    )
    assert narrowed != text
    talent.write_text(narrowed, encoding="utf-8")
    path = tmp_path / "k.csv"
    path.write_text(RATED, encoding="utf-8")
    prepared = prepare_compiled(compile_path(project), path, allow_personal=False, purpose=None, locale="en")
    found = [(d.code, d.location.line, d.location.column) for d in prepared.diagnostics]
    assert found == [("KMP214", 4, 5), ("KMP214", 5, 5)]
    first = prepared.diagnostics[0].message
    assert first.en.startswith("This potential value is outside the scale 1–3 the talent policy states")
    assert first.id.startswith("Nilai potensi ini di luar skala 1–3 ")
    assert "4,5" not in first.id + first.en


def test_the_english_gaps_document_says_box(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text(RATED, encoding="utf-8")
    target = tmp_path / "hasil"
    run_step(compile_path(STANDARDS), path, target, "gaps", locale="en")
    document = (target / "kesenjangan" / "P-4.md").read_text(encoding="utf-8")
    assert "| Talent box | Box 9: Kinerja di atas ekspektasi dan potensial tinggi |" in document
    assert "Kotak" not in document
    summary = (target / "ringkasan.csv").read_text(encoding="utf-8")
    # A table's values stay as an HR import is configured against them, whatever the documents' locale.
    assert "Kotak 9: Kinerja di atas ekspektasi dan potensial tinggi" in summary and "Box" not in summary
    indonesian = tmp_path / "hasil-id"
    run_step(compile_path(STANDARDS), path, indonesian, "gaps")
    assert (indonesian / "ringkasan.csv").read_bytes() == (target / "ringkasan.csv").read_bytes()
    assert "| Kotak talenta | Kotak 9: " in (indonesian / "kesenjangan" / "P-4.md").read_text(
        encoding="utf-8"
    )
