"""The graph stage in a forked process: the same files as in this process, and its failures reach the build."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kompiler.compiler import compile_path
from kompiler.render import forked
from kompiler.render.forked import Forked, StageFailed
from tests.render.conftest import FIXTURE, build_project, files_of

FORMATS = ("json", "graph", "md", "site")


def test_graph_stage_in_a_child_process_writes_what_it_writes_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forked, "workers", lambda: 2)
    apart = files_of(build_project(FIXTURE, tmp_path / "apart", formats=FORMATS))
    monkeypatch.setattr(forked, "workers", lambda: 1)
    here = files_of(build_project(FIXTURE, tmp_path / "here", formats=FORMATS))
    assert apart == here
    assert {"graph/graph.graphml", "graph/graph.json", "merge/proposals.json", "site/graf.html"} <= set(here)


def _fail() -> None:
    raise ValueError("rusak / broken")


def test_an_error_in_the_child_is_raised_by_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "workers", lambda: 2)
    with Forked(_fail) as stage:
        assert stage.forked
        with pytest.raises(ValueError, match="broken"):
            stage.result()


def test_a_child_that_dies_is_reported_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "workers", lambda: 2)
    with Forked(lambda: os._exit(3)) as stage, pytest.raises(StageFailed, match="3"):
        stage.result()


def test_on_one_core_the_stage_runs_here_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "workers", lambda: 1)
    calls: list[int] = []
    with Forked(lambda: calls.append(os.getpid()) or "selesai") as stage:
        assert not stage.forked and calls == []
        assert stage.result() == "selesai" and stage.result() == "selesai"
    assert calls == [os.getpid()]


def test_releasing_the_texts_changes_no_output(tmp_path: Path) -> None:
    from kompiler.render.build import BuildOptions, build_outputs
    from kompiler.render.output import OutputWriter

    result = compile_path(FIXTURE)
    result.release_texts()
    assert all(document.text == "" for document in result.documents.values())
    writer = OutputWriter(tmp_path / "released")
    build_outputs(result, writer, BuildOptions(formats=FORMATS, project_templates=FIXTURE / "templates"))
    writer.commit()
    assert files_of(tmp_path / "released") == files_of(
        build_project(FIXTURE, tmp_path / "kept", formats=FORMATS)
    )


def test_ctrl_c_while_forking_is_raised_once_the_child_is_stopped(
    monkeypatch: pytest.MonkeyPatch, ctrl_c_after_each_fork: list
) -> None:
    monkeypatch.setattr(forked, "workers", lambda: 2)
    with pytest.raises(KeyboardInterrupt), Forked(lambda: time.sleep(30)):
        pytest.fail("the build must not go on")
    assert ctrl_c_after_each_fork and not ctrl_c_after_each_fork[0].is_alive()
