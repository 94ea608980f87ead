"""The merge stage on real data: O*NET 29.3 against the reference figures of the corpus README."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]
CORPUS = REPO.parent / "shared" / "corpora" / "onet-29.3"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CORPUS / "requirements.csv").is_file(), reason=f"O*NET corpus not found at {CORPUS}"
    ),
]


@pytest.fixture(scope="module")
def metrics() -> dict:
    spec = importlib.util.spec_from_file_location("onet_eval", REPO / "bench" / "onet_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    measured = module.evaluate(CORPUS)
    assert measured["import_errors"] == 0
    return module.beats_reference(measured)


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
