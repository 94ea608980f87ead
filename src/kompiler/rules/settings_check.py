"""Check the settings of kompiler.yaml that its schema cannot judge: rules, their options, merge weights.

The schema can only say that a code looks like ``KMPnnn`` and that an option set is a mapping; whether
such a rule exists, and whether an option is one the rule declares and takes the value given, is known
only here. Two kinds of problem, two codes:

* a setting that does nothing (a code that is no rule, an option the rule does not have) is a warning,
  KMP092: without it a typo silently does nothing, the worst way for a setting to fail;
* a value that cannot be used (an option out of its declared type or range, merge weights that are all
  zero) is a configuration error, KMP093: the rules do not run, and the commands exit 2, as for a
  kompiler.yaml that breaks its schema. It cannot be turned off or waived.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from kompiler import merge_settings as merge_config
from kompiler.check.load import Pointer
from kompiler.codes import BUILTIN
from kompiler.diagnostics import Diagnostic, Location, Message, Severity
from kompiler.model import Corpus
from kompiler.project import RuleSettings
from kompiler.rules.base import OptionValue, Rule
from kompiler.rules.common import did_you_mean, similar_codes

CODE_SETTINGS = "KMP092"
CODE_CONFIGURATION = "KMP093"


def valid_options(rule: Rule, configured: Mapping[str, Any]) -> dict[str, OptionValue]:
    """The values of the rule's options: each configured value the option accepts, else its default."""
    values = {name: option.default for name, option in rule.options.items()}
    for name, value in configured.items():
        option = rule.options.get(name)
        if option is not None and option.accepts(value):
            values[name] = value
    return values


def configuration_broken(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether the diagnostics hold a configuration error, which makes every command exit 2."""
    return any(d.code == CODE_CONFIGURATION for d in diagnostics)


def configuration_errors(
    corpus: Corpus, settings: RuleSettings, rules: Mapping[str, Rule]
) -> list[Diagnostic]:
    """An error at every value of kompiler.yaml that cannot be used: rule options outside what the
    option declares, and what :func:`kompiler.merge_settings.problems` finds in the merge settings."""
    origin = corpus.project_origin
    if origin is None:
        return []
    found: list[tuple[Pointer, Message]] = list(_option_values(settings, rules))
    found += merge_config.problems(corpus.project.get("gabung"))
    return [
        Diagnostic(Severity.ERROR, CODE_CONFIGURATION, message, origin.at(*pointer))
        for pointer, message in found
    ]


def _option_values(settings: RuleSettings, rules: Mapping[str, Rule]) -> Iterator[tuple[Pointer, Message]]:
    for code, configured in settings.options.items():
        rule = rules.get(code)
        for name, value in configured.items():
            option = rule.options.get(name) if rule is not None else None
            if option is None or option.accepts(value):
                continue
            expected = option.expected()
            shown = _show(value)
            yield (
                ("aturan", "opsi", code, name),
                Message(
                    f"Opsi {name} aturan {code} menerima {expected.id}, bukan {shown}. "
                    f"Nilai bawaannya: {option.default}.",
                    f"The option {name} of the rule {code} takes {expected.en}, not {shown}. "
                    f"Its default: {option.default}.",
                ),
            )


def _show(value: Any) -> str:
    """A value as YAML would print it (``true``, ``2.5``, ``"3"``, ``.inf``), shortened when long."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def check_settings(corpus: Corpus, settings: RuleSettings, rules: Mapping[str, Rule]) -> list[Diagnostic]:
    """A warning for every configured code, prefix or option that does nothing."""
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
        names = ", ".join(rule.options) or "-"
        for name in configured:
            if name not in rule.options:
                report(
                    ("opsi", code, name),
                    f"Aturan {rule.code} tidak memiliki opsi {name!r}; opsinya: {names}.",
                    f"The rule {rule.code} has no option {name!r}; its options: {names}.",
                    key=True,
                )
    return problems


def _hint(word: str, known: list[str]) -> tuple[str, str]:
    return did_you_mean(similar_codes(word, known))


def _no_such(code: str, hint_id: str, hint_en: str) -> tuple[str, str]:
    return (
        f"Tidak ada aturan {code}, sehingga konfigurasi ini tidak berpengaruh; 'kompiler rules' menampilkan "
        f"semua aturan.{hint_id}",
        f"There is no rule {code}, so this setting has no effect; 'kompiler rules' lists every rule.{hint_en}",
    )
