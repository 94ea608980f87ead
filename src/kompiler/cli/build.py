"""``kompiler build``: check the standards, then write everything the build produces to the output folder."""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import NoReturn

import click

from kompiler.build.orchestrate import (
    APPENDIX_LIMIT,
    BuildOptions,
    build_moment,
    build_outputs,
    compile_for_build,
    wants_appendix,
)
from kompiler.build.output import shown_path
from kompiler.build.people import Prepared, Refused, prepare_compiled
from kompiler.check.result import CompileResult
from kompiler.cli.common import (
    default_output,
    emit_report,
    executor_checked,
    exit_code,
    pipeline_options,
    project_argument,
    project_path,
    report_options,
    resolve_locale,
    select,
    waived,
)
from kompiler.cli.dates import AS_OF_DATE
from kompiler.cli.output import said, terminable, writing
from kompiler.cli.people import minimum_group_option
from kompiler.cli.progress import Bar, wanted
from kompiler.cli.usage import PathType
from kompiler.diagnostics import Diagnostic, Message, Severity
from kompiler.model.entities import Position
from kompiler.model.time import in_force
from kompiler.project import find_root, repository_names
from kompiler.render.environment import TemplateProblem
from kompiler.render.people.summary import page_context
from kompiler.report import ReportInput, formats
from kompiler.report import text as text_report
from kompiler.rules.suppress import Suppressed
from kompiler.runtime.forked import StageFailed

# The appendix limit as Indonesian writes a number ("1.000"; English writes "1,000").
_LIMIT_ID = f"{APPENDIX_LIMIT:,}".replace(",", ".")


