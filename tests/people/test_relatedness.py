"""Relatedness: the merge stage's similarity across every kind and grade, each position's best kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from kompiler.graph.similarity import candidate_index, features, similarities
from kompiler.merge_settings import MergeSettings
from kompiler.model import Corpus
from kompiler.people.relatedness import Relatedness, related
from kompiler.pipeline import compile_path


@pytest.fixture(scope="module")
def settings(corpus: Corpus) -> MergeSettings:
    return MergeSettings.from_data(corpus.project.get("gabung"))


def dense(table: Relatedness) -> np.ndarray:
    n = len(table.positions)
    out = np.zeros((n, n))
    rows, slots = np.nonzero(table.neighbours >= 0)
    out[rows, table.neighbours[rows, slots]] = table.scores[rows, slots]
    return out


def test_scores_are_the_merge_similarity_where_the_merge_compares(
    corpus: Corpus, settings: MergeSettings
) -> None:
    table = related(corpus, settings, k=len(corpus.positions))
    every_pair = MergeSettings.from_data({**(corpus.project.get("gabung") or {}), "ambang_kemiripan": 0})
    # Relatedness counts every level of a requirement fully; the merge lets higher levels weigh less.
    merge = similarities(corpus, replace(every_pair, level_decay=1.0))
    matrix = dense(table)
    assert len(merge.score) > 20
    np.testing.assert_allclose(matrix[merge.left, merge.right], merge.score, rtol=1e-6)
    np.testing.assert_allclose(matrix[merge.right, merge.left], merge.score, rtol=1e-6)
    np.testing.assert_allclose(matrix, matrix.T, rtol=1e-6)


def test_positions_of_other_grades_and_kinds_are_related(corpus: Corpus, settings: MergeSettings) -> None:
    table = related(corpus, settings)
    humas = dict(table.of("NTB.JF.HUMAS.PERTAMA.KOMINFO"))
    assert {"NTB.JF.HUMAS.MUDA", "NTB.JF.HUMAS.MADYA", "NTB.JF.HUMAS.MAHIR", "NTB.ADM.KOMINFO.IKP"} <= set(
        humas
    )
    assert "NTB.JF.HUMAS.MADYA" in dict(table.of("NTB.ADM.KOMINFO.IKP"))
    assert "NTB.JF.HUMAS.PERTAMA.KOMINFO" not in humas


def test_each_row_keeps_its_best_k_best_first(corpus: Corpus, settings: MergeSettings) -> None:
    full = dense(related(corpus, settings, k=len(corpus.positions)))
    table = related(corpus, settings, k=5)
    assert table.neighbours.shape == (len(corpus.positions), 5)
    assert table.positions == tuple(sorted(corpus.positions))
    for i, row in enumerate(table.scores):
        assert (np.diff(row) <= 0).all()
        best = np.sort(full[i])[::-1][:5]
        np.testing.assert_allclose(row, best, rtol=1e-6)


@pytest.mark.parametrize(("block", "workers"), [(7, 0), (7, 2), (40, 2)])
def test_blocks_and_workers_do_not_change_the_result(
    corpus: Corpus, settings: MergeSettings, block: int, workers: int
) -> None:
    whole = related(corpus, settings, k=12, workers=0)
    blocked = related(corpus, settings, k=12, block=block, workers=workers)
    assert (whole.neighbours == blocked.neighbours).all()
    assert (whole.scores == blocked.scores).all()


def test_a_row_with_fewer_related_positions_is_padded(corpus: Corpus, settings: MergeSettings) -> None:
    table = related(corpus, settings, k=len(corpus.positions))
    assert table.neighbours.shape[1] == len(corpus.positions) - 1
    padded = table.neighbours < 0
    assert padded.any()
    assert (table.scores[padded] == 0).all()
    assert (table.scores[~padded] > 0).all()


def test_the_reverse_index_lists_who_counts_a_position_among_theirs(
    corpus: Corpus, settings: MergeSettings
) -> None:
    table = related(corpus, settings, k=4)
    reverse = table.reverse()
    muda = table.positions.index("NTB.JF.HUMAS.MUDA")
    holders = {table.positions[i] for i in reverse[muda].indices}
    expected = {code for code in table.positions if "NTB.JF.HUMAS.MUDA" in dict(table.of(code))}
    assert holders == expected and holders
    assert reverse.nnz == int((table.neighbours >= 0).sum())


def test_a_single_position_has_no_related_one(minimal_project: Path) -> None:
    corpus = compile_path(minimal_project).corpus
    table = related(corpus, MergeSettings())
    assert table.neighbours.shape == (1, 0) and table.of("NTB.JF.AKPD.MUDA") == []


def test_positions_the_index_leaves_without_tokens_are_related_on_their_full_evidence(
    corpus: Corpus, settings: MergeSettings
) -> None:
    # A budget so small that the candidate index keeps only the rarest tokens: many positions lose all.
    tight = replace(settings, index_budget=400)
    feats = features(corpus.positions.values())
    _, indexes = candidate_index(feats, tight)
    empty = np.ones(len(feats.positions), dtype=bool)
    for matrix in indexes.values():
        empty &= np.diff(matrix.indptr) == 0
    assert 10 < empty.sum() < len(empty)
    table = related(corpus, tight, k=5, feats=feats)
    assert (table.neighbours[empty, 0] >= 0).all()
    # Their scores are the similarity on the full evidence (here every pair of the small corpus fits
    # the default budget, so the untouched settings give exactly that).
    exact = dense(related(corpus, settings, k=len(corpus.positions), feats=feats))
    rows, slots = np.nonzero(empty[:, None] & (table.neighbours >= 0))
    np.testing.assert_allclose(
        table.scores[rows, slots], exact[rows, table.neighbours[rows, slots]], rtol=1e-6
    )
    for row in np.flatnonzero(empty):
        assert (np.diff(table.scores[row]) <= 0).all()
