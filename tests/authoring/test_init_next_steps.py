"""The next steps ``kompiler init`` prints work as printed: the hook step says how to get pre-commit when
the machine lacks it, instead of naming a command that fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

KOMPILER = Path(sys.executable).parent / "kompiler"


def _init(tmp_path: Path, target: str, path: str) -> str:
    environment = {**os.environ, "PATH": path, "LANG": "C.UTF-8"}
    done = subprocess.run(
        [str(KOMPILER), "init", target],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


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
    assert "python -m pip install pre-commit && pre-commit install" in shown


def test_with_pre_commit_the_hook_step_is_just_install(tmp_path: Path) -> None:
    (tmp_path / "fake").mkdir()
    program = tmp_path / "fake" / "pre-commit"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    shown = _init(tmp_path, "standar", f"{_folder_with(tmp_path)}{os.pathsep}{tmp_path / 'fake'}")
    assert "sebelum setiap commit: pre-commit install" in shown
    assert "pip install pre-commit" not in shown
