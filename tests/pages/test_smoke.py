"""Every page runs in the real Streamlit runtime (AppTest) without an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p for p in (ROOT / "pages").glob("[!_]*.py"))


def run_app(monkeypatch, url: str) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_page_runs_on_demo_data(monkeypatch, demo_db, page):
    at = run_app(monkeypatch, demo_db)
    at.switch_page(str(page.relative_to(ROOT))).run()
    assert not at.exception
    assert at.title, f"{page.name} shows no title"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_page_runs_on_an_empty_database(monkeypatch, db_url, page):
    at = run_app(monkeypatch, db_url)
    at.switch_page(str(page.relative_to(ROOT))).run()
    assert not at.exception


def test_empty_journey_says_what_to_do(monkeypatch, db_url):
    at = run_app(monkeypatch, db_url)
    assert at.title[0].value == "Customer journey"
    assert "Upload a survey export on the **Import** page" in at.info[0].value


def test_journey_shows_the_curve_of_the_stored_responses(monkeypatch, demo_db):
    import db
    from cxcore.analysis import journey
    from cxcore.text.taxonomy import load_taxonomy

    at = run_app(monkeypatch, demo_db)
    assert not at.exception
    assert at.subheader[0].value == "Emotion curve"
    table = at.dataframe[0].value
    expected = journey.emotion_curve(db.stage_summary(db.get_engine(demo_db)), load_taxonomy())
    assert table["Stage"].tolist() == expected["name"].tolist()
    assert table["Responses"].tolist() == expected["n"].tolist()
    assert sum(table["Responses"]) > 0


def test_comment_language_filter_changes_the_curve(monkeypatch, demo_db):
    import db

    at = run_app(monkeypatch, demo_db)
    everyone = sum(at.dataframe[0].value["Responses"])
    language = next(m for m in at.sidebar.multiselect if m.label == "Comment language")
    language.set_value(["tr"]).run()
    assert not at.exception
    stored = db.responses_frame(db.get_engine(demo_db))
    turkish = stored[(stored["language"] == "tr") & (stored["stage"] != "unassigned")]
    assert sum(at.dataframe[0].value["Responses"]) == len(turkish) < everyone
