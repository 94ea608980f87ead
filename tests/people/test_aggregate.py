"""The agency view's figures: counted over chunks, small groups suppressed, totals never giving one away."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from kompiler.people.aggregate import Aggregates, Tally, shown, suppress
from kompiler.people.match import match_chunk
from kompiler.people.plan import Catalogue, plan_chunk
from tests.people.engine_helpers import catalogue_like_the_default, chunk, development, requirements

COMPETENCIES = ("M.01", "T.01")
REQ = requirements(
    {"JAB.A": [("M.01", 2), ("T.01", 3)], "JAB.B": [("M.01", 3)], "JAB.C": [("M.01", 2)]}, COMPETENCIES
)
CORPUS = SimpleNamespace(
    positions={"JAB.A": SimpleNamespace(unit="Unit A"), "JAB.B": SimpleNamespace(unit="Unit B"),
               "JAB.C": SimpleNamespace(unit="Unit A")},
    competencies={"M.01": SimpleNamespace(name="Integritas"), "T.01": SimpleNamespace(name="Anggaran")},
)  # fmt: skip


def data(
    people: list[list[int]],
    gap_sum: list[list[float]],
    units: list[int],
    squares: list[list[float]] | None = None,
    reaching: list[int] | None = None,
) -> Aggregates:
    """Groups whose members differ (gaps spread, one plan of each unit short of the minimum JP) unless
    ``squares`` (each cell's sum of squared gaps) and ``reaching`` say otherwise."""
    names = tuple(f"Unit {chr(65 + i)}" for i in range(len(units)))
    count, total = np.array(people), np.array(gap_sum, dtype=float)
    spread = np.where(count > 0, total * total / np.maximum(count, 1) + 1.0, 0.0)
    return Aggregates(
        units=names,
        competencies=("M.01", "T.01"),
        competency_names={},
        people=count,
        gap_sum=total,
        unit_people=np.array(units),
        unit_reaching=np.array(reaching) if reaching is not None else np.array(units) - 1,
        gap_squares=np.array(squares, dtype=float) if squares is not None else spread,
    )


def test_counts_follow_the_unit_of_the_position_and_merge_across_chunks() -> None:
    policy = development(catalogue_like_the_default(COMPETENCIES))
    tally = Tally(CORPUS, REQ)
    cat = Catalogue.of(policy, REQ.index)
    batches = [
        [("JAB.A", {"M.01": 1, "T.01": 3}), ("JAB.B", {"M.01": 3}), ("JAB.C", {"M.01": 2})],
        [("JAB.A", {"M.01": 2}), ("JAB.B", {"M.01": 1})],
    ]
    for people in batches:
        c = chunk(REQ.index, people)
        match = match_chunk(c, REQ, policy.match)
        tally.add(c, match, plan_chunk(c, match, cat))
    found = tally.aggregates()
    assert found.units == ("Unit A", "Unit B") and found.competencies == ("M.01", "T.01")
    assert found.competency_names == {"M.01": "Integritas", "T.01": "Anggaran"}
    # Unit A: three people require M.01 (gaps 1, 0, 0), two T.01 (gaps 0, 3: not scored)
    assert found.people.tolist() == [[3, 2], [2, 0]]
    assert found.gap_sum.tolist() == [[1.0, 3.0], [2.0, 0.0]]
    assert found.gap_squares.tolist() == [[1.0, 9.0], [4.0, 0.0]]  # whether a cell's gaps are all equal
    assert found.unit_people.tolist() == [3, 2]
    assert found.unit_reaching.tolist() == [3, 2]


def test_small_groups_are_suppressed_and_one_more_protects_them_from_the_total() -> None:
    # M.01: units of 8, 4 and 6: the 4 is suppressed; the total less 8 and 6 would reveal it, so the
    # smallest shown cell (6) is suppressed too and the total may show (10 people hidden together)
    figures = suppress(data([[8, 8], [4, 0], [6, 6]], [[4, 8], [4, 0], [3, 3]], [8, 4, 6]))
    column = [row[0] for row in figures.cells]
    assert [(f.people, f.mean_gap, f.secondary) for f in column] == [(8, 0.5, False), (None, None, False),
                                                                     (None, None, True)]  # fmt: skip
    assert figures.totals[0].people == 18 and figures.totals[0].mean_gap == 0.61
    # T.01: nobody in unit B requires it: 0 people, nothing hidden
    assert [(row[1].people, row[1].mean_gap) for row in figures.cells] == [(8, 1.0), (0, None), (6, 0.5)]
    assert figures.totals[1].people == 14
    # units: B (4) suppressed, C (6) suppressed to protect it, the agency total shown
    assert [u.people for u in figures.units] == [8, None, None] and figures.units[2].secondary
    assert figures.agency.people == 18 and figures.agency.share_reaching == 83.3


def test_hidden_groups_that_together_reach_the_minimum_need_no_more() -> None:
    figures = suppress(data([[8, 8], [3, 3], [4, 4]], [[4, 8], [3, 0], [8, 0]], [8, 3, 4]))
    assert [row[0].people for row in figures.cells] == [8, None, None]
    assert not any(row[0].secondary for row in figures.cells)
    assert figures.totals[0].people == 15 and figures.agency.people == 15


def test_a_total_that_only_hidden_people_make_is_hidden() -> None:
    figures = suppress(data([[4, 0]], [[2, 0]], [4]))
    assert figures.cells[0][0].people is None and figures.totals[0].people is None
    assert figures.units[0].people is None and figures.agency.people is None
    assert shown(figures.agency.people) == "disembunyikan" and shown(None, "en") == "suppressed"
    assert shown(0.6111) == "0.61" and shown(8) == "8"


def test_a_group_whose_members_are_all_equal_is_suppressed_whatever_its_size() -> None:
    """A mean gap of 0 over five people says that none of the five has a gap; a mean of 1 with no spread
    that each has a gap of 1: the figure is a value of each member, and so is a share of 0 or 100 %."""
    figures = suppress(
        data(
            [[5, 6], [7, 7], [9, 9]],
            [[0.0, 6.0], [7.0, 4.0], [4.0, 3.0]],
            [5, 7, 9],
            squares=[[0.0, 6.0], [11.0, 8.0], [6.0, 5.0]],  # A: all 0 and all 1; B M.01: 1, 1, 1, 1, 1, 2, 0
            reaching=[5, 0, 4],
        )
    )
    column = [row[0] for row in figures.cells]
    # Unit A's M.01 (all 0) is hidden; the total less the others would give its 0 back, so the smallest
    # other group (B) goes too, and with its differing gaps the two together give nothing away.
    assert [(f.mean_gap, f.secondary) for f in column] == [(None, False), (None, True), (0.44, False)]
    assert figures.totals[0].mean_gap == 0.52
    # A's T.01: six gaps of 1, hidden, and B with it for the same reason
    assert [(row[1].mean_gap, row[1].secondary) for row in figures.cells] == [
        (None, False),
        (None, True),
        (0.33, False),
    ]
    # Plans: all of A reach 20 JP, none of B: both shares hidden, the people counts stay; A and B
    # together (5 of 12) give nothing away, so C's share and the agency's stay
    assert [(u.people, u.share_reaching) for u in figures.units] == [(5, None), (7, None), (9, 44.4)]
    assert figures.agency.share_reaching == 42.9


def test_a_total_whose_whole_group_is_equal_is_hidden() -> None:
    figures = suppress(data([[5, 0], [6, 0]], [[0.0, 0.0], [0.0, 0.0]], [5, 6], squares=[[0, 0], [0, 0]]))
    assert [row[0].mean_gap for row in figures.cells] == [None, None]
    assert figures.totals[0].mean_gap is None and figures.totals[0].people is None


def test_the_share_of_plans_is_protected_from_the_agency_total_too() -> None:
    """All five of A reach the minimum JP: A's share is hidden, and so is B's, or the agency's share less
    B's would give A's 100 % back; both counts of people stay."""
    figures = suppress(data([[5, 5], [7, 7]], [[2.0, 2.0], [3.0, 3.0]], [5, 7], reaching=[5, 3]))
    assert [(u.people, u.share_reaching, u.secondary) for u in figures.units] == [
        (5, None, False),
        (7, None, True),
    ]
    assert figures.agency.people == 12 and figures.agency.share_reaching == 66.7
