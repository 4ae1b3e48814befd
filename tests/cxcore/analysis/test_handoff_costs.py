"""The handoffs analysis on planted rows: the cost per handoff is the data's own slope."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from cxcore.analysis import handoffs
from cxcore.analysis.canvas import handoff_cells
from tests.planted import HANDOFF_COST, handoff_rows


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": [r["stage"].lower() for r in rows],
            "handoffs": [float(r["stations"] - 1) for r in rows],
            "team": [r["team"] for r in rows],
            "handoff_words": [None] * len(rows),
            "has_comment": [True] * len(rows),
            "csat": [float(r["csat"]) for r in rows],
            "nps": [None] * len(rows),
            "sentiment": [0.0] * len(rows),
            "customer_id": [r["customer"] for r in rows],
            "submitted_at": [pd.Timestamp(r["when"], tz="UTC") for r in rows],
        }
    )


def test_cost_per_handoff_is_the_least_squares_slope_and_below_zero():
    rows = handoff_rows()
    table, evidence = handoffs.handoff_table(frame(rows), ["billing", "support"])
    assert (evidence.source, evidence.metric) == ("count", "csat")
    overall = table[table["stage"] == "all"].iloc[0]
    x = np.array([r["stations"] - 1 for r in rows], dtype=float)
    y = np.array([r["csat"] for r in rows], dtype=float)
    slope = np.polyfit(x, y, 1)[0]
    assert abs(overall["slope"] - slope) < 1e-9
    assert abs(overall["slope"] + HANDOFF_COST) < 0.05
    assert overall["slope_low"] < overall["slope"] < overall["slope_high"] < 0
    assert overall["n"] == len(rows) and overall["slope_n"] == len(rows)
    assert overall["with_handoff"] == int((x > 0).sum())
    assert math.isclose(overall["mean"], x.mean())
    assert overall["diff_high"] < 0  # with a handoff against without: lower too
    assert table["stage"].tolist() == ["billing", "support", "all"]
    billing = table[table["stage"] == "billing"].iloc[0]
    assert billing["with_handoff"] == 0 and not billing["costly"]
    assert math.isnan(billing["slope"])  # one count only: no slope


def test_a_costly_stage_is_a_pain_point_in_words():
    table, evidence = handoffs.handoff_table(frame(handoff_rows()))
    lines = handoffs.handoff_pain_sentences(table, evidence, {"support": "Support"})
    assert len(lines) == 1
    assert lines[0].startswith("Support: each extra handoff costs 0.5 CSAT points (95% CI")
    cells = handoff_cells(table)
    assert cells["support"]["pain"] and cells["support"]["per_handoff"]
    assert not cells["billing"]["pain"]


def test_json_has_the_shape_the_cli_prints():
    table, evidence = handoffs.handoff_table(frame(handoff_rows()))
    report = handoffs.handoff_json(table, evidence)
    assert set(report["overall"]) >= {"n", "with_handoff", "share", "mean"}
    assert report["overall"]["per_handoff"]["metric"] == "csat"
    assert {"value", "ci_low", "ci_high"} <= set(report["overall"]["per_handoff"])
    assert [s["stage"] for s in report["stages"]] == ["support", "billing"]


def test_mentions_alone_compare_with_against_without():
    rows = frame(handoff_rows()).assign(handoffs=np.nan)
    rows["handoff_words"] = np.where(rows["csat"] <= 3, "transferred me", None)
    table, evidence = handoffs.handoff_table(rows)
    assert evidence.source == "comments"
    overall = table[table["stage"] == "all"].iloc[0]
    assert math.isnan(overall["slope"]) and overall["diff_high"] < 0


def test_no_evidence_gives_no_table_and_a_reason():
    rows = frame(handoff_rows()).assign(handoffs=np.nan)
    table, evidence = handoffs.handoff_table(rows)
    assert table.empty and evidence.source is None and evidence.reason == "no_evidence"
    (line,) = handoffs.handoff_sentences(table, evidence, {})
    assert line.startswith("No handoffs to show: no handoff count")


def test_teams_and_where_customers_go_next():
    rows = frame(handoff_rows())
    teams = handoffs.team_table(rows)
    assert teams.iloc[0]["share"] == 1.0  # teams after a handoff always passed it on
    assert teams.set_index("team").loc["Tier 1", "with_handoff"] == 0
    moves = handoffs.team_moves(rows)
    assert set(moves.columns) == {"team", "next_team", "customers"}
    assert (moves["team"] != moves["next_team"]).all() and len(moves)
