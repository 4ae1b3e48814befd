"""daily_sums always adds up to the stored responses: after an import, a hand re-tag, a
re-score, a taxonomy re-tag, a stage move and a deleted import; and a database made
before the table existed is added up when it is opened.

Each check compares the sums read from daily_sums with the same sums computed by pandas
from the responses themselves (stage_detail._sums, the stage report's own arithmetic).
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pandas as pd
import pytest

import db
from cxcore.analysis import stage_detail
from cxcore.analysis.metrics import SUM_COLUMNS, sums_by
from cxcore.filters import Filters
from cxcore.ingest import pipeline
from cxcore.ingest.pipeline import import_file, load_demo
from cxcore.text.taxonomy import load_taxonomy
from db.daily_sums import refresh_daily_sums
from tests.planted import run_importer
from tests.survey_files import large_csv

KEYS = ["stage", "touchpoint"]


def _from_sums(engine, filters: Filters | None = None) -> pd.DataFrame:
    return db.summary(engine, KEYS, filters).set_index(KEYS).sort_index()[list(SUM_COLUMNS)]


def _from_responses(responses: pd.DataFrame) -> pd.DataFrame:
    by = [responses[k].astype(object) for k in KEYS]
    return stage_detail._sums(responses, by).sort_index()[list(SUM_COLUMNS)]


def assert_sums_match(engine, filters: Filters | None = None) -> None:
    responses = db.responses_frame(engine, filters)
    expected = _from_responses(responses)
    got = _from_sums(engine, filters)
    assert got.index.tolist() == expected.index.tolist()
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, check_names=False)


@pytest.fixture
def demo(engine):
    load_demo(engine, rows=400)
    return engine


def test_sums_match_the_responses_after_an_import(demo):
    assert_sums_match(demo)
    newest = db.date_range(demo)[1].date()
    month = Filters(date_from=newest - timedelta(days=30), date_to=newest, languages=("tr",))
    assert 0 < db.summary(demo, [], month)["n"].iloc[0] < 400
    assert_sums_match(demo, month)


def _daily_sums_table(engine) -> pd.DataFrame:
    keys = ["day", "stage", "touchpoint", "survey", "segment", "language"]
    with engine.connect() as conn:
        table = pd.read_sql(f"SELECT {', '.join([*keys, *SUM_COLUMNS])} FROM daily_sums", conn)
    table["day"] = table["day"].astype(str)
    return table.fillna({k: "<null>" for k in keys}).sort_values(keys).reset_index(drop=True)


def test_imports_add_the_same_sums_as_adding_up_every_response_again(demo):
    """An import adds its own rows' sums (made in pandas) to what the table held for their
    days; re-adding every response in SQL must give the same table, row for row."""
    held = db.responses_frame(demo, columns=["submitted_at"])["submitted_at"]
    days = sorted({str(d)[:10] for d in held.dropna()})[-3:]  # days the demo already has
    long_survey = "Ç" * 300  # cut to the column's 255 characters when stored
    lines = ["Date,NPS,CSAT,Comment,Channel,Survey,Segment"]
    for i in range(60):
        when = f"{days[i % 3]} 10:{i:02d}" if i % 5 else ""  # every fifth response undated
        survey = long_survey if i % 4 == 0 else ("" if i % 4 == 1 else "Pulse")
        segment = "" if i % 3 == 0 else "VIP"
        csat = "" if i % 6 == 0 else str(1 + i % 5)
        comment = "" if i % 7 == 0 else f"Kargo {i} gün gecikti, çok kötü"
        lines.append(f"{when},{i % 11},{csat},{comment},phone,{survey},{segment}")
    summary = import_file(("\n".join(lines) + "\n").encode(), "more.csv", engine=demo)
    assert summary.accepted == 60
    added = _daily_sums_table(demo)
    assert (added["survey"].str.len() == 255).any() and (added["day"] == "<null>").any()
    with demo.begin() as conn:
        refresh_daily_sums(conn)
    recomputed = _daily_sums_table(demo)
    assert len(added) == len(recomputed) > 0
    pd.testing.assert_frame_equal(added, recomputed, check_dtype=False)
    assert_sums_match(demo)


def test_two_imports_at_once_on_the_same_days_are_each_added_once(db_url, tmp_path):
    """Two processes import different rows of the same 28 days at once (each prepares its
    rows while the other does; they store one after the other): the second adds its sums to
    what the first committed, so the table equals adding up every response again."""
    engine = db.get_engine(db_url)
    import_file(large_csv(300, seed=3).replace(b"\r\nR", b"\r\nQ"), "first.csv", engine=engine)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    one.write_bytes(large_csv(6_000, seed=1))
    two.write_bytes(large_csv(6_000, seed=2).replace(b"\r\nR", b"\r\nS"))  # other ids
    importers = [run_importer(db_url, path, "-", pause=0.0) for path in (one, two)]
    for importer in importers:
        out, err = importer.communicate(timeout=600)
        assert importer.returncode == 0, err
        assert out.split()[1] == "6000"  # accepted
    assert db.summary(engine)["n"].sum() == 12_300
    added = _daily_sums_table(engine)
    with engine.begin() as conn:
        refresh_daily_sums(conn)
    pd.testing.assert_frame_equal(added, _daily_sums_table(engine), check_dtype=False)


def test_a_channel_filter_is_answered_from_the_responses(demo):
    channel = db.responses_frame(demo, columns=["channel"])["channel"].dropna().mode().iloc[0]
    assert_sums_match(demo, Filters(channels=(channel,)))


def test_nps_counts_per_score_add_up_to_the_scored_responses(demo):
    sums = db.summary(demo)
    counts = stage_detail.nps_distribution_from(sums)
    nps = db.responses_frame(demo, columns=["nps"])["nps"].dropna().round().astype(int)
    assert counts.set_index("score")["count"].to_dict() == {
        k: int((nps == k).sum()) for k in range(11)
    }


def test_hand_tags_and_rescoring_keep_the_sums_in_step(demo):
    columns = ["id", "stage", "language", "sentiment", "sentiment_label", "sentiment_model"]
    responses = db.responses_frame(demo, columns=columns)
    ids = responses.loc[responses["stage"] != "loyalty", "id"].head(25).tolist()
    assert db.set_manual_tags(demo, ids, "loyalty", "chat") == 25
    assert_sums_match(demo)
    rescored = responses.head(40).assign(sentiment=-0.75, sentiment_label="negative")
    db.update_sentiment(demo, rescored, user="t")
    assert_sums_match(demo)


def test_retagging_moving_a_stage_and_deleting_an_import_keep_the_sums_in_step(demo):
    pipeline.retag_responses(demo, load_taxonomy())
    assert_sums_match(demo)
    db.move_stage(demo, "awareness", "consideration")
    assert "awareness" not in set(db.stage_summary(demo)["stage"])
    assert_sums_match(demo)
    first = int(db.list_imports(demo)["id"].min())
    db.delete_import(demo, first)
    assert db.summary(demo).empty or db.summary(demo)["n"].sum() == 0
    assert db.values_present(demo, "language").empty


def test_a_database_from_before_daily_sums_is_added_up_when_opened(tmp_path):
    path = tmp_path / "old.sqlite"
    url = f"sqlite:///{path}"
    load_demo(db.get_engine(url), rows=200)
    db.get_engine(url).dispose()
    with sqlite3.connect(path) as conn:  # as an older version left it: no sums
        conn.execute("DELETE FROM daily_sums")
    from db.engine import _engine_for

    _engine_for.cache_clear()
    engine = db.get_engine(url)
    assert db.summary(engine)["n"].iloc[0] == 200
    assert_sums_match(engine)


def test_one_read_per_day_and_cell_gives_every_windowed_summary(demo):
    cells = db.summary(demo, ("stage", "touchpoint", "day"))
    newest = db.date_range(demo)[1].date()
    windows = [
        (None, None),
        (newest - timedelta(days=30), newest),
        (None, newest - timedelta(days=45)),
    ]
    for first, last in windows:
        filters = Filters(date_from=first, date_to=last)
        for by in (["stage"], ["stage", "touchpoint"], []):
            got = sums_by(cells, by, first, last)
            expected = db.summary(demo, by, filters)
            if by:
                got, expected = (f.set_index(by).sort_index() for f in (got, expected))
            pd.testing.assert_frame_equal(
                got[list(SUM_COLUMNS)].reset_index(drop=not by),
                expected[list(SUM_COLUMNS)].reset_index(drop=not by),
                check_dtype=False,
            )
