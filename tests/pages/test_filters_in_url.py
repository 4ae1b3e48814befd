"""Sidebar filters: set from a bookmarked URL, written back to it, and kept across pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import db
from cxcore.ingest.pipeline import import_file
from tests.planted import BEFORE, NOW

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def seeded_url(db_url: str) -> str:
    engine = db.get_engine(db_url)
    import_file(BEFORE.encode(), "before.csv", engine=engine, survey="Before")
    import_file(NOW.encode(), "now.csv", engine=engine, survey="Now")
    return db_url


def app(monkeypatch, url: str, **params: str | list[str]) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def values(param: str | list[str]) -> list[str]:
    """A URL parameter's values (AppTest gives a lone value as a string)."""
    return [param] if isinstance(param, str) else list(param)


def responses(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Responses")


def test_a_bookmarked_period_and_touchpoint_set_the_numbers(monkeypatch, seeded_url):
    # February holds P1, P2 (phone) and P3 (IVR).
    at = app(monkeypatch, seeded_url, **{"from": "2026-02-01", "to": "2026-02-28"})
    assert not at.exception
    assert responses(at) == "3"
    at = app(
        monkeypatch, seeded_url, **{"from": "2026-02-01", "to": "2026-02-28", "touchpoint": "ivr"}
    )
    assert responses(at) == "1"
    assert at.sidebar.multiselect(key="f_touchpoints").value == ["ivr"]


def test_choosing_filters_writes_them_to_the_url(monkeypatch, seeded_url):
    at = app(monkeypatch, seeded_url)
    at.sidebar.multiselect(key="f_surveys").set_value(["Now"]).run()
    at.sidebar.multiselect(key="f_languages").set_value(["en"]).run()
    assert not at.exception
    assert values(at.query_params["survey"]) == ["Now"]
    assert values(at.query_params["lang"]) == ["en"]
    at.sidebar.multiselect(key="f_surveys").set_value([]).run()
    assert "survey" not in at.query_params


def test_a_survey_filter_holds_when_the_user_changes_page(monkeypatch, seeded_url):
    at = app(monkeypatch, seeded_url)
    at.sidebar.multiselect(key="f_surveys").set_value(["Before"]).run()
    at.switch_page("pages/touchpoints.py").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="f_surveys").value == ["Before"]
    at.switch_page("pages/overview.py").run()
    assert at.sidebar.multiselect(key="f_surveys").value == ["Before"]
    # Before's last 30 days (2026-02-01 to 2026-03-01) hold P1-P4; P0 is older.
    assert responses(at) == "4"


def test_a_segment_filter_is_offered_when_the_data_has_segments(monkeypatch, db_url):
    survey = (
        "Response ID,Date,Segment,Channel,NPS,Comment\n"
        "S1,2026-03-01,SME,Phone,10,\nS2,2026-03-02,SME,Phone,9,\nS3,2026-03-03,Retail,Phone,2,\n"
    )
    import_file(survey.encode(), "seg.csv", engine=db.get_engine(db_url))
    at = app(monkeypatch, db_url, segment="Retail")
    assert not at.exception
    assert at.sidebar.multiselect(key="f_segments").options == ["SME · 2", "Retail · 1"]
    assert responses(at) == "1"
    assert next(m.value for m in at.metric if m.label == "NPS") == "−100"
