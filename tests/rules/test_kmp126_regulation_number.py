"""KMP126, the regulation number still a placeholder: reported where kompiler.yaml writes it."""

from __future__ import annotations

import pytest

from kompiler.render.documents import appendix_markdown_page
from kompiler.render.environment import Templates
from kompiler.render.view import publication
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


@pytest.mark.parametrize("written", ['  nomor: ""\n', ""], ids=["empty", "left-out"])
def test_kmp126_a_draft_without_a_number_checks_with_a_warning_and_prints_dots(
    project: Project, written: str
) -> None:
    """A draft regulation has no number yet: ``nomor`` left empty or out was a schema error (KMP011 "not
    the expected format", or a missing required key) while the README promised pages that say so. It is
    now a draft's number, warned about, and the documents print NOMOR ... TAHUN ... as drafts do."""
    project.edit(PROJECT, '  nomor: "12"\n', written)
    result = project.compile()
    assert [d.code for d in result.diagnostics] == ["KMP126"]
    [found] = result.diagnostics
    assert where(found) == (PROJECT, *project.locate(PROJECT, '""' if written else "dokumen:"))
    page = Templates().render(*appendix_markdown_page(publication(result.corpus), single=False))
    assert "NOMOR ... TAHUN 2026" in page


def test_kmp011_says_what_a_regulation_number_looks_like(project: Project) -> None:
    """A KMP011 pattern failure once said only "not the expected format"."""
    project.edit(PROJECT, 'nomor: "12"', 'nomor: "No. 12 Tahun 2026"')
    [found] = project.diagnostics("KMP011")
    assert "huruf, angka, titik, garis miring, atau tanda hubung" in found.message.id
    assert 'tulis "..."' in found.message.id  # what a draft writes instead
    # English said the regular expression alone where Indonesian gave the schema's sentence.
    assert (
        "letters, digits, dots, slashes or hyphens" in found.message.en and 'write "..."' in found.message.en
    )
    assert "pattern" not in found.message.en and '"800.1.2/15"' in found.message.en


def test_kmp011_names_the_pattern_of_any_field(project: Project) -> None:
    """Without a sentence of its own in the schema, a pattern failure names the pattern itself, in both
    languages, beside the description and example the schema gives."""
    project.edit("jabatan/analis-keuangan.yaml", "kode: NTB.JF.AKPD.MUDA", "kode: ntb jf")
    [found] = project.diagnostics("KMP011")
    assert "(pola ^[A-Z0-9][A-Z0-9._-]{1,39}$)" in found.message.id and "Contoh:" in found.message.id
    assert "(pattern ^[A-Z0-9][A-Z0-9._-]{1,39}$)" in found.message.en and "Example:" in found.message.en
    # The description, which only the Indonesian gave.
    assert "huruf besar, angka, titik" in found.message.id
    assert "capital letters, digits, dots, underscores or hyphens" in found.message.en


def test_kmp011_describes_a_date_in_both_languages(project: Project) -> None:
    """``berlaku_mulai`` written day first: the form to write, in English too (it gave the pattern alone)."""
    project.edit("jabatan/analis-keuangan.yaml", 'berlaku_mulai: "2026-04-01"', 'berlaku_mulai: "01-04-2026"')
    [found] = project.diagnostics("KMP011")
    assert "Tanggal dalam format TTTT-BB-HH" in found.message.id and '"2026-01-01"' in found.message.id
    assert "A date in YYYY-MM-DD form, written in quotes" in found.message.en
    assert '"2026-01-01"' in found.message.en
