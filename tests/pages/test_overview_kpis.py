"""The overview's KPI row in the real Streamlit runtime, on two seeded 30-day windows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import db
from cxcore.ingest.pipeline import import_file
from tests.planted import BEFORE, NOW

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def seeded_url(db_url: str) -> str:
    engine = db.get_engine(db_url)
    import_file(BEFORE.encode(), "before.csv", engine=engine, survey="Before")
    import_file(NOW.encode(), "now.csv", engine=engine, survey="Now")
    return db_url


def open_overview(monkeypatch, url: str) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    return at


def shown(at: AppTest) -> dict[str, tuple[str, str, str]]:
    return {m.label: (m.value, m.proto.delta, m.proto.color) for m in at.metric}


def test_the_last_30_days_against_the_30_before(monkeypatch, seeded_url):
    at = open_overview(monkeypatch, seeded_url)
    kpis = shown(at)
    assert list(kpis) == [
        "Responses",
        "NPS",
        "CSAT, % satisfied",
        "Mean sentiment",
        "Negative comments, %",
    ]
    assert kpis["Responses"][:2] == ("5", "+1")
    assert kpis["NPS"][:2] == ("+40", "+15")
    assert kpis["CSAT, % satisfied"][:2] == ("80%", "+30 pts")
    assert "2 Mar 2026 to 31 Mar 2026, against the 30 days before, 31 Jan 2026 to 1 Mar 2026" in (
        at.caption[0].value
    )
    assert at.subheader[0].value == "Emotion curve"  # the row sits above the curve


def test_the_negative_share_is_coloured_inverse(monkeypatch, seeded_url):
    from streamlit.proto.Metric_pb2 import Metric

    at = open_overview(monkeypatch, seeded_url)
    colour = {m.label: m.proto.color for m in at.metric}
    negative = next(m for m in at.metric if m.label == "Negative comments, %").proto.delta
    assert colour["NPS"] == Metric.MetricColor.GREEN  # up and higher is better
    # 1 of 3 comments negative before, 1 of 4 now: the share falls, and that is good news.
    assert negative == "-8 pts"
    assert colour["Negative comments, %"] == Metric.MetricColor.GREEN


def test_a_sidebar_range_sets_the_period(monkeypatch, seeded_url):
    at = open_overview(monkeypatch, seeded_url)
    at.sidebar.date_input[0].set_value((date(2026, 2, 1), date(2026, 2, 28))).run()
    assert not at.exception
    kpis = shown(at)
    # February holds P1-P3 (NPS 10, 9, 5 -> +33); the 28 days before hold nothing.
    assert kpis["Responses"][:2] == ("3", "+3")
    assert kpis["NPS"][:2] == ("+33", "")
    assert "1 Feb 2026 to 28 Feb 2026, against 4 Jan 2026 to 31 Jan 2026" in at.caption[0].value
