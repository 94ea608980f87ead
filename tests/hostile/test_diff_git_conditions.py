"""``kompiler diff`` under the git conditions CI jobs and reviewers meet: a partial clone, a repository
another account owns, no git on PATH, a bare repository. Each is refused with exit code 2 and a message
that says, in Indonesian or English, what to do; the advice given is followed and must work."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import FIXTURES
from tests.hostile.test_diff_hostile import POSITION, commit, git, make_repository


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repository(tmp_path / "repo")


def test_the_partial_clone_advice_fetches_what_the_diff_reads(repo: Path, kompiler, tmp_path: Path) -> None:
    """``git fetch --refetch`` alone fetches again with the clone's own filter (``blob:none``), so the
    blobs stay missing; the command the message names must make the same diff work."""
    (repo / POSITION).write_text((repo / POSITION).read_text().replace("level: 3", "level: 4"))
    commit(repo, "naik")
    git(repo, "config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "partial"
    git(tmp_path, "clone", "-q", "--filter=blob:none", f"file://{repo}", str(clone))
    refused = kompiler(["diff", "HEAD~1", "HEAD"], clone)
    assert refused.exit_code == 2, refused.stderr
    advice = re.search(r"for example (git fetch[^.(]*?)\s*[.(]", refused.stderr)
    assert advice is not None, refused.stderr
    git(clone, *shlex.split(advice.group(1))[1:])
    result = kompiler(["diff", "HEAD~1", "HEAD"], clone)
    assert result.exit_code == 0, (advice.group(1), result.stderr)
    assert "level" in result.stdout


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the repository away"
)
def test_a_repository_another_account_owns_names_safe_directory(repo: Path, kompiler) -> None:
    """A CI container running as root over the runner's checkout: git refuses the repository; the
    drafter reads why in their language, with the command to trust it, not git's English."""
    subprocess.run(["chown", "-R", "65534", str(repo)], check=True)
    result = kompiler(["diff", "HEAD", "HEAD", "--locale", "id"], repo)
    assert result.exit_code == 2, result.stderr
    assert "pemiliknya pengguna lain" in result.stderr
    assert f"git config --global --add safe.directory {repo}" in result.stderr
    assert "\\n" not in result.stderr and "Traceback" not in result.stderr
    english = kompiler(["diff", "HEAD", "HEAD", "--locale", "en"], repo)
    assert english.exit_code == 2
    assert "another user owns it" in english.stderr and "pengguna" not in english.stderr


