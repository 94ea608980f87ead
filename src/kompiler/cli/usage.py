"""A mistake on the command line (an unknown option or command, a value not among the choices, a missing
argument), told in Indonesian and in English.

click reports these in English only; every other message kompiler prints is Indonesian first, with
English. :func:`show` keeps click's usage line and English sentence and puts an Indonesian sentence
before it, chosen by the kind of mistake, so a new option or command is covered without a new text.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from typing import Any

import click

from kompiler.cli import helptext


class BadValue(click.BadParameter):
    """A value a command's own check refused, with the Indonesian sentence beside click's English one:
    the check knows what was wrong, which the kind of mistake alone does not say."""

    def __init__(
        self,
        indonesian: str,
        english: str,
        ctx: click.Context | None = None,
        param: click.Parameter | None = None,
    ) -> None:
        super().__init__(english, ctx, param)
        self.indonesian = indonesian


class RefusedPath(click.BadParameter):
    """A path :class:`PathType` refused, with why in Indonesian (``reason``) beside click's English."""

    def __init__(
        self, message: str, ctx: click.Context | None, param: click.Parameter | None, *, reason: str | None
    ) -> None:
        super().__init__(message, ctx, param)
        self.reason = reason


class PathType(click.Path):
    """click's ``Path``, whose refusal also says why in Indonesian (the English is click's): the check of
    the type that the value failed, found again from the type's settings and the value on disk."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as error:
            raise RefusedPath(error.message, ctx, param, reason=self._reason(value)) from None

    def _reason(self, value: Any) -> str | None:
        shown = repr(click.format_filename(value))
        try:
            mode = os.stat(value).st_mode
        except OSError:
            return f"{shown} tidak ada"
        if not self.file_okay and stat.S_ISREG(mode):
            return f"{shown} adalah berkas, bukan folder"
        if not self.dir_okay and stat.S_ISDIR(mode):
            return f"{shown} adalah folder, bukan berkas"
        for wanted, access, said in (
            (self.readable, os.R_OK, "dibaca"),
            (self.writable, os.W_OK, "ditulis"),
            (self.executable, os.X_OK, "dijalankan"),
        ):
            if wanted and not os.access(value, access):
                return f"{shown} tidak dapat {said}"
        return None


def show(error: click.UsageError) -> None:
    """Print ``error`` on standard error as click would, in the language the command line chose
    (:func:`kompiler.cli.helptext.chosen`), else with the Indonesian sentence first, then the English.
    A mistake of a kind with no Indonesian sentence of its own keeps the English one in Indonesian too,
    as the sentence it has points at it."""
    context = error.ctx
    language = helptext.chosen()
    indonesian = _indonesian(error)
    lines = []
    if context is not None:
        help_hint = f"'{context.command_path} --help'"
        hints = {"id": f"Coba {help_hint} untuk bantuan.", "en": f"Try {help_hint} for help."}
        lines += [context.get_usage(), hints[language] if language else " / ".join(hints.values()), ""]
    if language != "en":
        lines.append(f"Galat: {indonesian or _UNKNOWN}")
    if language != "id" or indonesian is None:
        lines.append(f"Error: {_english(error)}")
    from kompiler.report import escaped  # not at start-up: it brings in the rules and the model

    click.echo(escaped("\n".join(lines), keep="\n"), err=True)


def _english(error: click.UsageError) -> str:
    """click's English sentence for ``error``, or the English half of kompiler's own ("id / en")."""
    halves = _halves(error)
    return halves[1] if halves else error.format_message()


def _halves(error: click.UsageError) -> list[str] | None:
    """The two halves of a mistake kompiler raised as a plain usage error written in both languages."""
    if type(error) is not click.UsageError:
        return None
    halves = error.message.split(" / ")
    return halves if len(halves) == 2 else None


_UNKNOWN = "perintah tidak dapat dijalankan seperti ditulis; lihat kalimat bahasa Inggris di bawah."


def _indonesian(error: click.UsageError) -> str | None:
    """The Indonesian sentence for ``error``, from its kind and the parameter it names, if it has one."""
    if isinstance(error, click.NoSuchOption):
        return f"opsi {error.option_name} tidak ada{_did_you_mean(error.possibilities)}."
    name = getattr(error, "command_name", None)
    if name is not None:  # click.NoSuchCommand, from click 8.4
        return f"perintah {name!r} tidak ada{_did_you_mean(getattr(error, 'possibilities', None))}."
    if isinstance(error, click.MissingParameter):
        return f"{_named(error) or 'sebuah nilai'} wajib diisi."
    if isinstance(error, BadValue):
        return error.indonesian
    if isinstance(error, click.BadParameter):
        choices = getattr(error.param.type, "choices", None) if error.param is not None else None
        allowed = f"; pilihan: {', '.join(map(str, choices))}" if choices else ""
        named = _named(error)
        reason = f": {error.reason}" if isinstance(error, RefusedPath) and error.reason else ""
        return f"nilai tidak sah{f' untuk {named}' if named else ''}{allowed}{reason}."
    if isinstance(error, click.BadOptionUsage):
        return f"opsi {error.option_name} tidak dipakai dengan benar."
    halves = _halves(error)
    return halves[0] if halves else None


def _named(error: click.BadParameter) -> str | None:
    """The option or argument ``error`` is about, as click names it (``'--format'``), an argument by its
    Indonesian metavar (``'KODE'``), as the usage line above names it."""
    hint = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint(error.ctx)
    if hint is None:
        return None
    return helptext.arguments(hint if isinstance(hint, str) else " / ".join(hint), "id")


def _did_you_mean(possibilities: Sequence[str] | None) -> str:
    return f" (maksud Anda: {', '.join(possibilities)}?)" if possibilities else ""
