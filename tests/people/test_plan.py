"""Development plans: 20 JP at least, on 10:20:70, largest gaps first, computed once per signature."""

from __future__ import annotations

import numpy as np

from kompiler.people.match import match_chunk
from kompiler.people.plan import GENERAL, Catalogue, _distinct, plan_chunk, plan_of
from tests.people.engine_helpers import (
    activity,
    catalogue_like_the_default,
    chunk,
    corpus_names,
    development,
    requirements,
)

COMPETENCIES = ("M.01", "M.02", "S.01", "T.01", "T.02")
POSITIONS = {
    "JAB.A": [("M.01", 3), ("M.02", 3), ("S.01", 2), ("T.01", 4), ("T.02", 2)],
    "JAB.D": [("M.01", 2), ("T.01", 4)],
}
REQ = requirements(POSITIONS, COMPETENCIES)


def plans(people, catalogue=None, year=None, tolerance=10.0):
    policy = development(
        catalogue_like_the_default(COMPETENCIES) if catalogue is None else catalogue, tolerance
    )
    c = chunk(REQ.index, people)
    match = match_chunk(c, REQ, policy.match)
    cat = Catalogue.of(policy, REQ.index)
    columns = plan_chunk(c, match, cat, year)
    names = corpus_names(COMPETENCIES)
    return columns, [plan_of(columns, i, match, cat, policy, REQ, names) for i in range(len(people))]


def rows(plan):
    return [(i.competency, i.gap, i.activity, i.bucket, i.jp) for i in plan.items]


MET_A = {"M.01": 3, "M.02": 3, "S.01": 2, "T.01": 4, "T.02": 2}


def test_one_gap_gets_twenty_jp_split_exactly_ten_twenty_seventy() -> None:
    _, (plan,) = plans([("JAB.A", {**MET_A, "M.01": 2})])
    # the assignment keeps the split closest (70 %), then mentoring, then e-learning: 14 + 4 + 2
    assert rows(plan) == [
        ("M.01", 1, "KAT.M.01.TK", 70, 14.0),
        ("M.01", 1, "KAT.M.01.CO", 20, 4.0),
        ("M.01", 1, "KAT.M.01.EL", 10, 2.0),
    ]
    assert plan.total_jp == 20.0 and plan.shares == {10: 10.0, 20: 20.0, 70: 70.0}
    assert plan.meets_minimum and plan.balanced and plan.uncovered == ()
    assert {i.year for i in plan.items} == {2027}


def test_every_gap_is_covered_largest_first() -> None:
    _, (plan,) = plans([("JAB.A", {"M.01": 1, "M.02": 1, "S.01": 1, "T.01": 1})])
    assert [i.competency for i in plan.items] == ["T.01", "M.01", "M.02", "T.02", "S.01"]
    assert [i.gap for i in plan.items] == [3, 2, 2, 2, 1]
    assert plan.total_jp == 36.0 and plan.meets_minimum and plan.balanced


def test_without_gaps_the_plan_aims_at_the_next_level_of_the_least_exceeded_competencies() -> None:
    # JAB.D: M.01 exceeded by 1, T.01 met exactly: T.01 → 5 first, then M.01 → 4, until 20 JP
    _, (plan,) = plans([("JAB.D", {"M.01": 3, "T.01": 4})])
    assert rows(plan) == [
        ("T.01", 0, "KAT.T.01.TK", 70, 14.0),
        ("M.01", 0, "KAT.M.01.CO", 20, 4.0),
        ("T.01", 0, "KAT.T.01.KL", 10, 4.0),
    ]
    assert plan.total_jp == 22.0 and plan.meets_minimum and plan.balanced


def test_an_activity_developing_two_gaps_counts_its_jp_once() -> None:
    catalogue = {
        "PKA": activity("PKA", "lokakarya", 2, ("M.01", 5), ("M.02", 5)),
        "CO": activity("CO", "mentoring", 4, ("M.02", 5)),
        "TK": activity("TK", "penugasan", 14, ("M.02", 5)),
    }
    _, (plan,) = plans([("JAB.A", {**MET_A, "M.01": 2, "M.02": 2})], catalogue)
    # PKA is the only activity for M.01; it also develops M.02, which it then covers at 0 JP
    assert rows(plan) == [
        ("M.01", 1, "PKA", 10, 2.0),
        ("M.02", 1, "PKA", 10, 0.0),
        ("M.02", 1, "TK", 70, 14.0),
        ("M.02", 1, "CO", 20, 4.0),
    ]
    assert sum(i.jp for i in plan.items) == plan.total_jp == 20.0 and plan.balanced


