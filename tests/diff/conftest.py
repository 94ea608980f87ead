"""Fixtures for the diff tests: a fresh git repository with the minimal project committed."""

from __future__ import annotations

from pathlib import Path

import pytest
from git_project import GitProject


@pytest.fixture
def project(tmp_path: Path) -> GitProject:
    return GitProject(tmp_path / "repo")
