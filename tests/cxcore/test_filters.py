"""Sidebar filters to and from the URL."""

from __future__ import annotations

from datetime import date

from cxcore.filters import Filters, from_query_params, to_query_params


def test_filters_survive_the_round_trip_through_the_url():
    filters = Filters(
        date_from=date(2026, 3, 1),
        date_to=date(2026, 3, 31),
        surveys=("NPS Q1", "Destek, anket"),  # a comma inside a name stays one name
        touchpoints=("ivr", "social_media"),
        segments=("SME",),
        languages=("tr", "cs"),
    )
    params = to_query_params(filters)
    assert params["from"] == ["2026-03-01"] and params["to"] == ["2026-03-31"]
    assert params["survey"] == ["NPS Q1", "Destek, anket"]
    assert from_query_params(params) == filters


def test_no_filters_no_parameters():
    assert to_query_params(Filters()) == {}
    assert from_query_params({}) == Filters()


def test_a_single_day_and_hand_edited_urls():
    assert to_query_params(Filters(date_from=date(2026, 3, 5), date_to=date(2026, 3, 5))) == {
        "from": ["2026-03-05"]
    }
    assert from_query_params({"from": ["2026-03-05"]}) == Filters(
        date_from=date(2026, 3, 5), date_to=date(2026, 3, 5)
    )
    # A broken date is ignored, swapped ends are put in order, unknown keys are ignored.
    assert from_query_params({"from": ["yesterday"], "stage": ["support"]}) == Filters()
    assert from_query_params({"from": ["2026-03-31"], "to": ["2026-03-01"]}) == Filters(
        date_from=date(2026, 3, 1), date_to=date(2026, 3, 31)
    )
