"""Run the real command line in a child process under a memory cap and a time limit, the way CI would
meet a stranger's pull request."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures"
MEMORY_LIMIT = 1536 * 1024 * 1024
TIME_LIMIT = 60


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def _cap_memory(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


@pytest.fixture
def kompiler(tmp_path: Path) -> Callable[..., Run]:
    """``kompiler ARGS`` in ``cwd`` with at most 1.5 GB of address space and 60 s."""

    def run(args: list[str], cwd: Path, memory: int = MEMORY_LIMIT) -> Run:
        env = {
            **os.environ,
            "XDG_CACHE_HOME": str(tmp_path / "user-cache"),
            "KOMPILER_LOCALE": "en",
            "NO_COLOR": "1",
        }
        done = subprocess.run(
            [sys.executable, "-m", "kompiler", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            timeout=TIME_LIMIT,
            preexec_fn=_cap_memory(memory),
            check=False,
        )
        return Run(
            done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")
        )

    return run


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the minimal clean project, inside a folder that also holds an ``outside`` folder."""
    target = tmp_path / "work" / "standar"
    shutil.copytree(FIXTURES / "minimal", target)
    (tmp_path / "work" / "outside").mkdir()
    return target


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")} if folder.exists() else set()
