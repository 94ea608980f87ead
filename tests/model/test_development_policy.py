"""The development policy assembled from pengembangan/: every section of the shipped corpus read with
its values and origins, an absent section read as None or empty, a broken one left out."""

from __future__ import annotations

import shutil
from pathlib import Path

from kompiler.model.entities import Confidence, MatchFormula
from kompiler.pipeline import compile_path
from tests.conftest import FIXTURES, REPO


def test_the_shipped_policy() -> None:
    corpus = compile_path(REPO / "standards").corpus
    policy = corpus.development
    assert policy.match is not None and policy.plan is not None and policy.talent is not None
    match = policy.match
    assert (match.version, match.formula, match.capped, match.missing) == (
        "JPM-2026.1",
        MatchFormula.MEAN_RATIO,
        True,
        0,
    )
    assert match.confidence is Confidence.UNVERIFIED
    filling, mapping = match.purposes["pengisian"], match.purposes["pemetaan"]
    assert [(b.code, b.minimum) for b in filling.bands] == [
        ("memenuhi_syarat", 80),
        ("masih_memenuhi_syarat", 68),
        ("kurang_memenuhi_syarat", 0),
    ]
    assert [(b.code, b.minimum) for b in mapping.bands] == [
        ("optimal", 90),
        ("cukup_optimal", 78),
        ("kurang_optimal", 0),
    ]
    assert [filling.band(p).code for p in (80, 79.99, 68, 67.9, 0)] == [
        "memenuhi_syarat",
        "masih_memenuhi_syarat",
        "masih_memenuhi_syarat",
        "kurang_memenuhi_syarat",
        "kurang_memenuhi_syarat",
    ]
    plan = policy.plan
    assert (plan.minimum_jp, plan.shares, plan.tolerance) == (20, {10: 10, 20: 20, 70: 70}, 10)
    assert (plan.confidence, plan.shares_confidence) == (Confidence.VERIFIED, Confidence.UNVERIFIED)
    assert plan.citation is not None and plan.citation.code == "PP-17-2020"
    assert plan.origin.location.file.endswith("pengembangan/rencana.yaml")
    assert policy.talent.boxes[(3, 3)].startswith("Kinerja di atas ekspektasi")
    assert policy.talent.numbers[(3, 3)] == 9 and len(policy.talent.boxes) == 9
    assert [(e.grade, e.equivalent, e.confidence) for e in policy.equivalences] == [
        ("ADMINISTRATOR", "AHLI-MADYA", Confidence.VERIFIED),
        ("PENGAWAS", "AHLI-MUDA", Confidence.VERIFIED),
        ("JPT-PRATAMA", "AHLI-UTAMA", Confidence.UNVERIFIED),
    ]


def test_the_shipped_catalogue_covers_every_competency_in_every_bucket() -> None:
    corpus = compile_path(REPO / "standards").corpus
    policy = corpus.development
    classical = {"pelatihan", "seminar", "workshop", "kursus", "bimtek", "sosialisasi"}
    assert {code for code, form in policy.forms.items() if form.classical} == classical
    covered = {
        (develops.competency, policy.forms[activity.form].bucket)
        for activity in policy.catalogue.values()
        for develops in activity.develops
        if develops.level == 5 or policy.forms[activity.form].bucket == 10
    }
    assert {(code, bucket) for code in corpus.competencies for bucket in (10, 20, 70)} <= covered
    activity = policy.catalogue["KAT.M.01.EL"]
    line = activity.origin.location.line
    text = (REPO / "standards/pengembangan/katalog.yaml").read_text(encoding="utf-8").splitlines()
    assert "kode: KAT.M.01.EL" in text[line - 1]


def test_a_project_without_policy_has_an_empty_one(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "p")
    policy = compile_path(tmp_path / "p").corpus.development
    assert (policy.match, policy.plan, policy.talent) == (None, None, None)
    assert (policy.forms, policy.catalogue, policy.equivalences) == ({}, {}, ())


def test_a_broken_section_is_left_out_and_its_items_kept_apart(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(REPO / "standards", root)
    rencana = root / "pengembangan/rencana.yaml"
    rencana.write_text(rencana.read_text(encoding="utf-8").replace("jp_minimal: 20", "jp_minimal: -1"))
    forms = root / "pengembangan/bentuk-pembelajaran.yaml"
    forms.write_text(forms.read_text(encoding="utf-8").replace("kelompok: 20", "kelompok: 25", 1))
    result = compile_path(root)
    policy = result.corpus.development
    assert policy.plan is None
    assert "coaching" not in policy.forms and "e_learning" in policy.forms
    assert {d.code for d in result.diagnostics} == {"KMP011"}
