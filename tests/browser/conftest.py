"""The browser tests' chromium: Debian's, driven by Playwright.

`make test` runs these tests; without chromium they stop at once with the one command to
run (the Makefile installs it first when it can).
"""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(session, config, items):
    """No chromium: stop before the first test, naming the command that installs it."""
    if CHROMIUM is None and any("tests/browser" in str(item.path) for item in items):
        pytest.exit(
            "The browser tests need Debian's chromium: sudo apt-get install -y chromium",
            returncode=4,
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
