"""``kompiler fmt``: canonical key order, indentation and quoting, comments kept, idempotent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kompiler.authoring.fmt import NotFormattable, format_text
from kompiler.check.load import load_bytes
from kompiler.pipeline import compile_path
from kompiler.project import FileKind

FIXTURES = Path(__file__).parents[1] / "fixtures"

MESSY = """\
# yaml-language-server: $schema=../schemas/rumpun.schema.json
rumpun:
    -   nama: 'Administrasi Pemerintahan'   # nama resmi
        kode: "RJ-ADM"
        deskripsi: "yes"
    - induk: RJ-ADM
      kode: RJ-KEU
      nama: "2026-01-01"
      deskripsi: 'Rumpun jabatan yang mencakup pengelolaan keuangan daerah, akuntansi pemerintahan, perbendaharaan, dan pengelolaan aset milik daerah'
"""

CANONICAL = """\
# yaml-language-server: $schema=../schemas/rumpun.schema.json
rumpun:
  - kode: RJ-ADM
    nama: Administrasi Pemerintahan # nama resmi
    deskripsi: "yes"
  - kode: RJ-KEU
    nama: "2026-01-01"
    induk: RJ-ADM
    deskripsi: Rumpun jabatan yang mencakup pengelolaan keuangan daerah, akuntansi pemerintahan,
      perbendaharaan, dan pengelolaan aset milik daerah
