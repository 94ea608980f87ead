"""Every kind of change, made in a real git repository and found by comparing two revisions."""

from __future__ import annotations

from pathlib import Path

from git_project import POSITION, GitProject

from kompiler.diff import Repository, compare_revisions
from kompiler.diff.changes import Change, Kind, Subject
from kompiler.diff.wording import headline

MANAGERIAL = "standards/kamus/manajerial.yaml"
TECHNICAL = "standards/kamus/teknis-keuangan.yaml"
FAMILIES = "standards/rumpun/rumpun.yaml"
SOURCES = "standards/sumber.yaml"


def changes(project: GitProject, before: str = "HEAD", after: str | None = None) -> list[Change]:
    repository = Repository.containing(project.top)
    return compare_revisions(repository, before, after, project.top / "standards").changes


def find(found: list[Change], kind: Kind, code: str, **fields) -> Change:
    matches = [
        c
        for c in found
        if c.kind is kind and c.code == code and all(getattr(c, k) == v for k, v in fields.items())
    ]
    assert len(matches) == 1, f"{kind} {code} {fields} not found once in {found}"
    return matches[0]


def competency(data: dict, code: str) -> dict:
    return next(item for item in data["kompetensi"] if item["kode"] == code)


def test_identical_revisions_have_no_changes(project: GitProject) -> None:
    assert changes(project) == []


def test_competency_added_and_removed(project: GitProject) -> None:
    def edit(data: dict) -> None:
        removed = competency(data, "M.08")
        data["kompetensi"].remove(removed)
        added = {
            "kode": "M.09",
            "nama": "Berpikir Sistem",
            "definisi": "Kemampuan melihat keterkaitan unsur organisasi secara utuh dan menyeluruh.",
            "level": [{"level": 1, "deskripsi": "Mengenali keterkaitan", "indikator": []}],
        }
        data["kompetensi"].append(added)

    project.edit(MANAGERIAL, edit)
    found = changes(project)
    find(found, Kind.REMOVED, "M.08", subject=Subject.COMPETENCY)
    find(found, Kind.ADDED, "M.09", subject=Subject.COMPETENCY, name="Berpikir Sistem")


def test_competency_recoded_is_found_by_content(project: GitProject) -> None:
    def edit(data: dict) -> None:
        item = competency(data, "T.KEU.02")
        item["kode"] = "T.KEU.12"
        item["nama"] = "Penyusunan Laporan Keuangan Daerah"

    project.edit(TECHNICAL, edit)
    found = changes(project)
    renamed = find(found, Kind.RENAMED, "T.KEU.12", old_code="T.KEU.02")
    assert renamed.similarity == 1.0
    find(found, Kind.CHANGED, "T.KEU.12", field="nama", after="Penyusunan Laporan Keuangan Daerah")
    assert not [c for c in found if c.kind in (Kind.ADDED, Kind.REMOVED)]
    # The position still names the old code; the requirement is the same requirement.
    assert not [c for c in found if c.subject is Subject.POSITION]


def test_definition_and_level_edits_carry_word_diffs(project: GitProject) -> None:
    def edit(data: dict) -> None:
        item = competency(data, "M.01")
        item["definisi"] = item["definisi"].replace(
            "jujur dalam hubungan", "jujur serta terbuka dalam hubungan"
        )
        level3 = item["level"][2]
        level3["deskripsi"] = "Mampu memastikan anggota yang dipimpin bertindak sesuai nilai organisasi"
        level3["indikator"][0]["uraian"] = "Memastikan seluruh anggota tim bertindak sesuai nilai organisasi."
        level3["indikator"].append({"nomor": "3.4", "uraian": "Menegakkan kode etik di unit kerja."})
        item["level"][1]["indikator"].pop()  # 2.4 removed
        item["level"].pop()  # level 5 removed

    project.edit(MANAGERIAL, edit)
    found = changes(project)
    definition = find(found, Kind.CHANGED, "M.01", field="definisi")
    assert ("tambah", "serta terbuka") in [(s.op.value, s.text.strip()) for s in definition.words]
    find(found, Kind.CHANGED, "M.01", field="deskripsi", level=3)
    indicator = find(found, Kind.CHANGED, "M.01", field="indikator", level=3, item="3.1")
    ops = [(s.op.value, s.text.strip()) for s in indicator.words]
    assert ("tambah", "seluruh") in ops
    assert ops[ops.index(("hapus", "yang dipimpin")) + 1] == ("tambah", "tim")
    find(found, Kind.INDICATOR_ADDED, "M.01", level=3, item="3.4")
    find(found, Kind.INDICATOR_REMOVED, "M.01", level=2, item="2.4")
    find(found, Kind.LEVEL_REMOVED, "M.01", level=5)


