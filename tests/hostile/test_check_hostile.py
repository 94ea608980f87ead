"""``kompiler check`` from reading to rules, as a hostile contributor or a careless user would meet it:
a kompiler.yaml that is broken in ways other than its schema, a file made of a million problems, values
whose YAML reading differs from kompiler's (tags, anchors, numbers past infinity), and a kompiler.yaml in
an unrelated folder above the one checked. Each ends with a located diagnostic and the exit code the
README promises, in bounded time and memory, and nothing outside the project is read or written."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import Run, files_under

POSITION = "jabatan/analis-keuangan.yaml"
BUG = re.compile(r"internal error|galat internal|Traceback", re.IGNORECASE)


def _heads(run: Run) -> list[str]:
    """The ``file:line:column: severity CODE`` heads of the text report."""
    return re.findall(r"^(\S+:\d+:\d+: \w+ KMP\d+):", run.stdout, re.MULTILINE)


def _set_level(project: Path, written: str) -> None:
    """Write ``written`` as the level of the position's first technical competency (line 39, column 14)."""
    position = project / POSITION
    text = position.read_text(encoding="utf-8")
    old = "    - kode: T.KEU.01\n      level: 3\n"
    assert old in text
    position.write_text(
        text.replace(old, f"    - kode: T.KEU.01\n      level: {written}\n"), encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("appended", "code"),
    [
        ("bahasa: en\n", "KMP003"),  # a duplicate key: only the first was used, and check exited 1
        ("gabung: !!map {}\n", "KMP006"),
        ("gabung: &pengaturan {}\n", "KMP005"),
    ],
)
def test_a_kompiler_yaml_broken_beyond_its_schema_is_a_configuration_error(
    kompiler: Callable[..., Run], project: Path, appended: str, code: str
) -> None:
    """Any error in kompiler.yaml, not only a schema violation, means settings nobody wrote: exit 2."""
    settings = project / "kompiler.yaml"
    line = settings.read_text(encoding="utf-8").count("\n") + 1
    settings.write_text(settings.read_text(encoding="utf-8") + appended, encoding="utf-8")
    for _ in range(2):  # the second run is answered from the cache's record
        run = kompiler(["check", "."], project)
        assert run.exit_code == 2, run.stdout + run.stderr
        assert any(head.startswith(f"kompiler.yaml:{line}:") and head.endswith(code) for head in _heads(run))


def test_a_kompiler_yaml_linked_out_of_the_project_is_a_configuration_error(
    kompiler: Callable[..., Run], project: Path
) -> None:
    """A kompiler.yaml that is a link out of the project was refused (KMP009), then the rules ran with
    the default configuration and check exited 1, as for a problem in the standards."""
    outside = project.parent / "outside" / "kompiler.yaml"
    (project / "kompiler.yaml").rename(outside)
    (project / "kompiler.yaml").symlink_to(outside)
    run = kompiler(["check", "."], project)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "kompiler.yaml: error KMP009" in run.stdout


@pytest.mark.parametrize(
    ("item", "count", "code", "where"),
    [
        ("- yes\n", 90_000, "KMP016", "jabatan/banyak.yaml:1003:3"),  # a KMP004 per line, quoted
        ("- 1\n", 49_000, "KMP016", "jabatan/banyak.yaml:991:3"),  # a KMP011 per line
        ("- yes\n", 1_300_000, "KMP001", "jabatan/banyak.yaml:99998:3"),  # 8 MiB of values
    ],
)
def test_a_file_of_a_million_problems_is_reported_in_bounded_time(
    kompiler: Callable[..., Run], project: Path, item: str, count: int, code: str, where: str
) -> None:
    """Every problem was kept and each quoted line split the whole file again: 100,000 ambiguous values
    took minutes, and 1.3 million (an 8 MiB file) gigabytes, until killed."""
    (project / "jabatan" / "banyak.yaml").write_text("kode: X\ntugas:\n" + item * count, encoding="utf-8")
    started = time.monotonic()
    run = kompiler(["check", ".", "--no-cache"], project, memory=768 * 1024 * 1024)
    assert time.monotonic() - started < 20
    assert run.exit_code == 1, run.stdout[-2000:] + run.stderr
    heads = _heads(run)
    assert len(heads) <= 1020
    assert [head for head in heads if head.endswith(code)] == [f"{where}: error {code}"]


