"""The confirmed mapping: edited as a table, remembered by its headers, applied to the rows.

`apply_mapping` turns a read table into raw canonical rows (strings) with their spreadsheet
row numbers and the unused columns as extras, ready for validation. (The duplicate key is
taken later, on what is stored: cxcore/ingest/source_keys.py.)
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.errors import NoScoreColumn
from cxcore.ingest.suggestion import sample_cells, suggest_mapping
from cxcore.ingest.validate import SOURCE_COLUMNS_ATTR, SOURCE_ORDER_ATTR

if TYPE_CHECKING:
    from cxcore.ingest.reading import SurveyTable

__all__ = [
    "apply_mapping",
    "header_signature",
    "mapped_column",
    "mapping_from_table",
    "mapping_table",
    "suggest_mapping",
]

_EXAMPLES: Final = 3
_EXAMPLE_CHARS: Final = 60


# --- the editable table --------------------------------------------------------------------


def mapping_table(table: SurveyTable, mapping: dict[str, str]) -> pd.DataFrame:
    """One row per source column in file order: column, field ('' when unused), examples."""
    frame = table.frame
    return pd.DataFrame(
        {
            "column": [str(column) for column in frame.columns],
            "field": [mapping.get(column, "") for column in frame.columns],
            "examples": [_examples(frame[column]) for column in frame.columns],
        },
        columns=["column", "field", "examples"],
    )


def _examples(column: pd.Series) -> str:
    """Up to three distinct non-empty values, shortened, joined with ' · '."""
    values = sample_cells(column).drop_duplicates().head(_EXAMPLES)
    shown = [v if len(v) <= _EXAMPLE_CHARS else v[: _EXAMPLE_CHARS - 1] + "…" for v in values]
    return " · ".join(shown)


def mapping_from_table(edited: pd.DataFrame) -> dict[str, str]:
    """The edited mapping table → {source column: field}; ValueError if a field is used twice."""
    mapping: dict[str, str] = {}
    columns_by_field: dict[str, list[str]] = {}
    for column, field in zip(edited["column"], edited["field"], strict=True):
        chosen = field.strip() if isinstance(field, str) else ""
        if not chosen:
            continue
        if chosen not in F.MAPPABLE_FIELDS:
            choices = ", ".join(F.MAPPABLE_FIELDS)
            raise ValueError(
                f"'{chosen}' (for column {column}) is not a field; use one of {choices}"
            )
        mapping[str(column)] = chosen
        columns_by_field.setdefault(chosen, []).append(str(column))
    for field, columns in columns_by_field.items():
        if len(columns) > 1:
            raise ValueError(_mapped_twice(field, columns))
    return mapping


def _mapped_twice(field: str, columns: list[str]) -> str:
    listed = ", ".join(columns[:-1]) + f" and {columns[-1]}"
    times = "twice" if len(columns) == 2 else f"{len(columns)} times"
    return f"Field '{field}' is mapped {times}: {listed}"


def header_signature(columns: list[str]) -> str:
    """A short stable hash of the headers in order (spacing and case ignored)."""
    normal = ["\x1f" + " ".join(str(column).split()).casefold() for column in columns]
    return hashlib.sha1("".join(normal).encode("utf-8")).hexdigest()[:16]


# --- applying ------------------------------------------------------------------------------

_SHARED_EXTRAS = 10_000


def apply_mapping(table: SurveyTable, mapping: dict[str, str]) -> pd.DataFrame:
    """A read table + mapping → raw canonical rows (strings) with row number and extra.

    `attrs["source_columns"]` keeps field → source header, so rejections show the user's
    own headers. Raises NoScoreColumn when no score or comment column is mapped.
    """
    frame = table.frame.reset_index(drop=True)
    _check_mapping(frame, mapping)
    by_field = {field: column for column, field in mapping.items()}
    out = pd.DataFrame(
        {field: frame[by_field[field]] for field in F.MAPPABLE_FIELDS if field in by_field},
        index=frame.index,
    )
    out[F.ROW_NUMBER] = np.asarray(table.row_numbers, dtype="int64")
    # The category column stays among the extras too: stored with the response as written.
    kept = [c for c in frame.columns if mapping.get(c, F.CATEGORY) == F.CATEGORY]
    out[F.EXTRA] = _extras(frame, kept)
    out.attrs[SOURCE_COLUMNS_ATTR] = {f: by_field[f] for f in F.MAPPABLE_FIELDS if f in by_field}
    out.attrs[SOURCE_ORDER_ATTR] = [str(column) for column in frame.columns]
    return out


def mapped_column(table: SurveyTable, mapping: dict[str, str], field: str) -> pd.Series | None:
    """The file's column mapped to `field`, as read (None when none is); the mapping is
    checked first, as `apply_mapping` checks it, so a wrong one is refused before any work."""
    _check_mapping(table.frame, mapping)
    column = next((column for column, f in mapping.items() if f == field), None)
    return None if column is None else table.frame[column]


def _check_mapping(frame: pd.DataFrame, mapping: dict[str, str]) -> None:
    """Refuse unknown columns or fields and a field used twice; need a score or a comment."""
    for column, field in mapping.items():
        if column not in frame.columns:
            raise ValueError(f"Column '{column}' is not in the file")
        if field not in F.MAPPABLE_FIELDS:
            raise ValueError(f"'{field}' (for column {column}) is not a field")
    columns_by_field: dict[str, list[str]] = {}
    for column, field in mapping.items():
        columns_by_field.setdefault(field, []).append(column)
    for field, columns in columns_by_field.items():
        if len(columns) > 1:
            raise ValueError(_mapped_twice(field, columns))
    if not set(mapping.values()) & {*F.SCORE_FIELDS, F.SCORE, F.COMMENT}:
        raise NoScoreColumn(_no_score_message([str(c) for c in frame.columns]))


def _no_score_message(columns: list[str]) -> str:
    shown = ", ".join(f"'{c}'" for c in columns[:20])
    more = f" and {len(columns) - 20} more" if len(columns) > 20 else ""
    return (
        f"No score or comment column was found among this file's columns: {shown}{more}. "
        "Map a score column (NPS, CSAT or CES) or a comment column, then import again."
    )


def _cells(column: pd.Series) -> np.ndarray:
    """A column as an object array with None for empty or blank cells."""
    if column.dtype == object:
        try:  # str/None cells as read: no round trip through pyarrow strings
            cells = [None if c is None or not c.strip() else c for c in column.tolist()]
        except (AttributeError, TypeError):
            pass
        else:
            return np.array(cells, dtype=object)
    text = column.astype("str")
    blank = (text.str.strip() == "").to_numpy(dtype=bool, na_value=True)
    values = text.to_numpy(dtype=object, copy=True)
    values[blank | text.isna().to_numpy(dtype=bool)] = None
    return values


def _extras(frame: pd.DataFrame, unused: list[str]) -> list[dict[str, str]]:
    """Per row: the unused columns' non-empty values, by source header.

    Rows with the same values share one dict, which nobody changes: unused columns mostly
    repeat a few values, and a million separate dicts held about 190 MB. Only the first
    _SHARED_EXTRAS distinct rows are shared, so a column of free text costs no more.
    """
    names = [str(column) for column in unused]
    columns = [_cells(frame[column]) for column in unused]
    shared: dict[tuple[str | None, ...], dict[str, str]] = {}
    extras = []
    for row in zip(*columns, strict=True) if columns else [()] * len(frame):
        extra = shared.get(row)
        if extra is None:
            extra = {n: v for n, v in zip(names, row, strict=True) if v is not None}
            if len(shared) < _SHARED_EXTRAS:
                shared[row] = extra
        extras.append(extra)
    return extras
