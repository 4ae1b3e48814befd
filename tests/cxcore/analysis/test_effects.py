"""An action's measured effect on planted data: the rise found, a placebo finds none, and a
rise everywhere is not credited to the action."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from cxcore.analysis.effect_wording import effect_sentence, history_table, progress_sentence
from cxcore.analysis.effects import (
    effect_dict,
    effects_frame,
    measure_effect,
)
from cxcore.analysis.metrics import sums_per_day
from tests.planted import EFFECT_WEEKS, LIVE, PLANTED_RISE, effect_responses

STAGES = {"support": "Service & support", "purchase": "Purchase", "loyalty": "Loyalty"}
POINTS = {"ivr": "IVR", "store": "Store", "phone": "Phone", "email": "E-mail"}


def day_cells(everywhere: bool = False) -> pd.DataFrame:
    return sums_per_day(effect_responses(everywhere), ["stage", "touchpoint"])


def actions(*rows: dict) -> pd.DataFrame:
    base = {"title": "IVR menu redesign", "stage": "support", "touchpoint": "ivr"}
    base |= {"live_date": LIVE, "metric": "csat", "target": None, "due_date": None}
    return pd.DataFrame([base | r for r in rows]).astype(object)


def test_the_planted_rise_is_found_with_its_interval_and_against_the_rest():
    effect = measure_effect(day_cells(), "support", "ivr", LIVE, "csat")
    assert effect.state == "measured"
    assert (effect.before, effect.after) == pytest.approx((50.0, 80.0))
    assert effect.n_before == effect.n_after == 7 * EFFECT_WEEKS * 10
    own = effect.own
    assert own.ci_low < PLANTED_RISE < own.ci_high
    assert own.ci_low > 0 and own.p_value < 0.01
    assert effect.rest.change == pytest.approx(0.0)
    assert effect.vs_rest.ci_low < PLANTED_RISE < effect.vs_rest.ci_high
    assert effect.vs_rest.ci_low > 0 and effect.vs_rest.p_value < 0.01


def test_a_placebo_elsewhere_on_the_same_date_finds_nothing():
    effect = measure_effect(day_cells(), "purchase", "store", LIVE, "csat")
    assert effect.state == "measured"
    assert effect.own.ci_low < 0 < effect.own.ci_high
    assert effect.own.p_value > 0.05


def test_a_rise_everywhere_is_not_credited_to_the_action():
    effect = measure_effect(day_cells(everywhere=True), "support", "ivr", LIVE, "csat")
    assert effect.own.ci_low > 0  # IVR did rise …
    assert effect.vs_rest.ci_low < 0 < effect.vs_rest.ci_high  # … as much as the rest


def test_a_whole_stage_is_measured_against_the_other_stages():
    effect = measure_effect(day_cells(), "support", None, LIVE, "csat")
    # support = IVR (50 → 80) and phone (60 → 60) in equal numbers: +15.
    assert effect.own.change == pytest.approx(PLANTED_RISE / 2)
    assert effect.vs_rest.ci_low > 0


def test_the_windows_are_adjustable():
    effect = measure_effect(day_cells(), "support", "ivr", LIVE, "csat", 2, 1)
    assert (effect.n_before, effect.n_after) == (140, 70)
    # a window ending before the change sees no change at all
    early = measure_effect(day_cells(), "support", "ivr", LIVE - timedelta(weeks=2), "csat", 2, 2)
    assert early.own.change == pytest.approx(0.0)


def test_too_early_and_not_live_have_no_numbers():
    last_day = LIVE + timedelta(weeks=EFFECT_WEEKS) - timedelta(1)
    early = measure_effect(day_cells(), "support", "ivr", last_day, "csat")
    assert (early.state, early.n_after, early.own.change) == ("too_early", 10, None)
    assert measure_effect(day_cells(), "support", "ivr", None, "csat").state == "not_live"


def test_effects_frame_json_and_words():
    frame = effects_frame(
        actions(
            {},
            {"title": "Store music", "stage": "purchase", "touchpoint": "store"},
            {"live_date": LIVE + timedelta(weeks=EFFECT_WEEKS) - timedelta(1)},
            {"live_date": None},
        ),
        day_cells(),
    )
    found = effect_dict(frame.iloc[0])
    assert set(found) >= {"metric", "before", "after", "change", "ci_low", "ci_high"}
    assert set(found) >= {"p_value", "n_before", "n_after", "vs_rest"}
    assert found["change"] == pytest.approx(PLANTED_RISE)
    assert set(found["vs_rest"]) == {"change", "ci_low", "ci_high", "p_value"}
    early = effect_dict(frame.iloc[2])
    assert early["change"] is None and early["vs_rest"]["p_value"] is None
    assert early["n_after"] == 10
    said = [effect_sentence(r, STAGES, POINTS, "en") for r in frame.itertuples()]
    assert said[0].startswith("IVR CSAT rose 30.0 points (")
    assert said[0].endswith("after “IVR menu redesign”, 30.0 more than the rest of the journey.")
    assert said[1].startswith("No significant change yet: Store CSAT 60.0 before, 60.0 after")
    assert said[2] == "Too early: 10 responses since the change (at least 30 needed)."
    assert said[3].startswith("Not live yet")
    turkish = effect_sentence(next(frame.itertuples()), STAGES, POINTS, "tr")
    assert "30,0 puan yükseldi" in turkish
    czech = effect_sentence(next(frame.itertuples()), STAGES, POINTS, "cs")
    assert "nárůst o 30,0 bodu" in czech


def test_a_rise_everywhere_is_said_to_be_as_much_as_the_rest():
    frame = effects_frame(actions({}), day_cells(everywhere=True))
    said = effect_sentence(next(frame.itertuples()), STAGES, POINTS, "en")
    assert "about as much as the rest of the journey" in said


@pytest.mark.parametrize(
    ("target", "due", "state"),
    [
        (70.0, date(2026, 6, 30), "met"),  # 80% with an interval above 70
        (80.0, date(2026, 6, 30), "on_track"),  # the interval holds 80
        (95.0, date(2026, 6, 30), "at_risk"),  # the interval lies below 95
        (95.0, date(2026, 3, 20), "missed"),  # … and the due date has passed
    ],
)
def test_a_target_is_judged_on_the_interval(target, due, state):
    frame = effects_frame(
        actions({"target": target, "due_date": due}), day_cells(), today=date(2026, 4, 1)
    )
    row = next(frame.itertuples())
    assert row.progress == state
    assert row.progress_low < 80.0 < row.progress_high
    said = progress_sentence(row, "en")
    assert said.startswith(f"Target {target:.1f} by ")
    assert state.replace("_", " ") in said


def test_an_actions_history_reads_in_the_leads_language():
    # As db/actions.py stores it: every value as text, None where a field was not set.
    history = pd.DataFrame(
        {
            "action_id": 1,
            "at": pd.Timestamp("2026-12-07 13:00"),
            "user": "lead",
            "field": ["stage", "status", "metric", "live_date", "target", "owner"],
            "old": [None, "planned", None, None, None, None],
            "new": ["support", "in_progress", "csat", "2026-09-28", "80.5", "Ayşe"],
        }
    )
    table = history_table(history, {"support": "Destek"}, {}, "tr")
    assert list(table.columns) == ["at", "user", "field", "old", "new"]
    assert list(table["field"]) == ["Aşama", "Durum", "Ölçüt", "Yayın tarihi", "Hedef", "Sorumlu"]
    assert list(table["old"]) == ["–", "Planlandı", "–", "–", "–", "–"]
    new = ["Destek", "Sürüyor", "CSAT, % memnun", "28.09.2026", "80,5", "Ayşe"]
    assert list(table["new"]) == new  # the metric by its full name, as the form offers it


def test_the_history_names_the_open_dashboard_not_local():
    history = pd.DataFrame(
        {"at": pd.Timestamp("2026-12-07"), "user": ["local"], "field": ["owner"]}
        | {"old": [None], "new": ["Jana"]}
    )
    assert history_table(history, {}, {}, "cs")["user"].tolist() == ["(otevřený přehled)"]
