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


STRANGER_UID = 12345


def _become_stranger(uid: int, gid: int) -> None:
    """In the child: enter a new user namespace as uid 12345, which has no passwd entry and no
    privileges over the files outside (as root too: ``chmod 000`` is then obeyed)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(0x10000000) != 0:  # CLONE_NEWUSER
        raise OSError(ctypes.get_errno(), "unshare")
    for name, text in (
        ("uid_map", f"{STRANGER_UID} {uid} 1\n"),
        ("setgroups", "deny"),
        ("gid_map", f"{STRANGER_UID} {gid} 1\n"),
    ):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)


@pytest.fixture
def kompiler_with(tmp_path: Path) -> Callable[..., Run]:
    """Like ``kompiler``, with environment variables changed (``None`` removes one) and, with
    ``stranger=True``, run as a user without privileges or passwd entry (skipped where the system allows
    no user namespaces)."""

    def run(args: list[str], cwd: Path, *, env: dict[str, str | None], stranger: bool = False) -> Run:
        changed = {
            **os.environ,
            "XDG_CACHE_HOME": str(tmp_path / "user-cache"),
            "KOMPILER_LOCALE": "en",
            "NO_COLOR": "1",
            **env,
        }
        uid, gid = os.getuid(), os.getgid()

        def prepare() -> None:
            _cap_memory(MEMORY_LIMIT)()
            if stranger:
                _become_stranger(uid, gid)

        try:
            done = subprocess.run(
                [sys.executable, "-m", "kompiler", *args],
                cwd=cwd,
                env={name: value for name, value in changed.items() if value is not None},
                capture_output=True,
                timeout=TIME_LIMIT,
                preexec_fn=prepare,
                check=False,
            )
        except subprocess.SubprocessError as error:
            if isinstance(error, subprocess.TimeoutExpired):
                raise
            pytest.skip(f"no user namespace for an unprivileged run: {error}")
        return Run(
            done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")
        )

    return run
