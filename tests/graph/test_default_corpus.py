"""The default corpus: every planted overlap is proposed, and no proposal is one a reviewer would reject."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kompiler.graph.merge import run_merge
from kompiler.pipeline import compile_path

REPO = Path(__file__).parents[2]
PLANTED = REPO / "tests" / "fixtures" / "planted_overlaps.yaml"


@pytest.fixture(scope="module")
def proposals():
    if not PLANTED.is_file():
        pytest.skip("tests/fixtures/planted_overlaps.yaml is not written yet")
    return run_merge(compile_path(REPO / "standards").corpus).proposals


def _planted() -> list[dict]:
    return yaml.safe_load(PLANTED.read_text(encoding="utf-8"))["groups"] if PLANTED.is_file() else []


@pytest.mark.parametrize("group", _planted(), ids=lambda g: g["name"])
def test_planted_group_is_found(proposals, group: dict) -> None:
    planted = set(group["members"])
    best = max((len(planted & set(p.member_codes)) for p in proposals), default=0)
    assert best >= max(2, round(0.75 * len(planted))), (group["name"], [p.member_codes for p in proposals])


def test_no_proposal_mixes_kinds_grades_or_classifications(proposals) -> None:
    for proposal in proposals:
        assert len({(p.kind, p.grade, p.classification) for p in proposal.members}) == 1, (
            proposal.member_codes
        )


def test_drafts_pass_check_in_a_copy_of_the_default_corpus(proposals, tmp_path: Path) -> None:
    import shutil

    from kompiler.diagnostics import Severity

    copy = tmp_path / "standards"
    shutil.copytree(REPO / "standards", copy)
    # The merged position replaces its members.
    for proposal in proposals:
        for member in proposal.members:
            (copy / "jabatan" / Path(member.origin.file).name).unlink()
        (copy / "jabatan" / f"{proposal.code.lower()}.yaml").write_text(
            proposal.draft_yaml(), encoding="utf-8"
        )
    errors = [d for d in compile_path(copy).diagnostics if d.severity is Severity.ERROR]
    assert not errors, [(d.code, d.message.en, d.location.file) for d in errors]
