"""SurveyTable: a survey file as strings, built from a grid of cells with header rows on top."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from cxcore.errors import UnreadableFile
from cxcore.ingest.layouts import read_header
from cxcore.ingest.messages import shorten

__all__ = [
    "MAX_CELLS",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_HEADER_CHARS",
    "MAX_WIDE_CELLS",
    "SurveyTable",
    "build_table",
    "huge_cell",
    "refuse_huge_cells",
    "too_many_columns",
]

# A million characters is far beyond any survey answer (Excel holds 32,767 in a cell);
# longer cells would stall scoring and the pages.
MAX_CELL_CHARS: Final = 1_000_000
# A column name is kept with every response whose column is not mapped (`extra`): a name
# this long is not a survey question but a cell pasted into the header, and is refused
# rather than cut (two cut names could become one, and a mapping would silently change).
MAX_HEADER_CHARS: Final = 2_000
# What a file may hold, so that an import ends in seconds (docs/benchmarks.md, "Wide
# files"): columns (Qualtrics exports of long surveys have a few hundred), cells (a million
# responses of 30 columns), and cells past the first NARROW_COLUMNS of each row, which are
# nearly all kept unmapped with every response and cost the most per cell.
MAX_COLUMNS: Final = 2_000
MAX_CELLS: Final = 30_000_000
NARROW_COLUMNS: Final = 50
MAX_WIDE_CELLS: Final = 2_000_000


@dataclass(frozen=True)
class SurveyTable:
    """A survey file read as strings, with where each record sits in the user's file."""

    frame: pd.DataFrame
    row_numbers: pd.Series
    layout: str
    header_hints: dict[str, str]
    encoding: str
    delimiter: str | None
    sheet: str | None
    timezone: str | None = None
    # What the reader should know of how the file was read (rows of two code pages), in
    # English: pages translate them (area "notice" of the catalog), the CLI prints them.
    notices: tuple[str, ...] = ()


def build_table(
    grid: pd.DataFrame,
    starts: np.ndarray,
    name: str,
    *,
    encoding: str,
    delimiter: str | None,
    sheet: str | None,
    filled: np.ndarray | None = None,
    notices: tuple[str, ...] = (),
) -> SurveyTable:
    """A grid of cells with header rows on top → SurveyTable of the records below them.

    `filled` (which rows hold any cell) is worked out from the grid when not given.
    """
    if filled is None:
        filled = grid.notna().any(axis=1).to_numpy(dtype=bool)
    if not filled.any():
        raise UnreadableFile(f"{name} is empty: export the survey again with its responses.")
    top = int(np.argmax(filled))
    head = [list(grid.iloc[index]) for index in range(top, min(top + 3, len(grid)))]
    header = read_header(head, len(grid.columns))
    _refuse_too_large(name, len(header.names), int(filled[top + header.rows :].sum()))
    for position, column in enumerate(header.names, start=1):
        if len(str(column)) > MAX_HEADER_CHARS:
            raise UnreadableFile(
                f"{name} has a column name of {len(str(column)):,} characters in column "
                f"{position}; the longest column name accepted is {MAX_HEADER_CHARS:,} "
                "characters: fix the header row or export the survey again."
            )
    begin = top + header.rows
    keep = filled[begin:]
    if not keep.any():
        raise UnreadableFile(
            f"{name} has a header but no responses: export the survey again with its responses."
        )
    body = grid.iloc[begin:]
    frame = (body if keep.all() else body[keep]).reset_index(drop=True)
    frame.columns = header.names
    rows = pd.Series(starts[begin:][keep], dtype="int64")
    return SurveyTable(
        frame=frame,
        row_numbers=rows,
        layout=header.layout,
        header_hints=header.hints,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
        timezone=header.timezone,
        notices=notices,
    )


def too_many_columns(name: str, width: int) -> UnreadableFile:
    """The error for a record wider than MAX_COLUMNS."""
    return UnreadableFile(
        f"{name} has a record of {width:,} columns; the most accepted is {MAX_COLUMNS:,}: "
        "remove the columns you do not need, or export fewer questions."
    )


def _refuse_too_large(name: str, columns: int, rows: int) -> None:
    """Raise UnreadableFile when `rows` records of `columns` columns exceed a limit above."""
    if columns > MAX_COLUMNS:
        raise too_many_columns(name, columns)
    if rows * columns > MAX_CELLS:
        raise UnreadableFile(
            f"{name} has {rows:,} rows of {columns:,} columns ({rows * columns:,} cells); the "
            f"most accepted is {MAX_CELLS:,} cells: split the export (e.g. by date range) and "
            "upload the parts one by one."
        )
    wide = rows * max(columns - NARROW_COLUMNS, 0)
    if wide > MAX_WIDE_CELLS:
        raise UnreadableFile(
            f"{name} has {rows:,} rows of {columns:,} columns; past its first {NARROW_COLUMNS} "
            f"columns a file may hold {MAX_WIDE_CELLS:,} cells ({wide:,} here): remove the "
            "columns you do not need, or split the export (e.g. by date range)."
        )


def refuse_huge_cells(table: SurveyTable, name: str) -> None:
    """Raise UnreadableFile when any cell holds more than MAX_CELL_CHARS characters."""
    for column in table.frame.columns:
        values = table.frame[column].to_numpy()
        longest = max(map(len, filter(None, values)), default=0)
        if longest > MAX_CELL_CHARS:
            position = next(i for i, value in enumerate(values) if value and len(value) == longest)
            row = int(table.row_numbers.iloc[position])
            raise huge_cell(name, longest, row, str(column))


def huge_cell(name: str, length: int, row: int, column: str) -> UnreadableFile:
    """The error for a cell longer than MAX_CELL_CHARS, naming its row and column."""
    return UnreadableFile(
        f'{name} has a cell of {length:,} characters in row {row}, column "{shorten(column)}"; '
        f"the longest cell accepted is {MAX_CELL_CHARS:,} characters: fix that cell or export "
        "the survey again."
    )
