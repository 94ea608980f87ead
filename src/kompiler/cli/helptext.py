"""The command line's help in the language chosen, click's own words included.

Every help text of kompiler is written in both languages, Indonesian first: ``"Periksa … / Check …"``.
click adds words of its own (``Usage:``, ``Options``, ``Commands``, ``[default: …]``, the ``--help``
option's text, type names such as ``DIRECTORY``) in English. So that the help is one language:

- the language is the one ``--locale`` (anywhere on the command line) or ``KOMPILER_LOCALE`` chooses; with
  neither, the help keeps both halves of kompiler's texts, as the other command-line messages do
  (:func:`kompiler.cli.common.chosen_text`), and click's words are Indonesian, the default language;
- click's words go through gettext (``from gettext import gettext as _`` in its modules): :func:`install`
  points that name at :data:`CATALOGUE` (Indonesian) in the modules that write help, while its error
  messages stay English for :mod:`kompiler.cli.usage` to tell in both languages;
- :class:`Formatter` keeps one half of each bilingual text when a language is chosen, and writes click's
  usage pieces in Indonesian and every metavar (click's type names, kompiler's ``CODE``, ``POSITION``,
  ``YYYY-MM-DD``, written in English in the code, as click's error messages quote them) in the help's
  language (:data:`METAVARS`);
- :func:`adopt` gives every command that formatter and a summary for its group's listing that is its
  first sentence whole, in each language, where click cut it at 45 characters ("(md,...").

The language is set for one run of the command line (:func:`speaking`), so a test running several in one
process gets each in its own.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import click

# click's words in its help, in Indonesian. Error messages are left out on purpose (see the module).
CATALOGUE = {
    "Usage:": "Penggunaan:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen",
    "default: {default}": "bawaan: {default}",
    "required": "wajib",
    "env var: {var}": "variabel lingkungan: {var}",
    "(dynamic)": "(dinamis)",
    "deprecated": "usang",
}
# click's words that a command keeps once made (the ``--help`` option is made once per command), so they
# are bilingual like kompiler's own texts and the language is chosen when the help is written.
BILINGUAL = {
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar. / Show this message and exit."
}
# What click writes in a usage line, and the Indonesian for it.
USAGE_PIECES = {"[OPTIONS]": "[OPSI]", "COMMAND [ARGS]...": "PERINTAH [ARGUMEN]..."}
# The metavars of options and arguments as the code writes them (click's type names and kompiler's own, in
# English), and the Indonesian for them.
METAVARS = {
    "TEXT": "TEKS",
    "INTEGER": "BILANGAN",
    "INTEGER RANGE": "BILANGAN",
    "FLOAT": "ANGKA",
    "FLOAT RANGE": "ANGKA",
    "DIRECTORY": "FOLDER",
    "FILE": "BERKAS",
    "FILENAME": "BERKAS",
    "PATH": "JALUR",
    "BOOLEAN": "BOOLEAN",
    "YYYY-MM-DD": "TTTT-BB-HH",
    "CODE": "KODE",
    "POSITION": "JABATAN",
    "DIR": "FOLDER",
    "POSITIONS": "TABEL_JABATAN",
    "REQUIREMENTS": "TABEL_PERSYARATAN",
}
# An argument's name that kompiler's Indonesian texts use as it is ("Periksa standar di PATH"), so the
# usage line keeps it too.
_NAMED_IN_TEXTS = frozenset({"PATH"})
_METAVAR = re.compile(r"[A-Z][A-Z0-9_-]*")
# The modules of click that write help (its usage line, sections, options' extras, the --help option).
_HELP_MODULES = ("click.core", "click.formatting", "click.decorators")
_BETWEEN = re.compile(r"\s/\s")
_EXTRAS = re.compile(r"(\s\s\[[^\]]*\])$")  # what click appends to an option's help: "  [default: 5]"
_SENTENCE_END = re.compile(r"\.(\s|$)")


@dataclass
class _Language:
    """The help's language for the run: ``locale`` for click's words, ``chosen`` for kompiler's texts
    (``None``: both halves)."""

    locale: str = "id"
    chosen: str | None = None


_language = _Language()


def chosen_locale(arguments: Sequence[str]) -> str | None:
    """The language ``--locale`` in ``arguments`` (before ``--``) or else ``KOMPILER_LOCALE`` chooses.

    The help is written while the command line is parsed, before ``--locale`` is read as an option (help
    is eager), so it is looked for here; a value that is not a language is left to the option to refuse.
    """
    from kompiler.cli.common import LOCALES, chosen_language

    explicit = None
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--locale" and index + 1 < len(arguments):
            explicit = arguments[index + 1]
        elif argument.startswith("--locale="):
            explicit = argument.partition("=")[2]
    return chosen_language(explicit if explicit in LOCALES else None)


@contextmanager
def speaking(arguments: Sequence[str]) -> Iterator[None]:
    """Write the help of this run of the command line (``arguments``) in the language it chooses."""
    install()
    chosen = chosen_locale(arguments)
    previous = _language.locale, _language.chosen
    _language.locale, _language.chosen = chosen or "id", chosen
    try:
        yield
    finally:
        _language.locale, _language.chosen = previous


def chosen() -> str | None:
    """The language this run of the command line chose (:func:`chosen_locale`), if any."""
    return _language.chosen


def _translated(message: str) -> str:
    """click's ``_``: a word of its help in the language of the run; anything else as click wrote it."""
    if message in BILINGUAL:
        return BILINGUAL[message]
    if _language.locale == "id":
        return CATALOGUE.get(message, message)
    return message


