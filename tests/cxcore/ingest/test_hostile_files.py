"""Hostile and broken files (issue 8, point 1): a clear message, and the database unchanged.

Each file is built here. Each goes through the one import path (`pipeline.import_file`)
into a real SQLite file that already holds an import; after a refusal the database must
dump to exactly the same SQL as before.
"""

from __future__ import annotations

import io
import sqlite3
import struct
import zipfile
import zlib

import pytest

import db
from cxcore.errors import FileTooLarge, SurveyFileError, UnreadableFile
from cxcore.filters import Filters
from cxcore.ingest import pipeline
from tests.survey_files import random_bytes, xlsx_file

MB = 1024 * 1024
GOOD = b"response_id,nps,comment\r\nR1,9,Kargo hizliydi\r\nR2,3,Fatura yanlis geldi\r\n"
BINARY = (
    "{} is not a text or Excel file (it contains binary data): "
    "upload the survey export as CSV or XLSX."
)
NO_RESPONSES = "{} has a header but no responses: export the survey again with its responses."
BROKEN = (
    "{} is not a valid Excel workbook (it is damaged or not really .xlsx): "
    "open it in Excel and save it as .xlsx again, or export the survey as CSV."
)


@pytest.fixture
def stocked(engine):
    """An engine whose database already holds one good import."""
    pipeline.import_file(GOOD, "first.csv", engine=engine)
    return engine


def _dump(engine) -> str:
    """Every table's schema and rows as SQL text."""
    path = engine.url.database
    with sqlite3.connect(path) as conn:
        return "\n".join(conn.iterdump())


