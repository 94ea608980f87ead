"""``kompiler migrate``: each migration on its own, and a version-0 project upgraded end to end."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

from kompiler.authoring.migrate import (
    CURRENT_VERSION,
    MigrationError,
    migrate_project,
    migrate_text,
    migrations,
)
from kompiler.pipeline import compile_path
from kompiler.project import FileKind

FIXTURES = Path(__file__).parents[1] / "fixtures"

POSITION_V0 = """\
# Jabatan contoh dalam format versi 0.
kode: NTB.JF.CONTOH
nama: Contoh
# Kompetensi manajerial.
kompetensi_manajerial:
  - kode: M.01
    level: 2  # integritas
kompetensi_teknis:
  - kode: T.KEU.01
    level: 3
persyaratan:
  pendidikan: []
masa_berlaku:
  mulai: "2026-04-01"  # tanggal pengundangan
  sampai: "2030-12-31"
"""

POSITION_V1 = """\
# Jabatan contoh dalam format versi 0.
kode: NTB.JF.CONTOH
nama: Contoh
# Kompetensi manajerial.
kompetensi:
  manajerial:
    - kode: M.01
      level: 2 # integritas
  sosial_kultural: []
  teknis:
    - kode: T.KEU.01
      level: 3
persyaratan:
  pendidikan: []
berlaku_mulai: "2026-04-01" # tanggal pengundangan
berlaku_sampai: "2030-12-31"
"""


def test_one_migration_per_version() -> None:
    assert [m.source for m in migrations()] == list(range(CURRENT_VERSION))


def test_m0001_position_keeps_comments_and_key_order() -> None:
    assert migrate_text(POSITION_V0, FileKind.POSITION, 0) == POSITION_V1


def test_m0001_dictionary_validity() -> None:
    text = (
        'kamus:\n  jenis: teknis\n  masa_berlaku:\n    mulai: "2026-01-01"\n  nama: Kamus\nkompetensi: []\n'
    )
    expected = 'kamus:\n  jenis: teknis\n  berlaku_mulai: "2026-01-01"\n  nama: Kamus\nkompetensi: []\n'
    assert migrate_text(text, FileKind.DICTIONARY, 0) == expected


def test_m0001_project_gains_its_version() -> None:
    text = "# proyek\nbahasa: id  # bahasa dokumen\n"
    assert (
        migrate_text(text, FileKind.PROJECT, 0)
        == "# proyek\nschema_version: 1\nbahasa: id  # bahasa dokumen\n"
    )


def test_m0001_leaves_current_files_alone() -> None:
    assert migrate_text(POSITION_V1, FileKind.POSITION, 0) == POSITION_V1


def test_version_0_project_migrates_and_then_checks_clean(tmp_path: Path, run_cli) -> None:
    project = tmp_path / "standar"
    shutil.copytree(FIXTURES / "versi-0", project)
    assert not compile_path(project).ok
    dry = run_cli(["migrate", str(project), "--dry-run"], tmp_path)
    assert dry.exit_code == 0
    assert "jabatan/analis-keuangan.yaml" in dry.output
    assert "schema_version" not in (project / "kompiler.yaml").read_text()

    result = run_cli(["migrate", str(project)], tmp_path)
    assert result.exit_code == 0, result.output
    assert "3 berkas diubah" in result.output
    assert compile_path(project).ok
    position = (project / "jabatan" / "analis-keuangan.yaml").read_text()
    assert "# Kompetensi teknis dari kamus bidang keuangan." in position
    assert "# tanggal pengundangan" in position
    again = run_cli(["migrate", str(project)], tmp_path)
    assert "sudah memakai versi format terbaru" in again.output


def test_migrated_files_keep_their_byte_order_mark(tmp_path: Path, run_cli) -> None:
    """A file that began with a UTF-8 BOM still does once upgraded, as fmt keeps it, and one that did not
    gains none; both then pass ``fmt --check``."""
    project = tmp_path / "standar"
    shutil.copytree(FIXTURES / "versi-0", project)
    with_bom = project / "jabatan" / "analis-keuangan.yaml"
    with_bom.write_bytes(codecs.BOM_UTF8 + with_bom.read_bytes())
    assert run_cli(["migrate", str(project)], tmp_path).exit_code == 0
    upgraded = with_bom.read_bytes()
    assert upgraded.startswith(codecs.BOM_UTF8) and "berlaku_mulai" in upgraded.decode("utf-8-sig")
    assert not (project / "kompiler.yaml").read_bytes().startswith(codecs.BOM_UTF8)
    assert compile_path(project).ok
    assert run_cli(["fmt", str(project)], tmp_path).exit_code == 0
    assert with_bom.read_bytes().startswith(codecs.BOM_UTF8)
    assert run_cli(["fmt", "--check", "--no-cache", str(project)], tmp_path).exit_code == 0


def test_future_version_is_refused(minimal_project: Path, run_cli, tmp_path: Path) -> None:
    path = minimal_project / "kompiler.yaml"
    path.write_text(path.read_text().replace("schema_version: 1", "schema_version: 7"))
    with pytest.raises(MigrationError, match="newer"):
        migrate_project(minimal_project)
    assert run_cli(["migrate", str(minimal_project)], tmp_path).exit_code == 2
