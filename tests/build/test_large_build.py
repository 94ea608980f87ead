"""What changes for a large corpus: pages rendered in worker processes, the one-document appendix opt-in.

The fixture is small, so the thresholds are lowered here; the behaviour is the same as for thousands of
positions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kompiler.build import orchestrate, pages
from kompiler.build.output import OutputWriter
from kompiler.render.environment import Templates
from kompiler.runtime import processes
from tests.conftest import RENDER_FIXTURE, build_project, files_of

FORMATS = ("json", "md", "html", "site")


def test_pages_rendered_in_workers_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = build_project(RENDER_FIXTURE, tmp_path / "serial", formats=FORMATS)
    monkeypatch.setattr(pages, "PARALLEL_FROM", 1)
    monkeypatch.setattr(processes, "workers", lambda: 2)
    parallel = build_project(RENDER_FIXTURE, tmp_path / "parallel", formats=FORMATS)
    assert files_of(parallel) == files_of(serial)
    assert any(name.startswith("jabatan/") for name in files_of(parallel))


def test_large_corpus_skips_the_one_document_appendix_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(orchestrate, "APPENDIX_LIMIT", 1)
    plain = files_of(build_project(RENDER_FIXTURE, tmp_path / "plain", formats=FORMATS))
    assert not any(name.startswith("lampiran.") for name in plain)
    assert any(name.startswith("jabatan/") and name.endswith(".md") for name in plain)
    assert "site/index.html" in plain
    asked = files_of(build_project(RENDER_FIXTURE, tmp_path / "asked", formats=FORMATS, appendix=True))
    assert {"lampiran.md", "lampiran.html"} <= set(asked)


def test_ctrl_c_while_page_workers_fork_stops_them_and_is_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ctrl_c_after_each_fork: list
) -> None:
    monkeypatch.setattr(pages, "PARALLEL_FROM", 1)
    monkeypatch.setattr(processes, "workers", lambda: 2)
    writer = OutputWriter(tmp_path / "output")
    work = [(f"halaman-{n}.md", "markdown/skj.md", {}) for n in range(4)]
    try:
        with pytest.raises(KeyboardInterrupt):
            pages.PageWriter(Templates(), writer, work)
    finally:
        writer.abort()
    assert len(ctrl_c_after_each_fork) == 2
    assert not any(process.is_alive() for process in ctrl_c_after_each_fork)
