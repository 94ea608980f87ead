"""``kompiler rules`` and ``kompiler explain``: what the rules are and why they exist."""

from __future__ import annotations

import click

from kompiler.cli.common import locale_option, resolve_locale
from kompiler.rules import registry


@click.command("rules")
@locale_option
def command(locale: str | None) -> None:
    """Daftar semua aturan. / List every rule."""
    locale = resolve_locale(locale)
    for code, rule in registry().items():
        click.echo(f"{code}  {rule.severity.label(locale):<10}  {rule.title.text(locale)}")
