"""Actions drawn on a figure: a marker at each live date, each target as a line; on the
period comparison (stages along x), a flag over each stage with its actions gone live."""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from cxcore.i18n import format_date, format_number, text

__all__ = ["actions_gone_live", "mark_actions", "mark_stage_actions"]


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


def actions_gone_live(
    actions: pd.DataFrame, names: Mapping[str, str], first: date, last: date, lang: str = "en"
) -> dict[str, list[str]]:
    """stage key -> "title (live 10 Mar 2026)" of each of its actions that went live from
    `first` to `last`, oldest first, in the stages' order of `names` (titles as written)."""
    live = sorted(
        (
            a
            for a in actions.itertuples(index=False)
            if isinstance(a.live_date, date) and first <= a.live_date <= last and a.stage in names
        ),
        key=lambda a: a.live_date,
    )
    found: dict[str, list[str]] = {}
    for stage in names:
        for action in (a for a in live if a.stage == stage):
            day = format_date(action.live_date, lang)
            found.setdefault(stage, []).append(
                text("actions.live_on", lang, title=str(action.title), day=day)
            )
    return found


def mark_stage_actions(
    figure: go.Figure,
    actions: pd.DataFrame,
    names: Mapping[str, str],
    first: date,
    last: date,
    lang: str = "en",
) -> int:
    """Draw on a figure with stage names along x (the period comparison): above each stage,
    a flag with the title and live date of every action of that stage that went live from
    `first` to `last`. How many actions were marked."""
    by_stage = actions_gone_live(actions, names, first, last, lang)
    for stage, lines in by_stage.items():
        figure.add_annotation(
            x=names[stage],
            y=1,
            yref="paper",
            yanchor="bottom",
            # a title is the user's text, never markup
            text="<br>".join(f"🚩 {html.escape(line)}" for line in lines),
            showarrow=False,
            font={"size": 11, "color": "#D55E00"},
        )
        figure.add_vline(x=names[stage], line={"dash": "dot", "color": "#D55E00", "width": 1})
    if by_stage:
        lines_up = max(len(lines) for lines in by_stage.values())
        top = figure.layout.margin.t or 30
        figure.update_layout(margin={"t": top + 16 * lines_up})
    return sum(len(lines) for lines in by_stage.values())
