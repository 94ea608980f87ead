"""``kompiler rules`` and ``kompiler explain`` through the command line."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kompiler.rules import registry
from tests.language import FUNCTION_WORDS, indonesian_words


def test_rules_lists_every_rule(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = run_cli(["rules"], tmp_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(registry())
    assert (
        "KMP101  galat       Kompetensi manajerial dan sosial kultural lengkap, masing-masing sekali" in lines
    )
    assert "KMP107  info        Rumpun tanpa jabatan" in lines
    english = run_cli(["rules", "--locale", "en"], tmp_path).stdout
    assert "KMP110  warning     Cites a revoked source" in english.splitlines()


def test_explain_rule(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = run_cli(["explain", "kmp104"], tmp_path)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("KMP104  Penomoran level dan indikator kamus\n")
    for expected in (
        "Tingkat: galat",
        "Cakupan: setiap kompetensi kamus",
        "Dasar hukum: PermenPANRB 38/2017, Lampiran (Kamus Kompetensi)",
        "Opsi (aturan.opsi.KMP104 di kompiler.yaml):\n    indikator_per_level: 3 (1–20)\n    level_tertinggi: 5 (1–5)",
        "Contoh yang melanggar:\n    level:\n      - level: 2",
        '          - nomor: "2.3"  # 2.2 terlewat',
        "Contoh yang benar:",
        "# kompiler: abaikan KMP104 -- alasan",
    ):
        assert expected in out


def test_explain_in_english(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    out = run_cli(["explain", "KMP102", "--locale", "en"], tmp_path).stdout
    assert out.startswith("KMP102  Managerial and socio-cultural level match the grade\n")
    assert "Severity: error\nScope: each position\n" in out
    assert "Bad example:\n    jenjang: ADMINISTRATOR" in out


@pytest.mark.parametrize("code", list(registry()))
def test_explain_in_english_holds_no_indonesian_sentence(
    code: str, run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """Everything ``explain --locale en`` writes above the examples (title, severity, scope, legal
    source, explanation, options) is English: only names the files use (``jenjang.yaml``,
    ``pangkat_terendah``) and a regulation's own title stay Indonesian."""
    out = run_cli(["explain", code, "--locale", "en"], tmp_path).stdout
    prose = re.sub(r"\S*[/_]\S*|\S+\.yaml\b", " ", out.split("\nBad example:", 1)[0])
    assert not indonesian_words(prose, FUNCTION_WORDS)


def test_explain_says_unverified_grade_rows_give_errors_and_how_to_change_it(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """Issue 12: the confidence mark no longer lets a level below the grade pass CI unless a project
    says so, and ``kompiler explain`` tells how."""
    english = run_cli(["explain", "KMP102", "--locale", "en"], tmp_path).stdout
    assert (
        "Options (aturan.opsi.KMP102 in kompiler.yaml):\n    belum_terverifikasi: error (error | warning | info)"
        in (english)
    )
    prose = " ".join(english.split())
    assert "is an error, also when the row has not been checked" in prose
    assert "with the option belum_terverifikasi: warning" in prose
    indonesian = run_cli(["explain", "KMP102"], tmp_path).stdout
    assert "belum_terverifikasi: error (error | warning | info)" in indonesian
    assert "adalah galat, juga bila baris itu belum dicocokkan" in " ".join(indonesian.split())


@pytest.mark.parametrize("code", [code for code in registry()])
def test_every_rule_explains_itself(code: str) -> None:
    rule = registry()[code]
    bad, good = rule.examples
    assert bad.snippet and good.snippet and bad.snippet != good.snippet
    assert rule.legal_source.id and rule.legal_source.en and rule.explanation.id and rule.explanation.en


def test_explain_builtin_code(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = run_cli(["explain", "KMP090"], tmp_path)
    assert result.exit_code == 0
    assert result.stdout.startswith("KMP090  Penanda abaikan yang tidak mengabaikan apa pun\n")


def test_explain_unknown_code_suggests(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = run_cli(["explain", "KMP1O1", "--locale", "en"], tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Unknown code 'KMP1O1'. Did you mean KMP101")
