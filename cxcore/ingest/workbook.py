"""XLSX bytes → SurveyTable from one sheet, refusing broken workbooks and zip bombs."""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from typing import Any, Final

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from cxcore.errors import UnreadableFile
from cxcore.ingest.messages import MB, megabytes, shorten
from cxcore.ingest.table import MAX_CELL_CHARS, SurveyTable, build_table, huge_cell

__all__ = ["looks_like_workbook", "open_workbook", "read_workbook"]

_MAX_UNZIPPED: Final = 1024 * MB
_MAX_RATIO: Final = 200
_RATIO_FLOOR: Final = 10 * MB  # small members compress well without being a threat
_XLSX_SUFFIXES: Final = (".xlsx", ".xlsm")
# Rows × columns of one sheet: 200,000 responses of 25 columns, which openpyxl reads in
# about 20 s here (docs/benchmarks.md); larger surveys come as CSV. A tiny XLSX can declare
# a cell at XFD1048576 and would otherwise unfold into 17 billion empty cells.
_MAX_SHEET_CELLS: Final = 5_000_000
_ZIP: Final = b"PK\x03\x04"


def looks_like_workbook(data: bytes, filename: str) -> bool:
    """A ZIP container, or a name ending in .xlsx/.xlsm."""
    return data.startswith(_ZIP) or filename.lower().endswith(_XLSX_SUFFIXES)


def read_workbook(data: bytes, name: str, sheet: str | None) -> SurveyTable:
    """XLSX bytes → SurveyTable from the chosen sheet or the first one with data."""
    workbook = open_workbook(data, name)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; none matter for values.
            warnings.simplefilter("ignore")
            used, rows = _sheet_with_data(workbook, name, sheet)
    except UnreadableFile:
        raise
    except Exception as error:  # openpyxl raises many types for damaged XML
        raise _broken_workbook(name) from error
    finally:
        workbook.close()
    width = max((len(row) for row in rows), default=0)
    if len(rows) * width > _MAX_SHEET_CELLS:
        raise _sheet_too_large(name, used)
    grid = pd.DataFrame([[*row, *[None] * (width - len(row))] for row in rows], dtype=object)
    starts = np.arange(1, len(grid) + 1, dtype=np.int64)
    return build_table(grid, starts, name, encoding="xlsx", delimiter=None, sheet=used)


def open_workbook(data: bytes, name: str) -> openpyxl.Workbook:
    """Open XLSX bytes read-only after checking the ZIP is not a bomb."""
    _check_archive(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises KeyError, ValueError, BadZipFile, ...
        raise _broken_workbook(name) from error


def _check_archive(data: bytes, name: str) -> None:
    """Refuse a damaged ZIP, a ZIP that is no workbook, or one that unpacks too far."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception as error:  # a damaged directory raises BadZipFile, NotImplementedError, ...
        raise _broken_workbook(name) from error
    if not any(member.filename.startswith("xl/") for member in members):
        raise UnreadableFile(
            f"{name} is a ZIP archive but not an Excel workbook: "
            "unpack it and upload the CSV or XLSX file inside."
        )
    if sum(member.file_size for member in members) > _MAX_UNZIPPED:
        raise UnreadableFile(
            f"{name} would unpack to more than {megabytes(_MAX_UNZIPPED)} MB: "
            "split the survey export into smaller files, or export it as CSV."
        )
    if any(_swollen(member) for member in members):
        raise UnreadableFile(
            f"{name} is compressed more than {_MAX_RATIO}-fold, which a normal workbook never is: "
            "open it in Excel and save it again, or export the survey as CSV."
        )


def _swollen(member: zipfile.ZipInfo) -> bool:
    """A large member compressed beyond any real sheet: the mark of a zip bomb."""
    return member.file_size > _RATIO_FLOOR and member.file_size > _MAX_RATIO * max(
        member.compress_size, 1
    )


def _broken_workbook(name: str) -> UnreadableFile:
    """The error for an XLSX that cannot be opened."""
    return UnreadableFile(
        f"{name} is not a valid Excel workbook (it is damaged or not really .xlsx): "
        "open it in Excel and save it as .xlsx again, or export the survey as CSV."
    )


def _sheet_with_data(
    workbook: openpyxl.Workbook, name: str, sheet: str | None
) -> tuple[str, list[list[str | None]]]:
    """The chosen sheet's rows, or the first sheet that has any value."""
    if sheet is not None:
        if sheet not in workbook.sheetnames:
            available = ", ".join(f'"{title}"' for title in workbook.sheetnames)
            raise UnreadableFile(f'{name} has no sheet "{sheet}": choose one of {available}.')
        rows = _sheet_rows(workbook[sheet], name)
        if not _has_value(rows):
            raise UnreadableFile(
                f'Sheet "{sheet}" of {name} is empty: choose the sheet that holds the responses.'
            )
        return sheet, rows
    for title in workbook.sheetnames:
        rows = _sheet_rows(workbook[title], name)
        if _has_value(rows):
            return title, rows
    raise UnreadableFile(
        f"{name} has no data in any sheet: export the survey again with its responses."
    )


def _has_value(rows: list[list[str | None]]) -> bool:
    """True when any cell holds a value."""
    return any(any(cell is not None for cell in row) for row in rows)


def _sheet_rows(worksheet: Any, name: str) -> list[list[str | None]]:
    """Every row of a read-only sheet from row 1, cells as text (missing rows come back empty)."""
    reset = getattr(worksheet, "reset_dimensions", None)
    if reset is not None:
        reset()  # stored dimensions can be wrong and would cut rows off
    rows: list[list[str | None]] = []
    cells = 0
    for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
        cells += len(row) + 1  # empty rows count too: a stray cell far below makes millions
        if cells > _MAX_SHEET_CELLS:
            raise _sheet_too_large(name, worksheet.title)
        texts = [_cell_text(value) for value in row]
        # Checked as each row is read, whatever the file's size: a small workbook
        # compresses a cell of a hundred million characters 150-fold.
        for column, text in enumerate(texts):
            if text is not None and len(text) > MAX_CELL_CHARS:
                raise huge_cell(name, len(text), number, get_column_letter(column + 1))
        rows.append(texts)
    return rows


def _sheet_too_large(name: str, sheet: str) -> UnreadableFile:
    """The error for a sheet whose cells would fill more memory than any survey needs."""
    return UnreadableFile(
        f'Sheet "{shorten(sheet)}" of {name} spans more than {_MAX_SHEET_CELLS:,} cells '
        "(often a stray value far below or right of the data): delete the empty rows and "
        "columns around the responses, or export the survey as CSV."
    )


def _cell_text(value: object) -> str | None:
    """An Excel cell value → the text a CSV export would hold (None when empty)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.datetime):
        rounded = value + dt.timedelta(microseconds=500_000)  # Excel stores fractions of days
        return rounded.replace(microsecond=0, tzinfo=None).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return f"{value.isoformat()} 00:00:00"
    if isinstance(value, dt.time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    return text if text else None
