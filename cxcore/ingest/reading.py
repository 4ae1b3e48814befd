"""Survey export bytes → a table of strings; the only cxcore module that touches bytes.

Reads CSV, TSV, ";"- and "|"-separated text in UTF-8 (with or without BOM), UTF-16,
Windows-1254 (Turkish), Windows-1250 (Czech) or cp1252, and XLSX workbooks. Recognises the
header rows of Qualtrics, SurveyMonkey, Google Forms, Typeform, Zendesk, Delighted and
Microsoft Forms exports by their stable machine headers. Every cell stays a string here;
validation coerces scores and dates later.

Errors (from cxcore.errors):

    SurveyFileError
    ├── UnreadableFile   empty, header only, binary, broken workbook, not a table,
    │                    too many columns, a cell too long to be a survey answer
    └── FileTooLarge     over the max_bytes or max_rows limit
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Final

import numpy as np
import openpyxl
import pandas as pd

from cxcore.errors import FileTooLarge, UnreadableFile

__all__ = ["DELIMITERS", "LAYOUTS", "SurveyTable", "list_sheets", "read_survey"]

LAYOUTS: Final[tuple[str, ...]] = (
    "qualtrics",
    "qualtrics_legacy",
    "surveymonkey",
    "google_forms",
    "typeform",
    "zendesk",
    "delighted",
    "ms_forms",
    "plain",
)
# In order of preference when two fit a file equally well.
DELIMITERS: Final[tuple[str, ...]] = (",", ";", "\t", "|")

_SNIFF_CHARS: Final = 64 * 1024
_SNIFF_RECORDS: Final = 50
_MB: Final = 1024 * 1024
_MAX_UNZIPPED: Final = 1024 * _MB
_MAX_RATIO: Final = 200
_RATIO_FLOOR: Final = 10 * _MB  # small members compress well without being a threat
_XLSX_SUFFIXES: Final = (".xlsx", ".xlsm")
# Excel's own sheet width: a wider record means a wrong delimiter or a hostile file.
_MAX_COLUMNS: Final = 16_384
# A million characters is far beyond any survey answer (Excel holds 32,767 in a cell);
# longer cells would stall scoring and the pages.
_MAX_CELL_CHARS: Final = 1_000_000
# Rows × columns of one sheet: 2 million responses of 25 columns; a tiny XLSX can declare a
# cell at XFD1048576 and would otherwise unfold into 17 billion empty cells.
_MAX_SHEET_CELLS: Final = 50_000_000

# Letters that only one of the candidate code pages produces, by language.
_TURKISH: Final = frozenset("ıİğĞşŞ")
_CZECH: Final = frozenset("řŘěĚůŮčČťŤďĎňŇ")
# What the other code page makes of those bytes: letters Turkish lacks (a Czech file read as
# cp1254 shows ì ø è ù ò ï) and letters Czech lacks (a Turkish or Western file read as
# cp1250 shows đ ţ ŕ ń ű ...).
_NOT_TURKISH: Final = frozenset("ìòùøèïõãåæœšžŸÌÒÙØÈÏÕÃÅÆŒŠŽ")
_NOT_CZECH: Final = frozenset("ŕŔĺĹľĽąĄęĘńŃőŐűŰăĂţŢłŁśŚźŹżŻđĐşŞ")

_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
)
_ASCII: Final = bytes(range(0x80))
_OLE2: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP: Final = b"PK\x03\x04"

_SURVEYMONKEY_META: Final = 9  # Respondent ID … Custom Data 1
# Google Forms writes the first header in the form's language.
_TIMESTAMP_HEADERS: Final = frozenset({"timestamp", "zaman damgası", "časová značka"})
_MS_FORMS_HEADERS: Final = ("id", "start time", "completion time", "email", "name")
_IMPORT_ID: Final = re.compile(r'^\s*\{\s*"ImportId"')
_SEP_LINE: Final = re.compile(r"sep=(.)\r?\n?")
_NEWLINES: Final = re.compile(r"\s*[\r\n]+\s*")


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


@dataclass(frozen=True)
class _Header:
    """Column names and hints worked out from a file's header rows."""

    layout: str
    rows: int
    names: list[str]
    hints: dict[str, str] = field(default_factory=dict)
    timezone: str | None = None


