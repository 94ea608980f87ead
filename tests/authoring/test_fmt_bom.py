"""``kompiler fmt`` keeps a UTF-8 byte order mark where it found one, as black and prettier do: the check
accepts it and an editor that writes it writes it back on every save, so a file differing only by it is
canonical, and ``fmt --check`` agrees with what ``fmt`` writes."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

POSITION = "jabatan/analis-keuangan.yaml"
BOM = codecs.BOM_UTF8


@pytest.fixture
def formatted(minimal_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli) -> Path:
    """The minimal project in canonical form, its verdicts kept under this test's own user cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    assert run_cli(["fmt", "."], minimal_project).exit_code == 0
    return minimal_project


def _fmt(run_cli: Callable[..., Result], project: Path, *args: str) -> Result:
    return run_cli(["fmt", ".", *args], project)


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_a_canonical_file_with_a_bom_is_left_alone(
    formatted: Path, run_cli: Callable[..., Result], cache: list[str]
) -> None:
    path = formatted / POSITION
    path.write_bytes(BOM + path.read_bytes())
    before = path.read_bytes()
    for _ in range(2):  # the second run answers from the verdict fmt remembered, unless the cache is off
        check = _fmt(run_cli, formatted, "--check", *cache)
        assert check.exit_code == 0, check.output
        written = _fmt(run_cli, formatted, *cache)
        assert written.exit_code == 0, written.output
        assert path.read_bytes() == before


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_a_file_with_a_bom_is_formatted_keeping_it(
    formatted: Path, run_cli: Callable[..., Result], cache: list[str]
) -> None:
    path = formatted / POSITION
    canonical = path.read_bytes()
    path.write_bytes(BOM + canonical.replace(b"\nkode: ", b"\nkode:    ", 1))
    check = _fmt(run_cli, formatted, "--check", *cache)
    assert check.exit_code == 1
    assert POSITION in check.output
    assert _fmt(run_cli, formatted, *cache).exit_code == 0
    assert path.read_bytes() == BOM + canonical
    assert _fmt(run_cli, formatted, "--check", *cache).exit_code == 0


def test_one_bom_is_kept_of_two_and_none_is_added(formatted: Path, run_cli: Callable[..., Result]) -> None:
    """A file saved twice by a careless tool begins with two marks: the second is not the file's
    encoding but an invisible character, which the check does not read either, so one is kept."""
    path = formatted / POSITION
    canonical = path.read_bytes()
    path.write_bytes(BOM + BOM + canonical)
    assert _fmt(run_cli, formatted, "--check").exit_code == 1
    assert _fmt(run_cli, formatted).exit_code == 0
    assert path.read_bytes() == BOM + canonical
    others = [p for p in formatted.rglob("*.yaml") if p != path]
    assert others and not any(p.read_bytes().startswith(BOM) for p in others)
