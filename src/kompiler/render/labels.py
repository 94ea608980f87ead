"""Every fixed word printed in a document or on the site, in Indonesian (the default) and English.

Templates never hold prose of their own: they print ``t.<key>``, so one set of templates serves both
languages and a translation is a matter of this table. Both locales must have exactly the same keys.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType
from typing import Any

_ID: dict[str, str] = {
    "lampiran": "LAMPIRAN",
    "nomor": "NOMOR",
    "tahun": "TAHUN",
    "tentang": "TENTANG",
    "bab": "BAB",
    "chapter_dictionary": "KAMUS KOMPETENSI",
    "chapter_positions": "STANDAR KOMPETENSI JABATAN",
    "skj_title": "STANDAR KOMPETENSI JABATAN",
    "nama_jabatan": "Nama Jabatan",
    "kelompok_jabatan": "Kelompok Jabatan",
    "urusan": "Urusan Pemerintahan",
    "kode_jabatan": "Kode Jabatan",
    "unit_kerja": "Unit Kerja",
    "rumpun": "Rumpun Jabatan",
    "jenjang": "Jenjang",
    "ikhtisar": "IKHTISAR JABATAN",
    "standar_kompetensi": "STANDAR KOMPETENSI",
    "persyaratan": "PERSYARATAN JABATAN",
    "kompetensi": "Kompetensi",
    "kode": "Kode",
    "level": "Level",
    "deskripsi": "Deskripsi",
    "indikator": "Indikator Kompetensi",
    "definisi": "Definisi",
    "jenis_persyaratan": "Jenis Persyaratan",
    "uraian": "Uraian",
    "tingkat": "Tingkat Pentingnya terhadap Jabatan",
    "tingkat_short": "Tingkat",
    "type_manajerial": "Manajerial",
    "type_sosial_kultural": "Sosial Kultural",
    "type_teknis": "Teknis",
    "dict_manajerial": "Kompetensi Manajerial",
    "dict_sosial_kultural": "Kompetensi Sosial Kultural",
    "group_manajerial": "Kompetensi Manajerial",
    "group_sosial_kultural": "Kompetensi Sosial Kultural",
    "group_teknis": "Kompetensi Teknis",
    "imp_mutlak": "Mutlak",
    "imp_penting": "Penting",
    "imp_perlu": "Perlu",
    "q_pendidikan": "Pendidikan",
    "q_jenjang_pendidikan": "Jenjang",
    "q_bidang_ilmu": "Bidang Ilmu",
    "q_pelatihan": "Pelatihan",
    "q_pelatihan_manajerial": "Manajerial",
    "q_pelatihan_teknis": "Teknis",
    "q_pelatihan_fungsional": "Fungsional",
    "q_pengalaman": "Pengalaman Kerja",
    "q_pangkat": "Pangkat",
    "q_kinerja": "Indikator Kinerja Jabatan",
    "none": "-",
    "ditetapkan_di": "Ditetapkan di",
    "pada_tanggal": "pada tanggal",
    "kind_jpt": "Jabatan Pimpinan Tinggi",
    "kind_administrator": "Jabatan Administrator",
    "kind_pengawas": "Jabatan Pengawas",
    "kind_fungsional_keahlian": "Jabatan Fungsional Keahlian",
    "kind_fungsional_keterampilan": "Jabatan Fungsional Keterampilan",
    "kind_pelaksana": "Jabatan Pelaksana",
    "tugas": "Uraian Tugas",
    "hasil_kerja": "Hasil Kerja",
    "dasar_hukum": "Dasar Hukum",
    "berlaku_mulai": "Berlaku mulai",
    "berlaku_sampai": "Berlaku sampai",
    "status": "Status",
    "status_berlaku": "Berlaku",
    "status_terjadwal": "Terjadwal, belum berlaku",
    "status_berakhir": "Tidak berlaku lagi",
    "page": "Halaman",
    "site_title": "Standar Kompetensi Jabatan",
    "home": "Beranda",
    "skip": "Langsung ke isi",
    "search": "Cari jabatan, kode, atau kompetensi",
    "search_button": "Cari",
    "search_results": "Hasil pencarian",
    "search_none": "Tidak ada jabatan yang cocok.",
    "search_count": "jabatan ditemukan",
    "search_count_one": "jabatan ditemukan",
    "positions": "Jabatan",
    "families": "Rumpun Jabatan",
    "competencies": "Kompetensi",
    "graph": "Graf Rumpun Jabatan",
    "proposals": "Usulan Penggabungan",
    "heatmap": "Peta Kompetensi",
    "heatmap_caption": "Level kompetensi yang dipersyaratkan setiap jabatan dalam rumpun ini; sel kosong berarti tidak dipersyaratkan.",
    "required_by": "Jabatan yang Mempersyaratkan",
    "required_none": "Belum ada jabatan yang mempersyaratkan kompetensi ini.",
    "position_count": "jabatan",
    "position_count_one": "jabatan",
    "parent_family": "Rumpun induk",
    "subfamilies": "Sub-rumpun",
    "graph_intro": "Setiap kotak adalah satu rumpun jabatan dan setiap titik satu jabatan di dalamnya; garis abu-abu menghubungkan jabatan yang berbagi kompetensi teknis (makin tebal makin mirip); garis jingga dan lingkar tebal menandai anggota satu usulan penggabungan.",
    "graph_help": "Arahkan penunjuk atau fokus (Tab) ke jabatan untuk menyorot tetangganya; Enter membuka halamannya. Perbesar dan perkecil dengan tombol di atas, roda tetikus, atau tombol + dan −; geser dengan menyeret atau tombol panah; 0 mengembalikan tampilan.",
    "graph_key_edge": "berbagi kompetensi teknis; makin tebal makin mirip",
    "graph_key_group": "anggota satu usulan penggabungan",
    "graph_key_family": "rumpun jabatan, namanya di kiri atas kotak",
    "graph_show_group": "Tunjukkan",
    "graph_show_in": "Lihat di graf",
    "graph_zoom_in": "Perbesar",
    "graph_zoom_out": "Perkecil",
    "graph_reset": "Kembalikan",
    "graph_empty": "Belum ada jabatan untuk digambarkan.",
    "graph_legend": "Keterangan",
    "graph_list": "Daftar hubungan",
    "graph_neighbours": "berbagi kompetensi dengan",
    "proposals_intro": "Kelompok jabatan yang diusulkan untuk digabung, dengan skor kemiripan dan buktinya. Usulan hanyalah bahan telaah; keputusan dicatat dalam keputusan-gabung.yaml.",
    "proposals_none": "Tidak ada usulan penggabungan untuk standar ini.",
    "proposals_unavailable": "Tahap graf belum menghasilkan usulan penggabungan untuk standar ini.",
    "score": "Skor",
    "members": "Anggota",
    "evidence": "Bukti",
    "decision": "Keputusan",
    "status_baru": "baru, belum ditinjau",
    "status_diterima": "diterima",
    "footer": "Dihasilkan oleh kompiler dari berkas standar YAML.",
    "built_on": "Disusun pada",
    "regulation_number": "Nomor",
    "regulation_year": "Tahun",
    "regulation_about": "tentang",
    "downloads": "Unduh",
    "download_position": "SKJ jabatan ini",
    "download_appendix": "Lampiran lengkap",
    "download_in_appendix": "bagian jabatan ini di lampiran",
    "format_pdf": "PDF",
    "format_docx": "Word (.docx)",
    "format_md": "Markdown",
    "format_html": "HTML cetak",
    "language": "Bahasa",
    "table_of_contents": "Daftar Isi",
}

_EN: dict[str, str] = {
    "lampiran": "APPENDIX",
    "nomor": "NUMBER",
    "tahun": "OF",
    "tentang": "ON",
    "bab": "CHAPTER",
    "chapter_dictionary": "COMPETENCY DICTIONARY",
    "chapter_positions": "POSITION COMPETENCY STANDARDS",
    "skj_title": "POSITION COMPETENCY STANDARD",
    "nama_jabatan": "Position",
    "kelompok_jabatan": "Position Group",
    "urusan": "Government Affairs",
    "kode_jabatan": "Position Code",
    "unit_kerja": "Work Unit",
    "rumpun": "Job Family",
    "jenjang": "Grade",
    "ikhtisar": "POSITION SUMMARY",
    "standar_kompetensi": "COMPETENCY STANDARD",
    "persyaratan": "POSITION REQUIREMENTS",
    "kompetensi": "Competency",
    "kode": "Code",
    "level": "Level",
    "deskripsi": "Description",
    "indikator": "Competency Indicators",
    "definisi": "Definition",
    "jenis_persyaratan": "Requirement",
    "uraian": "Description",
    "tingkat": "Importance to the Position",
    "tingkat_short": "Importance",
    "type_manajerial": "Managerial",
    "type_sosial_kultural": "Socio-cultural",
    "type_teknis": "Technical",
    "dict_manajerial": "Managerial Competencies",
    "dict_sosial_kultural": "Socio-cultural Competencies",
    "group_manajerial": "Managerial Competencies",
    "group_sosial_kultural": "Socio-cultural Competencies",
    "group_teknis": "Technical Competencies",
    "imp_mutlak": "Mandatory",
    "imp_penting": "Important",
    "imp_perlu": "Desirable",
    "q_pendidikan": "Education",
    "q_jenjang_pendidikan": "Level",
    "q_bidang_ilmu": "Field of Study",
    "q_pelatihan": "Training",
    "q_pelatihan_manajerial": "Managerial",
    "q_pelatihan_teknis": "Technical",
    "q_pelatihan_fungsional": "Functional",
    "q_pengalaman": "Work Experience",
    "q_pangkat": "Rank",
    "q_kinerja": "Performance Indicators",
    "none": "-",
    "ditetapkan_di": "Enacted in",
    "pada_tanggal": "on",
    "kind_jpt": "Senior Executive Position",
    "kind_administrator": "Administrator Position",
    "kind_pengawas": "Supervisor Position",
    "kind_fungsional_keahlian": "Functional Position (Expert)",
    "kind_fungsional_keterampilan": "Functional Position (Skilled)",
    "kind_pelaksana": "Executor Position",
    "tugas": "Tasks",
    "hasil_kerja": "Outputs",
    "dasar_hukum": "Legal Basis",
    "berlaku_mulai": "Valid from",
    "berlaku_sampai": "Valid until",
    "status": "Status",
    "status_berlaku": "In force",
    "status_terjadwal": "Scheduled, not yet in force",
    "status_berakhir": "No longer in force",
    "page": "Page",
    "site_title": "Position Competency Standards",
    "home": "Home",
    "skip": "Skip to content",
    "search": "Search positions, codes or competencies",
    "search_button": "Search",
    "search_results": "Search results",
    "search_none": "No matching position.",
    "search_count": "positions found",
    "search_count_one": "position found",
    "positions": "Positions",
    "families": "Job Families",
    "competencies": "Competencies",
    "graph": "Job-Family Graph",
    "proposals": "Merge Proposals",
    "heatmap": "Competency Map",
    "heatmap_caption": "Competency level each position in this family requires; an empty cell means not required.",
    "required_by": "Positions Requiring It",
    "required_none": "No position requires this competency yet.",
    "position_count": "positions",
    "position_count_one": "position",
    "parent_family": "Parent family",
    "subfamilies": "Sub-families",
    "graph_intro": "Each box is a job family and each dot a position in it; grey lines join positions that share technical competencies (thicker when more alike); orange lines and thick rings mark the members of one merge proposal.",
    "graph_help": "Point at or focus (Tab) a position to highlight its neighbours; Enter opens its page. Zoom with the buttons above, the mouse wheel, or the + and − keys; pan by dragging or with the arrow keys; 0 resets the view.",
    "graph_key_edge": "shares technical competencies; thicker when more alike",
    "graph_key_group": "members of one merge proposal",
    "graph_key_family": "job family, named at the box's top left",
    "graph_show_group": "Show",
    "graph_show_in": "Show in the graph",
    "graph_zoom_in": "Zoom in",
    "graph_zoom_out": "Zoom out",
    "graph_reset": "Reset",
    "graph_empty": "No position to draw yet.",
    "graph_legend": "Key",
    "graph_list": "List of links",
    "graph_neighbours": "shares competencies with",
    "proposals_intro": "Groups of positions proposed for merging, with their similarity score and evidence. A proposal is material for review only; decisions are recorded in keputusan-gabung.yaml.",
    "proposals_none": "No merge proposal for these standards.",
    "proposals_unavailable": "The graph stage has not produced merge proposals for these standards.",
    "score": "Score",
    "members": "Members",
    "evidence": "Evidence",
    "decision": "Decision",
    "status_baru": "new, not yet reviewed",
    "status_diterima": "accepted",
    "footer": "Generated by kompiler from the YAML standards files.",
    "built_on": "Built on",
    "regulation_number": "Number",
    "regulation_year": "of",
    "regulation_about": "on",
    "downloads": "Download",
    "download_position": "This position's SKJ",
    "download_appendix": "The whole appendix",
    "download_in_appendix": "this position's part of the appendix",
    "format_pdf": "PDF",
    "format_docx": "Word (.docx)",
    "format_md": "Markdown",
    "format_html": "print HTML",
    "language": "Language",
    "table_of_contents": "Contents",
}

_MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

LABELS: MappingProxyType[str, MappingProxyType[str, str]] = MappingProxyType(
    {"id": MappingProxyType(_ID), "en": MappingProxyType(_EN)}
)


def labels(locale: str) -> MappingProxyType[str, str]:
    """The label table of ``locale`` (Indonesian for anything unknown)."""
    return LABELS.get(locale, LABELS["id"])


def long_date(iso: Any, locale: str) -> str:
    """``2026-03-02`` → ``2 Maret 2026`` (or ``2 March 2026``); anything else is returned as written."""
    text = str(iso or "")
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return text
    year, month, day = (int(p) for p in parts)
    if not 1 <= month <= 12:
        return text
    return f"{day} {_MONTHS.get(locale, _MONTHS['id'])[month - 1]} {year}"


def letter(index: int) -> str:
    """Section letters of a regulation: 0 → A, 25 → Z, 26 → AA, 27 → AB."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def roman(number: int) -> str:
    """Chapter numbers of a regulation: 1 → I, 4 → IV."""
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, numeral in numerals:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def decimal(value: float, digits: int = 2) -> str:
    """``value`` to ``digits`` places, trailing zeros dropped, with a ``.`` (cached: a CSV file repeats
    the same few values)."""
    text = f"{value:.{digits}f}"
    if digits:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def number(value: float, locale: str, digits: int = 1) -> str:
    """``value`` rounded to ``digits`` places, trailing zeros dropped, with the locale's decimal mark
    (``0,67`` in Indonesian, ``0.67`` in English): every number a page or document prints in running
    text, and the templates' ``number`` filter."""
    text = decimal(value, digits)
    return text.replace(".", ",") if locale == "id" else text
