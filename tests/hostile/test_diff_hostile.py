"""``kompiler diff`` against hostile repositories: what a revision holds (links, submodules, huge blobs,
control characters), how the repository is configured, and how the clone was made. Every case runs the
real command line on a real git repository in a temporary folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import FIXTURES
from tests.report.pr_markdown import ZERO_WIDTH, active, rendered

POSITION = "standards/jabatan/analis-keuangan.yaml"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Penyusun",
    "GIT_AUTHOR_EMAIL": "penyusun@example.go.id",
    "GIT_COMMITTER_NAME": "Penyusun",
    "GIT_COMMITTER_EMAIL": "penyusun@example.go.id",
    "GIT_CONFIG_NOSYSTEM": "1",
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
}


def git(top: Path, *args: str, stdin: str | None = None) -> str:
    env = {**GIT_ENV, "HOME": str(top)}
    done = subprocess.run(
        ["git", *args], cwd=top, env=env, input=stdin, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit(top: Path, message: str) -> None:
    git(top, "add", "-A")
    git(top, "commit", "-q", "--allow-empty", "-m", message)


def make_repository(top: Path) -> Path:
    """A git repository at ``top`` holding the minimal project in ``standards/``, committed once."""
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    shutil.copytree(FIXTURES / "minimal", top / "standards")
    commit(top, "awal")
    return top


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repository(tmp_path / "repo")


def test_option_like_revisions_never_reach_git(repo: Path, kompiler, tmp_path: Path) -> None:
    """A revision that git would read as an option (``--output=FILE`` writes a file) is refused."""
    target = tmp_path / "written"
    for revision in (f"--output={target}", "-o", f"--upload-pack=touch {target}", f"HEAD..--output={target}"):
        result = kompiler(["diff", "--", revision, "HEAD", "standards"], repo)
        assert result.exit_code == 2, (revision, result.stderr)
        assert "Traceback" not in result.stderr
    assert not target.exists()


def test_a_huge_blob_in_history_is_refused_from_its_size_unread(repo: Path, kompiler) -> None:
    """256 MiB of comment in one committed file (a few hundred KiB packed) under a 400 MiB memory cap:
    refused as too large from the listed size, never read into memory."""
    with (repo / "standards" / "jabatan" / "besar.yaml").open("wb") as handle:
        handle.write(b"#" * (256 * 1024 * 1024))
    commit(repo, "besar")
    (repo / "standards" / "jabatan" / "besar.yaml").unlink()
    result = kompiler(["diff", "HEAD~1", "HEAD"], repo, memory=400 * 1024 * 1024)
    assert result.exit_code == 0, result.stderr
    assert (
        "HEAD:standards/jabatan/besar.yaml: KMP001: The file is too large (268,435,456 bytes" in result.stderr
    )


def test_links_and_submodules_in_a_revision_are_reported_never_followed(repo: Path, kompiler) -> None:
    """A committed link to /etc/passwd or out of the project, and a submodule as ``rumpun/``, are KMP024
    at their paths; nothing behind them is read, and they are not silently left out."""
    os.symlink("/etc/passwd", repo / "standards" / "jabatan" / "sandi.yaml")
    os.symlink("../../../outside", repo / "standards" / "kamus" / "luar")
    commit(repo, "tautan")
    git(repo, "rm", "-q", "-r", "--cached", "standards/rumpun")
    head = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{head},standards/rumpun")
    git(repo, "commit", "-q", "-m", "submodul")
    result = kompiler(["diff", "HEAD~2", "HEAD"], repo)
    assert result.exit_code == 0, result.stderr
    for place, what in (
        ("jabatan/sandi.yaml", "a symbolic link"),
        ("kamus/luar", "a symbolic link"),
        ("rumpun", "a git submodule"),
    ):
        assert f"HEAD:standards/{place}: KMP024: In this revision this is {what}, not a file" in result.stderr
    assert "root:" not in result.stdout + result.stderr


def test_a_partial_clone_fetches_nothing_and_runs_no_configured_transport(
    repo: Path, kompiler, tmp_path: Path
) -> None:
    """In a partial clone the old blobs are missing; fetching them would run the transport the
    repository's own config names (here a command). kompiler says what to fetch instead."""
    (repo / POSITION).write_text((repo / POSITION).read_text().replace("level: 3", "level: 4"))
    commit(repo, "naik")
    git(repo, "config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "partial"
    git(tmp_path, "clone", "-q", "--no-checkout", "--filter=blob:none", f"file://{repo}", str(clone))
    marker = tmp_path / "transport-ran"
    git(clone, "config", "remote.origin.url", f"ext::sh -c touch% {marker}")
    git(clone, "config", "protocol.ext.allow", "always")
    result = kompiler(["diff", "HEAD~1", "HEAD"], clone)
    assert not marker.exists()
    assert result.exit_code == 2
    assert "partial clone" in result.stderr and "git fetch --refetch" in result.stderr


def test_a_shallow_clone_says_the_history_is_missing(repo: Path, kompiler, tmp_path: Path) -> None:
    commit(repo, "kedua")
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    for arguments in (["HEAD~1"], ["HEAD~1", "HEAD"]):
        result = kompiler(["diff", *arguments], clone)
        assert result.exit_code == 2
        assert "Unknown git revision 'HEAD~1'. This clone is shallow" in result.stderr, arguments


def test_git_that_cannot_run_is_named_not_taken_for_a_missing_repository(
    repo: Path, kompiler_with, tmp_path: Path
) -> None:
    empty = tmp_path / "no-git"
    empty.mkdir()
    result = kompiler_with(["diff"], repo, env={"PATH": str(empty)})
    assert result.exit_code == 2
    assert "git was not found" in result.stderr and "PATH" in result.stderr
    assert "not inside a git repository" not in result.stderr


def test_control_characters_in_names_and_revisions_are_escaped(repo: Path, kompiler) -> None:
    """A name with an escape sequence and a line break, and a branch with a backtick: the text and
    Markdown reports print escapes, never the characters, and a broken side's errors are located."""
    git(repo, "branch", "a`b")
    position = repo / POSITION
    text = position.read_text()
    position.write_text(
        text.replace(text.split("\n")[2], 'nama: "Analis\\x1b]0;judul\\x07\\x1b[31m\\nbaris"')
    )
    text_report = kompiler(["diff", "a`b"], repo)
    markdown = kompiler(["diff", "a`b", "--format", "markdown"], repo)
    for result in (text_report, markdown):
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout
        assert "Analis\\x1b" in result.stdout and "\\nbaris" in result.stdout
    assert "standards/jabatan/analis-keuangan.yaml:3:7: KMP017" in text_report.stderr
    assert "`` a`b `` → `work-tree`" in markdown.stdout


def test_the_pull_request_comment_neither_mentions_links_nor_references(repo: Path, kompiler) -> None:
    """The Markdown the CI templates post as the bot's comment holds names from an unreviewed pull
    request: a team mention, bare URLs, an e-mail address, an issue reference and an entity that renders
    as ``@`` read as written, in the heading line, the headline and both sides of the word diff, but
    notify nobody and link nowhere."""
    hostile = "@org/team https://evil.example www.evil.example a@b.com #123 !45 &#64;org/lain"
    position = repo / POSITION
    text = position.read_text()
    text = text.replace("nama: Analis Keuangan Pusat dan Daerah Ahli Muda", f"nama: '{hostile}'")
    text = text.replace("ikhtisar: Melakukan", "ikhtisar: 'Melakukan").replace(
        "yang andal.", f"yang andal {hostile}.'"
    )
    text = text.replace("  - Menyusun rekomendasi perbaikan penatausahaan keuangan\n", f"  - '{hostile}'\n")
    position.write_text(text)
    result = kompiler(["diff", "--format", "markdown"], repo)
    assert result.exit_code == 0, result.stderr
    shown, markup = rendered(result.stdout)
    assert markup == []
    assert active(shown) == []
    lines = shown.replace(ZERO_WIDTH, "").split("\n")
    assert f"NTB.JF.AKPD.MUDA {hostile}" in lines
    assert f"uraian tugas ditambahkan: “{hostile}”" in lines or f"task added: “{hostile}”" in lines
    # the old text is struck through and the new one bold, both neutralised
    assert any(line.endswith(f"yang andal {hostile}.") for line in lines)


def test_no_amendment_document_from_a_broken_side(repo: Path, kompiler, tmp_path: Path) -> None:
    """An official document must not claim what only a broken file makes appear (nor crash on a control
    character a broken file holds): exit 1, nothing written."""
    position = repo / POSITION
    text = position.read_text()
    position.write_text(text.replace(text.split("\n")[2], 'nama: "Analis\\x1bKeuangan"'))
    out = tmp_path / "perubahan"
    result = kompiler(["diff", "--amendment", str(out)], repo)
    assert result.exit_code == 1, result.stderr
    assert "the amendment document is not written" in result.stderr
    assert not out.exists()


def test_an_amendment_folder_that_cannot_be_one_is_a_usage_error(
    repo: Path, kompiler, tmp_path: Path
) -> None:
    """``--amendment`` naming a named pipe, or a path through a file: exit 2 naming it, never a bug."""
    position = repo / POSITION
    position.write_text(position.read_text().replace("level: 3", "level: 4"))
    pipe = tmp_path / "pipa"
    os.mkfifo(pipe)
    (tmp_path / "berkas").write_text("")
    through_file = tmp_path / "berkas" / "di-dalam"
    for target, says in (
        (pipe, f"{pipe} is not a folder"),
        (through_file, f"The output cannot be written to {through_file}: "),
    ):
        result = kompiler(["diff", "--amendment", str(target)], repo)
        assert result.exit_code == 2, result.stderr
        assert says in result.stderr, result.stderr
    assert pipe.is_fifo()
    assert (tmp_path / "berkas").read_text() == ""


def test_an_amendment_never_overwrites_a_drafters_files_nor_lands_in_the_project(
    repo: Path, kompiler, tmp_path: Path
) -> None:
    """The legal bureau edits perubahan.md after it is generated: the next ``--amendment`` into that
    folder, into a folder of the drafter's own files, or into the project itself is refused (exit 2),
    and every byte stays as it was. A folder kompiler wrote keeps its other files."""
    position = repo / POSITION
    position.write_text(position.read_text().replace("level: 3", "level: 4"))
    own = tmp_path / "milik-saya"
    own.mkdir()
    (own / "perubahan.md").write_text("DRAF YANG SUDAH DISUNTING BIRO HUKUM\n")
    out = tmp_path / "perubahan"
    assert kompiler(["diff", "--amendment", str(out)], repo).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        ".kompiler-output",
        "perubahan.docx",
        "perubahan.md",
        "perubahan.pdf",
    ]
    assert kompiler(["diff", "--amendment", str(out)], repo).exit_code == 0  # its own output is replaced
    (out / "perubahan.md").write_text((out / "perubahan.md").read_text() + "Disunting.\n")
    edited = (out / "perubahan.md").read_bytes()
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    for target, reason in (
        (own, "was not written by kompiler (perubahan.md)"),
        (out, "that changed since (perubahan.md)"),
        (repo, "holds the standards project"),
        (repo / "standards", "is the standards project's folder"),
        (repo / "standards" / "jabatan", "is inside the project's jabatan/ folder"),
    ):
        result = kompiler(["diff", "--amendment", str(target)], repo)
        assert result.exit_code == 2, (target, result.stderr)
        assert reason in result.stderr, result.stderr
        assert result.stdout == ""  # refused before the report: a CI step keeps no report of a failed run
    assert (own / "perubahan.md").read_text() == "DRAF YANG SUDAH DISUNTING BIRO HUKUM\n"
    assert (out / "perubahan.md").read_bytes() == edited
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts} == before


