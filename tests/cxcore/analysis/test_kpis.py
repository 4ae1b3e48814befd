"""The overview's KPIs and their change, on two consecutive 30-day windows seeded through import."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

import db
from cxcore.analysis import kpis
from cxcore.filters import Filters
from cxcore.ingest.pipeline import import_file
from tests.planted import BEFORE, NOW


@pytest.fixture
def seeded(engine):
    import_file(BEFORE.encode(), "before.csv", engine=engine, survey="Before")
    import_file(NOW.encode(), "now.csv", engine=engine, survey="Now")
    return engine


def expected_sentiment(engine, first: str, last: str) -> tuple[float, float]:
    frame = db.responses_frame(engine)
    frame = frame[frame["response_id"].between(first, last)]
    labelled = frame["sentiment_label"].notna()
    negative = (frame.loc[labelled, "sentiment_label"] == "negative").mean() * 100
    return frame["sentiment"].mean(), negative


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        (date(2026, 3, 2), date(2026, 3, 31), (date(2026, 1, 31), date(2026, 3, 1))),
        (date(2026, 3, 1), date(2026, 3, 1), (date(2026, 2, 28), date(2026, 2, 28))),
        (date(2024, 3, 1), date(2024, 3, 7), (date(2024, 2, 23), date(2024, 2, 29))),
    ],
)
def test_previous_period_has_the_same_length_and_ends_the_day_before(date_from, date_to, expected):
    assert kpis.previous_period(date_from, date_to) == expected


def test_current_period_is_the_chosen_range_or_the_last_30_days():
    newest = date(2026, 3, 31)
    assert kpis.current_period(None, None, newest) == (date(2026, 3, 2), newest)
    assert kpis.current_period(date(2026, 1, 1), None, newest) == (date(2026, 1, 1),) * 2
    assert kpis.current_period(date(2026, 1, 1), date(2026, 1, 9), newest)[1] == date(2026, 1, 9)
    assert kpis.current_period(None, None, None) is None


def test_kpis_and_their_change_against_the_previous_window(seeded):
    newest = db.date_range(seeded)[1]
    assert newest is not None and newest.date() == date(2026, 3, 31)
    period = kpis.current_period(None, None, newest.date())
    assert period is not None
    before = kpis.previous_period(*period)
    base = Filters()
    now = kpis.kpi_frame(
        db.stage_summary(seeded, replace(base, date_from=period[0], date_to=period[1]))
    )
    then = kpis.kpi_frame(
        db.stage_summary(seeded, replace(base, date_from=before[0], date_to=before[1]))
    )
    assert now["value"][["responses", "nps", "csat"]].tolist() == pytest.approx([5, 40, 80])
    assert then["value"][["responses", "nps", "csat"]].tolist() == pytest.approx([4, 25, 50])
    sentiment, negative = expected_sentiment(seeded, "N1", "N5")
    assert now.loc["sentiment", "value"] == pytest.approx(sentiment)
    assert now.loc["negative", "value"] == pytest.approx(negative)
    row = kpis.kpi_row(now, then)
    assert row.loc["responses", "delta"] == "+1"
    assert row.loc["nps", "delta"] == "+15"
    assert row.loc["csat", "delta"] == "+30 pts"
    assert row.loc["nps", "value"] == "+40"
    assert row.loc["csat", "value"] == "80%"
    assert row["delta_color"].tolist() == ["normal"] * 4 + ["inverse"]
    before_sentiment, before_negative = expected_sentiment(seeded, "P1", "P4")
    assert row.loc["sentiment", "change"] == pytest.approx(sentiment - before_sentiment)
    assert row.loc["negative", "change"] == pytest.approx(negative - before_negative)


def test_an_empty_previous_period_gives_no_delta_but_zero_responses(seeded):
    empty = kpis.kpi_frame(
        db.stage_summary(seeded, Filters(date_from=date(2020, 1, 1), date_to=date(2020, 1, 2)))
    )
    assert empty.loc["responses", "value"] == 0
    row = kpis.kpi_row(kpis.kpi_frame(db.stage_summary(seeded)), empty)
    assert row.loc["responses", "delta"] == "+10"
    assert row.loc["nps", "delta"] is None
    assert kpis.kpi_row(empty, None).loc["nps", "value"] == "–"


def test_a_change_that_rounds_to_nothing_reads_zero_grey_and_without_an_arrow():
    frame = pd.DataFrame(
        {"label": ["NPS", "Negative"], "value": [40.3, 20.0], "n": [50, 50]},
        index=["nps", "negative"],
    )
    before = frame.assign(value=[40.0, 12.0])
    row = kpis.kpi_row(frame, before, "cs")
    assert row.loc["nps", ["delta", "delta_color", "delta_arrow"]].tolist() == ["0", "off", "off"]
    assert row.loc["negative", "delta_arrow"] == "auto"  # a real change keeps its arrow
    assert row.loc["negative", "delta_color"] == "inverse"
