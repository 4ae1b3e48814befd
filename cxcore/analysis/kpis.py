"""The overview's KPI row: five figures for a period and their change against the one before.

The period is the sidebar's date range, or else the last `DEFAULT_DAYS` days up to the
newest response; the previous period is the same number of days just before it.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd

from cxcore.analysis.journey import overall_summary
from cxcore.analysis.metrics import VALUE_FORMATS, metric_frame
from cxcore.analysis.stage_detail import KPIS
from cxcore.i18n import format_date, format_number, text

__all__ = [
    "DEFAULT_DAYS",
    "INVERSE",
    "current_period",
    "curve_period",
    "kpi_frame",
    "kpi_row",
    "previous_period",
]

DEFAULT_DAYS = 30
# Higher is better for every KPI but the share of negative comments.
INVERSE = frozenset({"negative"})
# Changes of percentages are in points, not per cent.
_POINTS = frozenset({"csat", "negative"})


def current_period(
    date_from: date | None, date_to: date | None, newest: date | None
) -> tuple[date, date] | None:
    """(first, last day) chosen, else the 30 days up to `newest`; None without any date."""
    if date_from is not None:
        return date_from, date_to or date_from
    if newest is None:
        return None
    return newest - timedelta(days=DEFAULT_DAYS - 1), newest


def curve_period(
    date_from: date | None,
    date_to: date | None,
    oldest: date | None,
    newest: date | None,
    lang: str,
) -> str:
    """Which days the emotion curve covers, in words: every date there is (`oldest` to
    `newest`), or the range the sidebar chose."""
    chosen = date_from is not None or date_to is not None
    first, last = (date_from or oldest, date_to or newest) if chosen else (oldest, newest)
    if first is None or last is None:
        return text("overview.curve_undated", lang)
    span = text("kpi.range", lang, first=format_date(first, lang), last=format_date(last, lang))
    return text("overview.curve_chosen" if chosen else "overview.curve_all", lang, span=span)


def previous_period(date_from: date, date_to: date) -> tuple[date, date]:
    """(first, last day) of the period of the same length ending the day before `date_from`."""
    days = (date_to - date_from).days + 1
    end = date_from - timedelta(days=1)
    return end - timedelta(days=days - 1), end


def kpi_frame(summary: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """label, value, n for each of KPIS over a whole stage_summary (NaN where none)."""
    if summary.empty:
        return pd.DataFrame(
            {"label": [text(f"kpi.{k}", lang) for k in KPIS], "value": math.nan, "n": 0},
            index=list(KPIS),
        ).assign(value=lambda f: f["value"].where(f.index != "responses", 0.0))
    total = overall_summary(summary)
    rows: dict[str, tuple[float, int]] = {}
    rows["responses"] = (float(total["n"].iloc[0]), int(total["n"].iloc[0]))
    for key in ("nps", "csat", "sentiment"):
        values = metric_frame(total, key).iloc[0]
        rows[key] = (float(values["value"]), int(values["n_metric"]))
    labelled = float(total["labelled"].iloc[0])
    share = float(total["negative"].iloc[0]) / labelled * 100 if labelled else math.nan
    rows["negative"] = (share, int(labelled))
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["value", "n"])
    frame.insert(0, "label", [text(f"kpi.{k}", lang) for k in frame.index])
    return frame


def kpi_row(current: pd.DataFrame, previous: pd.DataFrame | None, lang: str = "en") -> pd.DataFrame:
    """label, value, delta (text, ASCII sign for st.metric), delta_color and delta_arrow per KPI.

    The delta is None when either period has no value (nothing to compare). A change that
    rounds to nothing at the KPI's precision reads "0", grey and without an arrow: "↑ +0" in
    green would tell a lead that an unchanged NPS went up.
    """
    rows = []
    for key, r in current.iterrows():
        value = float(r["value"])
        before = math.nan if previous is None else float(previous.loc[key, "value"])
        change = value - before
        decimals, sign, suffix = VALUE_FORMATS[str(key)]
        unit = text("kpi.points", lang) if key in _POINTS else ""
        # ASCII signs in the delta: st.metric reads a leading "-" as a fall
        delta = (
            None
            if math.isnan(change)
            else format_number(change, lang, decimals, sign=True, suffix=unit).replace("−", "-")
        )
        colour, arrow = ("inverse" if key in INVERSE else "normal"), "auto"
        if delta is not None and not any(digit in delta for digit in "123456789"):
            delta = format_number(0.0, lang, decimals, suffix=unit)
            colour, arrow = "off", "off"
        shown = format_number(value, lang, decimals, sign=sign, suffix=suffix)
        rows.append((r["label"], shown, delta, colour, arrow, change))
    columns = ["label", "value", "delta", "delta_color", "delta_arrow", "change"]
    frame = pd.DataFrame(rows, columns=columns, index=current.index)
    # object, so a missing delta stays None (st.metric shows no arrow) rather than NaN
    frame["delta"] = pd.Series([r[2] for r in rows], index=current.index, dtype=object)
    return frame
