"""Raw canonical rows → typed responses | rejected rows with a reason a support lead can act on.

`split_rows` coerces scores and dates column by column (see `parsing`). A row is rejected,
never silently trimmed, when a score cell is not a valid score, its date cannot be a real
date, or it has neither a score nor a comment.
"""

from __future__ import annotations

from typing import Any, Final
from zoneinfo import ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.ingest.parsing import (
    clean_strings,
    none_column,
    parse_dates,
    parse_datetime,
    time_zone,
)
from cxcore.ingest.scores import parse_score, parse_score_types, parse_scores

__all__ = ["parse_dates", "parse_datetime", "parse_score", "split_rows"]

REASON: Final = "reason"
RAW: Final = "raw"
# apply_mapping leaves field → source header here, so a rejection shows the user's own headers.
SOURCE_COLUMNS_ATTR: Final = "source_columns"
SOURCE_ORDER_ATTR: Final = "source_order"

_TEXT_FIELDS: Final[tuple[str, ...]] = (
    F.RESPONSE_ID,
    F.CUSTOMER_ID,
    F.SURVEY,
    F.CHANNEL,
    F.SEGMENT,
    F.COMMENT,
    F.STAGE,
    F.TOUCHPOINT,
    F.TEAM,
)
# How a count column is named in a rejection (the user's header is shown beside it).
_COUNT_NAMES: Final[dict[str, str]] = {
    F.HANDOFFS: "Handoff count",
    F.STATIONS: "Stations",
    F.REOPENS: "Reopens",
}
# A yes/no column ("Escalated": Yes) counts one or none.
_YES_NO: Final[dict[str, float]] = {
    **dict.fromkeys(("yes", "y", "true", "evet", "var", "ano"), 1.0),
    **dict.fromkeys(("no", "n", "false", "hayır", "hayir", "yok", "ne"), 0.0),
}
_COUNT: Final = r"\s*\d+(?:[.,]0+)?\s*"


