"""Job Person Match: the shipped formulas and categories, reproduced on hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest

from kompiler.model.entities import MatchFormula
from kompiler.people.match import bands, match_against, match_chunk, match_of, percentage_of
from tests.people.engine_helpers import chunk, corpus_names, match_policy, requirements

COMPETENCIES = ("M.01", "M.02", "S.01", "T.01", "T.02")
POSITIONS = {
    "JAB.A": [("M.01", 3), ("M.02", 3), ("S.01", 2), ("T.01", 4), ("T.02", 2)],
    "JAB.B": [(c, 5) for c in COMPETENCIES],
    "JAB.D": [("M.01", 2), ("T.01", 4)],
    "JAB.E": [("M.01", 3), ("M.02", 2), ("S.01", 2), ("T.01", 4, 5.0), ("T.02", 3, 3.0)],
    "JAB.KOSONG": [],
}
REQ = requirements(POSITIONS, COMPETENCIES)


def run(people, purpose="pengisian", **policy):
    c = chunk(REQ.index, people, purpose=purpose)
    return match_chunk(c, REQ, match_policy(**policy))


def band_codes(columns, purpose="pengisian"):
    purposes = match_policy().purposes[purpose]
    return [purposes.bands[b].code if b >= 0 else None for b in columns.band]


def test_eighty_exactly_is_memenuhi_syarat_and_an_unscored_competency_counts_as_zero() -> None:
    # 1 + 1 + 1 + 1 + 0/2 (T.02 not scored) = 4 over 5 requirements = 80.00
    result = run([("JAB.A", {"M.01": 3, "M.02": 3, "S.01": 2, "T.01": 4})])
    assert result.percentage.tolist() == [80.0]
    assert band_codes(result) == ["memenuhi_syarat"]
    assert np.isnan(result.actual[0, 4]) and result.gap[0, 4] == 2.0


def test_the_missing_level_is_configurable() -> None:
    # T.02 counted as level 1: (4 + 1/2) / 5 = 90.00
    result = run([("JAB.A", {"M.01": 3, "M.02": 3, "S.01": 2, "T.01": 4})], missing=1.0)
    assert result.percentage.tolist() == [90.0]
    assert result.gap[0, 4] == 1.0


def test_sixty_eight_is_masih_memenuhi_syarat() -> None:
    # (4 + 4 + 4 + 3 + 2) / 5 / 5 = 17/25 = 68.00; one level less is 64.00
    result = run([("JAB.B", dict(zip(COMPETENCIES, (4, 4, 4, 3, 2), strict=True))),
                  ("JAB.B", dict(zip(COMPETENCIES, (4, 4, 3, 3, 2), strict=True)))])  # fmt: skip
    assert result.percentage.tolist() == [68.0, 64.0]
    assert band_codes(result) == ["masih_memenuhi_syarat", "kurang_memenuhi_syarat"]


def test_a_fractional_score_rounds_to_two_decimals_before_it_is_categorised() -> None:
    # (1 + 0.5998) / 2 = 79.99 (masih); (1 + 0.59999) / 2 = 79.9995 shows as 80.00 and is categorised so
    result = run([("JAB.D", {"M.01": 2, "T.01": 4 * 0.5998}), ("JAB.D", {"M.01": 2, "T.01": 4 * 0.59999})])
    assert result.percentage.tolist() == [79.99, 80.0]
    assert band_codes(result) == ["masih_memenuhi_syarat", "memenuhi_syarat"]


@pytest.mark.parametrize(
    ("purpose", "percentages", "expected"),
    [
        ("pengisian", [100.0, 80.0, 79.99, 68.0, 67.99, 0.0],
         ["memenuhi_syarat", "memenuhi_syarat", "masih_memenuhi_syarat", "masih_memenuhi_syarat",
          "kurang_memenuhi_syarat", "kurang_memenuhi_syarat"]),
        ("pemetaan", [90.0, 89.99, 78.0, 77.99, 125.0],
         ["optimal", "cukup_optimal", "cukup_optimal", "kurang_optimal", "optimal"]),
    ],
)  # fmt: skip
def test_band_boundaries_are_inclusive_minimums(purpose, percentages, expected) -> None:
    policy = match_policy()
    found = bands(np.array(percentages), (purpose,) * len(percentages), policy)
    assert [policy.purposes[purpose].bands[b].code for b in found] == expected
    assert [policy.purposes[purpose].band(p).code for p in percentages] == expected


def test_capped_uncapped_and_sum_of_minimums_differ_as_documented() -> None:
    # JAB.D requires M.01 2 and T.01 4; the person has 4 and 2
    person = [("JAB.D", {"M.01": 4, "T.01": 2})]
    assert run(person).percentage.tolist() == [75.0]  # (min(2,1) + 0.5) / 2
    assert run(person, capped=False).percentage.tolist() == [125.0]  # (2 + 0.5) / 2: surplus hides the gap
    assert run(person, formula=MatchFormula.SUM_MINIMUM).percentage.tolist() == [66.67]  # (2 + 2) / 6
    assert band_codes(run(person, capped=False)) == ["memenuhi_syarat"]
    assert band_codes(run(person, formula=MatchFormula.SUM_MINIMUM)) == ["kurang_memenuhi_syarat"]


def test_pemetaan_categories_follow_the_assessment_purpose() -> None:
    result = run([("JAB.B", dict(zip(COMPETENCIES, (5, 5, 5, 5, 3), strict=True)))], purpose="pemetaan")
    assert result.percentage.tolist() == [92.0]
    assert band_codes(result, "pemetaan") == ["optimal"]


def test_no_requirement_or_an_unknown_purpose_gives_no_category() -> None:
    empty = run([("JAB.KOSONG", {"M.01": 3})])
    assert np.isnan(empty.percentage[0]) and empty.band.tolist() == [-1]
    unknown = run([("JAB.D", {"M.01": 2, "T.01": 4})], purpose="promosi")
    assert unknown.percentage.tolist() == [100.0] and unknown.band.tolist() == [-1]


def test_gaps_rank_larger_weighted_gap_first_then_managerial_before_technical() -> None:
    people = [("JAB.E", {"M.01": 1, "M.02": 3, "S.01": 1, "T.01": 3, "T.02": 2})]
    result = run(people)
    c = chunk(REQ.index, people)
    match = match_of(
        result, 0, int(c.position[0]), "pengisian", REQ, match_policy(), corpus_names(COMPETENCIES)
    )
    ranked = [(g.competency, g.gap, round(g.priority, 3)) for g in match.gaps]
    # M.01 gap 2 (unrated: weight 1); T.01 gap 1 at importance 5 (5/3); S.01 and T.02 gap 1 at weight 1:
    # the socio-cultural one first; M.02 is met
    assert ranked == [
        ("M.01", 2, 2.0),
        ("T.01", 1, 1.667),
        ("S.01", 1, 1.0),
        ("T.02", 1, 1.0),
        ("M.02", 0, 0.0),
    ]
    assert match.position == "JAB.E" and match.band == "kurang_memenuhi_syarat"
    assert match.gaps[1].importance == 5.0 and match.gaps[0].importance is None
    assert match.gaps[0].name == "Kompetensi M.01" and match.gaps[0].type == "manajerial"


def test_match_against_other_positions_agrees_with_the_own_position_match() -> None:
    people = [("JAB.A", {"M.01": 3, "M.02": 3, "S.01": 2, "T.01": 4}), ("JAB.D", {"M.01": 4, "T.01": 2})]
    c = chunk(REQ.index, people)
    policy = match_policy()
    at = REQ.index.position_at
    candidates = np.array([[at["JAB.A"], at["JAB.D"], -1], [at["JAB.D"], at["JAB.A"], at["JAB.KOSONG"]]])
    found = match_against(c, candidates, REQ, policy)
    assert found[0, :2].tolist() == [80.0, 100.0] and np.isnan(found[0, 2])
    # person 2 against JAB.A: M.01 1, M.02 0, S.01 0, T.01 0.5, T.02 0 = 1.5 / 5
    assert found[1, :2].tolist() == [75.0, 30.0] and np.isnan(found[1, 2])
    assert found[:, 0].tolist() == match_chunk(c, REQ, policy).percentage.tolist()
    assert percentage_of(np.array([2.0, 4.0]), np.array([4.0, 2.0]), policy) == 75.0
