"""Shared test fixtures: a minimal valid project to break on purpose, golden files, the CLI runner, and\nthe benchmark scripts of ``bench/`` as modules."""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import re
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from click.testing import CliRunner, Result

from kompiler.build.orchestrate import BuildOptions, build_outputs
from kompiler.build.output import MARKER, OutputWriter
from kompiler.check.result import CompileResult
from kompiler.cli import cli
from kompiler.pipeline import compile_path

FIXTURES = Path(__file__).parent / "fixtures"
RENDER_FIXTURE = FIXTURES / "render"  # the project the render, build and site tests publish
REPO = Path(__file__).parents[1]
UPDATE_GOLDENS = os.environ.get("KOMPILER_UPDATE_GOLDENS") == "1"
BENCH = REPO / "bench"
# The real occupational data of ../shared (O*NET 29.3), beside the repository but not in it: the tests that
# measure against it skip where a clone stands alone.
ONET = REPO.parent / "shared" / "corpora" / "onet-29.3"
needs_onet = pytest.mark.skipif(
    not (ONET / "requirements.csv").is_file(), reason=f"O*NET corpus not found at {ONET}"
)


def bench_module(name: str) -> ModuleType:
    """A benchmark script of ``bench/`` loaded as a module (the folder is not a package)."""
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def content_of(path: Path) -> bytes:
    """A file's bytes as two builds of the same standards write them: a marker's without the modification
    times it records, which differ from build to build."""
    data = path.read_bytes()
    return re.sub(rb"(?m)^([0-9]+) [0-9]+ ", rb"\1 ", data) if path.name == MARKER else data


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path, with its bytes (:func:`content_of`): two builds
    compare equal as wholes."""
    return {p.relative_to(folder).as_posix(): content_of(p) for p in sorted(folder.rglob("*")) if p.is_file()}


MINIMAL_POSITION = "jabatan/analis-keuangan.yaml"


def add_twin_position(project: Path, code: str, edit: Callable[[dict], object] = lambda data: None) -> None:
    """Add a position like the minimal project's own, with its own code and unit, changed by ``edit``."""
    data = yaml.safe_load((project / MINIMAL_POSITION).read_text(encoding="utf-8"))
    data["kode"], data["unit_kerja"] = code, f"Unit {code}"
    edit(data)
    target = project / "jabatan" / f"{code}.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def compiled_with_3_and_3_0(project: Path, key: str) -> CompileResult:
    """``project`` (the minimal one) with its position replaced by two twins whose first technical
    requirement has ``key`` 3 (``NTB.JF.AKPD.SATU``) and 3.0 (``NTB.JF.AKPD.DUA``), compiled: equal
    numbers of two types, which anything shared between positions must keep apart."""
    for code, value in (("NTB.JF.AKPD.SATU", 3), ("NTB.JF.AKPD.DUA", 3.0)):
        add_twin_position(
            project, code, lambda data, value=value: data["kompetensi"]["teknis"][0].update({key: value})
        )
    (project / MINIMAL_POSITION).unlink()
    result = compile_path(project)
    assert result.ok, result.diagnostics
    return result


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """A copy of ``tests/fixtures/minimal``: a small project that is clean under every rule."""
    target = tmp_path / "standar"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """Compare text with ``tests/golden/<name>``; ``KOMPILER_UPDATE_GOLDENS=1`` rewrites the file instead."""

    def check(name: str, actual: str) -> None:
        path = Path(__file__).parent / "golden" / name
        if UPDATE_GOLDENS or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            if not UPDATE_GOLDENS:
                pytest.fail(f"golden file {name} did not exist and was written; review and commit it")
        assert actual == path.read_text(encoding="utf-8")

    return check


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the CLI in-process from a given working folder, with colour and environment overrides off."""
    monkeypatch.delenv("KOMPILER_LOCALE", raising=False)

    def run(args: list[str], cwd: Path) -> Result:
        monkeypatch.chdir(cwd)
        return CliRunner().invoke(cli, args, catch_exceptions=False)

    return run


def build_project(project: Path, output: Path, **options: object) -> Path:
    """Compile ``project`` and write every output into ``output`` through the real writer."""
    result = compile_path(project)
    assert result.ok, [d.message.en for d in result.diagnostics]
    writer = OutputWriter(output)
    try:
        build_outputs(result, writer, BuildOptions(project_templates=project / "templates", **options))
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return output


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of the render fixture project, built once."""
    return build_project(RENDER_FIXTURE, tmp_path_factory.mktemp("render") / "output")


@pytest.fixture
def render_project(tmp_path: Path) -> Path:
    """A private copy of the render fixture project, to modify in a test."""
    target = tmp_path / "standar"
    shutil.copytree(RENDER_FIXTURE, target)
    return target


@pytest.fixture
def ctrl_c_after_each_fork(monkeypatch: pytest.MonkeyPatch) -> list[multiprocessing.context.ForkProcess]:
    """Send this process SIGINT right after every fork, as a Ctrl+C at the worst moment would; the list
    fills with the processes started."""
    started: list[multiprocessing.context.ForkProcess] = []
    start = multiprocessing.context.ForkProcess.start

    def interrupted_start(process: multiprocessing.context.ForkProcess) -> None:
        start(process)
        started.append(process)
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", interrupted_start)
    return started
