"""``kompiler init``: a new standards repository that checks clean and is wired for drafting.

The scaffold is: the shipped national files (legal sources, grades, the managerial and socio-cultural
dictionaries, the development policy of ``pengembangan/``) copied from the default corpus, a small example
(one job family, one technical dictionary, one position, a learning catalogue for them), the JSON Schemas
with VS Code's YAML extension pointed at them, a pre-commit configuration, and CI for GitHub Actions and
GitLab CI. Its ``.gitignore`` keeps ``asesmen/`` out of the repository: assessment results are personal
data, never standards. Files whose names start with a dot are stored as ``dot-…`` inside the package, so
packaging tools and git treat them as ordinary data.

The CI files install kompiler from a pinned source, never by the bare name ``kompiler`` on the package index
(an unrelated program that exits 0 without checking anything), and then make sure the installed command is
this kompiler at this version. The source is the one this installation came from when pip recorded it (a git
repository and commit, PEP 610); otherwise a placeholder that fails the pipeline until the user fills it in.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import shutil
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit, urlunsplit

from kompiler import __version__
from kompiler.authoring.fmt import format_text
from kompiler.project import kind_of
from kompiler.resources import data_dir

_HERE = Path(__file__).resolve().parent
_FILES = _HERE / "files"
# The CI snippets, written once and placed (indented) into both the GitHub and the GitLab file.
_CI_SNIPPETS = {"PASANG_KOMPILER": "pasang.sh", "PASTIKAN_KOMPILER": "pastikan.sh"}
_CI_SNIPPET = re.compile(r"^( *)@(PASANG_KOMPILER|PASTIKAN_KOMPILER)@$", re.MULTILINE)
# kompiler's name on the package index is taken by an unrelated program; this project's distribution is this.
DISTRIBUTION = "kompiler-skj"
UNSET_SOURCE = f"{DISTRIBUTION} @ git+https://<alamat repositori kompiler>@<tag atau commit>"
# National files every project starts from, copied from the default corpus: with the development policy
# (the scaffold's own catalogue, in files/, covers its example dictionary instead of the default one).
SHIPPED = (
    "sumber.yaml",
    "jenjang.yaml",
    "kamus/manajerial.yaml",
    "kamus/sosial-kultural.yaml",
    "pengembangan/kecocokan.yaml",
    "pengembangan/rencana.yaml",
    "pengembangan/bentuk-pembelajaran.yaml",
    "pengembangan/talenta.yaml",
    "pengembangan/penyetaraan.yaml",
)
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


def pinned_source(direct_url: str | None) -> str:
    """The pip requirement that installs exactly this kompiler, from pip's record of where it came from.

    Only a git install names a source and a commit CI can fetch again; anything else (a local checkout, an
    editable install, a wheel) gives the placeholder, which the CI install step refuses with a message.
    """
    try:
        record = json.loads(direct_url or "null")
    except ValueError:
        return UNSET_SOURCE
    if not isinstance(record, dict):
        return UNSET_SOURCE
    vcs, url = record.get("vcs_info"), record.get("url")
    if not (isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(url, str)):
        return UNSET_SOURCE
    commit = vcs.get("commit_id")
    if not (isinstance(commit, str) and re.fullmatch(r"[0-9a-f]{40}([0-9a-f]{24})?", commit)):
        return UNSET_SOURCE
    subdirectory = record.get("subdirectory")
    suffix = f"#subdirectory={subdirectory}" if isinstance(subdirectory, str) and subdirectory else ""
    return f"{DISTRIBUTION} @ git+{_without_password(url)}@{commit}{suffix}"


def _without_password(url: str) -> str:
    """Drop a user:password (a token) from the URL: it must not be copied into a committed CI file."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _installed_source() -> str:
    try:
        return pinned_source(importlib.metadata.distribution(DISTRIBUTION).read_text("direct_url.json"))
    except importlib.metadata.PackageNotFoundError:
        return UNSET_SOURCE


def _fill_ci(text: str, source: str) -> str:
    """Put the install and check snippets, the pinned source and the version into a CI file."""

    def snippet(match: re.Match[str]) -> str:
        indent, name = match.groups()
        lines = (_HERE / "ci" / _CI_SNIPPETS[name]).read_text(encoding="utf-8").splitlines()
        return "\n".join(f"{indent}{line}" if line else "" for line in lines)

    text = _CI_SNIPPET.sub(snippet, text)
    return text.replace("@KOMPILER_PAKET@", json.dumps(source)).replace(
        "@KOMPILER_VERSI@", json.dumps(__version__)
    )


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

    source = _installed_source()
    standards = data_dir("standards")
    for name in SHIPPED:
        write(PurePosixPath(STANDARDS, name), (standards / name).read_text(encoding="utf-8"))
    for path in sorted(_FILES.rglob("*")):
        if path.is_file():
            write(
                _target_name(PurePosixPath(path.relative_to(_FILES).as_posix())),
                _fill_ci(path.read_text(encoding="utf-8"), source),
            )
    schemas = target / "schemas"
    schemas.mkdir()
    for schema in sorted(data_dir("schemas").glob("*.schema.json")):
        shutil.copyfile(schema, schemas / schema.name)
        written.append(f"schemas/{schema.name}")
    return sorted(written)
