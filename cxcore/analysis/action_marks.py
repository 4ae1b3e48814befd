"""Actions drawn on a time figure: a marker at each live date, each target as a line."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from cxcore.i18n import format_date, format_number, text

__all__ = ["mark_actions"]


def mark_actions(
    figure: go.Figure, actions: pd.DataFrame, metric: str, first: Any, lang: str = "en"
) -> None:
    """Draw on a figure with dates along x: a dotted line at each action's live date with its
    title, and, for actions on `metric`, the target as a dashed line from `first` to its
    due date (labelled with its value and date)."""
    for action in actions.itertuples(index=False):
        title = html.escape(str(action.title))  # a title is the user's text, never markup
        if isinstance(action.live_date, date):
            day = pd.Timestamp(action.live_date)
            figure.add_shape(
                type="line", x0=day, x1=day, y0=0, y1=1, yref="paper", line={"dash": "dot"}
            )
            figure.add_annotation(
                x=day, y=1, yref="paper", text=title, showarrow=False, yanchor="bottom"
            )
        target = action.target
        if action.metric == metric and target == target and target is not None:
            due = action.due_date if isinstance(action.due_date, date) else None
            label = text(
                "actions.target_line",
                lang,
                value=format_number(float(target), lang, 1),
                due=format_date(due, lang),
            )
            end = pd.Timestamp(due) if due else first
            figure.add_scatter(
                x=[first, end],
                y=[target, target],
                mode="lines+markers+text",
                line={"dash": "dash", "color": "#D55E00"},
                text=["", label],
                textposition="top left",
                name=label,
                hoverinfo="name",
            )