def _refused(engine, data: bytes, filename: str) -> SurveyFileError:
    """Import `data`, expect a refusal, and check the database did not change."""
    before = _dump(engine)
    with pytest.raises(SurveyFileError) as raised:
        pipeline.import_file(data, filename, engine=engine)
    assert _dump(engine) == before
    return raised.value


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _zeros_deflated(size: int) -> tuple[bytes, int]:
    """`size` zero bytes deflated (raw, as ZIP stores them) without holding them, and their CRC."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(MB)
    parts, crc = [], 0
    for _ in range(size // MB):
        parts.append(packer.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    parts.append(packer.flush())
    return b"".join(parts), crc


def _bomb_workbook(inflated: int, declared: int) -> bytes:
    """A small .xlsx whose sheet inflates to `inflated` bytes but declares `declared`."""
    base = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    body, crc = _zeros_deflated(inflated)
    name = b"xl/worksheets/sheet1.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source:
        infos = [(info, source.read(info.filename)) for info in source.infolist()]
    central, offset = [], 0
    for info, content in infos:
        stored = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = stored.compress(content) + stored.flush()
        entry = (info.filename.encode(), packed, zlib.crc32(content), len(content))
        central.append((*entry, offset))
        offset += buffer.write(_local_header(*entry) + packed)
    central.append((name, body, crc, declared, offset))
    buffer.write(_local_header(name, body, crc, declared) + body)
    start = buffer.tell()
    for filename, packed, member_crc, size, at in central:
        buffer.write(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0,
                member_crc,
                len(packed),
                size,
                len(filename),
                0,
                0,
                0,
                0,
                0,
                at,
            )
            + filename
        )
    end = buffer.tell()
    buffer.write(
        struct.pack(
            "<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), end - start, start, 0
        )
    )
    return buffer.getvalue()


def _local_header(name: bytes, packed: bytes, crc: int, size: int) -> bytes:
    return (
        struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(packed), size, len(name), 0
        )
        + name
    )


def _stray_cell_workbook() -> bytes:
    """A few-KB .xlsx with one value at XFD1048576: 17 billion cells if unfolded."""
    good = xlsx_file({"Yanıtlar": [["score", "comment"], [9, "ok"]]})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                stray = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'
                content = content.replace(b"</sheetData>", stray + b"</sheetData>")
            target.writestr(info, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


REFUSED = [
    pytest.param(
        b"", "a.csv", "a.csv is empty: export the survey again with its responses.", id="empty"
    ),
    pytest.param(b"nps,comment\r\n", "h.csv", NO_RESPONSES.format("h.csv"), id="header only"),
    pytest.param(random_bytes(64 * 1024), "b.csv", BINARY.format("b.csv"), id="binary"),
    pytest.param(
        b"nps,comment\r\n9,good\r\n8,fine\x00\x00 again\r\n",
        "n.csv",
        BINARY.format("n.csv"),
        id="NUL",
    ),
    pytest.param(
        b'nps,comment\r\n9,"fine"\r\n3,"the quote never\r\ncloses\r\n',
        "q.csv",
        'q.csv has a quote (") that is never closed, in the record starting on line 3: '
        "fix that cell or export the survey again.",
        id="unterminated quote",
    ),
    pytest.param(
        b'nps,comment\r\n9,"' + b"a" * (100 * MB) + b'"\r\n',
        "field.csv",
        'field.csv has a cell of 104,857,600 characters in row 2, column "comment"; the longest '
        "cell accepted is 1,000,000 characters: fix that cell or export the survey again.",
        id="100 MB single field",
    ),
    pytest.param(
        b"nps," + b"x" * (10 * MB),
        "line.csv",
        "line.csv has a column name of 10,485,760 characters in column 2; the longest column "
        "name accepted is 2,000 characters: fix the header row or export the survey again.",
        id="10 MB one line, header only",
    ),
    pytest.param(
        b"9,abc," * (10 * MB // 6),
        "line.csv",
        "line.csv has a record of 3,495,253 columns; the most accepted is 2,000: remove the "
        "columns you do not need, or export fewer questions.",
        id="10 MB one line of cells",
    ),
    pytest.param(
        _bomb_workbook(300 * MB, 300 * MB),
        "bomb.xlsx",
        "bomb.xlsx is compressed more than 200-fold, which a normal workbook never is: "
        "open it in Excel and save it again, or export the survey as CSV.",
        id="zip bomb disguised as xlsx",
    ),
    pytest.param(
        _bomb_workbook(16 * MB, 2000 * MB),
        "bomb.xlsx",
        "bomb.xlsx would unpack to more than 1,024 MB: "
        "split the survey export into smaller files, or export it as CSV.",
        id="zip declaring gigabytes",
    ),
    pytest.param(
        _bomb_workbook(300 * MB, 1000),
        "liar.xlsx",
        BROKEN.format("liar.xlsx"),
        id="zip bomb lying about its size",
    ),
    pytest.param(
        _stray_cell_workbook(),
        "stray.xlsx",
        'Sheet "Yanıtlar" of stray.xlsx spans more than 5,000,000 cells (often a stray value far '
        "below or right of the data): delete the empty rows and columns around the responses, "
        "or export the survey as CSV.",
        id="cell at XFD1048576",
    ),
]


@pytest.mark.parametrize(("data", "filename", "message"), REFUSED)
def test_hostile_file_is_refused_with_a_message_and_changes_nothing(
    stocked, data, filename, message
):
    error = _refused(stocked, data, filename)
    assert isinstance(error, UnreadableFile)
    assert str(error) == message


def _wide_csv(columns: int, rows: int) -> bytes:
    header = ",".join(["nps", "comment", *(f"Q{i} How was part {i}?" for i in range(columns - 2))])
    row = ",".join(["9", "Kargo geç geldi", *(str(i % 5 + 1) for i in range(columns - 2))])
    return (header + "\r\n" + (row + "\r\n") * rows).encode()


WIDE_REFUSED = [
    pytest.param(
        _wide_csv(16_000, 100),
        "wide.csv has a record of 16,000 columns; the most accepted is 2,000: remove the "
        "columns you do not need, or export fewer questions.",
        id="16,000 columns (ran past 5 minutes)",
    ),
    pytest.param(
        _wide_csv(1_500, 1_400),
        "wide.csv has 1,400 rows of 1,500 columns; past its first 50 columns a file may hold "
        "2,000,000 cells (2,030,000 here): remove the columns you do not need, or split the "
        "export (e.g. by date range).",
        id="1,500 columns of 1,400 rows",
    ),
]


@pytest.mark.parametrize(("data", "message"), WIDE_REFUSED)
def test_a_file_too_wide_to_import_in_seconds_is_refused_with_the_limit(stocked, data, message):
    error = _refused(stocked, data, "wide.csv")
    assert isinstance(error, UnreadableFile)
    assert str(error) == message


def test_a_workbook_too_wide_is_refused_with_the_limit(stocked):
    header = ["nps", *(f"Q{i}" for i in range(2_100))]
    error = _refused(stocked, xlsx_file({"Yanıtlar": [header, ["9", *["1"] * 2_100]]}), "wide.xlsx")
    assert str(error) == (
        "wide.xlsx has a record of 2,101 columns; the most accepted is 2,000: remove the "
        "columns you do not need, or export fewer questions."
    )


def test_the_cell_limit_names_rows_columns_and_the_limit(stocked, monkeypatch):
    from cxcore.ingest import table

    monkeypatch.setattr(table, "MAX_CELLS", 1_000)  # 30 million cells: too large for a test
    error = _refused(stocked, _wide_csv(10, 101), "long.csv")
    assert str(error) == (
        "long.csv has 101 rows of 10 columns (1,010 cells); the most accepted is 1,000 cells: "
        "split the export (e.g. by date range) and upload the parts one by one."
    )


def test_a_file_at_the_limits_still_maps_its_columns():
    from cxcore.ingest.reading import read_survey
    from cxcore.ingest.suggestion import suggest_mapping

    table = read_survey(_wide_csv(2_000, 1_000), "wide.csv")
    assert suggest_mapping(table) == {"nps": "nps", "comment": "comment"}


def test_file_size_limit_is_configurable_and_named(stocked, monkeypatch):
    monkeypatch.setenv("CX_MAX_FILE_MB", "0.5")
    data = b"nps,comment\r\n" + b"9,ok\r\n" * (MB // 5)
    error = _refused(stocked, data, "big.csv")
    assert isinstance(error, FileTooLarge)
    assert str(error) == (
        "big.csv is 1.2 MB, over the 0.5 MB limit: "
        "split the export (e.g. by date range) and upload the parts one by one."
    )


def test_row_limit_is_configurable_and_named(stocked, monkeypatch):
    monkeypatch.setenv("CX_MAX_ROWS", "1000")
    data = b"nps,comment\r\n" + b"9,ok\r\n" * 1001
    error = _refused(stocked, data, "long.csv")
    assert isinstance(error, FileTooLarge)
    assert str(error) == (
        "long.csv has 1,001 rows, over the 1,000 row limit: "
        "split the export (e.g. by date range) and upload the parts one by one."
    )
    monkeypatch.setenv("CX_MAX_ROWS", "1001")
    assert pipeline.import_file(data, "long.csv", engine=stocked).rows == 1001


def test_ragged_rows_lose_nothing(stocked):
    data = b"response_id,nps,comment\r\nR3,9,ok,extra cell\r\nR4,7\r\nR5,2,slow,,\r\n"
    summary = pipeline.import_file(data, "ragged.csv", engine=stocked)
    assert (summary.rows, summary.accepted, summary.rejected) == (3, 3, 0)
    stored = db.responses_frame(stocked, Filters(import_ids=(summary.import_id,)))
    by_id = stored.set_index("response_id")
    assert by_id.loc["R3", "comment"] == "ok"
    assert by_id.loc["R3", "extra"] == {"Column 4": "extra cell"}
    assert by_id.loc["R4", "nps"] == 7


def test_mixed_encodings_in_one_file_keep_every_letter(stocked):
    # A UTF-8 export with lines pasted in from a Windows-1254 file.
    data = (
        'response_id,nps,comment\r\nR6,9,"Çok iyi, teşekkürler İstanbul"\r\n'.encode()
        + 'R7,2,"Kargo geç geldi, ılık çay ğ ş"\r\n'.encode("cp1254")
        + "R8,8,Hızlı teslimat\r\n".encode()
    )
    summary = pipeline.import_file(data, "mixed.csv", engine=stocked)
    assert summary.accepted == 3
    stored = db.responses_frame(stocked, Filters(import_ids=(summary.import_id,)))
    assert dict(zip(stored.response_id, stored.comment, strict=True)) == {
        "R6": "Çok iyi, teşekkürler İstanbul",
        "R7": "Kargo geç geldi, ılık çay ğ ş",
        "R8": "Hızlı teslimat",
    }
    assert db.list_imports(stocked)["encoding"].iloc[0] == "utf-8+cp1254"


def test_a_small_workbook_with_a_huge_cell_is_refused_while_it_is_read(stocked):
    """A cell of 3 million characters compresses into a workbook far under 1 MB: the cell
    limit holds whatever the file's size, and the database is left as it was."""
    data = _with_long_string(
        xlsx_file({"Yanıtlar": [["score", "comment"], [9, "ok"], [3, "PLACEHOLDER"]]}),
        "PLACEHOLDER",
        "a" * 3_000_000,
    )
    assert len(data) < 1_000_000
    before = db.responses_frame(stocked)
    with pytest.raises(UnreadableFile) as refused:
        pipeline.import_file(data, "small.xlsx", engine=stocked)
    assert str(refused.value) == (
        'small.xlsx has a cell of 3,000,000 characters in row 3, column "B"; the longest '
        "cell accepted is 1,000,000 characters: fix that cell or export the survey again."
    )
    assert db.responses_frame(stocked).equals(before)


