"""Every fixed word of the people documents, in Indonesian (the default) and English.

Kept apart from :mod:`kompiler.render.labels` (the standards' documents): these documents are private and
carry their own notices, and neither table's keys may change the other's output. Both locales must have
exactly the same keys.
"""

from __future__ import annotations

from types import MappingProxyType

_ID: dict[str, str] = {
    "rahasia": "RAHASIA — data pribadi",
    "rahasia_note": "Dokumen ini memuat data pribadi (UU 27/2022). Jangan terbitkan atau teruskan tanpa dasar yang sah.",
    "dukungan": (
        "Hasil ini dihitung dengan rumus {version} dan mendukung, bukan menggantikan, keputusan manusia "
        "(UU 27/2022 Pasal 10): pejabat yang berwenang menimbang hasil ini bersama hal lain sebelum memutuskan."
    ),
    "agregat_note": (
        "Hanya agregat: kelompok dengan kurang dari {minimum} orang tidak ditampilkan (—), begitu pula angka "
        "yang menunjukkan nilai setiap anggota kelompok karena semuanya sama (misalnya rata-rata kesenjangan "
        "0: tidak seorang pun berkesenjangan; atau 100 % rencana mencapai JP minimal) dan angka yang dapat "
        "dipakai menghitung kembali angka yang tidak ditampilkan, agar tidak ada pegawai yang dapat dikenali."
    ),
    "title_gaps": "PROFIL KESENJANGAN KOMPETENSI",
    "title_plan": "RENCANA PENGEMBANGAN KOMPETENSI",
    "title_moves": "REKOMENDASI PENEMPATAN DAN MUTASI",
    "title_pool": "KELOMPOK TALENTA JABATAN",
    "title_summary": "PETA KESENJANGAN KOMPETENSI INSTANSI",
    "pegawai": "Pegawai (ID pseudonim)",
    "jabatan": "Jabatan saat ini",
    "jabatan_target": "Jabatan",
    "unit": "Unit Kerja",
    "tanggal": "Tanggal asesmen",
    "tujuan": "Tujuan",
    "rumus": "Rumus",
    "rumus_rata_rata_rasio": "Rata-rata rasio level aktual terhadap level standar",
    "rumus_jumlah_minimum": "Jumlah level aktual (paling tinggi standar) dibagi jumlah level standar",
    "rumus_dibatasi": "setiap rasio paling tinggi 100 %",
    "type_manajerial": "Manajerial",
    "type_sosial_kultural": "Sosial Kultural",
    "type_teknis": "Teknis",
    "versi": "Versi rumus",
    "kecocokan": "Kecocokan (JPM)",
    "kategori": "Kategori",
    "kotak_talenta": "Kotak talenta",
    "kotak_nomor": "Kotak {number}: {name}",
    "kompetensi": "Kompetensi",
    "jenis": "Jenis",
    "standar": "Standar",
    "aktual": "Aktual",
    "kesenjangan": "Kesenjangan",
    "bobot": "Bobot",
    "prioritas": "Prioritas",
    "tidak_dinilai": "tidak dinilai",
    "no": "No",
    "kegiatan": "Kegiatan",
    "bentuk": "Bentuk",
    "jp": "JP",
    "tahun": "Tahun",
    "jumlah_jp": "Jumlah JP",
    "minimum_jp": "Paling sedikit",
    "porsi": "Porsi 10:20:70",
    "komponen": "Komponen",
    "realisasi": "Rencana",
    "target": "Target",
    "toleransi": "toleransi",
    "sesuai": "sesuai",
    "tidak_sesuai": "di luar toleransi",
    "memenuhi_jp": "Mencapai jumlah JP minimum",
    "seimbang": "Porsi 10:20:70 dalam toleransi",
    "ya": "ya",
    "tidak": "tidak",
    "tanpa_kegiatan": "Kesenjangan tanpa kegiatan di katalog",
    "tanpa_rencana": "Tidak ada rencana: kebijakan rencana (pengembangan/) belum dinyatakan.",
    "tanpa_kesenjangan": "Tidak ada kesenjangan.",
    "tanpa_mutasi": "Tidak ada jabatan lain yang cocok.",
    "tanpa_orang": "Tidak ada pegawai yang dinilai.",
    "bucket_10": "10 % pembelajaran klasikal",
    "bucket_20": "20 % coaching, mentoring, umpan balik",
    "bucket_70": "70 % pengalaman kerja",
    "jenis_mutasi": "Jenis",
    "penyetaraan": "Penyetaraan",
    "keterkaitan": "Keterkaitan",
    "kesiapan": "Kesiapan",
    "skor": "Skor",
    "penjelasan": "Kesenjangan yang menjelaskan",
    "move_horizontal": "horizontal",
    "move_vertikal": "vertikal",
    "move_diagonal": "diagonal",
    "orang": "Orang",
    "jumlah_orang": "Jumlah pegawai",
    "rerata_kesenjangan": "Rerata kesenjangan",
    "porsi_20jp": "Porsi pegawai yang rencananya mencapai {minimum} JP",
    "keseluruhan": "Seluruh instansi",
    "disembunyikan": "—",
    "dibangun": "Disusun",
    "site_nav": "Agregat asesmen",
}

