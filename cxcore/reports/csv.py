"""The report as CSV: every response of its stages with tags and sentiment, one per row."""

from __future__ import annotations

import pandas as pd

from cxcore import fields as F
from cxcore.csvfile import csv_bytes
from cxcore.reports.model import Report

__all__ = ["to_csv"]

_CSV_COLUMNS = (
    "id",
    F.RESPONSE_ID,
    F.SUBMITTED_AT,
    F.SURVEY,
    F.CHANNEL,
    F.SEGMENT,
    F.STAGE,
    "stage_name",
    F.TOUCHPOINT,
    "touchpoint_name",
    F.NPS,
    F.CSAT,
    F.CES,
    F.COMMENT,
    F.LANGUAGE,
    F.SENTIMENT,
    F.SENTIMENT_LABEL,
)


def to_csv(report: Report) -> bytes:
    """Every response of the report's stages with tags and sentiment (`csv_bytes`)."""
    frames = [s.responses for s in report.stage_sections if not s.responses.empty]
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    rows = rows.reindex(
        columns=[c for c in _CSV_COLUMNS if c not in ("stage_name", "touchpoint_name")]
    )
    rows["stage_name"] = rows[F.STAGE].map(report.stage_names)
    rows["touchpoint_name"] = rows[F.TOUCHPOINT].map(report.touchpoint_names)
    rows = rows[list(_CSV_COLUMNS)]
    if len(rows):
        rows[F.SUBMITTED_AT] = pd.to_datetime(rows[F.SUBMITTED_AT], utc=True).dt.strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )
    return csv_bytes(rows)
