"""Where a command that writes a new project (``kompiler import``, ``kompiler init``) may put it.

Both write a whole project into a new or empty folder. That folder must not lie where the project
would break what kompiler already keeps: inside a standards project, which ``kompiler check`` reads
whole, so the new project's files would be read as part of it (``init standards/jabatan/baru`` once
gave the project around it 182 errors); inside a repository's Git folder, where git keeps its data;
or inside a build's output folder or a private folder of people's results, which the next ``build`` or
``kompiler people`` replaces, or refuses to run beside. ``build -o`` refuses the same places.
"""

from __future__ import annotations

import os
from pathlib import Path

from kompiler.build.output import (
    OutputRefused,
    check_outside_outputs,
    check_target,
    refuse_git_folder,
    shown_path,
)
from kompiler.diagnostics import Message
from kompiler.project import IGNORED_DIRS, PROJECT_FILE


def refuse_place(target: Path) -> None:
    """Raise :class:`~kompiler.build.output.OutputRefused` when a new project may not go to ``target``
    (see the module). Reads only."""
    real = Path(os.path.realpath(target))
    refuse_git_folder(real)
    check_outside_outputs(real)
    for project in _projects_around(real):
        check_target(real, (project,))
        _refuse_nested(real, project)


def _projects_around(target: Path) -> list[Path]:
    """The standards projects (folders holding ``kompiler.yaml``) above ``target``."""
    return [folder for folder in target.parents if os.path.lexists(folder / PROJECT_FILE)]


def _refuse_nested(target: Path, project: Path) -> None:
    """Refuse ``target`` inside ``project`` unless discovery skips it (it or a folder on the way there
    is one such as ``output/``, or has a name that starts with a dot)."""
    if any(part in IGNORED_DIRS or part.startswith(".") for part in target.relative_to(project).parts):
        return
    raise OutputRefused(
        Message(
            f"{shown_path(target)} ada di dalam proyek standar {shown_path(project)}; kompiler check "
            "membaca setiap folder proyek, jadi proyek baru itu akan terbaca sebagai bagian standarnya. "
            "Pilih folder di luar proyek itu.",
            f"{shown_path(target)} lies inside the standards project {shown_path(project)}; kompiler check "
            "reads every folder of a project, so the new project would be read as part of its "
            "standards. Choose a folder outside that project.",
        )
    )
