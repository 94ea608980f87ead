"""A drafter's three steps, as they are run: ``kompiler people gaps``, ``plan`` and ``moves`` on the shipped
standards with the shipped example assessment (synthetic people), through the real command line in a
Git repository laid out like kompiler's own (``standards/``, ``contoh/``, ``asesmen/`` git-ignored).
The documents must exist in the private folder and say the right things."""

from __future__ import annotations

import csv
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]
EXAMPLE = REPO / "contoh" / "asesmen-contoh.csv"
GIT = shutil.which("git")


def kompiler(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "KOMPILER_LOCALE": "", "SOURCE_DATE_EPOCH": "1767225600"}
    return subprocess.run(
        [sys.executable, "-m", "kompiler", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
        check=False,
    )


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_gaps_plan_moves_on_the_example(tmp_path: Path) -> None:
    work = tmp_path / "standar-ntb"
    shutil.copytree(REPO / "standards", work / "standards", ignore=shutil.ignore_patterns(".kompiler-cache"))
    shutil.copytree(EXAMPLE.parent, work / "contoh")
    (work / ".gitignore").write_text("asesmen/\n.kompiler-cache/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(work)], check=True)

    steps = {"gaps": "md,csv", "plan": "md,pdf,csv", "moves": "md,docx,csv"}
    for step, formats in steps.items():
        run = kompiler("people", step, "contoh/asesmen-contoh.csv", "--format", formats, cwd=work)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "ditulis ke" in run.stdout and "RAHASIA" in run.stdout

    private = work / "standards" / "asesmen" / "hasil"
    summary = {
        row["id_pegawai"]: row for row in csv.DictReader((private / "ringkasan.csv").open(encoding="utf-8"))
    }
    assert len(summary) == 40
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in private.rglob("*") if p.is_file()} == {0o600}
    assert subprocess.run(["git", "-C", str(work), "status", "--porcelain", "--untracked-files=all"],
                          capture_output=True, text=True, check=True).stdout.count("asesmen/") == 0  # fmt: skip

    # The gap profile says what ringkasan.csv says, and where the numbers come from.
    person = "P-0002"
    gaps = (private / "kesenjangan" / f"{person}.md").read_text(encoding="utf-8")
    percentage = summary[person]["kecocokan"].replace(".", ",")
    assert f"| Kecocokan (JPM) | {percentage} % |" in gaps
    assert summary[person]["nama_kategori"] in gaps and "Pranata Hubungan Masyarakat Ahli Pertama" in gaps
    for notice in (
        "RAHASIA — data pribadi",
        summary[person]["versi_rumus"],
        "bukan menggantikan",
        "Pasal 10",
    ):
        assert notice in gaps

    # Every plan reaches 20 JP; the documents come as PDF and Word too; rencana.csv lists each activity with its JP.
    for plan in (private / "rencana").glob("*.md"):
        assert "(Paling sedikit 20 JP): ya" in plan.read_text(encoding="utf-8"), plan.name
    assert (private / "rencana" / f"{person}.pdf").read_bytes().startswith(b"%PDF-")
    with zipfile.ZipFile(private / "mutasi" / f"{person}.docx") as word:
        assert "REKOMENDASI PENEMPATAN DAN MUTASI" in word.read("word/document.xml").decode("utf-8")
    items = [
        row
        for row in csv.DictReader((private / "rencana.csv").open(encoding="utf-8"))
        if row["id_pegawai"] == person
    ]
    assert items and sum(float(row["jp"]) for row in items) >= 20

    # A Pranata Humas Ahli Pertama is shown the planted vertical move to Ahli Muda.
    moves = [
        row
        for row in csv.DictReader((private / "mutasi.csv").open(encoding="utf-8"))
        if row["id_pegawai"] == "P-0001"
    ]
    assert ("NTB.JF.HUMAS.MUDA", "vertikal") in {(row["kode_jabatan"], row["jenis_mutasi"]) for row in moves}
    assert "vertikal" in (private / "mutasi" / "P-0001.md").read_text(encoding="utf-8")


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_the_readme_expects_the_warning_its_first_people_command_gives(tmp_path: Path) -> None:
    """In a clone of kompiler the sample is tracked, so the walkthrough's first command warns KMP220, as
    it must about any tracked assessment file; the walkthrough says so before a newcomer runs it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    walkthrough = readme[readme.index("## People: gaps, plans and moves") :]
    first = "kompiler people check contoh/asesmen-contoh.csv"
    assert "KMP220" in walkthrough[: walkthrough.index(first)]
    work = tmp_path / "kompiler"
    shutil.copytree(REPO / "standards", work / "standards", ignore=shutil.ignore_patterns(".kompiler-cache"))
    shutil.copytree(EXAMPLE.parent, work / "contoh")
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    subprocess.run(["git", "-C", str(work), "add", "contoh"], check=True)
    run = kompiler(*first.split()[1:], cwd=work)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "contoh/asesmen-contoh.csv: peringatan KMP220: Berkas asesmen ini dilacak Git" in run.stdout
