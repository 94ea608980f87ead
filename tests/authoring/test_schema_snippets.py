"""The editor snippets in the schemas (``defaultSnippets``, VS Code YAML extension) write files that check
clean: each snippet's text, with its placeholders filled as a drafter would, is put where the editor puts it
(a new file for a whole-document snippet, a new list item for a list's snippet) in a copy of the shipped
standards, and ``kompiler check`` then reports no error and no warning, and ``kompiler fmt`` finds the
changed files already canonical.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from kompiler.authoring.fmt import format_text
from kompiler.project import FileKind, kind_of
from tests.conftest import REPO

SCHEMAS = REPO / "schemas"
# ${1:default}, ${1|first,second|}, ${1} and $1 (VS Code snippet syntax); \$, \} and \\ are escapes.
PLACEHOLDER = re.compile(r"\$\{(\d+):((?:[^}\\]|\\.)*)\}|\$\{(\d+)\|([^|]*)\|\}|\$\{(\d+)\}|\$(\d+)")
ESCAPE = re.compile(r"\\([$}\\])")


@dataclass(frozen=True)
class Snippet:
    schema: str
    path: tuple[str, ...]
    label: str
    text: str


def snippets() -> Iterator[Snippet]:
    for file in sorted(SCHEMAS.glob("*.schema.json")):
        yield from _found(file.name, json.loads(file.read_text(encoding="utf-8")), ())


def _found(schema: str, node: Any, path: tuple[str, ...]) -> Iterator[Snippet]:
    if isinstance(node, dict):
        for snippet in node.get("defaultSnippets", []):
            yield Snippet(schema, path, snippet["label"], snippet["bodyText"])
        for key, value in node.items():
            if key != "defaultSnippets":
                yield from _found(schema, value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _found(schema, value, (*path, str(index)))


def fill(text: str, values: dict[str, str]) -> str:
    """The snippet as inserted and completed: every tabstop takes the drafter's value (``values``, keyed by
    the placeholder's default) or else its default, the first choice, or nothing; mirrors follow."""
    chosen: dict[str, str] = {}
    for match in PLACEHOLDER.finditer(text):
        if match.group(1) and match.group(1) not in chosen:
            default = ESCAPE.sub(r"\1", match.group(2))
            chosen[match.group(1)] = values.get(default, default)
        elif match.group(3) and match.group(3) not in chosen:
            first = match.group(4).split(",")[0]
            chosen[match.group(3)] = values.get(first, first)

    def replace(match: re.Match[str]) -> str:
        index = match.group(1) or match.group(3) or match.group(5) or match.group(6)
        return chosen.get(index, "")

    return ESCAPE.sub(r"\1", PLACEHOLDER.sub(replace, text))


def by_label(label: str) -> Snippet:
    found = [s for s in snippets() if s.label == label]
    assert len(found) == 1, label
    return found[0]


def test_the_drafting_snippets_are_where_the_editor_offers_them() -> None:
    places = {(s.schema, s.path, s.label) for s in snippets()}
    assert places == {
        ("jabatan.schema.json", (), "Jabatan baru"),
        ("kamus.schema.json", ("properties", "kompetensi"), "Kompetensi baru"),
        ("rumpun.schema.json", ("properties", "rumpun"), "Rumpun baru"),
        ("pengembangan.schema.json", ("properties", "katalog"), "Kegiatan 10:20:70 untuk satu kompetensi"),
    }
    for snippet in snippets():
        assert PLACEHOLDER.search(snippet.text), snippet.label
        # A list's snippet is one item of it, as the editor inserts it after the list's key.
        assert snippet.text.startswith("- ") == (snippet.path != ())


def test_filling_follows_vs_code_snippet_syntax() -> None:
    text = r"a: ${1:satu}\nb: ${2|x,y|}\nc: ${1}\nd: $1\ne: ${3:\$5 \} }$0"
    assert fill(text, {}) == r"a: satu\nb: x\nc: satu\nd: satu\ne: $5 } "
    assert fill(text, {"satu": "SATU", "x": "y"}).startswith(r"a: SATU\nb: y\nc: SATU")


def append_item(file: Path, key: str, item: str) -> None:
    """Insert a list's snippet as the editor does: a new item under ``key``, the file's last key."""
    text = file.read_text(encoding="utf-8")
    assert re.search(rf"^{key}:\n(  - .*\n|    .*\n)+\Z", text, re.MULTILINE), file
    file.write_text(text + "".join(f"  {line}\n" for line in item.splitlines() if line), encoding="utf-8")


