"""Handoff evidence stored and read back on SQLite and PostgreSQL, and an old database
gaining the handoff columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import create_engine, inspect, text

import db
from cxcore import views
from cxcore.filters import Filters
from cxcore.ingest import pipeline
from db.schema import Base
from tests.planted import HANDOFF_COST, handoff_export, handoff_rows, no_handoff_export


def test_zendesk_export_stores_counts_teams_and_mentions(engine):
    summary = pipeline.import_file(handoff_export(), "zendesk.csv", engine=engine)
    assert (summary.accepted, summary.rejected) == (240, 0)
    rows = db.handoff_responses(engine)
    rows = rows.sort_values("submitted_at", kind="stable")
    planted = handoff_rows()
    assert sorted(rows["handoffs"].tolist()) == sorted(float(r["stations"] - 1) for r in planted)
    assert set(rows["team"]) == {r["team"] for r in planted}
    mentioned = rows["handoff_words"].notna()
    assert mentioned.sum() == sum(r["comment"] != "Thanks, sorted" for r in planted)
    said = db.handoff_comments(engine, "support")
    assert len(said) == mentioned.sum()
    assert said["submitted_at"].is_monotonic_decreasing


def test_overall_cost_per_handoff_matches_the_datas_slope(engine):
    pipeline.import_file(handoff_export(), "zendesk.csv", engine=engine)
    report = views.handoffs_report(views.Sums(engine), Filters())
    x = np.array([r["stations"] - 1 for r in handoff_rows()], dtype=float)
    y = np.array([r["csat"] for r in handoff_rows()], dtype=float)
    per_handoff = report["overall"]["per_handoff"]
    assert report["source"] == "count" and per_handoff["metric"] == "csat"
    assert abs(per_handoff["value"] - np.polyfit(x, y, 1)[0]) < 0.05
    assert abs(per_handoff["value"] + HANDOFF_COST) < 0.05
    assert per_handoff["ci_low"] < per_handoff["ci_high"] < 0
    support = next(s for s in report["stages"] if s["stage"] == "support")
    assert support["costly"] and support["share"] == 0.75
    # Filters hold: the other stage alone has no handoff and no cost.
    other = views.handoffs_report(views.Sums(engine), Filters(stages=("usage",)))
    assert other["overall"]["with_handoff"] == 0 and other["overall"]["per_handoff"] is None


def test_a_file_without_evidence_says_so(engine):
    pipeline.import_file(no_handoff_export(), "plain.csv", engine=engine)
    report = views.handoffs_report(views.Sums(engine), Filters())
    assert (report["source"], report["reason"], report["overall"]) == (None, "no_evidence", None)


def test_a_bad_count_rejects_the_row_with_a_reason(engine):
    data = (
        b"ticket_id,created_at,group_stations,satisfaction_score\n"
        b"1,2026-03-01,2,4\n2,2026-03-02,two,5\n3,2026-03-03,,3\n"
    )
    summary = pipeline.import_file(data, "zd.csv", engine=engine)
    assert (summary.accepted, summary.rejected) == (2, 1)
    assert summary.as_dict()["rejections"] == [
        {"row": 3, "reason": "Stations 'two' is not a count (a whole number of 0 or more)"}
    ]
    stored = sorted(db.handoff_responses(engine)["handoffs"].dropna().tolist())
    assert stored == [1.0]


def test_a_database_made_before_the_handoff_columns_gains_them(db_url):
    old = create_engine(db_url)
    Base.metadata.create_all(old)
    with old.begin() as conn:  # the responses table as it was, with one stored row
        for column in ("handoffs", "reopens", "team", "handoff_words"):
            conn.execute(text(f"ALTER TABLE responses DROP COLUMN {column}"))
        conn.execute(
            text(
                "INSERT INTO imports (created_at, filename, layout, encoding, rows, accepted, "
                "rejected, duplicates, mapping) VALUES "
                "('2026-01-01', 'old.csv', 'plain', 'utf-8', 1, 1, 0, 0, '{}')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO responses (import_id, source_key, row_number, csat, comment, "
                "stage, stage_source, touchpoint, touchpoint_source, extra) SELECT id, 'k1', 2, "
                "4, 'Fine', 'support', 'column', 'phone', 'column', '{}' FROM imports"
            )
        )
    old.dispose()
    engine = db.get_engine(db_url)
    columns = {c["name"] for c in inspect(engine).get_columns("responses")}
    assert {"handoffs", "reopens", "team", "handoff_words"} <= columns
    kept = db.handoff_responses(engine)
    assert kept["has_comment"].tolist() == [True] and pd.isna(kept["handoffs"].iloc[0])
    summary = pipeline.import_file(handoff_export(24), "zendesk.csv", engine=engine)
    assert summary.accepted == 24
    assert db.handoff_responses(engine)["handoffs"].notna().sum() == 24
