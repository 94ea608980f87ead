"""Generate a realistic, deterministic standards project of any size for benchmarks and scale tests.

The corpus imitates what agencies really write: positions spread over job families, grades and fields with
the overlap real standards have (positions of one field share a core of technical competencies, the same
position name recurs in many work units), dictionaries with hundreds of technical competencies, and the
real project, source, grade and managerial/socio-cultural dictionary files copied from ``standards/``.
Every position is meant to be clean under the schemas and the rules: managerial M.01..M.08 and SK.01 at
the grade's level, technical competencies from its field's dictionary, rank and education within the
grade's range, a name that contains the grade's ``pola_nama``, and quoted dates.

The same ``--positions`` and ``--seed`` always give byte-identical files.

    python bench/generate.py --positions 50000 /tmp/corpus-50k
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
REAL_FILES = (
    "kompiler.yaml",
    "sumber.yaml",
    "jenjang.yaml",
    "kamus/manajerial.yaml",
    "kamus/sosial-kultural.yaml",
)
POSITIONS_PER_AGENCY = 2000
TECHNICAL_PER_FIELD = 15
GOLONGAN = [f"{room}/{grade}" for room in ("I", "II", "III") for grade in "abcd"] + [
    f"IV/{g}" for g in "abcde"
]
EDUCATION = ["SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"]
MANAGERIAL = [f"M.{n:02d}" for n in range(1, 9)]


@dataclass(frozen=True)
class Field:
    """A field of government affairs: its dictionary, family, and the position names it employs."""

    slug: str
    code: str
    affair: str
    family: str
    expert: str
    skilled: str
    clerk: str
    topics: tuple[str, ...]


FIELDS = (
    Field(
        "keuangan",
        "KEU",
        "Keuangan",
        "Akuntan dan Anggaran",
        "Analis Keuangan Pusat dan Daerah",
        "Pranata Keuangan APBN",
        "Pengadministrasi Keuangan",
        ("anggaran", "akuntansi", "perbendaharaan", "pelaporan keuangan", "aset daerah"),
    ),
    Field(
        "kepegawaian",
        "SDM",
        "Kepegawaian",
        "Manajemen Sumber Daya Manusia",
        "Analis Sumber Daya Manusia Aparatur",
        "Pranata Sumber Daya Manusia Aparatur",
        "Pengadministrasi Kepegawaian",
        ("pengadaan pegawai", "mutasi", "penilaian kinerja", "pengembangan kompetensi", "disiplin pegawai"),
    ),
    Field(
        "perencanaan",
        "REN",
        "Perencanaan Pembangunan",
        "Perencanaan",
        "Perencana",
        "Pranata Perencanaan",
        "Pengolah Data Perencanaan",
        (
            "rencana strategis",
            "evaluasi pembangunan",
            "data pembangunan",
            "musyawarah perencanaan",
            "kebijakan daerah",
        ),
    ),
    Field(
        "kesehatan",
        "KES",
        "Kesehatan",
        "Kesehatan",
        "Epidemiolog Kesehatan",
        "Sanitarian",
        "Pengelola Layanan Kesehatan",
        ("surveilans penyakit", "gizi masyarakat", "sanitasi lingkungan", "pelayanan kesehatan", "farmasi"),
    ),
    Field(
        "pendidikan",
        "DIK",
        "Pendidikan",
        "Pendidikan",
        "Pengembang Teknologi Pembelajaran",
        "Pranata Laboratorium Pendidikan",
        "Pengadministrasi Pendidikan",
        (
            "kurikulum",
            "penilaian pendidikan",
            "sarana belajar",
            "pendidik dan tenaga kependidikan",
            "literasi",
        ),
    ),
    Field(
        "pertanian",
        "TAN",
        "Pertanian",
        "Pertanian",
        "Penyuluh Pertanian",
        "Pengawas Benih Tanaman",
        "Pengelola Produksi Pertanian",
        ("budidaya tanaman", "perlindungan tanaman", "penyuluhan", "pascapanen", "benih"),
    ),
    Field(
        "perhubungan",
        "HUB",
        "Perhubungan",
        "Perhubungan",
        "Penguji Kendaraan Bermotor",
        "Teknisi Penerbangan",
        "Pengelola Lalu Lintas",
        ("lalu lintas", "angkutan umum", "keselamatan transportasi", "terminal", "pengujian kendaraan"),
    ),
    Field(
        "pekerjaan_umum",
        "PU",
        "Pekerjaan Umum dan Penataan Ruang",
        "Arsitek, Insinyur dan yang berkaitan",
        "Teknik Jalan dan Jembatan",
        "Teknisi Pengairan",
        "Pengawas Konstruksi",
        ("jalan dan jembatan", "sumber daya air", "tata ruang", "bangunan gedung", "air minum"),
    ),
    Field(
        "lingkungan",
        "LH",
        "Lingkungan Hidup",
        "Lingkungan Hidup",
        "Pengendali Dampak Lingkungan",
        "Pengawas Lingkungan Hidup",
        "Pengelola Limbah",
        ("amdal", "pengelolaan limbah", "kualitas udara", "keanekaragaman hayati", "perubahan iklim"),
    ),
    Field(
        "pengadaan",
        "PBJ",
        "Pengadaan Barang/Jasa",
        "Pengadaan",
        "Pengelola Pengadaan Barang/Jasa",
        "Pranata Pengadaan",
        "Pengadministrasi Pengadaan",
        ("perencanaan pengadaan", "pemilihan penyedia", "kontrak", "katalog elektronik", "swakelola"),
    ),
    Field(
        "arsip",
        "ARS",
        "Kearsipan",
        "Arsiparis, Pustakawan dan yang berkaitan",
        "Arsiparis",
        "Pranata Kearsipan",
        "Pengelola Arsip",
        ("arsip dinamis", "arsip statis", "akuisisi arsip", "alih media", "layanan arsip"),
    ),
    Field(
        "perpustakaan",
        "PUS",
        "Perpustakaan",
        "Arsiparis, Pustakawan dan yang berkaitan",
        "Pustakawan",
        "Pranata Perpustakaan",
        "Pengelola Perpustakaan",
        ("koleksi", "katalogisasi", "layanan pemustaka", "pelestarian bahan pustaka", "literasi informasi"),
    ),
    Field(
        "statistik",
        "STA",
        "Statistik",
        "Statistik",
        "Statistisi",
        "Pranata Statistik",
        "Pengolah Data Statistik",
        ("survei", "sensus", "metodologi statistik", "diseminasi data", "neraca"),
    ),
    Field(
        "informatika",
        "TIK",
        "Komunikasi dan Informatika",
        "Komunikasi",
        "Pranata Komputer",
        "Teknisi Jaringan",
        "Pengelola Sistem Informasi",
        ("jaringan", "keamanan informasi", "aplikasi", "pusat data", "tata kelola TIK"),
    ),
    Field(
        "hukum",
        "HUK",
        "Hukum",
        "Hukum dan Peradilan",
        "Perancang Peraturan Perundang-undangan",
        "Paralegal",
        "Pengadministrasi Hukum",
        ("perancangan peraturan", "bantuan hukum", "dokumentasi hukum", "harmonisasi", "litigasi"),
    ),
    Field(
        "pengawasan",
        "WAS",
        "Pengawasan Internal",
        "Akuntan dan Anggaran",
        "Auditor",
        "Auditor",
        "Pengolah Data Pengawasan",
        ("audit kinerja", "audit keuangan", "reviu", "pemantauan tindak lanjut", "manajemen risiko"),
    ),
    Field(
        "sosial",
        "SOS",
        "Sosial",
        "Sosial",
        "Pekerja Sosial",
        "Penyuluh Sosial",
        "Pengelola Bantuan Sosial",
        (
            "rehabilitasi sosial",
            "perlindungan sosial",
            "pemberdayaan sosial",
            "penanganan fakir miskin",
            "kesejahteraan sosial",
        ),
    ),
    Field(
        "kependudukan",
        "DUK",
        "Administrasi Kependudukan",
        "Kependudukan",
        "Administrator Database Kependudukan",
        "Pranata Kependudukan",
        "Pengadministrasi Kependudukan",
        (
            "pendaftaran penduduk",
            "pencatatan sipil",
            "data kependudukan",
            "dokumen kependudukan",
            "pelayanan adminduk",
        ),
    ),
    Field(
        "perdagangan",
        "DAG",
        "Perdagangan",
        "Perdagangan",
        "Analis Perdagangan",
        "Penera",
        "Pengawas Perdagangan",
        ("metrologi legal", "pengawasan barang beredar", "pasar", "ekspor", "perlindungan konsumen"),
    ),
    Field(
        "industri",
        "IND",
        "Perindustrian",
        "Industri",
        "Pembina Industri",
        "Pengawas Mutu Hasil Industri",
        "Pengelola Industri",
        ("industri kecil", "standar industri", "kawasan industri", "inovasi industri", "sertifikasi produk"),
    ),
    Field(
        "kelautan",
        "KP",
        "Kelautan dan Perikanan",
        "Kelautan dan Perikanan",
        "Penyuluh Perikanan",
        "Pengawas Perikanan",
        "Pengelola Perikanan",
        ("budidaya ikan", "perikanan tangkap", "konservasi laut", "mutu hasil perikanan", "pesisir"),
    ),
    Field(
        "pariwisata",
        "PAR",
        "Pariwisata",
        "Pariwisata",
        "Adyatama Kepariwisataan",
        "Pranata Pariwisata",
        "Pengelola Destinasi Wisata",
        ("destinasi", "pemasaran pariwisata", "ekonomi kreatif", "standar usaha wisata", "event"),
    ),
    Field(
        "kebudayaan",
        "BUD",
        "Kebudayaan",
        "Kebudayaan",
        "Pamong Budaya",
        "Teknisi Cagar Budaya",
        "Pengelola Museum",
        ("cagar budaya", "permuseuman", "tradisi lisan", "kesenian", "warisan budaya"),
    ),
    Field(
        "pemuda",
        "POR",
        "Kepemudaan dan Olahraga",
        "Kepemudaan",
        "Analis Kebijakan Kepemudaan",
        "Pelatih Olahraga",
        "Pengelola Sarana Olahraga",
        ("kepemudaan", "olahraga prestasi", "olahraga rekreasi", "kewirausahaan pemuda", "sarana olahraga"),
    ),
    Field(
        "pangan",
        "PGN",
        "Pangan",
        "Pertanian",
        "Analis Ketahanan Pangan",
        "Pengawas Mutu Pangan",
        "Pengelola Cadangan Pangan",
        ("ketersediaan pangan", "distribusi pangan", "keamanan pangan", "konsumsi pangan", "cadangan pangan"),
    ),
    Field(
        "pertanahan",
        "TNH",
        "Pertanahan",
        "Pertanahan",
        "Penata Kadastral",
        "Asisten Penata Kadastral",
        "Pengukur dan Pemetaan",
        ("pengukuran", "pendaftaran tanah", "sengketa pertanahan", "penatagunaan tanah", "pengadaan tanah"),
    ),
    Field(
        "bencana",
        "PB",
        "Penanggulangan Bencana",
        "Keamanan dan Ketertiban",
        "Analis Bencana",
        "Operator Pusat Pengendalian Operasi",
        "Pengelola Logistik Bencana",
        ("mitigasi", "kesiapsiagaan", "tanggap darurat", "rehabilitasi pascabencana", "logistik bencana"),
    ),
    Field(
        "koperasi",
        "KOP",
        "Koperasi dan UKM",
        "Koperasi",
        "Pengawas Koperasi",
        "Penyuluh Koperasi",
        "Pengelola Usaha Mikro",
        (
            "kelembagaan koperasi",
            "pembiayaan UMKM",
            "pemasaran UMKM",
            "pengawasan koperasi",
            "pendampingan usaha",
        ),
    ),
    Field(
        "energi",
        "ESD",
        "Energi dan Sumber Daya Mineral",
        "Arsitek, Insinyur dan yang berkaitan",
        "Inspektur Ketenagalistrikan",
        "Penyelidik Bumi",
        "Pengawas Pertambangan",
        ("ketenagalistrikan", "energi terbarukan", "pertambangan", "air tanah", "konservasi energi"),
    ),
    Field(
        "komunikasi",
        "KOM",
        "Komunikasi Publik",
        "Komunikasi",
        "Pranata Hubungan Masyarakat",
        "Pranata Hubungan Masyarakat",
        "Pengelola Media",
        ("kehumasan", "media sosial", "keterbukaan informasi", "publikasi", "komunikasi krisis"),
    ),
)

UNIT_FORMS = ("Bidang {}", "Seksi {}", "Subbagian {}", "UPT {}", "Bagian {}")
ACTIONS = ("Pengelolaan", "Analisis", "Perencanaan", "Pengendalian", "Evaluasi", "Pembinaan", "Pengembangan")
DUTIES = (
    "Menyusun rencana kerja {}",
    "Melaksanakan kegiatan {} sesuai ketentuan",
    "Menganalisis data dan informasi {}",
    "Memantau dan mengevaluasi pelaksanaan {}",
    "Menyusun laporan {}",
    "Memberikan rekomendasi perbaikan {}",
    "Mengoordinasikan pelaksanaan {} dengan unit terkait",
)
LEVEL_WORDS = (
    "memahami konsep dasar",
    "menerapkan prosedur baku",
    "menganalisis dan memecahkan masalah",
    "mengembangkan dan mengevaluasi",
    "merumuskan kebijakan strategis",
)
GRADE_WEIGHTS = {
    "PELAKSANA": 30,
    "AHLI-PERTAMA": 15,
    "AHLI-MUDA": 12,
    "PENGAWAS": 10,
    "AHLI-MADYA": 6,
    "TERAMPIL": 5,
    "ADMINISTRATOR": 5,
    "MAHIR": 4,
    "PENYELIA": 3,
    "PEMULA": 2,
    "JPT-PRATAMA": 2,
    "AHLI-UTAMA": 1,
    "JPT-MADYA": 0.5,
    "JPT-UTAMA": 0.2,
}
STRUCTURAL_TITLES = {
    "PENGAWAS": "Kepala Subbagian {}",
    "ADMINISTRATOR": "Kepala Bidang {}",
    "JPT-PRATAMA": "Kepala Dinas {}",
    "JPT-MADYA": "Deputi Bidang {}",
    "JPT-UTAMA": "Kepala Badan {}",
}


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,/()'-]*[A-Za-z0-9.)]")
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def q(text: str) -> str:
    """Text as drafters write it: plain when that is unambiguous, else double-quoted (JSON syntax is YAML)."""
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML11_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def emit(value: Any, indent: int = 0) -> list[str]:
    """Block-style YAML for dicts, lists, strings (always quoted) and integers."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{key}:")
                lines.extend(emit(item, indent + 2))
            else:
                lines.append(f"{pad}{key}: {scalar(item)}")
    else:
        for item in value:
            if isinstance(item, dict) and item:
                inner = emit(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}- {scalar(item)}")
    return lines


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value == [] or value == {}:
        return "[]" if value == [] else "{}"
    return q(value)


