"""What ``kompiler people`` says: never a value of the assessment file, a warning when the file is within
Git's reach or its ids will name files, counts in the language's number style, refusals in the chosen
language (both when none is chosen), and options only where they change the output."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import Workbook

from tests.cli.test_people import BKD, LEVELS, write_assessment

REPO = Path(__file__).parents[2]
SECRETS = ("Budi Santoso", "198503122010011002", "Siti Aminah")


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository as ``kompiler init`` makes it: ``standards/`` committed, ``asesmen/`` ignored."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "standards", root / "standards", ignore=shutil.ignore_patterns(".kompiler-cache"))
    (root / ".gitignore").write_text("asesmen/\noutput/\n.kompiler-cache/\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qm", "standar")
    return root


def git(root: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=root, check=True, capture_output=True)


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return write_assessment(tmp_path / "asesmen.csv", [(f"P-{i:03d}", BKD, LEVELS) for i in range(3)])


def test_a_file_git_would_add_is_read_with_a_warning(
    repository: Path, clean: Path, run_cli: Callable[..., Result]
) -> None:
    inside = repository / "standards" / "hasil.csv"
    shutil.copy(clean, inside)
    result = run_cli(["people", "check", "standards/hasil.csv"], repository)
    assert result.exit_code == 0, result.output
    assert "standards/hasil.csv: peringatan KMP220: " in result.output
    assert "tidak diabaikan (.gitignore)" in result.output and "3 pegawai, tanpa galat" in result.output
    english = run_cli(["people", "gaps", "standards/hasil.csv", "--locale", "en"], repository)
    assert english.exit_code == 0, english.output
    assert "warning KMP220: This assessment file is inside a Git repository" in english.output
    git(repository, "add", "standards/hasil.csv")
    tracked = run_cli(["people", "check", "standards/hasil.csv", "--locale", "en"], repository)
    assert "Git tracks this assessment file" in tracked.output
    assert (
        f"git -C {shlex.quote(str(repository.resolve()))} rm --cached -- standards/hasil.csv"
        in tracked.output
    )


def test_git_is_asked_about_the_file_a_link_points_to(
    repository: Path, clean: Path, run_cli: Callable[..., Result]
) -> None:
    """A link puts only the path it holds into a commit; the data is where it points. A link in the
    ignored asesmen/ to a file Git would add warns; a link Git would add, to an ignored file, does not."""
    (repository / "asesmen").mkdir()
    shutil.copy(clean, repository / "data.csv")
    (repository / "asesmen" / "pintas.csv").symlink_to(repository / "data.csv")
    into = run_cli(["people", "check", "asesmen/pintas.csv"], repository)
    assert "asesmen/pintas.csv: peringatan KMP220: " in into.output
    assert "tidak diabaikan (.gitignore)" in into.output
    shutil.move(repository / "data.csv", repository / "asesmen" / "data.csv")
    (repository / "pintas.csv").symlink_to(repository / "asesmen" / "data.csv")
    out = run_cli(["people", "check", "pintas.csv"], repository)
    assert out.exit_code == 0 and "KMP220" not in out.output, out.output


def test_the_command_to_untrack_a_file_runs_from_anywhere_and_runs_nothing_else(
    tmp_path: Path, repository: Path, clean: Path, run_cli: Callable[..., Result]
) -> None:
    """The file named from the repository's top, with ``git -C`` to it, every path shell-quoted: the
    command is pasted into a shell, from wherever kompiler ran, and a name may hold ``$(…)``."""
    name = "sub/$(touch PWNED).csv"
    (repository / "sub").mkdir()
    shutil.copy(clean, repository / name)
    git(repository, "add", "--", name)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    arguments = ["people", "check", str(repository / name), "-p", str(repository / "standards")]
    result = run_cli([*arguments, "--locale", "en"], elsewhere)
    top = shlex.quote(str(repository.resolve()))
    assert f"(git -C {top} rm --cached -- 'sub/$(touch PWNED).csv')" in result.output, result.output


def test_a_file_in_an_ignored_folder_or_outside_a_repository_is_read_without_a_word(
    repository: Path, clean: Path, run_cli: Callable[..., Result]
) -> None:
    ignored = repository / "asesmen" / "asesmen.csv"
    ignored.parent.mkdir()
    shutil.copy(clean, ignored)
    for file in ("asesmen/asesmen.csv", str(clean)):
        result = run_cli(["people", "check", file], repository)
        assert result.exit_code == 0 and "KMP220" not in result.output, result.output


def test_a_file_without_a_header_row_is_never_echoed(
    tmp_path: Path, repository: Path, run_cli: Callable[..., Result]
) -> None:
    file = tmp_path / "a.csv"
    file.write_text(f"P-0731;{SECRETS[0]};{SECRETS[1]};{BKD};2025-03-10;2\n", encoding="utf-8")
    result = run_cli(["people", "check", str(file)], repository)
    assert result.exit_code == 1
    assert "a.csv:1:2: galat KMP210: Kolom ini bukan kolom yang dikenal" in result.output
    assert "a.csv:1:3: galat KMP206" in result.output
    assert not [secret for secret in (*SECRETS, "P-0731", BKD) if secret in result.output]


def test_a_workbook_s_sheets_are_named_by_their_number(
    tmp_path: Path, repository: Path, run_cli: Callable[..., Result]
) -> None:
    book = Workbook()
    book.active.title = f"{SECRETS[0]} {SECRETS[1]}"
    book.create_sheet("Asesmen").append(["id", "jabatan", "tanggal", "M.01"])
    book["Asesmen"].append(["P-1", BKD, "2026-03-02", 2])
    book.save(tmp_path / "a.xlsx")
    for sheet in ([], ["--lembar", "Rekap"]):
        result = run_cli(["people", "check", str(tmp_path / "a.xlsx"), *sheet], repository)
        assert result.exit_code == 1 and "KMP2" in result.output
        assert not [secret for secret in SECRETS if secret in result.output], result.output
    chosen = run_cli(["people", "check", str(tmp_path / "a.xlsx"), "--lembar", "2"], repository)
    assert chosen.exit_code == 0, chosen.output
    assert "hanya lembar ke-2 dari kiri yang dibaca" in chosen.output


def test_ids_that_are_nips_are_said_to_become_file_names(
    tmp_path: Path, repository: Path, run_cli: Callable[..., Result]
) -> None:
    file = write_assessment(tmp_path / "nip.csv", [(SECRETS[1], BKD, LEVELS), ("P-1", BKD, LEVELS)])
    result = run_cli(["people", "gaps", str(file), "--izinkan-data-pribadi", "--locale", "en"], repository)
    assert result.exit_code == 0, result.output
    assert "nip.csv:2:1: warning KMP219: 1 row(s) have an id that looks like personal data" in result.output
    assert "becomes a file name" in result.output and SECRETS[1] not in result.output


def test_every_problem_is_counted_in_the_language_s_number_style(
    tmp_path: Path, repository: Path, run_cli: Callable[..., Result]
) -> None:
    file = write_assessment(
        tmp_path / "a.csv", [(f"P-{n}", BKD, {**LEVELS, "M.01": 9}) for n in range(2_300)]
    )
    checked = run_cli(["people", "check", str(file)], repository)
    assert checked.exit_code == 1
    assert "1.300 masalah lain tidak ditampilkan (KMP211: 1.300)." in checked.output
    assert checked.output.rstrip().endswith(
        "a.csv: 2.300 galat, 0 peringatan pada sedikitnya 1.001 baris; 0 pegawai terbaca tanpa galat."
    )
    gaps = run_cli(["people", "gaps", str(file), "--locale", "en"], repository)
    assert "2,300 error(s), 0 warning(s) in " in gaps.output and "1,300 more problems" in gaps.output


def test_an_unknown_position_is_said_in_the_chosen_language(
    repository: Path, clean: Path, run_cli: Callable[..., Result]
) -> None:
    arguments = ["people", "pool", "NTB.TIDAK.ADA", str(clean)]
    both = run_cli(arguments, repository)
    assert both.exit_code == 2 and "jabatan 'NTB.TIDAK.ADA' tidak ada" in both.output
    assert "No position with code 'NTB.TIDAK.ADA'" in both.output
    english = run_cli([*arguments, "--locale", "en"], repository)
    assert english.exit_code == 2 and "No position with code" in english.output
    assert "tidak ada" not in english.output


@pytest.mark.parametrize(
    ("command", "formats", "dated"),
    [
        (["gaps"], "md, pdf, docx, csv", False),
        (["plan"], "md, pdf, docx, csv", True),
        (["moves"], "md, pdf, docx, csv", False),
        (["pool", "X"], "md, csv", False),
        (["summary"], "md, pdf, csv", True),
    ],
)
def test_help_offers_only_what_changes_the_output(
    command: list[str], formats: str, dated: bool, repository: Path, run_cli: Callable[..., Result]
) -> None:
    help_text = " ".join(run_cli(["people", command[0], "--help"], repository).output.split())
    assert f"Daftar format, dipisah koma: {formats}. /" in help_text
    assert [f for f in ("pdf", "docx") if f not in formats and f in help_text] == []
    assert ("--tahun" in help_text) is dated


@pytest.mark.parametrize("command", [["gaps"], ["moves"], ["pool", "NTB.JF.ASDMA.MUDA"]])
def test_a_year_is_refused_where_it_changes_nothing(
    command: list[str], clean: Path, repository: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli(["people", *command, str(clean), "--tahun", "2027"], repository)
    assert result.exit_code == 2 and "--tahun" in result.output
    assert not (repository / "standards" / "asesmen").exists()


def test_a_format_the_command_does_not_write_is_refused_before_anything_is_read(
    clean: Path, repository: Path
) -> None:
    """Said as every usage error is, in both languages (the entry point's, so run as a drafter runs it)."""
    command = [sys.executable, "-m", "kompiler", "people", "summary", str(clean), "--format", "docx"]
    done = subprocess.run(command, cwd=repository, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Galat: nilai tidak sah untuk '--format': docx; pilihan: md, pdf, csv." in done.stderr
    assert "Error: Invalid value for '--format': docx; choose from md, pdf, csv." in done.stderr


def test_build_warns_of_an_assessment_file_git_would_add(
    tmp_path: Path, repository: Path, clean: Path, run_cli: Callable[..., Result]
) -> None:
    """``build --asesmen`` reads the same file as the people steps, so it warns the same way, in the
    format asked for."""
    shutil.copy(clean, repository / "standards" / "hasil.csv")
    arguments = ["build", "--asesmen", "standards/hasil.csv", "--only", BKD, "-o", str(tmp_path / "out")]
    result = run_cli([*arguments, "--format", "json", "--locale", "en"], repository)
    assert result.exit_code == 0, result.output
    report, _ = json.JSONDecoder().raw_decode(result.output)
    assert [d["file"] for d in report["diagnostics"] if d["code"] == "KMP220"] == ["standards/hasil.csv"]


def test_build_and_people_count_the_problems_kmp216_stands_for_alike(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """A file of 1,200 wrong levels shows 1,000 problems and one KMP216 for the rest; both commands'
    count lines say 1,200, grouped as Indonesian writes numbers (build said 1001)."""
    rows = "".join(f"P-{n},NTB.JF.HUMAS.MUDA,2025-01-01,9\n" for n in range(1, 1_201))
    assessment = tmp_path / "a.csv"
    assessment.write_text("id,jabatan,tanggal,M.01\n" + rows, encoding="utf-8")
    standards = str(REPO / "standards")
    built = run_cli(["build", standards, "-o", str(tmp_path / "out"), "--asesmen", str(assessment)], tmp_path)
    gaps = run_cli(["people", "gaps", str(assessment), "-p", standards, "-o", str(tmp_path / "g")], tmp_path)
    counted = [
        [line for line in result.stdout.splitlines() if line.endswith("berkas standar dan 1 berkas asesmen.")]
        for result in (built, gaps)
    ]
    assert counted[0] == counted[1] and counted[0][0].startswith("1.200 galat, 0 peringatan dalam ")
