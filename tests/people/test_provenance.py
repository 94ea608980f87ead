"""The private folder names the assessment file each part comes from (sumber.json), and a step removes
the parts another file made, saying so: plans for forty people never sit beside the gaps of three."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from kompiler.build.people import Prepared, Written, prepare_compiled
from kompiler.build.private import PrivateWriter
from kompiler.build.provenance import MANIFEST
from kompiler.check.result import CompileResult
from kompiler.pipeline import compile_path
from tests.people.conftest import STANDARDS

SAMPLE = STANDARDS.parent / "contoh" / "asesmen-contoh.csv"
THREE = (
    "id;jabatan;tanggal;kinerja;potensi;M.01\n"
    "P-1;NTB.JF.HUMAS.PERTAMA.KOMINFO;2025-03-10;Butuh Perbaikan;3;2\n"
    "P-2;NTB.JF.HUMAS.PERTAMA.KOMINFO;2025-03-10;Kurang;2;2\n"
    "P-3;NTB.JF.HUMAS.PERTAMA.KOMINFO;2025-03-10;Baik;4;3\n"
)


@pytest.fixture(scope="module")
def result() -> CompileResult:
    return compile_path(STANDARDS)


def run_step(
    result: CompileResult,
    file: Path,
    target: Path,
    step: str,
    locale: str = "id",
    *,
    sheet: str | None = None,
    purpose: str | None = None,
    position: str = "NTB.JF.HUMAS.MUDA",
) -> Written:
    """One ``kompiler people STEP FILE -o TARGET [--lembar SHEET] [--tujuan PURPOSE]``, as the command
    runs it."""
    prepared: Prepared = prepare_compiled(
        result, file, allow_personal=False, purpose=purpose, locale=locale, sheet=sheet
    )
    # The repository's own sample is tracked by Git, which KMP220 says, and a workbook of several sheets
    # says which one is read (KMP218); nothing else may be found.
    assert [d.code for d in prepared.diagnostics if d.code not in ("KMP220", "KMP218")] == []
    writer = PrivateWriter(target)
    try:
        if step == "pool":
            written = prepared.write_pool(position, writer, ("md", "csv"))
        elif step == "summary":
            written = prepared.write_summary(writer, ("md",), 5, None)
        else:
            written = prepared.write_step(step, writer, ("md", "csv"), None)
    except BaseException:
        writer.abort()
        raise
    writer.commit()
    return written


def _files(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir()) if folder.is_dir() else []


def test_a_step_on_another_file_removes_the_other_files_parts_and_says_so(
    result: CompileResult, tmp_path: Path
) -> None:
    target = tmp_path / "hasil"
    for step in ("plan", "moves", "pool", "summary"):
        run_step(result, SAMPLE, target, step)
    assert len(_files(target / "rencana")) == 40 and len(_files(target / "mutasi")) == 40
    three = tmp_path / "tiga.csv"
    three.write_text(THREE, encoding="utf-8")

    written = run_step(result, three, target, "gaps")

    assert _files(target / "kesenjangan") == ["P-1.md", "P-2.md", "P-3.md"]
    assert not (target / "rencana").exists() and not (target / "mutasi").exists()
    assert not (target / "talenta").exists() and not (target / "agregat").exists()
    removed = "agregat/, mutasi.csv, mutasi/, rencana.csv, rencana/, talenta/"
    assert written.removed == tuple(removed.split(", "))
    assert written.summary("id").endswith(
        f"[hasil yang tidak dibuat dari berkas asesmen ini dihapus: {removed}]"
    )
    assert f"[results not made from this assessment file removed: {removed}]" in written.summary("en")
    manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    [(part, entry)] = manifest["bagian"].items()
    assert part == "kesenjangan"
    assert entry["berkas_asesmen"] == os.path.abspath(three)
    assert entry["sha256"] == hashlib.sha256(three.read_bytes()).hexdigest()
    assert entry["perintah"] == "kompiler people gaps" and entry["pegawai"] == 3
    assert entry["isi"] == ["kesenjangan.csv", "kesenjangan/", "ringkasan.csv"]
    assert entry["dibuat"][:4].isdigit() and "T" in entry["dibuat"]
    assert "P-1" not in (target / MANIFEST).read_text(encoding="utf-8")  # the file's name, never its content


def test_parts_of_the_same_file_stay_wherever_it_lies(result: CompileResult, tmp_path: Path) -> None:
    """The same content is the same source, even copied elsewhere: the steps of one file add up."""
    target = tmp_path / "hasil"
    run_step(result, SAMPLE, target, "plan")
    copy = tmp_path / "salinan.csv"
    shutil.copyfile(SAMPLE, copy)
    written = run_step(result, copy, target, "gaps")
    assert written.removed == () and "dihapus" not in written.summary("id")
    assert len(_files(target / "rencana")) == 40 and len(_files(target / "kesenjangan")) == 40
    parts = json.loads((target / MANIFEST).read_text(encoding="utf-8"))["bagian"]
    assert sorted(parts) == ["kesenjangan", "rencana"]
    assert parts["rencana"]["berkas_asesmen"] == os.path.abspath(SAMPLE)
    assert parts["kesenjangan"]["berkas_asesmen"] == os.path.abspath(copy)
    assert parts["rencana"]["sha256"] == parts["kesenjangan"]["sha256"]


def test_a_changed_file_or_a_part_without_a_record_counts_as_another_source(
    result: CompileResult, tmp_path: Path
) -> None:
    target = tmp_path / "hasil"
    writer = PrivateWriter(target)  # a part written before the folder kept a manifest
    writer.write_text("mutasi/P-0001.md", "lama")
    writer.commit()
    file = tmp_path / "asesmen.csv"
    file.write_text(THREE, encoding="utf-8")
    run_step(result, file, target, "plan")
    assert not (target / "mutasi").exists()
    file.write_text(THREE.replace("Baik;4;3", "Baik;4;2"), encoding="utf-8")  # the same path, edited
    written = run_step(result, file, target, "gaps")
    assert written.removed == ("rencana.csv", "rencana/")
    assert sorted(json.loads((target / MANIFEST).read_text(encoding="utf-8"))["bagian"]) == ["kesenjangan"]


def test_another_sheet_of_the_same_workbook_is_another_assessment(
    result: CompileResult, tmp_path: Path
) -> None:
    """Two sheets of one workbook are two assessments (three people and two others): the gaps of the
    first never stay beside the plans of the second, though the workbook's bytes are the same."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    first = book.active
    second = book.create_sheet("B")
    for line in THREE.splitlines():
        first.append(line.split(";"))
    for line in THREE.splitlines()[:1] + THREE.splitlines()[1:3]:
        second.append(line.replace("P-", "Q-").split(";"))
    workbook = tmp_path / "dua-lembar.xlsx"
    book.save(workbook)
    target = tmp_path / "hasil"
    run_step(result, workbook, target, "gaps", sheet="1")
    assert _files(target / "kesenjangan") == ["P-1.md", "P-2.md", "P-3.md"]

    written = run_step(result, workbook, target, "plan", sheet="B")

    assert written.removed == ("kesenjangan.csv", "kesenjangan/", "ringkasan.csv")
    assert not (target / "kesenjangan").exists()
    assert _files(target / "rencana") == ["Q-1.md", "Q-2.md"]
    [(part, entry)] = json.loads((target / MANIFEST).read_text(encoding="utf-8"))["bagian"].items()
    assert (part, entry["lembar"], entry["tujuan"]) == ("rencana", 2, None)
    again = run_step(result, workbook, target, "gaps", sheet="2")  # the same sheet by its number
    assert again.removed == ()