@pytest.fixture
def standards(tmp_path: Path) -> Path:
    copy = tmp_path / "standards"
    shutil.copytree(REPO / "standards", copy, ignore=shutil.ignore_patterns(".kompiler-cache"))
    return copy


def test_snippets_filled_in_check_clean_and_are_canonical(standards: Path, run_cli) -> None:
    family = fill(by_label("Rumpun baru").text, {"RJ-BARU": "RJ-ANGGARAN", "Nama rumpun jabatan": "Anggaran"})
    append_item(standards / "rumpun" / "administrasi-pemerintahan.yaml", "rumpun", family)
    competency = fill(
        by_label("Kompetensi baru").text,
        {"T.KEU.01": "T.KEU.90", "Nama kompetensi": "Penganggaran Berbasis Kinerja"},
    )
    append_item(standards / "kamus" / "teknis-keuangan.yaml", "kompetensi", competency)
    activities = fill(
        by_label("Kegiatan 10:20:70 untuk satu kompetensi").text,
        {"T.KEU.01": "T.KEU.90", "Nama Kompetensi": "Penganggaran Berbasis Kinerja"},
    )
    append_item(standards / "pengembangan" / "katalog.yaml", "katalog", activities)
    position = fill(
        by_label("Jabatan baru").text,
        {
            "CONTOH.JF.ANKEU.MUDA": "UJI.JF.ANGGARAN.MUDA",
            "Analis Keuangan Ahli Muda": "Analis Anggaran Ahli Muda",
            "RJ-KEU": "RJ-ANGGARAN",
            "T.KEU.01": "T.KEU.90",
        },
    )
    new_position = standards / "jabatan" / "uji-analis-anggaran-ahli-muda.yaml"
    schema_line = "# yaml-language-server: $schema=../../schemas/jabatan.schema.json\n"
    new_position.write_text(schema_line + position, encoding="utf-8")

    document = yaml.safe_load(new_position.read_text(encoding="utf-8"))
    assert document["kompetensi"]["teknis"] == [{"kode": "T.KEU.90", "level": 3}]
    dictionary = yaml.safe_load((standards / "kamus" / "teknis-keuangan.yaml").read_text(encoding="utf-8"))
    assert dictionary["kompetensi"][-1]["kode"] == "T.KEU.90"
    assert [len(level["indikator"]) for level in dictionary["kompetensi"][-1]["level"]] == [3] * 5
    catalogue = yaml.safe_load((standards / "pengembangan" / "katalog.yaml").read_text(encoding="utf-8"))
    added = [a["kode"] for a in catalogue["katalog"][-3:]]
    assert added == ["KAT.T.KEU.90.KL", "KAT.T.KEU.90.CO", "KAT.T.KEU.90.TK"]

    check = run_cli(["check", "--no-cache", "--format", "json", str(standards)], standards)
    assert check.exit_code == 0, check.output
    report = json.loads(check.output)
    serious = [d for d in report["diagnostics"] if d["severity"] in {"error", "warning"}]
    assert serious == []
    codes = {d["code"] for d in report["diagnostics"]}
    assert "KMP011" not in codes  # the schema itself accepts what its own snippets write
    for changed in (
        "rumpun/administrasi-pemerintahan.yaml",
        "kamus/teknis-keuangan.yaml",
        "pengembangan/katalog.yaml",
        "jabatan/uji-analis-anggaran-ahli-muda.yaml",
    ):
        text = (standards / changed).read_text(encoding="utf-8")
        kind = kind_of(changed)
        assert kind is not None
        assert not format_text(text, kind, changed).changed, f"{changed} is not canonical after the snippet"


def test_a_new_position_from_the_snippet_defaults_checks_clean_in_a_new_project(
    tmp_path: Path, run_cli
) -> None:
    """The first thing a drafter does after ``kompiler init``: the defaults name what the scaffold declares."""
    project = tmp_path / "standar-baru"
    assert run_cli(["init", str(project)], tmp_path).exit_code == 0
    schema_line = "# yaml-language-server: $schema=../../schemas/jabatan.schema.json\n"
    position = project / "standards" / "jabatan" / "jabatan-baru.yaml"
    position.write_text(schema_line + fill(by_label("Jabatan baru").text, {}), encoding="utf-8")
    check = run_cli(["check", "--no-cache"], project)
    assert check.exit_code == 0, check.output
    assert "0 galat, 1 peringatan" in check.output and "KMP126" in check.output  # init's regulation number
    assert not format_text(position.read_text(encoding="utf-8"), FileKind.POSITION).changed
