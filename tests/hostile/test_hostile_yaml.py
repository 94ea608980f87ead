"""Hostile and broken standards files: each ends in a located diagnostic (or loads as plain data), never
in a traceback, a hang, memory past the cap, or anything executed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import Run

ALIAS_BOMB = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n".encode() for i in range(12)
)
CASES: dict[str, bytes] = {
    "alias_bomb": ALIAS_BOMB,
    "deep_flow_nesting": b"kode: " + b"[" * 200_000 + b"]" * 200_000 + b"\n",
    "deep_flow_mapping": b"kode: " + b"{a: " * 50_000 + b"1" + b"}" * 50_000 + b"\n",
    "deep_block_nesting": b"".join(b"  " * i + b"k:\n" for i in range(3000)) + b"  " * 3000 + b"v\n",
    "unclosed_flow": b"kode: " + b"[" * 100_000 + b"\n",
    "huge_scalar": b"nama: " + b"x" * (7 * 1024 * 1024) + b"\n",
    "huge_file": b"# " + b"y" * (9 * 1024 * 1024) + b"\n",
    "many_items": b"tugas:\n" + b"  - a\n" * 1_000_000,
    "long_key_line": b"a" * 2_000_000 + b": 1\n",
    "invalid_utf8": b"kode: ABC\nnama: caf\xc3\x28\n",
    "utf16": "kode: ABC\n".encode("utf-16"),
    "nul_bytes": b"kode: AB\x00C\n",
    "control_character": b"kode: AB\x07C\n",
    "lone_surrogate_escape": b'nama: "\\ud800"\n',
    "tabs": b"kode: ABC\npersyaratan:\n\tpendidikan: []\n",
    "duplicate_keys": b"kode: ABC\nkode: DEF\n",
    "yaml11_booleans_and_dates": b"kode: no\nnama: on\nberlaku_mulai: 2026-01-01\nlevel: 0o17\n",
    "python_tag": b'kode: !!python/object/apply:os.system ["touch PWNED"]\n',
    "python_name_tag": b"kode: !!python/name:os.system\n",
    "custom_tag": b"kode: !include /etc/passwd\n",
    "merge_key": b"a: &a {x: 1}\nb:\n  <<: *a\n",
    "complex_key": b"? [a, b]\n: 1\n",
    "multi_document": b"kode: A\n---\nkode: B\n",
    "only_comment": b"# nothing\n",
    "empty": b"",
    "bare_scalar": b"just text\n",
    "list_root": b"- 1\n- 2\n",
    "directive": b"%YAML 1.1\n---\nkode: yes\n",
    "big_integer": b"level: " + b"9" * 5000 + b"\n",
    "float_special": b"level: .inf\n",
}
BOM_CRLF = "\ufeff" + "kode: ABC\r\nnama: Contoh\r\n"


def _check(kompiler: Callable[..., Run], project: Path) -> Run:
    result = kompiler(["check", "--no-cache", "--format", "json", "."], project)
    assert result.exit_code in (0, 1, 2), result.stderr[-2000:]
    assert "Traceback" not in result.stderr + result.stdout
    return result


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_position_file_gives_located_diagnostic(
    name: str, kompiler: Callable[..., Run], project: Path
) -> None:
    (project / "jabatan" / "hostile.yaml").write_bytes(CASES[name])
    result = _check(kompiler, project)
    assert result.exit_code == 1
    assert "jabatan/hostile.yaml" in result.stdout
    assert not (project / "PWNED").exists()


@pytest.mark.parametrize("name", ["alias_bomb", "deep_flow_nesting", "invalid_utf8", "python_tag", "empty"])
def test_hostile_project_file_is_a_configuration_error(
    name: str, kompiler: Callable[..., Run], project: Path
) -> None:
    (project / "kompiler.yaml").write_bytes(CASES[name])
    result = _check(kompiler, project)
    assert result.exit_code == 2
    assert "kompiler.yaml" in result.stdout


def test_bom_and_crlf_are_read_as_text(kompiler: Callable[..., Run], project: Path) -> None:
    (project / "jabatan" / "hostile.yaml").write_bytes(BOM_CRLF.encode())
    result = _check(kompiler, project)
    # The file loads; what remains are schema findings (missing keys), located in that file.
    assert '"code": "KMP011"' in result.stdout and "jabatan/hostile.yaml" in result.stdout
    assert "KMP001" not in result.stdout and "KMP002" not in result.stdout


def test_symlinks_leading_outside_are_reported_not_read(kompiler: Callable[..., Run], project: Path) -> None:
    outside = project.parent / "outside"
    (outside / "secret.yaml").write_text("rahasia: jangan dibaca\n", encoding="utf-8")
    (project / "jabatan" / "bocor.yaml").symlink_to(outside / "secret.yaml")
    (project / "jabatan" / "folder-luar").symlink_to(outside, target_is_directory=True)
    (project / "kamus" / "passwd.yaml").symlink_to("/etc/passwd")
    (project / "jabatan" / "putaran").symlink_to(project, target_is_directory=True)
    result = _check(kompiler, project)
    assert result.exit_code == 1
    assert "rahasia" not in result.stdout and "root:" not in result.stdout
    for name in ("jabatan/bocor.yaml", "jabatan/folder-luar", "kamus/passwd.yaml"):
        assert name in result.stdout
    assert result.stdout.count('"code": "KMP009"') == 3


def test_dotdot_argument_checks_the_project_it_names(kompiler: Callable[..., Run], project: Path) -> None:
    inner = project / "jabatan"
    result = kompiler(["check", "--no-cache", "../../standar/jabatan/../."], inner)
    assert result.exit_code == 0, result.stdout + result.stderr


def test_planted_cache_is_never_unpickled(kompiler: Callable[..., Run], project: Path) -> None:
    """A pull request can commit a .kompiler-cache folder; its pickles must not run."""
    import pickle

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            import os

            return (os.system, ("touch PWNED",))

    cache = project / ".kompiler-cache"
    cache.mkdir()
    payload = pickle.dumps({"salt": b"", "stats": Exploit()})
    for name in ["stats.bin", *(f"{i:02x}.bin" for i in range(256))]:
        (cache / name).write_bytes(b"KMPC0001" + bytes(32) + payload)
    result = _check(kompiler, project)
    assert result.exit_code == 0
    assert not (project / "PWNED").exists()


def test_cache_folder_symlinked_outside_is_not_written(kompiler: Callable[..., Run], project: Path) -> None:
    outside = project.parent / "outside"
    (project / ".kompiler-cache").symlink_to(outside, target_is_directory=True)
    result = _check(kompiler, project)
    assert result.exit_code == 0
    assert list(outside.iterdir()) == []
