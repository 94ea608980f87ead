"""How the amendment document (``kompiler diff --amendment``) names the regulation it amends: by the same full
name as its heading and as the appendix, in Indonesian and in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from git_project import POSITION, GitProject


def amended_markdown(project: GitProject, run_cli, tmp_path: Path, locale: str) -> list[str]:
    """The Markdown amendment's lines after one change to a position."""

    def position(data: dict) -> None:
        data["kompetensi"]["manajerial"][0]["level"] = 3

    project.edit(POSITION, position)
    out = tmp_path / "perubahan"
    result = run_cli(["diff", "--locale", locale, "--amendment", str(out)], project.top)
    assert result.exit_code == 0, result.output
    return (out / "perubahan.md").read_text(encoding="utf-8").splitlines()


def test_article_one_names_the_amended_regulation_as_its_heading_does(
    project: GitProject, run_cli, tmp_path: Path
) -> None:
    """ "Peraturan Gubernur Nomor 12 Tahun 2026" does not say which governor's regulation is amended; the
    heading says "PERATURAN GUBERNUR NUSA TENGGARA BARAT", and so must Article I (UU 12/2011, Lampiran II)."""
    lines = amended_markdown(project, run_cli, tmp_path, "id")
    assert "PERUBAHAN ATAS PERATURAN GUBERNUR NUSA TENGGARA BARAT NOMOR 12 TAHUN 2026" in lines[3]
    opening = next(line for line in lines if line.startswith("Beberapa ketentuan"))
    assert opening.startswith(
        "Beberapa ketentuan dalam Lampiran Peraturan Gubernur Nusa Tenggara Barat Nomor 12 Tahun 2026 tentang "
    )
    # The closing article refers to the amending regulation itself, by its kind alone.
    assert "Peraturan Gubernur ini mulai berlaku pada tanggal diundangkan." in lines


@pytest.mark.parametrize(
    ("expected", "wrong"),
    [
        ("NUMBER ... OF ...", "YEAR"),
        ("Peraturan Gubernur Nusa Tenggara Barat Number 12 of 2026 on ", " Year "),
        ("Enacted in ", "Enacted at"),
    ],
)
def test_english_amendment_cites_as_the_english_appendix_does(
    project: GitProject, run_cli, tmp_path: Path, expected: str, wrong: str
) -> None:
    """The English appendix and site print "NUMBER 12 OF 2026" and "Enacted in"; the amendment of the same
    regulation says the same, not "Number 12 Year 2026" and "Enacted at"."""
    text = "\n".join(amended_markdown(project, run_cli, tmp_path, "en"))
    assert expected in text
    assert wrong not in text