def split_rows(
    raw: pd.DataFrame, *, timezone: str | None = None, default_timezone: str = "UTC"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Raw canonical rows (from apply_mapping) → (accepted responses, rejected rows with reasons).

    Naive times are read in `timezone` (the zone the file declares) or else
    `default_timezone`. A row with several problems gets them all, joined with "; ".
    """
    frame = raw.reset_index(drop=True)
    problems: list[pd.Series] = []
    out: dict[str, Any] = {
        F.ROW_NUMBER: _row_numbers(frame),
        F.SOURCE_KEY: frame[F.SOURCE_KEY] if F.SOURCE_KEY in frame else None,
    }
    for field in _TEXT_FIELDS:
        out[field] = _text_objects(frame[field]) if field in frame else None
    dates, date_reasons = parse_dates(
        _column(frame, F.SUBMITTED_AT), _file_zone(timezone, default_timezone)
    )
    out[F.SUBMITTED_AT] = dates
    problems.append(date_reasons)
    scored = pd.Series(False, index=frame.index)
    inputs, routing_reasons = _score_inputs(frame)
    for field in F.SCORE_FIELDS:
        points, reasons = parse_scores(field, inputs[field])
        out[field] = points
        problems.append(reasons)
        scored |= points.notna() | reasons.notna()
    problems.append(routing_reasons)
    out[F.HANDOFFS], out[F.REOPENS], count_reasons = _handoff_counts(frame)
    problems += count_reasons
    scored |= routing_reasons.notna()
    commented = out[F.COMMENT].notna() if out[F.COMMENT] is not None else False
    no_answer = ~scored & ~commented
    problems.append(pd.Series(np.where(no_answer, "No score and no comment", None), dtype=object))
    out[F.EXTRA] = frame[F.EXTRA] if F.EXTRA in frame else [{} for _ in range(len(frame))]
    responses = pd.DataFrame({name: out[name] for name in F.RESPONSE_COLUMNS}, index=frame.index)
    reasons = _joined(problems, frame.index)
    rejected_mask = reasons.notna()
    rejecting = bool(rejected_mask.any())
    accepted = (responses[~rejected_mask] if rejecting else responses).reset_index(drop=True)
    rejected = pd.DataFrame(
        {
            F.ROW_NUMBER: responses.loc[rejected_mask, F.ROW_NUMBER],
            REASON: reasons[rejected_mask],
            RAW: _raw_records(raw, frame, rejected_mask),
        },
        columns=list(F.REJECTION_COLUMNS),
    ).reset_index(drop=True)
    return accepted, rejected


def _file_zone(timezone: str | None, default_timezone: str) -> str:
    """The file's declared zone if zoneinfo knows it, else the default."""
    for name in (timezone, default_timezone):
        if name is None:
            continue
        try:
            return time_zone(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue  # an odd row-3 zone in a Qualtrics file should not refuse the file
    return "UTC"


def _column(frame: pd.DataFrame, field: str) -> pd.Series:
    """The field's column, or an all-empty one when the mapping did not use it."""
    if field in frame:
        return frame[field]
    return none_column(frame.index)


def _row_numbers(frame: pd.DataFrame) -> pd.Series:
    """Spreadsheet row numbers; when absent, counted as if one header line came first."""
    if F.ROW_NUMBER in frame:
        return frame[F.ROW_NUMBER].astype("int64")
    return pd.Series(np.arange(2, len(frame) + 2), index=frame.index, dtype="int64")


def _text_objects(values: pd.Series) -> pd.Series:
    """Cells as stripped strings in an object column, None for empty or missing cells.

    The same as `_to_objects(clean_strings(values))` (Python's and pyarrow's whitespace are
    the same 29 characters), without a round trip through pyarrow: a column of a million
    `str` cells, as apply_mapping leaves them, takes a tenth of the time.
    """
    if values.dtype == object:
        try:
            cells = [None if cell is None else cell.strip() or None for cell in values.tolist()]
        except (AttributeError, TypeError):  # NaN, numbers, ...: the general way
            pass
        else:
            return pd.Series(cells, index=values.index, dtype=object)
    return _to_objects(clean_strings(values))


def _to_objects(text: pd.Series) -> pd.Series:
    """A `str` column → object dtype with None for missing (what the database layer stores)."""
    return pd.Series(_object_values(text), index=text.index, dtype=object)


def _score_inputs(frame: pd.DataFrame) -> tuple[dict[str, pd.Series], pd.Series]:
    """Score cells per field, with a generic `score` routed by its `score_type` (Delighted)."""
    inputs = {field: clean_strings(_column(frame, field)) for field in F.SCORE_FIELDS}
    reasons = none_column(frame.index)
    if F.SCORE not in frame:
        return inputs, reasons
    score = clean_strings(frame[F.SCORE])
    kind_text = clean_strings(_column(frame, F.SCORE_TYPE))
    kind = parse_score_types(kind_text)
    for field in F.SCORE_FIELDS:
        inputs[field] = inputs[field].fillna(score.where(kind == field))
    unrouted = score.notna() & kind.isna()
    unknown = unrouted & kind_text.notna()
    missing = unrouted & kind_text.isna()
    reasons[unknown] = "Score type '" + kind_text[unknown] + "' is not nps, csat or ces"
    reasons[missing] = "Score '" + score[missing] + "' has no score type (nps, csat or ces)"
    return inputs, reasons


def _handoff_counts(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series, list[pd.Series]]:
    """(handoffs, reopens, reasons): a count of transfers as written, or the groups a case
    went through less the first one (Zendesk's group_stations); NaN where neither is given."""
    counts, reasons = {}, []
    for field in _COUNT_NAMES:
        counts[field], why = _counts(field, _column(frame, field))
        reasons.append(why)
    handoffs = counts[F.HANDOFFS].fillna((counts[F.STATIONS] - 1).clip(lower=0))
    return handoffs, counts[F.REOPENS], reasons


def _counts(field: str, values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers of 0 or more (or yes/no) → floats, NaN for empty; a reason per bad cell."""
    text = clean_strings(values)
    given = text.notna()
    folded = text.str.lower()
    numeric = text.str.fullmatch(_COUNT, na=False).astype(bool)
    worded = folded.isin(list(_YES_NO)).astype(bool)
    counts = pd.Series(np.nan, index=values.index, dtype=float)
    if numeric.any():
        whole = text[numeric].str.strip().str.replace(",", ".", regex=False)
        counts[numeric] = whole.astype(float)
    if worded.any():
        counts[worded] = folded[worded].map(_YES_NO).astype(float)
    bad = given & ~numeric & ~worded
    reasons = none_column(values.index)
    if bad.any():
        name = _COUNT_NAMES[field]
        reasons[bad] = f"{name} '" + text[bad] + "' is not a count (a whole number of 0 or more)"
    return counts, reasons


def _joined(problems: list[pd.Series], index: pd.Index) -> pd.Series:
    """Per row: its problems joined with "; ", or None when it has none."""
    joined = np.full(len(index), None, dtype=object)
    for series in problems:
        messages = series.to_numpy(dtype=object)
        found = series.notna().to_numpy(dtype=bool)
        both = found & pd.notna(joined)
        joined[both] = joined[both] + "; " + messages[both]
        only = found & ~both
        joined[only] = messages[only]
    return pd.Series(joined, index=index, dtype=object)


def _raw_records(raw: pd.DataFrame, frame: pd.DataFrame, rows: pd.Series) -> list[dict[str, Any]]:
    """The source values of the given rows, under the user's own headers in file order."""
    columns: dict[str, str] = raw.attrs.get(SOURCE_COLUMNS_ATTR) or {
        field: field for field in F.MAPPABLE_FIELDS if field in frame
    }
    order: list[str] = raw.attrs.get(SOURCE_ORDER_ATTR) or []
    chosen = frame.loc[rows.to_numpy(dtype=bool)]
    headers = list(columns.values())
    values = [_object_values(chosen[field]) for field in columns]
    extras = chosen[F.EXTRA].tolist() if F.EXTRA in chosen else [{}] * len(chosen)
    records = []
    for position, extra in enumerate(extras):
        record = dict(zip(headers, (column[position] for column in values), strict=True))
        record.update(extra if isinstance(extra, dict) else {})
        if order:
            record = {header: record[header] for header in order if header in record}
        records.append(record)
    return records


def _object_values(column: pd.Series) -> np.ndarray:
    """A column as an object array with None (not NaN) for missing cells."""
    values = column.to_numpy(dtype=object, copy=True)
    values[column.isna().to_numpy(dtype=bool)] = None
    return values
