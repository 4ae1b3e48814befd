"""Metrics and the emotion curve, on figures known by construction."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cxcore.analysis import journey, metrics
from cxcore.text.taxonomy import load_taxonomy


def test_nps_is_promoters_minus_detractors():
    assert metrics.nps(pd.Series([10, 9, 8, 7, 6, 0, None])) == pytest.approx((2 - 2) / 6 * 100)
    assert metrics.nps(pd.Series([10, 10, 3])) == pytest.approx(100 / 3)
    assert math.isnan(metrics.nps(pd.Series([], dtype=float)))


def test_nps_interval_contains_value_and_narrows_with_n():
    value, low, high = metrics.nps_interval(50, 20, 100)
    assert value == pytest.approx(30)
    assert low < 30 < high
    _, low_big, high_big = metrics.nps_interval(500, 200, 1000)
    assert high_big - low_big < high - low


def test_csat_interval_is_wilson():
    value, low, high = metrics.csat_interval(8, 10)
    assert value == pytest.approx(80)
    assert (low, high) == pytest.approx((49.0, 94.3), abs=0.1)


def test_mean_interval_from_mean_of_squares():
    values = pd.Series([0.2, -0.4, 0.6, 0.0])
    mean, low, high = metrics.mean_interval(values.mean(), (values**2).mean(), len(values))
    half = 1.959964 * values.std() / 2
    assert (mean, low, high) == pytest.approx((0.1, 0.1 - half, 0.1 + half))


def summary_row(stage: str, n: int, sentiment: float) -> dict:
    return {
        "stage": stage,
        "n": n,
        "sentiment_n": n,
        "sentiment_mean": sentiment,
        "sentiment_sq": sentiment**2 + 0.01,
        "nps_n": n,
        "promoters": n // 2,
        "detractors": 0,
        "csat_n": 0,
        "csat_satisfied": 0,
        "ces_n": 0,
        "ces_mean": None,
        "ces_sq": None,
        "negative": 0,
    }


def test_emotion_curve_has_every_stage_in_taxonomy_order():
    summary = pd.DataFrame(
        [
            summary_row("support", 40, -0.3),
            summary_row("awareness", 10, 0.5),
            summary_row("unassigned", 5, 0.0),
        ]
    )
    curve = journey.emotion_curve(summary, load_taxonomy(), metric="sentiment", lang="tr")
    assert curve["stage"].tolist() == load_taxonomy().stage_keys()
    by_stage = curve.set_index("stage")
    assert by_stage.loc["support", ["n", "value"]].tolist() == [40, pytest.approx(-0.3)]
    assert by_stage.loc["support", "name"] == "Destek"
    assert by_stage.loc["purchase", "n"] == 0 and math.isnan(by_stage.loc["purchase", "value"])
    # Ten responses are too few to judge: drawn faded.
    assert not by_stage.loc["awareness", "enough"] and by_stage.loc["support", "enough"]


def test_overall_value_weights_stages_by_their_n():
    summary = pd.DataFrame([summary_row("support", 30, -0.5), summary_row("usage", 10, 0.5)])
    assert journey.overall_value(summary, "sentiment") == pytest.approx(-0.25)
    assert journey.overall_value(summary, "nps") == pytest.approx((15 + 5) / 40 * 100)


def test_curve_figure_orders_stages_and_labels_n():
    summary = pd.DataFrame([summary_row("support", 40, -0.3), summary_row("awareness", 50, 0.5)])
    curve = journey.emotion_curve(summary, load_taxonomy())
    figure = journey.curve_figure(curve, "sentiment", overall=0.1)
    trace = figure.data[0]
    assert figure.layout.xaxis.categoryarray[0] == "Awareness"
    assert list(trace.x) == list(figure.layout.xaxis.categoryarray)  # every stage, in order
    values = dict(zip(trace.x, trace.y, strict=True))
    assert values["Awareness"] == 0.5 and values["Service & support"] == -0.3
    ticks = dict(zip(figure.layout.xaxis.tickvals, figure.layout.xaxis.ticktext, strict=True))
    assert ticks["Awareness"] == "Awareness<br>n=50"
    assert ticks["Service & support"] == "Service & support<br>n=40"


def test_curve_draws_no_line_over_a_stage_without_responses():
    summary = pd.DataFrame([summary_row("support", 40, -0.3), summary_row("awareness", 50, 0.5)])
    figure = journey.curve_figure(journey.emotion_curve(summary, load_taxonomy()), "sentiment")
    trace = figure.data[0]
    # the stages between hold no value, and the line does not bridge them
    assert [y is None for y in trace.y].count(False) == 2
    assert trace.y[1] is None
    assert trace.connectgaps is False
    assert trace.line.shape == "linear"  # no spline overshooting its own points


def test_unknown_metric_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="choose one of sentiment, nps, csat, ces"):
        metrics.metric_frame(pd.DataFrame([summary_row("support", 1, 0.0)]), "mood")


def test_an_interval_never_passes_the_end_of_the_metric_s_scale():
    # three strongly positive comments: the normal interval alone would reach past +1
    row = summary_row("support", 3, 0.9) | {"sentiment_sq": 0.95}
    frame = metrics.metric_frame(pd.DataFrame([row]), "sentiment")
    mean, _, high = metrics.mean_interval(0.9, 0.95, 3)
    assert high > 1 and frame.loc[0, "high"] == 1.0 and frame.loc[0, "value"] == 0.9
    assert frame.loc[0, "low"] < 0.9


def test_the_curve_s_hover_names_the_stage_once_and_labels_its_value():
    summary = pd.DataFrame([summary_row("support", 40, -0.3)])
    curve = journey.emotion_curve(summary, load_taxonomy(), lang="cs")
    trace = journey.curve_figure(curve, "sentiment", lang="cs").data[0]
    assert trace.hovertemplate.startswith("<b>%{customdata[4]}</b><br>Průměrný sentiment")
    support = next(c for c in trace.customdata if c[0] == "support")
    assert support[4] == "Podpora" and support[2] == "−0,30"  # the name alone: n follows once