def document(value: dict[str, Any], schema: str) -> str:
    return f"# yaml-language-server: $schema={schema}\n" + "\n".join(emit(value)) + "\n"


def technical_dictionary(field: Field) -> dict[str, Any]:
    competencies = []
    for number in range(1, TECHNICAL_PER_FIELD + 1):
        action = ACTIONS[(number - 1) % len(ACTIONS)]
        topic = field.topics[(number - 1) % len(field.topics)]
        name = f"{action} {topic.title()}" + ("" if number <= len(ACTIONS) else f" Lanjutan {number}")
        levels = []
        for level in range(1, 6):
            words = LEVEL_WORDS[level - 1]
            levels.append(
                {
                    "level": level,
                    "deskripsi": f"Mampu {words} dalam {action.lower()} {topic}",
                    "indikator": [
                        {"nomor": f"{level}.{n}", "uraian": f"{duty.format(topic)} pada tingkat {words}"}
                        for n, duty in enumerate(DUTIES[level - 1 : level + 2], start=1)
                    ],
                }
            )
        competencies.append(
            {
                "kode": f"T.{field.code}.{number:02d}",
                "nama": name,
                "definisi": f"Kemampuan dalam {action.lower()} {topic} di bidang {field.affair.lower()} "
                "sesuai ketentuan peraturan perundang-undangan.",
                "level": levels,
            }
        )
    return {
        "kamus": {
            "jenis": "teknis",
            "bidang": field.slug,
            "nama": f"Kamus Kompetensi Teknis Bidang {field.affair}",
            "sumber": {"kode": "PERMENPANRB-38-2017", "pasal": "Pasal 5"},
        },
        "kompetensi": competencies,
    }