def test_level_added_and_indicator_renumbered(project: GitProject) -> None:
    def edit(data: dict) -> None:
        item = competency(data, "T.KEU.01")
        removed = item["level"].pop()
        indicators = item["level"][0]["indikator"]
        indicators[0]["nomor"], indicators[1]["nomor"] = "1.2", "1.1"
        project.removed_level = removed

    project.edit(TECHNICAL, edit)
    project.commit("tanpa level 5")
    project.edit(TECHNICAL, lambda data: competency(data, "T.KEU.01")["level"].append(project.removed_level))
    found = changes(project)
    find(found, Kind.LEVEL_ADDED, "T.KEU.01", level=5)
    found_back = changes(project, "HEAD~1", "HEAD")
    find(found_back, Kind.INDICATOR_RENUMBERED, "T.KEU.01", level=1, before="1.1", after="1.2")
    find(found_back, Kind.INDICATOR_RENUMBERED, "T.KEU.01", level=1, before="1.2", after="1.1")
    find(found_back, Kind.LEVEL_REMOVED, "T.KEU.01", level=5)


def test_requirement_changes_per_position(project: GitProject) -> None:
    def edit(data: dict) -> None:
        groups = data["kompetensi"]
        groups["manajerial"][0]["level"] = 3  # M.01 2 → 3
        groups["teknis"][0]["level"] = 2  # T.KEU.01 3 → 2
        groups["teknis"].pop()  # T.KEU.02 removed
        groups["sosial_kultural"].append({"kode": "SK.02", "level": 2})

    project.edit(POSITION, edit)
    found = changes(project)
    code = "NTB.JF.AKPD.MUDA"
    find(found, Kind.REQUIREMENT_RAISED, code, item="M.01", before=2, after=3)
    find(found, Kind.REQUIREMENT_LOWERED, code, item="T.KEU.01", before=3, after=2)
    find(found, Kind.REQUIREMENT_REMOVED, code, item="T.KEU.02", before=2)
    find(found, Kind.REQUIREMENT_ADDED, code, item="SK.02", after=2)


def test_requirement_importance_rated_and_rerated(project: GitProject) -> None:
    project.edit(POSITION, lambda data: data["kompetensi"]["teknis"][0].update(kepentingan=4))
    project.commit("rate")
    project.edit(POSITION, lambda data: data["kompetensi"]["teknis"][0].update(kepentingan=2.5))
    code = "NTB.JF.AKPD.MUDA"
    rated = find(changes(project, "HEAD~1", "HEAD"), Kind.REQUIREMENT_IMPORTANCE, code)
    assert (rated.item, rated.before, rated.after) == ("T.KEU.01", None, 4)
    rerated = find(changes(project), Kind.REQUIREMENT_IMPORTANCE, code)
    assert (rerated.item, rerated.before, rerated.after) == ("T.KEU.01", 4, 2.5)
    assert headline(rerated).id == "kepentingan kompetensi T.KEU.01 diubah dari 4 menjadi 2.5"
    assert headline(rated).en == "importance of competency T.KEU.01 set at 4"
    assert [c.kind for c in changes(project)] == [Kind.REQUIREMENT_IMPORTANCE]


