"""A mistake on the command line (an unknown option or command, a value not among the choices, a missing
argument), told in Indonesian and in English.

click reports these in English only; every other message kompiler prints is Indonesian first, with
English. :func:`show` keeps click's usage line and English sentence and puts an Indonesian sentence
before it, chosen by the kind of mistake, so a new option or command is covered without a new text.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from kompiler.cli import helptext
from kompiler.report import escaped


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
        return f"nilai tidak sah{f' untuk {named}' if named else ''}{allowed}."
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
