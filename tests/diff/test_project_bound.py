"""``kompiler diff`` holds each side to the project's bound (KMP019): a revision from the sizes git lists,
before a blob is read; the work tree as every command reads it. A side past it stops the diff, since
compared as empty it would show every standard removed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result
from git_project import GitProject

from kompiler import project as project_module
from kompiler.diff import git as git_module


def _total(project: GitProject) -> int:
    return sum(path.stat().st_size for path in (project.top / "standards").rglob("*.yaml"))


def test_a_revision_past_the_bound_is_refused_before_its_blobs_are_read(
    project: GitProject, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    total = _total(project)
    monkeypatch.setattr(project_module, "MAX_PROJECT_BYTES", total - 1)

    def never(*_: object) -> dict[str, bytes]:
        raise AssertionError("a blob was read")

    monkeypatch.setattr(git_module.Repository, "_blobs", never)
    result = run_cli(["diff", "--locale", "en", "HEAD", "HEAD"], project.top)
    assert result.exit_code == 2, result.output
    assert (
        f"kompiler diff: HEAD:standards: KMP019: This project is too large: its 8 standards files hold {total:,} bytes"
        in result.output
    )
    assert "removed" not in result.output


def test_a_work_tree_past_the_bound_is_refused(
    project: GitProject, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project.top / "standards" / "jabatan" / "tambahan.yaml").write_text("kode: X\n", encoding="utf-8")
    monkeypatch.setattr(project_module, "MAX_PROJECT_BYTES", _total(project) - 1)
    result = run_cli(["diff", "--locale", "en"], project.top)
    assert result.exit_code == 2, result.output
    assert (
        "kompiler diff: standards: KMP019: This project is too large: its 9 standards files" in result.output
    )
    assert "removed" not in result.output
