"""A real git repository holding a copy of the minimal project, with helpers to change and commit it.

Imported by the diff tests and their conftest (this folder is on the import path in pytest's default import mode)."""

from __future__ import annotations

import copy
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).parents[1] / "fixtures"
POSITION = "standards/jabatan/analis-keuangan.yaml"


class GitProject:
    """A git work tree at ``top`` whose standards live in ``top/standards``."""

    def __init__(self, top: Path) -> None:
        self.top = top
        top.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")
        shutil.copytree(FIXTURES / "minimal", top / "standards")
        self.commit("awal")

    def git(self, *args: str) -> str:
        env = {
            "GIT_AUTHOR_NAME": "Penyusun",
            "GIT_AUTHOR_EMAIL": "penyusun@example.go.id",
            "GIT_COMMITTER_NAME": "Penyusun",
            "GIT_COMMITTER_EMAIL": "penyusun@example.go.id",
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.top),
        }
        done = subprocess.run(
            ["git", *args], cwd=self.top, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def read(self, relative: str) -> Any:
        return yaml.safe_load((self.top / relative).read_text(encoding="utf-8"))

    def write(self, relative: str, data: Any) -> None:
        path = self.top / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
        )

    def edit(self, relative: str, change: Callable[[Any], None]) -> None:
        data = self.read(relative)
        change(data)
        self.write(relative, data)

    def position(self, code: str, tasks: list[str], technical: list[tuple[str, int]], **fields: Any) -> None:
        """Write a position modelled on the fixture's, with its own code, tasks and technical competencies."""
        data = copy.deepcopy(self.read(POSITION))
        data["kode"] = code
        data["tugas"] = tasks
        data["kompetensi"]["teknis"] = [{"kode": c, "level": level} for c, level in technical]
        data.update(fields)
        self.write(f"standards/jabatan/{code.lower()}.yaml", data)

    def remove(self, relative: str) -> None:
        (self.top / relative).unlink()
