"""The site's graph picture: each position's strongest links, chosen the same whatever the pair order; family
boxes apart with their titles whole; linked positions and merge groups side by side; fast at national scale."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import numpy as np

from kompiler.graph.picture import (
    CELL_HEIGHT,
    CELL_WIDTH,
    HEADER,
    LABEL_LIMIT,
    LINE_CHARACTERS,
    PADDING,
    TITLE_CHARACTER,
    FamilyKey,
    GraphEdge,
    MergeGroup,
    label_lines,
    layout,
    strongest,
)


def test_the_strongest_pairs_of_each_position_are_kept() -> None:
    codes = ["D", "A", "C", "B"]
    # pairs: D-A 0.9, D-C 0.5, D-B 0.5, A-C 0.7, C-B 0.2
    left = np.array([0, 0, 0, 1, 2])
    right = np.array([1, 2, 3, 2, 3])
    score = np.array([0.9, 0.5, 0.5, 0.7, 0.2])
    # D's best is D-A; A's is D-A; C's is A-C; B's is D-B (0.5, above C-B at 0.2).
    assert strongest(codes, left, right, score, 1).tolist() == [0, 2, 3]
    assert strongest(codes, left, right, score, 5).tolist() == [0, 1, 2, 3, 4]
    assert strongest(codes, left, right, score, 0).tolist() == []


def test_equal_scores_are_decided_by_the_codes_not_the_order_of_the_pairs() -> None:
    codes = ["C", "A", "B"]
    # pairs: A-C 0.5, A-B 0.5, B-C 0.9: A's one pair is A-B (B comes before C), B's and C's is B-C.
    left, right, score = np.array([1, 1, 2]), np.array([0, 2, 0]), np.array([0.5, 0.5, 0.9])
    assert strongest(codes, left, right, score, 1).tolist() == [1, 2]
    swapped = strongest(codes, left[[1, 0, 2]], right[[1, 0, 2]], score[[1, 0, 2]], 1)
    assert swapped.tolist() == [0, 2]


def _corpus(families: dict[str, tuple[str, str | None]], positions: dict[str, tuple[str, str]]) -> Any:
    """What :func:`layout` reads of a corpus: positions (code, name, family) and families (name, parent)."""
    return SimpleNamespace(
        families={
            code: SimpleNamespace(name=name, parent=parent) for code, (name, parent) in families.items()
        },
        positions={
            code: SimpleNamespace(code=code, name=name, family=f) for code, (name, f) in positions.items()
        },
    )


def _overlap(a: FamilyKey, b: FamilyKey) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def test_families_are_boxes_apart_with_their_whole_title_and_their_positions_inside() -> None:
    families = {
        f"RJ-{i:02d}": (f"Rumpun Jabatan Nomor {i} dengan Nama yang Cukup Panjang", None) for i in range(30)
    }
    families["RJ-05.A"] = ("Sub-rumpun", "RJ-05")
    positions = {
        f"P.{i:04d}": (f"Jabatan Fungsional Nomor {i} Ahli Pertama di Unit Kerja", f"RJ-{i % 30:02d}")
        for i in range(900)
    }
    positions["P.SUB"] = ("Satu-satunya di sub-rumpun", "RJ-05.A")
    picture = layout(_corpus(families, positions), [])
    boxes = {family.code: family for family in picture.families}
    assert len(boxes) == 31
    assert [f.code for f in picture.families].index("RJ-05.A") == [f.code for f in picture.families].index(
        "RJ-05"
    ) + 1
    assert not any(_overlap(a, b) for i, a in enumerate(picture.families) for b in picture.families[i + 1 :])
    for family in picture.families:
        assert family.title == family.name  # every title fits its box
        assert len(family.title) * TITLE_CHARACTER <= family.width - 2 * PADDING
        assert family.x + family.width <= picture.width and family.y + family.height <= picture.height
    cells = {(node.x, node.y) for node in picture.nodes}
    assert len(cells) == len(picture.nodes) == 901
    for node in picture.nodes:
        box = boxes[node.family]
        assert (
            box.x < node.x < box.x + box.width - CELL_WIDTH + 20
            and box.y + HEADER < node.y < box.y + box.height
        )
        assert node.label and all(len(line) <= LINE_CHARACTERS for line in node.label)


def test_linked_positions_and_merge_groups_are_neighbours_and_marked() -> None:
    positions = {f"P.{i}": (f"Jabatan {i}", "RJ") for i in range(9)}
    edges = [GraphEdge("P.0", "P.7", 0.9), GraphEdge("P.7", "P.3", 0.8), GraphEdge("P.1", "P.8", 0.5)]
    group = MergeGroup("USUL.1", ("P.0", "P.3", "P.7"), 0.85)
    picture = layout(_corpus({"RJ": ("Rumpun", None)}, positions), edges, [group])
    place = {node.code: (node.x, node.y) for node in picture.nodes}
    # The group P.0, P.3, P.7 as one run, then a walk along the links: P.1, then P.8 beside it.
    for a, b in (("P.0", "P.3"), ("P.3", "P.7"), ("P.1", "P.8")):
        (ax, ay), (bx, by) = place[a], place[b]
        assert abs(ax - bx) + abs(ay - by) in (CELL_WIDTH, CELL_HEIGHT)
    assert {node.code for node in picture.nodes if node.group} == {"P.0", "P.3", "P.7"}
    assert picture.groups == (MergeGroup("USUL.1", ("P.0", "P.3", "P.7"), 0.85),)  # joined in placed order
    assert layout(_corpus({"RJ": ("Rumpun", None)}, positions), edges, [group]) == picture


def test_a_merge_group_is_a_run_of_neighbouring_cells_whatever_its_links() -> None:
    positions = {f"P.{i}": (f"Jabatan {i}", "RJ") for i in range(12)}
    edges = [GraphEdge("P.0", f"P.{i}", 0.9 - i / 100) for i in range(1, 12) if i != 9]
    group = MergeGroup("USUL.2", ("P.11", "P.9", "P.5"), 0.6)  # P.9 has no link at all
    picture = layout(_corpus({"RJ": ("Rumpun", None)}, positions), edges, [group])
    place = {node.code: (node.x, node.y) for node in picture.nodes}
    (chain,) = picture.groups
    assert sorted(chain.members) == ["P.11", "P.5", "P.9"]
    for a, b in zip(chain.members, chain.members[1:], strict=False):
        (ax, ay), (bx, by) = place[a], place[b]
        assert abs(ax - bx) + abs(ay - by) in (CELL_WIDTH, CELL_HEIGHT)


def test_a_national_corpus_names_only_the_merge_groups_members_and_lays_out_quickly() -> None:
    families = {f"RJ-{i:03d}": (f"Rumpun {i}", None) for i in range(120)}
    positions = {
        f"P.{i:05d}": (f"Jabatan {i}", f"RJ-{i % 120:03d}" if i % 7 else "RJ-000") for i in range(30_000)
    }
    group = MergeGroup("USUL.1", ("P.00001", "P.00002"), 0.7)
    started = time.perf_counter()
    picture = layout(_corpus(families, positions), [], [group])
    assert time.perf_counter() - started < 5.0
    assert len(picture.nodes) == 30_000 > LABEL_LIMIT
    assert 1.0 < picture.width / picture.height < 3.0  # a screen's shape, not a strip
    assert {node.code for node in picture.nodes if node.label} == {"P.00001", "P.00002"}
    assert not any(_overlap(a, b) for i, a in enumerate(picture.families) for b in picture.families[i + 1 :])


def test_a_label_breaks_between_words_and_says_when_it_is_cut() -> None:
    assert label_lines("Analis Keuangan Pusat dan Daerah Ahli Muda") == (
        "Analis Keuangan Pusat dan",
        "Daerah Ahli Muda",
    )
    assert label_lines("Pengelola") == ("Pengelola",)
    cut = label_lines("Kepala Bagian Protokol dan Komunikasi Pimpinan Biro Administrasi Pimpinan")
    assert cut == ("Kepala Bagian Protokol dan", "Komunikasi Pimpinan Biro …")
    assert label_lines("X" * 40) == ("X" * (LINE_CHARACTERS - 1) + "…",)