_EN: dict[str, str] = {
    "rahasia": "CONFIDENTIAL — personal data",
    "rahasia_note": "This document holds personal data (Law 27/2022). Do not publish or forward it without a lawful basis.",
    "dukungan": (
        "These results are computed with formula {version} and support, not replace, a human decision "
        "(Law 27/2022 Article 10): the competent official weighs them with everything else before deciding."
    ),
    "agregat_note": (
        "Aggregates only: groups of fewer than {minimum} people are not shown (—), nor is a figure that tells "
        "each member's value because all are equal (a mean gap of 0, say: nobody in the group has a gap; or "
        "100 % of plans reaching the minimum JP), nor one that would let a hidden figure be worked back out, "
        "so that no employee can be recognised."
    ),
    "title_gaps": "COMPETENCY GAP PROFILE",
    "title_plan": "COMPETENCY DEVELOPMENT PLAN",
    "title_moves": "ASSIGNMENT AND MOBILITY RECOMMENDATIONS",
    "title_pool": "TALENT POOL OF A POSITION",
    "title_summary": "AGENCY COMPETENCY GAP MAP",
    "pegawai": "Employee (pseudonymous ID)",
    "jabatan": "Current position",
    "jabatan_target": "Position",
    "unit": "Unit",
    "tanggal": "Assessment date",
    "tujuan": "Purpose",
    "rumus": "Formula",
    "rumus_rata_rata_rasio": "Mean ratio of actual to required level",
    "rumus_jumlah_minimum": "Sum of actual levels (at most the required) over the sum of required levels",
    "rumus_dibatasi": "each ratio at most 100 %",
    "type_manajerial": "Managerial",
    "type_sosial_kultural": "Socio-cultural",
    "type_teknis": "Technical",
    "versi": "Formula version",
    "kecocokan": "Match (JPM)",
    "kategori": "Category",
    "kotak_talenta": "Talent box",
    "kotak_nomor": "Box {number}: {name}",
    "kompetensi": "Competency",
    "jenis": "Type",
    "standar": "Required",
    "aktual": "Actual",
    "kesenjangan": "Gap",
    "bobot": "Weight",
    "prioritas": "Priority",
    "tidak_dinilai": "not scored",
    "no": "No",
    "kegiatan": "Activity",
    "bentuk": "Form",
    "jp": "JP",
    "tahun": "Year",
    "jumlah_jp": "Total JP",
    "minimum_jp": "At least",
    "porsi": "10:20:70 shares",
    "komponen": "Component",
    "realisasi": "Plan",
    "target": "Target",
    "toleransi": "tolerance",
    "sesuai": "within",
    "tidak_sesuai": "outside the tolerance",
    "memenuhi_jp": "Reaches the minimum JP",
    "seimbang": "10:20:70 shares within the tolerance",
    "ya": "yes",
    "tidak": "no",
    "tanpa_kegiatan": "Gaps without an activity in the catalogue",
    "tanpa_rencana": "No plan: the plan policy (pengembangan/) is not declared.",
    "tanpa_kesenjangan": "No gaps.",
    "tanpa_mutasi": "No other position fits.",
    "tanpa_orang": "No assessed employee.",
    "bucket_10": "10 % classroom learning",
    "bucket_20": "20 % coaching, mentoring, feedback",
    "bucket_70": "70 % work experience",
    "jenis_mutasi": "Kind",
    "penyetaraan": "Equivalence",
    "keterkaitan": "Relatedness",
    "kesiapan": "Readiness",
    "skor": "Score",
    "penjelasan": "Gaps that explain it",
    "move_horizontal": "horizontal",
    "move_vertikal": "vertical",
    "move_diagonal": "diagonal",
    "orang": "People",
    "jumlah_orang": "Employees",
    "rerata_kesenjangan": "Mean gap",
    "porsi_20jp": "Share of employees whose plans reach {minimum} JP",
    "keseluruhan": "Whole agency",
    "disembunyikan": "—",
    "dibangun": "Built",
    "site_nav": "Assessment aggregates",
}

LABELS: MappingProxyType[str, MappingProxyType[str, str]] = MappingProxyType(
    {"id": MappingProxyType(_ID), "en": MappingProxyType(_EN)}
)


def people_labels(locale: str) -> MappingProxyType[str, str]:
    """The label table of ``locale`` (Indonesian for anything unknown)."""
    return LABELS.get(locale, LABELS["id"])