def _with_long_string(workbook: bytes, placeholder: str, text: str) -> bytes:
    """The workbook with `placeholder` replaced in its XML: Excel and openpyxl never write
    a cell over 32,767 characters, but a crafted file can hold one."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith(".xml"):
                content = content.replace(placeholder.encode(), text.encode())
            target.writestr(item.filename, content)
    return out.getvalue()


# A column name kept with every response (issue 27, point 3): a 5 MB header over 100 rows
# made a 526 MB database.
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_column_name_too_long_to_keep_is_refused(stocked, kind):
    long_name = "Q" * 5_000
    rows = [["response_id", "nps", long_name], *[[f"R{i}", 7, "x"] for i in range(100)]]
    if kind == "csv":
        data = "\r\n".join(",".join(map(str, row)) for row in rows).encode()
    else:
        data = xlsx_file({"Responses": rows})
    error = _refused(stocked, data, f"wide.{kind}")
    assert str(error) == (
        f"wide.{kind} has a column name of 5,000 characters in column 3; the longest column "
        "name accepted is 2,000 characters: fix the header row or export the survey again."
    )


def test_a_long_but_sensible_column_name_is_kept(stocked):
    name = "How likely are you to recommend us? " * 50  # 1,800 characters
    data = f"response_id,nps,{name.strip()}\r\nR9,9,yes\r\n".encode()
    assert pipeline.import_file(data, "long.csv", engine=stocked).accepted == 1
