"""What the commands that rewrite standards (``fmt``, ``migrate``) share: which files a PATH names, and
how the problems that stop a rewrite are shown (as ``kompiler check`` shows them: located, in the user's
language, with the line quoted)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import click

from kompiler.diagnostics import Diagnostic, Location, Message, Severity
from kompiler.project import SourceFile, discover, display_path, find_root, is_project
from kompiler.report import ReportInput
from kompiler.report.text import render

CODE_NOT_A_STANDARD = "KMP085"


class NotAStandard(Exception):
    """PATH names no standards project or no standards file of one; ``diagnostic`` says which."""

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
    files, found = discover(root)
    relative = place.relative_to(root).as_posix()
    if relative == ".":
        return Selection(root, files, found)
    shown = display_path(root / relative)
    chosen = [f for f in files if f.relative == relative or f.relative.startswith(relative + "/")]
    problems = [d for d in found if d.location.file == shown or d.location.file.startswith(shown + "/")]
    if not folder and not chosen and not any(d.severity is Severity.ERROR for d in problems):
        raise NotAStandard(not_a_standard(shown))  # a file only warned about (KMP018) is not read either
    return Selection(root, chosen, problems)


def not_a_standard(shown: str) -> Diagnostic:
    """The usage error (KMP085) for a file PATH that the project at hand does not read as a standard."""
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