@pytest.mark.parametrize(
    ("written", "code", "words"),
    [
        ("1e999", "KMP006", "The number 1e999 is too large to read"),  # was "not empty": infinity is null
        ("-1e999", "KMP006", "The number -1e999 is too large to read"),
        # once also KMP011 "must be an integer, not empty": the loader reads it as null after reporting it
        ("1" * 5000, "KMP006", "This number is too long (5,000 digits)"),
        ("!!str 3", "KMP006", "The YAML tag '!!str' is not supported"),  # read as the integer 3: passed
        ("!!float 3", "KMP006", "The YAML tag '!!float' is not supported"),
        ("!<tag:yaml.org,2002:int> 3", "KMP006", "The YAML tag '!<tag:yaml.org,2002:int>'"),
        ("&tingkat 3", "KMP005", "YAML anchors and aliases"),  # an anchor without an alias: passed
    ],
)
def test_a_value_yaml_reads_otherwise_is_an_error_at_the_value(
    kompiler: Callable[..., Run], project: Path, written: str, code: str, words: str
) -> None:
    _set_level(project, written)
    run = kompiler(["check", "."], project)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert [head for head in _heads(run) if head.startswith(f"{POSITION}:39:14:")] == [
        f"{POSITION}:39:14: error {code}"
    ]
    assert words in run.stdout


def test_a_kompiler_yaml_in_an_unrelated_folder_above_is_not_the_project(
    kompiler: Callable[..., Run], project: Path
) -> None:
    """A kompiler.yaml in a folder above (a home folder, /tmp) made that whole folder the project: its
    unrelated files were read and reported, and the cache was written there."""
    above = project.parent
    (project / "kompiler.yaml").rename(above / "kompiler.yaml")
    (above / "outside" / "catatan.yaml").write_text("rahasia: 1\n", encoding="utf-8")
    before = files_under(above / "outside")
    run = kompiler(["check", "standar"], above)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "outside" not in run.stdout and not BUG.search(run.stdout + run.stderr)
    assert files_under(above / "outside") == before
    assert not (above / ".kompiler-cache").exists()
    # A file or folder inside the project's own folders still finds the project's kompiler.yaml.
    (above / "kompiler.yaml").rename(project / "kompiler.yaml")
    (project / "jabatan" / "salah.yaml").write_text("kode: [\n", encoding="utf-8")
    for target in ("jabatan/salah.yaml", "jabatan"):
        run = kompiler(["check", target], project)
        assert run.exit_code == 1, run.stdout + run.stderr
        assert "jabatan/salah.yaml:2:1: error KMP002" in _heads(run)


@pytest.mark.parametrize(
    ("encoding", "named"), [("utf-32", "UTF-32"), ("utf-32-be", "UTF-32"), ("utf-16", "UTF-16")]
)
def test_a_file_saved_in_another_unicode_encoding_is_named_by_it(
    kompiler: Callable[..., Run], project: Path, encoding: str, named: str
) -> None:
    """A UTF-32 file was told it was UTF-16 (little-endian) or a binary file with NUL (big-endian)."""
    sources = project / "sumber.yaml"
    text = sources.read_text(encoding="utf-8")
    mark = "\ufeff" if encoding == "utf-32-be" else ""
    sources.write_bytes((mark + text).encode(encoding))
    run = kompiler(["check", "."], project)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "sumber.yaml:1:1: error KMP001" in _heads(run)
    assert f"The file is saved as {named}; save it again as UTF-8." in run.stdout


@pytest.mark.parametrize(
    "address", ["dask://nohost:99999", "dask://[::1", "dask://::1:8786", "dask://[]:8786"]
)
def test_a_malformed_dask_address_is_a_usage_error_even_when_every_file_is_cached(
    kompiler: Callable[..., Run], project: Path, address: str
) -> None:
    """The address was parsed only when a file had to be sent: with every file cached the check passed
    (exit 0), and ``dask://[::1`` was read as the host ``:``."""
    assert kompiler(["check", "."], project).exit_code == 0
    run = kompiler(["check", ".", "--executor", address], project)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert f"Invalid Dask address '{address}'; write dask://HOST:PORT." in run.stderr
