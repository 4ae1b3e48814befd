"""The duplicate key of a response: a keyed hash of what is stored of it, nothing more.

`responses.source_key` lets a second import of the same rows add nothing. It is
HMAC-SHA256, under a key kept outside the database (`cxcore.keys`), of the row's stored
values: the pseudonym, never the customer id; the redacted comment, never the phone
number. So a copy of the database cannot match a list of known ids to pseudonyms through
it, nor recover a redacted number, and the key is recomputed from stored rows alone (the
upgrade from the older unkeyed key does so). Two rows that differ only in what redaction
removed are duplicates across imports; inside one file repeats are numbered (#2, #3 …),
so identical answers in one file are all kept while re-importing it adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cxcore import fields as F
from cxcore.ingest.privacy import keyed_hex, keyed_state

__all__ = ["KEY_FIELDS", "number_repeats", "stored_row_keys"]

# What of a response is hashed: what the file gave, as stored. The survey only when a
# column was mapped to it (otherwise it is the name typed at import, not the row's).
KEY_FIELDS: Final = (
    F.RESPONSE_ID,
    F.SUBMITTED_AT,
    F.CUSTOMER_ID,
    F.SURVEY,
    F.CHANNEL,
    F.SEGMENT,
    F.NPS,
    F.CSAT,
    F.CES,
    F.COMMENT,
    F.STAGE_GIVEN,
    F.TOUCHPOINT_GIVEN,
    F.EXTRA,
)
_KEY_HEX: Final = 40  # responses.source_key is String(40)
_STORED_TEXT: Final = 255  # the String(255) columns keep this much (db/bulk.fit_text)
_SCORES: Final = (F.NPS, F.CSAT, F.CES)
_KEY_CHUNK: Final = 100_000  # rows keyed at a time
_SEPARATOR: Final = pa.scalar("\x1f", type=pa.large_string())


def stored_row_keys(frame: pd.DataFrame, survey_mapped: Any, secret: bytes) -> list[str]:
    """Unnumbered keys of stored (or about to be stored) rows, in order.

    `survey_mapped`: a bool, or a bool per row (rows of several imports).
    """
    keyed = keyed_state(secret)
    per_row = np.ndim(survey_mapped) > 0
    keys: list[str] = []
    # A chunk at a time: the joined records of a million rows, as Arrow text and then as
    # Python bytes, held 0.8 GB at once; the keys are the same.
    for start in range(0, len(frame), _KEY_CHUNK):
        chunk = frame.iloc[start : start + _KEY_CHUNK]
        mapped = survey_mapped[start : start + _KEY_CHUNK] if per_row else survey_mapped
        cells = [_cells(chunk, field, mapped) for field in KEY_FIELDS]
        records = pc.binary_join_element_wise(*cells, _SEPARATOR)
        del cells
        keys.extend(
            keyed_hex(keyed, record)[:_KEY_HEX]
            for record in pc.cast(records, pa.large_binary()).to_pylist()
        )
    return keys


def number_repeats(keys: list[str], secret: bytes) -> list[str]:
    """Second and later copies of a key → HMAC of 'key#n', so every row's key is unique."""
    series = pd.Series(keys, dtype=object)
    repeated = series.duplicated(keep=False)
    if not repeated.any():
        return keys
    keyed = keyed_state(secret)
    copy = series[repeated].groupby(series[repeated], sort=False).cumcount()
    for position, n in copy[copy > 0].items():
        series[position] = keyed_hex(keyed, f"{keys[position]}#{n + 1}".encode())[:_KEY_HEX]
    return series.tolist()


def _cells(frame: pd.DataFrame, field: str, survey_mapped: Any) -> pa.Array:
    """One field of every row as text, the same whether read from the file or the database:
    blank and missing alike, scores as floats, times as UTC microseconds (Arrow does it in
    C: a Python loop over a million rows cost seconds a column)."""
    if field not in frame:
        return pa.array([""] * len(frame), type=pa.large_string())
    column = frame[field]
    if field in _SCORES:
        values = pd.to_numeric(column, errors="coerce").astype("float64")
        text = pc.cast(pa.array(values, from_pandas=True), pa.large_string())
    elif field == F.SUBMITTED_AT:
        times = pd.to_datetime(column, utc=True).dt.tz_localize(None)
        micros = times.to_numpy(dtype="datetime64[us]").view("int64")
        text = pc.cast(pa.array(micros, mask=times.isna().to_numpy()), pa.large_string())
    elif field == F.EXTRA:
        text = pa.array(_extras(column.tolist()), type=pa.large_string())
    else:
        text = _texts(column, None if field == F.COMMENT else _STORED_TEXT)
        if field == F.SURVEY:
            mapped = np.broadcast_to(np.asarray(survey_mapped, dtype=bool), (len(frame),))
            text = pc.if_else(pa.array(mapped), text, pa.scalar("", pa.large_string()))
    return pc.fill_null(text, "")


def _texts(column: pd.Series, limit: int | None) -> pa.Array:
    """Text cells as stored (cut to `limit` characters, as the database's column cuts
    them); anything not text counts as blank."""
    cells = column.astype(object)
    try:
        text = pa.array(cells, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowException, UnicodeError):  # a number, a lone surrogate: cell by cell
        text = pa.array([_text(v) for v in cells], type=pa.large_string())
    if limit is not None:
        text = pc.utf8_slice_codeunits(text, 0, limit)
    return text


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _extras(extras: list[Any]) -> np.ndarray:
    """Each row's extra cells as sorted JSON; rows sharing one dict share the work."""
    by_object: dict[int, str] = {}
    out = np.empty(len(extras), dtype=object)
    for position, extra in enumerate(extras):
        if not isinstance(extra, Mapping) or not extra:
            out[position] = ""
            continue
        text = by_object.get(id(extra))
        if text is None:
            text = by_object[id(extra)] = json.dumps(extra, sort_keys=True, ensure_ascii=False)
        out[position] = text
    return out
