"""Every read of `db.queries` on a stored demo survey, checked against the stored rows.

These run on SQLite and, when `CX_TEST_POSTGRES_URL` is set, on PostgreSQL too, so a
query that only one database understands fails here.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

import db
from cxcore import fields as F
from cxcore.filters import Filters
from cxcore.ingest.pipeline import load_demo, rescore_responses


@pytest.fixture
def stored(engine) -> pd.DataFrame:
    load_demo(engine, rows=400)
    return db.responses_frame(engine)


def test_stage_summary_counts_and_means_match_the_stored_rows(engine, stored):
    summary = db.stage_summary(engine).set_index("stage").sort_index()
    by_stage = stored.groupby("stage")
    assert summary["n"].to_dict() == by_stage.size().to_dict()
    assert summary["promoters"].to_dict() == by_stage["nps"].agg(lambda s: (s >= 9).sum()).to_dict()
    assert summary["negative"].to_dict() == (
        by_stage["sentiment_label"].agg(lambda s: (s == "negative").sum()).to_dict()
    )
    expected_mean = by_stage["sentiment"].mean()
    assert summary["sentiment_mean"].to_numpy() == pytest.approx(expected_mean.to_numpy())


def test_cell_summary_has_one_row_per_stage_and_touchpoint(engine, stored):
    cells = db.cell_summary(engine).set_index(["stage", "touchpoint"]).sort_index()
    expected = stored.groupby(["stage", "touchpoint"]).size()
    assert cells["n"].to_dict() == expected.to_dict()


def test_filters_by_period_survey_and_touchpoint_match_pandas(engine, stored):
    newest = stored["submitted_at"].max()
    start = (newest - timedelta(days=30)).date()
    touchpoint = stored["touchpoint"].mode().iloc[0]
    filters = Filters(date_from=start, touchpoints=(touchpoint,), surveys=("Demo survey",))
    chosen = db.responses_frame(engine, filters)
    expected = stored[
        (stored["submitted_at"].dt.date >= start) & (stored["touchpoint"] == touchpoint)
    ]
    assert 0 < len(chosen) < len(stored)
    assert sorted(chosen["id"]) == sorted(expected["id"])
    assert db.stage_summary(engine, filters)["n"].sum() == len(expected)


def test_stage_responses_and_date_range(engine, stored):
    stage = stored["stage"].mode().iloc[0]
    rows = db.stage_responses(engine, stage, columns=["id", "submitted_at", "comment"])
    assert sorted(rows["id"]) == sorted(stored.loc[stored["stage"] == stage, "id"])
    assert rows["submitted_at"].is_monotonic_increasing
    newest_five = db.stage_responses(engine, stage, columns=["id", "submitted_at"], newest=5)
    assert newest_five["id"].tolist() == rows["id"].tail(5).tolist()
    oldest, newest = db.date_range(engine)
    assert pd.Timestamp(oldest, tz="UTC") == stored["submitted_at"].min()
    assert pd.Timestamp(newest, tz="UTC") == stored["submitted_at"].max()


def test_stage_extremes_are_the_most_negative_and_positive_comments(engine, stored):
    extremes = db.stage_extremes(engine, per_stage=3)
    stage = stored["stage"].mode().iloc[0]
    negative = stored[(stored["stage"] == stage) & (stored["sentiment_label"] == "negative")]
    chosen = extremes[(extremes["stage"] == stage) & (extremes["polarity"] == "negative")]
    assert sorted(chosen["sentiment"]) == pytest.approx(sorted(negative["sentiment"].nsmallest(3)))


def test_customer_sequences_hold_only_repeat_customers_in_time_order(engine, stored):
    sequence = db.customer_stage_sequence(engine)
    repeat = stored["customer_id"].value_counts()
    assert set(sequence["customer_id"]) == set(repeat[repeat > 1].index)
    assert sequence.groupby("customer_id")["submitted_at"].is_monotonic_increasing.all()


def test_sequences_of_named_customers_are_their_part_of_the_whole(engine, stored):
    whole = db.customer_stage_sequence(engine)
    some = whole["customer_id"].drop_duplicates().head(7).tolist()
    single = stored["customer_id"].value_counts().loc[lambda n: n == 1].index[0]
    part = db.customer_stage_sequence(engine, customers=[*some, single, "nobody"])
    expected = whole[whole["customer_id"].isin(some)].reset_index(drop=True)
    pd.testing.assert_frame_equal(part, expected)


def test_values_languages_imports_and_version(engine, stored):
    touchpoints = db.values_present(engine, "touchpoint").set_index("value")["n"]
    assert touchpoints.to_dict() == stored["touchpoint"].value_counts().to_dict()
    languages = db.languages_present(engine).set_index(F.LANGUAGE)["n"]
    assert languages.to_dict() == stored[F.LANGUAGE].value_counts().to_dict()
    assert db.list_imports(engine)["accepted"].tolist() == [len(stored)]
    assert db.data_version(engine).endswith(f":{stored['id'].max()}")
    keys = stored["source_key"].head(3).tolist()
    assert db.existing_source_keys(engine, [*keys, "not-stored"]) == set(keys)


def test_unassigned_responses_and_rescoring(engine, stored):
    unassigned = db.unassigned_responses(engine)
    expected = stored[
        ((stored["stage"] == F.UNASSIGNED) | (stored["touchpoint"] == F.UNASSIGNED))
        & stored["comment"].notna()
    ]
    assert sorted(unassigned["id"]) == sorted(expected["id"])
    before = db.data_version(engine)
    assert rescore_responses(engine) == len(stored)
    assert db.data_version(engine) != before
    again = db.responses_frame(engine)
    assert again["sentiment"].to_numpy() == pytest.approx(
        stored["sentiment"].to_numpy(), nan_ok=True
    )


def test_recent_customers_responses_are_whole_journeys_of_the_newest_customers(engine, stored):
    columns = ["id", "customer_id", "submitted_at", "stage"]
    everyone = db.recent_customers_responses(engine, None, 10**6, columns)
    assert sorted(everyone["id"]) == sorted(stored.loc[stored["customer_id"].notna(), "id"])
    with_id = stored[stored["customer_id"].notna()]
    newest = with_id.sort_values(["submitted_at", "id"], ascending=False).head(20)
    some = db.recent_customers_responses(engine, None, 20, columns)
    assert set(some["customer_id"]) == set(newest["customer_id"])
    journeys = with_id[with_id["customer_id"].isin(newest["customer_id"])]
    assert sorted(some["id"]) == sorted(journeys["id"])
    assert some.groupby("customer_id")["submitted_at"].is_monotonic_increasing.all()


def test_negative_comments_are_each_units_most_negative(engine, stored):
    stage = stored["stage"].mode().iloc[0]
    touchpoint = stored.loc[stored["stage"] == stage, "touchpoint"].mode().iloc[0]
    found = db.negative_comments(engine, [(stage, None), (stage, touchpoint)], per_unit=3)
    negative = stored[(stored["sentiment_label"] == "negative") & stored["comment"].notna()]
    negative = negative.sort_values(["sentiment", "submitted_at", "id"])
    in_stage = negative[negative["stage"] == stage].head(3)
    in_cell = negative[(negative["stage"] == stage) & (negative["touchpoint"] == touchpoint)]
    assert len(in_stage) == 3
    assert sorted(found["id"]) == sorted(set(in_stage["id"]) | set(in_cell.head(3)["id"]))
    assert found["submitted_at"].is_monotonic_increasing
