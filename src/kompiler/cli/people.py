"""``kompiler people``: assessment results against the standards, written to a private folder.

``check`` validates an assessment file; ``gaps``, ``plan`` and ``moves`` are the drafter's three steps,
each writing its documents and CSV tables; ``pool`` ranks the people for one position; ``summary`` writes
the agency's suppressed aggregates. Each command compiles the standards, reads the file (problems are
printed as ``kompiler check`` prints them, never quoting the file's lines: they are personal data),
and only when both are free of errors writes into the private folder, all or nothing. A file Git tracks,
or would add, is read with a warning (KMP220, :mod:`kompiler.people.tracking`). Exit codes: 0 done, 1
errors in the standards or the file, 2 a refused folder or a wrong option, said in the language chosen
(``--locale``, ``KOMPILER_LOCALE``), or in both when none is.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NoReturn

import click

from kompiler.build.output import shown_path
from kompiler.build.people import FORMATS, Prepared, Refused, Written, prepare_compiled
from kompiler.build.private import PrivateWriter, default_folder
from kompiler.cli.common import (
    LOCALES,
    executor_checked,
    groups_locale,
    jobs_option,
    locale_option,
    project_path,
    resolve_locale,
)
from kompiler.cli.output import said, terminable, writing
from kompiler.cli.usage import BadValue, PathType
from kompiler.diagnostics import Diagnostic, Message, Severity, count_by_severity, grouped
from kompiler.people.aggregate import DEFAULT_MINIMUM_GROUP
from kompiler.pipeline import compile_path
from kompiler.render.environment import TemplateProblem
from kompiler.report import ReportInput
from kompiler.report import text as text_report

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def _format_option(supported: tuple[str, ...]) -> Decorator:
    """``--format``: a comma-separated list of what the command writes (``supported``), and only that, in
    its help as in what it accepts."""

    def formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
        chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
        wrong = [f for f in chosen if f not in supported]
        if wrong or not chosen:
            given, listed = ", ".join(wrong) or repr(value), ", ".join(supported)
            raise BadValue(
                f"nilai tidak sah untuk '--format': {given}; pilihan: {listed}.",
                f"{given}; choose from {listed}.",
                ctx,
                param,
            )
        return chosen

    listed = ", ".join(supported)
    return click.option(
        "--format",
        "formats_",
        default="md,csv",
        show_default=True,
        callback=formats,
        help=f"Daftar format, dipisah koma: {listed}. / Comma-separated formats: {listed}.",
    )


def _year_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--tahun``, for the commands whose output has a plan year (``plan``, ``summary``)."""
    return click.option(
        "--tahun",
        "year",
        type=click.IntRange(1950, 2200),
        default=None,
        help="Tahun rencana (bawaan: tahun asesmen + 1). / The plan's year.",
    )(function)


