"""NPS, CSAT, CES and sentiment, with 95% confidence intervals, from SQL aggregates.

NPS bands (the standard, Bain): 0–6 detractor, 7–8 passive, 9–10 promoter.
CSAT is the share of 4–5 on the 1–5 scale ("% satisfied").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd

from cxcore import fields as F

__all__ = [
    "METRICS",
    "METRIC_RANGES",
    "VALUE_FORMATS",
    "NPS_SCORES",
    "SUM_COLUMNS",
    "Z95",
    "csat_interval",
    "mean_interval",
    "metric_frame",
    "nps",
    "nps_interval",
    "numeric_column",
    "sum_parts",
    "sums_by",
    "sums_per_day",
    "with_means",
]

Z95 = 1.959964
NPS_SCORES = range(11)
# The sums every grouped figure is made from (db.summary returns them; daily_sums stores them).
SUM_COLUMNS = (
    "n",
    "sentiment_n",
    "sentiment_sum",
    "sentiment_sq_sum",
    "nps_n",
    "promoters",
    "detractors",
    "csat_n",
    "csat_satisfied",
    "ces_n",
    "ces_sum",
    "ces_sq_sum",
    "labelled",
    "negative",
    "unhappy",  # NPS 0–6, CSAT 1–2 or a negative comment: the follow-up rule
    *(f"nps_{k}" for k in NPS_SCORES),
)
# metric key -> (axis label, higher is better)
METRICS: dict[str, tuple[str, bool]] = {
    "sentiment": ("Mean sentiment (−1…1)", True),
    "nps": ("NPS (−100…100)", True),
    "csat": ("CSAT, % satisfied", True),
    "ces": ("CES, mean effort (1–7)", False),
}
# The scale of each metric: the lowest and highest value it can take.
METRIC_RANGES: dict[str, tuple[float, float]] = {
    "sentiment": (-1.0, 1.0),
    "nps": (-100.0, 100.0),
    "csat": (0.0, 100.0),
    "ces": (1.0, 7.0),
}
# How a value of each metric, and of the KPIs beside them, is written wherever it is shown
# (pages, charts, reports): decimals, sign, suffix for i18n.format_number.
VALUE_FORMATS: dict[str, tuple[int, bool, str]] = {
    "responses": (0, False, ""),
    "nps": (0, True, ""),
    "csat": (0, False, "%"),
    "ces": (1, False, ""),
    "sentiment": (2, True, ""),
    "negative": (0, False, "%"),
}


def nps(scores: pd.Series) -> float:
    """NPS of 0–10 scores: % promoters − % detractors (NaN when no score)."""
    valid = scores.dropna()
    if valid.empty:
        return math.nan
    return float(((valid >= 9).mean() - (valid <= 6).mean()) * 100)


def nps_interval(promoters: float, detractors: float, n: float) -> tuple[float, float, float]:
    """NPS and its 95% interval from counts (variance of a difference of proportions)."""
    if n <= 0:
        return (math.nan, math.nan, math.nan)
    p, d = promoters / n, detractors / n
    value = p - d
    half = Z95 * math.sqrt(max(p + d - value**2, 0.0) / n)
    return (value * 100, max(value - half, -1) * 100, min(value + half, 1) * 100)


def csat_interval(satisfied: float, n: float) -> tuple[float, float, float]:
    """% satisfied and its 95% Wilson interval."""
    if n <= 0:
        return (math.nan, math.nan, math.nan)
    p = satisfied / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n**2)) / (1 + Z95**2 / n)
    return (p * 100, (centre - half) * 100, (centre + half) * 100)


def mean_interval(mean: float, mean_sq: float, n: float) -> tuple[float, float, float]:
    """A mean and its 95% normal interval from the mean of squares."""
    if n <= 0 or mean is None or np.isnan(mean):
        return (math.nan, math.nan, math.nan)
    if n < 2:
        return (mean, math.nan, math.nan)
    variance = max(mean_sq - mean**2, 0.0) * n / (n - 1)
    half = Z95 * math.sqrt(variance / n)
    return (mean, mean - half, mean + half)


def with_means(sums: pd.DataFrame) -> pd.DataFrame:
    """`sums` with sentiment_mean/_sq and ces_mean/_sq (NaN where nothing was scored)."""
    out = sums.copy()
    for name in ("sentiment", "ces"):
        n = out[f"{name}_n"].where(out[f"{name}_n"] > 0)
        out[f"{name}_mean"] = out[f"{name}_sum"] / n
        out[f"{name}_sq"] = out[f"{name}_sq_sum"] / n
    return out


def numeric_column(frame: pd.DataFrame, column: str) -> pd.Series:
    """`frame[column]` as floats (NaN where missing or not a number; all NaN if absent)."""
    if column not in frame:
        return pd.Series(np.nan, index=frame.index, dtype=float)
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


def sum_parts(frame: pd.DataFrame) -> pd.DataFrame:
    """Each response's share of SUM_COLUMNS (True/False counts, its values): summed over
    any group, they are the group's sums, as db.daily_sums.sum_columns adds them up in SQL."""
    sent, nps, csat, ces = (numeric_column(frame, c) for c in (F.SENTIMENT, F.NPS, F.CSAT, F.CES))
    label = frame[F.SENTIMENT_LABEL] if F.SENTIMENT_LABEL in frame else pd.Series(None, frame.index)
    whole = nps.round()
    return pd.DataFrame(
        {
            "n": 1.0,
            "sentiment_n": sent.notna(),
            "sentiment_sum": sent.fillna(0),
            "sentiment_sq_sum": sent.fillna(0) ** 2,
            "nps_n": nps.notna(),
            "promoters": nps >= 9,
            "detractors": nps <= 6,
            "csat_n": csat.notna(),
            "csat_satisfied": csat >= 4,
            "ces_n": ces.notna(),
            "ces_sum": ces.fillna(0),
            "ces_sq_sum": ces.fillna(0) ** 2,
            "labelled": label.notna(),
            "negative": label == "negative",
            "unhappy": (nps <= 6) | (csat <= 2) | (label == "negative"),
        }
        | {f"nps_{k}": whole == k for k in NPS_SCORES},
        index=frame.index,
    )  # counts as booleans: a million rows of 21 float columns would cost 170 MB and time


