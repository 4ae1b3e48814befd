"""What every report format prints the same way: its words, safe text, numbers, KPI values.

Comments are customers' words: a text cell that starts with = + - @ tab or CR is never
run as a formula (OWASP's CSV-injection advice).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from cxcore import i18n
from cxcore.csvfile import FORMULA_STARTS, safe_text

__all__ = [
    "FORMULA_STARTS",
    "KPI_FORMATS",
    "KPI_WORDS",
    "as_datetime",
    "as_number",
    "kpi_detail",
    "kpi_text",
    "safe_text",
    "text",
]

# Each KPI of stage_kpis and its word in the catalog.
KPI_WORDS = {
    "responses": "responses",
    "nps": "nps",
    "csat": "csat",
    "sentiment": "mean_sentiment",
    "negative": "negative",
}
KPI_FORMATS = {
    "responses": "{:,.0f}",
    "nps": "{:+.0f}",
    "csat": "{:.0f}%",
    "sentiment": "{:+.2f}",
    "negative": "{:.0f}%",
}


def text(key: str, lang: str = "en", **values: object) -> str:
    """A report's word in `lang`, from the UI catalog (cxcore/data/ui.yaml, "report.*")."""
    return i18n.text(f"report.{key}", lang, **values)


def as_datetime(value: Any) -> Any:
    """A timestamp as a naive datetime (UTC), None for a missing one."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(None)
    return stamp.to_pydatetime()


def as_number(value: Any) -> float | None:
    """A value as a float, None for a missing or non-numeric one."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def kpi_text(key: str, value: float) -> str:
    """One KPI's value as printed ("–" when missing, a true minus sign)."""
    if value != value:
        return "–"
    return KPI_FORMATS[key].format(value).replace("-", "−")


def kpi_detail(kpis: pd.DataFrame, key: str, lang: str) -> str:
    """ "95% CI a to b; n = N" of one KPI row of stage_kpis, in `lang`."""
    row = kpis.loc[key]
    detail = f"n = {int(row['n']):,}"
    if row["low"] == row["low"] and row["high"] == row["high"]:
        low, high = kpi_text(key, row["low"]), kpi_text(key, row["high"])
        detail = f"{text('interval', lang)} {low} … {high}; {detail}"
    return detail