def test_a_revision_with_a_file_for_a_folder_is_an_error_not_a_removal(repo: Path, kompiler) -> None:
    """``jabatan`` committed as a file and ``kompiler.yaml`` as a folder are KMP013 at their paths, as
    they are on disk, so the positions do not silently look removed."""
    standards = repo / "standards"
    shutil.rmtree(standards / "jabatan")
    (standards / "jabatan").write_text("bukan folder\n")
    (standards / "kompiler.yaml").unlink()
    (standards / "kompiler.yaml").mkdir()
    (standards / "kompiler.yaml" / "isi.yaml").write_text("a: 1\n")
    commit(repo, "bentuk salah")
    result = kompiler(["diff", "HEAD~1", "HEAD"], repo)
    assert result.exit_code == 0, result.stderr
    assert "HEAD:standards/jabatan: KMP013: jabatan/ must be a folder" in result.stderr
    assert "HEAD:standards/kompiler.yaml: KMP013: In this revision this is a folder" in result.stderr


def test_a_repository_that_makes_git_wait_forever_is_given_up(repo: Path, kompiler) -> None:
    """A named pipe as ``.git/config`` (a downloaded repository can hold one) makes every git command wait
    for a writer: kompiler stops git once it has been silent for ten seconds and says so."""
    config = repo / ".git" / "config"
    config.unlink()
    os.mkfifo(config)
    result = kompiler(["diff"], repo)
    assert result.exit_code == 2
    assert "git said nothing for 10 seconds and was stopped" in result.stderr


