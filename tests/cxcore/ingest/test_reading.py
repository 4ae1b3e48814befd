"""cxcore.ingest.reading: the entry point refuses what is no survey export and enforces limits."""

from __future__ import annotations

import io
import zipfile

import pytest

from cxcore.errors import FileTooLarge, UnreadableFile
from cxcore.ingest.reading import read_survey
from tests.survey_files import (
    qualtrics_csv,
    random_bytes,
    xlsx_file,
)

MB = 1024 * 1024


# --- refused files --------------------------------------------------------------------------


def zip_file(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


WORKBOOK = xlsx_file({"Sheet1": [["score"], [9]]})
BROKEN = (
    "{} is not a valid Excel workbook (it is damaged or not really .xlsx): "
    "open it in Excel and save it as .xlsx again, or export the survey as CSV."
)
EMPTY = "{} is empty: export the survey again with its responses."
NO_RESPONSES = "{} has a header but no responses: export the survey again with its responses."
BINARY = (
    "{} is not a text or Excel file (it contains binary data): "
    "upload the survey export as CSV or XLSX."
)
NOT_A_TABLE = (
    "{} is {}, not a table: download the survey responses as CSV or XLSX and upload that file."
)
BOMB = {
    "xl/workbook.xml": b"<workbook/>",
    "xl/worksheets/sheet1.xml": bytes(11 * MB),  # zeros: compressed about 1000-fold
}
QUALTRICS_HEADER_ONLY = qualtrics_csv().split(b"\r\n2026")[0] + b"\r\n"
REFUSED = [
    pytest.param(b"", "survey.csv", EMPTY.format("survey.csv"), id="empty"),
    pytest.param(b"\r\n  \r\n", "survey.csv", EMPTY.format("survey.csv"), id="blank lines"),
    pytest.param(b";;;\r\n;;;\r\n", "s.csv", EMPTY.format("s.csv"), id="only delimiters"),
    pytest.param(b"", "/tmp/uploads/s.csv", EMPTY.format("s.csv"), id="folder in name"),
    pytest.param(b"", "", EMPTY.format("The file"), id="no name"),
    pytest.param(b"score,comment\r\n", "s.csv", NO_RESPONSES.format("s.csv"), id="header only"),
    pytest.param(
        QUALTRICS_HEADER_ONLY, "nps.csv", NO_RESPONSES.format("nps.csv"), id="qualtrics header only"
    ),
    pytest.param(b"score,comment\r\n9,\x00\x00\r\n", "s.csv", BINARY.format("s.csv"), id="NUL"),
    pytest.param(random_bytes(4096), "s.csv", BINARY.format("s.csv"), id="random bytes"),
    pytest.param(
        random_bytes(4096).replace(b"\x00", b"\x01"),
        "s.csv",
        BINARY.format("s.csv"),
        id="random bytes without NUL",
    ),
    pytest.param(
        b"\x89PNG\r\n\x1a\n" + random_bytes(100),
        "chart.png",
        "chart.png is a PNG image, not a survey export: upload the responses as CSV or XLSX.",
        id="png",
    ),
    pytest.param(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
        "old.xls",
        "old.xls is an Excel 97-2003 (.xls) or password-protected workbook: "
        "open it in Excel and save it as .xlsx without a password, or as CSV.",
        id="old xls",
    ),
    pytest.param(b"score,comment\r\n9,ok\r\n", "s.xlsx", BROKEN.format("s.xlsx"), id="not a zip"),
    pytest.param(
        WORKBOOK[: len(WORKBOOK) // 2], "s.xlsx", BROKEN.format("s.xlsx"), id="truncated xlsx"
    ),
    pytest.param(
        zip_file({"survey.csv": b"score\n9\n"}),
        "survey.zip",
        "survey.zip is a ZIP archive but not an Excel workbook: "
        "unpack it and upload the CSV or XLSX file inside.",
        id="zip without workbook",
    ),
    pytest.param(
        zip_file(BOMB),
        "bomb.xlsx",
        "bomb.xlsx is compressed more than 200-fold, which a normal workbook never is: "
        "open it in Excel and save it again, or export the survey as CSV.",
        id="zip bomb",
    ),
    pytest.param(
        b"<!DOCTYPE html><html><body>Sign in</body></html>",
        "export.csv",
        NOT_A_TABLE.format("export.csv", "a web page or XML"),
        id="html",
    ),
    pytest.param(
        b'[{"score": 9}]', "export.csv", NOT_A_TABLE.format("export.csv", "JSON"), id="json"
    ),
    # A file with an unclosed quote must be fixed in a text editor (a spreadsheet would pour
    # the rest of the file into one cell), so this message names the text line, not the row:
    # line 1 header, lines 2-3 a two-line record, line 4 blank, line 5 the broken record.
    pytest.param(
        b'score,comment\r\n9,"a\r\nb"\r\n\r\n3,"never closed\r\n',
        "q.csv",
        'q.csv has a quote (") that is never closed, in the record starting on line 5: '
        "fix that cell or export the survey again.",
        id="unclosed quote",
    ),
    pytest.param(  # line 1 'sep=,', lines 2-3 a two-line header, line 4 the broken record
        b'sep=,\r\nscore,"your\r\ncomment"\r\n3,"never closed\r\n',
        "q.csv",
        'q.csv has a quote (") that is never closed, in the record starting on line 4: '
        "fix that cell or export the survey again.",
        id="unclosed quote after sep line and two-line header",
    ),
    pytest.param(
        b"\xff\xfes\x00c\x00o",
        "u.txt",
        "u.txt is not valid UTF-16 text (it may be cut short): "
        "save it again from Excel as CSV UTF-8 and upload that.",
        id="truncated utf-16",
    ),
]


@pytest.mark.parametrize(("data", "filename", "message"), REFUSED)
def test_unreadable_files_are_refused_with_a_message_to_act_on(data, filename, message):
    with pytest.raises(UnreadableFile) as raised:
        read_survey(data, filename)
    assert str(raised.value) == message


def test_file_over_the_limit_names_the_limit():
    data = b"score\r\n" + b"9\r\n" * (MB // 2)
    with pytest.raises(FileTooLarge) as raised:
        read_survey(data, "big.csv", max_bytes=MB // 2)
    assert str(raised.value) == (
        "big.csv is 1.5 MB, over the 0.5 MB limit: "
        "split the export (e.g. by date range) and upload the parts one by one."
    )
    assert len(read_survey(data, "big.csv", max_bytes=2 * MB).frame) == MB // 2
