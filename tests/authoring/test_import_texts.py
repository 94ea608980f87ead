"""``kompiler import`` at national size: the texts of its files are made without the dumper where a value
is simple, and on two processes where there are two cores; the bytes are the same either way."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompiler.authoring.importer import ImportOptions, import_tables, plan
from kompiler.project import FileKind
from tests.conftest import files_of

_WORD = st.one_of(
    st.text(st.sampled_from("aZ09.,()/'&-:#é\""), min_size=1, max_size=45),
    st.text(st.sampled_from("aZ09."), min_size=85, max_size=110),
)
_VALUE = st.one_of(
    st.lists(_WORD, min_size=1, max_size=14).map(" ".join),
    st.lists(_WORD, min_size=1, max_size=4).map("  ".join),
    st.sampled_from(["yes", "No", "1e3", "0o17", "2026-01-01", "1.5", "null", "T.IMPORA.001", "a" * 120]),
)


def _entry(code: str, name: str, definition: str) -> dict[str, str]:
    return {"kode": code, "nama": name, "definisi": definition, "level": plan._LEVELS_PLACEHOLDER}


def _dumped(entries: list[dict[str, str]]) -> str:
    """The dictionary as fmt's dumper writes it whole, levels and all."""
    whole = {
        "kamus": {"jenis": "teknis", "bidang": "impor_a", "nama": "Kamus", "sumber": plan.CITATION},
        "kompetensi": [{**entry, "level": plan._levels()} for entry in entries],
    }
    return plan._file(whole, FileKind.DICTIONARY, 1, plan.PLACEHOLDER_WAIVER)


def _made(entries: list[dict[str, str]]) -> str:
    header = {"jenis": "teknis", "bidang": "impor_a", "nama": "Kamus", "sumber": plan.CITATION}
    return plan._dictionary_text({"kamus": header, "kompetensi": entries})


@given(code=_VALUE, name=_VALUE, definition=_VALUE)
@settings(max_examples=300, deadline=None)
def test_a_competency_is_written_as_the_dumper_writes_it(code: str, name: str, definition: str) -> None:
    """Simple values are written without the dumper (folded at the same spaces), the rest by it: the
    dictionary's bytes are the dumper's either way."""
    entries = [_entry(code, name, definition), _entry("T.IMPORA.002", definition, name)]
    assert _made(entries) == _dumped(entries)


def test_every_folding_width_is_the_dumpers() -> None:
    """Names and definitions of every length around the line width, words of every length, including
    a word longer than a line and one that ends exactly at the width."""
    entries = []
    for size in range(1, 12):
        for length in range(60, 130, 3):
            words = ("w" * size + " ") * (length // (size + 1) + 1)
            text = words[:length].strip()
            entries.append(_entry("T.IMPORA.001", text, f"{text} (elemen E{length}, diimpor dari r.csv)."))
    entries.append(_entry("T.IMPORA.001", "x" * 150 + " " + "y" * 100, "y " * 40 + "z" * 110))
    assert _made(entries) == _dumped(entries)


def test_simple_competencies_are_written_without_the_dumper(monkeypatch) -> None:
    """A national classification's 12,645 competencies took four seconds through the dumper: once the
    layout is read, a simple competency never reaches it, and one the resolver would misread still does
    (how fast that is, bench/README.md measures)."""
    plan._competency_layout()  # made once per import, from the dumper's own text
    dumped: list[dict[str, str]] = []
    monkeypatch.setattr(plan, "_competency_dumped", lambda entry: dumped.append(entry) or "")
    simple = [
        _entry(f"T.IMPORA.{n:03d}", f"Audit budget safety {n}", f"Audit budget {n} (elemen S{n})")
        for n in range(1, 200)
    ]
    _made(simple)
    assert dumped == []
    _made([*simple, _entry("T.IMPORA.200", "yes", "1e3")])
    assert [entry["kode"] for entry in dumped] == ["T.IMPORA.200"]


def _tables(folder: Path, positions: int = 300) -> tuple[Path, Path]:
    """Tables large enough for the import to share its texts with a second process."""
    with (folder / "p.csv").open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(
            [["code", "title", "group"]]
            + [[f"P-{n:03d}", f"Jabatan Uji {n}", str(n % 7)] for n in range(positions)]
        )
    with (folder / "r.csv").open("w", newline="", encoding="utf-8") as stream:
        rows = [["code", "element_id", "element_name", "level", "importance"]]
        for n in range(positions):
            rows += [[f"P-{n:03d}", f"E{(n * 7 + k) % 1500:04d}", f"Keterampilan {(n * 7 + k) % 1500}", "4", str(3 + k % 2)]
                     for k in range(12)]  # fmt: skip
        csv.writer(stream).writerows(rows)
    return folder / "p.csv", folder / "r.csv"


def _imported(tmp_path: Path, name: str) -> dict[str, bytes]:
    positions, requirements = _tables(tmp_path)
    import_tables(positions, requirements, tmp_path / name, ImportOptions(valid_from="2026-01-01"))
    return files_of(tmp_path / name)


def test_without_fork_or_a_second_core_the_project_is_the_same(tmp_path: Path, monkeypatch) -> None:
    """Where fork is unavailable or one core is all there is, every text is made in this process."""
    shared = _imported(tmp_path, "two")
    monkeypatch.setattr("kompiler.runtime.forked.forkable_workers", lambda: 0)
    alone = _imported(tmp_path, "one")
    assert len(shared) > 300
    assert alone == shared


def test_a_child_that_dies_leaves_its_share_to_the_import(tmp_path: Path, monkeypatch) -> None:
    """A child killed before it answers (out of memory) costs time, never the project."""
    from kompiler.authoring.importer import texts

    expected = _imported(tmp_path, "expected")
    parent, make = os.getpid(), texts._make

    def dying(jobs, relatives):
        if os.getpid() != parent:
            os._exit(9)
        return make(jobs, relatives)

    monkeypatch.setattr(texts, "_make", dying)
    assert _imported(tmp_path, "after") == expected


def test_a_failure_while_making_texts_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    """An error in either process ends the import before anything is written: no target, no staging."""

    def broken(*args: object) -> str:
        raise RuntimeError("broken")

    monkeypatch.setattr(plan, "_position_text", broken)
    positions, requirements = _tables(tmp_path)
    with pytest.raises(RuntimeError, match="broken"):
        import_tables(
            positions, requirements, tmp_path / "out" / "standar", ImportOptions(valid_from="2026-01-01")
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.csv", "r.csv"]
