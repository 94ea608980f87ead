"""The helper projects of conftest.py are clean under every rule, so a rule test starts from no diagnostic."""

from __future__ import annotations

from tests.rules.conftest import Project, administrator


def test_administrator_fixture_is_clean(project: Project) -> None:
    administrator(project)
    assert project.diagnostics() == []
