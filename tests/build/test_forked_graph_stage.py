"""The graph stage in a forked process: the same files as in this process, and its failures reach the build."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kompiler.pipeline import compile_path
from kompiler.runtime import processes
from kompiler.runtime.forked import Forked, StageFailed
from tests.conftest import RENDER_FIXTURE, build_project, files_of

FORMATS = ("json", "graph", "md", "site")


def test_graph_stage_in_a_child_process_writes_what_it_writes_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(processes, "workers", lambda: 2)
    apart = files_of(build_project(RENDER_FIXTURE, tmp_path / "apart", formats=FORMATS))
    monkeypatch.setattr(processes, "workers", lambda: 1)
    here = files_of(build_project(RENDER_FIXTURE, tmp_path / "here", formats=FORMATS))
    assert apart == here
    assert {"graph/graph.graphml", "graph/graph.json", "merge/proposals.json", "site/graf.html"} <= set(here)


def _fail() -> None:
    raise ValueError("rusak / broken")


def test_an_error_in_the_child_is_raised_by_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "workers", lambda: 2)
    with Forked(_fail) as stage:
        assert stage.forked
        with pytest.raises(ValueError, match="broken"):
            stage.result()


def test_a_child_that_dies_is_reported_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "workers", lambda: 2)
    with Forked(lambda: os._exit(3)) as stage, pytest.raises(StageFailed, match="3"):
        stage.result()


def test_on_one_core_the_stage_runs_here_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "workers", lambda: 1)
    calls: list[int] = []
    with Forked(lambda: calls.append(os.getpid()) or "selesai") as stage:
        assert not stage.forked and calls == []
        assert stage.result() == "selesai" and stage.result() == "selesai"
    assert calls == [os.getpid()]


def test_releasing_the_sources_changes_no_output(tmp_path: Path) -> None:
    from kompiler.build.orchestrate import BuildOptions, build_outputs
    from kompiler.build.output import OutputWriter

    result = compile_path(RENDER_FIXTURE)
    result.release_sources()
    assert all(d.text == "" and d.data is None for d in result.documents.values())
    writer = OutputWriter(tmp_path / "released")
    build_outputs(
        result, writer, BuildOptions(formats=FORMATS, project_templates=RENDER_FIXTURE / "templates")
    )
    writer.commit()
    assert files_of(tmp_path / "released") == files_of(
        build_project(RENDER_FIXTURE, tmp_path / "kept", formats=FORMATS)
    )


def test_ctrl_c_while_forking_is_raised_once_the_child_is_stopped(
    monkeypatch: pytest.MonkeyPatch, ctrl_c_after_each_fork: list
) -> None:
    monkeypatch.setattr(processes, "workers", lambda: 2)
    with pytest.raises(KeyboardInterrupt), Forked(lambda: time.sleep(30)):
        pytest.fail("the build must not go on")
    assert ctrl_c_after_each_fork and not ctrl_c_after_each_fork[0].is_alive()


def test_the_check_apart_reports_what_the_check_here_reports(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kompiler.build.orchestrate import compile_for_build

    position = minimal_project / "jabatan" / "analis-keuangan.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace("level: 2", "level: 4", 1), "utf-8")
    here = compile_path(minimal_project)
    monkeypatch.setattr(processes, "workers", lambda: 2)
    apart = compile_for_build(minimal_project)
    assert here.diagnostics and apart.diagnostics == here.diagnostics
    assert apart.corpus.positions == here.corpus.positions
    quoted = {place.location.file for d in apart.diagnostics for place in (d, *d.related)}
    assert all(apart.source_line(file, 1) == here.source_line(file, 1) != "" for file in quoted)
    released = [d for d in apart.documents.values() if d.path not in quoted]
    assert released and all(d.text == "" and d.data is None for d in released)
