"""The command line: a thin click shell over the library.

Commands parse options, call the library, print through a reporter and choose the exit code:
0 clean, 1 problems found, 2 usage or configuration error, 3 internal error. No traceback ever reaches
the user: the system refusing something (a full disk, no permission, a deleted working folder, a reader
that went away; see :mod:`kompiler.cli.environment`) is reported as such, and any other unexpected
exception as an internal error.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from kompiler import __version__
from kompiler.cli import environment, helptext
from kompiler.cli.common import locale_option

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

# One module per subcommand; each defines ``command`` (a click.Command).
COMMAND_MODULES = (
    "check",
    "build",
    "rules",
    "explain",
    "diff",
    "merge",
    "importer",
    "fmt",
    "migrate",
    "init",
    "people",
)


class _Group(click.Group):
    """A group that refuses an environment it cannot run in, reports the system's refusals as such and
    turns any other unexpected exception into exit code 3 with a short message.

    Subcommands are imported when used: ``kompiler check`` then never imports the render and graph
    stages (numpy, scipy, Jinja, WeasyPrint), which would cost it about 0.4 s on every run. Each run
    writes its help in the language it chooses (:mod:`kompiler.cli.helptext`).
    """

    context_class = helptext.Context

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:  # type: ignore[override]
        arguments = list(sys.argv[1:] if args is None else args)
        with helptext.speaking(arguments):
            return super().main(arguments, *rest, **extra)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            self._load(cmd_name)
        if cmd_name not in self.commands:
            for name in COMMAND_MODULES:
                self._load(name)
        return self.commands.get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for name in COMMAND_MODULES:
            self._load(name)
        return super().list_commands(ctx)

    def _load(self, module: str) -> None:
        command = importlib.import_module(f"kompiler.cli.{module}").command
        if command.name not in self.commands:
            helptext.adopt(command)
            self.add_command(command)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        problem = environment.refusal()
        if problem is not None:
            environment.refuse(problem)
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            environment.say("Dibatalkan. / Interrupted.")
            sys.exit(130)
        except Exception as error:  # the last line of defence: never show a traceback
            _defend(error)


def _bare(error: click.exceptions.NoArgsIsHelpError) -> NoReturn:
    """A group run without a subcommand: its help alone, not wrapped as a mistake ("Galat: ... Error:
    Usage: ..."), on standard error with exit code 2, as click and ruff do when run bare. A newcomer
    typing ``kompiler`` did nothing wrong, but no script may take it for a successful run either."""
    error.show()
    sys.exit(error.exit_code)


def _defend(error: Exception) -> NoReturn:
    """Report an exception nothing else handled: the system's refusal as such, anything else as a bug."""
    if isinstance(error, OSError) and environment.is_environmental(error):
        environment.stop(error)
    environment.say(
        f"kompiler: galat internal / internal error: {type(error).__name__}: {error}\n"
        "Ini kesalahan kompiler, bukan kesalahan standar Anda; laporkan kepada pengelola. "
        "/ This is a bug in kompiler, not in your standards; please report it."
    )
    sys.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, prog_name="kompiler", help="Tampilkan versi lalu keluar. / Show the version and exit."
)
@locale_option
def cli(locale: str | None) -> None:
    """kompiler: periksa, susun, dan terbitkan Standar Kompetensi Jabatan ASN yang ditulis dalam YAML.
    / Check, build and publish ASN competency standards written in YAML."""


def main() -> None:
    """Run the command line; what click itself prints (help, usage errors) and the output still buffered
    at the end meet the same defence as the commands. A usage error is told in Indonesian and English
    (:mod:`kompiler.cli.usage`), with exit code 2, below click's usage line in the run's language
    (:func:`helptext.speaking` holds until it is printed); a bare group (``kompiler``, ``kompiler people``)
    prints its help."""
    environment.hold_standard_streams()
    environment.watch_output()
    with helptext.speaking(sys.argv[1:]):
        try:
            try:
                returned = cli.main(prog_name="kompiler", standalone_mode=False)
            except click.exceptions.NoArgsIsHelpError as error:
                _bare(error)
            except click.UsageError as error:
                from kompiler.cli import usage

                usage.show(error)
                sys.exit(error.exit_code)
            except click.ClickException as error:
                error.show()
                sys.exit(error.exit_code)
            except click.Abort:
                environment.say("Dibatalkan. / Aborted.")
                sys.exit(EXIT_PROBLEMS)
            sys.exit(returned if isinstance(returned, int) else EXIT_OK)
        except SystemExit:
            environment.finish_output()
            raise
        except Exception as error:
            _defend(error)