def families() -> dict[str, Any]:
    seen: dict[str, dict[str, Any]] = {}
    items = [{"kode": "RJ-ASN", "nama": "Rumpun Jabatan Aparatur Sipil Negara"}]
    for field in FIELDS:
        code = family_code(field.family)
        if code not in seen:
            seen[code] = {"kode": code, "nama": field.family, "induk": "RJ-ASN"}
            items.append(seen[code])
    for field in FIELDS:
        items.append(
            {
                "kode": f"RJ-{field.code}",
                "nama": f"Jabatan Bidang {field.affair}",
                "induk": family_code(field.family),
            }
        )
    return {"rumpun": items}


def family_code(name: str) -> str:
    return "RJ-G-" + "".join(word[0] for word in name.replace(",", "").split() if word[0].isalpha()).upper()


def load_grades() -> dict[str, dict[str, Any]]:
    data = yaml.load(
        (REPO / "standards" / "jenjang.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader
    )
    return {grade["kode"]: grade for grade in data["jenjang"]}


def position(
    rng: random.Random,
    index: int,
    agency: int,
    grade: dict[str, Any],
    field: Field,
    taken: dict[tuple[str, str], int],
) -> dict[str, Any]:
    kind = grade["jenis_jabatan"]
    pattern = grade.get("pola_nama")
    unit_topic = rng.choice(field.topics)
    unit = rng.choice(UNIT_FORMS).format(unit_topic.title()) + f", Dinas {field.affair} Instansi {agency:03d}"
    if kind == "fungsional_keahlian":
        name = f"{field.expert} {pattern}"
    elif kind == "fungsional_keterampilan":
        name = f"{field.skilled} {pattern}"
    elif kind == "pelaksana":
        name = field.clerk
    else:
        name = STRUCTURAL_TITLES[grade["kode"]].format(field.affair if kind == "jpt" else unit_topic.title())
    seen = taken.get((unit, name), 0)
    taken[(unit, name)] = seen + 1
    if seen:  # one name per work unit: the next holder of the same title sits in another regional office
        unit = f"{unit}, Wilayah {seen + 1}"
    tech_level = min(5, max(1, grade["level_manajerial"] + (1 if kind != "pelaksana" else 0)))
    core = [1, 2, 3]
    extra = rng.sample(range(4, TECHNICAL_PER_FIELD + 1), rng.randint(1, 3))
    technical = [{"kode": f"T.{field.code}.{n:02d}", "level": tech_level} for n in sorted(core + extra)]
    low, high = GOLONGAN.index(grade["pangkat_terendah"]), GOLONGAN.index(grade["pangkat_tertinggi"])
    rank = GOLONGAN[low if rng.random() < 0.8 else rng.randint(low, high)]
    minimum = EDUCATION.index(grade["pendidikan_minimal"])
    education = EDUCATION[min(len(EDUCATION) - 1, minimum + (1 if rng.random() < 0.2 else 0))]
    duties = [duty.format(rng.choice(field.topics)) for duty in rng.sample(DUTIES, 5)]
    data: dict[str, Any] = {
        "kode": f"I{agency:03d}.{field.code}.{index:06d}",
        "nama": name,
        "jenis": kind,
        "jenjang": grade["kode"],
    }
    if kind == "pelaksana":
        data["klasifikasi"] = rng.choice(("klerek", "operator", "teknisi"))
    data |= {
        "rumpun": f"RJ-{field.code}",
        "bidang": field.slug,
        "unit_kerja": unit,
        "urusan": field.affair,
        "ikhtisar": f"Melaksanakan {unit_topic} di bidang {field.affair.lower()} untuk mendukung pencapaian "
        f"sasaran strategis instansi, sesuai dengan kewenangan jenjang {grade['nama']}.",
        "tugas": duties,
        "hasil_kerja": [f"Dokumen {rng.choice(field.topics)}" for _ in range(3)],
        "kompetensi": {
            "manajerial": [{"kode": code, "level": grade["level_manajerial"]} for code in MANAGERIAL],
            "sosial_kultural": [{"kode": "SK.01", "level": grade["level_sosial_kultural"]}],
            "teknis": technical,
        },
        "persyaratan": {
            "pendidikan": [
                {"jenjang": education, "bidang": [field.affair, "Administrasi Publik"], "tingkat": "mutlak"}
            ],
            "pelatihan": {
                "manajerial": [
                    {
                        "uraian": "Pelatihan Kepemimpinan"
                        if kind in STRUCTURAL_KINDS
                        else "Pelatihan Dasar CPNS",
                        "tingkat": "mutlak",
                    }
                ],
                "teknis": [{"uraian": f"Pelatihan {rng.choice(field.topics)}", "tingkat": "penting"}],
                "fungsional": [{"uraian": f"Pelatihan Fungsional {field.affair}", "tingkat": "perlu"}],
            },
            "pengalaman": [
                {
                    "uraian": f"Pengalaman di bidang {field.affair.lower()} paling singkat 2 tahun",
                    "tingkat": "penting",
                }
            ],
            "pangkat": {"golongan": rank, "tingkat": "mutlak"},
            "indikator_kinerja": [
                {
                    "uraian": f"Persentase {rng.choice(field.topics)} yang diselesaikan tepat waktu",
                    "tingkat": "mutlak",
                }
            ],
        },
        "sumber": {"kode": "PERMENPANRB-38-2017", "pasal": "Lampiran"},
        "berlaku_mulai": "2026-01-01",
    }
    return data


STRUCTURAL_KINDS = frozenset({"jpt", "administrator", "pengawas"})


def generate(target: Path, positions: int, seed: int = 38) -> None:
    """Write a project of ``positions`` position files (plus dictionaries and families) to ``target``."""
    if target.exists():
        shutil.rmtree(target)
    (target / "kamus").mkdir(parents=True)
    (target / "rumpun").mkdir()
    for name in REAL_FILES:
        shutil.copyfile(REPO / "standards" / name, target / name)
    for field in FIELDS:
        (target / "kamus" / f"teknis-{field.slug}.yaml").write_text(
            document(technical_dictionary(field), "../../schemas/kamus.schema.json"), encoding="utf-8"
        )
    (target / "rumpun" / "rumpun.yaml").write_text(
        document(families(), "../../schemas/rumpun.schema.json"), encoding="utf-8"
    )
    grades = load_grades()
    codes = [code for code in GRADE_WEIGHTS if code in grades]
    weights = [GRADE_WEIGHTS[code] for code in codes]
    rng = random.Random(seed)
    made: set[Path] = set()
    taken: dict[tuple[str, str], int] = {}
    for index in range(positions):
        agency = index // POSITIONS_PER_AGENCY + 1
        field = FIELDS[int(rng.paretovariate(1.2) * 3) % len(FIELDS)]
        grade = grades[rng.choices(codes, weights)[0]]
        data = position(rng, index, agency, grade, field, taken)
        folder = target / "jabatan" / f"instansi-{agency:03d}" / field.slug
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        (folder / f"{data['kode'].lower()}.yaml").write_text(
            document(data, "../../../../schemas/jabatan.schema.json"), encoding="utf-8"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="folder to (re)create")
    parser.add_argument("--positions", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=38)
    args = parser.parse_args(argv)
    generate(args.target, args.positions, args.seed)
    print(f"{args.positions} positions written to {args.target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
