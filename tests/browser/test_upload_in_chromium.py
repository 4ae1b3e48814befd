"""End to end in a real browser: Debian's chromium, driven by Playwright.

Starts `streamlit run app.py` on a fresh database, uploads a survey export through the
file chooser, imports it and sees the emotion curve. The screenshots it saves are the ones
the README shows.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cxcore.demo import demo_csv_bytes

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is required: apt-get install chromium"
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A Streamlit server on a free port with an empty SQLite database."""
    port = _free_port()
    env = {
        **os.environ,
        "CX_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('db') / 'cx.sqlite'}",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=20)


def test_upload_a_survey_and_see_its_curve(server: str, page: Page, tmp_path: Path):
    survey = tmp_path / "destek-anketi.csv"
    survey.write_bytes(demo_csv_bytes(rows=600, seed=3))
    page.set_viewport_size({"width": 1400, "height": 1000})

    page.goto(server)
    expect(page.get_by_text("No responses yet")).to_be_visible(timeout=30_000)

    page.get_by_role("link", name="Import", exact=True).click()
    page.locator("input[type=file]").set_input_files(str(survey))
    expect(page.get_by_text("Column mapping")).to_be_visible(timeout=60_000)
    import_button = page.get_by_role("button", name="Import responses: 600")
    expect(import_button).to_be_visible(timeout=60_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "import.png"), full_page=True)
    import_button.click()
    expect(page.get_by_text("Imported 600 of 600 rows")).to_be_visible(timeout=60_000)

    page.get_by_role("link", name="Journey", exact=True).click()
    expect(page.get_by_text("Emotion curve")).to_be_visible(timeout=30_000)
    curve = page.locator(".js-plotly-plot").first
    expect(curve).to_be_visible(timeout=30_000)
    # Every stage of the journey is on the x axis, in order.
    expect(curve.locator(".xtick").first).to_contain_text("Awareness")
    expect(curve.locator(".xtick").last).to_contain_text("Loyalty")
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / "journey.png"), full_page=True)

    # Click a stage under the curve: its drill-down opens, with the stage in the URL.
    page.get_by_role("link", name="Service & support").first.click()
    expect(page.get_by_role("heading", name="Stage drill-down")).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"stage=support"))
    expect(page.get_by_text("What customers said")).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SCREENSHOTS / "stage.png"), full_page=True)
