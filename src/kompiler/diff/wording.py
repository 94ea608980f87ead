"""The words for changes, in Indonesian and English: what each subject, field and change is called.

Kept apart from :mod:`kompiler.diff.changes` so the change values stay plain data, and shared by the diff
reports and the amendment document so both call a field by the same name.
"""

from __future__ import annotations

from kompiler.diagnostics import Message
from kompiler.diff.changes import Change, Kind, Subject

SUBJECTS = {
    Subject.SOURCE: Message("Dasar hukum", "Legal source"),
    Subject.GRADE: Message("Jenjang", "Grade"),
    Subject.FAMILY: Message("Rumpun jabatan", "Job family"),
    Subject.DICTIONARY: Message("Kamus", "Dictionary"),
    Subject.COMPETENCY: Message("Kompetensi", "Competency"),
    Subject.POSITION: Message("Jabatan", "Position"),
    Subject.POLICY: Message("Kebijakan pengembangan", "Development policy"),
    Subject.LEARNING_FORM: Message("Bentuk pembelajaran", "Learning form"),
    Subject.ACTIVITY: Message("Kegiatan katalog", "Catalogue activity"),
    Subject.EQUIVALENCE: Message("Penyetaraan jenjang", "Grade equivalence"),
}

SUBJECTS_PLURAL = {
    Subject.SOURCE: Message("Dasar hukum", "Legal sources"),
    Subject.GRADE: Message("Jenjang", "Grades"),
    Subject.FAMILY: Message("Rumpun jabatan", "Job families"),
    Subject.DICTIONARY: Message("Kamus", "Dictionaries"),
    Subject.COMPETENCY: Message("Kompetensi", "Competencies"),
    Subject.POSITION: Message("Jabatan", "Positions"),
    Subject.POLICY: Message("Kebijakan pengembangan", "Development policy"),
    Subject.LEARNING_FORM: Message("Bentuk pembelajaran", "Learning forms"),
    Subject.ACTIVITY: Message("Kegiatan katalog", "Catalogue activities"),
    Subject.EQUIVALENCE: Message("Penyetaraan jenjang", "Grade equivalences"),
}

FIELDS = {
    "nama": Message("nama", "name"),
    "definisi": Message("definisi", "definition"),
    "bidang": Message("bidang", "field"),
    "deskripsi": Message("deskripsi level", "level description"),
    "indikator": Message("indikator", "indicator"),
    "jenis": Message("jenis jabatan", "position kind"),
    "jenjang": Message("jenjang", "grade"),
    "klasifikasi": Message("klasifikasi", "classification"),
    "rumpun": Message("rumpun jabatan", "job family"),
    "unit_kerja": Message("unit kerja", "work unit"),
    "urusan": Message("urusan pemerintahan", "government affairs"),
    "ikhtisar": Message("ikhtisar jabatan", "position summary"),
    "alasan_lintas_bidang": Message("alasan lintas bidang", "cross-field reason"),
    "sumber": Message("dasar hukum", "legal basis"),
    "berlaku_mulai": Message("tanggal mulai berlaku", "effective date"),
    "berlaku_sampai": Message("tanggal akhir berlaku", "end date"),
    "tugas": Message("uraian tugas", "task"),
    "hasil_kerja": Message("hasil kerja", "work output"),
    "persyaratan.pendidikan": Message("persyaratan pendidikan", "education requirement"),
    "persyaratan.pelatihan.manajerial": Message("persyaratan pelatihan manajerial", "managerial training"),
    "persyaratan.pelatihan.teknis": Message("persyaratan pelatihan teknis", "technical training"),
    "persyaratan.pelatihan.fungsional": Message("persyaratan pelatihan fungsional", "functional training"),
    "persyaratan.pengalaman": Message("persyaratan pengalaman kerja", "work experience requirement"),
    "persyaratan.pangkat": Message("persyaratan pangkat", "rank requirement"),
    "persyaratan.indikator_kinerja": Message("indikator kinerja jabatan", "performance indicator"),
    "judul": Message("judul", "title"),
    "nomor": Message("nomor", "number"),
    "tahun": Message("tahun", "year"),
    "status": Message("status", "status"),
    "dicabut_oleh": Message("dicabut oleh", "revoked by"),
    "jenis_jabatan": Message("jenis jabatan", "position kind"),
    "urutan": Message("urutan", "order"),
    "level_manajerial": Message("level manajerial", "managerial level"),
    "level_sosial_kultural": Message("level sosial kultural", "socio-cultural level"),
    "pangkat_terendah": Message("pangkat terendah", "lowest rank"),
    "pangkat_tertinggi": Message("pangkat tertinggi", "highest rank"),
    "pendidikan_minimal": Message("pendidikan minimal", "minimum education"),
    "pola_nama": Message("pola nama jabatan", "position naming pattern"),
    "keyakinan": Message("keyakinan", "confidence"),
    "catatan": Message("catatan", "note"),
    "induk": Message("rumpun induk", "parent family"),
    "klasikal": Message("klasikal", "classical"),
    "kelompok": Message("kelompok 10:20:70", "10:20:70 bucket"),
    "jp_per_satuan": Message("JP per satuan", "JP per unit"),
    "satuan": Message("satuan", "unit"),
    "bentuk": Message("bentuk pembelajaran", "learning form"),
    "jp": Message("JP", "JP"),
    "penyelenggara": Message("penyelenggara", "provider"),
    "mengembangkan": Message("kompetensi yang dikembangkan", "competencies developed"),
    "setara": Message("jenjang setara", "equivalent grade"),
}

# Values longer than this are shown as a word diff instead of "from … to …" in one sentence.
SHORT_VALUE = 60


