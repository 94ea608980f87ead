"""Schema violations are located at the offending node and explained in the drafter's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompiler.diagnostics import Diagnostic
from kompiler.pipeline import compile_path

pytestmark = pytest.mark.usefixtures("yaml_loader")

POSITION = "jabatan/analis-keuangan.yaml"


def edit(project: Path, old: str, new: str, relative: str = POSITION) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def schema_problems(project: Path) -> list[Diagnostic]:
    return [d for d in compile_path(project).diagnostics if d.code == "KMP011"]


def only(project: Path) -> Diagnostic:
    found = schema_problems(project)
    assert len(found) == 1, [d.message.id for d in found]
    return found[0]


def test_minimal_project_is_clean(minimal_project: Path) -> None:
    assert compile_path(minimal_project).diagnostics == []


def test_unknown_key_points_at_the_key_and_suggests_the_right_one(minimal_project: Path) -> None:
    edit(minimal_project, "urusan: Keuangan", "urusann: Keuangan")
    unknown = only(minimal_project)
    assert (unknown.location.line, unknown.location.column) == (9, 1)
    assert "Maksud Anda 'urusan'?" in unknown.message.id
    assert "Did you mean 'urusan'?" in unknown.message.en


def test_a_misspelled_required_key_is_one_error_not_also_a_missing_key(minimal_project: Path) -> None:
    """The suggestion names the missing key: "the required key 'urusan' is missing" would be a second
    error for the same typo. A missing key that no unknown key resembles is still reported."""
    edit(minimal_project, "urusan: Keuangan", "urusann: Keuangan")
    edit(minimal_project, "unit_kerja:", "tempat:")
    messages = sorted(d.message.en.partition(" Known keys")[0] for d in schema_problems(minimal_project))
    assert messages == [
        "The required key 'unit_kerja' is missing.",
        "Unknown key 'tempat' here.",
        "Unknown key 'urusann' here. Did you mean 'urusan'?",
    ]


def test_wrong_enum_value_points_at_the_value(minimal_project: Path) -> None:
    edit(minimal_project, "jenis: fungsional_keahlian", "jenis: fungsional_ahli")
    problem = only(minimal_project)
    assert (problem.location.line, problem.location.column) == (4, 8)
    assert "pilihannya" in problem.message.id and "fungsional_keahlian" in problem.message.id


def test_nested_value_out_of_range(minimal_project: Path) -> None:
    edit(minimal_project, "    - kode: T.KEU.01\n      level: 3", "    - kode: T.KEU.01\n      level: 6")
    problem = only(minimal_project)
    assert (problem.location.line, problem.location.column) == (39, 14)
    assert "melebihi batas atas 5" in problem.message.id


def test_requirement_importance_is_optional_and_bounded(minimal_project: Path) -> None:
    rated = "    - kode: T.KEU.01\n      level: 3\n      kepentingan: 4.5"
    edit(minimal_project, "    - kode: T.KEU.01\n      level: 3", rated)
    assert schema_problems(minimal_project) == []
    edit(minimal_project, "kepentingan: 4.5", "kepentingan: 7")
    problem = only(minimal_project)
    assert (problem.location.line, problem.location.column) == (40, 20)
    assert "melebihi batas atas 5" in problem.message.id


def test_wrong_type_names_both_types(minimal_project: Path) -> None:
    edit(minimal_project, "      level: 3", "      level: tiga")
    problem = only(minimal_project)
    assert "Harus berupa bilangan bulat, bukan teks" in problem.message.id
    assert "Must be an integer, not text" in problem.message.en


def test_pattern_error_shows_an_example(minimal_project: Path) -> None:
    edit(minimal_project, "kode: NTB.JF.AKPD.MUDA", "kode: ntb jf")
    problem = only(minimal_project)
    assert (problem.location.line, problem.location.column) == (2, 7)
    assert "Contoh:" in problem.message.id


@pytest.mark.parametrize(
    ("written", "named_id", "named_en"),
    [
        ("NTB.JF.AK\u200dPD.MUDA", "Karakter ke-10 adalah karakter tak terlihat (U+200D ZERO WIDTH JOINER)",
         "Character 10 is an invisible character (U+200D ZERO WIDTH JOINER); delete it."),
        ("NTB.JF.\u0410KPD.MUDA", "Karakter ke-8, \u0410, bukan huruf Latin (U+0410 CYRILLIC CAPITAL LETTER A)",
         "Character 8, \u0410, is not a Latin letter (U+0410 CYRILLIC CAPITAL LETTER A); type it again."),
    ],
)  # fmt: skip
def test_a_code_breaking_its_pattern_names_the_character_the_drafter_cannot_see(
    minimal_project: Path, written: str, named_id: str, named_en: str
) -> None:
    """A code pasted from a document or a chat looks right as quoted: the message names what is wrong."""
    edit(minimal_project, "kode: NTB.JF.AKPD.MUDA", f"kode: {written}")
    problem = only(minimal_project)
    assert named_id in problem.message.id
    assert problem.message.en.endswith(named_en)


def test_a_pattern_error_with_nothing_unseen_names_no_character(minimal_project: Path) -> None:
    edit(minimal_project, "kode: NTB.JF.AKPD.MUDA", "kode: ntb jf")
    assert "Karakter ke-" not in only(minimal_project).message.id


def test_invalid_date_is_explained(minimal_project: Path) -> None:
    edit(minimal_project, 'berlaku_mulai: "2026-04-01"', 'berlaku_mulai: "2026-13-45"')
    problem = only(minimal_project)
    assert (problem.location.line, problem.location.column) == (63, 16)
    assert "bukan tanggal yang sah" in problem.message.id


def test_date_in_the_wrong_order_is_reported_once_as_a_format_problem(minimal_project: Path) -> None:
    edit(minimal_project, 'berlaku_mulai: "2026-04-01"', 'berlaku_mulai: "01-04-2026"')
    problem = only(minimal_project)
    assert (problem.code, problem.location.line, problem.location.column) == ("KMP011", 63, 16)
    assert "tidak sesuai format" in problem.message.id and "TTTT-BB-HH" in problem.message.id


def test_missing_required_key_points_at_the_mapping_start(minimal_project: Path) -> None:
    edit(minimal_project, "  pangkat:\n    golongan: III/c\n", "  pangkat:\n")
    problem = only(minimal_project)
    assert "'golongan'" in problem.message.id
    assert problem.location.span is not None and problem.location.span.line == problem.location.span.end_line


def test_root_that_is_not_a_mapping(minimal_project: Path) -> None:
    (minimal_project / POSITION).write_text("- satu\n- dua\n", encoding="utf-8")
    problem = only(minimal_project)
    assert "peta" in problem.message.id and "daftar" in problem.message.id


@pytest.mark.parametrize(
    ("relative", "old", "new"),
    [
        ("kamus/teknis-keuangan.yaml", "jenis: teknis", "jenis: teknik"),
        ("rumpun/rumpun.yaml", "nama: Keuangan dan Akuntansi", "namanya: Keuangan dan Akuntansi"),
        ("sumber.yaml", 'nomor: "20"', "nomor: 20"),
        ("jenjang.yaml", "keyakinan: terverifikasi", "keyakinan: pasti"),
    ],
)
def test_every_file_kind_is_validated(minimal_project: Path, relative: str, old: str, new: str) -> None:
    edit(minimal_project, old, new, relative)
    found = [d for d in schema_problems(minimal_project) if d.location.file.endswith(relative)]
    assert found and all(d.location.line > 1 for d in found)


def test_locations_count_characters_and_only_real_line_breaks(minimal_project: Path) -> None:
    """After YAML 1.1 line breaks inside a quoted value (U+0085, U+2028) and astral and accented text on
    the same line, a schema error is still at the line and column an editor shows."""
    edit(minimal_project, "nama: Analis Keuangan", 'nama: "Analis\x85Keuangan\u2028"\n# x')
    edit(minimal_project, "bidang: [Akuntansi, Ekonomi Pembangunan]", 'bidang: ["Akuntansi 😀 Daérah", 7]')
    problem = only(minimal_project)
    assert (problem.location.line, problem.location.column) == (
        46,
        len('      bidang: ["Akuntansi 😀 Daérah", ') + 1,
    )
