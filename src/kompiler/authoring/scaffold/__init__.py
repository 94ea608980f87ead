"""``kompiler init``: a new standards repository that checks clean and is wired for drafting.

The scaffold is: the shipped national files (legal sources, grades, the managerial and socio-cultural
dictionaries, the development policy of ``pengembangan/``) copied from the default corpus, a small example
(one job family, one technical dictionary, one position, a learning catalogue for them), the JSON Schemas
with VS Code's YAML extension pointed at them, a pre-commit configuration, and CI for GitHub Actions and
GitLab CI. Its ``.gitignore`` keeps every folder named ``asesmen/`` out of the repository (the assessment
files a drafter keeps at the top, and ``standards/asesmen/hasil/``, where ``kompiler people`` writes by
default): assessment results are personal data, never standards. Files whose names start with a dot are
stored as ``dot-…`` inside the package, so packaging tools and git treat them as ordinary data.

The target is a new or empty folder, or a clone of a repository a hosting service just created: ``.git``
and what GitHub, GitLab or Gitea offer to create with a repository (a README, a licence, ``.gitignore``,
``.gitattributes``). Nothing there is overwritten, as ``cargo init`` does in an existing repository: a
README that exists is kept (the scaffold's is not written), and the ``.gitignore`` lines the project needs
are appended to an existing one when it lacks them, last, so an interrupted init never changed it. Any
other content is refused: a folder with someone's work in it is not a place to scaffold into.

The CI files install kompiler from a pinned source, never by the bare name ``kompiler`` on the package index
(an unrelated program that exits 0 without checking anything), and then make sure the installed command is
this kompiler at this version. The source is the one this installation came from when pip recorded it (a git
repository and commit, PEP 610); otherwise a placeholder that fails the pipeline until the user fills it in.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit, urlunsplit

from kompiler import __version__
from kompiler.authoring.fmt import format_text
from kompiler.authoring.place import refuse_place
from kompiler.project import STANDARDS_FOLDER, kind_of
from kompiler.reading import read_limited
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
_SCHEMA_COMMENT = re.compile(r"^(# yaml-language-server: \$schema=)\S*?([\w-]+\.schema\.json)", re.MULTILINE)


# What a hosting service creates with a new repository, besides ``.git``; init accepts a folder holding
# only these. LICENSE is never written; README.md is kept, .gitignore appended to (see the module).
HOSTED = frozenset({"README.md", "LICENSE", "LICENSE.md", "LICENSE.txt", ".gitignore", ".gitattributes"})
GITIGNORE = ".gitignore"
README = "README.md"
_MAX_HOSTED_BYTES = 1024 * 1024


class NotEmpty(Exception):
    """The target folder holds something ``init`` does not scaffold into; ``names`` says what."""

    def __init__(self, target: str, names: list[str]) -> None:
        super().__init__(f"{target}: {', '.join(names)}")
        self.names = names


class NotAFolder(Exception):
    """The target is there but is not a folder (a named pipe, a link to nothing): "it holds files"
    would send the drafter looking for files in it."""


def _present(target: Path) -> dict[str, os.stat_result]:
    """The entries of ``target`` (an absent folder has none); :class:`NotAFolder` when it is not a folder,
    :class:`NotEmpty` when it holds anything but ``.git`` and the files of :data:`HOSTED`."""
    if not os.path.lexists(target):
        return {}
    if not target.is_dir():
        raise NotAFolder(str(target))
    with os.scandir(target) as entries:
        present = {entry.name: entry.stat(follow_symlinks=False) for entry in entries}
    other = sorted(
        name
        for name, status in present.items()
        if not (
            (name == ".git" and (stat.S_ISDIR(status.st_mode) or stat.S_ISREG(status.st_mode)))
            # Regular files only: .gitignore is appended to, never through a link to a file elsewhere.
            or (name in HOSTED and stat.S_ISREG(status.st_mode) and status.st_size <= _MAX_HOSTED_BYTES)
        )
    )
    if other:
        raise NotEmpty(str(target), other)
    return present


def _missing_ignores(existing: str, wanted: str) -> str:
    """The lines of ``wanted`` (a .gitignore) that ``existing`` lacks, each with the comment above it."""
    have = {line.strip() for line in existing.splitlines()}
    added: list[str] = []
    comments: list[str] = []
    for line in wanted.splitlines():
        if line.startswith("#") or not line.strip():
            comments.append(line)
            continue
        if line.strip() not in have:
            added.extend([*comments, line])
        comments = []
    return "\n".join(added) + "\n" if added else ""


def _append_ignores(path: Path, wanted: str) -> bool:
    """Append to the existing .gitignore ``path`` the lines of ``wanted`` it lacks; whether any were."""
    existing = read_limited(path, _MAX_HOSTED_BYTES, follow=False).decode("utf-8", errors="replace")
    added = _missing_ignores(existing, wanted)
    if not added:
        return False
    lead = "" if not existing else ("\n" if existing.endswith("\n") else "\n\n")
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(f"{lead}# kompiler init\n{added}")
    return True


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


@dataclass(frozen=True)
class Scaffolded:
    """What :func:`scaffold` did in its target, each a sorted list of paths inside it: the files it
    ``created``, the existing ones it ``kept`` instead of writing its own (a README), and the existing
    ones it ``appended`` lines to (a ``.gitignore`` that lacked some). ``init`` reports these as they
    are, rather than guessing them from what the folder held before."""

    created: list[str]
    kept: list[str]
    appended: list[str]


def scaffold(target: Path) -> Scaffolded:
    """Create the repository in ``target`` (absent, empty, or a fresh clone: see the module, and never
    where :func:`~kompiler.authoring.place.refuse_place` refuses a new project) and say what was
    created, kept and appended to."""
    present = _present(target)
    refuse_place(target)
    target.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    kept: list[str] = []
    ignores = ""

    def write(relative: PurePosixPath, text: str) -> None:
        nonlocal ignores
        if relative.as_posix() == README and README in present:
            kept.append(README)
            return
        if relative.as_posix() == GITIGNORE and GITIGNORE in present:
            ignores = text
            return
        path = target.joinpath(*relative.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        if relative.suffix in (".yaml", ".yml") and relative.parts[0] == STANDARDS_FOLDER:
            kind = kind_of(PurePosixPath(*relative.parts[1:]).as_posix())
            assert kind is not None, relative
            # Canonical from the first commit, so the scaffold's own fmt hook passes.
            text = format_text(_schema_link(text, relative), kind, relative.as_posix()).text
        with path.open("x", encoding="utf-8", newline="\n") as stream:  # never over an existing file
            stream.write(text)
        written.append(relative.as_posix())

    source = _installed_source()
    standards = data_dir("standards")
    for name in SHIPPED:
        write(PurePosixPath(STANDARDS_FOLDER, name), (standards / name).read_text(encoding="utf-8"))
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
    appended = [GITIGNORE] if ignores and _append_ignores(target / GITIGNORE, ignores) else []
    return Scaffolded(sorted(written), kept, appended)
