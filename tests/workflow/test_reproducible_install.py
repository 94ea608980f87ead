"""Installs are reproducible: ``constraints.txt`` pins every package ``.[test]`` brings, and ``make`` and CI
install with it (and re-install when it changes)."""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from kompiler.authoring.scaffold import DISTRIBUTION

REPO = Path(__file__).parents[2]
CONSTRAINTS = REPO / "constraints.txt"
MAKE = shutil.which("make")


def pins() -> dict[str, str]:
    found = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)", line.strip()).groups()
            found[canonicalize_name(name)] = version
    return found


def requirement_closure(distribution: str, extras: set[str]) -> dict[str, list[Requirement]]:
    """Every distribution that installing ``distribution[extras]`` brings here, with what asked for it."""
    wanted: dict[str, list[Requirement]] = {}
    queue = [(distribution, extras)]
    while queue:
        name, chosen = queue.pop()
        for text in importlib.metadata.requires(name) or []:
            requirement = Requirement(text)
            environments = [{"extra": e} for e in chosen] or [{"extra": ""}]
            if requirement.marker and not any(requirement.marker.evaluate(env) for env in environments):
                continue
            key = canonicalize_name(requirement.name)
            if key not in wanted:
                queue.append((requirement.name, set(requirement.extras)))
            wanted.setdefault(key, []).append(requirement)
    return wanted


def test_constraints_pin_everything_the_test_install_brings() -> None:
    pinned = pins()
    for name, requirements in requirement_closure(DISTRIBUTION, {"test"}).items():
        assert name in pinned, f"{name} is installed by .[test] but not pinned in constraints.txt"
        for requirement in requirements:
            assert requirement.specifier.contains(pinned[name], prereleases=True), (requirement, pinned[name])
    assert "pip" in pinned


def test_the_project_itself_is_not_pinned() -> None:
    assert canonicalize_name(DISTRIBUTION) not in pins()
    assert "kompiler" not in pins()


def make_dry_run(*args: str) -> str:
    """The commands ``make`` would run, as a fresh shell would see them even when this suite runs under
    ``make test`` (a parent make's MAKEFLAGS and MAKELEVEL add "Entering directory" lines)."""
    environment = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    done = subprocess.run(
        [MAKE, "--no-print-directory", "-n", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
@pytest.mark.parametrize("changed", ["constraints.txt", "pyproject.toml"])
def test_make_test_reinstalls_with_the_constraints_when_they_change(changed: str) -> None:
    commands = make_dry_run("-W", changed, "test")
    assert "pip install --quiet -c constraints.txt -e '.[test]'" in commands
    assert "pip install --quiet -c constraints.txt --upgrade pip" in commands
    assert commands.rstrip().splitlines()[-1].startswith(".venv/bin/python -m pytest -q")


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_lock_and_test_latest_install_without_the_constraints() -> None:
    for target in ("lock", "test-latest"):
        commands = make_dry_run(target)
        assert "-c constraints.txt" not in commands
        assert "rm -rf .venv-latest" in commands
    assert "pip freeze --all --exclude-editable" in make_dry_run("lock")


def test_ci_runs_make_test() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", script, re.MULTILINE)
