"""The journey canvas and curve comparison, on data whose answers are known by construction."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

import db
from cxcore.analysis import compare, journey
from cxcore.analysis.canvas import (
    journey_canvas,
    pain_stages,
    representative_comment,
    stage_touchpoints,
)
from cxcore.filters import Filters
from cxcore.ingest.pipeline import import_file
from cxcore.text.taxonomy import load_active_taxonomy
from tests.planted import planted_survey


@pytest.fixture
def planted(engine):
    import_file(planted_survey().encode(), "planted.csv", engine=engine)
    return engine


def test_the_representative_comment_is_the_one_sharing_most_words():
    candidates = pd.DataFrame(
        {
            "comment": [
                "fatura çok yüksek geldi",
                "fatura yine yüksek geldi",
                "fatura yüksek",  # two words: passed over while longer comments exist
                "kargo kutusu ezik geldi",
            ],
            "language": ["tr"] * 4,
            "sentiment": [-0.5, -0.9, -1.0, -0.6],
        }
    )
    # The first two share three words each; the tie goes to the stronger sentiment.
    assert representative_comment(candidates) == {
        "comment": "fatura yine yüksek geldi",
        "language": "tr",
        "sentiment": -0.9,
    }
    assert representative_comment(candidates.iloc[:0]) is None


def test_pain_stages_lie_below_the_overall_with_their_whole_interval():
    curve = pd.DataFrame(
        {
            "stage": ["a", "b", "c", "d"],
            "value": [0.3, -0.2, -0.05, -0.6],
            "low": [0.2, -0.3, -0.2, -0.9],
            "high": [0.4, -0.1, 0.1, -0.3],
            "enough": [True, True, True, False],
        }
    )
    # b: interval below 0; c: crosses 0; d: too few to judge even though lowest.
    assert pain_stages(curve, overall=0.0) == {"b"}
    # For CES lower is better: a's interval lies above the overall.
    assert pain_stages(curve, overall=0.0, higher_is_better=False) == {"a"}
    assert pain_stages(curve, overall=math.nan) == set()


def test_the_canvas_lanes_come_from_the_stored_responses(planted):
    model = load_active_taxonomy()
    summary = db.stage_summary(planted)
    curve = journey.emotion_curve(summary, model, metric="nps")
    overall = journey.overall_value(summary, "nps")
    pains = pain_stages(curve, overall)
    assert pains == {"support"}
    canvas = journey_canvas(
        curve, summary, db.cell_summary(planted), db.stage_extremes(planted), model, pains
    ).set_index("stage")
    assert list(canvas.index) == model.stage_keys()
    support = canvas.loc["support"]
    assert support["pain"] and not canvas.loc["loyalty", "pain"]
    assert support["n"] == 40 and support["nps"] == pytest.approx(-100)
    assert support["touchpoints"][0]["touchpoint"] == "phone"
    assert support["touchpoints"][0]["share"] == pytest.approx(1.0)
    assert support["negative"]["comment"] == "Çağrı merkezinde saatlerce bekledim, çok kötü"
    assert support["negative"]["language"] == "tr"
    assert canvas.loc["loyalty", "positive"]["comment"] == "Harika hizmet teşekkürler"
    assert canvas.loc["purchase", "negative"] is None  # no comments there
    assert canvas.loc["awareness", "touchpoints"] == []


def test_touchpoints_ranked_by_volume_within_each_stage(planted):
    lanes = stage_touchpoints(db.cell_summary(planted), load_active_taxonomy())
    assert [t["touchpoint"] for t in lanes["support"]] == ["phone"]
    assert lanes["loyalty"][0]["category"] == "digital"
    assert lanes["purchase"][0]["category"] == "physical"


def test_compare_periods_and_segments(planted):
    model = load_active_taxonomy()
    periods = compare.period_filters(Filters(), newest=date(2026, 3, 30))
    assert [label for label, _ in periods] == [
        "1 Mar 2026 to 30 Mar 2026",
        "30 Jan 2026 to 28 Feb 2026",
    ]
    curves = {
        label: journey.emotion_curve(db.stage_summary(planted, f), model, metric="nps")
        for label, f in periods
    }
    march, february = (c.set_index("stage") for c in curves.values())
    assert march.loc["support", "n"] == 40 and march.loc["loyalty", "n"] == 0
    assert february.loc["loyalty", "n"] == 40 and february.loc["support", "n"] == 0
    figure = compare.compare_figure(curves, "nps")
    assert [t.name for t in figure.data] == [
        "1 Mar 2026 to 30 Mar 2026 (n=50)",
        "30 Jan 2026 to 28 Feb 2026 (n=40)",
    ]
    sme = db.stage_summary(planted, compare.group_filters(Filters(), "segment", "SME"))
    assert set(sme["stage"]) == {"support"}


def test_compared_names_are_shown_as_text():
    curve = pd.DataFrame(
        {"name": ["A"], "n": [1], "value": [0.1], "low": [0.0], "high": [0.2], "enough": [True]}
    )
    figure = compare.compare_figure({"<b>x</b>": curve}, "sentiment")
    assert figure.data[0].name.startswith("&lt;b&gt;x&lt;/b&gt;")
