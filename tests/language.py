"""Words that tell an Indonesian sentence or label in text meant to be English: the tests that read an
English output for words left untranslated share them."""

from __future__ import annotations

import re

# The words that join an Indonesian sentence: English prose never holds one, whatever key or file it names.
FUNCTION_WORDS = frozenset(
    re.findall(
        r"[a-z]+",
        """
        yang dan tidak pada dengan untuk dari atau dalam oleh di misalnya setiap satu menurut tabel
        sebagai adalah ini itu tentang telah
        """,
    )
)
# And the fixed words of kompiler's labels: an English page or document prints none outside the
# standards' own text (its messages and explanations may name keys such as ``rumpun``).
LABEL_WORDS = FUNCTION_WORDS | frozenset(
    re.findall(
        r"[a-z]+",
        """
        nomor tahun berkas halaman baru belum diterima ditinjau mutlak penting perlu jabatan kompetensi
        rumpun berlaku
        """,
    )
)


def indonesian_words(text: str, words: frozenset[str] = LABEL_WORDS) -> set[str]:
    """Which of ``words`` ``text`` holds, in lower case."""
    return set(re.findall(r"[a-z]+", text.lower())) & words
