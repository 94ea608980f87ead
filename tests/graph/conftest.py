"""A small project with planted overlaps, built on the minimal fixture: positions written from short specs."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml

from kompiler.graph.similarity import Features, Similarities

FIXTURES = Path(__file__).parents[1] / "fixtures"


GRADE_LEVEL = {"AHLI-MUDA": 2, "AHLI-PERTAMA": 1, "PELAKSANA": 1, "ADMINISTRATOR": 3}
KIND = {
    "AHLI-MUDA": "fungsional_keahlian",
    "AHLI-PERTAMA": "fungsional_keahlian",
    "PELAKSANA": "pelaksana",
    "ADMINISTRATOR": "administrator",
}
SUFFIX = {"AHLI-MUDA": " Ahli Muda", "AHLI-PERTAMA": " Ahli Pertama", "PELAKSANA": "", "ADMINISTRATOR": ""}

TECHNICAL = {
    "T.KEU.01": "Penatausahaan Keuangan Daerah",
    "T.KEU.02": "Penyusunan Laporan Keuangan",
    "T.KEU.03": "Perencanaan Anggaran",
    "T.KEU.04": "Pengelolaan Aset Daerah",
    "T.KEU.05": "Pengadaan Barang dan Jasa",
    "T.KEU.06": "Pengelolaan Arsip Dinamis",
    "T.KEU.07": "Pengelolaan Data Kepegawaian",
    "T.KEU.08": "Pemeliharaan Jaringan Komputer",
}


def position(code: str, name: str, grade: str, technical: dict[str, int], tasks: list[str], **extra) -> dict:
    level = GRADE_LEVEL[grade]
    data = {
        "kode": code,
        "nama": name + SUFFIX[grade],
        "jenis": KIND[grade],
        "jenjang": grade,
    }
    if grade == "PELAKSANA":
        data["klasifikasi"] = extra.pop("klasifikasi", "klerek")
    data.update(
        {
            "rumpun": extra.pop("rumpun", "RJ-KEU"),
            "bidang": "keuangan",
            "unit_kerja": extra.pop("unit", "Badan Pengelolaan Keuangan dan Aset Daerah"),
            "urusan": extra.pop("urusan", "Keuangan"),
            "ikhtisar": f"Melaksanakan pekerjaan {name.lower()}.",
            "tugas": tasks,
            "kompetensi": {
                "manajerial": [{"kode": f"M.{n:02d}", "level": level} for n in range(1, 9)],
                "sosial_kultural": [{"kode": "SK.01", "level": level}],
                "teknis": [{"kode": c, "level": lv} for c, lv in technical.items()],
            },
            "persyaratan": {
                "pendidikan": [
                    {"jenjang": "S1", "bidang": extra.pop("pendidikan", ["Akuntansi"]), "tingkat": "mutlak"}
                ]
            },
            "sumber": {"kode": "PERMENPANRB-38-2017", "pasal": "Pasal 5"},
            "berlaku_mulai": "2026-04-01",
        }
    )
    return data


def technical_dictionary(source: Path) -> dict:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    template = data["kompetensi"][0]
    data["kompetensi"] = [
        {**copy.deepcopy(template), "kode": code, "nama": name, "definisi": f"Kemampuan {name.lower()}."}
        for code, name in TECHNICAL.items()
    ]
    return data


PLANTED = [
    # Three budget/finance analysts with nearly the same work: one merge group.
    position(
        "NTB.AK.01",
        "Analis Anggaran Keuangan",
        "AHLI-MUDA",
        {"T.KEU.01": 3, "T.KEU.02": 3, "T.KEU.03": 3},
        ["Menganalisis realisasi anggaran perangkat daerah", "Menyusun laporan analisis anggaran"],
    ),
    position(
        "NTB.AK.02",
        "Analis Realisasi Anggaran",
        "AHLI-MUDA",
        {"T.KEU.01": 3, "T.KEU.02": 2, "T.KEU.03": 3},
        ["Menganalisis realisasi anggaran perangkat daerah", "Menyusun rekomendasi anggaran"],
    ),
    position(
        "NTB.AK.03",
        "Analis Anggaran Daerah",
        "AHLI-MUDA",
        {"T.KEU.01": 3, "T.KEU.02": 3, "T.KEU.03": 2},
        ["Menganalisis realisasi anggaran perangkat daerah", "Menyusun laporan analisis anggaran daerah"],
    ),
    # Two asset clerks (pelaksana klerek): a second group.
    position(
        "NTB.PA.01",
        "Pengadministrasi Aset",
        "PELAKSANA",
        {"T.KEU.04": 2, "T.KEU.05": 2},
        ["Mencatat barang milik daerah", "Menyusun daftar inventaris aset"],
    ),
    position(
        "NTB.PA.02",
        "Pengadministrasi Barang Milik Daerah",
        "PELAKSANA",
        {"T.KEU.04": 2, "T.KEU.05": 1},
        ["Mencatat barang milik daerah", "Memutakhirkan kartu inventaris barang"],
    ),
    # Same work as the clerks but classified as operator: must not join them.
    position(
        "NTB.PA.03",
        "Pengadministrasi Aset",
        "PELAKSANA",
        {"T.KEU.04": 2, "T.KEU.05": 2},
        ["Mencatat barang milik daerah", "Menyusun daftar inventaris aset"],
        klasifikasi="operator",
        unit="Sekretariat Daerah",
    ),
    # Same technical profile as the analysts, but a structural position: must not join them.
    position(
        "NTB.KB.01",
        "Kepala Bidang Anggaran",
        "ADMINISTRATOR",
        {"T.KEU.01": 3, "T.KEU.02": 3, "T.KEU.03": 3},
        ["Menganalisis realisasi anggaran perangkat daerah", "Menyusun laporan analisis anggaran"],
    ),
    # Unrelated positions that share only managerial and socio-cultural competencies with everyone.
    position(
        "NTB.AR.01",
        "Arsiparis",
        "AHLI-PERTAMA",
        {"T.KEU.06": 2},
        ["Mengelola arsip dinamis", "Menata berkas arsip aktif"],
        rumpun="RJ-ADM",
        urusan="Kearsipan",
        pendidikan=["Kearsipan"],
    ),
    position(
        "NTB.PK.01",
        "Analis Kepegawaian",
        "AHLI-PERTAMA",
        {"T.KEU.07": 2},
        ["Mengolah data kepegawaian", "Menyusun formasi pegawai"],
        rumpun="RJ-ADM",
        urusan="Kepegawaian",
        pendidikan=["Psikologi"],
    ),
    position(
        "NTB.PR.01",
        "Pranata Komputer",
        "AHLI-PERTAMA",
        {"T.KEU.08": 2},
        ["Memelihara jaringan komputer", "Memasang perangkat jaringan"],
        rumpun="RJ-ADM",
        urusan="Komunikasi",
        pendidikan=["Teknik Informatika"],
    ),
]


def write_project(target: Path, positions: list[dict]) -> Path:
    shutil.copytree(FIXTURES / "minimal", target)
    dictionary = target / "kamus" / "teknis-keuangan.yaml"
    dictionary.write_text(
        yaml.safe_dump(technical_dictionary(dictionary), allow_unicode=True, sort_keys=False)
    )
    for old in (target / "jabatan").iterdir():
        old.unlink()
    for data in positions:
        (target / "jabatan" / f"{data['kode'].lower()}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return target


@pytest.fixture
def planted_project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "standar", PLANTED)


def scored_pairs(n: int, pairs: dict[tuple[int, int], float]) -> Similarities:
    """Scored pairs of ``n`` positions, in ``(left, right)`` order as the similarity stage gives them."""
    ordered = sorted(pairs)
    features = Features(positions=(), matrices={}, sizes={}, cosine=frozenset())
    return Similarities(
        features,
        np.array([a for a, _ in ordered], dtype=np.int64).reshape(-1),
        np.array([b for _, b in ordered], dtype=np.int64).reshape(-1),
        np.array([pairs[p] for p in ordered], dtype=np.float64).reshape(-1),
        {},
    )