def install() -> None:
    """Point ``_`` at :func:`_translated` in click's modules that write help (once; idempotent)."""
    for name in _HELP_MODULES:
        module = importlib.import_module(name)
        if getattr(module, "_", None) is not _translated:
            module._ = _translated  # type: ignore[attr-defined]


def half(text: str, *, both: bool = True) -> str:
    """``text`` (``"Indonesian / English"``) in the chosen language; without one, both halves, or with
    ``both=False`` the Indonesian. A text not written in two halves is kept whole, as are the extras
    click appends (``[default: 5]``), whose words :data:`CATALOGUE` translates."""
    match = _EXTRAS.search(text)
    extras = match.group(1) if match else ""
    body = text[: len(text) - len(extras)]
    halves = _BETWEEN.split(body)
    locale = _language.chosen or (None if both else "id")
    if locale is None or len(halves) != 2:
        return text
    return halves[0 if locale == "id" else 1].strip() + extras


def _term(term: str) -> str:
    """An option's spelling and metavar (``-o, --output DIRECTORY``) with its metavar translated."""
    if _language.locale != "id":
        return term
    words = term.split(" ")
    last = max((i for i, word in enumerate(words) if word.startswith("-")), default=-1)
    metavar = " ".join(words[last + 1 :])
    if last < 0 or metavar not in METAVARS:
        return term
    return " ".join([*words[: last + 1], METAVARS[metavar]])


def arguments(pieces: str, locale: str | None = None) -> str:
    """The arguments' metavars in ``pieces`` (a usage line's ``JABATAN FILE``, an error's ``'FILE'``) in
    ``locale``, else in the help's language."""
    if (locale or _language.locale) != "id":
        return pieces

    def indonesian(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if word in _NAMED_IN_TEXTS else METAVARS.get(word, word)

    return _METAVAR.sub(indonesian, pieces)


class Formatter(click.HelpFormatter):
    """click's formatter writing kompiler's texts in the chosen language and click's in Indonesian."""

    _section: str | None = None

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if _language.locale == "id":
            args = arguments(args)
            for english, indonesian in USAGE_PIECES.items():
                args = args.replace(english, indonesian)
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        self._section = heading
        super().write_heading(heading)

    def write_text(self, text: str) -> None:
        super().write_text(half(text))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Options and commands: a listing's summaries are Indonesian when no language is chosen, as a
        line each reads best; an option's text keeps both halves then, as it always has."""
        listing = self._section == _translated("Commands")
        rows = [(_term(term), half(text, both=not listing)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


class Context(click.Context):
    formatter_class = Formatter


def adopt(command: click.Command) -> None:
    """Give ``command`` (and a group's commands) :class:`Context` and a summary for its group's listing:
    the first sentence of each half of its help, whole (click cuts its own at 45 characters)."""
    command.context_class = Context
    if command.short_help is None and command.help:
        halves = _BETWEEN.split(" ".join(command.help.split()))
        command.short_help = " / ".join(_first_sentence(text) for text in halves)
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            adopt(subcommand)


def _first_sentence(text: str) -> str:
    match = _SENTENCE_END.search(text)
    return text[: match.start() + 1] if match else text