@click.command("build")
@project_argument
@click.option(
    "-o",
    "--output",
    type=PathType(path_type=Path, file_okay=False),
    default=None,
    help="Folder keluaran (bawaan: output/ di folder ini; tanpa PATH, di folder akar repositori, yang memuat "
    "standards/). / Output folder (default: output/ here; without PATH, in the repository's root folder, "
    "the one holding standards/).",
)
@click.option(
    "--as-of",
    "as_of",
    type=AS_OF_DATE,
    default=None,
    help="Susun standar yang berlaku pada tanggal ini (TTTT-BB-HH). / Build the standards in force on this date.",
)
@click.option(
    "--only",
    "only",
    metavar="CODE",
    default=None,
    help="Hanya SKJ satu jabatan (PDF, .docx, Markdown, HTML); seperti setiap build, isi folder keluaran "
    "sebelumnya (situs, lampiran) diganti, agar tidak ada keluaran lama yang tak lagi sesuai standar. "
    "/ Only one position's SKJ (PDF, .docx, Markdown, HTML); like every build, it replaces what the output folder held (site, appendix), "
    "so that no older output is left that no longer matches the standards.",
)
@click.option(
    "--lampiran/--tanpa-lampiran",
    "appendix",
    default=None,
    help=(
        "Tulis juga lampiran sebagai satu dokumen (PDF, .docx, Markdown, HTML); bawaan: ya sampai "
        f"{_LIMIT_ID} jabatan. / Also write the appendix as one document (PDF, .docx, Markdown, "
        f"HTML); default: yes up to {APPENDIX_LIMIT:,} positions."
    ),
)
@click.option(
    "--asesmen",
    "assessment",
    type=PathType(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Tambahkan ke situs agregat berkas asesmen ini (hanya kelompok >= --minimal-kelompok). "
    "/ Add this assessment file's suppressed aggregates to the site.",
)
@minimum_group_option
@report_options
@pipeline_options
@terminable()
def command(
    path: Path | None,
    output: Path | None,
    as_of: str | None,
    only: str | None,
    appendix: bool | None,
    assessment: Path | None,
    minimum_group: int,
    output_format: str,
    locale: str | None,
    quiet: bool,
    verbose: bool,
    no_cache: bool,
    executor: str,
    jobs: int | None,
) -> None:
    """Periksa lalu susun standar di PATH ke folder keluaran. / Check, then build the standards."""
    from kompiler.cli import EXIT_PROBLEMS, EXIT_USAGE

    project = project_path(path)
    default_in = None  # without -o the output folder is kompiler's choice: a link there is refused
    if output is None:
        output = default_output(path, project)
        default_in = output.parent
    # The output folder is checked and locked first: a folder that is not kompiler's to replace (people's
    # private results among them), or that another build is writing, is refused before minutes of compiling.
    with writing(output, [find_root(project)], locale=locale, default_in=default_in) as writer:
        try:
            with executor_checked(executor):
                result = compile_for_build(project, cache=not no_cache, executor=executor, jobs=jobs)
        except StageFailed as failure:
            _stopped(failure)
        locale = resolve_locale(locale, result)
        shown = select(result.diagnostics, quiet=quiet, verbose=verbose, only_files=None)
        code = exit_code(result, select(result.diagnostics, quiet=True, verbose=False, only_files=None))
        # The assessment file is checked only against standards without errors, which alone say what its
        # codes mean; its problems join the standards' in one report, so a machine format stays one document.
        prepared = _assessment(result, assessment, locale) if assessment is not None and not code else None
        own = prepared.diagnostics[len(result.diagnostics) :] if prepared is not None else []
        shown_own = select(own, quiet=quiet, verbose=verbose, only_files=None)
        if any(d.severity is Severity.ERROR for d in own):
            code = EXIT_PROBLEMS
        silenced = waived(result, quiet=quiet, verbose=verbose, only_files=None)

        def report(extra: Sequence[Diagnostic] = ()) -> None:
            """The report of what was found, and ``extra`` (a template's problem), in ``output_format``."""
            if prepared is None:
                emit_report(result, [*shown, *extra], output_format, locale, verbose, silenced)
            else:
                _emit_with_assessment(
                    prepared, [*shown, *shown_own, *extra], output_format, verbose, silenced, quiet
                )

        # Text shows what was found at once, before the build; a machine format prints one document, empty
        # when nothing was found, once: when the build has ended or stopped (a template's problem among what
        # was found), so that standard output parses.
        machine = output_format != "text"
        if code or (not machine and (shown or shown_own)):
            report()
        if code:
            click.echo(
                "Keluaran tidak dibuat karena ada galat."
                if locale == "id"
                else "No output written: errors found.",
                err=True,
            )
            sys.exit(code)
        result.release_sources()
        whole = result.corpus
        if as_of is not None:
            result.corpus = in_force(result.corpus, as_of)

        if only is not None and only not in result.corpus.positions:
            message = _not_built(only, whole.positions.get(only), as_of, sorted(result.corpus.positions))
            click.echo(f"kompiler: {said(message, locale)}", err=True)
            sys.exit(EXIT_USAGE)
        agency = _aggregates(prepared, minimum_group) if prepared is not None else None
        options = BuildOptions(
            locale=locale,
            only=only,
            appendix=appendix,
            built=build_moment(),
            project_templates=result.root / "templates" if result.root else None,
            agency=agency,
        )
        if not quiet and appendix is None and not wants_appendix(options, len(result.corpus.positions)):
            click.echo(
                f"Lampiran sebagai satu dokumen (PDF, .docx, lampiran.md/.html) tidak ditulis untuk lebih "
                f"dari {_LIMIT_ID} jabatan; pakai --lampiran untuk menulisnya. / The appendix as one "
                f"document is not written above {APPENDIX_LIMIT:,} positions; use --lampiran to write it.",
                err=True,
            )
        try:
            with Bar() if wanted(quiet) else nullcontext() as bar:
                build_outputs(result, writer, options, bar)
        except TemplateProblem as problem:
            if machine:
                report([problem.diagnostic])
            else:
                emit_report(result, [problem.diagnostic], output_format, locale, verbose)
            sys.exit(EXIT_USAGE)
        except StageFailed as failure:
            if machine:
                report()
            _stopped(failure)
        writer.commit()
    if machine:
        report()
    if not quiet:
        message = "berkas ditulis ke" if locale == "id" else "file(s) written to"
        # On standard error beside a machine format, as merge's messages are: standard output is the report.
        click.echo(f"{len(writer.written)} {message} {shown_path(output)}/", err=machine)


def _assessment(result: CompileResult, file: Path, locale: str) -> Prepared:
    """``file`` checked against the compiled standards for ``--asesmen``; a project without a match
    policy is a usage error (exit 2), said on stderr."""
    from kompiler.cli import EXIT_USAGE

    try:
        return prepare_compiled(result, file, allow_personal=False, purpose=None, locale=locale)
    except Refused as refusal:
        click.echo(f"kompiler: {refusal.message.text(locale)}", err=True)
        sys.exit(EXIT_USAGE)


def _emit_with_assessment(
    prepared: Prepared,
    diagnostics: list[Diagnostic],
    output_format: str,
    verbose: bool,
    suppressed: Sequence[Suppressed],
    quiet: bool,
) -> None:
    """The standards' and the assessment file's problems as one report in ``output_format``. No line of
    the assessment file is ever quoted (:meth:`Prepared.source_line`): its lines are personal data. The
    text format's count names both kinds of file and, as ``people``'s does, counts the problems the
    assessment file's KMP216 stands for (errors only with ``quiet``)."""
    locale = prepared.locale
    standards = len(prepared.result.files)
    report = ReportInput(
        diagnostics=diagnostics,
        locale=locale,
        files_checked=standards + 1,
        source_line=prepared.source_line,
        color=output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ,
        verbose=verbose,
        suppressed=suppressed,
        repository_name=repository_names(prepared.result.root),
    )
    if output_format != "text":
        click.echo(formats()[output_format](report), nl=False)
        return
    counts = prepared.problem_counts(diagnostics, Severity.ERROR if quiet else Severity.WARNING)
    click.echo(
        text_report.render(report, with_summary=False)
        + text_report.summary(report, prepared.files_read(), counts)
        + "\n",
        nl=False,
    )


def _aggregates(prepared: Prepared, minimum: int) -> dict[str, object]:
    """The site page's context: the checked file's suppressed aggregates (exit 1 when the file changed
    meanwhile and now holds errors)."""
    from kompiler.cli import EXIT_PROBLEMS

    try:
        view = prepared.agency(minimum, None)
    except Refused as refusal:
        click.echo(f"kompiler: {refusal.message.text(prepared.locale)}", err=True)
        sys.exit(EXIT_PROBLEMS)
    return page_context(view, prepared.locale)


def _not_built(only: str, position: Position | None, as_of: str | None, codes: list[str]) -> Message:
    """Why ``--only`` names no position to build: the position (``None``: there is none by that code) is
    not in force on ``as_of``, or the code is unknown, with the codes it may have meant (``codes``,
    compared without case, as a code typed in lower case is still the same code)."""
    shown = shown_path(only)
    if position is not None and as_of is not None:
        if position.valid_from is not None and as_of < position.valid_from:
            return Message(
                f"jabatan '{shown}' belum berlaku pada {as_of}; berlaku mulai {position.valid_from}.",
                f"Position '{shown}' is not in force on {as_of}; it is in force from {position.valid_from}.",
            )
        return Message(
            f"jabatan '{shown}' tidak berlaku lagi pada {as_of}; berlaku sampai {position.valid_until}.",
            f"Position '{shown}' is no longer in force on {as_of}; it was in force until {position.valid_until}.",
        )
    lowered = {code.lower(): code for code in codes}
    close = [lowered[code] for code in difflib.get_close_matches(only.lower(), sorted(lowered), n=3)]
    listed = ", ".join(close)
    return Message(
        f"jabatan '{shown}' tidak ada{f'; maksud Anda: {listed}?' if close else '.'}",
        f"No position with code '{shown}'{f'; did you mean: {listed}?' if close else '.'}",
    )


def _stopped(failure: StageFailed) -> NoReturn:
    """A process of the build ended without a result: most often the system stopped it for memory."""
    from kompiler.cli import EXIT_INTERNAL

    click.echo(
        f"kompiler: satu proses build berhenti tanpa hasil ({failure}); biasanya sistem menghentikannya "
        "karena kehabisan memori. Keluaran sebelumnya tidak diubah. / A build process ended without a "
        f"result ({failure}); usually the system stopped it for lack of memory. The previous output is "
        "unchanged.",
        err=True,
    )
    sys.exit(EXIT_INTERNAL)
