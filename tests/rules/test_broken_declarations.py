"""One mistake in a file that declares codes is one error: its references elsewhere stay quiet.

A missing "]" in sumber.yaml, a misspelled top-level key in a dictionary or one broken competency used
to be reported once where it was, and again as "not declared", "holds 7 competencies" or "the
suppression suppresses nothing" wherever its codes were used (137 errors in the shipped project).
"""

from __future__ import annotations

import pytest

from tests.rules.conftest import POSITION, TECHNICAL, Project, where


def codes(project: Project) -> list[str]:
    return sorted(d.code for d in project.diagnostics())


@pytest.mark.parametrize(
    "file", ["sumber.yaml", "jenjang.yaml", TECHNICAL, "kamus/manajerial.yaml", "rumpun/rumpun.yaml"]
)
def test_a_file_yaml_cannot_read_is_one_syntax_error(project: Project, file: str) -> None:
    with open(project.path(file), "a", encoding="utf-8") as handle:
        handle.write("catatan: [belum ditutup\n")
    assert codes(project) == ["KMP002"]


def test_a_code_the_broken_file_does_not_hold_is_still_reported(project: Project) -> None:
    """Only the codes written in the broken file are taken as declared, quotes or not."""
    project.edit("sumber.yaml", "  - kode: UU-20-2023", "  - kode: 'UU-20-2023'  # kutip")
    with open(project.path("sumber.yaml"), "a", encoding="utf-8") as handle:
        handle.write("catatan: [belum ditutup\n")
    project.edit(POSITION, "  kode: PERMENPANRB-38-2017", "  kode: PERMENPANRB-38-2071")
    found = [d for d in project.diagnostics() if d.code != "KMP002"]
    assert [(d.code, where(d)) for d in found] == [
        ("KMP112", (POSITION, *project.locate(POSITION, "PERMENPANRB-38-2071")))
    ]


@pytest.mark.parametrize(
    ("file", "key"),
    [
        ("sumber.yaml", "sumber"),
        ("jenjang.yaml", "jenjang"),
        (TECHNICAL, "kompetensi"),
        ("rumpun/rumpun.yaml", "rumpun"),
    ],
)
def test_a_misspelled_top_level_list_is_one_schema_error(project: Project, file: str, key: str) -> None:
    project.edit(file, f"\n{key}:\n", f"\n{key}x:\n")
    found = project.diagnostics()
    assert [(d.code, where(d)) for d in found] == [("KMP011", (file, *project.locate(file, f"{key}x:")))]
    assert found[0].message.en == f"Unknown key '{key}x' here. Did you mean '{key}'?"


def test_a_broken_competency_is_not_also_a_wrong_count_or_an_unused_waiver(project: Project) -> None:
    """manajerial.yaml's first competency holds a waiver of KMP104; the broken item is skipped by the
    rules, so neither its count nor its waiver can be judged until its schema error is fixed."""
    project.edit("kamus/manajerial.yaml", '    nama: "Integritas"', "    nama: [Integritas]")
    found = project.diagnostics()
    assert [(d.code, where(d)) for d in found] == [
        ("KMP011", ("kamus/manajerial.yaml", *project.locate("kamus/manajerial.yaml", "[Integritas]")))
    ]


def test_a_dictionary_short_of_a_competency_is_still_counted(project: Project) -> None:
    text = project.text("kamus/manajerial.yaml")
    start = text.index("  - kode: M.08")
    project.write("kamus/manajerial.yaml", text[:start])
    project.edit(POSITION, "    - kode: M.08\n      level: 2\n", "")
    found = project.diagnostics("KMP117")
    assert [d.message.en for d in found] == [
        "The managerial dictionary holds 7 competencies; PermenPANRB 38/2017 sets 8."
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_file_saved_as_utf16_is_one_encoding_error(project: Project, encoding: str) -> None:
    """Notepad's "Unicode" is UTF-16: refused, but its codes are still read from what it says."""
    project.path("sumber.yaml").write_bytes(project.text("sumber.yaml").encode(encoding))
    assert codes(project) == ["KMP001"]


@pytest.mark.parametrize(
    "file", ["sumber.yaml", "jenjang.yaml", TECHNICAL, "kamus/manajerial.yaml", "rumpun/rumpun.yaml"]
)
@pytest.mark.parametrize("text", ["", "# belum diisi\n", "- kosong\n", "{}\n"])
def test_a_declaring_file_with_no_code_left_is_one_error(project: Project, file: str, text: str) -> None:
    """An emptied jenjang.yaml made 87 errors: its own, and "not declared" at every grade used. With no
    code left to read, what it declared is unknown, and only its own errors are told."""
    project.write(file, text)
    found = project.diagnostics()
    assert found and {d.location.file for d in found} == {file}


def test_a_broken_declaring_file_showing_no_code_declares_none(project: Project) -> None:
    """A file whose lines can be read declares what they show: a dictionary header alone declares no
    competency, so a competency no other dictionary holds is still reported."""
    project.write("kamus/baru.yaml", "kamus:\n  jenis: teknis\n  nama: [Kamus Baru\n")
    project.edit(POSITION, "- kode: T.KEU.01", "- kode: T.KEU.99")
    assert [where(d) for d in project.diagnostics("KMP020")] == [
        (POSITION, *project.locate(POSITION, "T.KEU.99"))
    ]


def test_a_declaring_file_with_no_code_left_quiets_only_its_own_kind(project: Project) -> None:
    """jenjang.yaml emptied says nothing about families: a family the position misnames is reported."""
    project.write("jenjang.yaml", "")
    family = project.text(POSITION).split("\nrumpun: ", 1)[1].split("\n", 1)[0]
    project.edit(POSITION, f"\nrumpun: {family}\n", "\nrumpun: TIDAK-ADA\n")
    unknown = [where(d) for d in project.diagnostics() if d.code == "KMP020"]
    assert unknown == [(POSITION, *project.locate(POSITION, "TIDAK-ADA"))]
