"""The report as CSV: every response of its stages with tags and sentiment, one per row.

The header row speaks the report's language; numbers stay plain (a dot decimal, no float
noise) so a spreadsheet or a script reads them as numbers.
"""

from __future__ import annotations

import pandas as pd

from cxcore import fields as F
from cxcore.csvfile import csv_bytes
from cxcore.reports.cells import label_names, text
from cxcore.reports.model import Report

__all__ = ["csv_headers", "to_csv"]

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


# The catalog's word (report.<key>) heading each column.
_HEADERS = {
    "id": "csv_record",
    F.RESPONSE_ID: "csv_response_id",
    F.SUBMITTED_AT: "csv_submitted_at",
    F.SURVEY: "survey",
    F.CHANNEL: "channel",
    F.SEGMENT: "segment",
    F.STAGE: "csv_stage_key",
    "stage_name": "stage",
    F.TOUCHPOINT: "csv_touchpoint_key",
    "touchpoint_name": "touchpoint",
    F.NPS: "csv_nps",
    F.CSAT: "csv_csat",
    F.CES: "csv_ces",
    F.COMMENT: "comment",
    F.LANGUAGE: "language",
    F.SENTIMENT: "sentiment",
    F.SENTIMENT_LABEL: "label",
}


def _plain_number(column: pd.Series) -> pd.Series:
    """Scores as whole numbers when they are, sentiment to 4 places: never 0.30000000000000004."""
    numbers = pd.to_numeric(column, errors="coerce")
    whole = numbers.dropna()
    if len(whole) and (whole == whole.round()).all():
        return numbers.round().astype("Int64")
    return numbers.round(4)


def csv_headers(lang: str) -> list[str]:
    """The CSV's header row in `lang`."""
    return [text(_HEADERS[c], lang) for c in _CSV_COLUMNS]


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
    labels = rows[F.SENTIMENT_LABEL]
    rows[F.SENTIMENT_LABEL] = labels.map(label_names(report.lang)).fillna(labels)
    for column in (F.NPS, F.CSAT, F.CES, F.SENTIMENT):
        rows[column] = _plain_number(rows[column])
    return csv_bytes(rows.set_axis(csv_headers(report.lang), axis=1))
