"""Effective dates: status of an entity on a date, and the corpus in force on a date (``build --as-of``)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from kompiler.model.time import Status, in_force, status_on
from kompiler.pipeline import compile_path

POSITION = "jabatan/analis-keuangan.yaml"
TECHNICAL = "kamus/teknis-keuangan.yaml"


def edit(project: Path, relative: str, **values) -> None:
    path = project / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    target = data["kamus"] if relative.startswith("kamus/") else data
    target.update(values)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def add_later_position(project: Path) -> None:
    data = yaml.safe_load((project / POSITION).read_text(encoding="utf-8"))
    data.update(kode="NTB.JF.AKPD.MUDA.2027", unit_kerja="Inspektorat Daerah", berlaku_mulai="2027-01-01")
    (project / "jabatan" / "analis-2027.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )


def test_status_on_dates(minimal_project: Path) -> None:
    edit(minimal_project, POSITION, berlaku_sampai="2026-12-31")
    position = compile_path(minimal_project).corpus.positions["NTB.JF.AKPD.MUDA"]
    assert status_on(position, "2026-03-31") is Status.SCHEDULED
    assert status_on(position, "2026-04-01") is Status.IN_FORCE
    assert status_on(position, "2026-12-31") is Status.IN_FORCE
    assert status_on(position, "2027-01-01") is Status.ENDED


def test_competency_follows_its_dictionary(minimal_project: Path) -> None:
    edit(minimal_project, TECHNICAL, berlaku_mulai="2026-06-01")
    corpus = compile_path(minimal_project).corpus
    assert status_on(corpus.competencies["T.KEU.01"], "2026-05-31") is Status.SCHEDULED
    assert status_on(corpus.competencies["M.01"], "2000-01-01") is Status.IN_FORCE


def test_in_force_keeps_only_what_applies(minimal_project: Path) -> None:
    add_later_position(minimal_project)
    edit(minimal_project, TECHNICAL, berlaku_sampai="2026-12-31")
    corpus = compile_path(minimal_project).corpus
    assert set(in_force(corpus, "2026-06-01").positions) == {"NTB.JF.AKPD.MUDA"}
    later = in_force(corpus, "2027-06-01")
    assert set(later.positions) == {"NTB.JF.AKPD.MUDA", "NTB.JF.AKPD.MUDA.2027"}
    assert "T.KEU.01" not in later.competencies
    assert "M.01" in later.competencies
    assert set(corpus.positions) == {"NTB.JF.AKPD.MUDA", "NTB.JF.AKPD.MUDA.2027"}


def test_build_as_of(minimal_project: Path, tmp_path: Path, run_cli) -> None:
    add_later_position(minimal_project)
    output = tmp_path / "keluaran"
    result = run_cli(["build", str(minimal_project), "-o", str(output), "--as-of", "2026-06-01"], tmp_path)
    assert result.exit_code == 0, result.output
    model = json.loads((output / "model.json").read_text(encoding="utf-8"))
    assert [p["kode"] for p in model["jabatan"]] == ["NTB.JF.AKPD.MUDA"]


def test_build_as_of_rejects_a_non_date(minimal_project: Path, tmp_path: Path, run_cli) -> None:
    result = run_cli(["build", str(minimal_project), "--as-of", "2026-02-30"], tmp_path)
    assert result.exit_code == 2
    assert "bukan tanggal" in result.output
