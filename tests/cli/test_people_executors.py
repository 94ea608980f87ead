"""The people commands compute on the executors ``kompiler check`` uses (a local process pool, a Dask
cluster), and write the same bytes as computed in one process."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import REPO, content_of

EXAMPLE = REPO / "contoh" / "asesmen-contoh.csv"


@pytest.fixture(autouse=True)
def reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    """One moment for every run (``SOURCE_DATE_EPOCH``, as reproducible builds set it): the folder's record
    (``sumber.json``) says when each part was made, which is the only thing two runs may tell apart."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "standar"
    shutil.copytree(REPO / "standards", target, ignore=shutil.ignore_patterns(".kompiler-cache"))
    return target


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): content_of(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def _moves(run_cli: Callable[..., Result], project: Path, folder: Path, *executor: str) -> dict[str, bytes]:
    result = run_cli(
        ["people", "moves", str(EXAMPLE), "-o", str(folder), "--format", "csv", "-q", *executor], project
    )
    assert result.exit_code == 0, result.output
    return _files(folder)


def test_a_process_pool_writes_what_one_process_writes(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    serial = _moves(run_cli, project, tmp_path / "serial")
    assert "mutasi.csv" in serial
    assert _moves(run_cli, project, tmp_path / "pool", "--executor", "process", "-j", "2") == serial


def test_a_dask_cluster_writes_what_one_process_writes(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    distributed = pytest.importorskip("distributed")
    serial = _moves(run_cli, project, tmp_path / "serial")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        assert _moves(run_cli, project, tmp_path / "dask", "--executor", f"dask://{address}") == serial


def test_a_wrong_executor_is_a_usage_error_and_writes_nothing(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli(
        ["people", "gaps", str(EXAMPLE), "-o", str(tmp_path / "x"), "--executor", "threads"], project
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists()
