"""Numbers and dates on charts as the reader's language writes them: hover texts made here
(so Turkish reads %24 and 1,5), count axes with whole ticks, date axes in local form.

Plotly's own number formats know the decimal mark (`separators`) but not where a language
puts its "%", nor how it writes a date; so every number a hover shows is written here with
cxcore.i18n, and the hover templates only place these texts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from cxcore.analysis.metrics import VALUE_FORMATS
from cxcore.i18n import format_date, format_number
from cxcore.languages import LANGUAGES, supported

__all__ = ["count_axis", "count_texts", "date_axis", "date_texts", "metric_texts"]


def metric_texts(values: Iterable[Any], metric: str, lang: str = "en") -> list[str]:
    """Each value of `metric` as `lang` writes it ("+0,42", "%80", "−25"; "–" when missing)."""
    decimals, sign, suffix = VALUE_FORMATS[metric]
    return [format_number(_number(v), lang, decimals, sign=sign, suffix=suffix) for v in values]


def count_texts(values: Iterable[Any], lang: str = "en") -> list[str]:
    """Each count as `lang` writes it (1.234 in Turkish, 1 234 in Czech)."""
    return [format_number(_number(v), lang) for v in values]


def date_texts(days: Iterable[Any], lang: str = "en") -> list[str]:
    """Each day as `lang` writes it (01.03.2026 in Turkish)."""
    return [format_date(_day(d), lang) for d in days]


def count_axis(largest: Any) -> dict[str, Any]:
    """Axis settings for counts (responses, customers): whole-number ticks only, from 0, in
    steps of 1, 2 or 5 × 10^k, about five of them up to `largest`."""
    top = _number(largest)
    top = 1.0 if top is None or top < 1 else top
    step = 1
    while top / step > 6:
        for factor in (2, 2.5, 2):  # 1 → 2 → 5 → 10 → 20 → 50 …
            step = int(step * factor)
            if top / step <= 6:
                break
    return {"tickformat": ",d", "dtick": step, "tick0": 0, "rangemode": "tozero"}


def date_axis(lang: str = "en") -> dict[str, Any]:
    """Axis settings for days: tick labels written as `lang` writes a date."""
    return {"type": "date", "tickformat": LANGUAGES[supported(lang)].chart_date_format}


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _day(value: Any) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    return value if isinstance(value, date | datetime) else None