def test_a_gap_the_catalogue_cannot_cover_is_listed_and_general_activities_fill_the_minimum() -> None:
    catalogue = {
        "UMUM.EL": activity("UMUM.EL", "elearning", 2),
        "UMUM.CO": activity("UMUM.CO", "mentoring", 4),
        "UMUM.TK": activity("UMUM.TK", "penugasan", 14),
        "T01.TK": activity("T01.TK", "penugasan", 14, ("T.01", 3)),  # not far enough for level 4
    }
    _, (plan,) = plans([("JAB.D", {"M.01": 2, "T.01": 2})], catalogue)
    assert plan.uncovered == ("T.01",)
    assert rows(plan) == [
        ("", 0, "UMUM.TK", 70, 14.0),
        ("", 0, "UMUM.CO", 20, 4.0),
        ("", 0, "UMUM.EL", 10, 2.0),
    ]
    assert plan.items[0].competency_name == GENERAL
    assert plan.meets_minimum and plan.balanced


def test_an_empty_catalogue_gives_an_empty_plan_that_says_so() -> None:
    _, (plan,) = plans([("JAB.D", {"M.01": 1, "T.01": 4})], {})
    assert plan.items == () and plan.total_jp == 0.0 and not plan.meets_minimum and not plan.balanced
    assert plan.uncovered == ("M.01",)


def test_a_split_out_of_tolerance_is_flagged() -> None:
    catalogue = {"TK": activity("TK", "penugasan", 24, ("M.01", 5))}
    _, (plan,) = plans([("JAB.D", {"M.01": 1, "T.01": 4})], catalogue)
    assert plan.total_jp == 24.0 and plan.meets_minimum and not plan.balanced
    assert plan.shares == {10: 0.0, 20: 0.0, 70: 100.0}


def test_a_plan_is_computed_once_per_signature_and_does_not_depend_on_its_neighbours() -> None:
    people = [
        ("JAB.A", {**MET_A, "M.01": 2}),
        ("JAB.D", {"M.01": 3, "T.01": 4}),
        ("JAB.A", {**MET_A, "M.01": 2}),
        ("JAB.A", {"M.01": 1, "M.02": 1, "S.01": 1, "T.01": 1}),
    ]
    columns, together = plans(people)
    assert len(columns.total_jp) == 3 and columns.row[0] == columns.row[2]
    alone = [plans([p])[1][0] for p in people]
    assert together == alone
    reversed_plans = plans(people[::-1])[1]
    assert reversed_plans[::-1] == together
    assert columns.person("meets_minimum").tolist() == [True] * 4


def test_the_plan_year_follows_the_assessment_or_is_given() -> None:
    columns, (plan,) = plans([("JAB.D", {"M.01": 1, "T.01": 4})], year=2030)
    assert {i.year for i in plan.items} == {2030} and columns.year.tolist() == [2030]
    np.testing.assert_array_equal(plans([("JAB.D", {"M.01": 1})])[0].year, [2027])


def test_plans_of_a_small_unit_match_the_golden_file(golden) -> None:
    people = [
        ("JAB.A", {**MET_A, "M.01": 2}),
        ("JAB.A", {"M.01": 1, "M.02": 1, "S.01": 1, "T.01": 1}),
        ("JAB.A", {"M.01": 2, "M.02": 2, "S.01": 3, "T.01": 3, "T.02": 1}),
        ("JAB.D", {"M.01": 3, "T.01": 4}),
        ("JAB.D", {"M.01": 5, "T.01": 5}),
        ("JAB.D", {"T.01": 2}),
    ]
    lines = ["person\tcompetency\tgap\tactivity\tbucket\tjp\tyear"]
    for n, plan in enumerate(plans(people)[1], start=1):
        lines += [
            f"P{n}\t{i.competency}\t{i.gap}\t{i.activity}\t{i.bucket}\t{i.jp:g}\t{i.year}" for i in plan.items
        ]
        shares = " ".join(f"{b}:{s:g}" for b, s in plan.shares.items())
        lines.append(
            f"P{n}\ttotal {plan.total_jp:g} JP\tshares {shares}\tminimum {plan.meets_minimum}\t"
            f"balanced {plan.balanced}\tuncovered {','.join(plan.uncovered) or '-'}"
        )
    golden("people/plans.tsv", "\n".join(lines) + "\n")


def test_someone_at_level_five_everywhere_still_gets_twenty_jp_keeping_the_level() -> None:
    _, (plan,) = plans([("JAB.D", {"M.01": 5, "T.01": 5})])
    assert [(i.competency, i.gap) for i in plan.items][:1] == [("T.01", 0)]
    assert plan.meets_minimum and plan.total_jp == 22.0


def test_distinct_signatures_group_people_exactly_as_numpy_unique_does() -> None:
    rng = np.random.default_rng(5)
    signature = rng.integers(-1, 4, (2000, 7)).astype(np.int32)
    signature[1000:] = signature[:1000]  # every row twice
    unique, inverse = _distinct(signature)
    np.testing.assert_array_equal(unique[inverse], signature)
    assert len(unique) == len(np.unique(signature, axis=0))


def test_an_empty_chunk_has_empty_plan_columns() -> None:
    columns, found = plans([])
    assert found == [] and columns.row.shape == (0,) and columns.person("total_jp").shape == (0,)
