"""Actions in the database (SQLite and PostgreSQL): add, edit, list, history and audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, inspect
from sqlalchemy.pool import NullPool

import db
from cxcore.actions import ActionError
from db.engine import _engine_for
from db.schema import Base

IVR_FIX = {
    "title": "IVR menu redesign",
    "description": "Two levels instead of four",
    "stage": "support",
    "touchpoint": "ivr",
    "owner": "Ayşe",
    "status": "in progress",
    "live_date": "2026-03-02",
    "metric": "csat",
    "target": "75",
    "due_date": "2026-06-30",
}


def test_an_action_is_stored_with_its_fields_and_history(engine):
    action_id = db.add_action(engine, IVR_FIX, user="ali")
    stored = db.actions_frame(engine).iloc[0]
    assert stored["id"] == action_id
    assert (stored["title"], stored["stage"], stored["touchpoint"]) == (
        "IVR menu redesign",
        "support",
        "ivr",
    )
    assert stored["status"] == "in_progress"
    assert stored["live_date"] == date(2026, 3, 2)
    assert stored["due_date"] == date(2026, 6, 30)
    assert stored["target"] == 75.0
    assert stored["created_by"] == "ali"
    history = db.action_history(engine, action_id)
    assert set(history["field"]) == {
        "title",
        "description",
        "stage",
        "touchpoint",
        "owner",
        "status",
        "live_date",
        "metric",
        "target",
        "due_date",
    }
    assert history["old"].isna().all()
    assert db.audit_frame(engine)["action"].tolist() == ["action_add"]


def test_an_edit_records_who_changed_what_and_only_what_changed(engine):
    action_id = db.add_action(engine, IVR_FIX, user="ali")
    changed = db.edit_action(
        engine, action_id, {"status": "done", "owner": "Ayşe", "target": 80}, user="vera"
    )
    assert changed == ["status", "target"]
    assert db.edit_action(engine, action_id, {"status": "done"}, user="vera") == []
    newest = db.action_history(engine, action_id).head(2)
    assert set(zip(newest["field"], newest["old"], newest["new"], newest["user"], strict=True)) == {
        ("status", "in_progress", "done", "vera"),
        ("target", "75", "80", "vera"),
    }
    assert db.actions_frame(engine, statuses=["done"])["id"].tolist() == [action_id]
    assert db.audit_frame(engine)["action"].tolist() == ["action_edit", "action_add"]


def test_filters_by_stage_and_status(engine):
    first = db.add_action(engine, IVR_FIX)
    second = db.add_action(engine, {"title": "Faster delivery", "stage": "purchase"})
    assert db.actions_frame(engine)["id"].tolist() == [second, first]
    assert db.actions_frame(engine, stages=["purchase"])["id"].tolist() == [second]
    stored = db.actions_frame(engine, stages=["purchase"]).iloc[0]
    assert (stored["status"], stored["metric"], stored["live_date"]) == ("idea", "sentiment", None)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": " ", "stage": "support"}, "An action needs a title."),
        ({"title": "X"}, "An action needs a stage."),
        ({"title": "X", "stage": "support", "status": "finished"}, "Status 'finished' is not"),
        ({"title": "X", "stage": "support", "metric": "churn"}, "Metric 'churn' is not one of"),
        ({"title": "X", "stage": "support", "live_date": "2.3.2026"}, "write it as YYYY-MM-DD"),
        ({"title": "X", "stage": "support", "target": "high"}, "The target 'high' is not"),
        ({"title": "X", "stage": "support", "due_date": "2026-06-30"}, "needs a target value"),
    ],
)
def test_bad_input_is_refused_with_its_reason_and_nothing_is_stored(engine, values, message):
    with pytest.raises(ActionError, match=message.replace("(", r"\(")):
        db.add_action(engine, values)
    assert db.actions_frame(engine).empty
    assert db.action_history(engine).empty


def test_an_edit_that_breaks_the_action_or_names_no_action_is_refused(engine):
    action_id = db.add_action(engine, IVR_FIX)
    with pytest.raises(ActionError, match="needs a target value"):
        db.edit_action(engine, action_id, {"target": None})
    with pytest.raises(ActionError, match="There is no action 999"):
        db.edit_action(engine, 999, {"status": "done"})
    assert db.actions_frame(engine).iloc[0]["target"] == 75.0


def test_a_database_made_before_actions_gets_the_tables(db_url):
    engine = create_engine(db_url, poolclass=NullPool)
    older = [t for name, t in Base.metadata.tables.items() if not name.startswith("action")]
    Base.metadata.create_all(engine, tables=older)
    assert "actions" not in inspect(engine).get_table_names()
    engine.dispose()
    _engine_for.cache_clear()  # a new process opening the old database
    opened = db.get_engine(db_url)
    assert {"actions", "action_history"} <= set(inspect(opened).get_table_names())
    assert db.add_action(opened, IVR_FIX) == 1


@pytest.mark.parametrize("everywhere", [False, True], ids=["ivr_rises", "everything_rises"])
def test_the_effect_is_measured_from_the_stored_daily_sums(engine, everywhere):
    from cxcore import views
    from tests.planted import LIVE, PLANTED_RISE, effect_rows, store

    store(engine, effect_rows(everywhere))
    ivr = db.add_action(engine, IVR_FIX)
    placebo = db.add_action(
        engine,
        {"title": "Store music", "stage": "purchase", "touchpoint": "store", "metric": "csat"}
        | {"live_date": LIVE},
    )
    found = views.action_effects(views.Sums(engine)).set_index("id")
    own, other = found.loc[ivr], found.loc[placebo]
    assert own["state"] == "measured"
    assert own["ci_low"] < PLANTED_RISE < own["ci_high"] and own["p_value"] < 0.01
    assert (own["n_before"], own["n_after"]) == (280, 280)
    if everywhere:
        assert own["vs_rest_ci_low"] < 0 < own["vs_rest_ci_high"]
    else:
        assert own["vs_rest_ci_low"] < PLANTED_RISE < own["vs_rest_ci_high"]
        assert own["vs_rest_p_value"] < 0.01
        assert other["ci_low"] < 0 < other["ci_high"]
