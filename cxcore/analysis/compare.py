"""Compare emotion curves: two or more curves on the same axes (periods, surveys, channels,
segments), each drawn from the same stage sums as the main curve."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from cxcore.analysis.chart_text import count_texts, metric_texts
from cxcore.analysis.kpis import current_period, previous_period
from cxcore.filters import Filters
from cxcore.i18n import format_date, format_number, text

__all__ = ["COMPARE_BY", "SERIES_COLOURS", "compare_figure", "group_filters", "period_filters"]

# What a curve can be split by, and the Filters field that selects one group.
COMPARE_BY: dict[str, str] = {
    "period": "date",
    "survey": "surveys",
    "touchpoint": "touchpoints",
    "segment": "segments",
}
# Okabe–Ito, safe for every colour-vision type; one colour per compared curve.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def group_filters(filters: Filters, by: str, value: str) -> Filters:
    """`filters` narrowed to one survey, touchpoint or segment (the sidebar's choice replaced)."""
    return replace(filters, **{COMPARE_BY[by]: (value,)})


def period_filters(
    filters: Filters, newest: date | None, lang: str = "en"
) -> list[tuple[str, Filters]]:
    """(label, filters) of this period and the previous one of the same length.

    This period is the sidebar's range, or the 30 days up to the newest response.
    """
    period = current_period(filters.date_from, filters.date_to, newest)
    if period is None:
        return []
    before = previous_period(*period)
    return [
        (
            text("kpi.range", lang, first=format_date(a, lang), last=format_date(b, lang)),
            replace(filters, date_from=a, date_to=b),
        )
        for a, b in (period, before)
    ]


def compare_figure(curves: dict[str, pd.DataFrame], metric: str, lang: str = "en") -> go.Figure:
    """One line per curve (stage names on x, in journey order), with its interval and n."""
    label = text(f"metric.{metric}", lang)
    figure = go.Figure()
    order: list[str] = []
    for i, (name, curve) in enumerate(curves.items()):
        order = order or list(curve["name"])
        shown = curve.dropna(subset=["value"])
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        shown_name = html.escape(name)  # plotly reads legend and hover text as HTML
        figure.add_trace(
            go.Scatter(
                x=shown["name"],
                y=shown["value"],
                mode="lines+markers",
                name=f"{shown_name} (n={format_number(int(curve['n'].sum()), lang)})",
                line={"color": colour, "shape": "spline"},
                marker={
                    "size": 10,
                    "color": colour,
                    "opacity": [1.0 if e else 0.35 for e in shown["enough"]],
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": (shown["high"] - shown["value"]).fillna(0),
                    "arrayminus": (shown["value"] - shown["low"]).fillna(0),
                    "thickness": 1,
                },
                customdata=list(
                    zip(
                        count_texts(shown["n"], lang),
                        metric_texts(shown["value"], metric, lang),
                        strict=True,
                    )
                ),
                hovertemplate="%{x}<br>%{customdata[1]}<br>n=%{customdata[0]}<extra>"
                + shown_name
                + "</extra>",
            )
        )
    figure.update_layout(
        xaxis={"categoryorder": "array", "categoryarray": order, "title": None},
        yaxis={"title": label},
        legend={"orientation": "h", "y": -0.15},
        margin={"l": 40, "r": 20, "t": 30, "b": 40},
        height=420,
    )
    return figure
