"""What the strict loader and the reporters promise a user who pastes strange text or names files
strangely: characters no standard may hold are a located error for ``check`` (so ``build`` stops with
exit 1 instead of crashing in a document writer), positions are lines and columns as an editor counts
them, the quoted line is the line named, and nothing in a source line or a file name reaches the
terminal or a CI log raw."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import Run

POSITION = "jabatan/analis-keuangan.yaml"


def _replace(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _diagnostics(run: Run, code: str) -> list[tuple[str, int, int]]:
    report = json.loads(run.stdout)
    return [(d["file"], d["line"], d["column"]) for d in report["diagnostics"] if d["code"] == code]


# A YAML escape for every kind of character a standard's text may not hold.
ESCAPES = {
    "control": "\\x01",
    "nul": "\\0",
    "escape": "\\e",
    "noncharacter": "\\uFFFE",
    "next_line": "\\N",
    "c1_control": "\\x9b",
    "line_separator": "\\L",
    "bidi_override": "\\u202E",
    "byte_order_mark": "\\uFEFF",
    "astral_noncharacter": "\\U0010FFFF",
}


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_escaped_character_in_a_value_fails_check_at_the_value(
    name: str, kompiler: Callable[..., Run], project: Path
) -> None:
    _replace(project, POSITION, "ikhtisar: Melakukan", f'ikhtisar: "{ESCAPES[name]}" # Melakukan')
    run = kompiler(["check", "--no-cache", "--format", "json", "."], project)
    assert run.exit_code == 1, run.stderr[-2000:]
    assert _diagnostics(run, "KMP017") == [(POSITION, 10, 11)]


@pytest.mark.parametrize(
    ("relative", "old", "new", "line", "column"),
    [
        (POSITION, "urusan: Keuangan", 'urusan: Keuangan\n"ura\\x07ian": x', 10, 1),
        ("rumpun/rumpun.yaml", "nama: Keuangan dan Akuntansi", 'nama: "Keuangan \\u2066dan"', 6, 11),
        ("kamus/teknis-keuangan.yaml", "\n", '\n# "\\x01" in a comment is fine\n', 0, 0),
    ],
    ids=["key", "family", "comment"],
)
def test_forbidden_characters_are_found_in_keys_and_every_file_kind(
    relative: str, old: str, new: str, line: int, column: int, kompiler: Callable[..., Run], project: Path
) -> None:
    _replace(project, relative, old, new)
    run = kompiler(["check", "--no-cache", "--format", "json", "."], project)
    expected = [(relative, line, column)] if line else []
    assert _diagnostics(run, "KMP017") == expected
    assert run.exit_code == (1 if line else 0), run.stdout[-2000:]


@pytest.mark.parametrize("escape", ["\\x01", "\\0", "\\uFFFE", "\\u202E"])
def test_build_stops_with_exit_1_not_a_crash(
    escape: str, kompiler: Callable[..., Run], project: Path
) -> None:
    _replace(project, POSITION, "ikhtisar: Melakukan", f'ikhtisar: "{escape}" # Melakukan')
    run = kompiler(["build", "--no-cache", ".", "-o", "../keluaran"], project)
    assert run.exit_code == 1, run.stderr[-2000:]
    assert f"{POSITION}:10:11" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_column_after_indonesian_text_is_in_characters(kompiler: Callable[..., Run], project: Path) -> None:
    accented = "Pengelolaan keuangan daérah — perencanaan, penatausahaan 😀 "
    _replace(project, POSITION, "ikhtisar: Melakukan", f"ikhtisar: {accented}\x07 Melakukan")
    run = kompiler(["check", "--no-cache", "."], project)
    column = len("ikhtisar: ") + len(accented) + 1
    assert f"{POSITION}:10:{column}: error KMP001" in run.stdout
    excerpt, caret = run.stdout.splitlines()[1:3]
    assert excerpt.startswith("   10 | ikhtisar: Pengelolaan")
    # the caret stands under the stand-in for U+0007, the emoji before it taking two cells
    assert caret.index("^") == excerpt.index("\u2407") + 1


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_quoted_line_is_the_line_named_after_unicode_line_separators(
    separator: str, kompiler: Callable[..., Run], project: Path
) -> None:
    _replace(project, POSITION, "nama: Analis Keuangan", f'nama: "Analis{separator}Keuangan{separator}"\n# x')
    _replace(project, POSITION, "jenis: fungsional_keahlian", "jenis: salah")
    run = kompiler(["check", "--no-cache", "."], project)
    lines = run.stdout.splitlines()
    header = next(n for n, text in enumerate(lines) if "KMP011" in text)
    assert lines[header].startswith(f"{POSITION}:5:8: error KMP011")
    assert lines[header + 1] == "    5 | jenis: salah"


def test_unloadable_file_quotes_the_line_named_without_raw_control_characters(
    kompiler: Callable[..., Run], project: Path
) -> None:
    _replace(project, POSITION, "nama: Analis Keuangan", 'nama: "Analis\u2028Keuangan"\n# x')
    _replace(project, POSITION, "jenis: fungsional_keahlian", "jenis: fungsional\x1b[2J_keahlian")
    run = kompiler(["check", "--no-cache", "."], project)
    assert run.exit_code == 1
    assert f"{POSITION}:5:18: error KMP001" in run.stdout
    assert "    5 | jenis: fungsional\u241b[2J_keahlian" in run.stdout
    assert "\x1b" not in run.stdout


@pytest.fixture
def strangely_named(project: Path) -> Path:
    """Two broken positions whose names hold a line break and a terminal escape sequence."""
    source = (
        (project / POSITION).read_text(encoding="utf-8").replace("jenis: fungsional_keahlian", "jenis: x")
    )
    for number, name in enumerate(("baris\nbaru.yaml", "warna\x1b[31m.yaml")):
        (project / "jabatan" / name).write_text(source.replace("AKPD.MUDA", f"AKPD.{number}"), "utf-8")
    return project


def test_text_report_escapes_file_names(kompiler: Callable[..., Run], strangely_named: Path) -> None:
    run = kompiler(["check", "--no-cache", "."], strangely_named)
    assert run.exit_code == 1
    assert "jabatan/baris\\nbaru.yaml:4:8: error KMP011" in run.stdout
    assert "jabatan/warna\\x1b[31m.yaml:4:8: error KMP011" in run.stdout
    assert "\x1b" not in run.stdout
    assert not any(line.startswith("baru.yaml") for line in run.stdout.splitlines())


def test_github_annotations_stay_one_line_each(kompiler: Callable[..., Run], strangely_named: Path) -> None:
    run = kompiler(["check", "--no-cache", "--format", "github", "."], strangely_named)
    lines = run.stdout.splitlines()
    assert all(line.startswith("::error ") for line in lines[:-1]), lines
    assert any(line.startswith("::error file=jabatan/baris%0Abaru.yaml,line=4,col=8,") for line in lines)
    assert any(line.startswith("::error file=jabatan/warna\\x1b[31m.yaml,line=4,") for line in lines)
    assert "\x1b" not in run.stdout


def test_sarif_uris_are_percent_encoded(kompiler: Callable[..., Run], strangely_named: Path) -> None:
    run = kompiler(["check", "--no-cache", "--format", "sarif", "."], strangely_named)
    results = json.loads(run.stdout)["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert {"jabatan/baris%0Abaru.yaml", "jabatan/warna%1B%5B31m.yaml"} <= uris
