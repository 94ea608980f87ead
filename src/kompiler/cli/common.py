"""Options and helpers shared by the subcommands: locale, output format, verbosity, reporting."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from kompiler.cli.usage import PathType
from kompiler.diagnostics import Diagnostic, Message, Severity

if TYPE_CHECKING:
    # Not imported when the CLI starts: the group's --locale comes from here, and these bring in the
    # model, the loader and the process pool (about 50 ms) for what only the commands' runs need.
    from kompiler.check.result import CompileResult
    from kompiler.rules.suppress import Suppressed

LOCALES = ("id", "en")


def locale_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--locale``, on a command or a group; a command without its own takes its group's
    (``kompiler --locale en check``), as help and usage errors already speak it wherever it is written."""
    return click.option(
        "--locale",
        type=click.Choice(LOCALES),
        default=groups_locale,
        help="Bahasa pesan: id (bawaan) atau en. / Message language.",
    )(function)


def groups_locale() -> str | None:
    """The ``--locale`` given to the nearest group above the command being parsed, if any."""
    context = click.get_current_context(silent=True)
    parent = context.parent if context is not None else None
    while parent is not None:
        if parent.params.get("locale"):
            return parent.params["locale"]
        parent = parent.parent
    return None


def project_argument(function: Callable[..., Any]) -> Callable[..., Any]:
    """The optional PATH of the commands that work on a project; without it, see :func:`project_path`."""
    return click.argument("path", type=PathType(exists=True, path_type=Path), default=None, required=False)(
        function
    )


def project_path(path: Path | None) -> Path:
    """PATH as given; without one, ``standards/`` here as always, else the project found from the working
    folder upward (:func:`kompiler.project.find_project`), so a command run in ``standards/jabatan/``
    works on its project as git does in a subfolder. Exit 2 with a sentence when there is none."""
    if path is not None:
        return path
    found = found_project()
    if found is None:
        _no_project()
    return found


def found_project() -> Path | None:
    """``standards/`` here, else the project found from the working folder upward, if any."""
    from kompiler.project import STANDARDS_FOLDER, find_project

    if Path(STANDARDS_FOLDER).exists():
        return Path(STANDARDS_FOLDER)
    return find_project(Path.cwd())


def _no_project() -> NoReturn:
    """Exit 2 saying there is no project, in the language the command (or its group) was given or
    KOMPILER_LOCALE chooses: no project means no ``bahasa`` to go by."""
    from kompiler.cli import EXIT_USAGE

    context = click.get_current_context(silent=True)
    explicit = (context.params.get("locale") if context is not None else None) or groups_locale()
    message = Message(
        "tidak ada proyek kompiler di folder ini atau di atasnya (dicari standards/kompiler.yaml atau "
        "kompiler.yaml). Pindah (cd) ke folder akar proyek, sebutkan PATH, atau buat proyek baru dengan "
        "kompiler init.",
        "No kompiler project in this folder or above it (looked for standards/kompiler.yaml or "
        "kompiler.yaml). cd to the project's root folder, give PATH, or create a project with kompiler init.",
    )
    click.echo(f"kompiler: {chosen_text(message, explicit)}", err=True)
    sys.exit(EXIT_USAGE)


def default_output(path: Path | None, project: Path) -> Path:
    """Where ``build`` writes without ``-o``: ``output/`` in the working folder when PATH is given or
    ``standards/`` is here, as the README's commands run from the repository's root; when the project
    was found upward, ``output/`` in that root (the folder holding ``standards/``), never in the
    subfolder the command was run from (inside ``jabatan/`` a build would be refused)."""
    from kompiler.project import STANDARDS_FOLDER

    if path is not None or project == Path(STANDARDS_FOLDER):
        return Path("output")
    root = project.parent if project.name == STANDARDS_FOLDER else project
    return Path(os.path.relpath(root / "output", Path.cwd().resolve()))


def report_options(function: Callable[..., Any]) -> Callable[..., Any]:
    function = click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json", "github", "sarif", "gitlab"]),
        default="text",
        show_default=True,
        help="Format laporan. / Report format.",
    )(function)
    function = click.option("-q", "--quiet", is_flag=True, help="Hanya tampilkan galat. / Errors only.")(
        function
    )
    function = click.option(
        "-v", "--verbose", is_flag=True, help="Tampilkan juga info. / Show info diagnostics too."
    )(function)
    return locale_option(function)


def cache_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--no-cache``: leave the project's ``.kompiler-cache/`` alone."""
    return click.option(
        "--no-cache",
        is_flag=True,
        help="Jangan pakai tembolok .kompiler-cache/. / Do not use the .kompiler-cache/ folder.",
    )(function)


def jobs_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``-j/--jobs``: how many local worker processes (default: the cores)."""
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Jumlah proses lokal (bawaan: jumlah inti). / Local worker processes (default: cores).",
    )(function)


def pipeline_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Where and how the per-file stage runs: cache, executor, number of local workers."""
    function = cache_option(function)
    function = click.option(
        "--executor",
        default="auto",
        show_default=True,
        help="Tempat pemuatan berkas berjalan: auto, serial, process, atau dask://HOST:PORT. "
        "/ Where files are loaded: auto, serial, process or dask://HOST:PORT.",
    )(function)
    return jobs_option(function)


