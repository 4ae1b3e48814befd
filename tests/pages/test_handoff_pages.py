"""The backstage handoff lane on the overview and the stage page's handoffs, in Streamlit."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import db
from cxcore.ingest.pipeline import import_file
from tests.planted import handoff_export, no_handoff_export

ROOT = Path(__file__).resolve().parents[2]


def open_app(monkeypatch, db_url: str, data: bytes) -> AppTest:
    import_file(data, "export.csv", engine=db.get_engine(db_url))
    monkeypatch.setenv("CX_DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    return at


def test_the_canvas_has_a_backstage_lane_with_the_cost(monkeypatch, db_url):
    at = open_app(monkeypatch, db_url, handoff_export())
    markdown = [m.value for m in at.markdown]
    assert "**Backstage: handoffs**" in markdown
    captions = [c.value for c in at.caption]
    assert any(c.startswith("75% passed on · 1.5× on average") for c in captions)
    assert any("each extra handoff: −0.50 CSAT points" in c for c in captions)
    assert "Handoffs cost" in [e.value for e in at.error]
    assert any(c.startswith("Service & support: each extra handoff costs") for c in captions)


def test_no_evidence_no_lane_and_a_reason(monkeypatch, db_url):
    at = open_app(monkeypatch, db_url, no_handoff_export())
    assert "**Backstage: handoffs**" not in [m.value for m in at.markdown]
    assert any(c.value.startswith("No handoffs to show: no handoff count") for c in at.caption)


def test_the_stage_page_shows_teams_moves_and_mentions(monkeypatch, db_url):
    at = open_app(monkeypatch, db_url, handoff_export())
    at.switch_page("pages/stage.py")
    at.query_params["stage"] = "support"
    at.run()
    assert not at.exception
    assert "Handoffs inside the company" in [h.value for h in at.subheader]
    frames = [d.value for d in at.dataframe]
    teams = next(f for f in frames if "Share passed on" in f.columns)
    assert teams.iloc[0]["Share passed on"] == 1.0
    assert set(teams["Team"]) == {"Tier 1", "Billing team", "Tech support", "Escalations"}
    moves = next(f for f in frames if "Next contact handled by" in f.columns)
    assert len(moves) and (moves["Team"] != moves["Next contact handled by"]).all()
    said = next(f for f in frames if "Words that show a handoff" in f.columns)
    assert len(said) == 90  # tickets with two or three extra groups say so
    assert said["Words that show a handoff"].notna().all()
