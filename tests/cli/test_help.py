"""The help of every command in one language: click's own words in it too (:mod:`kompiler.cli.helptext`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import Result

from kompiler.cli import cli
from kompiler.cli.helptext import METAVARS
from tests.cli.test_people import BKD, LEVELS, write_assessment

# What click writes in English in a help, whatever the command's own texts say.
CLICK_ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message and exit.",
    "[default:",
    "[required]",
    "[OPTIONS]",
    "COMMAND [ARGS]",
)
CLICK_TYPE_NAMES = re.compile(r"(?m)^\s+-.* (TEXT|INTEGER( RANGE)?|FLOAT( RANGE)?|DIRECTORY|PATH|FILE)\b")
INDONESIAN_WORDS = ("Penggunaan:", "Opsi:", "Perintah:", "bawaan:", "Tampilkan bantuan", "[OPSI]", "PERINTAH")


def _commands() -> list[list[str]]:
    """Every command's words after ``kompiler``: the group, its commands, and those of ``people``."""
    context = click.Context(cli)
    found: list[list[str]] = [[]]
    for name in cli.list_commands(context):
        command = cli.get_command(context, name)
        found.append([name])
        if isinstance(command, click.Group):
            found += [[name, sub] for sub in command.list_commands(context)]
    return found


COMMANDS = _commands()
REPOSITORY = Path(__file__).parents[2]


def _help(run_cli: Callable[..., Result], words: list[str], tmp_path: Path, *language: str) -> str:
    result = run_cli([*words, "--help", *language], tmp_path)
    assert result.exit_code == 0, result.output
    return result.output


def _command(words: list[str]) -> click.Command:
    command: click.Command = cli
    for word in words:
        assert isinstance(command, click.Group)
        command = command.get_command(click.Context(command), word)
    return command


def _texts(words: list[str]) -> list[str]:
    """The command's description and its visible options' texts."""
    command = _command(words)
    options = [p.help or "" for p in command.params if isinstance(p, click.Option) and not p.hidden]
    return [command.help or "", *options]


def _halves(words: list[str]) -> list[tuple[str, str]]:
    """The (Indonesian, English) halves of the command's texts, each on one line."""
    halves = [re.split(r"\s/\s", " ".join(text.split())) for text in _texts(words)]
    return [(pair[0], pair[1]) for pair in halves if len(pair) == 2]


