"""``kompiler init`` ships the development policy (pengembangan/) and keeps assessments out of git."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kompiler.authoring.scaffold import scaffold
from kompiler.pipeline import compile_path

SECTIONS = ("kecocokan", "rencana", "bentuk_pembelajaran", "katalog", "talenta", "penyetaraan")


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("init") / "standar-baru"
    scaffold(target)
    return target


def test_the_policy_is_shipped_whole_and_checks_clean(scaffolded: Path) -> None:
    result = compile_path(scaffolded / "standards")
    assert [d.code for d in result.diagnostics] == ["KMP126"]  # the regulation number to fill in
    assert sorted({s.name for s in result.corpus.entities.policy_sections}) == sorted(SECTIONS)
    policy = result.corpus.development
    assert policy.match is not None and policy.match.version == "JPM-2026.1"
    assert policy.plan is not None and policy.plan.minimum_jp == 20
    developed = {d.competency for a in policy.catalogue.values() for d in a.develops}
    assert developed == set(result.corpus.competencies)


def test_the_editor_knows_the_policy_schema(scaffolded: Path) -> None:
    settings = json.loads((scaffolded / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["schemas/pengembangan.schema.json"] == "standards/pengembangan/**/*.yaml"
    assert (scaffolded / "schemas/pengembangan.schema.json").is_file()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_assessments_never_enter_the_repository(scaffolded: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=scaffolded, check=True)
    for relative in ("asesmen/hasil-2026.csv", "standards/asesmen/x.xlsx"):
        ignored = subprocess.run(
            ["git", "check-ignore", "-q", "--no-index", relative], cwd=scaffolded, check=False
        )
        assert ignored.returncode == 0, relative
    kept = subprocess.run(
        ["git", "check-ignore", "-q", "--no-index", "standards/pengembangan/katalog.yaml"],
        cwd=scaffolded,
        check=False,
    )
    assert kept.returncode == 1
