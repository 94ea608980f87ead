"""The diagnostic codes that are not rules: problems found while reading, parsing and validating files.

Rules describe themselves (``kompiler.rules``); these codes are listed here so that ``kompiler explain``
and the SARIF report can describe every code a user may see.
"""

from __future__ import annotations

from dataclasses import dataclass

from kompiler.diagnostics import Message


@dataclass(frozen=True)
class CodeInfo:
    title: Message
    explanation: Message


BUILTIN: dict[str, CodeInfo] = {
    "KMP001": CodeInfo(
        Message("Berkas tidak dapat dibaca sebagai teks UTF-8", "File cannot be read as UTF-8 text"),
        Message(
            "Standar harus berupa teks UTF-8 (dengan atau tanpa BOM), tanpa byte NUL atau karakter kontrol, "
            "dan tidak lebih besar dari 8 MiB.",
            "Standards must be UTF-8 text (with or without a BOM), without NUL bytes or control characters, "
            "and no larger than 8 MiB.",
        ),
    ),
    "KMP002": CodeInfo(
        Message("Kesalahan sintaks YAML", "YAML syntax error"),
        Message(
            "Berkas tidak dapat diurai sebagai YAML: indentasi dengan tab, tanda kutip yang tidak ditutup, "
            "titik dua di dalam teks tanpa tanda kutip, atau beberapa dokumen dalam satu berkas.",
            "The file cannot be parsed as YAML: tab indentation, an unclosed quote, an unquoted colon inside "
            "text, or several documents in one file.",
        ),
    ),
    "KMP003": CodeInfo(
        Message("Kunci ganda", "Duplicate key"),
        Message(
            "Satu kunci hanya boleh muncul sekali dalam satu peta; YAML biasa diam-diam memakai yang terakhir.",
            "A key may appear only once in a mapping; plain YAML silently keeps the last one.",
        ),
    ),
    "KMP004": CodeInfo(
        Message("Nilai YAML bermakna ganda", "Ambiguous YAML value"),
        Message(
            "YAML 1.1 membaca yes/no/on/off sebagai boolean, 2026-01-01 sebagai tanggal, dan 010 sebagai "
            "bilangan oktal. Nilai seperti itu harus ditulis dengan tanda kutip agar tidak berubah makna.",
            "YAML 1.1 reads yes/no/on/off as booleans, 2026-01-01 as a date and 010 as an octal number. Such "
            "values must be quoted so that their meaning cannot change.",
        ),
    ),
    "KMP005": CodeInfo(
        Message("Anchor, alias, atau kunci gabung", "Anchor, alias or merge key"),
        Message(
            "Anchor (&), alias (*), dan kunci gabung (<<) menyembunyikan isi standar dan dapat dipakai untuk "
            "serangan 'bom alias'; setiap nilai ditulis lengkap.",
            "Anchors (&), aliases (*) and merge keys (<<) hide what a standard says and enable 'alias bomb' "
            "attacks; every value is written out in full.",
        ),
    ),
    "KMP006": CodeInfo(
        Message("Tag atau kunci YAML yang tidak didukung", "Unsupported YAML tag or key"),
        Message(
            "Tag seperti !!python/object dan kunci yang bukan teks tidak diterima.",
            "Tags such as !!python/object and keys that are not text are not accepted.",
        ),
    ),
    "KMP007": CodeInfo(
        Message("Struktur bersarang terlalu dalam", "Nesting too deep"),
        Message(
            "Standar tidak pernah memerlukan lebih dari 64 tingkat; struktur yang lebih dalam ditolak sebelum "
            "diurai.",
            "Standards never need more than 64 levels; deeper structures are refused before parsing.",
        ),
    ),
    "KMP008": CodeInfo(
        Message("Berkas kosong", "Empty file"),
        Message(
            "Berkas standar harus berisi satu dokumen YAML.", "A standards file must hold one YAML document."
        ),
    ),
    "KMP009": CodeInfo(
        Message("Berkas di luar folder standar", "File outside the standards folder"),
        Message(
            "Tautan simbolik yang menunjuk ke luar folder proyek tidak diikuti.",
            "Symbolic links that point outside the project folder are not followed.",
        ),
    ),
    "KMP010": CodeInfo(
        Message("Berkas YAML di tempat yang tidak dikenal", "YAML file in an unknown place"),
        Message(
            "Jenis berkas ditentukan oleh tempatnya: kamus/, rumpun/, jabatan/, pengembangan/, sumber.yaml, "
            "jenjang.yaml, keputusan-gabung.yaml. Berkas lain tidak diperiksa.",
            "A file's kind follows from where it is: kamus/, rumpun/, jabatan/, pengembangan/, sumber.yaml, "
            "jenjang.yaml, keputusan-gabung.yaml. Other files are not checked.",
        ),
    ),
    "KMP011": CodeInfo(
        Message("Tidak sesuai skema", "Schema violation"),
        Message(
            "Setiap jenis berkas memiliki JSON Schema di schemas/: kunci yang salah ketik, nilai di luar pilihan, "
            "format kode yang salah, atau kunci wajib yang hilang dilaporkan di baris tempatnya.",
            "Every file kind has a JSON Schema in schemas/: misspelt keys, values outside the choices, malformed "
            "codes or missing required keys are reported at their line.",
        ),
    ),
    "KMP012": CodeInfo(
        Message("Tidak ada berkas proyek", "No project file"),
        Message(
            "Tanpa kompiler.yaml, pemeriksaan memakai konfigurasi bawaan; dokumen resmi memerlukan metadatanya.",
            "Without kompiler.yaml, checks use the default configuration; official documents need its metadata.",
        ),
    ),
    "KMP019": CodeInfo(
        Message("Proyek terlalu besar", "Project too large"),
        Message(
            "Seluruh berkas standar satu proyek dibatasi 256 MiB dan 100.000 berkas (korpus nasional: 111 MB "
            "dalam 50.036 berkas), dihitung dari ukurannya sebelum satu berkas pun dibaca, agar pull request "
            "tidak dapat menghabiskan memori CI. Proyek yang melampauinya tidak diperiksa sama sekali (kode "
            "keluar 2); pesannya menyebut batas, yang ditemukan, dan berkas terbesar.",
            "A project's standards files are bounded to 256 MiB and 100,000 files in all (the national corpus: "
            "111 MB in 50,036 files), counted from their sizes before any file is read, so that a pull request "
            "cannot exhaust a CI runner's memory. A project past it is not checked at all (exit code 2); the "
            "message names the limit, what was found and the largest file.",
        ),
    ),
    "KMP090": CodeInfo(
        Message("Penanda abaikan yang tidak mengabaikan apa pun", "Suppression that suppresses nothing"),
        Message(
            "Komentar '# kompiler: abaikan KODE' yang tidak menutupi satu pun laporan aturan itu sudah usang: "
            "masalahnya telah diperbaiki atau penanda ditulis di baris yang salah. Hapus penandanya.",
            "A '# kompiler: disable CODE' comment that covers no report of that rule is stale: the problem was "
            "fixed or the directive sits on the wrong line. Remove the directive.",
        ),
    ),
    "KMP091": CodeInfo(
        Message("Penanda abaikan yang tidak dapat dipahami", "Malformed suppression directive"),
        Message(
            "Bentuk penanda: '# kompiler: abaikan KMP101 -- alasan' (baris yang sama, atau baris berikutnya bila "
            "komentar berdiri sendiri), 'abaikan-mulai' … 'abaikan-selesai' untuk satu blok, 'abaikan-berkas' "
            "untuk seluruh berkas; alias Inggris: disable, disable-start, disable-end, disable-file. Hanya kode "
            "aturan yang dapat diabaikan, bukan galat sintaks atau skema.",
            "Directive forms: '# kompiler: disable KMP101 -- reason' (the same line, or the next line when the "
            "comment stands alone), 'disable-start' … 'disable-end' for a block, 'disable-file' for the whole "
            "file; Indonesian forms: abaikan, abaikan-mulai, abaikan-selesai, abaikan-berkas. Only rule codes "
            "can be suppressed, not syntax or schema errors.",
        ),
    ),
    "KMP092": CodeInfo(
        Message("Konfigurasi aturan yang tidak berpengaruh", "Rule setting without effect"),
        Message(
            "Bagian aturan di kompiler.yaml menyebut kode yang bukan aturan atau opsi yang tidak dimiliki "
            "aturan, sehingga pengaturan itu tidak berpengaruh. 'kompiler explain KODE' menampilkan opsi setiap "
            "aturan.",
            "The aturan section of kompiler.yaml names a code that is no rule or an option the rule does not "
            "have, so the setting has no effect. 'kompiler explain CODE' shows every rule's options.",
        ),
    ),
    "KMP093": CodeInfo(
        Message("Nilai konfigurasi yang tidak dapat dipakai", "Configuration value that cannot be used"),
        Message(
            "Nilai di kompiler.yaml yang sah menurut skema tetapi tidak dapat dipakai: opsi aturan di luar jenis "
            "atau rentang yang dinyatakan aturannya (misalnya indikator_per_level: -5, true untuk bilangan bulat, "
            "2.5 untuk bilangan bulat, kata di luar pilihannya; 'kompiler explain KODE' menampilkan rentang setiap "
            "opsi), atau bobot gabung yang semuanya 0. Ini galat konfigurasi: tidak ada aturan yang dijalankan, "
            "tidak ada keluaran yang dibuat, dan kode keluarnya 2. Galat ini tidak dapat dimatikan atau "
            "diabaikan.",
            "A value in kompiler.yaml that the schema allows but that cannot be used: a rule option outside the "
            "type or range its rule declares (for instance indikator_per_level: -5, true or 2.5 for an integer, "
            "a word that is not one of its choices; 'kompiler explain CODE' shows every option's range), or merge "
            "weights that are all 0. It is a configuration error: no rule runs, no output is written, and the "
            "exit code is 2. It cannot be turned off or waived.",
        ),
    ),
    "KMP070": CodeInfo(
        Message("Berkas tabel tidak dapat dibaca", "Table file cannot be read"),
        Message(
            "kompiler import membaca berkas biasa CSV (UTF-8) atau XLSX sampai 64 MiB (XLSX: 256 MiB setelah "
            "dibuka). Folder, FIFO, perangkat, XLSX yang rusak, .xls/.ods, dan berkas yang lebih besar ditolak "
            "sebagai galat penggunaan (kode keluar 2) sebelum apa pun ditulis.",
            "kompiler import reads regular CSV (UTF-8) or XLSX files up to 64 MiB (XLSX: 256 MiB unpacked). "
            "Folders, FIFOs, devices, damaged XLSX, .xls/.ods and larger files are refused as a usage error "
            "(exit code 2) before anything is written.",
        ),
    ),
    "KMP071": CodeInfo(
        Message("Bentuk tabel tidak sesuai", "Malformed table"),
        Message(
            "Tabel memerlukan satu baris judul kolom dengan kolom wajibnya (jabatan: code, title, group; "
            "persyaratan: code, element_id, element_name, level, importance; judul yang diawali nama kolom, "
            "misalnya level_0_to_7, juga diterima; kolom lain diabaikan) dan sedikitnya satu baris data. Baris "
            "dengan nilai lebih banyak dari judul kolom biasanya berisi pemisah di dalam nilai.",
            "A table needs one header row with its required columns (positions: code, title, group; "
            "requirements: code, element_id, element_name, level, importance; a header that starts with the "
            "column's name, such as level_0_to_7, is accepted; other columns are ignored) and at least one data "
            "row. A row with more values than the header usually holds a separator inside a value.",
        ),
    ),
    "KMP072": CodeInfo(
        Message("Teks sel tidak sah", "Invalid text in a cell"),
        Message(
            "Setiap sel berisi satu baris teks UTF-8, tanpa karakter kendali (termasuk NUL dan tab), pindah "
            "baris, pembalik arah teks, atau BOM di tengah teks, tidak lebih panjang dari batas kolomnya, dan "
            "bukan nilai galat rumus (#N/A) atau tanggal yang dibuat Excel dari sebuah kode.",
            "Every cell holds one line of UTF-8 text, without control characters (NUL and tab included), line "
            "breaks, bidirectional overrides or a byte order mark inside the text, no longer than its column "
            "allows, and not a formula's error value (#N/A) or a date Excel made of a code.",
        ),
    ),
    "KMP073": CodeInfo(
        Message("Sel wajib kosong", "Required cell is empty"),
        Message(
            "Kode jabatan, judul, kode elemen, level, dan kepentingan wajib diisi di setiap baris. Di XLSX, "
            "rumus yang hasilnya belum pernah disimpan juga terbaca kosong.",
            "Every row needs its position code, title, element id, level and importance. In an XLSX, a formula "
            "whose result was never saved reads as empty too.",
        ),
    ),
    "KMP074": CodeInfo(
        Message("Angka tidak sah atau di luar skala", "Invalid number or outside its scale"),
        Message(
            "Level dan kepentingan ditulis sebagai angka terhingga (3, 3.5, atau 3,5 dengan koma desimal); nan, "
            "inf, 1e999, dan pemisah ribuan ditolak. Level harus di dalam skala --scale-min sampai --scale-max, "
            "kepentingan tidak negatif dan tidak di atas --max-importance bila diberikan.",
            "Levels and importances are finite numbers (3, 3.5, or 3,5 with a decimal comma); nan, inf, 1e999 "
            "and thousands separators are refused. A level must lie within --scale-min to --scale-max, an "
            "importance must not be negative nor above --max-importance when given.",
        ),
    ),
    "KMP075": CodeInfo(
        Message("Kode jabatan tidak sah", "Invalid position code"),
        Message(
            "Kode jabatan berisi huruf A-Z, angka, titik, garis bawah, dan tanda hubung, 2 sampai 40 karakter, "
            "diawali huruf atau angka; huruf kecil ditulis besar, spasi dan / menjadi tanda hubung.",
            "A position code holds letters A-Z, digits, dots, underscores and hyphens, 2 to 40 characters, "
            "starting with a letter or digit; lower case is written in capitals, spaces and / become hyphens.",
        ),
    ),
    "KMP076": CodeInfo(
        Message("Baris ganda atau bertentangan", "Duplicate or contradictory rows"),
        Message(
            "Setiap jabatan memiliki kode sendiri (kode yang hanya berbeda huruf besar/kecil, spasi, atau "
            "pemisah . _ - dianggap sama, seperti KMP111), setiap elemen muncul sekali per jabatan, dan satu "
            "kode elemen memiliki satu nama. Tanpa aturan ini satu baris diam-diam menimpa baris lain.",
            "Every position has a code of its own (codes that differ only in case, spaces or the separators "
            ". _ - count as the same, as in KMP111), every element appears once per position, and one element "
            "id has one name. Otherwise one row would silently overwrite another.",
        ),
    ),
    "KMP077": CodeInfo(
        Message("Rujukan antartabel tidak cocok", "Tables do not match"),
        Message(
            "Setiap baris persyaratan menyebut kode jabatan yang ada di tabel jabatan, dan setiap jabatan "
            "memiliki sedikitnya satu baris persyaratan (standar memerlukan kompetensi teknis).",
            "Every requirement row names a position code of the positions table, and every position has at "
            "least one requirement row (a standard needs a technical competency).",
        ),
    ),
    "KMP079": CodeInfo(
        Message("Hanya lembar pertama yang dibaca", "Only the first sheet is read"),
        Message(
            "Dari buku kerja XLSX hanya lembar kerja pertama (tab paling kiri) yang dibaca; pindahkan tabelnya "
            "ke lembar pertama atau simpan sebagai berkas tersendiri.",
            "Only the first worksheet (the leftmost tab) of an XLSX workbook is read; move the table to the "
            "first sheet or save it as a file of its own.",
        ),
    ),
    "KMP013": CodeInfo(
        Message("Bagian proyek tidak dapat dibaca", "Part of the project cannot be read"),
        Message(
            "Hanya berkas biasa yang dibaca: pipa bernama (FIFO), perangkat, soket, atau folder di tempat "
            "sebuah berkas standar ditolak, begitu pula berkas atau folder tanpa izin baca, jabatan/, kamus/ "
            "atau rumpun/ yang bukan folder, dan kompiler.yaml yang bukan berkas. Standar yang tidak dapat "
            "dibaca tidak pernah dianggap tidak ada.",
            "Only regular files are read: a named pipe (FIFO), a device, a socket or a folder where a "
            "standards file belongs is refused, and so is a file or folder without read permission, a "
            "jabatan/, kamus/ or rumpun/ that is not a folder, and a kompiler.yaml that is not a file. "
            "Standards that cannot be read are never taken as absent.",
        ),
    ),
    "KMP014": CodeInfo(
        Message("Nama berkas bukan UTF-8", "File name is not UTF-8"),
        Message(
            "Nama berkas atau folder yang bukan UTF-8 yang sah (misalnya dari sistem Latin-1) tidak dapat "
            "ditampilkan atau dirujuk dengan pasti, sehingga tidak diperiksa; laporannya menulis bita yang "
            "salah sebagai \\xNN. Ganti namanya.",
            "A file or folder name that is not valid UTF-8 (from a Latin-1 system, say) cannot be shown or "
            "referred to reliably, so it is not checked; the report writes the offending bytes as \\xNN. "
            "Rename it.",
        ),
    ),
    "KMP015": CodeInfo(
        Message("Bukan proyek standar", "Not a standards project"),
        Message(
            "Folder yang diperiksa tidak memuat kompiler.yaml (juga tidak di atasnya) dan tidak memuat "
            "sumber.yaml, jenjang.yaml, kamus/, rumpun/, atau jabatan/: ini galat penggunaan (kode keluar 2), "
            "bukan pemeriksaan yang lulus, dan tidak ada yang ditulis di sana.",
            "The folder checked holds no kompiler.yaml (nor does any folder above it) and no sumber.yaml, "
            "jenjang.yaml, kamus/, rumpun/ or jabatan/: a usage error (exit code 2), not a clean check, and "
            "nothing is written there.",
        ),
    ),
    "KMP017": CodeInfo(
        Message("Karakter terlarang dalam teks", "Forbidden character in text"),
        Message(
            "Teks standar (nilai maupun kunci, di berkas apa pun) hanya memuat karakter yang dapat dicetak, "
            "ditambah tab dan pindah baris biasa (misalnya dalam blok |). Ditolak: karakter kendali lain "
            "(termasuk NUL, U+0085, dan C1), separuh pasangan surrogate, nonkarakter Unicode (U+FFFE, U+FFFF, "
            "U+FDD0-U+FDEF), pengatur arah teks (U+202A-U+202E, U+2066-U+2069) yang membuat teks terbaca lain "
            "dari isinya, pemisah baris/paragraf U+2028/U+2029, dan BOM di dalam teks, baik ditulis langsung "
            'maupun lewat escape seperti "\\x01", "\\0" atau "\\uFFFE". Dokumen Word, XML, dan terminal '
            "tidak dapat memuatnya; laporannya menunjuk teks itu dan urutan karakternya.",
            "Standards text (values and keys, in any file) holds only printable characters, plus a tab and "
            "an ordinary line break (in a | block, say). Refused: other control characters (NUL, U+0085 and "
            "C1 included), lone surrogates, Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF), "
            "bidirectional controls (U+202A-U+202E, U+2066-U+2069) that make text read otherwise than it is "
            "stored, the line and paragraph separators U+2028/U+2029 and a byte order mark inside text, "
            'whether written as such or as an escape like "\\x01", "\\0" or "\\uFFFE". Word documents, XML '
            "and terminals cannot carry them; the report points at the text and names the character's place.",
        ),
    ),
    "KMP018": CodeInfo(
        Message("Berkas di folder standar tidak dibaca", "File in a standards folder is not read"),
        Message(
            "Hanya berkas berakhiran .yaml atau .yml (huruf kecil) yang dibaca sebagai standar. Berkas lain "
            "di kamus/, rumpun/, jabatan/, dan pengembangan/, misalnya baru.YAML, baru.yaml.txt, atau baru.yml~ "
            "tanpa baru.yml di sampingnya, tidak diperiksa dan tidak masuk ke hasil build; ganti namanya seperti "
            "yang disarankan, atau pindahkan berkas itu ke luar folder standar. Tidak dilaporkan: berkas "
            "tersembunyi (.gitkeep), dokumentasi (README, *.md), Thumbs.db dan desktop.ini, serta salinan "
            "cadangan penyunting (x~, #x#, x.bak, x.orig, x.tmp, x.swp) yang berkas aslinya ada.",
            "Only files ending in .yaml or .yml (lower case) are read as standards. Other files in kamus/, "
            "rumpun/, jabatan/ and pengembangan/, such as baru.YAML, baru.yaml.txt, or baru.yml~ without a "
            "baru.yml beside it, are not checked and do not reach the build; rename them as suggested, or "
            "move the file out of the standards folder. Not reported: hidden files (.gitkeep), documentation "
            "(README, *.md), Thumbs.db and desktop.ini, and an editor's backups (x~, #x#, x.bak, x.orig, "
            "x.tmp, x.swp) whose original is there.",
        ),
    ),
    "KMP080": CodeInfo(
        Message("kompiler.yaml tidak ditemukan untuk migrasi", "No kompiler.yaml to migrate"),
        Message(
            "kompiler migrate membaca versi format proyek dari schema_version di kompiler.yaml; tanpa berkas "
            "itu (di folder ini atau di atasnya) tidak ada proyek yang dapat dimigrasikan (kode keluar 2).",
            "kompiler migrate reads the project's format version from schema_version in kompiler.yaml; "
            "without that file (in this folder or above) there is no project to migrate (exit code 2).",
        ),
    ),
    "KMP081": CodeInfo(
        Message("Versi format tidak dikenal", "Unknown format version"),
        Message(
            "schema_version di kompiler.yaml harus bilangan bulat dari 0 sampai versi format kompiler ini; "
            "versi yang lebih baru memerlukan kompiler yang lebih baru (kode keluar 2).",
            "schema_version in kompiler.yaml must be a whole number from 0 up to this kompiler's format "
            "version; a newer version needs a newer kompiler (exit code 2).",
        ),
    ),
    "KMP082": CodeInfo(
        Message("Berkas tidak dapat dimigrasikan dengan aman", "File cannot be migrated safely"),
        Message(
            "Hasil migrasi berkas ini tidak terbaca kembali sebagai data yang dimigrasikan, sehingga tidak ada "
            "berkas yang ditulis; ubah berkas ini secara manual.",
            "The migrated text of this file does not read back as the migrated data, so no file is written; "
            "edit this file by hand.",
        ),
    ),
    "KMP083": CodeInfo(
        Message("Berkas tidak dapat diformat dengan aman", "File cannot be formatted safely"),
        Message(
            "kompiler fmt hanya menulis bentuk kanonis yang terbaca kembali sebagai data yang sama persis dan "
            "memuat semua komentarnya; bila tidak, berkas dibiarkan apa adanya.",
            "kompiler fmt writes a canonical form only when it reads back as exactly the same data and keeps "
            "every comment; otherwise the file is left as it is.",
        ),
    ),
    "KMP084": CodeInfo(
        Message("fmt akan memindahkan cakupan penanda abaikan", "fmt would move what a waiver covers"),
        Message(
            "Penanda abaikan mencakup baris; kompiler fmt menolak menulis ulang berkas bila dalam bentuk "
            "kanonis sebuah penanda akan mencakup kunci atau nilai lain (misalnya karena urutan kunci "
            "berubah). Letakkan penanda tepat di atas atau di baris yang dimaksud, atau urutkan kuncinya "
            "lebih dulu.",
            "A waiver covers lines; kompiler fmt refuses to rewrite a file when in canonical form a waiver "
            "would cover other keys or values (because keys change order, say). Put the waiver right above "
            "or on the line it is meant for, or put the keys in order first.",
        ),
    ),
    "KMP085": CodeInfo(
        Message("Bukan berkas standar", "Not a standards file"),
        Message(
            "PATH untuk kompiler check dan kompiler fmt harus folder proyek standar atau salah satu berkas "
            "standarnya (kompiler.yaml, sumber.yaml, jenjang.yaml, keputusan-gabung.yaml, kamus/, rumpun/, "
            "jabatan/, pengembangan/); yang lain adalah galat penggunaan (kode keluar 2). Berkas yang dilewati "
            "pemeriksaan dengan peringatan, misalnya baru.YAML (KMP018) atau berkas YAML di luar tempat yang "
            "dikenal (KMP010), dilaporkan kompiler check dengan peringatan itu (kode keluar 0); kompiler fmt "
            "menolak menulisnya ulang dengan alasan yang sama.",
            "The PATH of kompiler check and kompiler fmt must be a standards project's folder or one of its "
            "standards files (kompiler.yaml, sumber.yaml, jenjang.yaml, keputusan-gabung.yaml, kamus/, "
            "rumpun/, jabatan/, pengembangan/); anything else is a usage error (exit code 2). A file the check "
            "passes over with a warning, such as baru.YAML (KMP018) or a YAML file in no known place "
            "(KMP010), is reported by kompiler check with that warning (exit code 0); kompiler fmt refuses to "
            "rewrite it, giving the same reason.",
        ),
    ),
    "KMP050": CodeInfo(
        Message("Galat templat", "Template error"),
        Message(
            "Templat proyek (folder templates/) tidak dapat dipakai: kesalahan sintaks Jinja, nama yang tidak "
            "ada (salah ketik tidak dicetak kosong), templat yang tidak ditemukan, akses ke bagian dalam Python "
            "yang dilarang sandbox, atau galat lain saat dijalankan. Dilaporkan di berkas dan baris templat; "
            "tidak ada keluaran yang ditulis (kode keluar 2).",
            "A project template (templates/ folder) cannot be used: a Jinja syntax error, a name that does not "
            "exist (a typo never prints as nothing), a template that is not found, a reach for Python internals "
            "that the sandbox forbids, or another error while it runs. Reported at the template's file and line; "
            "no output is written (exit code 2).",
        ),
    ),
    "KMP051": CodeInfo(
        Message("Berkas templat atau aset tidak dipakai", "Template or asset file not used"),
        Message(
            "Templat dan aset (CSS, JavaScript) proyek hanya dipakai dari dalam folder templates/ proyek: "
            "tautan simbolik yang menunjuk ke luar folder itu, berkas yang bukan berkas biasa (pipa bernama, "
            "perangkat, folder), berkas lebih dari 2 MiB, atau teks yang bukan UTF-8 ditolak, sehingga build "
            "tidak pernah menerbitkan berkas lain (kode keluar 2).",
            "A project's templates and assets (CSS, JavaScript) are used only from inside its templates/ "
            "folder: a symbolic link that leads outside it, anything but a regular file (a named pipe, a device, "
            "a folder), a file over 2 MiB, or text that is not UTF-8 is refused, so a build never publishes "
            "another file (exit code 2).",
        ),
    ),
    "KMP052": CodeInfo(
        Message("Templat melampaui batasnya", "Template went past its limits"),
        Message(
            "Setiap halaman yang dibuat dengan templat proyek punya batas kerja (langkah: putaran, panggilan, "
            "dan karakter yang dibuat; 10 juta ditambah 100.000 per unsur yang dimuat halaman itu: jabatan, "
            "kompetensi, baris, atau sel peta), batas memori dan waktu prosesor, dan batas kedalaman "
            "(include, extends, atau makro yang memanggil dirinya sendiri). Templat bawaan memakai sekitar "
            "sepersepuluhnya. "
            "Perulangan yang terlalu besar atau bersarang, nilai raksasa ('a' * 2000000000), atau rekursi tanpa "
            "akhir dihentikan di baris templatnya (kode keluar 2).",
            "Every page made with a project's templates has a work limit (steps: iterations, calls and "
            "characters made; 10 million plus 100,000 per item the page holds: a position, a competency, a row "
            "or a heatmap cell), a memory and a processor-time limit, and a depth limit (an include, extends or "
            "macro that calls "
            "itself). The shipped templates use about a tenth of it. A loop too large or nested, a giant value "
            "('a' * 2000000000) or endless recursion is stopped at its template line (exit code 2).",
        ),
    ),
    "KMP053": CodeInfo(
        Message("Templat PDF meminta sumber dari luar", "PDF template asks for an outside resource"),
        Message(
            "PDF (lampiran, dokumen perubahan) disusun hanya dari isi templatnya: gambar, stylesheet, fon, "
            "@import, atau lampiran yang diminta lewat URL (file:, http:, https:, dan lainnya) ditolak, agar "
            "build tidak pernah menerbitkan berkas mesin build atau menghubungi jaringan. Gambar atau fon dapat "
            "disisipkan sebagai URL data:. Dilaporkan di baris templat yang menuliskan URL itu (kode keluar 2).",
            "A PDF (the appendix, an amendment document) is laid out from its templates alone: an image, "
            "stylesheet, font, @import or attachment asked for by URL (file:, http:, https: and others) is "
            "refused, so that a build never publishes a file of the build machine nor reaches the network. An "
            "image or font may be embedded as a data: URL. Reported at the template line that writes the URL "
            "(exit code 2).",
        ),
    ),
    "KMP024": CodeInfo(
        Message("Bukan berkas di revisi git", "Not a file in the git revision"),
        Message(
            "kompiler diff membaca revisi hanya dari objek git, dengan batas yang sama seperti berkas di "
            "disk (8 MiB, diputuskan dari ukurannya sebelum dibaca). Tautan simbolik atau submodul git di "
            "tempat berkas atau folder standar (jabatan/, kamus/, rumpun/, kompiler.yaml) tidak diikuti, "
            "tetapi dilaporkan: standar di baliknya tidak dibandingkan (dapat tampak terhapus, dengan "
            "peringatan) dan dokumen perubahan tidak ditulis.",
            "kompiler diff reads a revision from git objects only, with the limits of files on disk (8 MiB, "
            "decided from the size before reading). A symbolic link or a git submodule where a standards "
            "file or folder belongs (jabatan/, kamus/, rumpun/, kompiler.yaml) is not followed but reported: "
            "the standards behind it are not compared (they may look removed, with a warning) and no "
            "amendment document is written.",
        ),
    ),
    "KMP016": CodeInfo(
        Message("Terlalu banyak masalah dalam satu berkas", "Too many problems in one file"),
        Message(
            "Satu berkas melaporkan paling banyak 1.000 masalah pembacaan dan 1.000 masalah skema; sisanya "
            "dihitung dalam satu pesan di tempat yang pertama tidak ditampilkan. Berkas tetap gagal "
            "diperiksa; perbaiki masalah yang ditampilkan lalu periksa lagi.",
            "One file reports at most 1,000 reading problems and 1,000 schema problems; the rest are "
            "counted in one message at the first one not shown. The file still fails the check; fix the "
            "problems shown and check again.",
        ),
    ),
    "KMP200": CodeInfo(
        Message("Berkas asesmen tidak dapat dibaca", "Assessment file cannot be read"),
        Message(
            "Berkas asesmen harus berupa berkas biasa (bukan folder, FIFO, atau perangkat), CSV atau XLSX, "
            "tidak lebih besar dari batasnya (4 GiB; XLSX paling banyak 2 GiB setelah dibuka). Lembar XLSX "
            "yang diminta harus ada. Format .xls dan .ods tidak dibaca: simpan sebagai CSV UTF-8 atau XLSX.",
            "An assessment file must be a regular file (not a folder, a FIFO or a device), CSV or XLSX, no "
            "larger than the limit (4 GiB; an XLSX at most 2 GiB unpacked). The XLSX sheet asked for must "
            "exist. .xls and .ods are not read: save as UTF-8 CSV or XLSX.",
        ),
    ),
    "KMP201": CodeInfo(
        Message("Berkas asesmen bukan teks UTF-8", "Assessment file is not UTF-8 text"),
        Message(
            "CSV dibaca sebagai UTF-8 (dengan atau tanpa BOM) atau UTF-16 dengan BOM. Byte yang bukan UTF-8 "
            "(misalnya Latin-1/ANSI dari Excel lama) dilaporkan di selnya: di Excel pilih Simpan Sebagai → "
            "'CSV UTF-8 (Comma delimited)'.",
            "A CSV is read as UTF-8 (with or without a BOM) or as UTF-16 with a BOM. Bytes that are not UTF-8 "
            "(Latin-1/ANSI from an older Excel) are reported at their cell: in Excel use Save As → "
            "'CSV UTF-8 (Comma delimited)'.",
        ),
    ),
    "KMP202": CodeInfo(
        Message("Berkas asesmen tanpa data", "Assessment file without data"),
        Message(
            "Berkas kosong, atau hanya berisi baris judul: tidak ada orang yang dapat dinilai.",
            "The file is empty or holds only the header: there is nobody to assess.",
        ),
    ),
    "KMP203": CodeInfo(
        Message("Judul kolom asesmen bermasalah", "Assessment header problem"),
        Message(
            "Baris judul menentukan tata letak: lebar (id, jabatan, tanggal, lalu satu kolom per kode "
            "kompetensi) atau panjang (id, jabatan, kompetensi, level, tanggal). Kolom wajib yang hilang, "
            "kolom ganda, dan kolom yang tidak dikenal dilaporkan; kolom tak dikenal tidak diabaikan diam-diam "
            "karena bisa berisi kode kompetensi yang salah ketik atau data pribadi.",
            "The header decides the layout: wide (id, jabatan, tanggal, then one column per competency code) "
            "or long (id, jabatan, kompetensi, level, tanggal). Missing required columns, duplicate columns "
            "and unknown columns are reported; an unknown column is not silently ignored, since it may be a "
            "misspelt competency code or personal data.",
        ),
    ),
    "KMP204": CodeInfo(
        Message("Baris asesmen tidak dapat dibaca", "Assessment row cannot be read"),
        Message(
            "Baris dengan nilai lebih banyak dari kolom judul (pemisah di dalam nilai), tanda kutip yang tidak "
            "ditutup, baris yang sangat panjang, atau berkas dengan terlalu banyak baris.",
            "A row with more values than the header has columns (a separator inside a value), a quote never "
            "closed, an overlong line, or a file with too many rows.",
        ),
    ),
    "KMP205": CodeInfo(
        Message("Kolom data pribadi dalam berkas asesmen", "Personal-data column in an assessment file"),
        Message(
            "UU 27/2022 (Pelindungan Data Pribadi) meminta pemrosesan data pribadi terbatas pada tujuannya. "
            "Analisis kesenjangan kompetensi tidak memerlukan nama, NIP, NIK, kontak, alamat, atau tanggal "
            "lahir: hapus kolom itu dan pakai pseudonim (misalnya P-0001) sebagai id, dengan tabel padanan "
            "pseudonim–NIP disimpan terpisah oleh pengelola kepegawaian. Dengan --izinkan-data-pribadi berkas "
            "dibaca, tetapi kolom itu tetap dibuang dan tidak pernah disalin ke keluaran.",
            "UU 27/2022 (Personal Data Protection) limits processing personal data to its purpose. A "
            "competency gap analysis needs no name, NIP, NIK, contact, address or birth date: delete the "
            "column and use a pseudonym (such as P-0001) as the id, with the pseudonym–NIP table kept apart "
            "by the personnel office. With --izinkan-data-pribadi the file is read, but the column is still "
            "dropped and never copied into any output.",
        ),
    ),
    "KMP206": CodeInfo(
        Message("Sel berisi data pribadi", "Cell holds personal data"),
        Message(
            "Sel yang berisi NIP (18 digit), NIK (16 digit), alamat surel, atau nomor telepon, dan id yang "
            "tampak seperti nama orang (tanpa angka), ditolak menurut UU 27/2022: id harus pseudonim yang "
            "memuat angka, misalnya P-0001.",
            "A cell holding an NIP (18 digits), an NIK (16 digits), an email address or a phone number, and "
            "an id that looks like a person's name (no digit), are refused under UU 27/2022: the id must be "
            "a pseudonym with a digit, such as P-0001.",
        ),
    ),
    "KMP207": CodeInfo(
        Message("Id pegawai tidak sah", "Invalid person id"),
        Message(
            "Id adalah pseudonim 1–64 karakter: huruf, angka, titik, garis bawah, atau tanda hubung, diawali "
            "huruf atau angka. Sel kosong, spasi, karakter kontrol, dan sel yang tampak seperti rumus "
            "(=, +, -, @ di depan) ditolak; tidak ada sel yang pernah dievaluasi.",
            "An id is a pseudonym of 1–64 characters: letters, digits, dots, underscores or hyphens, starting "
            "with a letter or a digit. Empty cells, spaces, control characters and cells that look like a "
            "formula (a leading =, +, - or @) are refused; no cell is ever evaluated.",
        ),
    ),
    "KMP208": CodeInfo(
        Message("Id pegawai ganda", "Duplicate person id"),
        Message(
            "Setiap orang muncul sekali (tata letak lebar) atau dalam baris-baris berurutan (tata letak "
            "panjang; urutkan menurut id). Huruf besar dan kecil tidak membedakan id (P-0001 dan p-0001 "
            "sama), karena id menjadi nama berkas dan disk Windows atau macOS menyamakannya. Pesan menyebut "
            "baris tempat id itu pertama muncul.",
            "Each person appears once (wide layout) or in consecutive rows (long layout; sort by id). Case "
            "does not tell ids apart (P-0001 and p-0001 are one), as an id becomes a file name and Windows "
            "and macOS disks fold case. The message names the row where the id first appeared.",
        ),
    ),
    "KMP209": CodeInfo(
        Message("Kode jabatan tidak dikenal", "Unknown position code"),
        Message(
            "Kolom jabatan berisi kode jabatan dari standar proyek (misalnya NTB.JF.HUMAS.PERTAMA.KOMINFO).",
            "The jabatan column holds a position code of the project's standards "
            "(such as NTB.JF.HUMAS.PERTAMA.KOMINFO).",
        ),
    ),
    "KMP210": CodeInfo(
        Message("Kode kompetensi tidak dikenal", "Unknown competency code"),
        Message(
            "Kode kompetensi (judul kolom pada tata letak lebar, kolom kompetensi pada tata letak panjang) "
            "harus ada dalam kamus kompetensi proyek (misalnya M.01, SK.01, T.HUMAS.02).",
            "A competency code (a column header in the wide layout, the kompetensi column in the long one) "
            "must be in the project's competency dictionaries (such as M.01, SK.01, T.HUMAS.02).",
        ),
    ),
    "KMP211": CodeInfo(
        Message("Level kompetensi tidak sah", "Invalid competency level"),
        Message(
            "Level adalah bilangan bulat 1–5 (PermenPANRB 38/2017); sel kosong berarti belum dinilai.",
            "A level is a whole number 1–5 (PermenPANRB 38/2017); an empty cell means not assessed.",
        ),
    ),
    "KMP212": CodeInfo(
        Message("Tanggal asesmen tidak sah", "Invalid assessment date"),
        Message(
            "Tanggal ditulis 2026-03-31 atau 31/03/2026 (hari/bulan/tahun), tidak di masa depan.",
            "A date is written 2026-03-31 or 31/03/2026 (day/month/year), not in the future.",
        ),
    ),
    "KMP213": CodeInfo(
        Message("Tujuan asesmen tidak dikenal", "Unknown assessment purpose"),
        Message(
            "Tujuan adalah pengisian (pengisian jabatan) atau pemetaan (pemetaan kompetensi); tanpa kolom "
            "tujuan, pemetaan.",
            "The purpose is pengisian (filling a position) or pemetaan (competency mapping); without a "
            "tujuan column, pemetaan.",
        ),
    ),
    "KMP214": CodeInfo(
        Message("Nilai kinerja atau potensi tidak sah", "Invalid performance or potential"),
        Message(
            "Kinerja dan potensi adalah angka 1–5 (desimal dengan titik atau koma); kinerja juga boleh ditulis "
            "sebagai predikat PermenPANRB 6/2022 (Sangat Kurang=1, Kurang=2, Butuh Perbaikan=3, Baik=4, "
            "Sangat Baik=5). Sel kosong berarti tidak ada data. Titik potong kotak 9 adalah data kebijakan "
            "(pengembangan/, bagian talenta); nilai di luar skala yang dinyatakan kebijakan itu (skala, "
            "misalnya potensi 1–3) juga ditolak.",
            "Performance and potential are numbers 1–5 (a decimal point or comma); performance may also be "
            "a PermenPANRB 6/2022 rating (Sangat Kurang=1, Kurang=2, Butuh Perbaikan=3, Baik=4, Sangat "
            "Baik=5). An empty cell means no data. The 9-box cut points are policy data (pengembangan/, "
            "section talenta); a value outside the scale that policy states (skala, e.g. potential 1–3) is "
            "refused too.",
        ),
    ),
    "KMP215": CodeInfo(
        Message("Data satu orang bertentangan", "Conflicting data for one person"),
        Message(
            "Pada tata letak panjang, semua baris satu orang memiliki jabatan, tujuan, kinerja, dan potensi "
            "yang sama, dan setiap kompetensi dinilai sekali. Tanggal boleh berbeda: yang terbaru dipakai.",
            "In the long layout all rows of one person have the same position, purpose, performance and "
            "potential, and each competency is assessed once. Dates may differ: the latest is used.",
        ),
    ),
    "KMP216": CodeInfo(
        Message("Terlalu banyak masalah dalam berkas asesmen", "Too many problems in an assessment file"),
        Message(
            "Paling banyak 1.000 masalah ditampilkan; sisanya dihitung per kode dalam satu pesan. Berkas "
            "tetap dibaca sampai habis.",
            "At most 1,000 problems are shown; the rest are counted by code in one message. The file is "
            "still read to its end.",
        ),
    ),
    "KMP217": CodeInfo(
        Message("Orang tanpa nilai kompetensi", "Person without any competency level"),
        Message(
            "Baris ini tidak memuat satu pun level kompetensi: kesenjangannya tidak dapat dihitung selain "
            "sebagai 'belum dinilai'.",
            "This row holds no competency level at all: its gaps can only be counted as 'not assessed'.",
        ),
    ),
    "KMP218": CodeInfo(
        Message("Lembar kerja lain tidak dibaca", "Other worksheets not read"),
        Message(
            "Dari buku kerja XLSX hanya satu lembar yang dibaca: yang pertama, atau yang dipilih dengan "
            "--lembar.",
            "Only one worksheet of an XLSX workbook is read: the first, or the one chosen with --lembar.",
        ),
    ),
    "KMP219": CodeInfo(
        Message("Data pribadi diizinkan, tetapi dibuang", "Personal data allowed, but dropped"),
        Message(
            "Dengan --izinkan-data-pribadi berkas berisi data pribadi dibaca, tetapi kolom data pribadi "
            "dibuang saat dibaca dan tidak pernah disalin ke keluaran; id berupa NIP atau nama tetap masuk "
            "ke keluaran per orang di folder pribadi.",
            "With --izinkan-data-pribadi a file holding personal data is read, but personal-data columns are "
            "dropped as it is read and never copied into any output; ids that are NIPs or names still reach "
            "the per-person outputs in the private folder.",
        ),
    ),
    "KMP220": CodeInfo(
        Message("Berkas asesmen dalam jangkauan Git", "Assessment file within Git's reach"),
        Message(
            "Berkas asesmen yang dibaca dilacak Git, atau ada di dalam repositori dan tidak diabaikan "
            ".gitignore: commit berikutnya dapat memuat data pribadi di dalamnya. Berkas tetap dibaca; "
            "simpan di folder asesmen/ (diabaikan oleh .gitignore dari kompiler init) atau di luar "
            "repositori, dan keluarkan berkas yang sudah dilacak dengan git rm --cached.",
            "The assessment file read is tracked by Git, or lies inside a repository and is not ignored by "
            ".gitignore: the next commit could hold the personal data in it. The file is still read; keep "
            "it in an asesmen/ folder (which kompiler init's .gitignore ignores) or outside the repository, "
            "and take a tracked one out with git rm --cached.",
        ),
    ),
    "KMP900": CodeInfo(
        Message("Galat internal", "Internal error"),
        Message(
            "Kompiler sendiri gagal; ini bukan kesalahan standar. Laporkan kepada pengelola kompiler.",
            "The compiler itself failed; this is not a problem in the standards. Please report it.",
        ),
    ),
}