@pytest.mark.parametrize("words", COMMANDS, ids=lambda words: " ".join(words) or "kompiler")
def test_indonesian_help_has_no_english_of_click(
    words: list[str], run_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command's help once said ``Usage:``, ``Options:``, ``-h, --help  Show this message and
    exit.``, ``[default: …]`` and type names such as ``DIRECTORY`` in English in the middle of Indonesian.
    Without a language chosen kompiler's own texts keep both halves; click's words are Indonesian."""
    default = _help(run_cli, words, tmp_path)
    monkeypatch.setenv("KOMPILER_LOCALE", "id")
    chosen = _help(run_cli, words, tmp_path)
    # Without a language chosen, --help's text has both halves, as --version's and every option's.
    bilingual = "Tampilkan bantuan ini lalu keluar. / Show this message and exit."
    assert bilingual in " ".join(default.split())
    for shown in (default, chosen):
        flat = " ".join(shown.split()).replace(bilingual, "")
        assert [english for english in CLICK_ENGLISH if english in flat] == [], shown
        assert CLICK_TYPE_NAMES.search(shown) is None, shown
        assert shown.startswith("Penggunaan: ")
    flat = " ".join(chosen.split())
    for _, english in _halves(words):
        assert english[:40] not in flat, english  # a language chosen: one half only
    assert "Show this message" not in chosen


@pytest.mark.parametrize("words", COMMANDS, ids=lambda words: " ".join(words) or "kompiler")
def test_english_help_is_english(
    words: list[str], run_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--locale en`` (where the command has it) or KOMPILER_LOCALE=en: click's words as click writes
    them, and only the English half of kompiler's texts."""
    has_option = any(p.name == "locale" for p in _command(words).params)
    chosen = [_help(run_cli, words, tmp_path, "--locale", "en")] if has_option else []
    monkeypatch.setenv("KOMPILER_LOCALE", "en")
    chosen.append(_help(run_cli, words, tmp_path))
    for shown in chosen:
        assert shown.startswith("Usage: ") and "Show this message and exit." in shown, shown
        assert [word for word in INDONESIAN_WORDS if word in shown] == [], shown
        flat = " ".join(shown.split())
        for indonesian, english in _halves(words):
            assert indonesian[:40] not in flat and english[:40] in flat, (indonesian, english)


@pytest.mark.parametrize("group", [[], ["people"]], ids=["kompiler", "people"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_group_lists_each_command_with_its_whole_first_sentence(
    group: list[str], language: str, run_cli: Callable[..., Result], tmp_path: Path, monkeypatch
) -> None:
    """The listing cut summaries at 45 characters ("kesiapan (md,..."), in Indonesian only."""
    monkeypatch.setenv("KOMPILER_LOCALE", language)
    shown = _help(run_cli, group, tmp_path)
    listing = shown.split("Perintah:" if language == "id" else "Commands:")[1]
    assert "..." not in listing
    flat = " ".join(listing.split())
    for words in (w for w in COMMANDS if w[:-1] == group and w):
        first = _halves(words)[0][0 if language == "id" else 1]
        sentence = first[: first.index(". ") + 1] if ". " in first else first
        assert f"{words[-1]} {sentence}" in flat, (words, sentence, flat)


def test_help_texts_are_written_in_two_halves() -> None:
    """Each text of a command or option is "Indonesian / English", which the help writes in one language
    when one is chosen; a text without its two halves would be shown whole in either."""
    for words in COMMANDS:
        single = [text for text in _texts(words) if len(re.findall(r"\s/\s", text)) != 1]
        assert single == [], (words, single)


def test_init_names_its_folder_as_its_description_does(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    shown = _help(run_cli, ["init"], tmp_path)
    assert " init [OPSI] [FOLDER]\n" in shown and "di FOLDER (bawaan: folder ini)." in shown


def _metavars(shown: str) -> set[str]:
    """The metavars a help writes: in its usage line and after each option's spelling."""
    usage = shown.split("\n\n")[0].split("]", 1)[-1]
    terms = [line.strip().split("  ")[0] for line in shown.splitlines() if line.lstrip().startswith("-")]
    return set(re.findall(r"[A-Z][A-Z0-9_-]+", " ".join([usage, *terms])))


@pytest.mark.parametrize("words", COMMANDS, ids=lambda words: " ".join(words) or "kompiler")
def test_metavars_are_in_the_help_s_language(
    words: list[str], run_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """English help wrote ``--as-of TTTT-BB-HH``, ``--only KODE`` and ``pool [OPTIONS] JABATAN FILE``;
    Indonesian help ``FILE``, ``CODE`` and ``DIR``. Without a language chosen they are Indonesian, as
    click's words are then."""
    english = set(METAVARS) - set(METAVARS.values())
    indonesian = set(METAVARS.values()) - set(METAVARS)
    default = _metavars(_help(run_cli, words, tmp_path))
    assert default & (english - {"PATH"}) == set(), default
    monkeypatch.setenv("KOMPILER_LOCALE", "en")
    chosen = _metavars(_help(run_cli, words, tmp_path))
    assert chosen & indonesian == set(), chosen


def test_build_help_writes_numbers_as_each_language_does(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """The appendix limit was "1,000" in the Indonesian half, where Indonesian writes 1.000; and --only,
    like --lampiran, names the .html it writes too."""
    flat = " ".join(_help(run_cli, ["build"], tmp_path).split())
    assert "bawaan: ya sampai 1.000 jabatan." in flat and "default: yes up to 1,000 positions." in flat
    assert "Only one position's SKJ (PDF, .docx, Markdown, HTML)" in flat


@pytest.mark.parametrize(
    ("language", "usage"),
    [("", "Penggunaan: kompiler check [OPSI] [PATH]"), ("en", "Usage: kompiler check [OPTIONS] [PATH]")],
)
def test_a_usage_error_shows_its_usage_line_in_the_language(
    language: str, usage: str, tmp_path: Path
) -> None:
    """The usage line above a mistake is click's too; the mistake itself is told in both languages when
    none is chosen."""
    command = [sys.executable, "-m", "kompiler", "check", "--format", "xml"]
    environment = {**os.environ, "KOMPILER_LOCALE": language, "NO_COLOR": "1"}
    done = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith(usage + "\n"), done.stderr
    assert ("Galat: nilai tidak sah untuk '--format'" in done.stderr) == (not language), done.stderr
    assert "Error: Invalid value" in done.stderr


@pytest.mark.parametrize("group", [[], ["people"]], ids=["kompiler", "people"])
def test_a_group_takes_locale_for_its_help(
    group: list[str], run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """``kompiler --locale en --help`` and ``kompiler people --locale en --help`` exited 2: "No such
    option '--locale'"."""
    shown = _help(run_cli, [*group, "--locale", "en"], tmp_path)
    assert shown.startswith("Usage: ") and "Commands:" in shown, shown


@pytest.mark.parametrize(
    ("words", "language"),
    [
        (["--locale", "en", "explain", "KMP011"], "en"),
        (["--locale", "en", "explain", "--locale", "id", "KMP011"], "id"),
        (["--locale", "id", "explain", "--locale", "en", "KMP011"], "en"),
        (["explain", "KMP011"], "id"),
    ],
)
def test_a_group_s_locale_is_its_commands_unless_they_choose(
    words: list[str], language: str, run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """A command takes the ``--locale`` given to its group when it is not given its own."""
    result = run_cli(words, tmp_path)
    assert result.exit_code == 0, result.output
    assert ("Schema violation" in result.output) == (language == "en"), result.output


def test_people_s_locale_is_its_commands(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    """``people --locale en check FILE``: the group's language, which each of its commands has as well."""
    shutil.copytree(
        REPOSITORY / "standards", tmp_path / "standards", ignore=shutil.ignore_patterns(".kompiler-*")
    )
    file = write_assessment(tmp_path / "asesmen.csv", [("P-001", BKD, LEVELS)])
    shown = run_cli(["people", "--locale", "en", "check", str(file)], tmp_path).output
    assert "1 employee" in shown and "pegawai" not in shown, shown


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [
        (
            "en",
            ["Try 'kompiler check --help' for help.", "Error: No such option '--bogus'"],
            ["Coba", "Galat"],
        ),
        (
            "id",
            ["Coba 'kompiler check --help' untuk bantuan.", "Galat: opsi --bogus tidak ada"],
            ["Try", "Error"],
        ),
        (None, ["untuk bantuan. / Try 'kompiler check", "Galat: opsi --bogus", "Error: No such option"], []),
    ],
)
def test_a_usage_error_is_told_in_the_language_chosen(
    language: str | None, shown: list[str], hidden: list[str], tmp_path: Path
) -> None:
    """``check --locale en --bogus`` printed an English usage line, then "Coba … / Try …" and "Galat: …"
    with "Error: …"; with a language chosen, only its lines; with none, both."""
    chosen = ["--locale", language] if language else []
    command = [sys.executable, "-m", "kompiler", "check", *chosen, "--bogus"]
    environment = {**os.environ, "KOMPILER_LOCALE": "", "NO_COLOR": "1"}
    done = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert [text for text in shown if text not in done.stderr] == [], done.stderr
    assert [text for text in hidden if text in done.stderr] == [], done.stderr


def test_kompiler_s_own_usage_error_is_told_in_each_half(tmp_path: Path) -> None:
    """``diff`` raises its mistakes in both languages; each is told in its own, not the whole text as the
    English sentence below an Indonesian one saying to read it."""
    command = [sys.executable, "-m", "kompiler", "diff", "a", "b", "c", "d"]
    environment = {**os.environ, "KOMPILER_LOCALE": "", "NO_COLOR": "1"}
    done = subprocess.run(
        command, cwd=REPOSITORY, env=environment, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "Galat: terlalu banyak argumen: [REV_A] [REV_B] [PATH]\n" in done.stderr, done.stderr
    assert "Error: too many arguments: [REV_A] [REV_B] [PATH]\n" in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("words", "indonesian"),
    [
        (
            ["people", "check", "asesmen"],
            "Galat: nilai tidak sah untuk 'BERKAS': 'asesmen' adalah folder, bukan berkas.",
        ),
        (
            ["people", "check", "tidak-ada.csv"],
            "Galat: nilai tidak sah untuk 'BERKAS': 'tidak-ada.csv' tidak ada.",
        ),
        (["check", "tidak-ada"], "Galat: nilai tidak sah untuk '[PATH]': 'tidak-ada' tidak ada."),
        (
            ["init", "berkas.txt"],
            "Galat: nilai tidak sah untuk '[FOLDER]': 'berkas.txt' adalah berkas, bukan folder.",
        ),
    ],
)
def test_a_path_refused_is_told_why_in_indonesian_too(
    words: list[str], indonesian: str, tmp_path: Path
) -> None:
    """``people check asesmen`` (a folder) said only "nilai tidak sah untuk 'FILE'." in Indonesian, and
    why ("is a directory") in English alone."""
    (tmp_path / "asesmen").mkdir()
    (tmp_path / "berkas.txt").write_text("", encoding="utf-8")
    command = [sys.executable, "-m", "kompiler", *words]
    environment = {**os.environ, "KOMPILER_LOCALE": "", "NO_COLOR": "1"}
    done = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert indonesian + "\nError: Invalid value" in done.stderr, done.stderr
