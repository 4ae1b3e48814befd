"""The Actions page and the actions on other pages, in the real Streamlit runtime."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

import db
from cxcore import auth
from tests.planted import LIVE, PLANTED_RISE, START, effect_rows, nps_scores, store

ROOT = Path(__file__).resolve().parents[2]
IVR_FIX = {
    "title": "IVR menu redesign",
    "stage": "support",
    "touchpoint": "ivr",
    "status": "done",
    "live_date": LIVE,
    "metric": "csat",
    "target": 75,
    "due_date": "2026-06-30",
}


def open_page(monkeypatch, url: str, page: str, **params: str) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception
    return at


def planted(db_url: str) -> int:
    engine = db.get_engine(db_url)
    store(engine, effect_rows())
    return db.add_action(engine, IVR_FIX, user="ali")


def widget(elements, label: str):
    return next(e for e in elements if e.label == label)


def test_an_action_shows_its_measured_effect_in_words_and_numbers(monkeypatch, db_url):
    planted(db_url)
    at = open_page(monkeypatch, db_url, "pages/actions.py")
    assert at.title[0].value == "Actions"
    table = at.dataframe[0].value
    row = table.iloc[0]
    assert row["title"] == "IVR menu redesign"
    assert row["metric"] == "CSAT, % satisfied"  # the name the form offers, not a key
    assert row["change"] == PLANTED_RISE
    assert row["ci_low"] < PLANTED_RISE < row["ci_high"] and row["p_value"] < 0.01
    assert row["vs_rest_ci_low"] > 0
    shown = at.expander[1]  # the first is "New action"
    assert shown.label.startswith("IVR menu redesign")
    words = " ".join(m.value for m in shown.markdown).replace("\\", "")  # shown as plain text
    assert "IVR / voice self-service CSAT rose 30.0 points (+22.5 to +37.5)" in words
    assert "30.0 more than the rest of the journey" in words
    assert "Target 75.0 by 30 Jun 2026: met (80.0, 75.3 to 84.7)." in words


def test_an_action_is_created_from_the_form_and_edited_with_its_history(monkeypatch, db_url):
    at = open_page(
        monkeypatch, db_url, "pages/actions.py", new="1", plan_stage="support", plan_metric="nps"
    )
    form = at.expander[0]
    assert form.label == "New action"
    assert widget(form.selectbox, "Stage").value == "support"
    assert widget(form.selectbox, "Metric").value == "nps"
    widget(form.text_input, "Action").input("Call-back instead of queue")
    widget(form.text_input, "Owner").input("Petra")
    form.button[0].click().run()
    assert not at.exception
    assert at.success[0].value == "Action saved."
    stored = db.actions_frame(db.get_engine(db_url)).iloc[0]
    assert (stored["title"], stored["stage"], stored["metric"]) == (
        "Call-back instead of queue",
        "support",
        "nps",
    )
    assert (stored["owner"], stored["status"], stored["created_by"]) == (
        "Petra",
        "planned",
        "local",
    )
    edit = at.expander[1]
    widget(edit.selectbox, "Status").set_value("in_progress")
    edit.button[0].click().run()
    assert not at.exception
    assert at.success[0].value == "Changes saved."
    history = db.action_history(db.get_engine(db_url), int(stored["id"]))
    newest = history.iloc[0]
    assert (newest["field"], newest["old"], newest["new"]) == ("status", "planned", "in_progress")
    shown = at.expander[1].dataframe[0].value
    assert shown.iloc[0]["field"] == "Status"


def test_a_title_is_required_and_nothing_is_stored_without_it(monkeypatch, db_url):
    at = open_page(monkeypatch, db_url, "pages/actions.py", new="1")
    at.expander[0].button[0].click().run()
    assert at.error[0].value == "An action needs a title."
    assert db.actions_frame(db.get_engine(db_url)).empty


def test_a_viewer_sees_actions_but_cannot_change_them(monkeypatch, db_url, users_file):
    planted(db_url)
    auth.save_users(auth.add_user({}, "vera", "viewer", "viewer-pass"), users_file)
    monkeypatch.setenv("CX_DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.text_input[0].input("vera")
    at.text_input[1].input("viewer-pass")
    at.button[0].click().run()
    at.switch_page("pages/actions.py").run()
    assert not at.exception
    assert "Analysts and admins plan and edit actions" in at.caption[0].value
    assert [e.label for e in at.expander][0].startswith("IVR menu redesign")
    assert not at.get("form")


def test_the_stage_trend_marks_the_live_date_and_the_target(monkeypatch, db_url):
    planted(db_url)
    at = open_page(monkeypatch, db_url, "pages/stage.py", stage="support")
    widget(at.get("button_group"), "Trend of").set_value("csat").run()
    assert not at.exception
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    trend = next(
        f for f in figures if any(s.get("yref") == "paper" for s in f["layout"].get("shapes", []))
    )
    line = trend["layout"]["shapes"][0]
    assert pd.Timestamp(line["x0"]).date() == LIVE
    assert trend["layout"]["annotations"][0]["text"] == "IVR menu redesign"
    target = next(d for d in trend["data"] if d.get("line", {}).get("dash") == "dash")
    assert target["y"] == [75, 75]
    assert pd.Timestamp(target["x"][1]).date().isoformat() == "2026-06-30"


def test_pain_points_and_the_canvas_link_to_actions(monkeypatch, db_url):
    planted(db_url)
    db.add_action(db.get_engine(db_url), {"title": "Chat bot", "stage": "support"})
    at = open_page(monkeypatch, db_url, "pages/overview.py")
    links = [p for p in at.get("page_link")]
    labels = [p.proto.label for p in links]
    assert "🚩 Chat bot" in labels  # open actions under their stage on the canvas
    assert "🚩 IVR menu redesign" not in labels  # done: not open


def test_a_pain_point_opens_a_new_action_on_its_stage_and_touchpoint(monkeypatch, db_url):
    rows = [
        (f"P{i}", START, "Phone", "Support", s, None, None)
        for i, s in enumerate(nps_scores(30, 20, 10))
    ]
    rows += [
        (f"I{i}", START, "IVR", "Support", s, None, None)
        for i, s in enumerate(nps_scores(2, 3, 35))
    ]
    store(db.get_engine(db_url), rows)
    at = open_page(monkeypatch, db_url, "pages/insights.py")
    first = at.expander[0]
    assert first.label.startswith("1. Service & support × IVR / voice self-service")
    links = {p.proto.label: p.proto.query_string for p in first.get("page_link")}
    assert links["Plan an action"] == (
        "new=1&plan_stage=support&stage=support&plan_touchpoint=ivr&plan_metric=nps"
    )
    assert links["Actions on Service & support (0)"] == "stage=support"
    db.add_action(db.get_engine(db_url), {"title": "Shorter IVR menu", "stage": "support"})
    at = open_page(monkeypatch, db_url, "pages/follow_up.py")
    widget(at.multiselect, "Stage").set_value(["support"]).run()
    assert not at.exception
    links = {p.proto.label: p.proto.query_string for p in at.get("page_link")}
    assert links["Actions on Service & support (1)"] == "stage=support"


def test_an_action_on_a_whole_stage_says_so_in_the_touchpoint_column(monkeypatch, db_url):
    engine = db.get_engine(db_url)
    store(engine, effect_rows())
    db.add_action(engine, IVR_FIX | {"title": "Callback promise", "touchpoint": None})
    at = open_page(monkeypatch, db_url, "pages/actions.py")
    table = at.dataframe[0].value
    assert table.set_index("title").loc["Callback promise", "touchpoint"] == "(the whole stage)"
