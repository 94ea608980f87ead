"""Where templates and static files come from: the project's own ``templates/`` first, then the shipped ones.

A project's ``templates/`` may come from a stranger's pull request, and what it holds is published. So a
file there is used only if its real path (symbolic links followed) stays inside the project's
``templates/`` folder, which is itself taken where the project is, never where a link named
``templates`` leads; it must be a regular file (a FIFO would block the build, a device never end), no
larger than :data:`MAX_TEMPLATE_BYTES`, and UTF-8. A name that exists in the project folder but fails
any of these is refused with a located error (:class:`TemplateFileRefused`), never skipped for the
shipped file: a user who placed an override expects it to be used or to be told why not.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from kompiler.diagnostics import Message, Span
from kompiler.reading import Refused, read_limited, reason

CODE_FILE_REFUSED = "KMP051"
# Templates and static files of a publication are a few kilobytes; a stylesheet or script bundling a
# library stays well below this.
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024


class TemplateFileRefused(Exception):
    """A project template or static file that is not used, where (``path``, ``span``) and why."""

    def __init__(self, path: str, message: Message, span: Span | None = None, name: str = "") -> None:
        super().__init__(message.en)
        self.path, self.message, self.span, self.name = path, message, span, name

    def __reduce__(self) -> tuple[type, tuple[str, Message, Span | None, str]]:
        return (TemplateFileRefused, (self.path, self.message, self.span, self.name))


@dataclass(frozen=True)
class _Folder:
    path: str
    confined_to: str | None  # the real folder every file must stay in; None for the shipped folder


class TemplateFiles(jinja2.BaseLoader):
    """The Jinja loader of one build, also the reader of static files; remembers which files it handed
    out, so an error can be traced to a template file and told apart as the project's own."""

    def __init__(self, project: Path | None, shipped: Path) -> None:
        folders = []
        if project is not None:
            # The project's templates/ as it sits in the real project folder: a link named templates
            # that leads elsewhere makes every file in it "outside", and so refused.
            confined = os.path.join(os.path.realpath(project.parent), project.name)
            folders.append(_Folder(str(project), confined))
        folders.append(_Folder(str(shipped), None))
        self._folders = tuple(folders)
        self.names: dict[str, str] = {}  # file name as given to Jinja -> template name
        self.project_files: set[str] = set()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        text, filename = self.read(template)
        return text, filename, lambda: True

    def read(self, name: str) -> tuple[str, str]:
        """The text of template or static file ``name`` and the file it came from."""
        pieces = split_template_path(name)  # refuses ".." (TemplateNotFound)
        for folder in self._folders:
            candidate = os.path.join(folder.path, *pieces)
            try:
                if folder.confined_to is not None:
                    _check_folder(folder.path, pieces)
                if not _present(candidate):
                    continue
                text = _read(candidate, folder.confined_to)
            except TemplateFileRefused as refused:
                refused.name = name
                raise
            self.names[candidate] = name
            if folder.confined_to is not None:
                self.project_files.add(candidate)
            return text, candidate
        raise jinja2.TemplateNotFound(name)

    def is_project_file(self, filename: str) -> bool:
        return filename in self.project_files


def _check_folder(root: str, pieces: list[str]) -> None:
    """Refuse the project's ``templates/`` (``root``), or the folder of it that would hold ``pieces``,
    when something else stands where that folder should be: a file, a named pipe, a link that leads
    nowhere. Overrides placed there would otherwise be skipped in silence for the shipped files."""
    folder = root
    for piece in ("", *pieces[:-1]):
        folder = os.path.join(folder, piece) if piece else folder
        if not os.path.lexists(folder):
            return
        if not os.path.isdir(folder):
            raise TemplateFileRefused(
                folder,
                Message(
                    "Ini bukan folder (berkas, pipa bernama, atau tautan yang tidak menunjuk ke folder), "
                    "padahal templat dan aset proyek dicari di dalamnya. Jadikan folder, atau hapus.",
                    "This is not a folder (a file, a named pipe, or a link that leads to no folder), yet "
                    "the project's templates and assets are looked for inside it. Make it a folder, or "
                    "remove it.",
                ),
            )


def _present(path: str) -> bool:
    """Whether something is at ``path``: a file, a link (even a broken one), or an entry that cannot be
    looked at (a folder without permission, a loop of links), which :func:`_read` then reports. A name
    too long for the file system (a template can make one of megabytes to include) names nothing."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        return error.errno != errno.ENAMETOOLONG
    return True


def _read(path: str, confined_to: str | None) -> str:
    real = os.path.realpath(path)
    if confined_to is not None and not real.startswith(confined_to.rstrip(os.sep) + os.sep):
        raise TemplateFileRefused(
            path,
            Message(
                f"Berkas ini menunjuk ke luar folder templates/ proyek ({real}); templat dan aset hanya "
                "dipakai dari dalam folder itu, agar build tidak menerbitkan berkas lain.",
                f"This file leads outside the project's templates/ folder ({real}); templates and assets "
                "are used only from inside that folder, so that a build never publishes another file.",
            ),
        )
    try:
        # The real path has no link left to follow; one appearing there now is refused.
        raw = read_limited(real, MAX_TEMPLATE_BYTES, follow=False)
    except Refused as error:
        raise TemplateFileRefused(path, error.message) from None
    except OSError as error:
        raise TemplateFileRefused(path, reason(error)[1]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        raise TemplateFileRefused(
            path,
            Message(
                f"Bukan UTF-8 yang sah: bita 0x{raw[error.start]:02x} di posisi ini. Simpan berkas sebagai "
                "UTF-8.",
                f"Not valid UTF-8: byte 0x{raw[error.start]:02x} at this position. Save the file as UTF-8.",
            ),
            Span(line, column, line, column + 1),
        ) from None
