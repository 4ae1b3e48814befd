"""CSV files a support lead downloads: one writer, so no cell ever runs as a formula.

Every CSV the product writes (a report, the follow-up queue, rejected rows) goes through
`csv_bytes`: UTF-8 with a BOM, so Excel shows Turkish and Czech letters, and a text cell
that starts like a formula gets a leading apostrophe (OWASP's advice for CSV injection).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["FORMULA_STARTS", "csv_bytes", "safe_text"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: Any) -> Any:
    """A text cell that a spreadsheet will never run: a leading ' before = + - @ tab CR."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame, lineterminator: str = "\r\n") -> bytes:
    """`frame` as CSV bytes (UTF-8 with BOM), every text cell made safe."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].astype(object).map(safe_text)
    safe.columns = [safe_text(str(c)) for c in safe.columns]
    return safe.to_csv(index=False, lineterminator=lineterminator).encode("utf-8-sig")
