"""The cache never answers with a stale result, and every executor gives the same diagnostics."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from kompiler import cachestore
from kompiler.check import cache
from kompiler.check.parallel import ExecutorError
from kompiler.check.result import CompileResult
from kompiler.diagnostics import Severity
from kompiler.pipeline import compile_path

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from generate import generate

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(autouse=True)
def _user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "standar"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated corpus just large enough for the process pool to be used."""
    target = tmp_path_factory.mktemp("corpus") / "standar"
    generate(target, 450)
    return target


def summary(result: CompileResult) -> list[tuple[str, str, str, int | None]]:
    return [
        (d.code, d.location.file, d.message.en, d.location.span.line if d.location.span else None)
        for d in result.diagnostics
    ]


def test_generated_corpus_is_clean(generated: Path) -> None:
    result = compile_path(generated)
    assert [d for d in result.diagnostics if d.severity is Severity.ERROR] == []
    assert len(result.corpus.positions) == 450


def test_edit_with_same_size_and_restored_mtime_is_seen(project: Path) -> None:
    position = project / "jabatan" / "analis-keuangan.yaml"
    assert compile_path(project, cache=True).diagnostics == []
    before = position.stat()
    text = position.read_bytes()
    edited = text.replace(b"level: 2", b"level: 9", 1)
    assert len(edited) == len(text) and edited != text
    position.write_bytes(edited)
    os.utime(position, ns=(before.st_atime_ns, before.st_mtime_ns))
    cached = compile_path(project, cache=True)
    assert summary(cached) == summary(compile_path(project))
    assert any(d.code == "KMP011" for d in cached.diagnostics)


def test_cache_result_equals_fresh_result(project: Path) -> None:
    (project / "jabatan" / "rusak.yaml").write_text("kode: no\nnama: [\n", encoding="utf-8")
    fresh = summary(compile_path(project))
    assert summary(compile_path(project, cache=True)) == fresh
    assert summary(compile_path(project, cache=True)) == fresh
    assert (project / ".kompiler-cache").is_dir()


def test_tampered_cache_is_ignored(project: Path) -> None:
    compile_path(project, cache=True)
    for entry in (project / ".kompiler-cache").iterdir():
        data = bytearray(entry.read_bytes())
        data[-1] ^= 0xFF
        entry.write_bytes(bytes(data))
    assert compile_path(project, cache=True).diagnostics == []


def test_a_file_moved_to_another_kind_is_checked_again(project: Path) -> None:
    compile_path(project, cache=True)
    shutil.move(project / "kamus" / "teknis-keuangan.yaml", project / "rumpun" / "teknis-keuangan.yaml")
    assert summary(compile_path(project, cache=True)) == summary(compile_path(project))


def test_process_pool_gives_the_same_diagnostics(generated: Path) -> None:
    position = next((generated / "jabatan").rglob("*.yaml"))
    original = position.read_bytes()
    position.write_bytes(original.replace(b"level:", b"levle:", 1))
    try:
        serial = compile_path(generated, executor="serial")
        pooled = compile_path(generated, executor="process", jobs=2)
    finally:
        position.write_bytes(original)
    assert summary(pooled) == summary(serial)
    assert any(d[0] == "KMP011" for d in summary(serial))


def test_dask_cluster_gives_the_same_diagnostics(project: Path) -> None:
    distributed = pytest.importorskip("distributed")
    (project / "jabatan" / "rusak.yaml").write_text("kode: no\n", encoding="utf-8")
    expected = summary(compile_path(project, executor="serial"))
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        assert summary(compile_path(project, executor=f"dask://{address}")) == expected


def test_unknown_executor_is_refused(project: Path) -> None:
    with pytest.raises(ExecutorError):
        compile_path(project, executor="threads-please")


def test_a_dask_scheduler_without_workers_is_refused_in_bounded_time(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr("kompiler.check.parallel.DASK_WORKER_TIMEOUT", 1.0)
    with distributed.LocalCluster(
        n_workers=0, processes=False, protocol="tcp://", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        with pytest.raises(ExecutorError, match="no worker joined the scheduler"):
            compile_path(project, executor=f"dask://{address}")


def test_every_module_the_per_file_stage_imports_is_part_of_the_cache_key(tmp_path: Path) -> None:
    """However an import is written, the module it names (and its package) is hashed; a name imported
    from a module is not a module, and modules the stage never imports are left out."""
    package = tmp_path / "kompiler"
    files = {
        "__init__.py": "",
        "check/__init__.py": "",
        "check/per_file.py": (
            "from kompiler.check import cache\n"
            "from kompiler.text import (\n    words,\n    lines as rows,\n)\n"
            "import kompiler.deep.inner\n"
            "def late():\n    from kompiler.later import thing  # noqa\n"
        ),
        "check/cache.py": "from kompiler.atomic import replace_file\n",
        "text/__init__.py": "",
        "text/words.py": "",
        "text/lines.py": "",
        "deep/__init__.py": "",
        "deep/inner.py": "",
        "later.py": "",
        "atomic.py": "",
        "unused.py": "",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)
    found = {
        p.relative_to(package).as_posix() for p in cachestore.module_sources(package, cache._STAGE_ENTRIES)
    }
    assert found == set(files) - {"unused.py"}