@contextmanager
def executor_checked(executor: str) -> Iterator[None]:
    """Refuse a wrong ``--executor`` before any work, and report it, or a cluster that cannot be reached
    once the work has started, as a usage error (exit 2) rather than a failure of the standards."""
    from kompiler.check.parallel import ExecutorError, checked_spec
    from kompiler.cli import EXIT_USAGE

    try:
        checked_spec(executor)
        yield
    except ExecutorError as error:
        click.echo(f"kompiler: {error}", err=True)
        sys.exit(EXIT_USAGE)


def resolve_locale(
    explicit: str | None, result: CompileResult | None = None, *, root: Path | None = None
) -> str:
    """``--locale`` wins, then KOMPILER_LOCALE, then the project's ``bahasa`` (from the compiled
    ``result``, or read from the project at ``root`` by a command that compiles nothing), then
    Indonesian."""
    chosen = chosen_language(explicit)
    if chosen:
        return chosen
    if result is not None and result.corpus.project.get("bahasa") in LOCALES:
        return result.corpus.project["bahasa"]
    if root is not None:
        return project_language(root) or "id"
    return "id"


def project_language(root: Path) -> str | None:
    """The ``bahasa`` of the project at ``root``, for ``fmt`` and ``migrate``, which compile nothing yet
    speak to the same reader as ``check``: ``kompiler.yaml`` is read as the loader reads it (a regular
    file, not a link, bounded in size, strict YAML). ``None`` when it cannot be read or names no
    language: the command itself then reports what is wrong with the file."""
    from kompiler.check.load import load_bytes
    from kompiler.project import PROJECT_FILE
    from kompiler.reading import read_limited

    try:
        raw = read_limited(root / PROJECT_FILE, follow=False)
    except OSError:
        return None
    document = load_bytes(PROJECT_FILE, raw).document
    settings = document.data if document is not None else None
    language = settings.get("bahasa") if isinstance(settings, dict) else None
    return language if language in LOCALES else None


def chosen_text(message: Message, explicit: str | None, *, between: str = " / ") -> str:
    """``message`` for an error met before a project is read (so before its ``bahasa`` is known): in the
    language chosen by ``--locale`` (``explicit``) or KOMPILER_LOCALE, else in both, Indonesian first,
    ``between`` them, as the other command-line errors are."""
    chosen = chosen_language(explicit)
    return message.text(chosen) if chosen else f"{message.id}{between}{message.en}"


def chosen_language(explicit: str | None) -> str | None:
    """The language ``--locale`` (``explicit``) or else KOMPILER_LOCALE chooses, if any."""
    env = _language(os.environ.get("KOMPILER_LOCALE", ""))
    return explicit or (env if env in LOCALES else None)


def _language(value: str) -> str:
    """The language of a locale written as the system writes them: ``en_US.UTF-8``, ``EN``, ``id-ID``."""
    return re.split(r"[-_.@]", value.strip(), maxsplit=1)[0].lower()


def select(
    diagnostics: list[Diagnostic], *, quiet: bool, verbose: bool, only_files: frozenset[str] | None
) -> list[Diagnostic]:
    """Filter what is shown: ``--quiet`` keeps errors, info is shown only with ``--verbose``, and with
    ``only_files`` (see :func:`only_files_of`) only what is located in one of those files."""
    floor = Severity.ERROR if quiet else (Severity.INFO if verbose else Severity.WARNING)
    return [
        d
        for d in diagnostics
        if d.severity >= floor and (only_files is None or d.location.file in only_files)
    ]


def only_files_of(shown: str | None, result: CompileResult) -> frozenset[str] | None:
    """When the user checks a single file (``shown`` as diagnostics name it; ``None`` for a folder),
    what is shown: that file's diagnostics, and those about the project itself (no file, the project's
    folder, ``kompiler.yaml``). The latter decide whether the check can run at all (KMP015, a broken
    configuration, exit 2), so hiding them would leave an exit code without a reason."""
    from kompiler.project import PROJECT_FILE, display_path

    if shown is None:
        return None
    project = {""}
    if result.root is not None:
        root = result.root.resolve()
        project |= {display_path(root), display_path(root / PROJECT_FILE)}
    return frozenset({shown, *project})


def waived(
    result: CompileResult, *, quiet: bool, verbose: bool, only_files: frozenset[str] | None
) -> list[Suppressed]:
    """The findings waiver comments silenced, filtered as :func:`select` filters what is shown."""
    shown = {
        id(d)
        for d in select(
            [s.diagnostic for s in result.suppressed], quiet=quiet, verbose=verbose, only_files=only_files
        )
    }
    return [s for s in result.suppressed if id(s.diagnostic) in shown]


def emit_report(
    result: CompileResult,
    diagnostics: list[Diagnostic],
    output_format: str,
    locale: str,
    verbose: bool,
    suppressed: Sequence[Suppressed] = (),
) -> None:
    from kompiler.project import repository_names
    from kompiler.report import ReportInput, formats

    report = ReportInput(
        diagnostics=diagnostics,
        locale=locale,
        files_checked=len(result.files),
        source_line=result.source_line,
        color=output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ,
        verbose=verbose,
        suppressed=suppressed,
        repository_name=repository_names(result.root),
    )
    click.echo(formats()[output_format](report), nl=False)


def exit_code(result: CompileResult, diagnostics: list[Diagnostic]) -> int:
    from kompiler.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

    if result.config_broken:
        return EXIT_USAGE
    return EXIT_PROBLEMS if any(d.severity is Severity.ERROR for d in diagnostics) else EXIT_OK
