"""The CI files ``kompiler init`` writes must not pass falsely: the bare name ``kompiler`` on the package
index is an unrelated program that exits 0 without checking anything. They install this project from a
pinned source, and a check step fails the pipeline when the ``kompiler`` command is not this kompiler.

The check and install steps are run here as CI runs them (``bash -e -o pipefail``, as GitHub Actions does),
with the real kompiler and with impostors on PATH."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import kompiler
from kompiler.authoring import scaffold as scaffold_module
from kompiler.authoring.scaffold import DISTRIBUTION, UNSET_SOURCE, pinned_source, scaffold
from tests.hostile.test_diff_hostile import POSITION, commit, git, make_repository

REPO = Path(__file__).parents[2]
BIN = Path(sys.executable).parent
COMMIT = "0123456789abcdef0123456789abcdef01234567"
BARE_INSTALL = re.compile(
    r"pip3? install\s+(--?\S+\s+)*[\"']?kompiler(\[[^\]]*\])?([\"'\s=<>~!]|$)", re.MULTILINE
)
SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin"


def ci_files(root: Path) -> dict[str, str]:
    return {
        "github": (root / ".github" / "workflows" / "kompiler.yml").read_text(encoding="utf-8"),
        "gitlab": (root / ".gitlab-ci.yml").read_text(encoding="utf-8"),
    }


def steps(root: Path) -> dict[str, dict[str, str]]:
    """For each CI system: its variables and the install and check scripts, as CI would run them."""
    github = yaml.safe_load(ci_files(root)["github"])["jobs"]["periksa"]
    by_name = {step.get("name"): step.get("run", "") for step in github["steps"]}
    pipeline = yaml.safe_load(ci_files(root)["gitlab"])
    scripts = pipeline["kompiler"]["script"]
    return {
        "github": {
            **github["env"],
            "install": by_name["Pasang kompiler"],
            "check": by_name["Pastikan kompiler yang benar"],
        },
        "gitlab": {
            **pipeline["variables"],
            "install": next(s for s in scripts if "pip install" in s),
            "check": next(s for s in scripts if "kompiler --version" in s),
        },
    }


def run_step(
    script: str, variables: dict[str, str], path: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a step's script as the runner does, with ``variables`` (kompiler's source and version, and
    any other the step is given) and ``path`` as its environment."""
    env = {**variables, "PATH": path, "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def fake_command(folder: Path, name: str, body: str) -> str:
    """A ``name`` script in ``folder``; returns a PATH that finds it before the system's tools."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return f"{folder}{os.pathsep}{SYSTEM_PATH}"


@pytest.fixture
def initialised(tmp_path: Path, kompiler: Callable) -> Path:
    target = tmp_path / "standar-baru"
    done = kompiler(["init", str(target)], tmp_path)
    assert done.exit_code == 0, done.stderr
    return target


def test_no_bare_install_of_the_index_name(initialised: Path) -> None:
    for name, text in ci_files(initialised).items():
        assert not BARE_INSTALL.search(text), name
        assert 'python -m pip install "$KOMPILER_PAKET"' in text, name


def test_nothing_kompiler_ships_tells_to_install_the_index_name() -> None:
    """The README, the scaffold and every message in the package: none names the unrelated program."""
    shipped = [REPO / "README.md", REPO / ".pre-commit-hooks.yaml", *(REPO / "src").rglob("*.*")]
    offenders = [
        path.relative_to(REPO).as_posix()
        for path in shipped
        if path.suffix in {".md", ".py", ".yaml", ".yml", ".sh", ".txt"}
        and BARE_INSTALL.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_templates_pin_the_source_and_the_version(initialised: Path) -> None:
    for name, found in steps(initialised).items():
        assert found["KOMPILER_VERSI"] == kompiler.__version__, name
        # This test's kompiler is an editable install, whose source CI cannot fetch: the placeholder.
        assert found["KOMPILER_PAKET"] == UNSET_SOURCE, name
        assert "kompiler --version" in found["check"] and "kompiler rules" in found["check"], name


def test_check_step_passes_with_the_real_kompiler(initialised: Path) -> None:
    path = f"{BIN}{os.pathsep}{SYSTEM_PATH}"
    for name, found in steps(initialised).items():
        done = run_step(found["check"], found, path)
        assert done.returncode == 0, (name, done.stderr)
        assert done.stdout.strip() == f"kompiler, version {kompiler.__version__}"


@pytest.mark.parametrize(
    "impostor",
    [
        "exit 0",
        f'echo "kompiler, version {kompiler.__version__}"',
        'echo "kompiler 1.2.1"',
    ],
    ids=["silent", "claims-the-version", "other-program"],
)
def test_check_step_fails_with_an_impostor(initialised: Path, tmp_path: Path, impostor: str) -> None:
    path = fake_command(tmp_path / "palsu", "kompiler", impostor)
    for name, found in steps(initialised).items():
        done = run_step(found["check"], found, path)
        assert done.returncode == 1, (name, done.stdout)
        assert "bukan kompiler standar kompetensi" in done.stderr, name


def test_check_step_fails_on_another_version(initialised: Path) -> None:
    path = f"{BIN}{os.pathsep}{SYSTEM_PATH}"
    for name, found in steps(initialised).items():
        done = run_step(found["check"], {**found, "KOMPILER_VERSI": "9.9.9"}, path)
        assert done.returncode == 1, name


def test_install_step_refuses_the_placeholder(initialised: Path, tmp_path: Path) -> None:
    calls = tmp_path / "python-calls"
    path = fake_command(tmp_path / "palsu", "python", f'echo "$@" >> {calls}')
    for name, found in steps(initialised).items():
        done = run_step(found["install"], found, path)
        assert done.returncode == 1, name
        assert "KOMPILER_PAKET belum diisi" in done.stderr, name
    assert not calls.exists()


def test_install_step_installs_exactly_the_pinned_source(initialised: Path, tmp_path: Path) -> None:
    calls = tmp_path / "python-calls"
    path = fake_command(tmp_path / "palsu", "python", f'printf "%s|" "$@" >> {calls}; echo >> {calls}')
    source = f"{DISTRIBUTION} @ git+https://git.example.org/kompiler.git@{COMMIT}"
    for name, found in steps(initialised).items():
        done = run_step(found["install"], {**found, "KOMPILER_PAKET": source}, path)
        assert done.returncode == 0, (name, done.stderr)
    assert calls.read_text().splitlines() == [f"-m|pip|install|{source}|"] * 2


def test_init_pins_the_commit_a_git_install_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = {"url": "https://git.example.org/kompiler.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}

    class Installed:
        def read_text(self, name: str) -> str | None:
            return json.dumps(record) if name == "direct_url.json" else None

    monkeypatch.setattr(scaffold_module.importlib.metadata, "distribution", lambda name: Installed())
    scaffold(tmp_path / "baru")
    for name, found in steps(tmp_path / "baru").items():
        assert (
            found["KOMPILER_PAKET"] == f"{DISTRIBUTION} @ git+https://git.example.org/kompiler.git@{COMMIT}"
        )
        assert found["KOMPILER_VERSI"] == kompiler.__version__, name


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            {"url": "https://git.example.org/k.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
            f"{DISTRIBUTION} @ git+https://git.example.org/k.git@{COMMIT}",
        ),
        (
            {
                "url": "https://u:rahasia@git.example.org/k.git",
                "vcs_info": {"vcs": "git", "commit_id": COMMIT},
            },
            f"{DISTRIBUTION} @ git+https://git.example.org/k.git@{COMMIT}",
        ),
        (
            {
                "url": "ssh://git@git.example.org/k.git",
                "vcs_info": {"vcs": "git", "commit_id": COMMIT},
                "subdirectory": "alat",
            },
            f"{DISTRIBUTION} @ git+ssh://git@git.example.org/k.git@{COMMIT}#subdirectory=alat",
        ),
        (
            {"url": "https://git.example.org/k.git", "vcs_info": {"vcs": "git", "commit_id": "main"}},
            UNSET_SOURCE,
        ),
        ({"url": "file:///home/penyusun/kompiler", "dir_info": {"editable": True}}, UNSET_SOURCE),
        (
            {"url": "https://git.example.org/k.hg", "vcs_info": {"vcs": "hg", "commit_id": COMMIT}},
            UNSET_SOURCE,
        ),
        (None, UNSET_SOURCE),
        ("bukan json", UNSET_SOURCE),
    ],
    ids=[
        "git",
        "token-dropped",
        "ssh-subdirectory",
        "branch-not-commit",
        "editable",
        "hg",
        "absent",
        "garbage",
    ],
)
def test_pinned_source(record: object, expected: str) -> None:
    text = record if isinstance(record, str) or record is None else json.dumps(record)
    assert pinned_source(text) == expected


def github_if(condition: str, context: dict[str, object]) -> bool:
    """A GitHub Actions ``if:`` of comparisons joined by ``&&``/``||``, evaluated against ``context``
    (``github.event.pull_request.head.repo.full_name`` looked up by its dots; absent is null)."""

    def value(path: str) -> object:
        if path in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[path]
        found: object = context
        for part in path.split("."):
            found = found.get(part) if isinstance(found, dict) else None
        return found

    token = re.compile(r"\s*(?:(&&|\|\||==|!=|!|\(|\))|'([^']*)'|([A-Za-z_][\w.-]*))")
    python, position = [], 0
    while position < len(condition.strip()):
        match = token.match(condition.strip(), position)
        assert match, condition[position:]
        operator, literal, name = match.groups()
        translated = {"&&": " and ", "||": " or ", "!": " not "}
        python.append(
            translated.get(operator, operator)
            if operator
            else repr(literal)
            if literal is not None
            else repr(value(name))
        )
        position = match.end()
    return bool(eval("".join(python), {"__builtins__": {}}))  # only literals and operators reach eval


def gitlab_rules(rules: list[dict[str, str]] | None, variables: dict[str, str]) -> bool:
    """Whether GitLab's ``rules`` (``if:`` of ``$VAR``, ``==``, ``&&``) let a pipeline with ``variables``
    run; an undefined or empty variable is false, as in GitLab."""
    if rules is None:
        return True
    for rule in rules:
        expression = re.sub(r"\$(\w+)", lambda m: repr(variables.get(m.group(1)) or None), rule["if"])
        expression = expression.replace("&&", " and ").replace("||", " or ")
        if eval(expression, {"__builtins__": {}}):  # only literals and operators reach eval
            return rule.get("when", "on_success") != "never"
    return False


PULL_REQUEST = {"event_name": "pull_request", "repository": "instansi/standar"}
EVENTS = {
    "push": {"github": {"event_name": "push", "repository": "instansi/standar"}},
    "same-repo": {
        "github": {
            **PULL_REQUEST,
            "event": {"pull_request": {"head": {"repo": {"full_name": "instansi/standar"}}}},
        }
    },
    "fork": {
        "github": {
            **PULL_REQUEST,
            "event": {"pull_request": {"head": {"repo": {"full_name": "tamu/standar"}}}},
        }
    },
}


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_github_comments_only_where_the_token_can_and_reports_everywhere(
    initialised: Path, event: str
) -> None:
    """A fork's pull request gets a read-only token: ``gh pr comment`` fails there, so it is skipped and
    the report goes to the job summary; the checks still fail the job whoever opened the request."""
    job = yaml.safe_load(ci_files(initialised)["github"])["jobs"]["periksa"]
    by_name = {step.get("name", step.get("uses")): step for step in job["steps"]}
    runs = {name: github_if(step.get("if", "true"), EVENTS[event]) for name, step in by_name.items()}
    summary = next(name for name, step in by_name.items() if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    comment = next(name for name, step in by_name.items() if "gh pr comment" in step.get("run", ""))
    assert runs[summary] == (event != "push")
    assert runs[comment] == (event == "same-repo")
    assert by_name[comment].get("continue-on-error") is True  # a refused comment never fails the job
    for name, step in by_name.items():
        if "kompiler check" in step.get("run", "") or "kompiler fmt" in step.get("run", ""):
            assert runs[name] and not step.get("continue-on-error"), name


PIPELINES = {
    "branch": {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main"},
    "branch-with-open-mr": {
        "CI_PIPELINE_SOURCE": "push",
        "CI_COMMIT_BRANCH": "fitur",
        "CI_OPEN_MERGE_REQUESTS": "x!1",
    },
    "tag": {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_TAG": "v1"},
    "merge-request": {
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
    },
}


@pytest.mark.parametrize("pipeline", sorted(PIPELINES))
def test_gitlab_artifacts_exist_in_every_pipeline_that_names_them(initialised: Path, pipeline: str) -> None:
    """perubahan.md is made only in a merge request pipeline: a job listing it runs only there, so no
    branch or tag pipeline warns about an artifact that was never made; the check runs in every one."""
    config = yaml.safe_load(ci_files(initialised)["gitlab"])
    variables = PIPELINES[pipeline]
    runs = gitlab_rules(config["workflow"]["rules"], variables)
    assert runs == (pipeline != "branch-with-open-mr")  # its merge request pipeline runs instead
    if not runs:
        return
    jobs = {name: job for name, job in config.items() if isinstance(job, dict) and "script" in job}
    ran = {name for name, job in jobs.items() if gitlab_rules(job.get("rules"), variables)}
    assert "kompiler" in ran
    for name in ran:
        artifacts = jobs[name].get("artifacts", {})
        for path in artifacts.get("paths", []):
            assert pipeline == "merge-request", (name, path)
            # Made by a script line; uploaded only when the job succeeded, so the line ran.
            assert any(f"> {path}" in line for line in jobs[name]["script"]), (name, path)
            assert artifacts.get("when", "on_success") == "on_success", (name, path)
    assert any("perubahan.md" in jobs[name].get("artifacts", {}).get("paths", []) for name in ran) == (
        pipeline == "merge-request"
    )


def merge_request_script(root: Path) -> str:
    """The ``perubahan`` job's script after the install and check steps, as GitLab runs it: one shell."""
    scripts = yaml.safe_load(ci_files(root)["gitlab"])["perubahan"]["script"]
    return "\n".join(s for s in scripts if "pip install" not in s and "kompiler --version" not in s)


def replaced(top: Path, old: str, new: str, message: str) -> str:
    """Commit ``old`` replaced by ``new`` in the position at ``top``; the new commit's id."""
    position = top / POSITION
    position.write_text(position.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    commit(top, message)
    return git(top, "rev-parse", "HEAD").strip()


@pytest.mark.parametrize("pipeline", ["fork", "same-project", "merged-results"])
def test_gitlab_merge_request_report_holds_only_its_own_changes(
    initialised: Path, tmp_path: Path, pipeline: str
) -> None:
    """GitLab runs a fork's merge request pipeline in the fork: its origin is the fork, whose main here
    went its own way and lags behind where the merge request branched. The job reads the target project's
    branch from its URL, with no credentials, into a shallow clone, and compares from where the merge
    request branched (in a merged results pipeline, from the target commit merged into), so neither the
    fork's main nor the target's later commits show as the merge request's changes."""
    target = make_repository(tmp_path / "tujuan")
    git(tmp_path, "clone", "-q", str(target), "fork")
    fork = tmp_path / "fork"
    replaced(fork, "Menganalisis realisasi", "Tugas hanya di fork, menganalisis realisasi", "fork")
    base = replaced(target, "  - Laporan analisis", "  - Hasil dari tujuan\n  - Laporan analisis", "tujuan")
    source = fork if pipeline == "fork" else target
    if pipeline == "fork":
        git(fork, "fetch", "-q", str(target), base)
    git(source, "checkout", "-q", "-b", "fitur", base)
    mine = "  - Tugas dari merge request\n  - Menyusun rekomendasi"
    replaced(source, "  - Menyusun rekomendasi", mine, "mr")
    git(target, "checkout", "-q", "main")
    tip = replaced(target, "yang andal.", "yang andal dan tepat waktu.", "tujuan berlanjut")
    variables = {
        "CI_PROJECT_ID": "2" if pipeline == "fork" else "1",
        "CI_MERGE_REQUEST_PROJECT_ID": "1",
        "CI_MERGE_REQUEST_PROJECT_URL": f"file://{target}",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
    }
    branch = "fitur"
    if pipeline == "merged-results":  # the pipeline runs on the merge of the request into the target's tip
        git(target, "checkout", "-q", "-b", branch := "gabungan", tip)
        git(target, "merge", "-q", "--no-ff", "-m", "gabung", "fitur")
        variables["CI_MERGE_REQUEST_TARGET_BRANCH_SHA"] = tip
    clone = tmp_path / "ci"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", branch, f"file://{source}", str(clone))
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", merge_request_script(initialised)],
        cwd=clone,
        env={**variables, "PATH": f"{BIN}{os.pathsep}{SYSTEM_PATH}", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = (clone / "perubahan.md").read_text(encoding="utf-8")
    assert "Tugas dari merge request" in report
    for elsewhere in ("hanya di fork", "Hasil dari tujuan", "tepat waktu"):
        assert elsewhere not in report, elsewhere


# A branch name git accepts (``git check-ref-format --branch``) that a shell would run as commands.
HOSTILE_BRANCH = "main$(touch${IFS}DIJALANKAN)`touch${IFS}DIJALANKAN`;touch${IFS}DIJALANKAN"


def github_expressions(text: str, context: dict[str, object]) -> str:
    """``text`` with every ``${{ a.b.c }}`` replaced by its value, as text, the way GitHub Actions puts
    an expression into a step before any shell sees it."""

    def value(match: re.Match[str]) -> str:
        found: object = context
        for part in match.group(1).split("."):
            found = found.get(part) if isinstance(found, dict) else None
        return "" if found is None else str(found)

    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", value, text)


def test_github_values_never_become_shell_commands(initialised: Path, tmp_path: Path) -> None:
    """Whatever GitHub puts into a step (the target branch's name, the pull request's number) reaches
    kompiler and gh as one argument each, never as shell commands: a branch may be named
    ``main$(…)``. Every step that takes a value from GitHub runs here, as the runner runs it."""
    context = {
        "github": {
            **EVENTS["same-repo"]["github"],
            "base_ref": HOSTILE_BRANCH,
            "token": "token-uji",
            "event": {"pull_request": {"number": 7, "head": {"repo": {"full_name": "instansi/standar"}}}},
        }
    }
    job = yaml.safe_load(ci_files(initialised)["github"])["jobs"]["periksa"]
    log = tmp_path / "argumen.log"
    record = f'for a in "$0" "$@"; do printf "%s\\0" "$a"; done >> {log}; printf "\\n\\0" >> {log}'
    path = fake_command(tmp_path / "bin", "kompiler", record)
    fake_command(tmp_path / "bin", "gh", record)
    work = tmp_path / "kerja"
    work.mkdir()
    ran = []
    for step in job["steps"]:
        values = {**job.get("env", {}), **step.get("env", {})}
        if "run" not in step or "${{" not in step["run"] + json.dumps(values):
            continue
        env = {name: github_expressions(str(value), context) for name, value in values.items()}
        env["GITHUB_STEP_SUMMARY"] = str(tmp_path / "ringkasan.md")
        done = run_step(github_expressions(step["run"], context), env, path, cwd=work)
        assert done.returncode == 0, (step["name"], done.stderr)
        ran.append(step["name"])
    calls = [call.strip("\0").split("\0") for call in log.read_text(encoding="utf-8").split("\n\0") if call]
    assert len(ran) == 2 and not (work / "DIJALANKAN").exists(), ran
    assert [Path(call[0]).name for call in calls] == ["kompiler", "gh"]
    assert calls[0][1:5] == ["diff", f"origin/{HOSTILE_BRANCH}", "HEAD", "standards"]
    assert calls[1][1:4] == ["pr", "comment", "7"]


def test_github_checkout_keeps_no_token_in_the_repository(initialised: Path) -> None:
    """No step pushes, so the checkout does not leave the job's token in ``.git/config``, where every
    later step (pip installing kompiler's dependencies among them) could read it."""
    job = yaml.safe_load(ci_files(initialised)["github"])["jobs"]["periksa"]
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
