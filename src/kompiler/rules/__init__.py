"""The regulations as rules: one module per rule, found by the registry, run by the engine.

Adding a rule is adding one module named ``kmpNNN_<topic>.py`` that defines ``RULE``.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from kompiler.rules.base import Context, Finding, Option, Rule, Scope


@cache
def registry() -> dict[str, Rule]:
    """Every rule shipped with kompiler, by code, in code order."""
    found: dict[str, Rule] = {}
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("kmp"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rule: Rule = module.RULE
        if rule.code in found:
            raise RuntimeError(f"rule code {rule.code} is defined twice")
        found[rule.code] = rule
    return dict(sorted(found.items()))


__all__ = ["Context", "Finding", "Option", "Rule", "Scope", "registry"]
