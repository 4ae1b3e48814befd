"""The overview says which dates each part covers, marks the actions on the period
comparison and shows each stage's whole name on the canvas (real Streamlit runtime)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import db
from cxcore.ingest.pipeline import import_file
from tests.planted import ACTION_BEFORE_PERIODS, ACTION_IN_PERIODS, BEFORE, NOW

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def seeded_url(db_url: str) -> str:
    engine = db.get_engine(db_url)
    import_file(BEFORE.encode(), "before.csv", engine=engine, survey="Before")
    import_file(NOW.encode(), "now.csv", engine=engine, survey="Now")
    db.add_action(engine, ACTION_IN_PERIODS, user="ali")
    db.add_action(engine, ACTION_BEFORE_PERIODS, user="ali")
    return db_url


def open_overview(monkeypatch, url: str, lang: str = "en") -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["_kept_ui_lang"] = lang
    at.run()
    assert not at.exception
    return at


def comparison(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[-1].proto.spec)


@pytest.mark.parametrize(
    ("lang", "stage", "flag"),
    [
        ("en", "Service & support", "🚩 Callback instead of queue (live 10 Mar 2026)"),
        ("tr", "Destek", "🚩 Callback instead of queue (yayında: 10.03.2026)"),
    ],
)
def test_an_action_gone_live_in_the_compared_periods_is_flagged_over_its_stage(
    monkeypatch, seeded_url, lang, stage, flag
):
    at = open_overview(monkeypatch, seeded_url, lang)
    spec = comparison(at)  # "period" is the comparison shown by default
    notes = [a for a in spec["layout"].get("annotations", []) if "🚩" in a["text"]]
    assert [a["text"] for a in notes] == [flag]  # the old script went live long before
    assert notes[0]["x"] == stage
    assert any("🚩" in c.value for c in at.caption)


def test_other_comparisons_carry_no_flags(monkeypatch, seeded_url):
    at = open_overview(monkeypatch, seeded_url)
    at.segmented_control(key="compare_by").set_value("survey").run()
    spec = comparison(at)
    assert not [a for a in spec["layout"].get("annotations", []) if "🚩" in a["text"]]
