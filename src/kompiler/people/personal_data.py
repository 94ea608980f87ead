"""What in an assessment file is personal data (UU 27/2022), and what the reader says about it.

An assessment names people by a pseudonym (P-0001); the personnel office keeps the table from pseudonyms
to NIPs apart. Gap analysis needs nothing else, so UU 27/2022's limitation to the purpose (Pasal 16(2))
means a column of names, NIPs, NIKs, contacts, addresses or birth dates has no business in the file, and
neither has a cell holding one. The tests are cheap and predictable rather than clever: a column is
personal by a word of its header, a cell by its shape (18 digits an NIP, 16 an NIK, an email, an
Indonesian phone number), and an id without a single digit is taken for a name, since a pseudonym counts.

What the reader says never repeats what a file holds, unless it cannot be personal data by its shape
(:func:`citable`): a message names the place (file, row, column) and the kind of problem, so a terminal, a
CI log or a screenshot of them holds no one's data, whatever the file's columns turned out to hold.
"""

from __future__ import annotations

import re

from kompiler.diagnostics import Message

# Words of a normalised header (split at "_") that make the column personal data.
PERSONAL_WORDS = frozenset(
    {
        "nama",
        "name",
        "nip",
        "nik",
        "nrp",
        "npwp",
        "ktp",
        "kk",
        "email",
        "e_mail",
        "surel",
        "mail",
        "telepon",
        "telp",
        "tlp",
        "phone",
        "hp",
        "ponsel",
        "handphone",
        "whatsapp",
        "wa",
        "alamat",
        "address",
        "lahir",
        "birth",
        "birthday",
        "dob",
        "rekening",
        "foto",
        "photo",
        "agama",
        "religion",
        "kelamin",
        "gender",
    }
)

_SEPARATORS = re.compile(r"[\s.\-/]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?:\+?62|0)8[0-9]{7,12}")
_NAME = re.compile(r"[^\W\d_][^\W\d_ .,'-]*(?:[ .,'-]+[^\W\d_]+)*\.?", re.UNICODE)
# The only text of a file a message may quote: the shape of a competency code (M.01, SK.01, T.HUMAS.02),
# whatever its number, so that a misspelt one (M.1, T.HUMAS.2) is shown. No personal datum has it: a name
# holds no digit; an NIP, an NIK, a phone number or a date starts with a digit; an email holds "@".
_CITABLE = re.compile(r"(?:M|SK|T\.[A-Z]{2,10})\.[0-9]{1,3}")

HOW = Message(
    "UU 27/2022 membatasi data pribadi pada tujuannya: pakai pseudonim (misalnya P-0001) sebagai id dan "
    "simpan padanan pseudonim–NIP terpisah di pengelola kepegawaian; hanya dengan --izinkan-data-pribadi "
    "berkas ini dibaca.",
    "UU 27/2022 limits personal data to its purpose: use a pseudonym (such as P-0001) as the id and keep "
    "the pseudonym–NIP table apart at the personnel office; only with --izinkan-data-pribadi is this file "
    "read.",
)

# The same, short enough to end a message about one cell.
HOW_BRIEFLY = Message(
    "UU 27/2022: ganti dengan pseudonim seperti P-0001 dan simpan padanannya terpisah.",
    "UU 27/2022: replace it with a pseudonym such as P-0001 and keep the key apart.",
)


def personal_column(header: str) -> str | None:
    """The word of a normalised header (lower case, words joined by ``_``) that names personal data, or
    ``None``: the word, one of :data:`PERSONAL_WORDS`, is what a message may say of the header."""
    if header in PERSONAL_WORDS:
        return header
    return next((word for word in header.split("_") if word in PERSONAL_WORDS), None)


def citable(text: str) -> bool:
    """Whether a message may quote ``text``, read from an assessment file: only when it has the shape of
    a competency code, which no personal datum has, whatever column it was found in."""
    return bool(_CITABLE.fullmatch(text.strip().upper()))


def personal_cell(text: str) -> Message | None:
    """What personal datum a cell holds (an NIP, an NIK, an email address, a phone number), or ``None``.
    An NIP is often written in its four groups (19850312 201001 1 002), so separators do not hide it."""
    digits = _SEPARATORS.sub("", text)
    if digits.isdigit() and digits.isascii():
        if len(digits) == 18:
            return Message("NIP (18 digit)", "an NIP (18 digits)")
        if len(digits) == 16:
            return Message("NIK (16 digit)", "an NIK (16 digits)")
    compact = text.replace(" ", "").replace("-", "")
    if _PHONE.fullmatch(compact):
        return Message("nomor telepon", "a phone number")
    if "@" in text and _EMAIL.fullmatch(text.strip()):
        return Message("alamat surel", "an email address")
    return None


def looks_like_name(identifier: str) -> bool:
    """Whether an id is words of letters without a digit ("Budi Santoso", "Siti", "Dr. Ani"): a
    pseudonym holds a number, a name does not."""
    return bool(_NAME.fullmatch(identifier.strip()))
