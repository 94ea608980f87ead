"""A folder kompiler chooses when no ``-o`` is given (the build's ``output/``, people's ``asesmen/hasil/``)
is never reached through a symbolic link, dangling or not: a pull request can commit one, and writing
through it would create folders and put the output, or people's results, wherever it points. A link the
user names with ``-o`` is followed, as before."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.cli.test_people import BKD, LEVELS, write_assessment

FIXTURES = Path(__file__).parents[1] / "fixtures"
REPO = Path(__file__).parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "repo" / "standards"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def _refused(result: Result, link: str) -> None:
    assert result.exit_code == 2, result.output
    assert (
        f"The default folder {link}" in result.output or f"through the symbolic link {link}" in result.output
    )
    assert "Remove the link, or name the folder with -o." in result.output, result.output


@pytest.mark.parametrize("dangling", [True, False], ids=["dangling", "to-an-empty-folder"])
def test_build_refuses_a_default_output_that_is_a_link(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result], dangling: bool
) -> None:
    elsewhere = tmp_path / "x" / "nowhere" / "deep"
    if not dangling:
        elsewhere.mkdir(parents=True)
    (project / "output").symlink_to(elsewhere)
    _refused(run_cli(["build", "--locale", "en", "."], project), "output")
    assert elsewhere.exists() is not dangling
    assert not (tmp_path / "x").exists() if dangling else list(elsewhere.iterdir()) == []


def test_build_found_upward_refuses_the_roots_output_link(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    """Run from inside the project without PATH, the build writes into the repository's root ``output/``."""
    (project.parent / "output").symlink_to(tmp_path / "elsewhere")
    result = run_cli(["build", "--locale", "en"], project / "jabatan")
    _refused(result, "../../output")
    assert not (tmp_path / "elsewhere").exists()


def test_a_link_named_with_o_is_followed_as_before(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    elsewhere = tmp_path / "dipilih"
    (project / "output").symlink_to(elsewhere)
    result = run_cli(["build", "--locale", "en", ".", "-o", "output"], project)
    assert result.exit_code == 0, result.output
    assert (elsewhere / ".kompiler-output").is_file() and (elsewhere / "model.json").is_file()


@pytest.fixture
def standards(tmp_path: Path) -> Path:
    target = tmp_path / "standar"
    shutil.copytree(REPO / "standards", target, ignore=shutil.ignore_patterns(".kompiler-cache", "asesmen"))
    return target


@pytest.mark.parametrize("link", ["asesmen", "asesmen/hasil"])
def test_people_refuse_a_default_private_folder_reached_through_a_dangling_link(
    standards: Path, tmp_path: Path, run_cli: Callable[..., Result], link: str
) -> None:
    """Personal data never goes where a committed link points, such as a public web folder. (A link to
    a folder that exists outside the project is discovery's KMP009 already.)"""
    public = tmp_path / "www" / "publik"
    (standards / link).parent.mkdir(parents=True, exist_ok=True)
    (standards / link).symlink_to(public)
    assessment = write_assessment(tmp_path / "asesmen.csv", [(f"P-{i:03d}", BKD, LEVELS) for i in range(3)])
    result = run_cli(["people", "gaps", "--locale", "en", str(assessment)], standards)
    _refused(result, str(standards / link))
    assert not (tmp_path / "www").exists()
