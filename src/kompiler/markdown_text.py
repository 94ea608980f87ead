"""The escaping every Markdown output applies to text from the standards, so it reads as written.

Two stages write that text into Markdown: the reports a bot posts (:mod:`kompiler.report.markdown`) and
the Markdown pages of a build (:mod:`kompiler.render.environment`). Both backslash-escape the characters
Markdown reads as markup and write ``&`` as ``&amp;`` (an entity such as ``&#64;`` would become an ``@``
after rendering); each adds the rules of its own place, so the shared part lives here, below both.
"""

from __future__ import annotations

import re

# Emphasis, code, links, images, autolinks and HTML, tables, strikethrough, and the escape itself.
_MARKUP = "\\`*_[]<>|~"


def special_characters(extra: str = "") -> re.Pattern[str]:
    """The pattern :func:`escaped` backslashes: Markdown's markup characters and ``extra`` (``#`` where a
    value may start a line, making it a heading)."""
    return re.compile(f"([{re.escape(_MARKUP + extra)}])")


_SPECIAL = special_characters()


def escaped(text: str, special: re.Pattern[str] = _SPECIAL) -> str:
    """``text`` with every character ``special`` matches backslash-escaped and ``&`` written as ``&amp;``;
    line breaks are left to the caller."""
    return special.sub(r"\\\1", text.replace("&", "&amp;"))
