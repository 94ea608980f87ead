"""Assessment files written carelessly or with intent, read in a child process under a memory cap and a
time limit: nothing blocks, nothing exhausts memory, every refusal is a located diagnostic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.hostile.conftest import MEMORY_LIMIT, TIME_LIMIT, _cap_memory

READ = """
import json, sys
from kompiler.people.assessment import read_assessments
from kompiler.people.table import Index
index = Index(("NTB.JF.HUMAS.MUDA",), ("M.01",), {"NTB.JF.HUMAS.MUDA": 0}, {"M.01": 0})
assessments = read_assessments(sys.argv[1], index)
people = sum(len(chunk) for chunk in assessments.chunks())
found = [[d.code, d.location.line, d.location.column, d.message.en] for d in assessments.diagnostics]
print(json.dumps({"people": people, "diagnostics": found}))
"""
HEADER = b"id,jabatan,tanggal,M.01\n"
ROW = b"P-%d,NTB.JF.HUMAS.MUDA,2025-03-01,2\n"


def read_capped(path: Path) -> dict:
    """What the reader makes of ``path`` in a child with at most 1.5 GB of address space and 60 s."""
    done = subprocess.run(
        [sys.executable, "-c", READ, str(path)],
        capture_output=True,
        timeout=TIME_LIMIT,
        preexec_fn=_cap_memory(MEMORY_LIMIT),
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return json.loads(done.stdout)


def rows(count: int, start: int = 1) -> bytes:
    return b"".join(ROW % n for n in range(start, start + count))


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "asesmen.csv"
    os.mkfifo(path)
    result = read_capped(path)
    assert result["people"] == 0
    [(code, line, _, message)] = result["diagnostics"]
    assert code == "KMP200" and line == 0 and "named pipe" in message


@pytest.mark.parametrize("linked", [True, False])
def test_dev_zero_is_refused_before_a_byte_is_read(linked: bool, tmp_path: Path) -> None:
    path = Path("/dev/zero")
    if linked:
        path = tmp_path / "asesmen.csv"
        path.symlink_to("/dev/zero")
    [(code, _, _, message)] = read_capped(path)["diagnostics"]
    assert code == "KMP200" and "character device" in message


def test_a_sparse_file_past_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "asesmen.csv"
    with path.open("wb") as handle:
        handle.write(HEADER)
        handle.truncate(5 << 30)
    [(code, _, _, message)] = read_capped(path)["diagnostics"]
    assert code == "KMP200" and "too large" in message


def test_a_huge_line_is_refused_at_its_row(tmp_path: Path) -> None:
    path = tmp_path / "asesmen.csv"
    path.write_bytes(HEADER + rows(3) + b"P-9," + b"x" * (20 << 20))
    result = read_capped(path)
    assert [d[:3] for d in result["diagnostics"]] == [["KMP204", 5, 1]]
    assert "longer than" in result["diagnostics"][0][3]
    assert result["people"] == 3


def test_a_quote_never_closed_stops_at_the_record_it_opens(tmp_path: Path) -> None:
    path = tmp_path / "asesmen.csv"
    path.write_bytes(HEADER + rows(2) + b'"P-3,NTB.JF.HUMAS.MUDA,2025-03-01,2\n' + rows(200_000, start=4))
    result = read_capped(path)
    assert [d[:3] for d in result["diagnostics"]] == [["KMP204", 4, 1]]


def test_an_nip_deep_in_a_large_file_is_found_and_located(tmp_path: Path) -> None:
    path = tmp_path / "asesmen.csv"
    nip = b"19850312 201001 1 002,NTB.JF.HUMAS.MUDA,2025-03-01,2\n"
    path.write_bytes(HEADER + rows(150_000) + nip + rows(10, start=200_000))
    result = read_capped(path)
    assert [d[:3] for d in result["diagnostics"]] == [["KMP206", 150_002, 1]]
    assert "NIP" in result["diagnostics"][0][3]
    assert result["people"] == 150_010


def test_an_xlsx_declaring_gigabytes_is_not_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "asesmen.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet/>")
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = (0xFFFF_FFF0).to_bytes(4, "little")  # declared unpacked size
    path.write_bytes(bytes(data))
    [(code, _, _, message)] = read_capped(path)["diagnostics"]
    assert code == "KMP200" and "Unpacks to more than" in message


def test_control_characters_never_reach_a_message_raw(tmp_path: Path) -> None:
    path = tmp_path / "asesmen.csv"
    path.write_bytes(HEADER + b"P-1\x1b[2J,NTB.JF.HUMAS.MUDA\x07,2025-03-01,\x1b]0;x\x07\n")
    result = read_capped(path)
    assert [d[:3] for d in result["diagnostics"]] == [["KMP207", 2, 1], ["KMP209", 2, 2], ["KMP211", 2, 4]]
    for diagnostic in result["diagnostics"]:
        assert "\x1b" not in diagnostic[3] and "\x07" not in diagnostic[3]
