"""``kompiler explain CODE``: what a diagnostic code means, why it exists, and how to fix it."""

from __future__ import annotations

import sys
import textwrap
import unicodedata

import click

from kompiler.cli.common import locale_option, resolve_locale
from kompiler.codes import BUILTIN
from kompiler.report import escaped
from kompiler.rules import Rule, Scope, registry
from kompiler.rules.common import similar_codes

_SCOPES = {
    Scope.POSITION: ("setiap jabatan", "each position"),
    Scope.COMPETENCY: ("setiap kompetensi kamus", "each dictionary competency"),
    Scope.DICTIONARY: ("setiap kamus", "each dictionary"),
    Scope.GRADE: ("setiap baris jenjang", "each grade row"),
    Scope.FAMILY: ("setiap rumpun", "each family"),
    Scope.SOURCE: ("setiap sumber", "each source"),
    Scope.DECISION: ("setiap keputusan gabung", "each merge decision"),
    Scope.CORPUS: ("seluruh proyek", "the whole project"),
}
_LABELS = {
    "severity": ("Tingkat", "Severity"),
    "scope": ("Cakupan", "Scope"),
    "source": ("Dasar hukum", "Legal source"),
    "options": (
        "Opsi (aturan.opsi.{code} di kompiler.yaml)",
        "Options (aturan.opsi.{code} in kompiler.yaml)",
    ),
    "bad": ("Contoh yang melanggar", "Bad example"),
    "good": ("Contoh yang benar", "Good example"),
    "suppress": (
        "Abaikan untuk satu baris: # kompiler: abaikan {code} -- alasan",
        "Suppress for one line: # kompiler: disable {code} -- reason",
    ),
}


_SHOWN = 40  # characters of an unknown code that a message repeats


def _label(key: str, locale: str, **values: str) -> str:
    indonesian, english = _LABELS[key]
    return (english if locale == "en" else indonesian).format(**values)


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=100)


def _indent(block: str) -> str:
    return textwrap.indent(block, "    ")


def _describe_rule(rule: Rule, locale: str) -> str:
    scope_id, scope_en = _SCOPES[rule.scope]
    parts = [
        f"{rule.code}  {rule.title.text(locale)}",
        "",
        f"{_label('severity', locale)}: {rule.severity.label(locale)}",
        f"{_label('scope', locale)}: {scope_en if locale == 'en' else scope_id}",
        f"{_label('source', locale)}: {rule.legal_source.text(locale)}",
        "",
        _wrap(rule.explanation.text(locale)),
    ]
    if rule.options:
        parts += ["", _label("options", locale, code=rule.code) + ":"]
        parts += [f"    {name}: {value}" for name, value in rule.options.items()]
    if rule.examples:
        bad, good = rule.examples
        parts += ["", _label("bad", locale) + ":", _indent(bad.snippet)]
        parts += ["", _label("good", locale) + ":", _indent(good.snippet)]
    parts += ["", _label("suppress", locale, code=rule.code)]
    return "\n".join(parts) + "\n"


@click.command("explain")
@click.argument("code")
@locale_option
def command(code: str, locale: str | None) -> None:
    """Jelaskan satu kode diagnostik, misalnya KMP101. / Explain one diagnostic code."""
    from kompiler.cli import EXIT_USAGE

    locale = resolve_locale(locale)
    code = unicodedata.normalize("NFKC", code).strip().upper()  # KMP101 typed in full-width digits too
    rules = registry()
    if code in rules:
        click.echo(_describe_rule(rules[code], locale), nl=False)
        return
    if code in BUILTIN:
        info = BUILTIN[code]
        click.echo(f"{code}  {info.title.text(locale)}\n\n{_wrap(info.explanation.text(locale))}")
        return
    close = similar_codes(code, [*rules, *BUILTIN], n=3)
    hint = ", ".join(close)
    code = escaped(code if len(code) <= _SHOWN else code[:_SHOWN] + "…")
    if locale == "en":
        message = f"Unknown code '{code}'." + (f" Did you mean {hint}?" if close else "")
        message += " 'kompiler rules' lists every rule."
    else:
        message = f"Kode '{code}' tidak dikenal." + (f" Maksud Anda {hint}?" if close else "")
        message += " 'kompiler rules' menampilkan semua aturan."
    click.echo(message, err=True)
    sys.exit(EXIT_USAGE)
