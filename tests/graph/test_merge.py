"""Merge proposals: similarity, constraints, determinism, reviewer decisions, drafts and exports."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
import yaml
from markdown_it import MarkdownIt

from kompiler.build.graph_files import merge_markdown, merge_text
from kompiler.diagnostics import Severity
from kompiler.graph import similarity
from kompiler.graph.merge import proposal_dict, result_dict, run_merge
from kompiler.graph.similarity import similarities
from kompiler.merge_settings import MergeSettings
from kompiler.pipeline import compile_path
from tests.report.pr_markdown import ZERO_WIDTH, active, rendered

from .conftest import PLANTED, position, write_project


def _corpus(project: Path):
    result = compile_path(project)
    assert result.ok, [d.message.en for d in result.diagnostics if d.severity is Severity.ERROR]
    return result.corpus


def _groups(project: Path) -> list[list[str]]:
    return [p.member_codes for p in run_merge(_corpus(project)).proposals]


def _scores(corpus) -> Callable[..., float]:
    """``score(a, b)`` of every pair, or one ``component`` of it; 0 for a pair the index never paired."""
    sims = similarities(corpus, MergeSettings(edge_threshold=0.0))
    index = {c: i for i, c in enumerate(sims.codes)}

    def score(a: str, b: str, component: str | None = None) -> float:
        left, right = sorted((index[a], index[b]))
        hit = (sims.left == left) & (sims.right == right)
        values = sims.score if component is None else sims.components[component]
        return float(values[hit][0]) if hit.any() else 0.0

    return score


def test_planted_groups_are_found_and_nothing_else(planted_project: Path) -> None:
    assert _groups(planted_project) == [["NTB.AK.01", "NTB.AK.02", "NTB.AK.03"], ["NTB.PA.01", "NTB.PA.02"]]


def test_similar_work_scores_higher_than_unrelated_work(planted_project: Path) -> None:
    score = _scores(_corpus(planted_project))
    assert score("NTB.AK.01", "NTB.AK.02") > 0.5
    assert score("NTB.AR.01", "NTB.PK.01") < 0.1


def test_managerial_and_sociocultural_requirements_do_not_make_positions_alike(tmp_path: Path) -> None:
    twins = [
        position("NTB.X.01", "Penata Arsip", "AHLI-PERTAMA", {"T.KEU.06": 2}, ["Mengelola arsip dinamis"]),
        position("NTB.X.02", "Teknisi Jaringan", "AHLI-PERTAMA", {"T.KEU.08": 2}, ["Memelihara jaringan"]),
    ]
    corpus = _corpus(write_project(tmp_path / "p", [*twins, *PLANTED]))
    assert _scores(corpus)("NTB.X.01", "NTB.X.02") < 0.1


def test_level_difference_lowers_the_competency_score(tmp_path: Path) -> None:
    """A level apart lowers the score, but requiring the same competency says more about the work than
    how high: level 4 against level 2 keeps most of it (each level token above the first weighs 0.7 of
    the one below), where counting every level like the competency itself halved it."""
    tasks = ["Menganalisis anggaran"]
    corpus = _corpus(
        write_project(
            tmp_path / "p",
            [
                position("NTB.L.01", "Analis A", "AHLI-MUDA", {"T.KEU.01": 4}, tasks),
                position("NTB.L.02", "Analis B", "AHLI-MUDA", {"T.KEU.01": 4}, tasks),
                position("NTB.L.03", "Analis C", "AHLI-MUDA", {"T.KEU.01": 1}, tasks),
                position("NTB.L.04", "Analis D", "AHLI-MUDA", {"T.KEU.01": 2}, tasks),
                *PLANTED,
            ],
        )
    )
    score = _scores(corpus)

    def competency(a: str, b: str) -> float:
        return score(a, b, "kompetensi")

    assert competency("NTB.L.01", "NTB.L.02") == pytest.approx(1.0)
    assert 0 < competency("NTB.L.01", "NTB.L.03") < 1.0
    assert competency("NTB.L.01", "NTB.L.04") == pytest.approx((1 + 0.7**2) / (1 + 0.7**2 + 0.7**4 + 0.7**6))


def _rated(data: dict, importance: dict[str, float]) -> dict:
    for requirement in data["kompetensi"]["teknis"]:
        requirement["kepentingan"] = importance[requirement["kode"]]
    return data


def test_sharing_an_important_competency_counts_more_than_sharing_a_marginal_one(tmp_path: Path) -> None:
    tasks = ["Menyusun laporan"]
    corpus = _corpus(
        write_project(
            tmp_path / "p",
            [
                _rated(
                    position("NTB.I.01", "Analis A", "AHLI-MUDA", {"T.KEU.01": 3, "T.KEU.02": 3}, tasks),
                    {"T.KEU.01": 5, "T.KEU.02": 1},
                ),
                _rated(
                    position("NTB.I.02", "Analis B", "AHLI-MUDA", {"T.KEU.01": 3, "T.KEU.03": 3}, tasks),
                    {"T.KEU.01": 5, "T.KEU.03": 1},
                ),
                _rated(
                    position("NTB.I.03", "Analis C", "AHLI-MUDA", {"T.KEU.02": 3, "T.KEU.04": 3}, tasks),
                    {"T.KEU.02": 1, "T.KEU.04": 5},
                ),
                *PLANTED,
            ],
        )
    )
    score = _scores(corpus)

    def competency(a: str, b: str) -> float:
        return score(a, b, "kompetensi")

    # NTB.I.01 shares one competency with each; the shared one is essential to I.02, marginal to I.03.
    assert competency("NTB.I.01", "NTB.I.02") > 2 * competency("NTB.I.01", "NTB.I.03") > 0


def test_rating_every_requirement_alike_changes_no_score(planted_project: Path, tmp_path: Path) -> None:
    unrated = similarities(_corpus(planted_project), MergeSettings(edge_threshold=0.0))
    rated_project = tmp_path / "rated"
    shutil.copytree(planted_project, rated_project)
    for path in (rated_project / "jabatan").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _rated(data, {r["kode"]: 4 for r in data["kompetensi"]["teknis"]})
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rated = similarities(_corpus(rated_project), MergeSettings(edge_threshold=0.0))
    assert (rated.left == unrated.left).all() and (rated.right == unrated.right).all()
    assert rated.score == pytest.approx(unrated.score)


def test_evidence_every_position_shares_gets_no_weight(planted_project: Path, tmp_path: Path) -> None:
    """One affair and one field of education for every position (an agency's spreadsheet often says no
    more) tell no two positions apart: the context then weighs nothing, and every score is the one
    computed without it, not one pulled down by a component that can only say 0 here."""
    alike = tmp_path / "alike"
    shutil.copytree(planted_project, alike)
    for path in (alike / "jabatan").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["urusan"] = "Pemerintahan Umum"
        for entry in data["persyaratan"]["pendidikan"]:
            entry["bidang"] = ["Administrasi Publik"]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    corpus = _corpus(alike)
    shipped = similarities(corpus, MergeSettings(edge_threshold=0.0))
    without = similarities(
        corpus, MergeSettings(weights={**MergeSettings().weights, "konteks": 0.0}, edge_threshold=0.0)
    )
    assert (shipped.left == without.left).all() and (shipped.right == without.right).all()
    assert shipped.score == pytest.approx(without.score)
    assert not shipped.components["konteks"].any()


def test_word_forms_of_one_stem_make_names_alike(tmp_path: Path) -> None:
    corpus = _corpus(
        write_project(
            tmp_path / "p",
            [
                position("NTB.N.01", "Perencana Anggaran", "AHLI-MUDA", {"T.KEU.01": 3}, ["Menyusun"]),
                position("NTB.N.02", "Perencanaan Program", "AHLI-MUDA", {"T.KEU.05": 3}, ["Mengkaji"]),
                *PLANTED,
            ],
        )
    )
    assert _scores(corpus)("NTB.N.01", "NTB.N.02", "nama") > 0


def test_pairs_come_in_order_whatever_the_row_blocks(planted_project: Path, monkeypatch) -> None:
    corpus = _corpus(planted_project)
    whole = similarities(corpus, MergeSettings(edge_threshold=0.0))
    monkeypatch.setattr(similarity, "BLOCK_ROWS", 2)
    blocked = similarities(corpus, MergeSettings(edge_threshold=0.0))
    keys = blocked.left * len(blocked.codes) + blocked.right
    assert len(keys) > 2 and (keys[1:] > keys[:-1]).all()
    assert (blocked.left == whole.left).all() and (blocked.right == whole.right).all()


def test_no_group_mixes_kinds_grades_or_pelaksana_classifications(planted_project: Path) -> None:
    corpus = _corpus(planted_project)
    for proposal in run_merge(corpus, MergeSettings(threshold=0.05)).proposals:
        kinds = {p.kind for p in proposal.members}
        grades = {p.grade for p in proposal.members}
        classes = {p.classification for p in proposal.members}
        assert len(kinds) == 1 and len(grades) == 1 and len(classes) == 1, proposal.member_codes


def test_pelaksana_across_classifications_only_when_configured(planted_project: Path) -> None:
    corpus = _corpus(planted_project)
    allowed = run_merge(corpus, MergeSettings(pelaksana_across_classifications=True)).proposals
    assert any({"NTB.PA.01", "NTB.PA.03"} <= set(p.member_codes) for p in allowed)


def test_groups_have_cohesion_and_are_deterministic(planted_project: Path, tmp_path: Path) -> None:
    first = result_dict(run_merge(_corpus(planted_project)))
    reordered = write_project(tmp_path / "again", list(reversed(PLANTED)))
    second = result_dict(run_merge(_corpus(reordered)))
    assert first == second
    threshold = first["pengaturan"]["ambang_gabung"]
    for proposal in first["usulan"]:
        for key in ("skor", "skor_gabung"):
            assert proposal[key]["minimum"] <= proposal[key]["rata_rata"]
            assert min(pair[key] for pair in proposal["pasangan"]) == proposal[key]["minimum"]
        assert proposal["skor_gabung"]["minimum"] >= threshold


def test_proposal_explains_itself(planted_project: Path) -> None:
    proposal = result_dict(run_merge(_corpus(planted_project)))["usulan"][0]
    assert [m["kode"] for m in proposal["anggota"]] == ["NTB.AK.01", "NTB.AK.02", "NTB.AK.03"]
    assert [c["kode"] for c in proposal["bukti"]["kompetensi_inti"]] == ["T.KEU.01", "T.KEU.02", "T.KEU.03"]
    assert proposal["bukti"]["kompetensi_inti"][1]["level_tertinggi"] == 3
    assert "Menganalisis realisasi anggaran perangkat daerah" in proposal["bukti"]["tugas_bersama"]
    assert proposal["usulan"] == {"nama": "Analis Anggaran Ahli Muda", "rumpun": "RJ-KEU", "komunitas": 0}


def test_suggested_name_keeps_the_word_order_of_the_names(tmp_path: Path) -> None:
    """Shared words come in the order the member names use them, and the role that opens the name holding
    them leads: one of the members' own names here, not "Pengadministrasi Kepegawaian Data" (the order in
    which the words are first seen across the names)."""
    tasks = ["Mengolah data kepegawaian", "Memutakhirkan data pegawai"]
    profile = {"T.KEU.07": 2, "T.KEU.06": 2}
    project = write_project(
        tmp_path / "names",
        [
            *PLANTED,
            position("NTB.P.01", "Pengadministrasi Kepegawaian", "PELAKSANA", profile, tasks),
            position("NTB.P.02", "Pengelola Data Kepegawaian", "PELAKSANA", profile, tasks),
            position("NTB.P.03", "Pengolah Data Kepegawaian", "PELAKSANA", profile, tasks),
        ],
    )
    names = {
        tuple(m["kode"] for m in p["anggota"]): p["usulan"]["nama"]
        for p in result_dict(run_merge(_corpus(project)))["usulan"]
    }
    assert names[("NTB.P.01", "NTB.P.02", "NTB.P.03")] == "Pengelola Data Kepegawaian"


def test_tasks_in_other_words_are_one_shared_task_and_one_draft_task(tmp_path: Path) -> None:
    """Drafters word one task differently: the evidence shows it as shared, in its most central wording,
    and the draft lists it once; two tasks one position wrote apart stay two, and a name two members
    share is named once in the draft's summary."""
    profile = {"T.KEU.07": 2, "T.KEU.06": 2}
    first = [
        "Menulis berita dan siaran pers kegiatan pimpinan daerah.",
        "Menyusun laporan bulanan kehumasan.",
        "Menyusun laporan tahunan kehumasan.",
    ]
    second = ["Menulis berita dan siaran pers kegiatan pemerintah daerah.", "Memotret kegiatan pimpinan."]
    third = [
        "Menulis berita serta siaran pers kegiatan pemerintah daerah.",
        "Menyusun laporan bulanan kehumasan.",
    ]
    project = write_project(
        tmp_path / "tasks",
        [
            *PLANTED,
            position("NTB.H.01", "Pengelola Publikasi", "PELAKSANA", profile, first),
            position("NTB.H.02", "Pengelola Publikasi", "PELAKSANA", profile, second, unit="Biro Umum"),
            position("NTB.H.03", "Penyusun Bahan Publikasi", "PELAKSANA", profile, third),
        ],
    )
    (proposal,) = (
        p for p in result_dict(run_merge(_corpus(project)))["usulan"] if p["anggota"][0]["kode"] == "NTB.H.01"
    )
    assert proposal["bukti"]["tugas_bersama"] == [
        "Menulis berita dan siaran pers kegiatan pemerintah daerah.",
        "Menyusun laporan bulanan kehumasan.",
    ]
    draft = yaml.safe_load(proposal["rancangan_yaml"])
    assert draft["tugas"] == [
        "Menulis berita dan siaran pers kegiatan pemerintah daerah.",
        "Menyusun laporan bulanan kehumasan.",
        "Menyusun laporan tahunan kehumasan.",
        "Memotret kegiatan pimpinan.",
    ]
    assert draft["ikhtisar"].startswith(
        "Jabatan hasil penggabungan Pengelola Publikasi, Penyusun Bahan Publikasi. "
    )


