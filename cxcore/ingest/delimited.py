"""Delimited text bytes → SurveyTable: refuse what is no table, find the delimiter, parse.

Reads CSV, TSV, ";"- and "|"-separated text, honouring Excel's "sep=" first line.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import warnings
from collections import Counter
from typing import Final

import numpy as np
import pandas as pd

from cxcore.errors import UnreadableFile
from cxcore.ingest.decoding import decode_text, not_text_error
from cxcore.ingest.table import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    SurveyTable,
    build_table,
    too_many_columns,
)

__all__ = ["DELIMITERS", "read_text"]

# In order of preference when two fit a file equally well.
DELIMITERS: Final[tuple[str, ...]] = (",", ";", "\t", "|")
_SNIFF_CHARS: Final = 64 * 1024
_SNIFF_RECORDS: Final = 50
_SEP_LINE: Final = re.compile(r"sep=(.)\r?\n?")


def read_text(data: bytes, name: str) -> tuple[SurveyTable, bool]:
    """Decode, sniff and parse a delimited text file; also whether its bytes alone show that
    no cell can be longer than MAX_CELL_CHARS (else read_survey measures every cell)."""
    text, encoding, notices = decode_text(data, name)
    _refuse_non_table_text(text, name)
    delimiter, body, first_line = _declared_delimiter(_unify_line_breaks(text))
    sample, complete = _sample(body)
    if delimiter is None:
        delimiter = _sniff_delimiter(sample, complete)
    width = max(_field_counts(sample, delimiter, complete), default=1)
    if width > MAX_COLUMNS and not complete:  # the sample cut the first record short: count it
        first = next(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter), [])
        width = max(width, len(first))
    payload = _utf8(data, encoding, body, text)
    grid, filled = _parse_delimited(payload, body, delimiter, width, name, first_line)
    starts = _record_starts(grid, body, first_line)
    table = build_table(
        grid,
        starts,
        name,
        encoding=encoding,
        delimiter=delimiter,
        sheet=None,
        filled=filled,
        notices=notices,
    )
    return table, _cells_fit(payload, len(grid))


def _cells_fit(payload: bytes, records: int) -> bool:
    """True when no cell of the `records` parsed from `payload` can exceed MAX_CELL_CHARS.

    A cell lies between line breaks (CR, LF or CRLF) except where it holds some itself; the
    breaks inside cells are at most those left over after one ends each record. So a cell is
    at most (inside breaks + 1) × (longest run between breaks + 2) bytes, and a character is
    at least a byte. Measuring every cell of a million rows takes a second; this, a tenth.
    """
    if len(payload) <= MAX_CELL_CHARS:
        return True
    codes = np.frombuffer(payload, dtype=np.uint8)
    feeds = np.flatnonzero(codes == 0x0A)
    returns = np.flatnonzero(codes == 0x0D)
    follows = returns[returns + 1 < len(codes)] + 1
    pairs = int(np.count_nonzero(codes[follows] == 0x0A))  # CRLF ends one line, not two
    breaks = len(feeds) + len(returns) - pairs
    inside = max(breaks - max(records - 1, 0), 0)
    edges = np.concatenate(([-1], np.sort(np.concatenate((feeds, returns))), [len(codes)]))
    longest = int(np.diff(edges).max()) - 1
    return (inside + 1) * (longest + 2) <= MAX_CELL_CHARS


def _utf8(data: bytes, encoding: str, body: str, text: str) -> bytes:
    """UTF-8 bytes of `body` for pandas, reusing the upload when it already is exactly that."""
    # pandas parses bytes about four times faster than a str; skip re-encoding when we can.
    if body is text and encoding == "utf-8":
        return data
    if body is text and encoding == "utf-8-sig":
        return data[3:]
    return body.encode("utf-8")


def _refuse_non_table_text(text: str, name: str) -> None:
    """Raise UnreadableFile for text that is binary, blank, markup or JSON."""
    head = text[:_SNIFF_CHARS]
    if "\x00" in text or _control_share(head) > 0.01:
        raise not_text_error(name)
    stripped = head.lstrip("\ufeff \t\r\n")
    blank = "\ufeff \t\r\n,;|"
    # Nothing but line breaks and delimiters (the head settles it without copying the text).
    if not head.strip(blank) and not text.strip(blank):
        raise UnreadableFile(f"{name} is empty: export the survey again with its responses.")
    if stripped.startswith("<"):
        raise UnreadableFile(
            f"{name} is a web page or XML, not a table: "
            "download the survey responses as CSV or XLSX and upload that file."
        )
    if stripped[0] in "{[" and _is_json(text):
        raise UnreadableFile(
            f"{name} is JSON, not a table: "
            "download the survey responses as CSV or XLSX and upload that file."
        )


def _control_share(text: str) -> float:
    """Share of characters that are control codes other than tabs and line breaks."""
    if not text:
        return 0.0
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r\f\v")
    return controls / len(text)


def _is_json(text: str) -> bool:
    """True when the whole text parses as JSON (only tried on text starting with { or [)."""
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _declared_delimiter(text: str) -> tuple[str | None, str, int]:
    """Honour Excel's optional first line 'sep=;': (delimiter, rest of text, its first line)."""
    match = _SEP_LINE.match(text)
    if match and match.group(1) in DELIMITERS:
        return match.group(1), text[match.end() :], 2
    return None, text, 1


def _unify_line_breaks(text: str) -> str:
    """Old Mac files end lines with a bare CR; make them LF so lines can be counted."""
    if "\n" not in text and "\r" in text:
        return text.replace("\r", "\n")
    return text


def _sample(text: str) -> tuple[str, bool]:
    """The start of the text cut at a line break, and whether it is the whole text."""
    if len(text) <= _SNIFF_CHARS:
        return text, True
    head = text[:_SNIFF_CHARS]
    cut = head.rfind("\n")
    return (head[: cut + 1] if cut > 0 else head), False


def _sniff_delimiter(sample: str, complete: bool) -> str:
    """The delimiter that splits the first records into the most consistent field counts."""
    best, best_key = DELIMITERS[0], (False, 0.0, 0)
    for delimiter in DELIMITERS:
        counts = [count for count in _field_counts(sample, delimiter, complete) if count]
        if not counts:
            continue
        mode, hits = Counter(counts).most_common(1)[0]
        key = (mode > 1, hits / len(counts), mode)
        if key > best_key:
            best, best_key = delimiter, key
    return best


def _field_counts(sample: str, delimiter: str, complete: bool) -> list[int]:
    """Field counts of the non-blank records in the sample, honouring quotes (0 for blanks)."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=False)
    try:
        records = list(itertools.islice(reader, _SNIFF_RECORDS + 1))
    except csv.Error:
        return []
    if not complete and len(records) > 1:
        records = records[:-1]  # the last one may be cut in the middle
    return [len(r) if any(cell.strip() for cell in r) else 0 for r in records]


def _parse_delimited(
    payload: bytes, text: str, delimiter: str, width: int, name: str, first_line: int
) -> tuple[pd.DataFrame, np.ndarray]:
    """UTF-8 bytes (and their text) → a grid of str/None cells, one row per record or blank
    line, and which rows hold any cell."""
    _refuse_too_wide(width, name)
    try:
        return _read_csv(payload, delimiter, width)
    except pd.errors.ParserWarning:
        pass  # the first record is wider than the sample showed (a line longer than the sample)
    except pd.errors.ParserError as error:
        if "Expected" not in str(error):
            raise _parse_failure(name, error, text, delimiter, first_line) from error
    # A record further down is wider than the first ones: count once, slowly, and retry.
    try:
        widest = _widest_record(text, delimiter)
        _refuse_too_wide(widest, name)
        return _read_csv(payload, delimiter, widest)
    except (pd.errors.ParserError, pd.errors.ParserWarning, csv.Error) as error:
        raise _parse_failure(name, error, text, delimiter, first_line) from error


def _refuse_too_wide(width: int, name: str) -> None:
    """Raise UnreadableFile for a record with more columns than MAX_COLUMNS, before parsing."""
    if width > MAX_COLUMNS:
        raise too_many_columns(name, width)


def _read_csv(payload: bytes, delimiter: str, width: int) -> tuple[pd.DataFrame, np.ndarray]:
    """One fast pass of pandas' C parser over UTF-8 bytes; empty cells become None.

    Returns the grid and which of its rows hold any cell. Raises ParserWarning (as an
    error) when a record is wider than `width`: pandas would otherwise drop its last cells.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        grid = _read_csv_grid(payload, delimiter, width)
    # Without NA detection the parser gives "" for empty and missing cells alike (a short
    # record, a blank line); finding them once here is cheaper than isna on every column.
    filled = np.zeros(len(grid), dtype=bool)
    columns = {}
    for column in grid.columns:
        cells = grid[column].to_numpy(dtype=object, copy=True)
        empty = cells == ""
        cells[empty] = None
        filled |= ~empty
        columns[column] = cells
    return pd.DataFrame(columns, index=grid.index, columns=grid.columns, dtype=object), filled


def _read_csv_grid(payload: bytes, delimiter: str, width: int) -> pd.DataFrame:
    """pandas' C parser with every cell as a str ("" for empty cells; None is done after)."""
    return pd.read_csv(
        io.BytesIO(payload),
        encoding="utf-8",
        encoding_errors="replace",
        sep=delimiter,
        header=None,
        names=list(range(max(width, 1))),
        index_col=False,
        dtype=object,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,  # blank lines keep their place so row numbers stay true
        quotechar='"',
        doublequote=True,
        engine="c",
    )


def _widest_record(text: str, delimiter: str) -> int:
    """The largest field count of any record (a slow pass, used only after a parse error)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    return max((len(record) for record in reader), default=1)


def _parse_failure(
    name: str, error: Exception, text: str, delimiter: str, first_line: int
) -> UnreadableFile:
    """A pandas/csv parse error → a message a support lead can act on."""
    unclosed = re.search(r"EOF inside string starting at row (\d+)", str(error))
    if unclosed:
        line = _line_of_record(text, delimiter, int(unclosed.group(1))) + first_line - 1
        return UnreadableFile(
            f'{name} has a quote (") that is never closed, in the record starting on line '
            f"{line}: fix that cell or export the survey again."
        )
    return UnreadableFile(
        f"{name} could not be read as a table: export the survey again as CSV or XLSX."
    )


def _line_of_record(text: str, delimiter: str, index: int) -> int:
    """The line (from 1) where record `index` (from 0) starts; pandas counts records, not lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    line = 0
    for _ in itertools.islice(reader, index):
        line = reader.line_num
    return line + 1


def _record_starts(grid: pd.DataFrame, text: str, first_line: int) -> np.ndarray:
    """The spreadsheet row of each record of `grid`.

    A spreadsheet shows a quoted multi-line comment as one cell of one row, so rows count
    records (and blank lines), not physical lines.
    """
    return np.arange(len(grid), dtype=np.int64) + first_line
