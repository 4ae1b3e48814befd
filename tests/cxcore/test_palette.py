"""One colour per stage, colour-blind safe, the same wherever a stage is drawn."""

from __future__ import annotations

import pandas as pd

from cxcore.analysis.stage_detail import trend_figure
from cxcore.palette import OKABE_ITO, UNASSIGNED_COLOUR, stage_colours
from cxcore.text.taxonomy import load_active_taxonomy


def test_each_stage_of_the_journey_has_its_own_okabe_ito_colour():
    keys = load_active_taxonomy().stage_keys()
    colours = stage_colours(keys)
    assert [colours[k] for k in keys] == list(OKABE_ITO[: len(keys)])
    assert len({colours[k] for k in keys}) == len(keys)
    assert colours["unassigned"] == UNASSIGNED_COLOUR


def test_a_stage_keeps_its_colour_when_asked_again_and_long_journeys_cycle():
    keys = [f"s{i}" for i in range(10)]
    assert stage_colours(keys) == stage_colours(list(keys))
    assert stage_colours(keys)["s8"] == stage_colours(keys)["s0"]


def test_the_stage_trend_is_drawn_in_the_stage_colour():
    trend = pd.DataFrame(
        {
            "week": pd.to_datetime(["2026-03-02"]),
            "n": [5],
            "value": [0.1],
            "low": [0.0],
            "high": [0.2],
            "n_metric": [5],
        }
    )
    colour = stage_colours(load_active_taxonomy().stage_keys())["support"]
    figure = trend_figure(trend, "sentiment", colour=colour)
    assert figure.data[1].line.color == colour
