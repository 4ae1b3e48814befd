"""Pain points, drivers, channel-hop paths and movers on surveys whose answer is known by
construction, stored in real SQLite files through the import pipeline."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

import db
from cxcore.analysis import insights
from cxcore.filters import Filters
from tests.planted import IVR_COMMENT, START, nps_scores, store

# --------------------------------------------------------------------- pain points


@pytest.fixture
def planted_pain(engine):
    """Purchase × store, support × phone and loyalty × e-mail at NPS +33 (60 each);
    support × IVR at −65 (40): IVR is the pain point. Purchase × website: 3 zeros, too few."""
    rows = []
    good = nps_scores(30, 20, 10)
    for channel, stage in (("Store", "Purchase"), ("Phone", "Support"), ("E-mail", "Loyalty")):
        rows += [
            (f"{channel}{i}", START, channel, stage, s, None, None) for i, s in enumerate(good)
        ]
    rows += [
        (f"I{i}", START, "IVR", "Support", s, None, IVR_COMMENT if s == 2 else None)
        for i, s in enumerate(nps_scores(4, 6, 30))
    ]
    rows += [(f"W{i}", START, "Website", "Purchase", 0, None, None) for i in range(3)]
    store(engine, rows)
    return engine


def test_a_planted_pain_point_is_found_and_ranked_first(planted_pain):
    engine = planted_pain
    points = insights.pain_points(db.stage_summary(engine), db.cell_summary(engine))
    first = points.iloc[0]
    assert (first["stage"], first["touchpoint"], first["metric"]) == ("support", "ivr", "nps")
    assert first["n"] == 40
    assert first["value"] == pytest.approx((4 - 30) / 40 * 100)
    # The journey as a whole: 94 promoters and 63 detractors of 223 responses.
    assert first["overall"] == pytest.approx((94 - 63) / 223 * 100)
    assert first["high"] < first["overall"]
    assert first["impact"] == pytest.approx(40 * (first["overall"] - first["value"]) / 200 * 100)
    assert list(points["impact"]) == sorted(points["impact"], reverse=True)
    # The healthy cells are not pain points, nor the website cell of 3 (below MIN_N).
    found = set(zip(points["stage"], points["touchpoint"].fillna("-"), strict=True))
    assert found <= {("support", "ivr"), ("support", "-")}
    assert ("purchase", "website") not in found


def test_a_pain_point_comes_with_its_verbatims_and_themes(planted_pain):
    engine = planted_pain
    points = insights.pain_points(db.stage_summary(engine), db.cell_summary(engine))
    responses = db.responses_frame(engine)
    voiced = insights.pain_point_voices(points.head(1), responses)
    assert voiced.iloc[0]["verbatims"] == [IVR_COMMENT]  # the same words once, not 30 times
    assert "ivr" in voiced.iloc[0]["themes"]


def test_no_pain_point_without_enough_responses(planted_pain):
    engine = planted_pain
    points = insights.pain_points(db.stage_summary(engine), db.cell_summary(engine), min_n=41)
    assert "ivr" not in set(points["touchpoint"].dropna())


# --------------------------------------------------------------------- drivers


def test_a_planted_driver_is_recovered_with_its_sign_and_size(planted_driver):
    table = insights.drivers(db.responses_frame(planted_driver), "stage")
    assert list(table["key"]) == ["support"]  # loyalty holds no bad experience to learn from
    support = table.iloc[0]
    assert support["effect"] == pytest.approx(-60.0)
    assert support["low"] < -60 < support["high"] < 0
    assert support["significant"]
    assert (support["customers"], support["bad"]) == (200, 100)
    assert support["share_bad"] == pytest.approx(50.0)
    assert support["points_lost"] == pytest.approx(30.0)
    # The interval is the robust (HC1) one: group variances of −40 and +20 over 100 each.
    var_bad = 0.2 * 100**2 + 0.6 * 100**2 - (-40) ** 2
    var_good = 0.5 * 100**2 + 0.3 * 100**2 - 20**2
    se = np.sqrt((var_bad / 100 + var_good / 100) * 200 / 198)
    assert support["se"] == pytest.approx(se)
    sentence = insights.driver_sentences(table, {"support": "Service & support"})[0]
    assert sentence.startswith("A bad Service & support experience costs 60.0 NPS points")


def test_no_driver_without_customers_at_several_stages(planted_driver):
    responses = db.responses_frame(planted_driver)
    single = responses[responses["stage"] == "support"]
    assert insights.drivers(single, "stage").empty


# --------------------------------------------------------------------- channel hopping


def test_a_planted_channel_hop_path_is_counted_exactly(planted_hops):
    contacts = db.customer_contacts(planted_hops)
    paths = insights.contact_paths(contacts).set_index(["from_touchpoint", "to_touchpoint"])
    assert paths.loc[("ivr", "social_media"), "count"] == 7
    assert paths.loc[("ivr", "phone"), "count"] == 3
    assert len(paths) == 2
    assert paths.loc[("ivr", "social_media"), "share"] == pytest.approx(70.0)
    assert paths.loc[("ivr", "social_media"), "median_days"] == pytest.approx(3 / 24)
    hop = paths.loc[("ivr", "social_media")]
    assert hop["sentiment_after"] > hop["sentiment_before"]  # the hop ended better

    links = insights.sankey_links(contacts)
    assert links.set_index(["source", "target"]).loc[("1 · ivr", "2 · social_media"), "value"] == 7


def test_repeat_contact_rate_counts_returns_within_seven_days(planted_hops):
    table = insights.repeat_contacts(db.customer_contacts(planted_hops)).set_index("touchpoint")
    ivr = table.loc["ivr"]
    # 20 IVR contacts; 7 followed within 7 days (the 3 phone calls came after 20 days).
    assert (ivr["contacts"], ivr["repeated"]) == (20, 7)
    assert ivr["rate"] == pytest.approx(35.0)
    assert (ivr["next_touchpoint"], ivr["next_share"]) == ("social_media", 100.0)
    assert table.loc["phone", "repeated"] == 0
    within_30 = insights.repeat_contacts(db.customer_contacts(planted_hops), days=30)
    assert within_30.set_index("touchpoint").loc["ivr", "repeated"] == 10
    sentence = insights.repeat_sentences(table.reset_index(), {"ivr": "IVR"})[0]
    assert sentence.startswith("After 20 IVR contacts, 35% of customers (7) came back within 7")


# --------------------------------------------------------------------- movers

MARCH, APRIL = datetime(2026, 3, 3, 10), datetime(2026, 4, 7, 10)


@pytest.fixture
def two_periods(engine):
    """Support × phone falls from NPS +50 in March to −50 in April (60 each month);
    purchase × store holds +33 in both months."""
    rows = []
    for month, scores in ((MARCH, nps_scores(40, 10, 10)), (APRIL, nps_scores(10, 10, 40))):
        rows += [
            (f"{month.month}P{i}", month, "Phone", "Support", s, None, None)
            for i, s in enumerate(scores)
        ]
        rows += [
            (f"{month.month}S{i}", month, "Store", "Purchase", s, None, None)
            for i, s in enumerate(nps_scores(30, 20, 10))
        ]
    store(engine, rows)
    return engine


def summaries(engine, first: date, last: date):
    window = Filters(date_from=first, date_to=last)
    return db.stage_summary(engine, window), db.cell_summary(engine, window)


def test_a_planted_change_is_detected_and_no_change_is_not_flagged(two_periods):
    march = summaries(two_periods, date(2026, 3, 1), date(2026, 3, 31))
    april = summaries(two_periods, date(2026, 4, 1), date(2026, 4, 30))
    table = insights.movers(march, april)
    keyed = table.set_index(["stage", table["touchpoint"].fillna("-"), "metric"])
    support = keyed.loc[("support", "-", "nps")]
    assert support["significant"]
    assert (support["before"], support["after"]) == (pytest.approx(50.0), pytest.approx(-50.0))
    assert support["change"] == pytest.approx(-100.0)
    assert (support["n_before"], support["n_after"]) == (60, 60)
    assert keyed.loc[("support", "phone", "nps"), "significant"]
    purchase = keyed.loc[("purchase", "-", "nps")]
    assert not purchase["significant"]
    assert purchase["change"] == pytest.approx(0.0)
    assert not keyed.loc[("purchase", "store", "nps"), "significant"]
    # Significant changes first.
    assert table.iloc[0]["stage"] == "support" and table.iloc[0]["significant"]
    sentences = insights.mover_sentences(table, {"support": "Support"}, {"phone": "Phone"})
    assert sentences[0].startswith("Support: NPS fell from +50 to −50")
    assert len(sentences) == 2


def test_benjamini_hochberg_adjusts_and_keeps_order():
    q = insights.benjamini_hochberg([0.01, 0.04, 0.03, 0.5, float("nan")])
    assert q[:4] == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5])
    assert np.isnan(q[4])


def test_insights_report_is_one_json_ready_object(planted_pain):
    engine = planted_pain
    cells = (db.stage_summary(engine), db.cell_summary(engine))
    report = insights.insights_report(
        *cells,
        db.responses_frame(engine),
        db.customer_contacts(engine),
        cells,
        cells,
    )
    assert {"pain_points", "drivers", "paths", "movers"} <= set(report)
    first = report["pain_points"][0]
    assert {k: first[k] for k in ("stage", "touchpoint", "metric", "n")} == {
        "stage": "support",
        "touchpoint": "ivr",
        "metric": "nps",
        "n": 40,
    }
    assert {"value", "overall", "impact", "verbatims", "themes"} <= set(first)
    assert not any(m["significant"] for m in report["movers"])  # a period against itself


def test_the_pain_point_stage_is_marked_on_the_emotion_curve(planted_pain):
    from cxcore.analysis import journey
    from cxcore.text.taxonomy import load_active_taxonomy

    summary, cells = db.stage_summary(planted_pain), db.cell_summary(planted_pain)
    assert insights.marked_stages(summary, cells, "nps") == ["support"]
    assert insights.marked_stages(summary, cells, "ces") == []
    curve = journey.emotion_curve(summary, load_active_taxonomy(), metric="nps")
    figure = journey.curve_figure(curve, "nps", pain_points=["support"])
    marks = figure.data[1]
    assert list(marks.x) == ["Service & support"]
    assert list(marks.text) == ["⚠ Pain point"]
    assert len(journey.curve_figure(curve, "nps").data) == 1  # nothing marked unless asked


def test_the_sentences_speak_czech_and_turkish_with_their_numbers():
    drivers = pd.DataFrame(
        [
            {
                "key": "support",
                "effect": -60.0,
                "low": -75.5,
                "high": -44.5,
                "significant": True,
                "customers": 200,
                "bad": 100,
                "share_bad": 50.0,
                "points_lost": 30.0,
            }
        ]
    )
    czech = insights.driver_sentences(drivers, {"support": "Podpora"}, "cs")[0]
    assert czech.startswith("Podpora: špatná zkušenost stojí 60,0 bodu NPS (95% IS 44,5 až 75,5)")
    moved = pd.DataFrame(
        [
            {
                "stage": "support",
                "touchpoint": None,
                "metric": "nps",
                "before": 50.0,
                "after": -50.0,
                "change": -100.0,
                "n_before": 1200,
                "n_after": 60,
                "q_value": 0.0004,
                "significant": True,
            }
        ]
    )
    turkish = insights.mover_sentences(moved, {"support": "Destek"}, {}, "tr")
    assert turkish == ["Destek: NPS +50 değerinden −50 değerine düştü (n=1.200 → 60, q=0,000)."]


def test_pain_voices_read_from_the_most_negative_comments_match_the_whole_frame(tmp_path):
    """The Insights page reads only each pain point's most negative comments from the
    database (db.negative_comments); the voices must be the ones the full frame gives."""
    from cxcore.ingest.pipeline import load_demo

    engine = db.get_engine(f"sqlite:///{tmp_path / 'voices.sqlite'}")
    load_demo(engine, rows=3_000)
    points = insights.pain_points(db.stage_summary(engine), db.cell_summary(engine)).head(8)
    assert not points.empty
    units = [
        (p.stage, None if p.touchpoint != p.touchpoint else p.touchpoint)
        for p in points.itertuples()
    ]
    whole = db.responses_frame(engine, columns=insights.RESPONSE_COLUMNS)
    read = db.negative_comments(engine, units, per_unit=insights.THEME_SAMPLE)
    expected = insights.pain_point_voices(points, whole)
    got = insights.pain_point_voices(points, read)
    assert got["verbatims"].tolist() == expected["verbatims"].tolist()
    assert got["themes"].tolist() == expected["themes"].tolist()


def test_a_table_of_several_metrics_writes_each_row_as_its_metric_is_written():
    from cxcore.analysis.insights import written_by_metric

    movers = pd.DataFrame(
        {
            "stage": ["support", "usage"],
            "metric": ["csat", "nps"],
            "before": [36.111, -12.4],
            "after": [48.9, -33.333],
            "change": [12.789, -20.933],
        }
    )
    shown = written_by_metric(movers, "cs")
    assert shown["before"].tolist() == ["36\u00a0%", "−12"]
    assert shown["change"].tolist() == ["+13 b.", "−21"]
    assert shown["metric"].tolist() == ["CSAT, % spokojených", "NPS (−100…100)"]
    assert written_by_metric(movers.drop(columns="metric"), "cs").equals(
        movers.drop(columns="metric")
    )
