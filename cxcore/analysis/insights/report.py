"""All insights at once: the frames the Insights page draws and the JSON report."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.analysis.insights.drivers import drivers
from cxcore.analysis.insights.movers import movers
from cxcore.analysis.insights.pain_points import TOP_PAIN_POINTS, pain_point_voices, pain_points
from cxcore.analysis.insights.paths import (
    contact_paths,
    repeat_contacts,
    sankey_links,
    sentiment_by_step,
)
from cxcore.analysis.journey import MIN_N

__all__ = [
    "JOURNEY_COLUMNS",
    "RESPONSE_COLUMNS",
    "contacts_of",
    "insight_frames",
    "insights_report",
]

# What moments of truth and channel hopping read (no comment text: whole journeys of many
# customers are loaded for them).
JOURNEY_COLUMNS: tuple[str, ...] = (
    F.CUSTOMER_ID,
    F.SUBMITTED_AT,
    F.STAGE,
    F.TOUCHPOINT,
    F.NPS,
    F.CSAT,
    F.SENTIMENT,
    F.SENTIMENT_LABEL,
)
# The response columns these insights read (db.responses_frame(..., columns=...)).
RESPONSE_COLUMNS: tuple[str, ...] = (*JOURNEY_COLUMNS, F.LANGUAGE, F.COMMENT)


def _plain(value: Any) -> Any:
    """JSON-safe: NaN → None, numpy scalars → Python, floats rounded."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or (isinstance(value, float | np.floating) and math.isnan(value)):
        return None
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return round(float(value), 4)
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {str(k): _plain(v) for k, v in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def contacts_of(responses: pd.DataFrame) -> pd.DataFrame:
    """customer_id, submitted_at, stage, touchpoint, sentiment of the dated responses with a
    customer id, as db.customer_contacts returns them (responses already in customer and
    time order, as db.recent_customers_responses returns them)."""
    columns = [F.CUSTOMER_ID, F.SUBMITTED_AT, F.STAGE, F.TOUCHPOINT, F.SENTIMENT]
    dated = responses[responses[F.CUSTOMER_ID].notna() & responses[F.SUBMITTED_AT].notna()]
    return dated[columns].reset_index(drop=True)


def insight_frames(
    stage_summary: pd.DataFrame,
    cell_summary: pd.DataFrame,
    responses: pd.DataFrame,
    contacts: pd.DataFrame,
    top: int = TOP_PAIN_POINTS,
    voices: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """What the Insights page draws: pain_points (the `top`, with their voices),
    stage_drivers, touchpoint_drivers, links (Sankey), paths, repeats and steps.

    Voices come from `voices` when given (the pain points' most negative comments, as
    db.negative_comments reads them), else from `responses`.
    """
    points = pain_points(stage_summary, cell_summary)
    return {
        "pain_points": pain_point_voices(points.head(top), responses if voices is None else voices),
        "stage_drivers": drivers(responses, "stage"),
        "touchpoint_drivers": drivers(responses, "touchpoint"),
        "links": sankey_links(contacts),
        "paths": contact_paths(contacts),
        "repeats": repeat_contacts(contacts),
        "steps": sentiment_by_step(contacts),
    }


def insights_report(
    stage_summary: pd.DataFrame,
    cell_summary: pd.DataFrame,
    responses: pd.DataFrame,
    contacts: pd.DataFrame,
    previous: tuple[pd.DataFrame, pd.DataFrame],
    current: tuple[pd.DataFrame, pd.DataFrame],
    *,
    periods: Mapping[str, Any] | None = None,
    min_n: int = MIN_N,
) -> dict[str, Any]:
    """pain_points, drivers, paths, repeat_contacts, movers (and the periods compared) as
    one JSON-ready dict, for the CLI, scheduled jobs and e-mails."""
    points = pain_points(stage_summary, cell_summary, min_n=min_n)
    points = pain_point_voices(points, responses)
    by_stage = drivers(responses, "stage").assign(factor="stage")
    by_touchpoint = drivers(responses, "touchpoint").assign(factor="touchpoint")
    moved = movers(previous, current, min_n=min_n)
    report = {
        "pain_points": _records(points.drop(columns=["p_value"])),
        "drivers": _records(pd.concat([by_stage, by_touchpoint], ignore_index=True)),
        "paths": _records(contact_paths(contacts)),
        "repeat_contacts": _records(repeat_contacts(contacts)),
        "movers": _records(moved),
    }
    if periods:
        report["periods"] = {k: _plain(v) for k, v in periods.items()}
    return report