def _common(function: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command shares: project, private folder, language, personal data, purpose."""
    for option in reversed(
        (
            click.option(
                "-p",
                "--project",
                type=PathType(exists=True, file_okay=False, path_type=Path),
                default=None,
                help="Proyek standar (bawaan: proyek di folder ini atau di atasnya, seperti check). "
                "/ The standards project (default: the project in this folder or above it, as for check).",
            ),
            click.option(
                "--izinkan-data-pribadi",
                "allow_personal",
                is_flag=True,
                help="Terima nama atau NIP di berkas asesmen (UU 27/2022: hanya bila perlu). "
                "/ Accept names or NIPs in the assessment file.",
            ),
            click.option(
                "--tujuan",
                "purpose",
                default=None,
                help="Tujuan asesmen untuk semua pegawai, menggantikan kolom tujuan (pengisian, pemetaan …). "
                "/ The purpose for everyone, instead of the file's tujuan column.",
            ),
            click.option(
                "--locale",
                "locale",
                type=click.Choice(LOCALES),
                default=groups_locale,
                help="Bahasa dokumen dan pesan: id (bawaan) atau en. / Language of documents and messages.",
            ),
            # The name these commands had before they took every other command's --locale; kept,
            # hidden, so that scripts written for it still run.
            click.option("--lang", "lang", type=click.Choice(LOCALES), default=None, hidden=True),
            click.option(
                "--lembar",
                "sheet",
                default=None,
                help="Lembar kerja XLSX yang dibaca (bawaan: yang pertama). / The XLSX worksheet to read.",
            ),
            click.option("-q", "--quiet", is_flag=True, help="Hanya tampilkan galat. / Errors only."),
        )
    ):
        function = option(function)
    return click.argument("file", type=PathType(exists=True, dir_okay=False, path_type=Path))(function)


def _writing(supported: tuple[str, ...]) -> Decorator:
    """The options of the commands that write: the private folder, the formats among ``supported``,
    where to compute."""

    def options(function: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(
            (
                click.option(
                    "-o",
                    "--output",
                    type=PathType(file_okay=False, path_type=Path),
                    default=None,
                    help="Folder pribadi (bawaan: asesmen/hasil/ di proyek). / Private folder.",
                ),
                _format_option(supported),
                click.option(
                    "--executor",
                    default="serial",
                    show_default=True,
                    help="Tempat perhitungan berjalan: serial, process, atau dask://HOST:PORT (seperti "
                    "check). / Where the people are computed: serial, process or dask://HOST:PORT (as for "
                    "check).",
                ),
                jobs_option,
            )
        ):
            function = option(function)
        return function

    return options


@click.group("people")
@locale_option
def command(locale: str | None) -> None:
    """Hasil asesmen pegawai terhadap standar: kesenjangan, rencana pengembangan, mutasi, agregat.
    / Employees' assessments against the standards: gaps, development plans, moves, aggregates."""


@dataclass(frozen=True)
class _Request:
    """The options every command shares (:func:`_common`, :func:`_writing`), as one value."""

    file: Path
    project: Path | None
    allow_personal: bool
    purpose: str | None
    locale: str | None
    sheet: str | None
    quiet: bool
    lang: str | None = None
    output: Path | None = None
    formats_: tuple[str, ...] = ()
    year: int | None = None
    executor: str = "serial"
    jobs: int | None = None

    @property
    def chosen(self) -> str | None:
        """The language ``--locale`` (or the older ``--lang``) chose, if any."""
        return self.locale or self.lang

    def prepared(self, *, needs_policy: bool = True, validate_only: bool = False) -> Prepared:
        return _prepared(
            self.file,
            self.project,
            self.allow_personal,
            self.purpose,
            self.chosen,
            self.quiet,
            needs_policy=needs_policy,
            sheet=self.sheet,
            validate_only=validate_only,
        )


def _write(
    request: _Request, action: Callable[[Prepared, PrivateWriter], Written], position: str = ""
) -> None:
    """Prepare, then run ``action`` into the private folder and say what was written."""
    with executor_checked(request.executor):
        prepared = replace(request.prepared(), executor=request.executor, jobs=request.jobs)
        if position:
            _known_position(position, prepared, request.chosen)
        with _private(request.output, prepared, request.chosen) as writer:
            written = action(prepared, writer)
    folder = request.output or default_folder(prepared.root)
    _done(prepared, written.summary(prepared.locale), folder, request.quiet)


@command.command("check")
@_common
def check(**options: Any) -> None:
    """Periksa berkas asesmen saja. / Only check an assessment file."""
    request = _Request(**options)
    prepared = request.prepared(needs_policy=False, validate_only=True)
    if not request.quiet:
        click.echo(prepared.described())
    sys.exit(0)


def _step(name: str, help_text: str, *, dated: bool) -> None:
    """A command of the drafter's three steps; ``dated`` when its output has a plan year (``--tahun``)."""

    def run(**options: Any) -> None:
        request = _Request(**options)
        _write(
            request,
            lambda prepared, writer: prepared.write_step(name, writer, request.formats_, request.year),
        )

    run = _writing(FORMATS)(run)
    command.command(name, help=help_text)(_common(_year_option(run) if dated else run))


_step("gaps", "Profil kesenjangan dan kecocokan tiap pegawai. / Each employee's gaps and match.", dated=False)
_step(
    "plan",
    "Rencana pengembangan kompetensi (20 JP, 10:20:70). / Development plans (20 JP, 10:20:70).",
    dated=True,
)
_step("moves", "Sepuluh jabatan teratas tiap pegawai. / Each employee's top moves.", dated=False)


@command.command("pool")
@click.argument("position", metavar="POSITION")
@_common
@_writing(("md", "csv"))
def pool(position: str, **options: Any) -> None:
    """Kelompok talenta satu jabatan: pegawai menurut kesiapan (md, csv). / A position's talent pool by
    readiness (md, csv)."""
    request = _Request(**options)
    _write(
        request, lambda prepared, writer: prepared.write_pool(position, writer, request.formats_), position
    )


def minimum_group_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--minimal-kelompok``: the smallest group an aggregate shows (``summary``, ``build --asesmen``)."""
    return click.option(
        "--minimal-kelompok",
        "minimum_group",
        type=click.IntRange(min=2),
        default=DEFAULT_MINIMUM_GROUP,
        show_default=True,
        help="Kelompok lebih kecil dari ini disembunyikan. / Groups smaller than this are suppressed.",
    )(function)


@command.command("summary")
@_common
@_writing(("md", "pdf", "csv"))
@_year_option
@minimum_group_option
def summary(minimum_group: int, **options: Any) -> None:
    """Peta kesenjangan kompetensi × unit dan porsi 20 JP, teragregasi (HTML selalu; md, pdf, csv).
    / The agency's aggregates (HTML always; md, pdf, csv)."""
    request = _Request(**options)
    _write(
        request,
        lambda prepared, writer: prepared.write_summary(
            writer, request.formats_, minimum_group, request.year
        ),
    )


def _prepared(
    file: Path,
    project: Path | None,
    allow_personal: bool,
    purpose: str | None,
    locale: str | None,
    quiet: bool,
    *,
    needs_policy: bool = True,
    sheet: str | None = None,
    validate_only: bool = False,
) -> Prepared:
    """The compiled standards and the read assessment; their problems printed, exit 1 on an error.
    ``validate_only`` (``people check``, which never writes) ends them with what was found in the file,
    not with a count of files and "nothing written"."""
    from kompiler.cli import EXIT_PROBLEMS, EXIT_USAGE

    result = compile_path(project_path(project))
    try:
        prepared = prepare_compiled(
            result,
            file,
            allow_personal=allow_personal,
            purpose=purpose,
            locale=resolve_locale(locale, result),
            needs_policy=needs_policy,
            sheet=sheet,
        )
    except Refused as refusal:
        _refused(refusal, locale)
        sys.exit(EXIT_USAGE)
    floor = Severity.ERROR if quiet else Severity.WARNING
    shown = [d for d in prepared.diagnostics if d.severity >= floor]
    if shown:
        _report(prepared, shown, None if validate_only else prepared.files_read(), floor)
    if prepared.config_broken:
        sys.exit(EXIT_USAGE)
    if any(d.severity is Severity.ERROR for d in prepared.diagnostics):
        if validate_only:
            click.echo(_found(prepared))
            sys.exit(EXIT_PROBLEMS)
        click.echo(
            "Tidak ada keluaran: ada galat."
            if prepared.locale == "id"
            else "No output written: errors found.",
            err=True,
        )
        sys.exit(EXIT_PROBLEMS)
    return prepared


def _report(
    prepared: Prepared,
    diagnostics: list[Diagnostic],
    where: Message | None,
    floor: Severity = Severity.WARNING,
) -> None:
    """Print ``diagnostics`` (those at ``floor`` and above) and a count line that says how many problems
    there are in all and which files they were found in (``where``); without ``where`` no count line
    (``people check`` ends with its own, :func:`_found`)."""
    report = ReportInput(
        diagnostics=diagnostics,
        locale=prepared.locale,
        files_checked=len(prepared.result.files),
        source_line=prepared.source_line,
        color=sys.stdout.isatty() and "NO_COLOR" not in os.environ,
    )
    shown = text_report.render(report, with_summary=False)
    if where is not None:
        shown += text_report.summary(report, where, prepared.problem_counts(diagnostics, floor)) + "\n"
    click.echo(shown, nl=False)


def _found(prepared: Prepared) -> str:
    """What ``people check`` found: the assessment file's problems, the rows they are on and the people
    read without error; or, when the standards have errors (the file is then not read), theirs."""
    name = prepared.assessments.name
    in_file = [d for d in prepared.diagnostics if d.location.file == name]
    elsewhere = [d for d in prepared.diagnostics if d.location.file != name]
    if any(d.severity is Severity.ERROR for d in elsewhere):
        counts, files = count_by_severity(elsewhere), len(prepared.result.files)
        errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
        return Message(
            f"Standar memuat {errors} galat, {warnings} peringatan dalam {files} berkas; {name} belum diperiksa.",
            f"The standards hold {errors} error(s), {warnings} warning(s) in {files} file(s); {name} was not "
            "checked.",
        ).text(prepared.locale)
    counts = prepared.problem_counts(in_file, Severity.WARNING)
    errors, warnings = grouped(counts[Severity.ERROR]), grouped(counts[Severity.WARNING])
    rows = grouped(len({d.location.span.line for d in in_file if d.location.span is not None}))
    # The rows of the problems KMP216 counts are not kept: those shown are on this many rows, at least.
    least = ("sedikitnya ", "at least ") if prepared.assessments.hidden else ("", "")
    people = grouped(prepared.assessments.people)
    return Message(
        f"{name}: {errors.id} galat, {warnings.id} peringatan pada {least[0]}{rows.id} baris; {people.id} pegawai "
        "terbaca tanpa galat.",
        f"{name}: {errors.en} error(s), {warnings.en} warning(s) on {least[1]}{rows.en} row(s); {people.en} "
        "employee(s) read without errors.",
    ).text(prepared.locale)


def _known_position(position: str, prepared: Prepared, chosen: str | None) -> None:
    if position not in prepared.corpus.positions:
        code = shown_path(position)
        missing = Message(f"jabatan '{code}' tidak ada.", f"No position with code '{code}'.")
        click.echo(f"kompiler: {said(missing, chosen)}", err=True)
        _usage()


@contextmanager
def _private(output: Path | None, prepared: Prepared, chosen: str | None) -> Iterator[PrivateWriter]:
    """The private folder for the ``with`` block, committed when it ends normally; refused (exit 2) as
    :mod:`kompiler.build.private` says, in the ``chosen`` language or both; whatever ends the block
    early leaves the previous output."""
    target = output or default_folder(prepared.root)
    default_in = prepared.root if output is None else None  # no link followed in a folder kompiler chose
    with (
        terminable(),
        writing(target, [prepared.root], PrivateWriter, locale=chosen, default_in=default_in) as writer,
    ):
        try:
            yield writer
        except TemplateProblem as problem:
            _report(prepared, [problem.diagnostic], prepared.files_read())
            _usage()
        except Refused as refusal:  # a policy section missing; the file changed since it was checked
            _refused(refusal, chosen)
            _usage()
        writer.commit()


def _usage() -> NoReturn:
    from kompiler.cli import EXIT_USAGE

    sys.exit(EXIT_USAGE)


def _done(prepared: Prepared, what: str, folder: Path, quiet: bool) -> None:
    if quiet:
        return
    if prepared.locale == "id":
        click.echo(f"{what} ditulis ke {shown_path(folder)}/ (RAHASIA — data pribadi).")
    else:
        click.echo(f"{what} written to {shown_path(folder)}/ (CONFIDENTIAL — personal data).")


def _refused(refusal: Refused, chosen: str | None) -> None:
    """Why the command cannot run, in the ``chosen`` language (``--locale``, ``KOMPILER_LOCALE``), or in
    both when none is, as every refusal of the command line."""
    click.echo(f"kompiler: {said(refusal.message, chosen)}", err=True)
