"""Survey export bytes → SurveyTable, every cell a string: the entry point of the readers.

Reads CSV, TSV, ";"- and "|"-separated text in UTF-8 (with or without BOM), UTF-16,
Windows-1254 (Turkish), Windows-1250 (Czech) or cp1252, and XLSX workbooks. Recognises the
header rows of Qualtrics, SurveyMonkey, Google Forms, Typeform, Zendesk, Delighted and
Microsoft Forms exports by their stable machine headers. Every cell stays a string here;
validation coerces scores and dates later. Only the reading modules touch bytes:
`decoding` (bytes → text), `delimited` (text → table), `workbook` (XLSX → table),
`layouts` (header rows → names) and `table` (the SurveyTable they build).

Errors (from cxcore.errors):

    SurveyFileError
    ├── UnreadableFile   empty, header only, binary, broken workbook, not a table,
    │                    too many columns, a cell too long to be a survey answer
    └── FileTooLarge     over the max_bytes or max_rows limit
"""

from __future__ import annotations

from cxcore.errors import FileTooLarge, UnreadableFile
from cxcore.ingest.decoding import refuse_known_binaries
from cxcore.ingest.delimited import DELIMITERS, read_text
from cxcore.ingest.layouts import LAYOUTS
from cxcore.ingest.messages import display_name, megabytes
from cxcore.ingest.table import MAX_CELL_CHARS, SurveyTable, refuse_huge_cells
from cxcore.ingest.workbook import looks_like_workbook, open_workbook, read_workbook

__all__ = ["DELIMITERS", "LAYOUTS", "SurveyTable", "list_sheets", "read_survey"]


def read_survey(
    data: bytes,
    filename: str = "",
    sheet: str | None = None,
    *,
    max_bytes: int | None = None,
    max_rows: int | None = None,
) -> SurveyTable:
    """Survey export bytes (CSV/TSV/XLSX) → SurveyTable; raises UnreadableFile or FileTooLarge."""
    name = display_name(filename)
    if max_bytes is not None and len(data) > max_bytes:
        raise FileTooLarge(
            f"{name} is {megabytes(len(data))} MB, over the {megabytes(max_bytes)} MB limit: "
            "split the export (e.g. by date range) and upload the parts one by one."
        )
    if not data.strip():
        raise UnreadableFile(f"{name} is empty: export the survey again with its responses.")
    refuse_known_binaries(data, name)
    if looks_like_workbook(data, filename):
        table, cells_fit = read_workbook(data, name, sheet), False
    else:
        table, cells_fit = read_text(data, name)
    if max_rows is not None and len(table.frame) > max_rows:
        raise FileTooLarge(
            f"{name} has {len(table.frame):,} rows, over the {max_rows:,} row limit: "
            "split the export (e.g. by date range) and upload the parts one by one."
        )
    if len(data) > MAX_CELL_CHARS and not cells_fit:  # a smaller file cannot hold a longer cell
        refuse_huge_cells(table, name)
    return table


def list_sheets(data: bytes, filename: str = "") -> list[str]:
    """Sheet names of an XLSX workbook; [] for text files and for files that cannot be opened."""
    if not looks_like_workbook(data, filename):
        return []
    try:
        workbook = open_workbook(data, display_name(filename))
    except UnreadableFile:
        return []  # read_survey explains the problem; a sheet picker has nothing to offer
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()