"""


def test_canonical_form() -> None:
    formatted = format_text(MESSY, FileKind.FAMILIES)
    assert formatted.changed
    assert formatted.text == CANONICAL
    assert format_text(CANONICAL, FileKind.FAMILIES).changed is False


@pytest.mark.parametrize(
    "value", ["yes", "No", "on", "010", "0x1F", "1.1", "2026-04-01", "null", "~", "12", "1e3", " x"]
)
def test_strings_yaml_would_misread_stay_quoted(value: str) -> None:
    text = f'rumpun:\n  - kode: RJ-ADM\n    nama: "{value}"\n'
    formatted = format_text(text, FileKind.FAMILIES).text
    assert f'nama: "{value}"' in formatted
    assert load_bytes("x.yaml", formatted.encode()).document.data["rumpun"][0]["nama"] == value


@pytest.mark.parametrize("value", ["._", "._1", ".1_"])
def test_a_number_written_with_an_underscore_stays_the_text_it_is(value: str) -> None:
    """YAML 1.2 has no ``_`` in numbers, so ``kompiler check`` reads these as text; fmt reads and writes
    them as that text, quoted, instead of a number (or a crash: ``._`` found by Hypothesis)."""
    text = f"rumpun:\n  - kode: RJ-ADM\n    nama: {value}\n"
    assert load_bytes("x.yaml", text.encode()).document.data["rumpun"][0]["nama"] == value
    formatted = format_text(text, FileKind.FAMILIES).text
    assert f'nama: "{value}"' in formatted
    assert load_bytes("x.yaml", formatted.encode()).document.data["rumpun"][0]["nama"] == value
    assert format_text(formatted, FileKind.FAMILIES).changed is False


def test_every_fixture_file_is_stable_under_fmt() -> None:
    for path in sorted((FIXTURES / "minimal").rglob("*.yaml")):
        kind = _kind(path)
        once = format_text(path.read_text(encoding="utf-8"), kind).text
        assert format_text(once, kind).text == once, path
        original = load_bytes(str(path), path.read_bytes()).document.data
        assert load_bytes(str(path), once.encode()).document.data == original, path
        assert all(line == line.rstrip() for line in once.splitlines()), path


def _kind(path: Path) -> FileKind:
    from kompiler.project import kind_of

    kind = kind_of(path.relative_to(FIXTURES / "minimal").as_posix())
    assert kind is not None
    return kind


def test_broken_yaml_is_not_formatted() -> None:
    with pytest.raises(NotFormattable):
        format_text("rumpun:\n  - kode: [RJ\n", FileKind.FAMILIES)
    with pytest.raises(NotFormattable):
        format_text("rumpun:\n  - kode: RJ-ADM\n    nama: yes\n", FileKind.FAMILIES)


def test_fmt_check_then_fmt_end_to_end(tmp_path: Path, run_cli) -> None:
    project = tmp_path / "standar"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "rumpun" / "rumpun.yaml").write_text(MESSY, encoding="utf-8")
    check = run_cli(["fmt", str(project), "--check"], tmp_path)
    assert check.exit_code == 1
    assert "rumpun/rumpun.yaml" in check.output
    assert (project / "rumpun" / "rumpun.yaml").read_text(encoding="utf-8") == MESSY

    result = run_cli(["fmt", str(project)], tmp_path)
    assert result.exit_code == 0, result.output
    assert (project / "rumpun" / "rumpun.yaml").read_text(encoding="utf-8") == CANONICAL
    assert run_cli(["fmt", str(project), "--check"], tmp_path).exit_code == 0
    assert compile_path(project).ok


def test_fmt_single_file_and_broken_file(tmp_path: Path, run_cli) -> None:
    project = tmp_path / "standar"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "rumpun" / "rumpun.yaml").write_text(MESSY, encoding="utf-8")
    broken = project / "jabatan" / "rusak.yaml"
    broken.write_text("kode: [tidak ditutup\n", encoding="utf-8")
    single = run_cli(["fmt", str(project / "rumpun" / "rumpun.yaml"), "--check"], tmp_path)
    assert single.exit_code == 1
    assert single.output.splitlines()[0].endswith("rumpun/rumpun.yaml")
    everything = run_cli(["fmt", str(project)], tmp_path)
    assert everything.exit_code == 1
    assert "standar/jabatan/rusak.yaml:2:1: galat KMP002:" in everything.output
    assert broken.read_text(encoding="utf-8") == "kode: [tidak ditutup\n"
    assert (project / "rumpun" / "rumpun.yaml").read_text(encoding="utf-8") == CANONICAL


def test_a_tab_after_a_key_is_reported_by_check_and_fmt_at_the_tab(tmp_path: Path, run_cli) -> None:
    project = tmp_path / "standar"
    shutil.copytree(FIXTURES / "minimal", project)
    position = project / "jabatan" / "analis-keuangan.yaml"
    tabbed = position.read_text(encoding="utf-8").replace("urusan: Keuangan", "urusan:\tKeuangan")
    position.write_text(tabbed, encoding="utf-8")
    expected = "standar/jabatan/analis-keuangan.yaml:9:8: galat KMP002: Karakter tab"
    for args in (["check", str(project)], ["fmt", str(project), "--check"], ["fmt", str(project)]):
        result = run_cli(args, tmp_path)
        assert result.exit_code == 1, (args, result.output)
        assert expected in result.output, (args, result.output)
        assert "KMP083" not in result.output and "scanning" not in result.output, (args, result.output)
    assert position.read_text(encoding="utf-8") == tabbed


def test_text_only_the_layout_library_refuses_is_reported_where_it_stops_in_the_drafters_words() -> None:
    # libyaml and PyYAML end a comment at U+2028 (so `kode` is a key); the round-trip library does not.
    text = "rumpun:\n  - kode: RJ-ADM # lama\u2028nama: Administrasi\n"
    assert load_bytes("x.yaml", text.encode()).diagnostics == []
    with pytest.raises(NotFormattable) as raised:
        format_text(text, FileKind.FAMILIES)
    [problem] = raised.value.diagnostics
    assert (problem.code, problem.location.line, problem.location.column) == ("KMP083", 2, 25)
    assert "pustaka tata letak" in problem.message.id and "layout library" in problem.message.en
    assert "while" not in problem.message.id + problem.message.en


def test_a_misspelt_key_keeps_its_place_after_the_key_it_followed() -> None:
    text = (FIXTURES / "minimal" / "jabatan" / "analis-keuangan.yaml").read_text(encoding="utf-8")
    jenis = "jenis: fungsional_keahlian\n"
    text = text.replace("ikhtisar:", "ikhtisr:").replace(jenis, "").replace("kode: NTB", f"{jenis}kode: NTB")
    formatted = format_text(text, FileKind.POSITION).text
    keys = [line.split(":")[0] for line in formatted.splitlines() if line[:1].isalpha()]
    assert keys[:12] == [
        *("kode", "nama", "jenis", "jenjang", "rumpun", "bidang", "unit_kerja", "urusan"),
        *("ikhtisr", "tugas", "hasil_kerja", "kompetensi"),
    ]
    assert (
        "\nikhtisr: Melakukan analisis" in formatted
        and format_text(formatted, FileKind.POSITION).changed is False
    )
