"""Fingerprints that say which problem a report's entry is, from one pipeline to the next: GitLab keys its
Code Quality issues on them and code scanning its alerts, to tell a new problem from one already shown.

A fingerprint hashes what identifies the problem (its code, the file as the repository names it, the
message) and not its line, which moves with unrelated edits above it; the n-th of identical problems in a
file gets its own. The file is named from the repository's top (``ReportInput.repository_name``), so a
check run from a subfolder gives the same fingerprints as one run from the top.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable

from kompiler.diagnostics import Diagnostic


def fingerprints(diagnostics: Iterable[Diagnostic], repository_name: Callable[[str], str]) -> list[str]:
    """One hexadecimal fingerprint per diagnostic, in order, all distinct."""
    seen: Counter[str] = Counter()
    found = []
    for diagnostic in diagnostics:
        identity = "\0".join(
            (diagnostic.code, repository_name(diagnostic.location.file), diagnostic.message.en)
        )
        seen[identity] += 1
        text = f"{identity}\0{seen[identity]}"
        found.append(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return found
