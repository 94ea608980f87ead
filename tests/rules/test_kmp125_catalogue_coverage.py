"""KMP125: no catalogue activity in a bucket the plan needs, up to the level positions require."""

from __future__ import annotations

from kompiler.diagnostics import Severity
from tests.rules.conftest import Project, where
from tests.rules.policy import write_policy

CATALOGUE = "pengembangan/katalog.yaml"


def _only(project: Project, activity: str, level: int) -> None:
    """Lower the level the activity ``activity`` teaches to ``level``."""
    text = project.text(CATALOGUE)
    head, tail = text.split(f"kode: {activity}\n", 1)
    project.write(CATALOGUE, f"{head}kode: {activity}\n" + tail.replace("level: 5", f"level: {level}", 1))


def test_kmp125_a_bucket_below_the_required_level(project: Project) -> None:
    write_policy(project)
    _only(project, "KAT.T.KEU.01.TK", 2)  # the position requires T.KEU.01 at level 3
    [found] = project.diagnostics("KMP125")
    assert found.severity is Severity.WARNING
    assert where(found) == (CATALOGUE, 1, 1)
    assert found.message.en.startswith(
        "The catalogue has no activity in bucket 70 that develops T.KEU.01 up to level 3"
    )


def test_kmp125_a_level_at_the_requirement_is_enough(project: Project) -> None:
    write_policy(project)
    _only(project, "KAT.T.KEU.01.TK", 3)
    assert project.diagnostics("KMP125") == []


def test_kmp125_a_bucket_without_share_is_not_needed(project: Project) -> None:
    write_policy(project)
    _only(project, "KAT.T.KEU.01.TK", 2)
    project.edit("pengembangan/rencana.yaml", '"10": 10', '"10": 30')
    project.edit("pengembangan/rencana.yaml", '"70": 70', '"70": 50')
    assert len(project.diagnostics("KMP125")) == 1
    project.edit("pengembangan/rencana.yaml", '"10": 30', '"10": 100')
    project.edit("pengembangan/rencana.yaml", '"20": 20', '"20": 0')
    project.edit("pengembangan/rencana.yaml", '"70": 50', '"70": 0')
    assert project.diagnostics("KMP125") == []


def test_kmp125_waits_while_a_form_is_unknown(project: Project) -> None:
    write_policy(project)
    _only(project, "KAT.T.KEU.01.TK", 2)
    project.edit(CATALOGUE, "bentuk: coaching", "bentuk: coachng")
    assert {d.code for d in project.diagnostics()} == {"KMP120"}
