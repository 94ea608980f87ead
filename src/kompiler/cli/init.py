"""``kompiler init [DIR]``: scaffold a new standards repository (standards, schemas, editor, hooks, CI)."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import sysconfig
from contextlib import suppress
from pathlib import Path, PurePosixPath

import click

from kompiler.authoring.scaffold import NotAFolder, NotEmpty, scaffold
from kompiler.build.output import OutputRefused, shown_path
from kompiler.cli.common import locale_option, resolve_locale
from kompiler.cli.output import terminable
from kompiler.cli.usage import PathType
from kompiler.diagnostics import Message


@click.command("init")
@click.argument("directory", metavar="[DIR]", default=".", type=PathType(path_type=Path, file_okay=False))
@locale_option
def command(directory: Path, locale: str | None) -> None:
    """Buat repositori standar baru di FOLDER (bawaan: folder ini). / Create a new standards repository in
    DIR (default: this folder)."""
    from kompiler.cli import EXIT_OK, EXIT_USAGE
    from kompiler.project import git_top

    locale = resolve_locale(locale)
    shown = shown_path(directory)  # a newline in the name must not break or forge a line of a message
    before = _state(directory)
    try:
        with terminable():
            done = scaffold(directory)
    except NotEmpty as refused:
        names = ", ".join(map(shown_path, refused.names[:5])) + (", …" if len(refused.names) > 5 else "")
        click.echo(
            Message(
                f"kompiler init: {shown} sudah berisi berkas ({names}); pilih folder kosong, folder "
                "baru, atau clone repositori git yang baru dibuat.",
                f"kompiler init: {shown} already holds files ({names}); choose an empty or new "
                "folder, or the clone of a newly created git repository.",
            ).text(locale),
            err=True,
        )
        sys.exit(EXIT_USAGE)
    except NotAFolder:
        click.echo(
            Message(
                f"kompiler init: {shown} ada tetapi bukan folder (misalnya pipa bernama atau tautan ke "
                "tempat yang tidak ada); pilih folder kosong atau folder baru.",
                f"kompiler init: {shown} exists but is not a folder (a named pipe or a link to nothing, for "
                "one); choose an empty or new folder.",
            ).text(locale),
            err=True,
        )
        sys.exit(EXIT_USAGE)
    except OutputRefused as refused:
        click.echo(f"kompiler init: {refused.message.text(locale)}", err=True)
        sys.exit(EXIT_USAGE)
    except OSError as error:
        if before is not None:
            _undo(directory, before)
        cause = error.strerror or str(error)
        where = shown_path(os.fsdecode(error.filename)) if error.filename is not None else shown
        click.echo(
            Message(
                f"kompiler init: {shown} tidak dapat ditulis ({where}: {cause}); tidak ada yang disimpan.",
                f"kompiler init: {shown} cannot be written ({where}: {cause}); nothing was kept.",
            ).text(locale),
            err=True,
        )
        sys.exit(EXIT_USAGE)
    except BaseException:
        # Ctrl+C or SIGTERM midway: half a scaffold would be refused by the next init as "not empty".
        if before is not None:
            _undo(directory, before)
        raise
    for relative in sorted([*done.created, *done.appended]):
        if relative in done.appended:
            click.echo(
                Message(f"  {relative} (baris ditambahkan)", f"  {relative} (lines added)").text(locale)
            )
        else:
            click.echo(f"  {relative}")
    for relative in done.kept:
        name = PurePosixPath(relative).stem
        click.echo(
            Message(
                f"  {relative} sudah ada dan dibiarkan; kompiler tidak menulis {name}-nya.",
                f"  {relative} exists and was kept; kompiler did not write its {name}.",
            ).text(locale)
        )
    top = git_top(directory)
    nested = top is not None and top != directory.resolve()
    steps = _next_steps(directory, len(done.created), has_git=top is not None, hooks=not nested)
    click.echo(steps.text(locale))
    if top is not None and nested:
        click.echo(_nested_warning(directory, top).text(locale), err=True)
    sys.exit(EXIT_OK)


def _next_steps(directory: Path, count: int, *, has_git: bool, hooks: bool = True) -> Message:
    """What to run next, every command of which works on this machine as it is.

    ``pre-commit`` is a separate program that installing kompiler does not bring: when it is not on the
    PATH, the hook step says how to get it (:func:`_hook_step`) rather than naming a command that would
    fail. Without ``hooks`` (the scaffold is not at its repository's top, see :func:`_nested_warning`)
    there is no hook step: a hook installed from there checks nothing.
    """
    hook_step = _hook_step()
    git = "" if has_git else "git init && "
    if _is_here(directory):
        place, steps = Message("folder ini", "this folder"), f"{git}kompiler check"
    else:
        place = Message(shown_path(directory), shown_path(directory))
        steps = f"cd {shlex.quote(shown_path(directory))} && {git}kompiler check"
    done = Message(
        f"{count} berkas dibuat di {place.id}. Langkah berikutnya: {steps}",
        f"{count} files created in {place.en}. Next: {steps}",
    )
    if not hooks:
        return done
    return Message(
        f"{done.id}\nPemeriksaan otomatis sebelum setiap commit: {hook_step.id}",
        f"{done.en}\nChecks before every commit: {hook_step.en}",
    )


def _hook_step() -> Message:
    """How to install the hooks: ``pre-commit install`` when pre-commit is on the PATH, otherwise the
    commands that get it into the Python environment kompiler runs in and install from there.

    A bare ``python -m pip install pre-commit`` fails where kompiler runs from a virtual environment that
    is not activated (the README's own install, pipx): Debian and Ubuntu have no ``python`` and refuse
    ``python3 -m pip`` outside an environment (PEP 668). kompiler's own interpreter is in a virtual
    environment that pip may write to, and ``python -m pre_commit`` runs from it without being on the
    PATH; where that interpreter is the system's and the system forbids it, pipx installs pre-commit.
    """
    if shutil.which("pre-commit"):
        return Message("pre-commit install", "pre-commit install")
    if _externally_managed():
        steps = "pipx install pre-commit && pre-commit install"
    else:
        python = shlex.quote(sys.executable or "python3")
        steps = f"{python} -m pip install pre-commit && {python} -m pre_commit install"
    return Message(f"{steps} (pre-commit belum terpasang)", f"{steps} (pre-commit is not installed yet)")


def _externally_managed() -> bool:
    """Whether kompiler runs on a system Python whose packages pip must not change (PEP 668)."""
    if sys.prefix != sys.base_prefix:
        return False
    return (Path(sysconfig.get_path("stdlib")) / "EXTERNALLY-MANAGED").is_file()


def _nested_warning(directory: Path, top: Path) -> Message:
    """Why the CI and pre-commit files of a scaffold inside a larger repository do nothing there:
    GitHub and GitLab read theirs only at the repository's top folder, and pre-commit runs its hooks
    from there, where ``standards/`` is not and no path matches ``^standards/``; a drafter would
    believe checked what never is."""
    inside = shown_path(directory.resolve().relative_to(top).as_posix())
    here = shlex.quote(shown_path(directory))
    folder, repository = shown_path(directory), shown_path(top)
    return Message(
        f"peringatan: {folder} berada di dalam repositori git {repository}. GitHub Actions dan GitLab CI hanya "
        "membaca .github/workflows/ dan .gitlab-ci.yml di folder teratas repositori, dan pre-commit "
        "menjalankan hook dari folder itu, tempat standards/ tidak ada; jadi CI dan hook di "
        f"{folder} tidak pernah memeriksa apa pun. Jadikan {folder} repositori sendiri (cd {here} && "
        f"git init), atau pindahkan .github/, .gitlab-ci.yml dan .pre-commit-config.yaml ke {repository} dan "
        f"ganti jalur standards di dalamnya dengan {inside}/standards.",
        f"warning: {folder} is inside the git repository {repository}. GitHub Actions and GitLab CI read "
        ".github/workflows/ and .gitlab-ci.yml only at the repository's top folder, and pre-commit runs "
        f"its hooks from that folder, where there is no standards/; so the CI and hooks in {folder} "
        f"never check anything. Make {folder} a repository of its own (cd {here} && git init), or move "
        f".github/, .gitlab-ci.yml and .pre-commit-config.yaml to {repository} and change the standards path in "
        f"them to {inside}/standards.",
    )


def _is_here(directory: Path) -> bool:
    """Whether ``directory`` is the working folder, where "cd DIR" would be a step that does nothing."""
    try:
        return directory.resolve() == Path.cwd().resolve()
    except OSError:
        return False


def _state(directory: Path) -> tuple[list[Path], frozenset[str]] | None:
    """The folders ``directory`` needs created (itself and the parents that are missing, innermost
    first; none when it exists), and the names it holds (a fresh clone's ``.git``, README …); ``None``
    when it cannot be looked into, and then a failed scaffold removes nothing."""
    try:
        if not os.path.lexists(directory):
            folder = directory.absolute()
            return [path for path in (folder, *folder.parents) if not os.path.lexists(path)], frozenset()
        with os.scandir(directory) as entries:
            return [], frozenset(entry.name for entry in entries)
    except OSError:
        return None


def _undo(directory: Path, before: tuple[list[Path], frozenset[str]]) -> None:
    """Remove what a failed scaffold wrote: every entry of ``directory`` it did not hold before (the
    scaffold accepts only a folder whose entries it never writes into, and changes an existing
    ``.gitignore`` only as its last step), and ``directory`` itself and the parents it created when they
    were new, so that a full disk leaves no empty folders behind."""
    created, names = before
    if not directory.is_dir() or directory.is_symlink():
        return
    with suppress(OSError):
        for child in directory.iterdir():
            if child.name in names:
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        for folder in created:
            folder.rmdir()