def entity_name(code: str, name: str) -> str:
    """The name printed after an entity's code, or nothing when it would only repeat the code: a
    development-policy section (``kecocokan``) and a penyetaraan (known by its grade) are named by their
    code, and "Kebijakan pengembangan kecocokan kecocokan" reads as a stutter."""
    return "" if name.strip() == code.strip() else name


def field_label(field: str | None, locale: str) -> str:
    if field is None:
        return ""
    return FIELDS.get(field, Message(field, field)).text(locale)


def place(change: Change, locale: str) -> str:
    """Where inside the entity the change is: "level 3, indikator 3.2", or the field's name."""
    parts = []
    if change.level is not None:
        parts.append(f"level {change.level}")
    if change.kind is Kind.CHANGED and change.field == "indikator":
        parts.append(f"{field_label('indikator', locale)} {change.item}")
    elif change.kind is Kind.CHANGED:
        parts.append(field_label(change.field, locale))
    return ", ".join(parts)


def _value(value: object) -> str:
    return "—" if value is None else f"“{value}”" if isinstance(value, str) else str(value)


def is_short(change: Change) -> bool:
    """True when the before and after values fit in one sentence."""
    return all(len(str(v)) <= SHORT_VALUE for v in (change.before, change.after) if v is not None)


def headline(change: Change) -> Message:
    """The one-sentence statement of a change, without the entity it belongs to."""
    level = f"level {change.level}"
    match change.kind:
        case Kind.ADDED:
            return Message("ditambahkan", "added")
        case Kind.REMOVED:
            return Message("dihapus", "removed")
        case Kind.RENAMED:
            percent = f"{round((change.similarity or 0) * 100)}%"
            return Message(
                f"kode diubah dari {change.old_code} menjadi {change.code} (isi {percent} sama)",
                f"recoded from {change.old_code} to {change.code} ({percent} same content)",
            )
        case Kind.MERGED:
            members = ", ".join(change.members)
            return Message(
                f"hasil penggabungan jabatan {members}", f"the result of merging the positions {members}"
            )
        case Kind.CHANGED:
            where_id, where_en = place(change, "id"), place(change, "en")
            if change.before is None:
                return Message(
                    f"{where_id} ditetapkan {_value(change.after)}",
                    f"{where_en} set to {_value(change.after)}",
                )
            if change.after is None:
                return Message(
                    f"{where_id} {_value(change.before)} dihapus",
                    f"{where_en} {_value(change.before)} removed",
                )
            if change.words and not is_short(change):
                return Message(f"{where_id} diubah", f"{where_en} changed")
            return Message(
                f"{where_id} diubah dari {_value(change.before)} menjadi {_value(change.after)}",
                f"{where_en} changed from {_value(change.before)} to {_value(change.after)}",
            )
        case Kind.LEVEL_ADDED:
            return Message(
                f"{level} ditambahkan: {_value(change.after)}", f"{level} added: {_value(change.after)}"
            )
        case Kind.LEVEL_REMOVED:
            return Message(f"{level} dihapus", f"{level} removed")
        case Kind.INDICATOR_ADDED:
            return Message(
                f"{level}, indikator {change.item} ditambahkan: {_value(change.after)}",
                f"{level}, indicator {change.item} added: {_value(change.after)}",
            )
        case Kind.INDICATOR_REMOVED:
            return Message(
                f"{level}, indikator {change.item} dihapus: {_value(change.before)}",
                f"{level}, indicator {change.item} removed: {_value(change.before)}",
            )
        case Kind.INDICATOR_RENUMBERED:
            return Message(
                f"{level}, indikator {change.before} dinomori ulang menjadi {change.after}",
                f"{level}, indicator {change.before} renumbered to {change.after}",
            )
        case Kind.REQUIREMENT_ADDED:
            return Message(
                f"kompetensi {change.item} dipersyaratkan pada level {change.after}",
                f"competency {change.item} now required at level {change.after}",
            )
        case Kind.REQUIREMENT_REMOVED:
            return Message(
                f"kompetensi {change.item} (level {change.before}) tidak lagi dipersyaratkan",
                f"competency {change.item} (level {change.before}) no longer required",
            )
        case Kind.REQUIREMENT_RAISED:
            return Message(
                f"level kompetensi {change.item} dinaikkan dari {change.before} menjadi {change.after}",
                f"competency {change.item} level raised from {change.before} to {change.after}",
            )
        case Kind.REQUIREMENT_LOWERED:
            return Message(
                f"level kompetensi {change.item} diturunkan dari {change.before} menjadi {change.after}",
                f"competency {change.item} level lowered from {change.before} to {change.after}",
            )
        case Kind.REQUIREMENT_IMPORTANCE if change.before is None:
            return Message(
                f"kepentingan kompetensi {change.item} ditetapkan {change.after}",
                f"importance of competency {change.item} set at {change.after}",
            )
        case Kind.REQUIREMENT_IMPORTANCE if change.after is None:
            return Message(
                f"kepentingan kompetensi {change.item} ({change.before}) dihapus",
                f"importance of competency {change.item} ({change.before}) removed",
            )
        case Kind.REQUIREMENT_IMPORTANCE:
            return Message(
                f"kepentingan kompetensi {change.item} diubah dari {change.before} menjadi {change.after}",
                f"importance of competency {change.item} changed from {change.before} to {change.after}",
            )
        case Kind.ITEM_ADDED:
            return Message(
                f"{field_label(change.field, 'id')} ditambahkan: {_value(change.after)}",
                f"{field_label(change.field, 'en')} added: {_value(change.after)}",
            )
        case Kind.ITEM_REMOVED:
            return Message(
                f"{field_label(change.field, 'id')} dihapus: {_value(change.before)}",
                f"{field_label(change.field, 'en')} removed: {_value(change.before)}",
            )
    raise ValueError(change.kind)  # pragma: no cover - every kind is handled above
