"""The loader reports every YAML surprise as a located error instead of guessing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompiler.check.load import MAX_DEPTH, MAX_FILE_BYTES, load_bytes
from kompiler.diagnostics import Severity

pytestmark = pytest.mark.usefixtures("yaml_loader")


def problems(source: bytes) -> list[tuple[str, int, int]]:
    return [(d.code, d.location.line, d.location.column) for d in load_bytes("f.yaml", source).diagnostics]


def test_plain_yaml_loads_with_yaml_12_types() -> None:
    result = load_bytes("f.yaml", b"a: 1\nb: 2.5\nc: true\nd: ~\ne: teks biasa\nf: '010'\ng: [x, y]\n")
    assert result.diagnostics == []
    assert result.document is not None
    assert result.document.data == {
        "a": 1,
        "b": 2.5,
        "c": True,
        "d": None,
        "e": "teks biasa",
        "f": "010",
        "g": ["x", "y"],
    }


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    result = load_bytes("f.yaml", b"nama: A\nkode: X\nnama: B\n")
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == [("KMP003", 3, 1)]
    assert "baris 1" in result.diagnostics[0].message.id
    assert result.document is not None and result.document.data["nama"] == "A"


@pytest.mark.parametrize("value", ["yes", "no", "No", "ON", "off", "Yes", "OFF"])
def test_yaml11_booleans_are_errors_and_stay_text(value: str) -> None:
    result = load_bytes("f.yaml", f"jawab: {value}\n".encode())
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == [("KMP004", 1, 8)]
    assert "boolean" in result.diagnostics[0].message.id
    assert result.document is not None and result.document.data == {"jawab": value}


@pytest.mark.parametrize("value", ["2026-01-01", "2026-1-5", "2026-01-01 10:00:00"])
def test_unquoted_dates_are_errors(value: str) -> None:
    result = load_bytes("f.yaml", f"berlaku_mulai: {value}\n".encode())
    assert [d.code for d in result.diagnostics] == ["KMP004"]
    assert "tanggal" in result.diagnostics[0].message.id


@pytest.mark.parametrize("value", ["010", "0777", "0x1F", "0o17", "1_000", "1:20", ".inf"])
def test_numbers_that_yaml_versions_disagree_on_are_errors(value: str) -> None:
    result = load_bytes("f.yaml", f"kode: {value}\n".encode())
    assert [d.code for d in result.diagnostics] == ["KMP004"]
    assert result.document is not None and result.document.data == {"kode": value}


@pytest.mark.parametrize("value", [".nan", "-.inf", ".NaN"])
def test_infinity_and_nan_are_named_as_such(value: str) -> None:
    result = load_bytes("f.yaml", f"kepentingan: {value}\n".encode())
    assert [d.code for d in result.diagnostics] == ["KMP004"]
    assert "tak hingga" in result.diagnostics[0].message.id
    assert "not-a-number" in result.diagnostics[0].message.en


def test_quoted_ambiguous_values_are_fine() -> None:
    result = load_bytes("f.yaml", b"a: 'no'\nb: \"2026-01-01\"\nc: '010'\n")
    assert result.diagnostics == []


def test_anchor_and_alias_are_rejected_at_the_alias() -> None:
    assert problems(b"a: &x [1, 2]\nb: *x\n") == [("KMP005", 2, 4)]


def test_alias_bomb_is_rejected_quickly_without_expansion() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    result = load_bytes("f.yaml", "\n".join(lines).encode())
    assert [d.code for d in result.diagnostics] == ["KMP005"]


def test_merge_key_is_rejected() -> None:
    assert [c for c, _, _ in problems(b"a: {x: 1}\nb:\n  <<: {y: 2}\n")] == ["KMP005"]


def test_python_tags_are_rejected() -> None:
    result = load_bytes("f.yaml", b"a: !!python/object/apply:os.system ['echo hi']\n")
    assert [d.code for d in result.diagnostics] == ["KMP006"]
    assert result.document is not None and result.document.data == {"a": None}


def test_non_text_keys_are_rejected() -> None:
    assert [c for c, _, _ in problems(b"? [a, b]\n: 1\n")] == ["KMP006"]
    assert [c for c, _, _ in problems(b"1: satu\n")] == ["KMP006"]


@pytest.mark.parametrize(
    "source",
    [b"[" * 100_000 + b"]" * 100_000, b"{a: " * 5_000 + b"1" + b"}" * 5_000, b"- " * 10_000 + b"x\n"],
)
def test_very_deep_nesting_is_refused_not_crashed(source: bytes) -> None:
    result = load_bytes("f.yaml", source)
    assert result.document is None
    assert [d.code for d in result.diagnostics] == ["KMP007"]
    assert str(MAX_DEPTH) in result.diagnostics[0].message.id


def test_block_nesting_below_the_limit_loads() -> None:
    source = "".join("  " * depth + f"k{depth}:\n" for depth in range(30)) + "  " * 30 + "v: 1\n"
    result = load_bytes("f.yaml", source.encode())
    assert result.diagnostics == []


def test_empty_file_is_reported() -> None:
    assert problems(b"") == [("KMP008", 1, 1)]
    assert problems(b"# hanya komentar\n") == [("KMP008", 1, 1)]


def test_several_documents_in_one_file_are_rejected() -> None:
    result = load_bytes("f.yaml", b"a: 1\n---\nb: 2\n")
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("KMP002", 2)]
    assert "lebih dari satu dokumen" in result.diagnostics[0].message.id


def test_tab_indentation_gets_a_tab_message() -> None:
    result = load_bytes("f.yaml", b"a:\n\tb: 1\n")
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == [("KMP002", 2, 1)]
    assert "tab" in result.diagnostics[0].message.id.lower()


@pytest.mark.parametrize(
    ("source", "line", "column"),
    [
        (b"nama: A\nurusan:\tKeuangan\n", 2, 8),  # after a key's colon
        (b"nama: A\ntugas:\n  -\tMenganalisis\n", 3, 4),  # after a list dash
        (b"nama: A\turusan\n", 1, 8),  # inside unquoted text
        (b"nama: A\t\nkode: X\n", 1, 8),  # at the end of a line
        (b"nama: A\t# catatan\n", 1, 8),  # before a comment
        (b"nama\t: A\n", 1, 5),  # before a colon
        (b"bidang: [A,\tB]\n", 1, 12),  # inside brackets
    ],
)
def test_a_tab_used_as_separation_is_the_tab_error_at_the_tab(source: bytes, line: int, column: int) -> None:
    indentation = load_bytes("f.yaml", b"a:\n\tb: 1\n").diagnostics[0].message
    result = load_bytes("f.yaml", source)
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == [
        ("KMP002", line, column)
    ]
    assert result.diagnostics[0].message == indentation
    assert result.document is None


BOM = "\ufeff".encode()


@pytest.mark.parametrize(
    ("source", "line", "column"),
    [
        (b"jenjang:\n  - kode: A\n" + BOM + b"  - kode: B\n    nama: B\n", 3, 1),  # a pasted line
        (b"a:\n  b: 1\n" + BOM + b"  c: 2\n", 3, 1),
    ],
)
def test_a_byte_order_mark_that_breaks_the_structure_is_named_where_it_is(
    source: bytes, line: int, column: int
) -> None:
    """An editor's or a paste's BOM at a line's start read as "inconsistent indentation" a line later,
    where nothing is visibly wrong. libyaml stops at it (a syntax error); PyYAML's own parser reads it
    into the next key, which holds a character no text may hold (KMP017): one error at the BOM either
    way."""
    found = load_bytes("f.yaml", source).diagnostics
    assert [(d.location.line, d.location.column) for d in found] == [(line, column)]
    assert found[0].code in {"KMP002", "KMP017"}
    assert "U+FEFF" in found[0].message.id and "U+FEFF" in found[0].message.en


def test_a_syntax_error_before_a_byte_order_mark_is_told_as_it_is() -> None:
    found = load_bytes("f.yaml", b"a: [1\nb: 2\nc: '" + BOM + b"'\n").diagnostics
    assert len(found) == 1 and "U+FEFF" not in found[0].message.en


@pytest.mark.parametrize(
    "source",
    [
        b'nama: "A\tB"\n',
        b"nama: 'A\tB'\n",
        b"uraian: |\n  satu\tdua\n  \ttiga\n",
        b"# komentar\tdengan tab\nnama: A # dan\tini\n",
    ],
)
def test_a_tab_in_quoted_or_block_text_or_a_comment_is_fine(source: bytes) -> None:
    assert load_bytes("f.yaml", source).diagnostics == []


POSITION = Path(__file__).parents[1] / "fixtures" / "minimal" / "jabatan" / "analis-keuangan.yaml"


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opens(quote: str) -> None:
    text = POSITION.read_text(encoding="utf-8").replace("ikhtisar: Melakukan", f"ikhtisar: {quote}Melakukan")
    result = load_bytes("f.yaml", text.encode())
    [problem] = result.diagnostics
    assert (problem.code, problem.location.line, problem.location.column) == ("KMP002", 10, 11)
    assert f"Tanda kutip {quote} yang dibuka di baris 10 kolom 11 tidak ditutup" in problem.message.id
    assert f"The quote {quote} opened at line 10, column 11 is not closed" in problem.message.en


def test_a_quote_closed_by_a_later_values_quote_names_both_lines() -> None:
    # The next double quote, on line 63 (berlaku_mulai: "2026-04-01"), closes the text by mistake.
    text = POSITION.read_text(encoding="utf-8").replace("ikhtisar: Melakukan", 'ikhtisar: "Melakukan')
    [problem] = load_bytes("f.yaml", text.encode()).diagnostics
    assert (problem.code, problem.location.line, problem.location.column) == ("KMP002", 10, 11)
    assert "dibuka di baris 10 kolom 11 tidak ditutup" in problem.message.id
    assert "tanda kutip di baris 63" in problem.message.id and "quote on line 63" in problem.message.en


def test_a_text_quoted_over_several_lines_on_purpose_is_not_an_unclosed_quote() -> None:
    [problem] = load_bytes("f.yaml", b'nama: "Analis\n  Keuangan" Ahli\n').diagnostics
    assert problem.code == "KMP002" and "Tanda kutip" not in problem.message.id


def test_a_key_indented_deeper_than_the_key_above_it_is_an_indentation_error_at_the_key() -> None:
    text = POSITION.read_text(encoding="utf-8").replace(
        "    - kode: M.02\n      level: 2", "    - kode: M.02\n        level: 2"
    )
    [problem] = load_bytes("f.yaml", text.encode()).diagnostics
    assert (problem.code, problem.location.line, problem.location.column) == ("KMP002", 21, 9)
    assert (problem.location.span.end_line, problem.location.span.end_column) == (21, 14)
    assert "'level' menjorok lebih dalam (kolom 9) daripada kunci 'kode'" in problem.message.id
    assert "kolom 7" in problem.message.id and "column 7" in problem.message.en
    assert "Titik dua" not in problem.message.id


def test_a_colon_inside_text_on_the_keys_line_still_asks_for_quotes() -> None:
    [problem] = load_bytes("f.yaml", b"nama: A\nikhtisar: Catatan: penting\n").diagnostics
    assert (problem.code, problem.location.line, problem.location.column) == ("KMP002", 2, 18)
    assert "beri tanda kutip" in problem.message.id and "menjorok" not in problem.message.id


def test_truncated_file_is_a_syntax_error_with_a_position() -> None:
    result = load_bytes("f.yaml", b"nama: 'Analis\nkode: X\n")
    assert [d.code for d in result.diagnostics] == ["KMP002"]
    assert result.diagnostics[0].location.line >= 1


def test_invalid_utf8_is_located_at_the_bad_byte() -> None:
    assert problems(b"nama: ok\nuraian: caf\xe9\n") == [("KMP001", 2, 12)]


def test_utf16_is_refused_with_advice() -> None:
    result = load_bytes("f.yaml", "a: 1\n".encode("utf-16"))
    assert [d.code for d in result.diagnostics] == ["KMP001"]
    assert "UTF-8" in result.diagnostics[0].message.id


def test_nul_byte_is_reported() -> None:
    assert problems(b"a: 1\nb: x\x00y\n") == [("KMP001", 2, 5)]


def test_control_character_is_reported() -> None:
    assert problems(b"a: \x07\n") == [("KMP001", 1, 4)]


def test_huge_file_is_refused_before_parsing() -> None:
    result = load_bytes("f.yaml", b"a: " + b"x" * (MAX_FILE_BYTES + 1))
    assert [d.code for d in result.diagnostics] == ["KMP001"]


def test_bom_and_crlf_load_like_lf() -> None:
    lf = load_bytes("f.yaml", b"nama: A\ntugas:\n  - satu\n  - dua\n")
    crlf_bom = load_bytes("f.yaml", b"\xef\xbb\xbfnama: A\r\ntugas:\r\n  - satu\r\n  - dua\r\n")
    assert lf.document is not None and crlf_bom.document is not None
    assert lf.document.data == crlf_bom.document.data
    assert lf.document.span(("tugas", 1)) == crlf_bom.document.span(("tugas", 1))


def test_every_loader_problem_is_an_error() -> None:
    for source in (b"a: yes\n", b"a: 1\na: 2\n", b"a: *b\n", b"\xff"):
        assert all(d.severity is Severity.ERROR for d in load_bytes("f.yaml", source).diagnostics)


def test_spans_point_at_values_and_keys() -> None:
    document = load_bytes("f.yaml", b"a:\n  b: [10, 20]\n  c: teks\n").document
    assert document is not None
    value = document.span(("a", "b", 1))
    assert (value.line, value.column, value.end_column) == (2, 11, 13)
    key = document.span(("a", "c"), key=True)
    assert (key.line, key.column, key.end_column) == (3, 3, 4)


def test_missing_pointer_falls_back_to_nearest_ancestor() -> None:
    document = load_bytes("f.yaml", b"a:\n  b: 1\n").document
    assert document is not None
    assert document.span(("a", "tidak_ada")) == document.span(("a",))


@pytest.mark.parametrize(
    "value",
    [
        '"\\x01"',
        '"\\0"',
        '"\\e"',
        '"\\r"',
        '"\\x7f"',
        '"\\N"',
        '"\\x9b"',
        '"\\L"',
        '"\\P"',
        '"\\uFEFF"',
        '"\\uFFFE"',
        '"\\uFDD0"',
        '"\\U0001FFFE"',
        '"\\U0010FFFF"',
        '"\\u202E"',
        '"\\u2066"',
        "teks \u202e terbalik",
        "'teks \u2067 isolasi'",
        "|\n  baris \ufeff satu\n",
    ],
)
def test_characters_no_standard_may_hold_are_errors_at_the_text(value: str) -> None:
    result = load_bytes("f.yaml", f"nama: Analis\nuraian: {value}\n".encode())
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == [("KMP017", 2, 9)]


def test_forbidden_character_in_a_key_is_an_error_at_the_key() -> None:
    result = load_bytes("f.yaml", b'nama: Analis\n"ura\\x01ian": x\n')
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == [("KMP017", 2, 1)]
    assert "ke-4" in result.diagnostics[0].message.id and "U+0001" in result.diagnostics[0].message.en


@pytest.mark.parametrize(
    "value", ['"a\\tb"', "|\n  satu\n  dua\n", '"\\U00020000 \\U0001F600 \\u00e9"', "teks 😀 𠀀 é"]
)
def test_tabs_line_breaks_and_astral_letters_are_text(value: str) -> None:
    assert load_bytes("f.yaml", f"uraian: {value}\n".encode()).diagnostics == []


@pytest.mark.parametrize(("written", "number"), [("02", "2"), ("0x2", None), ("yes", None)])
def test_an_ambiguous_value_is_one_error_where_the_schema_wants_another_type(
    written: str, number: str | None
) -> None:
    """A drafter who wrote ``level: 02`` made one mistake: the schema's "must be an integer, not text"
    at the same place would be a second error, and quoting the value as KMP004 suggests for text would
    not clear it; the message says how to write the number."""
    from kompiler.check.per_file import check_file
    from kompiler.project import FileKind

    source = (Path(__file__).parents[2] / "standards/jabatan/ntb-jf-akpd-muda.yaml").read_text()
    broken = source.replace("      level: 2\n", f"      level: {written}\n", 1)
    assert broken != source
    outcome = check_file("jabatan/x.yaml", FileKind.POSITION, broken.encode())
    assert [d.code for d in outcome.diagnostics] == ["KMP004"]
    assert (f"or {number} if you mean a number" in outcome.diagnostics[0].message.en) == (number is not None)


def test_a_merge_key_is_one_error_not_also_the_keys_it_would_have_brought() -> None:
    from kompiler.check.per_file import check_file
    from kompiler.project import FileKind

    source = (Path(__file__).parents[2] / "standards/jabatan/ntb-jf-akpd-muda.yaml").read_text()
    kode = next(line for line in source.splitlines() if line.startswith("kode: "))
    broken = source.replace(f"{kode}\n", "<<: {kode: X}\n", 1)
    outcome = check_file("jabatan/x.yaml", FileKind.POSITION, broken.encode())
    assert [d.code for d in outcome.diagnostics] == ["KMP005"]


@pytest.mark.parametrize(
    "written", ["NTB.JF.AKPD\u202e.MUDA", "NTB.JF.AKPD\u2066.MUDA", '"NTB.JF.AKPD\\x01.MUDA"']
)
def test_a_forbidden_character_in_a_code_is_one_error_not_also_the_codes_pattern(written: str) -> None:
    """A bidirectional control pasted into a code breaks the code's pattern too; "does not have the
    expected format" at the same place would be a second error for the character KMP017 names."""
    from kompiler.check.per_file import check_file
    from kompiler.project import FileKind

    source = (Path(__file__).parents[2] / "standards/jabatan/ntb-jf-akpd-muda.yaml").read_text()
    broken = source.replace("kode: NTB.JF.AKPD.MUDA\n", f"kode: {written}\n", 1)
    assert broken != source
    outcome = check_file("jabatan/x.yaml", FileKind.POSITION, broken.encode())
    assert [(d.code, d.location.line, d.location.column) for d in outcome.diagnostics] == [("KMP017", 3, 7)]
    assert outcome.invalid  # still left out of the later stages