def test_a_purpose_for_everyone_is_another_assessment(result: CompileResult, tmp_path: Path) -> None:
    """``--tujuan`` changes the levels everyone is matched against, so the parts made without it go."""
    file = tmp_path / "asesmen.csv"
    file.write_text(THREE, encoding="utf-8")
    target = tmp_path / "hasil"
    run_step(result, file, target, "gaps")
    written = run_step(result, file, target, "plan", purpose="pengisian")
    assert written.removed == ("kesenjangan.csv", "kesenjangan/", "ringkasan.csv")
    parts = json.loads((target / MANIFEST).read_text(encoding="utf-8"))["bagian"]
    assert parts["rencana"]["tujuan"] == "pengisian" and parts["rencana"]["lembar"] is None
    assert run_step(result, file, target, "moves", purpose="pengisian").removed == ()


def test_the_pools_of_two_positions_stay_side_by_side(result: CompileResult, tmp_path: Path) -> None:
    """A pool per position is its own answer: the pool of a second position keeps the first's files,
    byte for byte, unless they come from another assessment, which the summary then names."""
    target = tmp_path / "hasil"
    run_step(result, SAMPLE, target, "pool")
    first = {name: (target / "talenta" / name).read_bytes() for name in _files(target / "talenta")}
    assert sorted(first) == ["NTB.JF.HUMAS.MUDA.csv", "NTB.JF.HUMAS.MUDA.md"]

    written = run_step(result, SAMPLE, target, "pool", position="NTB.JF.HUMAS.PERTAMA.KOMINFO")

    assert written.removed == ()
    assert _files(target / "talenta") == [
        *first,
        "NTB.JF.HUMAS.PERTAMA.KOMINFO.csv",
        "NTB.JF.HUMAS.PERTAMA.KOMINFO.md",
    ]
    assert all((target / "talenta" / name).read_bytes() == data for name, data in first.items())
    three = tmp_path / "tiga.csv"
    three.write_text(THREE, encoding="utf-8")
    other = run_step(result, three, target, "pool")
    assert other.removed == (
        "talenta/NTB.JF.HUMAS.PERTAMA.KOMINFO.csv",
        "talenta/NTB.JF.HUMAS.PERTAMA.KOMINFO.md",
    )
    assert "dihapus: talenta/NTB.JF.HUMAS.PERTAMA.KOMINFO.csv" in other.summary("id")
    assert _files(target / "talenta") == list(first)