def sums_per_day(frame: pd.DataFrame, dimensions: Sequence[str]) -> pd.DataFrame:
    """SUM_COLUMNS per UTC day and `dimensions` of responses, shaped as the daily_sums table.

    day is a `date` (None for undated responses), a missing dimension is None, and a sum
    of values none of which was given is NaN (SQL's SUM gives NULL there).
    """
    when = (
        pd.to_datetime(frame[F.SUBMITTED_AT], utc=True)
        if F.SUBMITTED_AT in frame
        else pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns, UTC]")
    )
    keys = {"day": when.dt.floor("D")} | {
        d: frame[d] if d in frame else pd.Series(None, frame.index, dtype=object)
        for d in dimensions
    }
    parts = sum_parts(frame)
    groups = parts.groupby(list(keys.values()), dropna=False, sort=True)
    # Column by column: the frame's sum casts all its booleans to one 2-D int64 block at
    # once (a million rows: 230 MB more at an import's memory peak); the sums are the same.
    summed = pd.concat({c: groups[c].sum() for c in parts.columns}, axis=1)
    summed.index.names = list(keys)
    out = summed.reset_index()
    out["day"] = [None if pd.isna(d) else d.date() for d in out["day"]]
    out[list(SUM_COLUMNS)] = out[list(SUM_COLUMNS)].astype(float)
    for name in dimensions:
        out[name] = out[name].astype(object).where(out[name].notna(), None)
    for value, count in (
        ("sentiment_sum", "sentiment_n"),
        ("sentiment_sq_sum", "sentiment_n"),
        ("ces_sum", "ces_n"),
        ("ces_sq_sum", "ces_n"),
    ):
        out[value] = out[value].where(out[count] > 0)
    return out[["day", *dimensions, *SUM_COLUMNS]]


def sums_by(
    day_sums: pd.DataFrame,
    by: Sequence[str] = (),
    first: date | None = None,
    last: date | None = None,
) -> pd.DataFrame:
    """Sums per `by` over the days `first`…`last` (inclusive; undated rows only when no
    day is given) of a frame with a day column and SUM_COLUMNS, as db.summary returns by
    ("stage", "touchpoint", "day"): one read serves the curve, the KPI periods and the map."""
    rows = day_sums
    if first is not None:
        rows = rows[rows["day"] >= pd.Timestamp(first)]
    if last is not None:
        rows = rows[rows["day"] <= pd.Timestamp(last)]
    if rows.empty:
        return with_means(
            pd.DataFrame(columns=[*by, *SUM_COLUMNS]).astype(dict.fromkeys(SUM_COLUMNS, float))
        )
    if by:
        summed = rows.groupby(list(by), sort=True)[list(SUM_COLUMNS)].sum().reset_index()
    else:
        summed = rows[list(SUM_COLUMNS)].sum().to_frame().T
    return with_means(summed)


def metric_frame(summary: pd.DataFrame, metric: str) -> pd.DataFrame:
    """value, low, high and n_metric for each row of a stage_summary-shaped frame."""
    if metric not in METRICS:
        raise ValueError(f"Unknown metric {metric!r}: choose one of {', '.join(METRICS)}")
    rows = []
    for r in summary.itertuples(index=False):
        if metric == "nps":
            value, n_metric = nps_interval(r.promoters, r.detractors, r.nps_n), r.nps_n
        elif metric == "csat":
            value, n_metric = csat_interval(r.csat_satisfied, r.csat_n), r.csat_n
        elif metric == "ces":
            value, n_metric = mean_interval(r.ces_mean, r.ces_sq, r.ces_n), r.ces_n
        else:
            value, n_metric = (
                mean_interval(r.sentiment_mean, r.sentiment_sq, r.sentiment_n),
                r.sentiment_n,
            )
        rows.append((*value, int(n_metric)))
    frame = pd.DataFrame(rows, columns=["value", "low", "high", "n_metric"], index=summary.index)
    # a normal interval of a few scores can pass the scale's end (sentiment +1.4): the mean
    # cannot, so neither does its interval
    low, high = METRIC_RANGES[metric]
    return frame.assign(low=frame["low"].clip(low, high), high=frame["high"].clip(low, high))
