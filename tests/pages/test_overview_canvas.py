"""The journey canvas and the curve comparison on the overview, in the real Streamlit runtime."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

import db
from cxcore.ingest.pipeline import import_file
from tests.planted import planted_survey

ROOT = Path(__file__).resolve().parents[2]


def open_overview(monkeypatch, db_url: str, survey: str | None = None) -> AppTest:
    survey = planted_survey() if survey is None else survey
    import_file(survey.encode(), "survey.csv", engine=db.get_engine(db_url))
    monkeypatch.setenv("CX_DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    return at


def test_the_canvas_shows_voices_touchpoints_and_the_pain_point(monkeypatch, db_url):
    at = open_overview(monkeypatch, db_url)
    at.segmented_control[0].set_value("nps").run()  # the curve's metric
    captions = [c.value for c in at.caption]
    assert any("Phone / call centre 100%" in c for c in captions)
    # The comment is escaped for Markdown (the comma stays, the dot would be escaped).
    assert any("🔴 “Çağrı merkezinde saatlerce bekledim, çok kötü” (tr)" in c for c in captions)
    assert any("🟢 “Harika hizmet teşekkürler” (tr)" in c for c in captions)
    assert any("n=40 · NPS −100" in c for c in captions)
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert len(badges) == 1 and "Pain point" in badges[0]  # support only, as a small badge
    plans = [p.proto for p in at.get("page_link") if p.proto.label == "Plan"]  # one short word
    assert len(plans) == 1 and "plan_stage=support" in plans[0].query_string


def test_markup_in_a_comment_is_shown_as_text(monkeypatch, db_url):
    survey = (
        "Response ID,Date,Stage,NPS,Comment\n"
        "X1,2026-03-01,Support,0,**Berbat** [tıkla](javascript:alert(1)) :red[kötü]\n"
    )
    at = open_overview(monkeypatch, db_url, survey)
    voice = next(c.value for c in at.caption if c.value.startswith("🔴") and "Berbat" in c.value)
    assert "\\*\\*Berbat\\*\\*" in voice and "\\[tıkla\\]" in voice and "\\:red\\[" in voice


def test_compare_two_segments(monkeypatch, db_url):
    at = open_overview(monkeypatch, db_url)
    at.segmented_control[0].set_value("nps").run()
    at.segmented_control(key="compare_by").set_value("segment").run()
    assert not at.exception
    assert at.multiselect(key="compare_segment").value == ["Retail", "SME"]
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert [d["name"] for d in spec["data"]] == ["Retail (n=50)", "SME (n=40)"]
    at.multiselect(key="compare_segment").set_value(["SME"]).run()
    assert "at least two curves" in at.info[-1].value
