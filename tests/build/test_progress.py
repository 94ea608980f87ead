"""The progress a build reports: each step announces as many units as it then advances, so a bar ends full."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompiler.build import pages
from kompiler.build.orchestrate import FORMATS, BuildOptions, build_outputs
from kompiler.build.output import OutputWriter
from kompiler.pipeline import compile_path
from kompiler.runtime import processes
from tests.conftest import RENDER_FIXTURE


class Recorder:
    """A progress receiver that keeps, per step, the units announced and the units advanced."""

    def __init__(self) -> None:
        self.steps: list[list] = []

    def step(self, label: str, total: int | None) -> None:
        self.steps.append([label, total, 0])

    def advance(self, amount: int = 1) -> None:
        self.steps[-1][2] += amount


@pytest.mark.parametrize("cores", [1, 2])
def test_every_step_advances_exactly_what_it_announced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    monkeypatch.setattr(processes, "workers", lambda: cores)
    monkeypatch.setattr(pages, "PARALLEL_FROM", 1)
    result = compile_path(RENDER_FIXTURE)
    writer = OutputWriter(tmp_path / "output")
    progress = Recorder()
    build_outputs(
        result,
        writer,
        BuildOptions(formats=FORMATS, project_templates=RENDER_FIXTURE / "templates"),
        progress,
    )
    writer.abort()
    labels = [label for label, _, _ in progress.steps]
    assert {"Situs", "Graf", "PDF", "Word"} <= set(labels)
    assert all(total == advanced for _, total, advanced in progress.steps if total is not None), (
        progress.steps
    )
    [(_, pdf_pages)] = [(total, advanced) for label, total, advanced in progress.steps if label == "PDF"]
    assert pdf_pages >= len(result.corpus.positions), (
        "the PDF advances by each page, every position starts one"
    )