def test_without_git_on_path_it_says_to_install_git(repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kompiler", "diff", "--locale", "id"],
        cwd=repo,
        env={**os.environ, "PATH": "/nonexistent"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Pasang git" in done.stderr and "PATH" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_bare_repository_says_a_diff_needs_a_clone(repo: Path, kompiler, tmp_path: Path) -> None:
    """A bare repository (a server's copy, a mirror) has no work tree to find the project in."""
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(bare))
    for folder in (bare, repo / ".git"):
        result = kompiler(["diff", "HEAD", "HEAD", "--locale", "id"], folder)
        assert result.exit_code == 2, result.stderr
        assert "pohon kerja" in result.stderr and "git clone" in result.stderr, result.stderr
        assert "git gagal" not in result.stderr


def test_a_base_without_the_standards_says_what_to_check(tmp_path: Path, kompiler) -> None:
    """The pull request that adds the standards to a repository: its base has none. The reviewer reads
    why there is no comparison, and the command that shows what the revision holds."""
    top = tmp_path / "repo"
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    (top / "README.md").write_text("Standar\n")
    commit(top, "awal")
    shutil.copytree(FIXTURES / "minimal", top / "standards")
    commit(top, "standar")
    result = kompiler(["diff", "HEAD~1", "HEAD", "--locale", "id"], top)
    assert result.exit_code == 2, result.stderr
    assert "Revisi HEAD~1 tidak memuat berkas standar di standards" in result.stderr
    assert "git ls-tree --name-only 'HEAD~1' -- standards" in result.stderr
    assert "bandingkan dari revisi yang sudah memuatnya" in result.stderr


def test_revisions_are_read_at_the_path_not_where_a_work_tree_link_leads(repo: Path, kompiler) -> None:
    """A drafter who linked ``standards`` to ``real/`` in their own work tree: the revisions hold the
    standards at ``standards``, where the diff must read them, not at ``real/``."""
    (repo / POSITION).write_text((repo / POSITION).read_text().replace("level: 3", "level: 4"))
    commit(repo, "naik")
    (repo / "standards").rename(repo / "real")
    (repo / "standards").symlink_to("real")
    result = kompiler(["diff", "HEAD~1", "HEAD"], repo)
    assert result.exit_code == 0, result.stderr
    assert "level raised from 3 to 4" in result.stdout
    assert result.stderr == ""


def test_a_committed_link_at_the_standards_is_reported_never_followed(repo: Path, kompiler) -> None:
    """A pull request that turns ``standards`` into a link: the reviewer reads that the revision holds a
    link there (KMP024, at the path), which the diff does not follow, not that the standards are missing
    from the folder the work tree's link leads to."""
    git(repo, "mv", "standards", "real")
    (repo / "standards").symlink_to("real")
    commit(repo, "tautan")
    result = kompiler(["diff", "HEAD~1", "HEAD"], repo)
    assert result.exit_code == 0, result.stderr
    assert "HEAD:standards: KMP024: In this revision this is a symbolic link, not a folder" in result.stderr
    assert "HEAD~1 has" not in result.stderr and "real" not in result.stderr
    assert "removed" in result.stdout
    indonesian = kompiler(["diff", "HEAD~1", "HEAD", "--locale", "id"], repo)
    assert "HEAD:standards: KMP024: Di revisi ini, ini tautan simbolik, bukan folder" in indonesian.stderr


# What hooks, scripts and git aliases leave set for their own repository: each points git at another
# object store, history or shallow boundary than the repository the diff runs in.
LEFTOVER_VARIABLES = {
    "GIT_OBJECT_DIRECTORY": "{other}/.git/objects",
    "GIT_COMMON_DIR": "{other}/.git",
    "GIT_SHALLOW_FILE": "{other}/.git/shallow",
    "GIT_GRAFT_FILE": "{other}/.git/info/grafts",
}


@pytest.mark.parametrize("name", sorted(LEFTOVER_VARIABLES))
def test_git_variables_left_for_another_repository_are_not_passed_on(
    name: str, repo: Path, kompiler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A variable naming part of another repository (a hook's own) must not make the diff read that
    one's objects or history: the diff compares the repository it runs in."""
    (repo / POSITION).write_text((repo / POSITION).read_text().replace("level: 3", "level: 4"))
    commit(repo, "naik")
    other = make_repository(tmp_path / "lain")
    (other / ".git" / "shallow").write_text(git(repo, "rev-parse", "HEAD"))
    (other / ".git" / "info" / "grafts").write_text(git(repo, "rev-parse", "HEAD"))
    monkeypatch.setenv(name, LEFTOVER_VARIABLES[name].format(other=other))
    result = kompiler(["diff", "HEAD~1", "HEAD"], repo)
    assert result.exit_code == 0, result.stderr
    assert "level raised from 3 to 4" in result.stdout


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the repository away"
)
def test_safe_directory_passed_in_the_environment_still_reaches_git(
    repo: Path, kompiler, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI marks the runner's checkout safe through GIT_CONFIG_COUNT/KEY/VALUE: that configuration is
    kept while the repository's location variables are dropped."""
    subprocess.run(["chown", "-R", "65534", str(repo)], check=True)
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "safe.directory")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", str(repo))
    monkeypatch.setenv("GIT_OBJECT_DIRECTORY", "/nonexistent")
    result = kompiler(["diff", "HEAD", "HEAD"], repo)
    assert result.exit_code == 0, result.stderr
