"""Check the ``aturan`` section of kompiler.yaml against the rules that exist.

The schema can only say that a code looks like ``KMPnnn``; whether such a rule exists, and whether an
option is one the rule reads and of the type it expects, is known only here. Without this check a typo in
the configuration silently does nothing, which is the worst way for a setting to fail.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kompiler.codes import BUILTIN
from kompiler.diagnostics import Diagnostic, Location, Message, Severity
from kompiler.model import Corpus
from kompiler.project import RuleSettings
from kompiler.rules.base import Rule
from kompiler.rules.common import did_you_mean, similar_codes

CODE_SETTINGS = "KMP092"


def valid_options(rule: Rule, configured: Mapping[str, Any]) -> dict[str, Any]:
    """The rule's options with the configured values that fit: known names with the default's type."""
    options = dict(rule.options)
    for name, value in configured.items():
        if name in options and _same_type(value, options[name]):
            options[name] = value
    return options


def _same_type(value: Any, default: Any) -> bool:
    return type(value) is type(default) or (type(default) is float and type(value) is int)


def check_settings(corpus: Corpus, settings: RuleSettings, rules: Mapping[str, Rule]) -> list[Diagnostic]:
    """A warning for every configured code, prefix, option or option value that does nothing."""
    origin = corpus.project_origin
    if origin is None or not settings.enabled(CODE_SETTINGS):
        return []
    known = [*rules, *BUILTIN]
    problems: list[Diagnostic] = []

    def report(pointer: tuple[str | int, ...], id_: str, en: str, *, key: bool = False) -> None:
        location: Location = origin.at("aturan", *pointer, key=key)
        problems.append(Diagnostic(Severity.WARNING, CODE_SETTINGS, Message(id_, en), location))

    for section, prefixes in (("pilih", settings.select), ("abaikan", settings.ignore)):
        for index, prefix in enumerate(prefixes):
            if not any(code.startswith(prefix) for code in known):
                hint_id, hint_en = _hint(prefix, known)
                report((section, index), *_no_such(prefix, hint_id, hint_en))
    for code in settings.severity:
        if code not in known:
            hint_id, hint_en = _hint(code, known)
            report(("tingkat", code), *_no_such(code, hint_id, hint_en), key=True)
    for code, configured in settings.options.items():
        rule = rules.get(code)
        if rule is None:
            hint_id, hint_en = _hint(code, known)
            report(("opsi", code), *_no_such(code, hint_id, hint_en), key=True)
            continue
        for problem in _option_problems(rule, configured):
            pointer, id_, en, key = problem
            report(("opsi", code, *pointer), id_, en, key=key)
    return problems


def _option_problems(
    rule: Rule, configured: Mapping[str, Any]
) -> Iterator[tuple[tuple[str, ...], str, str, bool]]:
    names = ", ".join(rule.options) or "-"
    for name, value in configured.items():
        if name not in rule.options:
            yield (
                (name,),
                f"Aturan {rule.code} tidak memiliki opsi {name!r}; opsinya: {names}.",
                f"The rule {rule.code} has no option {name!r}; its options: {names}.",
                True,
            )
        elif not _same_type(value, rule.options[name]):
            default = rule.options[name]
            yield (
                (name,),
                f"Opsi {name} aturan {rule.code} harus bernilai seperti {default!r}; nilai {value!r} diabaikan "
                f"dan nilai bawaan {default!r} dipakai.",
                f"The option {name} of the rule {rule.code} takes a value like {default!r}; {value!r} is ignored "
                f"and the default {default!r} is used.",
                False,
            )


def _hint(word: str, known: list[str]) -> tuple[str, str]:
    return did_you_mean(similar_codes(word, known))


def _no_such(code: str, hint_id: str, hint_en: str) -> tuple[str, str]:
    return (
        f"Tidak ada aturan {code}, sehingga konfigurasi ini tidak berpengaruh; 'kompiler rules' menampilkan "
        f"semua aturan.{hint_id}",
        f"There is no rule {code}, so this setting has no effect; 'kompiler rules' lists every rule.{hint_en}",
    )
