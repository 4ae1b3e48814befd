"""The touchpoint map page in the real Streamlit runtime."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

import db
from cxcore.ingest.pipeline import import_file
from tests.planted import TOUCHPOINT_SURVEY as SURVEY

ROOT = Path(__file__).resolve().parents[2]


def open_map(monkeypatch, url: str) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/touchpoints.py").run()
    assert not at.exception
    return at


def heatmap(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]


def test_the_map_shows_stage_by_touchpoint_and_follows_the_metric(monkeypatch, db_url):
    import_file(SURVEY.encode(), "map.csv", engine=db.get_engine(db_url))
    at = open_map(monkeypatch, db_url)
    assert at.title[0].value == "Touchpoint map"
    at.segmented_control(key="map_metric").set_value("nps").run()
    assert not at.exception
    cells = heatmap(at)
    assert cells["x"] == ["Purchase", "Service & support", "Loyalty & renewal"]
    row = dict(zip(cells["x"], cells["z"][cells["y"].index("Phone / call centre")], strict=True))
    assert row["Service & support"] == 100.0
    assert "n=2" in cells["text"][cells["y"].index("IVR / voice self-service")][1]


def test_an_empty_database_says_what_to_do(monkeypatch, db_url):
    at = open_map(monkeypatch, db_url)
    assert "Import" in at.info[0].value
    assert not at.get("plotly_chart")
