"""A picture of a page, taken with headless Chromium when one is installed (Debian's ``chromium``).

>>> screenshot_command("graph.html", "graph.png")[1:3]
['--headless', '--no-sandbox']
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# without the networking flags Chromium tries to reach Google's hosts at start, which this kind of machine refuses
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
    "--virtual-time-budget=20000",
]


def chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


def screenshot_command(page: str | Path, png: str | Path, binary: str = "chromium") -> list[str]:
    return [binary, *FLAGS, f"--screenshot={Path(png).resolve()}", Path(page).resolve().as_uri()]


def screenshot(page: str | Path, png: str | Path) -> bool:
    """Write a PNG of ``page`` (its scripts run first); False when no browser is installed or it failed."""
    binary = chromium()
    if binary is None:
        return False
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        cmd = screenshot_command(page, png, binary) + [f"--user-data-dir={profile}"]
        try:
            subprocess.run(cmd, capture_output=True, timeout=120, check=True)
        except (subprocess.SubprocessError, OSError):
            return False
    return Path(png).exists() and Path(png).stat().st_size > 0
