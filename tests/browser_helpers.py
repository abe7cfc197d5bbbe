"""Headless Chromium for the tests that look at a page as a browser shows or prints it.

``.ci/run`` installs Chromium (Debian package ``chromium``) and a Chinese font where apt is
available; tests that need them are skipped, with the reason, only where no browser can be
found.  Set ``GOVREPORT_BROWSER`` to use another Chromium-based browser."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# flags for a quiet, offline, throw-away headless browser
HEADLESS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def find_browser() -> str | None:
    configured = os.environ.get("GOVREPORT_BROWSER")
    if configured:
        return shutil.which(configured) or (configured if Path(configured).is_file() else None)
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def has_chinese_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    proc = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=60)
    return bool(proc.stdout.strip())


def require_browser(*, chinese_font: bool = False) -> str:
    """The browser to use, or skip the test saying what to install."""
    found = find_browser()
    if found is None:
        pytest.skip(
            "no Chromium or Chrome found: install the Debian package chromium (.ci/run does so where "
            "apt is available) or set GOVREPORT_BROWSER"
        )
    if chinese_font and not has_chinese_font():
        pytest.skip("no Chinese font installed (Debian package fonts-noto-cjk): a print would show no text")
    return found


def headless(browser: str, profile: Path | str, *args: str) -> list[str]:
    """The command line of *browser* run headless with its own profile directory."""
    return [browser, *HEADLESS, f"--user-data-dir={profile}", *args]


needs_browser = pytest.mark.skipif(find_browser() is None, reason="no Chromium on PATH to print PDFs")
