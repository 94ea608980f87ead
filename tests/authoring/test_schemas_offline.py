"""The shipped schemas work in a generic validator with no network: check-jsonschema, given only the local
schema files, validates every shipped standards file and every file of a fresh ``kompiler init`` project,
following the relative ``$ref``s into ``_common.schema.json`` beside each schema.

Each run has its proxies pointed at a closed port and ``--no-cache``: a schema that still named a remote
``$id`` (or a ``$ref`` resolved against one) fails with a connection error instead of passing from a
download or a cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kompiler.project import FileKind, discover

REPO = Path(__file__).parents[2]
TOOL = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
CLOSED = "http://127.0.0.1:9"
pytestmark = pytest.mark.skipif(
    TOOL is None, reason="check-jsonschema is not installed (pip install -e '.[test]' brings it)"
)


def check_jsonschema(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    """Run check-jsonschema with every network route closed and its schema cache off."""
    environment = {key: value for key, value in os.environ.items() if key.lower() != "no_proxy"}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        environment[name] = environment[name.lower()] = CLOSED
    assert TOOL is not None
    return subprocess.run(
        [TOOL, "--no-cache", *map(str, arguments)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def files_by_kind(project: Path) -> dict[FileKind, list[Path]]:
    sources, problems = discover(project)
    assert problems == []
    found: dict[FileKind, list[Path]] = {}
    for source in sources:
        found.setdefault(source.kind, []).append(project / source.relative)
    return found


def assert_all_valid(project: Path, schemas: Path, expected: set[FileKind]) -> None:
    found = files_by_kind(project)
    assert set(found) == expected
    for kind, files in sorted(found.items()):
        done = check_jsonschema("--schemafile", schemas / f"{kind.value}.schema.json", *files)
        assert done.returncode == 0, f"{kind.value}: {done.stdout}{done.stderr}"
        assert "ok -- validation done" in done.stdout


def test_the_shipped_standards_pass_the_shipped_schemas_offline() -> None:
    kinds = set(FileKind) - {FileKind.DECISIONS}
    assert_all_valid(REPO / "standards", REPO / "schemas", kinds)


def test_a_fresh_project_passes_its_copied_schemas_offline(tmp_path: Path, run_cli) -> None:
    target = tmp_path / "standar-baru"
    assert run_cli(["init", str(target)], tmp_path).exit_code == 0
    kinds = set(FileKind) - {FileKind.DECISIONS}
    assert_all_valid(target / "standards", target / "schemas", kinds)


def test_a_value_only_the_common_definition_forbids_is_rejected(tmp_path: Path) -> None:
    """jabatan.schema.json says of ``jenjang`` only ``$ref: _common.schema.json#/$defs/kode_jenjang``: the
    upper-case pattern lives in _common, so this file fails only if the validator followed the reference."""
    original = REPO / "standards" / "jabatan" / "ntb-jf-akpd-muda.yaml"
    text = original.read_text(encoding="utf-8")
    assert "\njenjang: AHLI-MUDA\n" in text
    broken = tmp_path / "ntb-jf-akpd-muda.yaml"
    broken.write_text(text.replace("\njenjang: AHLI-MUDA\n", "\njenjang: ahli muda\n"), encoding="utf-8")
    schema = REPO / "schemas" / "jabatan.schema.json"
    assert check_jsonschema("--schemafile", schema, original).returncode == 0
    done = check_jsonschema("--schemafile", schema, broken)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "$.jenjang: 'ahli muda' does not match" in done.stdout


def test_every_schema_is_valid_against_its_metaschema() -> None:
    """The editor annotations (examples, defaultSnippets) keep each schema a valid draft 2020-12 schema."""
    schemas = sorted((REPO / "schemas").glob("*.schema.json"))
    done = check_jsonschema("--check-metaschema", *schemas)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2024-02-29", True),
        ("2026-02-30", False),
        ("2026-4-01", False),
        ("0000-01-01", False),
        ("0999-12-31", False),
    ],
)
def test_check_jsonschema_and_the_check_agree_on_a_date(
    tmp_path: Path, run_cli, value: str, valid: bool
) -> None:
    """A date the generic validator refuses is refused by the check's schema stage too, and the other way
    round: year 0000 is a date to RFC 3339 (the Rust validator) but not to Python (check-jsonschema),
    and no regulation is dated before the year 1000, so the schema's pattern leaves out both."""
    project = tmp_path / "standards"
    shutil.copytree(REPO / "standards", project)
    position = project / "jabatan" / "ntb-jf-akpd-muda.yaml"
    text = position.read_text(encoding="utf-8")
    assert '\nberlaku_mulai: "2026-04-01"\n' in text
    position.write_text(text.replace('"2026-04-01"', f'"{value}"', 1), encoding="utf-8")
    generic = check_jsonschema("--schemafile", REPO / "schemas" / "jabatan.schema.json", position)
    report = json.loads(run_cli(["check", str(project), "--format", "json", "--no-cache"], tmp_path).stdout)
    refused = [
        d for d in report["diagnostics"] if d["code"] == "KMP011" and d["file"].endswith(position.name)
    ]
    assert (generic.returncode == 0, not refused) == (valid, valid), generic.stdout + str(refused)
