"""``kompiler init``: a new standards repository that checks clean and is wired for drafting.

The scaffold is: the shipped national files (legal sources, grades, the managerial and socio-cultural
dictionaries) copied from the default corpus, a small example (one job family, one technical dictionary, one
position), the JSON Schemas with VS Code's YAML extension pointed at them, a pre-commit configuration, and CI
for GitHub Actions and GitLab CI. Files whose names start with a dot are stored as ``dot-…`` inside the
package, so packaging tools and git treat them as ordinary data.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

from kompiler.fmt import format_text
from kompiler.project import kind_of
from kompiler.resources import data_dir

_FILES = Path(__file__).resolve().parent / "files"
# National files every project starts from, copied from the default corpus.
SHIPPED = ("sumber.yaml", "jenjang.yaml", "kamus/manajerial.yaml", "kamus/sosial-kultural.yaml")
STANDARDS = "standards"
_SCHEMA_COMMENT = re.compile(r"^(# yaml-language-server: \$schema=)\S*?([\w-]+\.schema\.json)", re.MULTILINE)


class NotEmpty(Exception):
    """The target folder already holds files; ``init`` never overwrites anything."""


def _target_name(relative: PurePosixPath) -> PurePosixPath:
    return PurePosixPath(*(f".{p[4:]}" if p.startswith("dot-") else p for p in relative.parts))


def _schema_link(text: str, relative: PurePosixPath) -> str:
    """Point the ``yaml-language-server`` comment at the copied schemas, relative to the file."""
    up = "../" * (len(relative.parts) - 1)
    return _SCHEMA_COMMENT.sub(lambda m: f"{m.group(1)}{up}schemas/{m.group(2)}", text, count=1)


def scaffold(target: Path) -> list[str]:
    """Create the repository in ``target`` (absent or empty) and return the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NotEmpty(str(target))
    target.mkdir(parents=True, exist_ok=True)
    written: list[str] = []

    def write(relative: PurePosixPath, text: str) -> None:
        path = target.joinpath(*relative.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        if relative.suffix in (".yaml", ".yml") and relative.parts[0] == STANDARDS:
            kind = kind_of(PurePosixPath(*relative.parts[1:]).as_posix())
            assert kind is not None, relative
            # Canonical from the first commit, so the scaffold's own fmt hook passes.
            text = format_text(_schema_link(text, relative), kind, relative.as_posix()).text
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(relative.as_posix())

    standards = data_dir("standards")
    for name in SHIPPED:
        write(PurePosixPath(STANDARDS, name), (standards / name).read_text(encoding="utf-8"))
    for path in sorted(_FILES.rglob("*")):
        if path.is_file():
            write(
                _target_name(PurePosixPath(path.relative_to(_FILES).as_posix())),
                path.read_text(encoding="utf-8"),
            )
    schemas = target / "schemas"
    schemas.mkdir()
    for schema in sorted(data_dir("schemas").glob("*.schema.json")):
        shutil.copyfile(schema, schemas / schema.name)
        written.append(f"schemas/{schema.name}")
    return sorted(written)
