"""One build of the render fixture project per test session, shared by the render and site tests."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
from pathlib import Path

import pytest

from kompiler.compiler import compile_path
from kompiler.render.build import BuildOptions, build_outputs
from kompiler.render.output import OutputWriter

FIXTURE = Path(__file__).parents[1] / "fixtures" / "render"


def build_project(project: Path, output: Path, **options: object) -> Path:
    """Compile ``project`` and write every output into ``output`` through the real writer."""
    result = compile_path(project)
    assert result.ok, [d.message.en for d in result.diagnostics]
    writer = OutputWriter(output)
    try:
        build_outputs(result, writer, BuildOptions(project_templates=project / "templates", **options))
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return output


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of the render fixture project, built once."""
    return build_project(FIXTURE, tmp_path_factory.mktemp("render") / "output")


@pytest.fixture
def render_project(tmp_path: Path) -> Path:
    """A private copy of the render fixture project, to modify in a test."""
    target = tmp_path / "standar"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def ctrl_c_after_each_fork(monkeypatch: pytest.MonkeyPatch) -> list[multiprocessing.context.ForkProcess]:
    """Send this process SIGINT right after every fork, as a Ctrl+C at the worst moment would; the list
    fills with the processes started."""
    started: list[multiprocessing.context.ForkProcess] = []
    start = multiprocessing.context.ForkProcess.start

    def interrupted_start(process: multiprocessing.context.ForkProcess) -> None:
        start(process)
        started.append(process)
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", interrupted_start)
    return started