def test_requirements_without_levels_merge_at_the_levelless_threshold(tmp_path: Path) -> None:
    """A corpus whose technical requirements all have one level compares competencies as sets: it merges
    at 0.45 instead of 0.38 and says so beside the proposals; ``ambang_gabung`` set by the project holds
    for it as for any corpus."""
    positions = copy.deepcopy(PLANTED)
    for data in positions:
        for requirement in data["kompetensi"]["teknis"]:
            requirement["level"] = 2
    corpus = _corpus(write_project(tmp_path / "datar", positions))
    result = run_merge(corpus)
    assert result.threshold == 0.45 and result.levelless
    settings = result_dict(result)["pengaturan"]
    assert settings["ambang_gabung"] == 0.45 and settings["persyaratan_berlevel"] is False
    assert all(p.merge.minimum >= 0.45 for p in result.proposals)
    note = "merge threshold 0.45 is used instead of 0.38. Set ambang_gabung in kompiler.yaml to choose one."
    assert note in merge_text(result, "en") and note in merge_markdown(result, "en")
    assert "ambang gabung 0,45 dipakai, bukan 0,38" in merge_text(result)

    chosen = run_merge(corpus, MergeSettings.from_data({"ambang_gabung": 0.38}))
    assert chosen.threshold == 0.38 and not chosen.levelless
    assert "0.45" not in merge_text(chosen, "en")
    graded = run_merge(_corpus(write_project(tmp_path / "berlevel", PLANTED)))
    assert graded.threshold == 0.38 and result_dict(graded)["pengaturan"]["persyaratan_berlevel"] is True


