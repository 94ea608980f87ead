"""What the commands that rewrite standards (``fmt``, ``migrate``) share: which files a PATH names, and
how the problems that stop a rewrite are shown (as ``kompiler check`` shows them: located, in the user's
language, with the line quoted). What is said of a file PATH names that the project does not read
(:func:`unread`) is shared with ``kompiler check``, which reports it instead of refusing it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click

from kompiler.diagnostics import Diagnostic, Location, Message, Severity
from kompiler.project import ProjectTooLarge, SourceFile, discover, display_path, find_root, is_project
from kompiler.report import ReportInput
from kompiler.report.text import render

CODE_NOT_A_STANDARD = "KMP085"

# What a command that rewrites standards adds to discovery's reason for not reading a file PATH names.
NOT_REWRITTEN = Message(
    "Berkas yang tidak dibaca kompiler tidak ditulis ulang.",
    "A file kompiler does not read is not rewritten.",
)


class NotAStandard(Exception):
    """PATH names no standards project, a project too large to read, or no standards file of one;
    ``diagnostic`` says which."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message.en)
        self.diagnostic = diagnostic


@dataclass
class Selection:
    """The standards files PATH names, and what discovering the project found wrong in that part."""

    root: Path
    files: list[SourceFile]
    diagnostics: list[Diagnostic] = field(default_factory=list)


def select(path: Path) -> Selection:
    """The standards files at or under ``path``, never following a link in its last component: a link
    there is judged as discovery judges it (a link out of the project is reported, not read)."""
    absolute = Path(os.path.abspath(path))
    folder = absolute.is_dir() and not absolute.is_symlink()
    place = absolute.resolve() if folder else absolute.parent.resolve() / absolute.name
    root = find_root(place if folder else place.parent)
    if not is_project(root):
        from kompiler.pipeline import not_a_project

        raise NotAStandard(not_a_project(root).diagnostics[0])
    try:
        files, found = discover(root)
    except ProjectTooLarge as refusal:
        raise NotAStandard(refusal.diagnostic) from refusal
    relative = place.relative_to(root).as_posix()
    if relative == ".":
        return Selection(root, files, found)
    shown = display_path(root / relative)
    chosen = [f for f in files if f.relative == relative or f.relative.startswith(relative + "/")]
    problems = [d for d in found if d.location.file == shown or d.location.file.startswith(shown + "/")]
    refused = None if folder else unread(shown, chosen, problems, NOT_REWRITTEN)
    if refused is not None:
        raise NotAStandard(refused)
    return Selection(root, chosen, problems)


def unread(
    shown: str, files: Iterable[SourceFile], found: Iterable[Diagnostic], refusal: Message | None
) -> Diagnostic | None:
    """What to add about the file a PATH names (``shown`` as discovery shows it) when the project does
    not read it as a standard, so that ``check`` and ``fmt`` give the same reason for the same file.

    Nothing when it is read (among ``files``) or when discovery reported an error at it (in ``found``):
    that error says why. A file discovery passed over with a warning (``baru.YAML``, KMP018; a YAML file
    in no known place, KMP010) has that warning as its answer when the command only reports (``refusal``
    is ``None``: ``kompiler check`` warns and exits 0); a command that would change the file refuses it
    with KMP085, the warning's reason followed by ``refusal``. Any other file (a README) is KMP085 alone.
    """
    if any(f.display == shown for f in files):
        return None
    reasons = [d for d in found if d.location.file == shown]
    if any(d.severity is Severity.ERROR for d in reasons):
        return None
    if not reasons:
        return not_a_standard(shown)
    if refusal is None:
        return None
    said = [*(d.message for d in reasons), refusal]
    return Diagnostic(
        Severity.ERROR,
        CODE_NOT_A_STANDARD,
        Message(" ".join(m.id for m in said), " ".join(m.en for m in said)),
        Location(shown),
    )


def not_a_standard(shown: str) -> Diagnostic:
    """The usage error (KMP085) for a file PATH that the project at hand does not read as a standard and
    says nothing else about (see :func:`unread`)."""
    return Diagnostic(
        Severity.ERROR,
        CODE_NOT_A_STANDARD,
        Message(
            "Ini bukan berkas standar proyek ini (kompiler.yaml, sumber.yaml, jenjang.yaml, "
            "keputusan-gabung.yaml, atau berkas .yaml di kamus/, rumpun/, jabatan/, pengembangan/).",
            "This is not a standards file of the project (kompiler.yaml, sumber.yaml, jenjang.yaml, "
            "keputusan-gabung.yaml, or a .yaml file in kamus/, rumpun/, jabatan/, pengembangan/).",
        ),
        Location(shown),
    )


def show(diagnostics: list[Diagnostic], texts: dict[str, str], locale: str, files: int) -> None:
    """Print ``diagnostics`` on standard error as ``kompiler check`` prints them, quoting lines from
    ``texts`` (the text of each file shown, as it was read)."""
    if not diagnostics:
        return

    def source_line(file: str, line: int) -> str:
        lines = texts.get(file, "").splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""

    ordered = sorted(diagnostics, key=lambda d: (d.location.file, d.location.line, d.code))
    report = ReportInput(ordered, locale, files, source_line)
    click.echo(render(report), nl=False, err=True)


def failed(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
