"""Headless Chromium for the site's end-to-end tests: the system browser, never a downloaded one.

Every test here is marked ``browser``; they skip with a clear reason where no Chromium is installed
(``.ci/run`` installs Debian's ``chromium`` when it is missing). Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import RENDER_FIXTURE, build_project

ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# One page of every kind the site has, in the render fixture project.
PAGE_KINDS = (
    "index.html",
    "jabatan/NTB.JF.AKPD.MUDA.html",
    "rumpun/RJ-KEU.html",
    "kompetensi/T.KEU.01.html",
    "graf.html",
    "usulan.html",
)


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the render fixture project (no PDF or Word: the browser tests do not need them)."""
    output = build_project(RENDER_FIXTURE, tmp_path_factory.mktemp("site") / "output", formats=("site",))
    return output / "site"


@pytest.fixture(scope="session")
def site_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site in English, for texts whose grammar differs from the Indonesian (plurals)."""
    output = build_project(
        RENDER_FIXTURE, tmp_path_factory.mktemp("site-en") / "output", formats=("site",), locale="en"
    )
    return output / "site"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium): browser tests skipped")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Watched:
    """A page plus everything that went wrong while it was open: console errors and failed requests."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.external: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        page.on("request", lambda r: None if r.url.startswith("file://") else self.external.append(r.url))

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    yield Watched(page)
    context.close()
