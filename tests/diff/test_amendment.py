"""The amendment document (perubahan) written by ``kompiler diff --amendment``: Markdown, PDF and Word."""

from __future__ import annotations

import io
import os
import shutil
import stat
import zipfile
from pathlib import Path

from docx import Document
from git_project import POSITION, GitProject

from kompiler.project import UNNUMBERED

TASKS = ["Menilai kewajaran nilai aset tetap daerah", "Menyusun laporan penilaian aset tetap daerah"]


def amend(project: GitProject) -> None:
    def position(data: dict) -> None:
        data["kompetensi"]["manajerial"][0]["level"] = 3
        data["kompetensi"]["teknis"][0]["kepentingan"] = 4
        data["tugas"].append("Menyusun kajian kebijakan pengelolaan kas daerah")

    def dictionary(data: dict) -> None:
        indicator = data["kompetensi"][0]["level"][0]["indikator"][0]
        indicator["uraian"] = "Bertingkah laku sesuai dengan ucapan; berkata sesuai dengan fakta"

    project.edit(POSITION, position)
    project.edit("standards/kamus/manajerial.yaml", dictionary)
    project.position("NTB.PLK.PENILAI", TASKS, [("T.KEU.02", 2)], unit_kerja="Inspektorat Daerah")


def test_amendment_documents(project: GitProject, run_cli, golden, tmp_path: Path) -> None:
    amend(project)
    out = tmp_path / "perubahan"
    result = run_cli(["diff", "--amendment", str(out)], project.top)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        ".kompiler-output",
        "perubahan.docx",
        "perubahan.md",
        "perubahan.pdf",
    ]
    golden("diff/perubahan.md", (out / "perubahan.md").read_text(encoding="utf-8"))
    assert (out / "perubahan.pdf").read_bytes().startswith(b"%PDF-")
    text = "\n".join(p.text for p in Document(io.BytesIO((out / "perubahan.docx").read_bytes())).paragraphs)
    assert "Pasal I" in text and "Pasal II" in text
    assert "level kompetensi M.01 Integritas dinaikkan dari level 2 menjadi level 3;" in text
    assert "Ditambahkan Standar Kompetensi Jabatan" in text
    assert "PERUBAHAN ATAS PERATURAN GUBERNUR NUSA TENGGARA BARAT NOMOR 12 TAHUN 2026" in text


def test_unnumbered_regulations_print_one_placeholder(project: GitProject, run_cli, tmp_path: Path) -> None:
    """The amending regulation has no number yet and, here, neither has the one it amends: both heading
    lines print the placeholder every document prints for an unknown number, not two different ones."""
    project.edit("standards/kompiler.yaml", lambda data: data["dokumen"].pop("nomor"))
    project.commit("belum bernomor")
    amend(project)
    out = tmp_path / "perubahan"
    result = run_cli(["diff", "--amendment", str(out)], project.top)
    assert result.exit_code == 0, result.output
    heading = (out / "perubahan.md").read_text(encoding="utf-8").splitlines()[:4]
    assert heading[1] == f"**NOMOR {UNNUMBERED} TAHUN {UNNUMBERED}**  "
    assert f" NOMOR {UNNUMBERED} TAHUN 2026 TENTANG " in heading[3]
    assert "…" not in "".join(heading)
    text = "\n".join(p.text for p in Document(io.BytesIO((out / "perubahan.docx").read_bytes())).paragraphs)
    assert f"NOMOR {UNNUMBERED} TAHUN {UNNUMBERED}\n" in text


def test_amendment_in_english(project: GitProject, run_cli, golden, tmp_path: Path) -> None:
    amend(project)
    out = tmp_path / "amendment"
    result = run_cli(["diff", "--locale", "en", "--amendment", str(out)], project.top)
    assert result.exit_code == 0, result.output
    golden("diff/perubahan.en.md", (out / "perubahan.md").read_text(encoding="utf-8"))


def test_amendment_files_are_reproducible(project: GitProject, run_cli, tmp_path: Path) -> None:
    amend(project)
    first, second = tmp_path / "satu", tmp_path / "dua"
    assert run_cli(["diff", "--amendment", str(first)], project.top).exit_code == 0
    assert run_cli(["diff", "--amendment", str(second)], project.top).exit_code == 0
    for name in ("perubahan.md", "perubahan.pdf", "perubahan.docx"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    with zipfile.ZipFile(first / "perubahan.docx") as archive:
        assert {member.date_time for member in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    properties = Document(str(first / "perubahan.docx")).core_properties
    assert properties.created is not None and properties.created.year == 2000


def test_amendment_files_follow_the_umask(project: GitProject, run_cli, tmp_path: Path) -> None:
    amend(project)
    out = tmp_path / "perubahan"
    previous = os.umask(0o027)
    try:
        assert run_cli(["diff", "--amendment", str(out)], project.top).exit_code == 0
    finally:
        os.umask(previous)
    assert {stat.S_IMODE((out / name).stat().st_mode) for name in os.listdir(out)} == {0o640}


def test_amendment_between_revisions_with_a_looping_path_in_the_work_tree(
    project: GitProject, run_cli, tmp_path: Path
) -> None:
    """Two revisions are read from git alone, so the work tree's ``standards`` may be anything, even a
    symbolic link to itself: the amendment is written (there is no project there to keep it out of)
    instead of failing with an internal error."""
    amend(project)
    after = project.commit("ubah")
    shutil.rmtree(project.top / "standards")
    (project.top / "standards").symlink_to("standards")
    out = tmp_path / "perubahan"
    result = run_cli(["diff", "HEAD~1", after, "--amendment", str(out)], project.top)
    assert result.exit_code == 0, result.output
    assert (out / "perubahan.md").is_file()
