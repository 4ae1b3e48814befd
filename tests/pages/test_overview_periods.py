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


def test_the_kpi_row_and_the_curve_say_which_days_they_cover(monkeypatch, seeded_url):
    at = open_overview(monkeypatch, seeded_url)
    captions = [c.value for c in at.caption]
    assert captions[0] == (
        "These figures: the last 30 days with responses, 2 Mar 2026 to 31 Mar 2026, "
        "against the 30 days before, 31 Jan 2026 to 1 Mar 2026."
    )
    assert "All dates: 1 Dec 2025 to 31 Mar 2026." in captions  # P0 is older than both windows


def test_a_sidebar_range_is_named_over_the_curve_in_czech(monkeypatch, seeded_url):
    from datetime import date

    at = open_overview(monkeypatch, seeded_url, "cs")
    at.sidebar.date_input[0].set_value((date(2026, 2, 1), date(2026, 2, 28))).run()
    captions = [c.value for c in at.caption]
    assert captions[0].startswith("Období: 1. 2. 2026 až 28. 2. 2026")
    assert "Období zvolené v postranním panelu: 1. 2. 2026 až 28. 2. 2026." in captions


def test_the_canvas_shows_each_stage_name_whole(monkeypatch, seeded_url):
    at = open_overview(monkeypatch, seeded_url)
    # A page link's label is one line cut with "…" in a narrow column: the names are
    # written as text that wraps, each with a short link to its stage page.
    # (small bold: "Değerlendirme" is wider than a column at 1,400 px in normal type)
    headers = [m.value for m in at.markdown if m.value.startswith(":small[**")]
    assert ":small[**Onboarding \\& delivery**]" in headers
    assert ":small[**Service \\& support**]" in headers
    links = [e for e in at.get("page_link") if e.proto.query_string.startswith("stage=")]
    assert len(links) == 7 and {e.proto.label for e in links} == {"Open"}


def test_what_changed_on_insights_names_the_actions_gone_live_in_its_periods(
    monkeypatch, seeded_url
):
    at = open_overview(monkeypatch, seeded_url)
    at.switch_page("pages/insights.py").run()
    assert not at.exception
    flags = [m.value for m in at.markdown if "🚩" in m.value]
    # Plain text: the Markdown characters of the names and the title are escaped.
    assert [f.replace("\\", "") for f in flags] == [
        "- 🚩 Service & support: Callback instead of queue (live 10 Mar 2026)"
    ]
