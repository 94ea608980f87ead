"""A complete, clean ``pengembangan/`` policy for the minimal project, one file per section, for the
rule tests of KMP119–KMP125 to break on purpose (tests/rules/conftest.py copies the project)."""

from __future__ import annotations

from tests.rules.conftest import Project

COMPETENCIES = (
    "M.01",
    "M.02",
    "M.03",
    "M.04",
    "M.05",
    "M.06",
    "M.07",
    "M.08",
    "SK.01",
    "T.KEU.01",
    "T.KEU.02",
)
GROUNDS = "{indent}sumber:\n{indent}  kode: PERMENPANRB-38-2017\n{indent}keyakinan: belum_terverifikasi\n"

MATCH = """kecocokan:
  versi: UJI-1
  rumus: rata_rata_rasio
  batas_atas: true
  tujuan:
    pengisian:
      nama: Pengisian Jabatan
      kategori:
        - kode: memenuhi_syarat
          nama: Memenuhi Syarat
          minimal: 80
        - kode: masih_memenuhi_syarat
          nama: Masih Memenuhi Syarat
          minimal: 68
        - kode: kurang_memenuhi_syarat
          nama: Kurang Memenuhi Syarat
          minimal: 0
""" + GROUNDS.format(indent="  ")

PLAN = (
    """rencana:
  jp_minimal: 20
  proporsi:
    kelompok:
      "10": 10
      "20": 20
      "70": 70
    toleransi: 10
"""
    + GROUNDS.format(indent="    ")
    + GROUNDS.format(indent="  ")
)

FORMS = "bentuk_pembelajaran:\n" + "".join(
    f"  - kode: {code}\n    nama: {name}\n    klasikal: {classical}\n    kelompok: {bucket}\n"
    f"    jp_per_satuan: 2\n    satuan: sesi\n" + GROUNDS.format(indent="    ")
    for code, name, classical, bucket in (
        ("e_learning", "E-learning", "false", 10),
        ("coaching", "Coaching", "false", 20),
        ("penugasan", "Penugasan", "false", 70),
    )
)

CATALOGUE = "katalog:\n" + "".join(
    f"  - kode: KAT.{code}.{suffix}\n    nama: {form} {code}\n    bentuk: {form}\n    jp: {jp}\n"
    f"    mengembangkan:\n      - kompetensi: {code}\n        level: 5\n"
    for code in COMPETENCIES
    for suffix, form, jp in (("EL", "e_learning", 2), ("CO", "coaching", 4), ("TK", "penugasan", 14))
)

TALENT = (
    "talenta:\n  kinerja:\n    batas: [2, 3]\n  potensi:\n    batas: [2, 3]\n  kotak:\n"
    + "".join(
        f"    - kinerja: {performance}\n      potensi: {potential}\n      nomor: {number}\n"
        f"      nama: Kotak {number}\n"
        for number, (performance, potential) in enumerate(
            ((p, q) for q in (1, 2, 3) for p in (1, 2, 3)), start=1
        )
    )
    + GROUNDS.format(indent="  ")
)

EQUIVALENCE = "penyetaraan:\n" + "".join(
    f"  - jenjang: {grade}\n    setara: {equivalent}\n" + GROUNDS.format(indent="    ")
    for grade, equivalent in (("ADMINISTRATOR", "AHLI-MADYA"), ("PENGAWAS", "AHLI-MUDA"))
)

FILES = {
    "pengembangan/kecocokan.yaml": MATCH,
    "pengembangan/rencana.yaml": PLAN,
    "pengembangan/bentuk.yaml": FORMS,
    "pengembangan/katalog.yaml": CATALOGUE,
    "pengembangan/talenta.yaml": TALENT,
    "pengembangan/penyetaraan.yaml": EQUIVALENCE,
}


def write_policy(project: Project) -> None:
    """Give the project every section, each in its own file."""
    for relative, text in FILES.items():
        project.write(relative, text)
