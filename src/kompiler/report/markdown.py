"""Text from the standards inside Markdown that a bot posts: the pull-request comment of ``kompiler diff
--format markdown``, the job summary the CI templates append it to, and ``kompiler merge --format
markdown``.

The names, tasks and values in these reports come from the pull request under review, which nobody has
reviewed yet, so they are written to read as the text they are and to do nothing else:

* Markdown markup (``*``, ``_``, ``[``, ``<``, ``|``, backticks, …) and ``&`` (an entity such as
  ``&#64;`` would become an ``@`` after rendering) are escaped with a backslash or as ``&amp;``, as in
  every Markdown output (:mod:`kompiler.markdown_text`).
* What GitHub and GitLab act on in the rendered text, not in the Markdown, gets a zero-width space
  (``&#8203;``, as Dependabot and Renovate write it) so it reads the same but is no longer recognised:
  after every ``@`` (a mention of a user or a team such as ``@org/team`` would notify them; an e-mail
  address would become a link), inside ``://`` and ``www.`` (a bare URL would become a clickable link),
  and after ``#`` or ``!`` before a digit (``#123`` and ``!123`` would link an issue or a merge request
  and put a "mentioned in" note on it). A backslash escape is not enough for these: the platforms find
  mentions, links and references in the rendered text, where the backslash is gone.
* Codes and revisions go into code spans, :func:`code_span`, where nothing is a mention or a link, and a
  YAML draft into a fence longer than any run of backticks it holds, :func:`fence`.

Other references (``GH-123``, a commit hash, a GitLab ``~label``) only link, they notify nobody, and are
left as they are.
"""

from __future__ import annotations

import re

from kompiler.markdown_text import escaped

ZERO_WIDTH = "&#8203;"
_ACTIVE = re.compile(r"(@)|(:)(?=//)|(?i:(www))(?=\.)|([#!])(?=[0-9])")
_BACKTICKS = re.compile("`+")
_BLOCK_START = re.compile(r"^([#+\-]|\d{1,9}(?=[.)]))")


def inline(text: str) -> str:
    """``text`` as inline Markdown that shows it as written and neither mentions, links nor references
    anything; line breaks are kept (the reports write each line through ``escaped``)."""
    return _ACTIVE.sub(lambda found: found.group() + ZERO_WIDTH, escaped(text))


def table_cell(text: str) -> str:
    """:func:`inline` for a table cell, line breaks folded into spaces (one would end the row)."""
    return inline(" ".join(text.split()))


def list_item(text: str) -> str:
    """:func:`inline` for the text of a list item (after ``- ``): line breaks and runs of spaces folded
    into one space (a break would end the item, leading spaces make a code block), and a marker that
    would open a block inside the item escaped (``#`` a heading, ``-`` or ``+`` a list, ``1.`` a numbered
    list)."""
    return _BLOCK_START.sub(_escape_marker, table_cell(text), count=1)


def _escape_marker(found: re.Match[str]) -> str:
    """``\\#``, ``\\-`` or ``\\+``; a number's dot or parenthesis escaped after it (``1\\.``)."""
    marker = found.group()
    return f"\\{marker}" if not marker.isdigit() else f"{marker}\\"


def code_span(text: str) -> str:
    """``text`` as an inline code span, fenced by more backticks than any run inside it (a revision such
    as ``:/pesan`` may hold backticks)."""
    longest = _longest_backticks(text)
    ticks = "`" * (longest + 1)
    return f"{ticks} {text} {ticks}" if longest else f"{ticks}{text}{ticks}"


def fence(text: str) -> str:
    """The backticks that open and close a code block holding ``text``: at least three, and more than
    any run of backticks in it, so a line of the text cannot close the block early."""
    return "`" * max(3, _longest_backticks(text) + 1)


def _longest_backticks(text: str) -> int:
    """The length of the longest run of backticks in ``text`` (0 without one)."""
    return max((len(run) for run in _BACKTICKS.findall(text)), default=0)
