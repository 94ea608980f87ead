"""The merge stage on real data: O*NET 29.3 against the reference figures of the corpus README."""

from __future__ import annotations

import pytest

from tests.conftest import ONET as CORPUS
from tests.conftest import bench_module, needs_onet

pytestmark = [pytest.mark.slow, needs_onet]


@pytest.fixture(scope="module")
def onet_eval():
    return bench_module("onet_eval")


@pytest.fixture(scope="module")
def measured(onet_eval) -> dict:
    figures = onet_eval.evaluate(CORPUS)
    assert figures["import_errors"] == 0
    return figures


@pytest.fixture(scope="module")
def metrics(onet_eval, measured: dict) -> dict:
    return onet_eval.beats_reference(measured)


def test_the_shipped_defaults_group_750_occupations_at_092(measured: dict) -> None:
    """The merge target: at least 750 of the 879 occupations grouped at a pair precision of at least
    0.92, with the shipped defaults (measured: 755 at 0.928; 729 at 0.923 before the level decay)."""
    assert measured["grouped"] >= 750, measured
    assert measured["pair_precision"] >= 0.92, measured


def test_reference_figures_are_those_of_the_readme_method(onet_eval) -> None:
    recomputed = onet_eval.cosine_reference(CORPUS)
    for figure in ("nn_major", "nn_minor", "recall10_primary"):
        assert recomputed[figure] == pytest.approx(onet_eval.REFERENCE[figure], abs=5e-5)


@pytest.mark.parametrize(
    "figure",
    [
        "nn_minor",
        "ari_major",
        "groups_coarse",
        "groups_fine",
        "nn_major",
        "recall10_primary",
    ],
)
def test_reference_figure_is_beaten(metrics: dict, figure: str) -> None:
    assert metrics[figure]
