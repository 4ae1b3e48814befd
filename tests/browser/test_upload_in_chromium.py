"""End to end in a real browser: Debian's chromium, driven by Playwright.

Starts `streamlit run app.py` on a fresh database, uploads a survey export through the
file chooser, imports it and sees the emotion curve. The screenshots it takes are the ones
the README shows: `make screenshots` writes them to docs/screenshots, `make test` to a
temporary folder.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import db
from cxcore.demo import demo_csv_bytes
from tests.browser.server import streamlit_server


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> tuple[str, Path]:
    """An empty SQLite database and the journey model file beside it."""
    folder = tmp_path_factory.mktemp("db")
    return f"sqlite:///{folder / 'cx.sqlite'}", folder / "taxonomy.yaml"


@pytest.fixture(scope="module")
def server(database):
    """A Streamlit server on a free port with an empty SQLite database."""
    with streamlit_server(*database) as url:
        yield url


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where the screenshots go: the README's folder under `make screenshots`, else a
    temporary one, so `make test` leaves the tree as it found it."""
    folder = Path(os.environ.get("CX_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_upload_a_survey_and_see_its_curve(
    server: str, database, page: Page, tmp_path: Path, screenshots: Path
):
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
    page.screenshot(path=str(screenshots / "import.png"), full_page=True)
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
    page.screenshot(path=str(screenshots / "journey.png"), full_page=True)

    # Click a stage under the curve: its drill-down opens, with the stage in the URL.
    # The canvas writes each stage's whole name with an "Open" link under it, in journey
    # order: Service & support is the sixth.
    page.get_by_role("link", name="Open", exact=True).nth(5).click()
    expect(page.get_by_role("heading", name="Stage drill-down")).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"stage=support"))
    expect(page.get_by_text("What customers said")).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(screenshots / "stage.png"), full_page=True)

    # An action on Service & support, live ten weeks ago: the Actions page measures it over
    # ten weeks on each side (600 responses over 180 days hold about 40 a side there).
    live = date.today() - timedelta(weeks=10)
    action = {
        "title": "Callback instead of queue",
        "stage": "support",
        "owner": "Ayşe",
        "status": "done",
        "live_date": live,
        "metric": "csat",
        "target": 80,
        "due_date": live + timedelta(weeks=26),
    }
    db.add_action(db.get_engine(database[0]), action, user="lead")
    page.get_by_role("link", name="Actions", exact=True).click()
    expect(page.get_by_role("heading", name="Actions")).to_be_visible(timeout=30_000)
    for label in ("Weeks before", "Weeks after"):
        page.get_by_label(label).fill("10")
        page.get_by_label(label).press("Enter")
        page.wait_for_timeout(1500)
    page.get_by_text("Callback instead of queue ·").click()  # open its effect and history
    expect(page.locator("[data-testid=stDataFrame]").first).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(screenshots / "actions.png"), full_page=True)
