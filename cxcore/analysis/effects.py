"""An action's measured effect: its metric before and after it went live, against the rest.

Cut from the daily sums (db.summary by stage, touchpoint and day), so measuring every
action costs a filter and a sum, never a read of the responses. For an action live on day
L the weeks before are L − 7·before … L − 1 and the weeks after L … L + 7·after − 1.

The change after − before has a normal 95% interval and a two-sided p-value. Proportions
(CSAT's satisfied, NPS's promoters and detractors) take their variance with one response
of each kind added (Agresti–Caffo), so a window where everyone was satisfied still has an
interval. The same change of the rest of the journey (every other stage and touchpoint,
unassigned responses left out) is subtracted — a difference in differences — so a rise
everywhere (a season, a price cut) is not credited to the action.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from cxcore import fields as F
from cxcore.analysis.metrics import METRICS, SUM_COLUMNS, Z95

__all__ = [
    "DEFAULT_WEEKS",
    "EFFECT_COLUMNS",
    "MIN_EFFECT_N",
    "Change",
    "Effect",
    "Progress",
    "effect_dict",
    "effects_frame",
    "measure_effect",
    "target_progress",
]

DEFAULT_WEEKS = 4
MIN_EFFECT_N = 30  # responses with the metric on each side (journey.MIN_N)
# What effects_frame adds to each action.
EFFECT_COLUMNS: tuple[str, ...] = (
    "state",
    "before",
    "after",
    "change",
    "ci_low",
    "ci_high",
    "p_value",
    "n_before",
    "n_after",
    "rest_change",
    "vs_rest_change",
    "vs_rest_ci_low",
    "vs_rest_ci_high",
    "vs_rest_p_value",
    "progress",
    "progress_value",
    "progress_low",
    "progress_high",
)


@dataclass(frozen=True)
class Change:
    """A change with its 95% interval and two-sided p-value (None while not measured)."""

    change: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None

    @property
    def significant(self) -> bool:
        """True when the interval leaves out 0."""
        return self.ci_low is not None and (self.ci_low > 0 or (self.ci_high or 0) < 0)


@dataclass(frozen=True)
class Effect:
    """An action's effect. state: not_live (no live date), too_early (too few responses
    since), no_baseline (too few before) or measured."""

    metric: str
    state: str
    n_before: int = 0
    n_after: int = 0
    before: float | None = None
    after: float | None = None
    own: Change = Change()
    rest: Change = Change()  # the rest of the journey's own change
    vs_rest: Change = Change()  # own − rest


@dataclass(frozen=True)
class Progress:
    """A target's progress: none (no target), unknown (too few responses), met, on_track,
    at_risk or missed, judged on the level's 95% interval."""

    state: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    n: int = 0


def _level(sums: pd.Series, metric: str) -> tuple[float, float, int]:
    """value, variance of the value, n of `metric` from summed columns."""
    if metric == "csat":
        n, satisfied = float(sums["csat_n"]), float(sums["csat_satisfied"])
        if n <= 0:
            return (math.nan, math.nan, 0)
        adjusted = (satisfied + 1) / (n + 2)
        return (100 * satisfied / n, 1e4 * adjusted * (1 - adjusted) / n, int(n))
    if metric == "nps":
        n = float(sums["nps_n"])
        if n <= 0:
            return (math.nan, math.nan, 0)
        p, d = (sums["promoters"] + 1) / (n + 3), (sums["detractors"] + 1) / (n + 3)
        value = 100 * (sums["promoters"] - sums["detractors"]) / n
        return (float(value), float(1e4 * (p + d - (p - d) ** 2) / n), int(n))
    n = float(sums[f"{metric}_n"])
    if n <= 0:
        return (math.nan, math.nan, 0)
    mean, mean_sq = sums[f"{metric}_sum"] / n, sums[f"{metric}_sq_sum"] / n
    spread = max(float(mean_sq - mean**2), 0.0) * n / (n - 1) if n > 1 else math.nan
    return (float(mean), spread / n, int(n))


def _change(after: tuple[float, float, int], before: tuple[float, float, int]) -> Change:
    return _difference(after[0] - before[0], after[1] + before[1])


def _difference(value: float, variance: float) -> Change:
    if math.isnan(value) or math.isnan(variance):
        return Change()
    half = Z95 * math.sqrt(variance)
    z = abs(value) / math.sqrt(variance) if variance > 0 else (math.inf if value else 0.0)
    return Change(value, value - half, value + half, math.erfc(z / math.sqrt(2)))


def _window(cells: pd.DataFrame, first: date, last: date) -> pd.Series:
    days = pd.to_datetime(cells["day"])
    return (days >= pd.Timestamp(first)) & (days <= pd.Timestamp(last))


def _summed(cells: pd.DataFrame, mask: pd.Series) -> pd.Series:
    return cells.loc[mask, list(SUM_COLUMNS)].astype(float).sum()


def _unit(cells: pd.DataFrame, stage: str, touchpoint: str | None) -> pd.Series:
    mask = cells[F.STAGE] == stage
    return mask & (cells[F.TOUCHPOINT] == touchpoint) if touchpoint else mask


