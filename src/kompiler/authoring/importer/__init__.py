"""Import standards held in spreadsheets: a positions table and a requirements table → a standards project.

Agencies keep their current standards in tables: one row per position (code, title, group) and one row
per requirement (position code, element id, element name, level, importance). The import writes a
complete project that ``kompiler check`` accepts: the shipped sources, grade table and managerial and
socio-cultural dictionaries; technical dictionaries with every element as a competency (levels 1–5 with
one placeholder description and indicator each, honestly marked as imported and not yet drafted); one
family per group; one file per position.

Levels are rescaled linearly from the source scale (0–7 by default) to 1–5; elements below the importance
cut are not required (a position with none keeps its most important one), and those kept carry their
importance as ``kepentingan``, rescaled from [cut, top of the importance scale] to 1–5 (the top is the
highest importance in the table unless given); when every kept requirement would get the same rating
(binary profiles: required or not), it says nothing and is left out.

Nothing is written until all of it is known to be right, and every problem is reported at once, in
the stages of this package:

1. :mod:`.tables` reads each table, bounded (size; rows, fewer for positions, each of which becomes a
   file checked with every rule; only regular files), and keeps every cell with its place; a file that
   cannot be read at all is a usage error (KMP070).
2. :mod:`.cells` puts every cell through the parser of its column (text, code, number), which reports a
   located problem (``table:row:column``, KMP071–KMP075); :mod:`.plan` then checks the rows against each
   other (duplicate codes, also after normalisation; one element under two names; a requirement of an
   unknown position: KMP076, KMP077). Tables with problems stop here, as a file that breaks the schema
   stops before the rules.
3. :mod:`.plan` makes the project's files (their texts on two processes, :mod:`.texts`, and simple
   values without the dumper, :mod:`.plain`); :mod:`.staging` writes them into a fresh folder beside the
   target and compiles them with every rule, tracing each error back to the table cell its text came
   from (a duplicate title in one unit, a title that names another grade). Only a project without errors
   takes the target's place, so the target holds the whole project or nothing; a target that holds
   anything is never touched, nor one where a project does not belong (inside a build's output, a
   private folder or another standards project).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kompiler.authoring.importer.options import (
    CLASSIFICATIONS,
    KINDS,
    ImportOptions,
    ImportRefused,
    ImportUsageError,
    checked_options,
)
from kompiler.authoring.importer.plan import SHIPPED_FILES, Plan, importance_weight, rescale
from kompiler.authoring.importer.staging import check_place, check_target, write_checked
from kompiler.authoring.importer.tables import (
    MAX_POSITIONS,
    MAX_ROWS,
    UNREADABLE,
    Unreadable,
    problem,
    read_table,
    shown,
)
from kompiler.diagnostics import Diagnostic, Location, Severity
from kompiler.runtime.collector import paused

__all__ = [
    "CLASSIFICATIONS",
    "KINDS",
    "ImportOptions",
    "ImportRefused",
    "ImportUsageError",
    "Imported",
    "import_project",
    "import_tables",
    "importance_weight",
    "rescale",
]


@dataclass
class Imported:
    """What an import wrote (paths relative to the target) and the warnings met on the way."""

    written: list[str]
    warnings: list[Diagnostic]


def import_tables(
    positions_path: Path, requirements_path: Path, target: Path, options: ImportOptions
) -> list[str]:
    """Write the project into ``target``; the relative path of every file written.

    Raises :class:`ImportUsageError` for unusable options or target, :class:`ImportRefused` with every
    problem of the tables; in both cases nothing is written.
    """
    return import_project(positions_path, requirements_path, target, options).written


def import_project(
    positions_path: Path,
    requirements_path: Path,
    target: Path,
    options: ImportOptions,
) -> Imported:
    """:func:`import_tables`, with the warnings met on the way.

    The cyclic garbage collector is paused meanwhile: a national classification is a million cells and
    values, none in a reference cycle, and the collector's passes over them were a third of the time.
    """
    with paused():
        return _import(positions_path, requirements_path, target, options)


def _import(positions_path: Path, requirements_path: Path, target: Path, options: ImportOptions) -> Imported:
    grade = checked_options(options)
    check_target(target)
    check_place(target)
    shown_names = (shown(str(positions_path)), shown(str(requirements_path)))
    tables, diagnostics = [], []
    bounds = (MAX_POSITIONS, MAX_ROWS)
    for path, name, bound in zip((positions_path, requirements_path), shown_names, bounds, strict=True):
        try:
            tables.append(read_table(path, name, bound))
        except Unreadable as error:
            diagnostics.append(problem(UNREADABLE, Location(name), error.message))
    if diagnostics:
        raise ImportRefused(diagnostics)
    positions, requirements = tables
    plan = Plan(options, shown(positions_path.name), shown(requirements_path.name))
    plan.read(positions, requirements)
    diagnostics = positions.problems + requirements.problems + plan.problems
    if any(d.severity is Severity.ERROR for d in diagnostics):
        raise ImportRefused(sorted(diagnostics, key=Diagnostic.sort_key))
    files, origins = plan.project(grade)
    write_checked(files, origins, target)
    return Imported([*SHIPPED_FILES, *files], diagnostics)
