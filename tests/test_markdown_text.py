"""The escaping every Markdown output shares: text from the standards renders as the text it is."""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

from kompiler.markdown_text import escaped, special_characters

RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MARKUP = (
    "**tebal** dan _miring_, `kode` dan ``dua``, [tautan](http://x) ![gambar](x.png), "
    "<script>alert(1)</script> <http://x>, a | b | c, ~~coret~~, \\*bukan miring\\*, &#64;pengguna &amp; &lt;"
)


def test_markup_reads_as_written() -> None:
    assert RENDERER.render(escaped(MARKUP)) == f"<p>{html.escape(MARKUP, quote=False)}</p>\n"


def test_an_extra_character_is_escaped_only_where_asked() -> None:
    """``#`` starts a heading only at the start of a line: the outputs that may put a value there ask for
    it, the others keep it as written."""
    assert RENDERER.render(escaped("# judul", special_characters("#"))) == "<p># judul</p>\n"
    assert escaped("# judul") == "# judul"
