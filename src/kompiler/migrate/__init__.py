"""``kompiler migrate``: rewrite standards written for an older format version in the current one.

Migrations are modules ``mNNNN_topic.py`` in this package, each defining ``MIGRATION``; they run in order
of their ``source`` version until the current one is reached. The project's version is ``schema_version`` in
``kompiler.yaml``; a project file without it predates versioning and is version 0. Files are rewritten with
round-trip YAML, so comments and key order stay where the drafter put them.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kompiler.migrate.base import Migration
from kompiler.project import PROJECT_FILE, FileKind, discover
from kompiler.roundtrip import dump, load

CURRENT_VERSION = 1
# A migration changes structure, not layout: lines are never folded, however long.
_KEEP_LINES = 1 << 16


class MigrationError(Exception):
    """The project cannot be migrated (unreadable project file, unknown or future version)."""


@cache
def migrations() -> tuple[Migration, ...]:
    """Every migration, by source version; there must be exactly one per step up to the current version."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        if module.name[0] == "m" and module.name[1:5].isdigit():
            found.append(importlib.import_module(f"{__name__}.{module.name}").MIGRATION)
    found.sort(key=lambda m: m.source)
    assert [m.source for m in found] == list(range(CURRENT_VERSION)), "one migration per format version"
    return tuple(found)


@dataclass
class MigrationResult:
    """What a migration run did (or, with ``write=False``, would do)."""

    version: int
    changed: dict[str, str] = field(default_factory=dict)

    @property
    def needed(self) -> bool:
        return self.version < CURRENT_VERSION


def project_version(root: Path) -> int:
    path = root / PROJECT_FILE
    if not path.is_file():
        raise MigrationError(f"{path} not found")
    data = load(path.read_text(encoding="utf-8"))
    version = data.get("schema_version", 0) if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise MigrationError(f"schema_version {version!r} is not a format version")
    if version > CURRENT_VERSION:
        raise MigrationError(
            f"schema_version {version} is newer than this kompiler supports ({CURRENT_VERSION}); upgrade kompiler"
        )
    return version


def migrate_text(text: str, kind: FileKind, version: int) -> str:
    """One file's text upgraded from ``version`` to the current version (unchanged text if nothing applies)."""
    data = load(text, preserve_quotes=True)
    changed = False
    for migration in migrations()[version:]:
        changed |= migration.apply(kind, data)
    return dump(data, width=_KEEP_LINES) if changed else text


def migrate_project(root: Path, *, write: bool = True) -> MigrationResult:
    """Upgrade every standards file under ``root``; with ``write=False`` only report what would change."""
    version = project_version(root)
    result = MigrationResult(version)
    if not result.needed:
        return result
    files, _ = discover(root)
    for source in files:
        path = root / source.relative
        text = path.read_text(encoding="utf-8")
        upgraded = migrate_text(text, source.kind, version)
        if upgraded != text:
            result.changed[source.relative] = upgraded
    if write:
        for relative, text in result.changed.items():
            (root / relative).write_text(text, encoding="utf-8", newline="\n")
    return result
