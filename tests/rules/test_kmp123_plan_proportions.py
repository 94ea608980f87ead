"""KMP123: 10:20:70 proportions not adding up to 100, or a form in a bucket without a share."""

from __future__ import annotations

from tests.rules.conftest import Project, where
from tests.rules.policy import write_policy

PLAN = "pengembangan/rencana.yaml"


def test_kmp123_proportions_not_adding_up(project: Project) -> None:
    write_policy(project)
    project.edit(PLAN, '"70": 70', '"70": 60')
    [found] = project.diagnostics("KMP123")
    line, column = project.locate(PLAN, '"10"')
    assert where(found) == (PLAN, line, column)
    assert found.message.en == "The proportions add up to 90 (10 + 20 + 60), not 100."


def test_kmp123_a_form_in_a_bucket_without_a_share(project: Project) -> None:
    write_policy(project)
    project.edit(PLAN, '      "20": 20\n', "")
    project.edit(PLAN, '"70": 70', '"70": 90')
    [found] = project.diagnostics("KMP123")
    line, column = project.locate("pengembangan/bentuk.yaml", "kelompok: 20")
    assert where(found) == ("pengembangan/bentuk.yaml", line, column + len("kelompok: "))
    assert found.message.en.startswith("The form 'coaching' is in bucket 20, but rencana.proporsi gives")


def test_kmp123_without_a_plan_nothing_to_judge(project: Project) -> None:
    write_policy(project)
    project.path(PLAN).unlink()
    assert project.diagnostics() == []