def test_rejected_merge_is_not_proposed_again_and_accepted_is_marked(planted_project: Path) -> None:
    decisions = {
        "keputusan": [
            {
                "anggota": ["NTB.PA.01", "NTB.PA.02"],
                "keputusan": "tolak",
                "alasan": "Beda unit kerja.",
                "tanggal": "2026-05-01",
            },
            {
                "anggota": ["NTB.AK.01", "NTB.AK.02", "NTB.AK.03"],
                "keputusan": "terima",
                "alasan": "Tugas sama.",
                "tanggal": "2026-05-01",
                "peninjau": "Biro Organisasi",
            },
        ]
    }
    (planted_project / "keputusan-gabung.yaml").write_text(yaml.safe_dump(decisions, allow_unicode=True))
    proposals = run_merge(_corpus(planted_project)).proposals
    assert [p.member_codes for p in proposals] == [["NTB.AK.01", "NTB.AK.02", "NTB.AK.03"]]
    assert proposals[0].status == "diterima"
    assert proposals[0].decision == {
        "alasan": "Tugas sama.",
        "tanggal": "2026-05-01",
        "peninjau": "Biro Organisasi",
    }


def test_a_proposal_status_is_told_in_the_reader_language(planted_project: Path) -> None:
    """``kompiler merge`` names an accepted proposal's status, and the Markdown every proposal's, as the
    site does: in English with --locale en, not as the Indonesian value keputusan-gabung.yaml records."""
    decisions = {
        "keputusan": [
            {
                "anggota": ["NTB.AK.01", "NTB.AK.02", "NTB.AK.03"],
                "keputusan": "terima",
                "alasan": "Tugas sama.",
                "tanggal": "2026-05-01",
            }
        ]
    }
    (planted_project / "keputusan-gabung.yaml").write_text(yaml.safe_dump(decisions))
    result = run_merge(_corpus(planted_project))
    assert {p.status for p in result.proposals} == {"baru", "diterima"}
    assert "[accepted]" in merge_text(result, "en") and "[diterima]" in merge_text(result, "id")
    english = merge_markdown(result, "en")
    assert "- Status: accepted" in english and "- Status: new, not yet reviewed" in english
    assert "- Status: diterima" in merge_markdown(result, "id")


