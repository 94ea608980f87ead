"""The build as a whole: byte-identical output, atomic replacement, one build at a time, English labels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kompiler.build.output import OutputLocked, OutputWriter
from tests.conftest import RENDER_FIXTURE, build_project, files_of


def test_same_standards_build_to_identical_bytes(built: Path, tmp_path: Path) -> None:
    again = files_of(build_project(RENDER_FIXTURE, tmp_path / "again"))
    first = files_of(built)
    assert sorted(again) == sorted(first)
    assert [name for name in first if first[name] != again[name]] == []
    assert {"lampiran.pdf", "lampiran.docx", "lampiran.md", "model.json", "site/index.html"} <= set(first)


def test_source_date_epoch_stamps_the_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kompiler.build.orchestrate import source_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    output = build_project(RENDER_FIXTURE, tmp_path / "out", formats=("site", "html"), built=source_date())
    assert "2026-01-01" in (output / "site/index.html").read_text(encoding="utf-8")
    assert 'content="2026-01-01T00:00:00Z"' in (output / "lampiran.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "environment", "indonesian", "english"),
    [([], None, True, True), (["--locale", "en"], None, False, True), ([], "en_US.UTF-8", False, True)],
)
def test_a_refused_output_folder_is_said_in_the_language_chosen(
    render_project: Path,
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    options: list[str],
    environment: str | None,
    indonesian: bool,
    english: bool,
) -> None:
    """Before the project is read, a refusal is in both languages unless ``--locale`` or KOMPILER_LOCALE
    chooses one; the folder is left as it was."""
    mine = render_project.parent / "milik-saya"
    mine.mkdir()
    (mine / "catatan.txt").write_text("tetap\n", encoding="utf-8")
    for command in (["build", ".", "-o", str(mine)], ["merge", ".", "--write", str(mine)]):
        if environment:
            monkeypatch.setenv("KOMPILER_LOCALE", environment)
        result = run_cli([*command, *options], render_project)
        assert result.exit_code == 2
        assert ("tidak ditulis kompiler" in result.output) is indonesian, result.output
        assert ("was not written by kompiler" in result.output) is english, result.output
    assert [p.name for p in mine.iterdir()] == ["catatan.txt"]


def test_a_second_build_into_the_same_folder_is_refused(
    render_project: Path, run_cli: Callable[..., Result]
) -> None:
    output = render_project.parent / "keluaran"
    holder = OutputWriter(output)
    try:
        with pytest.raises(OutputLocked):
            OutputWriter(output)
        result = run_cli(["build", ".", "-o", str(output)], render_project)
        assert result.exit_code == 2
        assert "Another kompiler command is writing" in result.output
    finally:
        holder.abort()
    assert sorted(p.name for p in render_project.parent.iterdir()) == ["standar"]


def test_english_build_uses_english_labels(tmp_path: Path) -> None:
    output = build_project(RENDER_FIXTURE, tmp_path / "en", locale="en", formats=("md", "site"))
    text = (output / "lampiran.md").read_text(encoding="utf-8")
    assert "> APPENDIX" in text and "POSITION COMPETENCY STANDARD" in text
    assert '<html lang="en">' in (output / "site/index.html").read_text(encoding="utf-8")


def test_label_tables_have_the_same_keys() -> None:
    from kompiler.render.labels import LABELS

    assert set(LABELS["id"]) == set(LABELS["en"])