def test_position_fields_tasks_and_qualifications(project: GitProject) -> None:
    def edit(data: dict) -> None:
        data["nama"] = "Analis Keuangan Daerah Ahli Muda"
        data["ikhtisar"] = data["ikhtisar"].replace("yang andal", "yang andal dan tepat waktu")
        data["tugas"][0] = "Menganalisis realisasi anggaran seluruh perangkat daerah"
        data["tugas"].append("Menyusun kajian kebijakan pengelolaan kas daerah")
        data["tugas"].remove("Menyusun rekomendasi perbaikan penatausahaan keuangan")
        data["persyaratan"]["pangkat"]["golongan"] = "III/d"
        data["berlaku_mulai"] = "2026-07-01"
        data["berlaku_sampai"] = "2030-12-31"
        data["sumber"]["pasal"] = "Pasal 6"

    project.edit(POSITION, edit)
    found = changes(project)
    code = "NTB.JF.AKPD.MUDA"
    find(found, Kind.CHANGED, code, field="nama", after="Analis Keuangan Daerah Ahli Muda")
    summary = find(found, Kind.CHANGED, code, field="ikhtisar")
    assert ("tambah", "dan tepat waktu") in [(s.op.value, s.text.strip()) for s in summary.words]
    find(
        found,
        Kind.CHANGED,
        code,
        field="tugas",
        after="Menganalisis realisasi anggaran seluruh perangkat daerah",
    )
    find(
        found, Kind.ITEM_ADDED, code, field="tugas", after="Menyusun kajian kebijakan pengelolaan kas daerah"
    )
    find(found, Kind.ITEM_REMOVED, code, field="tugas")
    find(
        found,
        Kind.CHANGED,
        code,
        field="persyaratan.pangkat",
        before="III/c (mutlak)",
        after="III/d (mutlak)",
    )
    find(found, Kind.CHANGED, code, field="berlaku_mulai", before="2026-04-01", after="2026-07-01")
    find(found, Kind.CHANGED, code, field="berlaku_sampai", before=None, after="2030-12-31")
    find(found, Kind.CHANGED, code, field="sumber", before="PERMENPANRB-38-2017 Pasal 5")


def test_task_order_alone_is_no_change(project: GitProject) -> None:
    project.edit(POSITION, lambda data: data["tugas"].reverse())
    assert changes(project) == []


def test_families_and_position_family(project: GitProject) -> None:
    def families(data: dict) -> None:
        data["rumpun"].append({"kode": "RJ-ASET", "nama": "Pengelolaan Aset", "induk": "RJ-ADM"})
        data["rumpun"][1]["nama"] = "Keuangan, Akuntansi, dan Perbendaharaan"

    project.edit(FAMILIES, families)
    project.edit(POSITION, lambda data: data.update(rumpun="RJ-ASET"))
    found = changes(project)
    find(found, Kind.ADDED, "RJ-ASET", subject=Subject.FAMILY)
    find(found, Kind.CHANGED, "RJ-KEU", subject=Subject.FAMILY, field="nama")
    find(found, Kind.CHANGED, "NTB.JF.AKPD.MUDA", field="rumpun", before="RJ-KEU", after="RJ-ASET")


def test_sources_added_revoked_and_recoded(project: GitProject) -> None:
    def edit(data: dict) -> None:
        items = data["sumber"]
        items.append(
            {
                "kode": "PERGUB-NTB-20-2027",
                "jenis": "Peraturan Gubernur",
                "nomor": "20",
                "tahun": 2027,
                "judul": "Perubahan",
            }
        )
        pp = next(item for item in items if item["kode"] == "PP-17-2020")
        pp["kode"] = "PP-17-2020-PERUBAHAN"
        bkn = next(item for item in items if item["kode"] == "PERBKN-6-2021")
        bkn["status"] = "dicabut"
        bkn["dicabut_oleh"] = "PERGUB-NTB-20-2027"

    project.edit(SOURCES, edit)
    found = changes(project)
    find(found, Kind.ADDED, "PERGUB-NTB-20-2027", subject=Subject.SOURCE)
    find(found, Kind.RENAMED, "PP-17-2020-PERUBAHAN", old_code="PP-17-2020")
    find(found, Kind.CHANGED, "PERBKN-6-2021", field="status", before="berlaku", after="dicabut")
    find(found, Kind.CHANGED, "PERBKN-6-2021", field="dicabut_oleh", after="PERGUB-NTB-20-2027")


