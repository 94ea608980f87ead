"""Run the enabled rules over a corpus, applying the project's configuration.

The engine owns everything rules should not care about: which rules run, severity overrides, option
defaults, and containment of a rule that crashes (it becomes an internal-error diagnostic naming the
rule and the file, and every other rule still runs).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kompiler.diagnostics import INTERNAL_ERROR, Diagnostic, Location, Message, Severity
from kompiler.model import Corpus
from kompiler.project import RuleSettings
from kompiler.rules import Context, Rule, Scope, registry
from kompiler.rules.settings_check import check_settings, configuration_errors, valid_options


def _entities(corpus: Corpus, scope: Scope) -> Iterable[Any]:
    entities = corpus.entities
    return {
        Scope.POSITION: entities.positions,
        Scope.COMPETENCY: entities.competencies,
        Scope.DICTIONARY: entities.dictionaries,
        Scope.GRADE: entities.grades,
        Scope.FAMILY: entities.families,
        Scope.SOURCE: entities.sources,
        Scope.DECISION: entities.decisions,
        Scope.CORPUS: [corpus],
    }[scope]


def _file_of(entity: Any, corpus: Corpus) -> str:
    origin = getattr(entity, "origin", None) or corpus.project_origin
    return origin.file if origin is not None else ""


class NotLoaded(Exception):
    """Raised by a stand-in entity asked for a field it does not hold (see :mod:`kompiler.check.incremental`).

    The engine lets it through instead of reporting a crashed rule, so that the caller can give up its
    shortcut and check the whole corpus. It is defined here, not beside the stand-ins that raise it:
    which exceptions a rule may raise past the engine is the engine's contract with its callers, and the
    engine, a stage before the check, may not import the check (see ``tests/test_layers.py``).
    """


def run_rules(
    corpus: Corpus,
    settings: RuleSettings,
    rules: dict[str, Rule] | None = None,
    *,
    positions: list[Any] | None = None,
    by_position_file: dict[str, list[Diagnostic]] | None = None,
    waived: Mapping[str, frozenset[str]] | None = None,
) -> list[Diagnostic]:
    """Run every enabled rule and return its diagnostics with the configured severities, after warnings
    for configuration that names no rule or option (so that a typo there is not silently ignored).

    A configuration value that cannot be used (see :mod:`kompiler.rules.settings_check`) stops here,
    before any rule: no rule runs under settings other than those written, as none runs when
    kompiler.yaml breaks its schema.

    ``positions`` limits the position-scope rules to those positions; ``by_position_file``, when given,
    receives the position-scope rules' diagnostics by the file of the position checked, instead of the
    returned list (so that a later check can reuse those of unchanged files).

    ``waived`` holds the codes each file waives as a whole (see :func:`kompiler.rules.suppress.whole_file`).
    A rule stops in such a file at its first finding there, which proves the waiver used and stands for
    the rest: everything else it would find there is waived too, and an imported dictionary of a
    thousand placeholder competencies made five thousand such findings, each located in a file parsed
    again for its positions, only to hide them. This holds because a rule that checks one entity reports
    in that entity's own file (a rule of the whole corpus runs in full).
    """
    rules = rules if rules is not None else registry()
    known = registry() | rules
    diagnostics = check_settings(corpus, settings, known)
    broken = configuration_errors(corpus, settings, known)
    if broken:
        return broken + diagnostics
    derived: dict[str, Any] = {}
    position_sinks: list[list[Diagnostic]] | None = None
    for code, rule in rules.items():
        if not settings.enabled(code):
            continue
        context = Context(corpus, valid_options(rule, settings.options.get(code, {})), derived)
        override = settings.severity.get(code)
        per_position = rule.scope is Scope.POSITION
        entities = list(
            positions if per_position and positions is not None else _entities(corpus, rule.scope)
        )
        sinks: list[list[Diagnostic]] = [diagnostics] * len(entities)
        if per_position and by_position_file is not None:
            if position_sinks is None:
                position_sinks = [by_position_file.setdefault(_file_of(e, corpus), []) for e in entities]
            sinks = position_sinks
        waiving = _waiving(code, rule, waived)
        settled: set[str] = set()  # waiving files where the rule has found something
        for entity, sink in zip(entities, sinks, strict=True):
            file = _file_of(entity, corpus) if waiving else None
            if file in settled:
                continue
            try:
                for finding in rule.check(entity, context):
                    severity = Severity.parse(override) if override else (finding.severity or rule.severity)
                    sink.append(
                        Diagnostic(severity, code, finding.message, finding.location, finding.related)
                    )
                    if file in waiving:
                        settled.add(file)
                        break
            except NotLoaded:
                raise
            except Exception as error:  # a broken rule must not stop the other rules
                sink.append(_crash(rule, _file_of(entity, corpus), error))
    return diagnostics


def _waiving(code: str, rule: Rule, waived: Mapping[str, frozenset[str]] | None) -> frozenset[str]:
    """The files that waive ``code`` as a whole, where a rule of single entities may stop early."""
    if not waived or rule.scope is Scope.CORPUS:
        return frozenset()
    return frozenset(file for file, codes in waived.items() if code in codes)


def _crash(rule: Rule, file: str, error: Exception) -> Diagnostic:
    detail = f"{type(error).__name__}: {error}"
    return Diagnostic(
        Severity.ERROR,
        INTERNAL_ERROR,
        Message(
            f"Galat internal di aturan {rule.code} saat memeriksa berkas ini ({detail}). "
            "Ini kesalahan kompiler, bukan kesalahan standar Anda; laporkan kepada pengelola.",
            f"Internal error in rule {rule.code} while checking this file ({detail}). "
            "This is a bug in the compiler, not in your standards; please report it.",
        ),
        Location(file),
    )
