"""A private folder inside a repository git will not read (another account owns it, or its ``.git`` leads
nowhere) is refused: kompiler cannot tell whether the next commit would pick the personal data up."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kompiler.build.private import PrivateRefused, PrivateWriter, default_folder

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _repository(project: Path) -> None:
    subprocess.run(["git", "-C", str(project), "init", "-q"], check=True, capture_output=True)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the repository away"
)
def test_a_repository_another_account_owns_is_refused_naming_safe_directory(minimal_project: Path) -> None:
    """git refuses such a repository (``safe.directory``), as it does in a CI container running as root
    over the runner's checkout: its refusal must not read as "not in a repository"."""
    _repository(minimal_project)
    subprocess.run(["chown", "-R", "65534", str(minimal_project)], check=True)
    target = minimal_project / "data-orang"
    with pytest.raises(PrivateRefused) as refused:
        PrivateWriter(target, sources=[minimal_project])
    assert not target.exists()
    assert "safe.directory" in refused.value.message.id
    assert "pengguna lain" in refused.value.message.id
    assert "another user owns it" in refused.value.message.en


def test_a_work_tree_whose_repository_is_gone_is_refused(minimal_project: Path, tmp_path: Path) -> None:
    """A ``git worktree`` whose main repository was moved away: its ``.git`` file names a folder that is not
    there, git answers nothing about ignoring, and the folder may still be committed once it is repaired."""
    (minimal_project / ".git").write_text(f"gitdir: {tmp_path / 'pindah' / '.git' / 'worktrees' / 'x'}\n")
    target = default_folder(minimal_project)
    with pytest.raises(PrivateRefused) as refused:
        PrivateWriter(target, sources=[minimal_project])
    assert not target.exists()
    assert "not a git repository" in refused.value.message.en