def read_survey(
    data: bytes,
    filename: str = "",
    sheet: str | None = None,
    *,
    max_bytes: int | None = None,
    max_rows: int | None = None,
) -> SurveyTable:
    """Survey export bytes (CSV/TSV/XLSX) → SurveyTable; raises UnreadableFile or FileTooLarge."""
    name = _display_name(filename)
    if max_bytes is not None and len(data) > max_bytes:
        raise FileTooLarge(
            f"{name} is {_megabytes(len(data))} MB, over the {_megabytes(max_bytes)} MB limit: "
            "split the export (e.g. by date range) and upload the parts one by one."
        )
    if not data.strip():
        raise UnreadableFile(f"{name} is empty: export the survey again with its responses.")
    _refuse_known_binaries(data, name)
    if _looks_like_workbook(data, filename):
        table, cells_fit = _read_workbook(data, name, sheet), False
    else:
        table, cells_fit = _read_text(data, name)
    if max_rows is not None and len(table.frame) > max_rows:
        raise FileTooLarge(
            f"{name} has {len(table.frame):,} rows, over the {max_rows:,} row limit: "
            "split the export (e.g. by date range) and upload the parts one by one."
        )
    if len(data) > _MAX_CELL_CHARS and not cells_fit:  # a smaller file cannot hold a longer cell
        _refuse_huge_cells(table, name)
    return table


def list_sheets(data: bytes, filename: str = "") -> list[str]:
    """Sheet names of an XLSX workbook; [] for text files and for files that cannot be opened."""
    if not _looks_like_workbook(data, filename):
        return []
    try:
        workbook = _open_workbook(data, _display_name(filename))
    except UnreadableFile:
        return []  # read_survey explains the problem; a sheet picker has nothing to offer
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


# --- text files -------------------------------------------------------------------------


def _read_text(data: bytes, name: str) -> tuple[SurveyTable, bool]:
    """Decode, sniff and parse a delimited text file; also whether its bytes alone show that
    no cell can be longer than _MAX_CELL_CHARS (else read_survey measures every cell)."""
    text, encoding = _decode(data, name)
    _refuse_non_table_text(text, name)
    delimiter, body, first_line = _declared_delimiter(_unify_line_breaks(text))
    sample, complete = _sample(body)
    if delimiter is None:
        delimiter = _sniff_delimiter(sample, complete)
    width = max(_field_counts(sample, delimiter, complete), default=1)
    payload = _utf8(data, encoding, body, text)
    grid, filled = _parse_delimited(payload, body, delimiter, width, name, first_line)
    starts = _record_starts(grid, body, first_line)
    table = _build_table(
        grid, starts, name, encoding=encoding, delimiter=delimiter, sheet=None, filled=filled
    )
    return table, _cells_fit(payload, len(grid))


def _cells_fit(payload: bytes, records: int) -> bool:
    """True when no cell of the `records` parsed from `payload` can exceed _MAX_CELL_CHARS.

    A cell lies between line breaks (CR, LF or CRLF) except where it holds some itself; the
    breaks inside cells are at most those left over after one ends each record. So a cell is
    at most (inside breaks + 1) × (longest run between breaks + 2) bytes, and a character is
    at least a byte. Measuring every cell of a million rows takes a second; this, a tenth.
    """
    if len(payload) <= _MAX_CELL_CHARS:
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
    return (inside + 1) * (longest + 2) <= _MAX_CELL_CHARS


