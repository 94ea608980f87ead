"""Markdown a bot posts on a pull request, rendered as GitHub and GitLab render it (CommonMark and GFM
tables), and the text they then search for mentions, links and references."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

# What the platforms act on in the rendered text (not the Markdown): a mention or an e-mail address, a
# bare URL, an issue or merge-request reference.
ACTIVE = {
    "mention": re.compile(r"@[A-Za-z0-9]"),
    "url": re.compile(r"(?i)[a-z]+://|www\."),
    "reference": re.compile(r"[#!][0-9]"),
}
ZERO_WIDTH = "\u200b"


def rendered(markdown: str) -> tuple[str, list[str]]:
    """The visible text of ``markdown`` outside code (one line per paragraph, heading or cell), and the
    kinds of the tokens that would link or carry raw HTML."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    texts: list[str] = []
    markup: list[str] = []
    for token in tokens:
        if token.type == "html_block":
            markup.append(token.content.strip())
        if token.type == "inline":
            texts.append("".join(child.content for child in token.children or () if child.type == "text"))
        markup += [
            child.type
            for child in token.children or ()
            if child.type in ("link_open", "image", "html_inline", "autolink")
        ]
    return "\n".join(texts), markup


def active(text: str) -> list[str]:
    """What in the rendered ``text`` GitHub or GitLab would turn into a mention, a link or a reference."""
    return [
        f"{kind}: {found.group()!r}" for kind, pattern in ACTIVE.items() for found in pattern.finditer(text)
    ]
