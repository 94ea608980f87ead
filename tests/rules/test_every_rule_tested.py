"""Every rule module kmpNNN_<topic>.py has its test file tests/rules/test_kmpNNN_<topic>.py.

A new rule's author finds where its tests go by the module's name, and a rule without tests of its own
fails here; its examples are run for every rule by test_examples.py.
"""

from __future__ import annotations

from pathlib import Path

import kompiler.rules
from tests.conftest import REPO

RULES = Path(kompiler.rules.__file__).parent
TESTS = REPO / "tests" / "rules"


def test_every_rule_module_has_its_test_file() -> None:
    modules = sorted(path.stem for path in RULES.glob("kmp*.py"))
    assert modules
    assert [name for name in modules if not (TESTS / f"test_{name}.py").is_file()] == []


def test_every_rule_test_file_names_a_rule_module() -> None:
    stale = [
        path.name for path in TESTS.glob("test_kmp*.py") if not (RULES / f"{path.stem[5:]}.py").is_file()
    ]
    assert stale == []