def _utf8(data: bytes, encoding: str, body: str, text: str) -> bytes:
    """UTF-8 bytes of `body` for pandas, reusing the upload when it already is exactly that."""
    # pandas parses bytes about four times faster than a str; skip re-encoding when we can.
    if body is text and encoding == "utf-8":
        return data
    if body is text and encoding == "utf-8-sig":
        return data[3:]
    return body.encode("utf-8")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes → text and the encoding used: BOM, then strict UTF-8, then a code page."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(data, "utf-16", name), "utf-16"
    bomless = _bomless_utf16(data)
    if bomless:
        return _decode_utf16(data, bomless, name), bomless
    if b"\x00" in data:
        raise _binary(name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_mixed(data) or _decode_code_page(data)


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """Lines in UTF-8 and lines in a code page (files pasted together) → text; None if not mixed.

    Each line is decoded on its own: UTF-8 when it is valid UTF-8, else the code page
    that the other lines' letters point to. Encoding is reported as e.g. 'utf-8+cp1254'.
    """
    if not _has_utf8_letters(data):
        return None
    lines = data.split(b"\n")  # 0x0A is a line break in UTF-8 and in every code page here
    legacy: list[int] = []
    utf8_letters = False
    for index, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            legacy.append(index)
        else:
            utf8_letters = True
    if not utf8_letters or not legacy:
        return None
    _, code_page = _decode_code_page(b"\n".join(lines[index] for index in legacy))
    decoded = [line.decode("utf-8") if line.isascii() else "" for line in lines]
    legacy_set = set(legacy)
    for index, line in enumerate(lines):
        if not line.isascii():
            decoded[index] = (
                line.decode(code_page, errors="replace")
                if index in legacy_set
                else line.decode("utf-8")
            )
    return "\n".join(decoded), f"utf-8+{code_page}"


def _has_utf8_letters(data: bytes) -> bool:
    """True when some byte 0xC2-0xF4 is followed by a continuation byte: a UTF-8 letter."""
    # numpy over the non-ASCII bytes only: a regex takes seconds on a 100 MB code-page file.
    codes = np.frombuffer(data, dtype=np.uint8)
    high = np.flatnonzero(codes >= 0x80)
    leads = high[(codes[high] >= 0xC2) & (codes[high] <= 0xF4)] + 1
    leads = leads[leads < len(codes)]
    return bool(((codes[leads] & 0xC0) == 0x80).any())


def _decode_utf16(data: bytes, encoding: str, name: str) -> str:
    """UTF-16 bytes → text, refusing a truncated file."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"{name} is not valid UTF-16 text (it may be cut short): "
            "save it again from Excel as CSV UTF-8 and upload that."
        ) from error


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte of the start is NUL, else None."""
    head = data[:1024]
    if len(head) < 4 or len(head) % 2:
        return None
    if head[1::2].count(0) > 0.9 * len(head[1::2]) and head[0::2].count(0) == 0:
        return "utf-16-le"
    if head[0::2].count(0) > 0.9 * len(head[0::2]) and head[1::2].count(0) == 0:
        return "utf-16-be"
    return None


def _decode_code_page(data: bytes) -> tuple[str, str]:
    """Bytes that are not UTF-8 → text in the likeliest Windows code page."""
    turkish = _letter_score(data, "cp1254", _TURKISH, _NOT_TURKISH)
    czech = _letter_score(data, "cp1250", _CZECH, _NOT_CZECH)
    # Turkish first on a tie: cp1250 reads Turkish ı ş ğ as ý ţ đ and still decodes, while
    # cp1254 cannot decode Czech ť ž (0x9D, 0x9E) at all, so Czech files rarely tie.
    ranked = sorted([(turkish, 0, "cp1254"), (czech, 1, "cp1250")], key=lambda c: (-c[0], c[1]))
    candidates = [encoding for score, _, encoding in ranked if score > 0]
    for encoding in [*candidates, "cp1252"]:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"  # never fails: every byte is a character


def _letter_score(
    data: bytes, encoding: str, typical: frozenset[str], foreign: frozenset[str]
) -> int:
    """Typical letters minus foreign ones when `data` is read in `encoding` (bytes ≥ 0x80)."""
    high = data.translate(None, _ASCII)  # only bytes >= 0x80 differ between code pages
    score = 0
    for byte in range(0x80, 0x100):
        try:
            char = bytes([byte]).decode(encoding)
        except UnicodeDecodeError:
            continue
        if char in typical:
            score += high.count(byte)
        elif char in foreign:
            score -= high.count(byte)
    return score


def _refuse_non_table_text(text: str, name: str) -> None:
    """Raise UnreadableFile for text that is binary, blank, markup or JSON."""
    head = text[:_SNIFF_CHARS]
    if "\x00" in text or _control_share(head) > 0.01:
        raise _binary(name)
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
    """Raise UnreadableFile for a record with more columns than a spreadsheet holds."""
    if width > _MAX_COLUMNS:
        raise UnreadableFile(
            f"{name} has a record of {width:,} columns, more than the {_MAX_COLUMNS:,} "
            "a spreadsheet can hold: check that it is the survey export, or export it again."
        )


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


# --- workbooks --------------------------------------------------------------------------


def _looks_like_workbook(data: bytes, filename: str) -> bool:
    """A ZIP container, or a name ending in .xlsx/.xlsm."""
    return data.startswith(_ZIP) or filename.lower().endswith(_XLSX_SUFFIXES)


def _read_workbook(data: bytes, name: str, sheet: str | None) -> SurveyTable:
    """XLSX bytes → SurveyTable from the chosen sheet or the first one with data."""
    workbook = _open_workbook(data, name)
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
    return _build_table(grid, starts, name, encoding="xlsx", delimiter=None, sheet=used)


def _open_workbook(data: bytes, name: str) -> openpyxl.Workbook:
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
            f"{name} would unpack to more than {_megabytes(_MAX_UNZIPPED)} MB: "
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
    for row in worksheet.iter_rows(values_only=True):
        cells += len(row) + 1  # empty rows count too: a stray cell far below makes millions
        if cells > _MAX_SHEET_CELLS:
            raise _sheet_too_large(name, worksheet.title)
        rows.append([_cell_text(value) for value in row])
    return rows


def _sheet_too_large(name: str, sheet: str) -> UnreadableFile:
    """The error for a sheet whose cells would fill more memory than any survey needs."""
    return UnreadableFile(
        f'Sheet "{_short(sheet)}" of {name} spans more than {_MAX_SHEET_CELLS:,} cells '
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


# --- header rows and layouts ------------------------------------------------------------


def _build_table(
    grid: pd.DataFrame,
    starts: np.ndarray,
    name: str,
    *,
    encoding: str,
    delimiter: str | None,
    sheet: str | None,
    filled: np.ndarray | None = None,
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
    header = _read_header(head, len(grid.columns))
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
    )


def _read_header(head: list[list[str | None]], width: int) -> _Header:
    """Layout, column names and hints from the first (up to three) records."""
    rows = [[_clean_header(cell) for cell in row] for row in head]
    layout = _detect_layout(rows)
    if layout == "qualtrics":
        return _qualtrics_header(rows, width)
    if layout == "qualtrics_legacy" and len(rows) > 1:
        return _legacy_header(rows, width)
    if layout == "surveymonkey" and len(rows) > 1 and not any(rows[1][:_SURVEYMONKEY_META]):
        return _surveymonkey_header(rows, width)
    timezone = "UTC" if layout == "typeform" and any(h.endswith("(UTC)") for h in rows[0]) else None
    return _Header(layout, 1, _unique_names(rows[0], width), timezone=timezone)


def _detect_layout(rows: list[list[str]]) -> str:
    """Which tool exported the file, judged by its stable machine headers."""
    first = rows[0]
    lower = [cell.casefold() for cell in first]
    names = set(lower)
    third = rows[2] if len(rows) > 2 else []
    if any(_IMPORT_ID.match(cell) for cell in third[:3]):
        return "qualtrics"
    if lower[:2] == ["v1", "v2"]:
        return "qualtrics_legacy"
    if lower[:2] == ["respondent id", "collector id"]:
        return "surveymonkey"
    if lower and lower[0] in _TIMESTAMP_HEADERS:
        return "google_forms"
    if first and first[0] == "#" and names & {"submit date (utc)", "network id"}:
        return "typeform"
    if tuple(lower[: len(_MS_FORMS_HEADERS)]) == _MS_FORMS_HEADERS:
        return "ms_forms"
    if {"survey_type", "score", "created_at"} <= names:
        return "delighted"
    if {"score", "comment", "created_at"} <= names and names & {"ticket_id", "reason"}:
        return "zendesk"
    return "plain"


def _qualtrics_header(rows: list[list[str]], width: int) -> _Header:
    """Names from row 1 (export tags); hints from row 2 labels and row 3 ImportIds."""
    names = _unique_names(rows[0], width)
    hints: dict[str, str] = {}
    timezone = None
    for position, column in enumerate(names):
        label = _at(rows[1], position)
        import_id, zone = _import_metadata(_at(rows[2], position))
        timezone = timezone or zone
        parts = [part for part in (label, import_id) if part and part != column]
        if parts:
            hints[column] = " | ".join(parts)
    return _Header("qualtrics", 3, names, hints, timezone)


def _import_metadata(cell: str) -> tuple[str, str | None]:
    """A Qualtrics row-3 cell {"ImportId": ..., "timeZone": ...} → (ImportId, timeZone)."""
    try:
        meta = json.loads(cell)
    except ValueError:
        return cell, None
    if not isinstance(meta, dict):
        return cell, None
    zone = meta.get("timeZone")
    return str(meta.get("ImportId", "")), (str(zone) if zone else None)


def _legacy_header(rows: list[list[str]], width: int) -> _Header:
    """Names from the row-2 labels (row 1 is only V1, V2, ...); hints from row 1."""
    labels = [_at(rows[1], i) or _at(rows[0], i) for i in range(width)]
    names = _unique_names(labels, width)
    hints = {
        column: tag
        for position, column in enumerate(names)
        if (tag := _at(rows[0], position)) and tag != column
    }
    return _Header("qualtrics_legacy", 2, names, hints)


def _surveymonkey_header(rows: list[list[str]], width: int) -> _Header:
    """Question text over its first column; 'question – sublabel' for continuation columns."""
    labels: list[str] = []
    hints: list[str] = []
    question = ""
    for position in range(width):
        top, sub = _at(rows[0], position), _at(rows[1], position)
        if top or position < _SURVEYMONKEY_META:
            question = top
            labels.append(top)
            hints.append(sub)
        else:
            labels.append(f"{question} – {sub}" if question and sub else question or sub)
            hints.append(question)
    names = _unique_names(labels, width)
    pairs = {column: hint for column, hint in zip(names, hints, strict=True) if hint}
    return _Header("surveymonkey", 2, names, pairs)


def _clean_header(cell: object) -> str:
    """Header text without BOM, line breaks or surrounding spaces ('' when empty)."""
    if cell is None:
        return ""
    return _NEWLINES.sub(" ", str(cell).replace("\ufeff", "")).strip()


def _at(row: Sequence[str], position: int) -> str:
    """The cell at `position`, or '' past the end of a short row."""
    return row[position] if position < len(row) else ""


def _unique_names(headers: Sequence[str], width: int) -> list[str]:
    """Headers padded to `width`, blanks named 'Column N', repeats 'Q1 (2)', 'Q1 (3)'."""
    names: list[str] = []
    seen: set[str] = set()
    next_copy: dict[str, int] = {}  # so thousands of equal headers stay linear
    for position in range(width):
        base = _at(headers, position) or f"Column {position + 1}"
        name, copy = base, next_copy.get(base, 2)
        while name in seen:
            name, copy = f"{base} ({copy})", copy + 1
        next_copy[base] = copy
        seen.add(name)
        names.append(name)
    return names


# --- messages ---------------------------------------------------------------------------


def _display_name(filename: str) -> str:
    """The file's own name for messages, without folders."""
    return PurePath(filename).name if filename else "The file"


def _megabytes(size: int) -> str:
    """A byte count as MB for messages: '200', '1.5', '0.25'."""
    mb = size / _MB
    if mb >= 1:
        return f"{mb:,.1f}".removesuffix(".0")
    return f"{mb:.2g}"


def _refuse_huge_cells(table: SurveyTable, name: str) -> None:
    """Raise UnreadableFile when any cell holds more than _MAX_CELL_CHARS characters."""
    for column in table.frame.columns:
        values = table.frame[column].to_numpy()
        longest = max(map(len, filter(None, values)), default=0)
        if longest > _MAX_CELL_CHARS:
            position = next(i for i, value in enumerate(values) if value and len(value) == longest)
            raise UnreadableFile(
                f"{name} has a cell of {longest:,} characters in row "
                f'{int(table.row_numbers.iloc[position])}, column "{_short(column)}"; the longest '
                f"cell accepted is {_MAX_CELL_CHARS:,} characters: fix that cell or export the "
                "survey again."
            )


def _short(text: str, limit: int = 60) -> str:
    """Text cut to `limit` characters for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _binary(name: str) -> UnreadableFile:
    """The error for bytes that are not text."""
    return UnreadableFile(
        f"{name} is not a text or Excel file (it contains binary data): "
        "upload the survey export as CSV or XLSX."
    )


def _refuse_known_binaries(data: bytes, name: str) -> None:
    """Raise a precise UnreadableFile for images, PDFs and old .xls workbooks."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise UnreadableFile(
                f"{name} is {kind}, not a survey export: upload the responses as CSV or XLSX."
            )
    if data.startswith(_OLE2):
        raise UnreadableFile(
            f"{name} is an Excel 97-2003 (.xls) or password-protected workbook: "
            "open it in Excel and save it as .xlsx without a password, or as CSV."
        )
