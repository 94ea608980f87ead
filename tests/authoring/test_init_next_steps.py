"""The next steps ``kompiler init`` prints work as printed: the hook step says how to get pre-commit when
the machine lacks it, instead of naming a command that fails."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from click.testing import CliRunner

from kompiler.cli.init import command

KOMPILER = Path(sys.executable).parent / "kompiler"


def _run_init(
    tmp_path: Path, target: str | None, path: str, *, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PATH": path, "LANG": "C.UTF-8"}
    done = subprocess.run(
        [str(KOMPILER), "init", *([target] if target is not None else [])],
        cwd=cwd or tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done


def _init(tmp_path: Path, target: str | None, path: str, *, cwd: Path | None = None) -> str:
    return _run_init(tmp_path, target, path, cwd=cwd).stdout


def _folder_with(tmp_path: Path, *programs: str) -> str:
    """A PATH holding only git (always) and the named programs, as links to the real ones."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for program in ("git", *programs):
        real = next(
            Path(p) / program for p in os.environ["PATH"].split(os.pathsep) if (Path(p) / program).exists()
        )
        (folder / program).symlink_to(real)
    return str(folder)


def test_without_pre_commit_the_hook_step_installs_it_first(tmp_path: Path) -> None:
    shown = _init(tmp_path, "standar baru", _folder_with(tmp_path))
    assert "cd 'standar baru' && git init && kompiler check" in shown
    python = shlex.quote(sys.executable)
    assert f"{python} -m pip install pre-commit && {python} -m pre_commit install" in shown


def test_the_printed_hook_step_runs_where_there_is_no_python_command(tmp_path: Path) -> None:
    """kompiler run from a virtual environment that is not activated (a link to it, pipx) on a machine
    with no ``python`` (Debian, Ubuntu): the step init prints installs the hook as printed, where
    ``python -m pip install pre-commit && pre-commit install`` ended in "python: command not found".
    pre-commit is already in the test environment, so pip installs nothing and needs no index."""
    path = _folder_with(tmp_path)
    shown = _init(tmp_path, "standar", path)
    step = shown.split("sebelum setiap commit: ", 1)[1].split(" (pre-commit belum terpasang)", 1)[0]
    project = tmp_path / "standar"
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    environment = {**os.environ, "PATH": path, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    done = subprocess.run(
        ["/bin/sh", "-c", step], cwd=project, env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert (project / ".git" / "hooks" / "pre-commit").is_file()


def test_on_a_python_pip_may_not_change_the_hook_step_uses_pipx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kompiler installed into a system Python that forbids pip (PEP 668): the step says pipx, the way
    such a system offers, not a pip command it refuses."""
    (tmp_path / "EXTERNALLY-MANAGED").write_text("[externally-managed]\n")
    monkeypatch.setattr(sys, "base_prefix", sys.prefix)
    monkeypatch.setattr(sysconfig, "get_path", lambda name, *args, **kwargs: str(tmp_path))
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)
    result = CliRunner().invoke(command, [str(tmp_path / "standar")])
    assert result.exit_code == 0, result.output
    assert "pipx install pre-commit && pre-commit install (pre-commit belum terpasang)" in result.output
    assert "pip install" not in result.output.replace("pipx install", "")


def test_with_pre_commit_the_hook_step_is_just_install(tmp_path: Path) -> None:
    (tmp_path / "fake").mkdir()
    program = tmp_path / "fake" / "pre-commit"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    shown = _init(tmp_path, "standar", f"{_folder_with(tmp_path)}{os.pathsep}{tmp_path / 'fake'}")
    assert "sebelum setiap commit: pre-commit install" in shown
    assert "pip install pre-commit" not in shown


def test_without_a_folder_init_fills_the_working_folder_and_names_no_cd(tmp_path: Path) -> None:
    here = tmp_path / "kosong"
    here.mkdir()
    shown = _init(tmp_path, None, _folder_with(tmp_path), cwd=here)
    assert (here / "standards" / "kompiler.yaml").is_file()
    assert "berkas dibuat di folder ini. Langkah berikutnya: git init && kompiler check" in shown
    assert "cd " not in shown


def test_inside_a_git_repository_the_steps_do_not_start_a_second_one(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    shown = _init(tmp_path / "repo", "standar", _folder_with(tmp_path))
    assert "Langkah berikutnya: cd standar && kompiler check" in shown
    assert "git init" not in shown


def test_inside_a_larger_repository_init_says_its_ci_and_hooks_never_run(tmp_path: Path) -> None:
    """GitHub and GitLab read CI files only at a repository's top, and pre-commit runs hooks from there:
    a scaffold in a subfolder would look checked and never be. init says so, with both ways out, and
    names no hook step; at the top of a fresh clone it says nothing of the kind."""
    path = _folder_with(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    done = _run_init(tmp_path / "repo", "dokumen/standar", path)
    assert "peringatan: dokumen/standar berada di dalam repositori git" in done.stderr
    assert "cd dokumen/standar && git init" in done.stderr
    assert "dokumen/standar/standards" in done.stderr
    assert "sebelum setiap commit" not in done.stdout

    subprocess.run(["git", "init", "-q", str(tmp_path / "klon")], check=True)
    at_top = _run_init(tmp_path, "klon", path)
    assert "peringatan" not in at_top.stderr
    assert "sebelum setiap commit: " in at_top.stdout
