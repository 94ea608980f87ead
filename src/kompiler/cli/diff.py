"""``kompiler diff [REV_A] [REV_B] [PATH]``: what a change to the standards means, read from git history.

REV_A defaults to HEAD, REV_B to the work tree, PATH to ``standards`` (or, from a subfolder, the project
found upward). Like git, a lone argument that is not a revision is taken as the path, ``A..B`` names both
revisions at once, and ``A...B`` compares B with the commit it branched from A at (their merge base), which
is what a reviewer means by "what this branch changed". Nothing is checked out: both sides are read from
git objects (the work tree side from disk), so the work tree and index are never touched.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kompiler.cli.common import chosen_text, found_project, locale_option, resolve_locale
from kompiler.cli.output import terminable, writing
from kompiler.cli.usage import PathType
from kompiler.diagnostics import Location, Message, Severity
from kompiler.diff import WORK_TREE_NAMES, Comparison, GitError, Repository, compare_revisions
from kompiler.diff.report import FORMATS, DiffReport, render
from kompiler.project import ProjectTooLarge, find_root
from kompiler.report import escaped

if TYPE_CHECKING:
    from kompiler.render.environment import TemplateProblem

DEFAULT_PATH = Path("standards")
# Errors named under the warning about a broken side; ``kompiler check`` lists them all.
SHOWN_ERRORS = 10


@click.command("diff")
@click.argument("arguments", nargs=-1, metavar="[REV_A] [REV_B] [PATH]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Format laporan; markdown untuk komentar pull request. / Report format.",
)
@click.option(
    "--amendment",
    type=PathType(path_type=Path, file_okay=False),
    default=None,
    help="Tulis dokumen perubahan (perubahan.md/.pdf/.docx) ke folder ini. / Write the amendment document.",
)
@click.option(
    "--exit-code",
    is_flag=True,
    help="Keluar dengan kode 1 bila ada perubahan. / Exit with 1 when there are changes.",
)
@locale_option
@terminable()
def command(
    arguments: tuple[str, ...],
    output_format: str,
    amendment: Path | None,
    exit_code: bool,
    locale: str | None,
) -> None:
    """Bandingkan dua revisi standar menurut maknanya. REV_A bawaannya HEAD, REV_B pohon kerja; A..B
    membandingkan A dengan B, A...B membandingkan B dengan titik percabangannya dari A (merge base), seperti
    git: main...HEAD adalah perubahan cabang ini. / Compare two revisions of the standards by meaning. REV_A
    defaults to HEAD, REV_B to the work tree; A..B compares A with B, A...B compares B with where it
    branched from A (their merge base), as in git: main...HEAD is what this branch changed."""
    from kompiler.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

    try:
        repository = Repository.containing(Path.cwd())
        before, after, path = _parse(repository, arguments, locale)
        comparison = compare_revisions(repository, before, after, path)
    except GitError as error:
        click.echo(f"kompiler diff: {escaped(chosen_text(error.message, locale))}", err=True)
        sys.exit(EXIT_USAGE)
    except ProjectTooLarge as refusal:
        problem = refusal.diagnostic
        text = escaped(chosen_text(problem.message, locale))
        click.echo(f"kompiler diff: {_place(problem.location)}: {problem.code}: {text}", err=True)
        sys.exit(EXIT_USAGE)
    locale = resolve_locale(locale, comparison.after)
    broken = _warn_broken(comparison, locale)
    report = DiffReport(*comparison.labels(locale), comparison.changes, locale)
    if amendment is None or broken:
        click.echo(render(report, output_format), nl=False)
    if amendment is not None:
        if broken:
            click.echo(
                Message(
                    "kompiler diff: dokumen perubahan tidak ditulis: dokumen resmi tidak boleh memuat "
                    "perubahan yang hanya tampak karena berkas rusak. Perbaiki galat di atas dahulu.",
                    "kompiler diff: the amendment document is not written: an official document must not "
                    "hold changes that only appear because files are broken. Fix the errors above first.",
                ).text(locale),
                err=True,
            )
            sys.exit(EXIT_PROBLEMS)
        _write_amendment(comparison, amendment, _sources(path), render(report, output_format), locale)
    sys.exit(EXIT_PROBLEMS if exit_code and comparison.changes else EXIT_OK)


def _write_amendment(
    comparison: Comparison, folder: Path, sources: list[Path], shown: str, locale: str
) -> None:
    """Write the amendment documents into ``folder``, printing the report ``shown`` once the folder is
    accepted: a refused folder (exit 2) leaves standard output empty, as ``build -o`` does, so a CI step
    never keeps a report of a run that failed."""
    from kompiler.build.amendment import write_amendment
    from kompiler.cli import EXIT_USAGE
    from kompiler.render.environment import TemplateProblem

    with writing(folder, sources, locale=locale) as writer:
        click.echo(shown, nl=False)
        try:
            written = write_amendment(comparison, writer, locale)
        except TemplateProblem as problem:
            _template_problem(problem, locale)
            sys.exit(EXIT_USAGE)
        writer.commit_into()
    message = Message("dokumen perubahan ditulis ke", "amendment document(s) written to").text(locale)
    click.echo(f"{len(written)} {message} {escaped(str(folder))}/", err=True)


def _sources(path: Path) -> list[Path]:
    """The project the work tree holds at ``path``, which the amendment folder must not be, hold or lie
    in the read folders of (a path no longer in the work tree, or a link leading nowhere or to itself,
    has nothing there to protect)."""
    return [find_root(path)] if os.path.exists(path) else []


def _template_problem(problem: TemplateProblem, locale: str) -> None:
    """Report a project template that cannot make the amendment document, at its file and line, on
    standard error (standard output holds the diff report)."""
    from kompiler.report import ReportInput
    from kompiler.report.text import render as text_report

    report = ReportInput([problem.diagnostic], locale, 1, lambda file, line: "")
    click.echo(text_report(report), err=True, nl=False)


def _parse(
    repository: Repository, arguments: tuple[str, ...], locale: str | None
) -> tuple[str | None, str | None, Path]:
    """Split the arguments into (REV_A, REV_B, PATH), a revision ``None`` for the work tree: by default
    REV_B, or named as the reports name it (``work-tree``, ``pohon kerja``) where no revision or path
    has that name."""
    if len(arguments) > 3:
        raise click.UsageError(
            "terlalu banyak argumen: [REV_A] [REV_B] [PATH] / too many arguments: [REV_A] [REV_B] [PATH]"
        )
    items = list(arguments)
    path = _default_path()
    if items and (len(items) == 3 or not _is_revision(repository, items[-1])):
        path = Path(items.pop())
        # Without REV_B the work tree is compared, where PATH must be: one that is not there either is a
        # mistyped revision (``kompiler diff main featur``), named as such, as git does.
        if len(arguments) < 3 and not os.path.lexists(path):
            _refuse_unknown(repository, str(path))
    revisions: list[str | None] = []
    for item in items:
        if _is_work_tree(repository, item):
            revisions.append(None)
        elif ".." in item and not repository.is_revision(item):
            revisions += _range_revisions(repository, item, locale)
        else:
            revisions.append(item)
    if len(revisions) > 2:
        raise click.UsageError("terlalu banyak revisi / too many revisions")
    before = revisions[0] if revisions else "HEAD"
    after = revisions[1] if len(revisions) > 1 else None
    return before, after, path


def _refuse_unknown(repository: Repository, text: str) -> None:
    """Refuse a last argument that is neither a path nor a revision with the :class:`GitError` saying
    why it names no revision (of a range, which side): asking each side for its commit raises it."""
    sides = _range(text)[0] if ".." in text else [text]
    for side in sides:
        repository.commit(side)


def _default_path() -> Path:
    """``standards`` here; else the project found from the working folder upward, so a drafter in
    ``standards/jabatan/`` compares their project as git does from a subfolder; else ``standards``
    still, which a revision may hold though the work tree no longer does."""
    found = found_project()
    return Path(os.path.relpath(found)) if found is not None else DEFAULT_PATH


def _is_revision(repository: Repository, text: str) -> bool:
    """Whether ``text`` names one or two revisions (the work tree by its label counts, unless a path of
    that name exists: then, as git does with a name that is both, it stays the path)."""
    if text in WORK_TREE_NAMES and not os.path.lexists(text):
        return True
    if ".." in text:
        return all(repository.is_revision(part) for part in _range(text)[0])
    return repository.is_revision(text)


def _is_work_tree(repository: Repository, text: str) -> bool:
    """``text`` is the work tree's label and no revision has that name (a branch called ``worktree``
    stays the branch)."""
    return text in WORK_TREE_NAMES and not repository.is_revision(text)


def _range(text: str) -> tuple[list[str], bool]:
    """``A..B`` or ``A...B`` as its two revisions, an empty side meaning HEAD as in git, and whether it
    has three dots (compare from where B branched from A)."""
    symmetric = "..." in text
    left, _, right = text.partition("..." if symmetric else "..")
    return [left or "HEAD", right or "HEAD"], symmetric


def _range_revisions(repository: Repository, text: str, locale: str | None) -> list[str]:
    """The two revisions a range compares: ``A..B`` A and B; ``A...B``, as in git, the merge base of A
    and B and B, warning as git does when criss-cross merges left several bases and one is taken."""
    (left, right), symmetric = _range(text)
    if not symmetric:
        return [left, right]
    base = repository.merge_base(left, right)
    if base.count > 1:
        warning = Message(
            f"peringatan: {text}: ada {base.count} merge base; yang dipakai {base.commit}.",
            f"warning: {text}: {base.count} merge bases; using {base.commit}.",
        )
        click.echo(f"kompiler diff: {escaped(chosen_text(warning, locale))}", err=True)
    return [base.commit, right]


def _warn_broken(comparison: Comparison, locale: str) -> bool:
    """A side with load or schema errors loses the broken entities; say so, since they look removed, and
    name the first errors, located, so the reader knows which files. True when any side has an error."""
    broken = False
    for label, result in zip(comparison.labels(locale), (comparison.before, comparison.after), strict=True):
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        if not errors:
            continue
        broken = True
        warning = Message(
            f"peringatan: {label} memuat {len(errors)} galat; entitas pada berkas yang rusak tidak ikut "
            "dibandingkan dan dapat tampak terhapus. Jalankan kompiler check.",
            f"warning: {label} has {len(errors)} error(s); entities in broken files are left out of the "
            "comparison and may look removed. Run kompiler check.",
        )
        click.echo(escaped(warning.text(locale)), err=True)
        for error in errors[:SHOWN_ERRORS]:
            click.echo(
                f"  {_place(error.location)}: {error.code}: {escaped(error.message.text(locale))}", err=True
            )
        if len(errors) > SHOWN_ERRORS:
            more = Message(
                f"  … dan {len(errors) - SHOWN_ERRORS} lagi", f"  … and {len(errors) - SHOWN_ERRORS} more"
            )
            click.echo(more.text(locale), err=True)
    return broken


def _place(location: Location) -> str:
    """``file:line:column`` of an error, the file name escaped."""
    place = escaped(location.file)
    return f"{place}:{location.span.line}:{location.span.column}" if location.span else place