def test_a_name_that_is_not_utf8_is_unchecked_on_both_sides(repo: Path, kompiler) -> None:
    """A committed Latin-1 name is KMP014 in the revision as on disk, so an unchanged file does not
    look removed."""
    source = (repo / POSITION).read_text().replace("AKPD.MUDA", "AKPD.LATIN")
    (repo / "standards" / "jabatan").joinpath(os.fsdecode(b"caf\xe9.yaml")).write_text(source)
    commit(repo, "latin-1")
    result = kompiler(["diff"], repo)
    assert result.exit_code == 0, result.stderr
    assert "No changes in meaning" in result.stdout
    assert "HEAD:standards/jabatan/caf\\xe9.yaml: KMP014" in result.stderr


def test_a_repository_in_a_folder_whose_name_is_not_utf8(tmp_path: Path, kompiler) -> None:
    """git prints the top folder's name as bytes; a Latin-1 name is read, not a crash."""
    top = make_repository(tmp_path / os.fsdecode(b"d\xe9p\xf4t"))
    position = top / POSITION
    position.write_text(position.read_text().replace("level: 3", "level: 4"))
    result = kompiler(["diff"], top)
    assert result.exit_code == 0, result.stderr
    assert "1 change(s)" in result.stdout


def test_a_rewritten_long_text_is_compared_in_bounded_time(repo: Path, kompiler) -> None:
    """Word matching costs up to the cube of a text's length when words repeat: a summary of 5,000
    repeated words rewritten took minutes. Only a small differing middle is matched word by word."""
    position = repo / POSITION
    lines = position.read_text().split("\n")
    summary = next(index for index, line in enumerate(lines) if line.startswith("ikhtisar:"))
    lines[summary] = "ikhtisar: " + "dan " * 5000 + "akhir"
    position.write_text("\n".join(lines))
    commit(repo, "panjang")
    lines[summary] = "ikhtisar: " + "dan yang " * 2500 + "akhir"
    position.write_text("\n".join(lines))
    started = time.monotonic()
    result = kompiler(["diff", "--format", "json"], repo)
    assert time.monotonic() - started < 20
    assert result.exit_code == 0, result.stderr
    change = json.loads(result.stdout)["perubahan"][0]
    assert change["bidang_isian"] == "ikhtisar"
    kept = "".join(part["teks"] for part in change["kata"] if part["op"] != "tambah")
    assert kept == "dan " * 5000 + "akhir"


def test_a_wholesale_recoding_is_compared_in_bounded_time(repo: Path, kompiler) -> None:
    """Every removed position was scored against every added one: 2,000 distinct positions recoded took
    most of a minute. Beyond a million pairs they are reported removed and added, in seconds."""
    template = (repo / POSITION).read_text()
    folder = repo / "standards" / "jabatan"
    for number in range(2000):
        text = template.replace("NTB.JF.AKPD.MUDA", f"NTB.JF.P{number:05d}")
        text = text.replace("\n  - ", f"\n  - Tugas{number} khusus{number * 7} ", 1)
        (folder / f"p{number:05d}.yaml").write_text(text)
    commit(repo, "banyak")
    for path in folder.glob("p*.yaml"):
        path.write_text(path.read_text().replace("NTB.JF.P", "NTB.JF.Q"))
    started = time.monotonic()
    result = kompiler(["diff", "--format", "json"], repo)
    assert time.monotonic() - started < 25
    assert result.exit_code == 0, result.stderr
    kinds = [change["jenis"] for change in json.loads(result.stdout)["perubahan"]]
    assert kinds.count("dihapus") == kinds.count("ditambahkan") == 2000
