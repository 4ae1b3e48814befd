"""The Insights and Follow-up pages in the real Streamlit runtime."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

import db
from cxcore.analysis import insights
from cxcore.i18n import text
from tests.planted import START, nps_scores, store

ROOT = Path(__file__).resolve().parents[2]


def open_page(monkeypatch, url: str, page: str) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def test_insights_on_the_demo_show_pain_points_drivers_hops_and_changes(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db, "pages/insights.py")
    assert at.title[0].value == "Insights"
    heads = [h.value for h in at.subheader]
    assert heads == ["Pain points", "Moments of truth", "Channel hopping", "What changed"]
    engine = db.get_engine(demo_db)
    expected = insights.pain_points(db.stage_summary(engine), db.cell_summary(engine))
    ranked = [e for e in at.expander if e.label[0].isdigit()]
    assert len(ranked) == min(len(expected), 8) > 0
    assert ranked[0].label.startswith("1. Service & support")
    paths = next(e for e in at.expander if e.label.startswith("Every path")).dataframe[0].value
    first = paths.iloc[0]
    assert (first["from_touchpoint"], first["to_touchpoint"]) == (
        "IVR / voice self-service",
        "Social media",
    )
    assert first["sentiment_after"] > first["sentiment_before"]
    # The demo plants IVR callers who write on social media next: the Sankey shows it.
    sankey = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert sankey["type"] == "sankey"
    # Its main touchpoints at each step; the less common ones grouped (test_insights_sankey).
    assert any(label.endswith(". IVR / voice self-service") for label in sankey["node"]["label"])
    bullets = " ".join(m.value for m in at.markdown)
    assert "NPS points" in bullets
    assert "IVR / voice self-service contacts" in bullets


def test_a_planted_pain_point_leads_the_page_with_its_verbatim(monkeypatch, db_url):
    engine = db.get_engine(db_url)
    rows = []
    for channel, stage in (("Store", "Purchase"), ("Phone", "Support")):
        rows += [
            (f"{channel}{i}", START, channel, stage, s, None, None)
            for i, s in enumerate(nps_scores(30, 20, 10))
        ]
    rows += [
        (f"I{i}", START, "IVR", "Support", s, None, "Awful IVR, it did not recognise my number")
        for i, s in enumerate(nps_scores(2, 3, 35))
    ]
    store(engine, rows)
    at = open_page(monkeypatch, db_url, "pages/insights.py")
    first = at.expander[0]
    assert first.label.startswith("1. Service & support × IVR / voice self-service: NPS −82")
    assert "did not recognise my number" in " ".join(m.value for m in first.markdown)
    # No customer answered twice: the page says what channel hopping needs.
    assert any("customer ID" in i.value for i in at.info)


def test_insights_on_an_empty_database_say_what_to_do(monkeypatch, db_url):
    at = open_page(monkeypatch, db_url, "pages/insights.py")
    assert "**Import** page" in at.info[0].value


def test_the_follow_up_queue_stores_a_status_and_an_owner(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db, "pages/follow_up.py")
    assert at.title[0].value == "Follow-up"
    queue = db.follow_up_queue(db.get_engine(demo_db))
    assert [m.value for m in at.metric] == [f"{len(queue):,}", "0", "0"]
    editor = at.data_editor[0]
    table = editor.value
    assert len(table) == min(len(queue), 500)
    assert set(table["status"]) == {"open"}
    chosen = int(table["response_id"].iloc[1])
    at.session_state[editor.key] = {
        "edited_rows": {1: {"status": "contacted", "owner": "Ayşe"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="save_follow_ups").click().run()
    assert not at.exception
    assert at.success[0].value == "Follow-up saved for responses: 1."
    stored = db.follow_up_queue(db.get_engine(demo_db)).set_index("response_id")
    assert (stored.loc[chosen, "status"], stored.loc[chosen, "owner"]) == ("contacted", "Ayşe")
    assert [m.value for m in at.metric] == [f"{len(queue) - 1:,}", "1", "0"]
    assert db.audit_frame(db.get_engine(demo_db)).iloc[0]["action"] == "follow_up"

    # Filter by owner: only the one response Ayşe owns.
    owner = next(m for m in at.multiselect if m.label == "Owner")
    owner.set_value(["Ayşe"]).run()
    assert at.data_editor[0].value["response_id"].tolist() == [chosen]
    csv = at.get("download_button")[0]
    assert csv.proto.label == "Download as CSV"


def test_follow_up_on_an_empty_database_says_what_to_do(monkeypatch, db_url):
    at = open_page(monkeypatch, db_url, "pages/follow_up.py")
    assert "Nothing to follow up" in at.info[0].value


def test_the_journey_page_marks_the_pain_point_on_the_curve(monkeypatch, db_url):
    engine = db.get_engine(db_url)
    rows = [
        (f"{channel}{i}", START, channel, stage, s, None, None)
        for channel, stage in (("Store", "Purchase"), ("Phone", "Support"))
        for i, s in enumerate(nps_scores(30, 20, 10))
    ]
    rows += [
        (f"I{i}", START, "IVR", "Support", s, None, None)
        for i, s in enumerate(nps_scores(2, 3, 35))
    ]
    store(engine, rows)
    monkeypatch.setenv("CX_DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.segmented_control[0].set_value("nps").run()
    assert not at.exception
    traces = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert traces[1]["x"] == ["Service & support"]
    assert traces[1]["text"] == [f"⚠ {text('canvas.pain', 'en')}"]
