"""What every report format prints the same way: its words, safe text, numbers, KPI values.

Comments are customers' words: a text cell that starts with = + - @ tab or CR is never
run as a formula (OWASP's CSV-injection advice).
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from cxcore import i18n
from cxcore.analysis.metrics import VALUE_FORMATS
from cxcore.csvfile import FORMULA_STARTS, safe_text
from cxcore.text.taxonomy import fold_text

__all__ = [
    "FORMULA_STARTS",
    "KPI_FORMATS",
    "KPI_WORDS",
    "SHEET_NAME_MAX",
    "as_datetime",
    "as_number",
    "kpi_detail",
    "kpi_text",
    "label_names",
    "rounded",
    "safe_text",
    "sheet_title",
    "slug",
    "text",
]

# Excel refuses these in a sheet's name, and names longer than 31 characters.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
# What a stored number keeps: enough for any figure a report shows, none of a float's noise
# (−4.999999999999999 is −5).
DECIMALS = 6

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


def kpi_text(key: str, value: float, lang: str = "en") -> str:
    """One KPI's value as `lang` writes it ("–" when missing, a true minus sign)."""
    decimals, sign, suffix = VALUE_FORMATS[key]
    return i18n.format_number(as_number(value), lang, decimals, sign, suffix)


def kpi_detail(kpis: pd.DataFrame, key: str, lang: str) -> str:
    """ "95% CI a to b; n = N" of one KPI row of stage_kpis, in `lang`."""
    row = kpis.loc[key]
    detail = f"n = {i18n.format_number(int(row['n']), lang)}"
    if row["low"] == row["low"] and row["high"] == row["high"]:
        low, high = kpi_text(key, row["low"], lang), kpi_text(key, row["high"], lang)
        detail = f"{text('interval', lang)} {low} … {high}; {detail}"
    return detail


def rounded(value: Any) -> Any:
    """A float without binary noise (DECIMALS places), None for NaN; anything else as is."""
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, DECIMALS) + 0.0  # no −0.0
    return value


def slug(words: str) -> str:
    """`words` as a file name's part: ASCII, lower case, hyphens ("Kullanım ve fatura" →
    "kullanim-ve-fatura", "Zpráva" → "zprava")."""
    return "-".join(re.findall(r"[a-z0-9]+", fold_text(words).encode("ascii", "ignore").decode()))


def sheet_title(words: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """`words` as an XLSX sheet's name: none of []:*?/\\, at most 31 characters, and not
    one of `taken` (compared without case, as Excel does)."""
    name = " ".join(_SHEET_FORBIDDEN.sub(" ", words).split())[:SHEET_NAME_MAX].strip() or "-"
    folded, base, count = {t.casefold() for t in taken}, name, 1
    while name.casefold() in folded:
        count += 1
        suffix = f" ({count})"
        name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
    return name


def label_names(lang: str) -> dict[str, str]:
    """Each sentiment label (negative, neutral, positive) as `lang` says it."""
    return {key: i18n.text(f"sentiment.{key}", lang) for key in ("negative", "neutral", "positive")}
