"""Text from an unreviewed pull request, written into the Markdown a bot posts on it, reads as written
and neither mentions, links nor references anything."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from kompiler.report.markdown import code_span, fence, inline, table_cell
from tests.report.pr_markdown import ZERO_WIDTH, active, rendered

HOSTILE = [
    "@org/team",
    "Analis @budi dan @org/tim-keuangan",
    "https://evil.example/login",
    "HTTP://EVIL.EXAMPLE",
    "lihat www.evil.example",
    "WWW.evil.example",
    "surat ke a@b.com",
    "&#64;org/team",
    "#123 dan !45 dan org/repo#6",
    "[klik](https://evil.example) <https://evil.example> <b>tebal</b>",
    "`kode` | pipa * _miring_ ~coret~ \\ \\@org/team",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_reads_as_written_and_does_nothing(text: str) -> None:
    shown, markup = rendered(f"- **KODE** {inline(text)}\n")
    assert markup == []
    assert active(shown) == []
    assert shown.replace(ZERO_WIDTH, "") == f"KODE {text}"


@pytest.mark.parametrize("text", HOSTILE)
def test_in_a_table_cell_it_stays_in_its_cell(text: str) -> None:
    markdown = f"| a | b |\n|---|---|\n| {table_cell(text + chr(10) + 'baris')} | x |\n"
    shown, markup = rendered(markdown)
    assert markup == [] and active(shown) == []
    assert shown.replace(ZERO_WIDTH, "").split("\n") == ["a", "b", f"{text} baris", "x"]


def test_legitimate_text_is_written_unchanged() -> None:
    for text in ("Analis Keuangan Pusat dan Daerah Ahli Muda", "level 3, indikator 3.2 (80%)", "PP 17/2020"):
        assert inline(text) == text


def test_code_spans_and_fences_hold_their_backticks() -> None:
    assert code_span("HEAD") == "`HEAD`"
    assert code_span("a`b") == "`` a`b ``"
    draft = "tugas:\n```\n- '@org/team'\n````"
    ticks = fence(draft)
    tokens = MarkdownIt("commonmark").parse(f"{ticks}yaml\n{draft}\n{ticks}\nsetelah\n")
    assert [t.content for t in tokens if t.type == "fence"] == [draft + "\n"]
    assert fence("tanpa") == "```"