def test_rejecting_a_pair_keeps_it_out_of_larger_groups(planted_project: Path) -> None:
    decisions = {
        "keputusan": [
            {
                "anggota": ["NTB.AK.01", "NTB.AK.03"],
                "keputusan": "tolak",
                "alasan": "Beda.",
                "tanggal": "2026-05-01",
            }
        ]
    }
    (planted_project / "keputusan-gabung.yaml").write_text(yaml.safe_dump(decisions))
    for proposal in run_merge(_corpus(planted_project)).proposals:
        assert not {"NTB.AK.01", "NTB.AK.03"} <= set(proposal.member_codes)


def test_draft_standard_passes_check(planted_project: Path, tmp_path: Path) -> None:
    proposals = run_merge(_corpus(planted_project)).proposals
    assert proposals
    for proposal in proposals:
        copy = tmp_path / proposal.code
        shutil.copytree(planted_project, copy)
        for member in proposal.members:  # the merged position replaces its members
            (copy / "jabatan" / f"{member.code.lower()}.yaml").unlink()
        (copy / "jabatan" / "usulan.yaml").write_text(proposal.draft_yaml(), encoding="utf-8")
        result = compile_path(copy)
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        assert not errors, [(d.code, d.message.en) for d in errors]
        draft = result.corpus.positions[proposal.code]
        assert {r.code: r.level for r in draft.requirements if r.code.startswith("T.")} == {
            c.code: c.highest for c in proposal.core + proposal.optional
        }