def test_grade_level_change(project: GitProject) -> None:
    project.edit("standards/jenjang.yaml", lambda data: data["jenjang"][7].update(level_manajerial=3))
    found = changes(project)
    find(found, Kind.CHANGED, "AHLI-MUDA", subject=Subject.GRADE, field="level_manajerial", before=2, after=3)


TASKS_A = ["Menyusun rencana kebutuhan barang milik daerah", "Menatausahakan inventaris barang milik daerah"]
TASKS_B = ["Menilai kewajaran nilai aset tetap daerah", "Menyusun laporan penilaian aset tetap daerah"]
TASKS_C = ["Memverifikasi dokumen pencairan dana hibah", "Mengevaluasi pertanggungjawaban dana hibah"]


def test_positions_added_removed_and_recoded(project: GitProject) -> None:
    project.position("NTB.PLK.ASET", TASKS_A, [("T.KEU.01", 2)])
    project.position("NTB.PLK.HIBAH", TASKS_C, [("T.KEU.02", 2)])
    project.commit("dua jabatan")
    project.remove("standards/jabatan/ntb.plk.aset.yaml")
    project.position("NTB.PLK.BMD", TASKS_A, [("T.KEU.01", 2)])  # same content, new code
    project.remove("standards/jabatan/ntb.plk.hibah.yaml")
    project.position("NTB.PLK.PENILAI", TASKS_B, [("T.KEU.02", 3)])
    found = changes(project)
    find(found, Kind.RENAMED, "NTB.PLK.BMD", old_code="NTB.PLK.ASET")
    find(found, Kind.REMOVED, "NTB.PLK.HIBAH")
    find(found, Kind.ADDED, "NTB.PLK.PENILAI")


def test_two_positions_merged_into_a_new_one(project: GitProject) -> None:
    project.position("NTB.PLK.ASET", TASKS_A, [("T.KEU.01", 2)])
    project.position("NTB.PLK.PENILAI", TASKS_B, [("T.KEU.02", 2)])
    project.commit("dua jabatan")
    project.remove("standards/jabatan/ntb.plk.aset.yaml")
    project.remove("standards/jabatan/ntb.plk.penilai.yaml")
    project.position("NTB.PLK.PENGELOLA-BMD", TASKS_A + TASKS_B, [("T.KEU.01", 2), ("T.KEU.02", 2)])
    found = changes(project)
    merged = find(found, Kind.MERGED, "NTB.PLK.PENGELOLA-BMD")
    assert set(merged.members) == {"NTB.PLK.ASET", "NTB.PLK.PENILAI"}
    assert not [c for c in found if c.kind in (Kind.ADDED, Kind.REMOVED, Kind.RENAMED)]


def test_position_merged_into_a_kept_one(project: GitProject) -> None:
    project.position("NTB.PLK.ASET", TASKS_A, [("T.KEU.01", 2)])
    project.position("NTB.PLK.PENILAI", TASKS_B, [("T.KEU.01", 2)])
    project.commit("dua jabatan")
    project.remove("standards/jabatan/ntb.plk.penilai.yaml")
    project.position("NTB.PLK.ASET", TASKS_A + TASKS_B, [("T.KEU.01", 2)])
    found = changes(project)
    merged = find(found, Kind.MERGED, "NTB.PLK.ASET")
    assert merged.members == ("NTB.PLK.ASET", "NTB.PLK.PENILAI")
    assert len([c for c in found if c.kind is Kind.ITEM_ADDED and c.field == "tugas"]) == 2
    assert not [c for c in found if c.kind is Kind.REMOVED]


def test_subfolder_project_path_and_commits_by_id(project: GitProject) -> None:
    first = project.git("rev-parse", "HEAD").strip()
    project.edit(POSITION, lambda data: data.update(urusan="Keuangan Daerah"))
    second = project.commit("urusan")
    repository = Repository.containing(project.top / "standards" / "jabatan")
    found = compare_revisions(repository, first, second, Path(project.top / "standards" / "jabatan")).changes
    find(found, Kind.CHANGED, "NTB.JF.AKPD.MUDA", field="urusan", after="Keuangan Daerah")
