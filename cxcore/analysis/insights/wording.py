"""How insights are written: places, metric values, metric names and table headers in a language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from cxcore import fields as F
from cxcore.i18n import format_number, text

__all__ = [
    "TABLE_COLUMNS",
    "column_labels",
    "metric_name",
    "metric_value",
    "named",
    "place_name",
    "written_by_metric",
]

# How each metric is written: decimals, sign, suffix.
_FORMAT = {"nps": (0, True, ""), "csat": (0, False, "%"), "sentiment": (2, True, "")}
# Table columns the pages show, each with a header in the catalog ("column.<name>").
TABLE_COLUMNS: tuple[str, ...] = (
    "stage",
    "touchpoint",
    "metric",
    "before",
    "after",
    "change",
    "n_before",
    "n_after",
    "p_value",
    "q_value",
    "significant",
    "from_touchpoint",
    "to_touchpoint",
    "count",
    "customers",
    "share",
    "median_days",
    "sentiment_before",
    "sentiment_after",
    "contacts",
    "repeated",
    "rate",
    "next_touchpoint",
    "next_share",
    "step",
    "responses",
    "sentiment",
)


def place_name(point: Any, stages: Mapping[str, str], touchpoints: Mapping[str, str]) -> str:
    name = stages.get(point.stage, point.stage)
    tp = point.touchpoint
    return f"{name} × {touchpoints.get(tp, tp)}" if tp is not None and tp == tp else name


def metric_value(value: float, metric: str, lang: str) -> str:
    """A metric's value as `lang` writes it: NPS +12, CSAT 80%, sentiment +0.25."""
    decimals, sign, suffix = _FORMAT[metric]
    return format_number(value, lang, decimals, sign=sign, suffix=suffix)


def metric_name(metric: str, lang: str) -> str:
    return text(f"insight_metric.{metric}", lang)


def column_labels(columns: Iterable[str], lang: str = "en") -> dict[str, str]:
    """column → its header in `lang`, for the insight tables' column_config."""
    return {c: text(f"column.{c}", lang) for c in columns if c in TABLE_COLUMNS}


def named(
    frame: pd.DataFrame, stages: Mapping[str, str], touchpoints: Mapping[str, str]
) -> pd.DataFrame:
    """`frame` with stage and touchpoint keys (in any column naming them) shown as names."""
    out = frame.copy()
    for column in out.columns:
        names = stages if column == F.STAGE else touchpoints if "touchpoint" in column else None
        if names is not None:
            out[column] = out[column].map(lambda k, n=names: n.get(k, k) if k == k else k)
    return out


def written_by_metric(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A table of several metrics (a `metric` column) with before and after written as each
    row's metric is (NPS +12, CSAT 80%), the change signed (in points for CSAT) and the
    metric by its full name: one decimal format for the whole column would show CSAT 36,11."""
    if "metric" not in frame or frame.empty:
        return frame
    out = frame.copy()
    for column in ("before", "after"):
        if column in out:
            out[column] = [
                metric_value(v, m, lang)
                for v, m in zip(frame[column], frame["metric"], strict=True)
            ]
    if "change" in out:
        out["change"] = [
            format_number(
                v,
                lang,
                _FORMAT[m][0],
                sign=True,
                suffix=text("kpi.points", lang) if m == "csat" else "",
            )
            for v, m in zip(frame["change"], frame["metric"], strict=True)
        ]
    out["metric"] = [text(f"metric.{m}", lang) for m in frame["metric"]]
    return out