def measure_effect(
    day_cells: pd.DataFrame,
    stage: str,
    touchpoint: str | None,
    live_date: date | None,
    metric: str,
    weeks_before: int = DEFAULT_WEEKS,
    weeks_after: int = DEFAULT_WEEKS,
) -> Effect:
    """The effect of an action on `stage` (and `touchpoint`) live on `live_date`, from
    sums per stage, touchpoint and day."""
    if metric not in METRICS:
        raise ValueError(f"Unknown metric {metric!r}: choose one of {', '.join(METRICS)}")
    if live_date is None or day_cells.empty:
        return Effect(metric, "not_live" if live_date is None else "too_early")
    cells = day_cells[day_cells["day"].notna()]
    before = _window(cells, live_date - timedelta(weeks=weeks_before), live_date - timedelta(1))
    after = _window(cells, live_date, live_date + timedelta(weeks=weeks_after) - timedelta(1))
    unit = _unit(cells, stage, touchpoint)
    rest = ~unit & (cells[F.STAGE] != F.UNASSIGNED)
    own_before = _level(_summed(cells, unit & before), metric)
    own_after = _level(_summed(cells, unit & after), metric)
    n_before, n_after = own_before[2], own_after[2]
    if n_after < MIN_EFFECT_N or n_before < MIN_EFFECT_N:
        state = "too_early" if n_after < MIN_EFFECT_N else "no_baseline"
        return Effect(metric, state, n_before, n_after)
    own = _change(own_after, own_before)
    rest_before = _level(_summed(cells, rest & before), metric)
    rest_after = _level(_summed(cells, rest & after), metric)
    rest_change, vs_rest = Change(), Change()
    if min(rest_before[2], rest_after[2]) >= MIN_EFFECT_N:
        rest_change = _change(rest_after, rest_before)
        variance = own_after[1] + own_before[1] + rest_after[1] + rest_before[1]
        vs_rest = _difference(own.change - rest_change.change, variance)  # type: ignore[operator]
    return Effect(
        metric,
        "measured",
        n_before,
        n_after,
        own_before[0],
        own_after[0],
        own,
        rest_change,
        vs_rest,
    )


def target_progress(
    day_cells: pd.DataFrame,
    action: Any,
    weeks: int = DEFAULT_WEEKS,
    today: date | None = None,
) -> Progress:
    """How an action's target stands: its metric on its stage (and touchpoint) over the
    weeks after it went live (or the last `weeks` weeks of data while it is not live),
    against the target value, judged on the 95% interval."""
    target = getattr(action, "target", None)
    if target is None or target != target:
        return Progress("none")
    cells = day_cells[day_cells["day"].notna()] if len(day_cells) else day_cells
    if cells.empty:
        return Progress("unknown")
    first = action.live_date or (pd.to_datetime(cells["day"]).max().date() - timedelta(weeks=weeks))
    last = first + timedelta(weeks=weeks) - timedelta(1)
    touchpoint = action.touchpoint if isinstance(action.touchpoint, str) else None
    value, variance, n = _level(
        _summed(cells, _unit(cells, action.stage, touchpoint) & _window(cells, first, last)),
        action.metric,
    )
    if n < MIN_EFFECT_N or math.isnan(variance):
        return Progress("unknown", n=n)
    half = Z95 * math.sqrt(variance)
    low, high = value - half, value + half
    better_high = METRICS[action.metric][1]
    met = low >= target if better_high else high <= target
    behind = high < target if better_high else low > target
    due = action.due_date
    if met:
        state = "met"
    elif due is not None and (today or date.today()) > due:
        state = "missed"
    else:
        state = "at_risk" if behind else "on_track"
    return Progress(state, value, low, high, n)


def effects_frame(
    actions: pd.DataFrame,
    day_cells: pd.DataFrame,
    weeks_before: int = DEFAULT_WEEKS,
    weeks_after: int = DEFAULT_WEEKS,
    today: date | None = None,
) -> pd.DataFrame:
    """`actions` (as db.actions_frame returns them) with EFFECT_COLUMNS added."""
    rows = []
    for action in actions.itertuples(index=False):
        touchpoint = action.touchpoint if isinstance(action.touchpoint, str) else None
        effect = measure_effect(
            day_cells,
            action.stage,
            touchpoint,
            action.live_date,
            action.metric,
            weeks_before,
            weeks_after,
        )
        progress = target_progress(day_cells, action, weeks_after, today)
        rows.append(
            (
                effect.state,
                effect.before,
                effect.after,
                *_fields(effect.own),
                effect.n_before,
                effect.n_after,
                effect.rest.change,
                *_fields(effect.vs_rest),
                progress.state,
                progress.value,
                progress.low,
                progress.high,
            )
        )
    added = pd.DataFrame(rows, columns=list(EFFECT_COLUMNS), index=actions.index, dtype=object)
    return pd.concat([actions, added], axis=1)


def _fields(change: Change) -> tuple[float | None, ...]:
    return (change.change, change.ci_low, change.ci_high, change.p_value)


def _number(value: Any) -> float | None:
    if value is None or value != value:
        return None
    return round(float(value), 6)


def effect_dict(row: Any) -> dict[str, Any]:
    """The `effect` object of one effects_frame row (the CLI's JSON): metric, before, after,
    change, ci_low, ci_high, p_value, n_before, n_after, state, and vs_rest (change,
    ci_low, ci_high, p_value); numbers are null while too early."""
    return {
        "metric": row.metric,
        "state": row.state,
        **{k: _number(getattr(row, k)) for k in ("before", "after", "change", "ci_low")},
        **{k: _number(getattr(row, k)) for k in ("ci_high", "p_value")},
        "n_before": int(row.n_before),
        "n_after": int(row.n_after),
        "vs_rest": {
            k: _number(getattr(row, f"vs_rest_{k}"))
            for k in ("change", "ci_low", "ci_high", "p_value")
        },
    }
