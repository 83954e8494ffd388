"""A real browser for tests: Debian's chromium driven by playwright, offline, never downloaded.

``chromium_page()`` yields a playwright ``Page`` and the list of every URL the page asked for, or skips the
test, saying why, when playwright or /usr/bin/chromium is missing (``scripts/setup.sh`` installs both).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")

#: Flags for a quiet, offline, headless browser in a container.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def chromium_page() -> Iterator[tuple[Any, list[str]]]:
    """A fresh page in headless chromium, and the URLs it requested (filled as it loads)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    executable = CHROMIUM if CHROMIUM.exists() else (Path(shutil.which("chromium") or "/nonexistent"))
    if not executable.exists():
        pytest.skip("chromium is not installed (apt install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            yield page, requested
        finally:
            browser.close()
