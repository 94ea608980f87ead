"""KMP126, the regulation number still a placeholder: reported where kompiler.yaml writes it."""

from __future__ import annotations

import pytest

from tests.rules.conftest import Project, where

PROJECT = "kompiler.yaml"


@pytest.mark.parametrize("placeholder", ["...", "-", "./."])
def test_kmp126_a_number_without_letter_or_digit_is_a_placeholder(project: Project, placeholder: str) -> None:
    project.edit(PROJECT, 'nomor: "12"', f'nomor: "{placeholder}"')
    [found] = project.diagnostics("KMP126")
    assert where(found) == (PROJECT, *project.locate(PROJECT, f'"{placeholder}"'))
    assert found.severity.name == "WARNING"
    assert found.message.en.startswith(f"The regulation number is not filled in ('{placeholder}')")


@pytest.mark.parametrize("number", ["12", "188.45/12", "7A"])
def test_kmp126_passes_on_a_number(project: Project, number: str) -> None:
    project.edit(PROJECT, 'nomor: "12"', f'nomor: "{number}"')
    assert project.diagnostics("KMP126") == []