def test_draft_rates_a_requirement_as_its_most_demanding_member(tmp_path: Path) -> None:
    planted = copy.deepcopy(PLANTED)
    for data in planted:
        if data["kode"] in ("NTB.AK.01", "NTB.AK.02"):
            rating = 4.5 if data["kode"] == "NTB.AK.01" else 2
            _rated(data, {r["kode"]: rating for r in data["kompetensi"]["teknis"]})
    project = write_project(tmp_path / "p", planted)
    analysts = next(p for p in run_merge(_corpus(project)).proposals if "NTB.AK.01" in p.member_codes)
    core = proposal_dict(analysts)["bukti"]["kompetensi_inti"]
    assert core[0]["kepentingan"] == {"NTB.AK.01": 4.5, "NTB.AK.02": 2}
    draft = yaml.safe_load(analysts.draft_yaml())
    assert {r["kode"]: r.get("kepentingan") for r in draft["kompetensi"]["teknis"]} == {
        "T.KEU.01": 4.5,
        "T.KEU.02": 4.5,
        "T.KEU.03": 4.5,
    }


def test_merge_command_json_and_written_outputs(planted_project: Path, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(["merge", str(planted_project), "--format", "json", "--write", str(out)], tmp_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [len(p["anggota"]) for p in data["usulan"]] == [3, 2]
    graph = json.loads((out / "graph" / "graph.json").read_text())
    relations = {e["relasi"] for e in graph["edges"]}
    assert {"mensyaratkan", "anggota_rumpun", "induk", "berjenjang", "di_unit", "mirip"} <= relations
    graphml = nx.read_graphml(out / "graph" / "graph.graphml")
    assert graphml.nodes["jabatan:NTB.AK.01"]["jenis_jabatan"] == "fungsional_keahlian"
    assert json.loads((out / "merge" / "proposals.json").read_text()) == data
    markdown = run_cli(["merge", str(planted_project), "--format", "markdown"], tmp_path)
    assert markdown.output.startswith("# Usulan penggabungan jabatan")


def test_merge_markdown_neither_mentions_links_nor_breaks_out(run_cli, tmp_path: Path) -> None:
    """``merge --format markdown`` may be posted on a pull request: names and tasks from it read as
    written but mention, link and reference nothing, a ``|`` stays in its table cell, and a draft holding
    a line of backticks stays in its code block."""
    hostile = "@org/team https://evil.example www.evil.example #12 | <b>x</b> [a](b)"
    positions = copy.deepcopy(PLANTED)
    for data in positions[:3]:
        data["nama"] = f"{data['nama']} {hostile}"
        data["tugas"][0] = f"{data['tugas'][0]} {hostile}"
        data["ikhtisar"] = "Baris pertama\n```\n</details>\n@org/team"
        # Shared tasks are listed one per item: one that starts like a block stays the item's text.
        data["tugas"] += ["# Judul palsu", "1. Daftar palsu", "- Butir palsu", "    Kode palsu"]
    project = write_project(tmp_path / "standar", positions)
    result = run_cli(["merge", str(project), "--format", "markdown"], tmp_path)
    assert result.exit_code == 0, result.output
    shown, markup = rendered(result.output)
    assert markup == ["<details><summary>Rancangan standar</summary>", "</details>"] * 2
    assert active(shown) == []
    lines = shown.replace(ZERO_WIDTH, "").split("\n")
    assert "NTB.AK.01" in lines and f"Analis Anggaran Keuangan Ahli Muda {hostile}" in lines
    assert {"# Judul palsu", "1. Daftar palsu", "- Butir palsu", "Kode palsu"} <= set(lines)
    tokens = MarkdownIt("commonmark").parse(result.output)
    drafts = [t.content for t in tokens if t.type == "fence"]
    assert len(drafts) == 2 and "</details>" in drafts[0]
    assert not any(t.type in ("ordered_list_open", "code_block") for t in tokens)
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2", "h2"]


def test_merge_text_shows_a_line_break_in_a_name_and_never_prints_a_control(run_cli, tmp_path: Path) -> None:
    """A line break in a name reaches the standards (a quoted value's ``\\n``); in ``kompiler merge``'s text
    it reads ``\\n`` instead of starting a line that looks like another proposal. An escape sequence, a
    carriage return or a bell never reaches it: the loader refuses the standards (KMP017)."""
    forged = "\n2. USUL.PALSU  skor 0.99 (min 0.99)  → Jabatan Palsu (RJ-KEU)\tx"
    positions = copy.deepcopy(PLANTED)
    positions[0]["nama"] += forged
    project = write_project(tmp_path / "standar", positions)
    result = run_cli(["merge", str(project)], tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    shown = "Analis Anggaran Keuangan Ahli Muda\\n2. USUL.PALSU  skor 0.99 (min 0.99)  → Jabatan Palsu (RJ-KEU)\\tx"
    assert f"   - NTB.AK.01  {shown}" in lines
    assert not any(line.startswith("2. USUL.PALSU") for line in lines)
    for control in ("\x1b[2J\x1b[31m", "\r", "\a"):
        positions[0]["nama"] = f"Analis {control}Anggaran"
        project = write_project(tmp_path / f"standar-{ord(control[0])}", positions)
        result = run_cli(["merge", str(project)], tmp_path)
        assert result.exit_code == 1 and "KMP017" in result.stdout
        assert control[0] not in result.stdout + result.stderr


def test_merge_command_refuses_broken_standards(planted_project: Path, run_cli, tmp_path: Path) -> None:
    (planted_project / "jabatan" / "ntb.ak.01.yaml").write_text("kode: [\n")
    result = run_cli(["merge", str(planted_project)], tmp_path)
    assert result.exit_code == 1


_DECISION = '  - anggota: [{members}]\n    keputusan: {verdict}\n    alasan: Ditinjau.\n    tanggal: "2026-05-0{day}"\n'


def _decide(project: Path, *entries: tuple[str, str]) -> None:
    """Write keputusan-gabung.yaml with one entry per (members, verdict), in order; entry n's verdict is on
    line 3 + 4 * n."""
    body = "".join(
        _DECISION.format(members=members, verdict=verdict, day=n + 1)
        for n, (members, verdict) in enumerate(entries)
    )
    (project / "keputusan-gabung.yaml").write_text(f"keputusan:\n{body}", encoding="utf-8")


def _contradictions(project: Path) -> list[tuple[int, int, str]]:
    """(line, related line, English message) of every KMP118 report, which must be an error."""
    found = [d for d in compile_path(project).diagnostics if d.code == "KMP118"]
    assert all(d.severity is Severity.ERROR for d in found)
    return [(d.location.line, d.related[0].location.line, d.message.en) for d in found]


def test_a_rejection_inside_an_accepted_group_is_a_contradiction(planted_project: Path) -> None:
    """Issue 12: accepting A, B, C and rejecting A, C was not reported; the merge silently obeyed the
    rejection and never showed the accepted group."""
    _decide(planted_project, ("NTB.AK.01, NTB.AK.02, NTB.AK.03", "terima"), ("NTB.AK.03, NTB.AK.01", "tolak"))
    [(line, related, message)] = _contradictions(planted_project)
    assert (line, related) == (7, 3)
    assert message.startswith(
        "This decision rejects merging NTB.AK.01, NTB.AK.03, but the decision on line 3 "
        "accepts merging NTB.AK.01, NTB.AK.02, NTB.AK.03, which puts them together too."
    )


def test_the_same_members_decided_both_ways_is_a_contradiction(planted_project: Path) -> None:
    _decide(planted_project, ("NTB.PA.01, NTB.PA.02", "tolak"), ("NTB.PA.02, NTB.PA.01", "terima"))
    [(line, related, message)] = _contradictions(planted_project)
    assert (line, related) == (7, 3)
    assert message.startswith(
        "This decision accepts merging NTB.PA.01, NTB.PA.02, which puts NTB.PA.01, NTB.PA.02 together, but "
        "the decision on line 3 rejects merging them."
    )


def test_decisions_that_agree_are_not_contradictions(planted_project: Path) -> None:
    _decide(
        planted_project,
        ("NTB.AK.01, NTB.AK.02, NTB.AK.03", "tolak"),  # all three apart is not the pair apart
        ("NTB.AK.01, NTB.AK.02", "terima"),
        ("NTB.AK.01, NTB.AK.02", "terima"),
        ("NTB.PA.01, NTB.AK.03", "tolak"),
    )
    assert _contradictions(planted_project) == []


def test_merge_weights_that_are_all_zero_are_refused_by_the_settings() -> None:
    """Issue 12: all-zero weights crashed the merge stage (exit 3); the check reports them (KMP093), and
    a caller that skipped the check gets the same reason, not a crash deep in the similarity code."""
    with pytest.raises(ValueError, match="Every merge weight is 0"):
        MergeSettings.from_data({"bobot": {"kompetensi": 0, "tugas": 0, "nama": 0, "konteks": 0.0}})
    assert (
        MergeSettings.from_data({"bobot": {"kompetensi": 0, "tugas": 0, "nama": 0}}).weights["konteks"]
        == 0.05
    )
