"""cxcore.ingest.reading: export bytes → SurveyTable, for every layout, encoding and delimiter."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd
import pytest

from cxcore.errors import FileTooLarge, UnreadableFile
from cxcore.ingest.reading import SurveyTable, list_sheets, read_survey
from tests.survey_files import (
    CS_COMMENTS,
    EN_COMMENTS,
    QUALTRICS_HEADER,
    TR_COMMENTS,
    WESTERN_COMMENTS,
    delighted_csv,
    delimited,
    encode,
    google_forms_csv,
    large_csv,
    ms_forms_csv,
    qualtrics_choice_text_csv,
    qualtrics_csv,
    qualtrics_legacy_csv,
    random_bytes,
    surveymonkey_csv,
    typeform_csv,
    xlsx_file,
    zendesk_csv,
)

MB = 1024 * 1024


def assert_contract(table: SurveyTable) -> None:
    """Every cell a str or None, default RangeIndex, unique columns, aligned row numbers."""
    frame = table.frame
    assert isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0
    assert frame.columns.is_unique
    assert all(isinstance(v, str) or v is None for v in frame.to_numpy().ravel())
    assert table.row_numbers.index.equals(frame.index)
    assert table.row_numbers.dtype == "int64"


# --- layouts ------------------------------------------------------------------------------


def layout(name, data, filename, layout, first_columns, first_row, timezone=None):
    """One row of the layout table."""
    return pytest.param(data, filename, layout, first_columns, first_row, timezone, id=name)


LAYOUTS = [
    layout(
        "qualtrics", qualtrics_csv(), "nps.csv", "qualtrics", ["StartDate"], 4, "Europe/Istanbul"
    ),
    layout(
        "qualtrics_choice_text",
        qualtrics_choice_text_csv(),
        "q.csv",
        "qualtrics",
        ["StartDate", "EndDate"],
        4,
        "America/New_York",
    ),
    layout("qualtrics_no_tz", qualtrics_csv(timezone=None), "q.csv", "qualtrics", ["StartDate"], 4),
    layout("legacy", qualtrics_legacy_csv(), "l.csv", "qualtrics_legacy", ["ResponseID"], 3),
    layout("surveymonkey", surveymonkey_csv(), "sm.csv", "surveymonkey", ["Respondent ID"], 3),
    layout(
        "surveymonkey_iso",
        surveymonkey_csv(date_style="iso"),
        "sm.csv",
        "surveymonkey",
        ["Respondent ID", "Collector ID"],
        3,
    ),
    # The Google Forms header holds a quoted line break: still one row, so records start on row 2.
    layout("google_forms_sheets", google_forms_csv(), "gf.csv", "google_forms", ["Timestamp"], 2),
    layout(
        "google_forms_download",
        google_forms_csv(variant="download"),
        "gf.csv",
        "google_forms",
        ["Timestamp", "Email address"],
        2,
    ),
    layout("typeform", typeform_csv(), "tf.csv", "typeform", ["#"], 2, "UTC"),
    layout("zendesk", zendesk_csv(), "zd.csv", "zendesk", ["id", "url"], 2),
    layout("delighted", delighted_csv(), "dl.csv", "delighted", ["id", "person", "survey_type"], 2),
    layout("ms_forms", ms_forms_csv(), "forms.csv", "ms_forms", ["ID", "Start time"], 2),
    layout("plain", delimited([["score", "comment"], ["9", "ok"]]), "p.csv", "plain", ["score"], 2),
]


@pytest.mark.parametrize(
    ("data", "filename", "layout", "first_columns", "first_row", "timezone"), LAYOUTS
)
def test_layout_is_recognised(data, filename, layout, first_columns, first_row, timezone):
    table = read_survey(data, filename)
    assert table.layout == layout
    assert list(table.frame.columns[: len(first_columns)]) == first_columns
    assert table.row_numbers.iloc[0] == first_row
    assert table.timezone == timezone
    assert_contract(table)


def test_qualtrics_names_from_row_1_hints_from_rows_2_and_3_and_multiline_turkish_comments():
    table = read_survey(qualtrics_csv(), "nps.csv")
    assert list(table.frame.columns) == QUALTRICS_HEADER
    assert (
        table.header_hints["Q1"] == "Bizi bir arkadaşınıza tavsiye etme olasılığınız nedir? | QID1"
    )
    assert table.header_hints["Q2_TEXT"] == "Puanınızın ana nedeni nedir? | QID2_TEXT"
    assert table.header_hints["StartDate"] == "Başlangıç Tarihi | startDate"
    assert list(table.frame["Q2_TEXT"]) == [*TR_COMMENTS, None]
    assert list(table.frame["Q1"]) == ["3", "9", "7", "10"]
    # Rows 1-3 are the header. Comment 1 spans text lines 4-5 and comment 3 lines 7-9 (with a
    # blank line inside its quotes), but a spreadsheet shows each record as one row: 4, 5, 6, 7.
    assert list(table.row_numbers) == [4, 5, 6, 7]
    assert (table.encoding, table.delimiter, table.sheet) == ("utf-8", ",", None)


def test_qualtrics_tsv_in_utf16_keeps_its_layout_and_time_zone():
    table = read_survey(qualtrics_csv(delimiter="\t", encoding="utf-16"), "nps.tsv")
    assert (table.layout, table.encoding, table.delimiter) == ("qualtrics", "utf-16", "\t")
    assert table.timezone == "Europe/Istanbul"
    assert list(table.frame["Q2_TEXT"]) == [*TR_COMMENTS, None]
    assert list(table.row_numbers) == [4, 5, 6, 7]


def test_qualtrics_legacy_names_from_row_2_labels():
    table = read_survey(qualtrics_legacy_csv(), "legacy.csv")
    assert table.encoding == "utf-8-sig"
    assert list(table.frame.columns[9:12]) == [
        "Finished",
        "Jak pravděpodobné je, že nás doporučíte?",
        "Proč?",
    ]
    assert table.frame.columns[-1] == "Column 16"  # the trailing comma of every line
    assert table.header_hints["ResponseID"] == "V1"
    assert table.header_hints["Jak pravděpodobné je, že nás doporučíte?"] == "Q1"
    assert list(table.frame["Proč?"]) == [CS_COMMENTS[0], CS_COMMENTS[2]]
    assert list(table.row_numbers) == [3, 4]


def test_surveymonkey_joins_question_text_and_sub_headers():
    table = read_survey(surveymonkey_csv(), "sm.csv")
    assert list(table.frame.columns[8:]) == [
        "Custom Data 1",
        "How likely is it that you would recommend us to a friend or colleague?",
        "Which channel did you use?",
        "Which channel did you use? – Phone",
        "Which channel did you use? – Other (please specify)",
        "What could we do better?",
    ]
    assert table.header_hints == {
        "How likely is it that you would recommend us to a friend or colleague?": "Response",
        "Which channel did you use?": "Email",
        "Which channel did you use? – Phone": "Which channel did you use?",
        "Which channel did you use? – Other (please specify)": "Which channel did you use?",
        "What could we do better?": "Open-Ended Response",
    }
    assert list(table.frame["What could we do better?"]) == [CS_COMMENTS[1], TR_COMMENTS[0]]
    assert list(table.frame["Start Date"]) == ["01/15/2024 10:30:15 AM", "01/15/2024 02:05:00 PM"]
    assert list(table.row_numbers) == [3, 4]


@pytest.mark.parametrize(
    ("variant", "stamps"),
    [
        ("sheets", ["27.09.2026 15:00:00", "28.09.2026 09:30:12"]),
        ("download", ["2026/09/27 3:00:00 PM GMT+3", "2026/09/28 9:30:12 AM GMT+3"]),
    ],
)
def test_google_forms_keeps_timestamps_as_text_and_flattens_multiline_titles(variant, stamps):
    table = read_survey(google_forms_csv(variant=variant), "gf.csv")
    assert list(table.frame["Timestamp"]) == stamps
    assert list(table.frame["Yorumunuz (isteğe bağlı)"]) == [TR_COMMENTS[1], TR_COMMENTS[2]]
    # The title's quoted line break keeps the header on row 1, so the records are rows 2 and 3.
    assert list(table.row_numbers) == [2, 3]


def test_typeform_declares_utc():
    table = read_survey(typeform_csv(), "tf.csv")
    assert table.timezone == "UTC"
    assert list(table.frame.columns[-5:]) == [
        "Start Date (UTC)",
        "Stage Date (UTC)",
        "Submit Date (UTC)",
        "Network ID",
        "Tags",
    ]
    assert list(table.frame["Stage Date (UTC)"]) == [None, None]
    assert table.frame.loc[1, "What is the main reason for your score?"] == CS_COMMENTS[0]


def test_zendesk_good_bad_scores_and_empty_comments():
    table = read_survey(zendesk_csv(), "zd.csv")
    assert list(table.frame["score"]) == ["good", "bad", "offered"]
    assert list(table.frame["comment"]) == ["Awesome support!", TR_COMMENTS[0], None]
    # The two-line comment of row 3 is one spreadsheet row; it does not push row 4 down.
    assert list(table.row_numbers) == [2, 3, 4]


def test_delighted_epoch_seconds_stay_text():
    table = read_survey(delighted_csv(), "dl.csv")
    assert list(table.frame["created_at"]) == ["1758985200", "1758988800", "1758992400"]
    assert list(table.frame["survey_type"]) == ["nps", "csat", "ces"]


# --- encodings and delimiters ---------------------------------------------------------------

MS_FORMS_SAVES = [
    # (language, written as, delimiter, reported encoding)
    ("tr", "cp1254", ";", "cp1254"),
    ("cs", "cp1250", ";", "cp1250"),
    ("tr", "utf-8-sig", ";", "utf-8-sig"),
    ("cs", "utf-8-sig", ";", "utf-8-sig"),
    ("tr", "utf-16", "\t", "utf-16"),
    ("cs", "utf-16", "\t", "utf-16"),
    ("cs", "utf-16", ",", "utf-16"),  # UTF-16 need not mean TAB
]


@pytest.mark.parametrize(("language", "written", "delimiter", "reported"), MS_FORMS_SAVES)
def test_ms_forms_saved_by_excel(language, written, delimiter, reported):
    data = ms_forms_csv(language=language, encoding=written, delimiter=delimiter)
    table = read_survey(data, "forms.csv")
    comments = TR_COMMENTS if language == "tr" else CS_COMMENTS
    assert (table.layout, table.encoding, table.delimiter) == ("ms_forms", reported, delimiter)
    assert list(table.frame.iloc[:, -1]) == list(comments)
    # Decimal commas are values, not delimiters (validation coerces them later).
    assert list(table.frame.iloc[:, -2]) == ["4,5", "2", "3,5"]
    # One row per record, however many lines its comment spans.
    assert list(table.row_numbers) == [2, 3, 4]


UNICODE_TEXTS = (*TR_COMMENTS, *CS_COMMENTS, *EN_COMMENTS)
ENCODINGS = [
    # (written as, reported, comments the code page can hold)
    ("utf-8", "utf-8", UNICODE_TEXTS),
    ("utf-8-sig", "utf-8-sig", UNICODE_TEXTS),
    ("utf-16", "utf-16", UNICODE_TEXTS),
    ("utf-16-be", "utf-16", UNICODE_TEXTS),
    ("cp1254", "cp1254", TR_COMMENTS),
    ("cp1250", "cp1250", CS_COMMENTS),
    ("latin-1", "cp1252", WESTERN_COMMENTS),
]


@pytest.mark.parametrize(
    "delimiter", [",", ";", "\t", "|"], ids=["comma", "semicolon", "tab", "pipe"]
)
@pytest.mark.parametrize(
    ("written", "reported", "comments"), ENCODINGS, ids=[e[0] for e in ENCODINGS]
)
def test_every_encoding_and_delimiter_round_trips_text_exactly(
    written, reported, comments, delimiter
):
    rows = [["id", "csat", "comment | note; x, y"]]
    rows += [[str(n), "4,5", comment] for n, comment in enumerate(comments, start=1)]
    table = read_survey(delimited(rows, delimiter=delimiter, encoding=written), "survey.csv")
    assert (table.encoding, table.delimiter, table.layout) == (reported, delimiter, "plain")
    assert list(table.frame.columns) == ["id", "csat", "comment | note; x, y"]
    assert list(table.frame["comment | note; x, y"]) == list(comments)
    assert set(table.frame["csat"]) == {"4,5"}
    # Header on row 1, then one row per record, multi-line comments included.
    assert list(table.row_numbers) == list(range(2, 2 + len(comments)))
    assert_contract(table)


@pytest.mark.parametrize(
    ("text", "written", "expected"),
    [
        ("ürün kırık çıktı, Iğdır şube", "cp1254", "cp1254"),  # not 'kýrýk … Iđdýr ţube'
        ("týden, Příliš žluťoučký kůň", "cp1250", "cp1250"),  # not 'tıden'
        ("Müşteri", "utf-8", "utf-8"),  # not 'MÃ¼ÅŸteri'
        ("Crème brûlée, Señora", "cp1252", "cp1252"),
    ],
)
def test_code_page_is_chosen_by_its_letters(text, written, expected):
    table = read_survey(encode(f"comment\n{text}\n", written), "c.csv")
    assert table.encoding == expected
    assert table.frame.loc[0, "comment"] == text


# --- headers and row numbers ---------------------------------------------------------------


def test_headers_are_cleaned_and_made_unique():
    rows = [
        ["\ufeff  Q1 ", "Q1", "", "Your\r\ncomment  ", "Q1 (2)", "Q1"],
        ["1", "2", "3", "4", "5", "6"],
    ]
    table = read_survey(delimited(rows, encoding="utf-8-sig"), "dupes.csv")
    assert list(table.frame.columns) == [
        "Q1",
        "Q1 (2)",
        "Column 3",
        "Your comment",
        "Q1 (2) (2)",
        "Q1 (3)",
    ]


def test_empty_records_are_skipped_but_row_numbers_stay_true():
    text = 'score;comment\r\n9;"iyi\r\nçok iyi"\r\n\r\n;;\r\n ;\r\n7;ok\r\n;\r\n'
    table = read_survey(text.encode("utf-8"), "gaps.csv")
    assert list(table.frame["score"]) == ["9", " ", "7"]
    assert list(table.frame["comment"]) == ["iyi\r\nçok iyi", None, "ok"]
    # Spreadsheet rows: 1 header, 2 the two-line record, 3 blank, 4 ';;', 5 ' ;', 6 '7;ok',
    # 7 ';'. Blank and delimiter-only rows are dropped but still counted.
    assert list(table.row_numbers) == [2, 5, 6]


def test_quoted_empty_and_missing_cells_are_none_while_spaces_stay():
    data = b'Comment,NPS,Channel\n"",9\n  ,10,web\n\n"x",,\n'
    table = read_survey(data, "cells.csv")
    assert table.frame.to_numpy().tolist() == [
        [None, "9", None],  # a quoted empty cell and a cell the short record lacks
        ["  ", "10", "web"],  # spaces are a value here; validation strips them
        ["x", None, None],
    ]
    assert list(table.row_numbers) == [2, 3, 5]


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r"])
def test_a_too_long_cell_made_of_short_lines_is_still_refused(line_break):
    # Every line is short; only the line breaks inside the quoted cell make it long.
    cell = ("word" + line_break) * 200_001
    data = f'nps,comment\n9,ok\n7,"{cell}"\n8,fine\n'.encode()
    length = f"{len(cell):,}"
    with pytest.raises(UnreadableFile, match=f"a cell of {length} characters in row 3"):
        read_survey(data, "long.csv")


def test_leading_blank_lines_and_excel_sep_line_keep_true_row_numbers():
    # Excel hides a leading 'sep=;' line, but the reader still counts it as row 1 (the file's
    # first line), so the header is row 2 and the record row 3.
    table = read_survey(b"sep=;\r\nscore;comment\r\n8;a,b\r\n", "sep.csv")
    assert table.delimiter == ";"
    assert list(table.frame["comment"]) == ["a,b"]
    assert list(table.row_numbers) == [3]
    # A spreadsheet shows leading blank lines as rows: rows 1-2 blank, header on row 3.
    table = read_survey(b"\r\n\r\nscore,comment\r\n8,fine\r\n", "blank-top.csv")
    assert list(table.frame.columns) == ["score", "comment"]
    assert list(table.row_numbers) == [4]
    # Both, with a multi-line header cell and comment: sep row 1, blank row 2, header row 3,
    # then one row each for the records (4, 5) whatever their line breaks.
    text = b'sep=;\r\n\r\nscore;"your\r\ncomment"\r\n8;"a\r\n\r\nb"\r\n9;c\r\n'
    table = read_survey(text, "both.csv")
    assert list(table.frame.columns) == ["score", "your comment"]
    assert list(table.frame["your comment"]) == ["a\r\n\r\nb", "c"]
    assert list(table.row_numbers) == [4, 5]


def test_old_mac_line_endings():
    table = read_survey(b'score,comment\r9,"two\rlines"\r3,x\r', "mac.csv")
    assert list(table.frame["score"]) == ["9", "3"]
    assert list(table.row_numbers) == [2, 3]  # the two-line comment is one row


def test_a_record_wider_than_the_header_gets_named_columns():
    rows = [["score", "comment"]] + [["9", "ok"]] * 60 + [["3", "bad", "extra"]]
    table = read_survey(delimited(rows), "wide.csv")
    assert list(table.frame.columns) == ["score", "comment", "Column 3"]
    assert table.frame.iloc[-1].tolist() == ["3", "bad", "extra"]
    assert table.row_numbers.iloc[-1] == 62


def test_many_records_with_quoted_line_breaks_keep_their_row_numbers():
    data = large_csv(100_000).replace(b"Great app; fast checkout.", b"Great app;\r\nfast checkout.")
    table = read_survey(data, "big.csv")
    assert table.frame.shape == (100_000, 8)
    assert data.count(b"\n") > 100_001  # many comments span two text lines...
    # ...but each record is one spreadsheet row, after the header on row 1.
    assert list(table.row_numbers) == list(range(2, 100_002))


# --- workbooks ------------------------------------------------------------------------------

XLSX_ROWS = [
    ["ID", "Start time", "Completion time", "Email", "Name", "Puan", "Memnuniyet", "Yorum"],
    [1, dt.datetime(2026, 9, 27, 15, 0), dt.datetime(2026, 9, 27, 15, 4, 30), "a@b.tr"]
    + [None, 9, 4.5, TR_COMMENTS[0]],
    [2, dt.date(2026, 9, 28), 46023.00545138889, None, None, 7.0, 0.1, CS_COMMENTS[0]],
]


def test_xlsx_reads_the_first_sheet_with_data():
    data = xlsx_file({"Boş": [], "Yanıtlar": XLSX_ROWS})
    table = read_survey(data, "forms.xlsx")
    assert (table.sheet, table.encoding, table.delimiter, table.layout) == (
        "Yanıtlar",
        "xlsx",
        None,
        "ms_forms",
    )
    assert table.frame.to_dict("records") == [
        {
            "ID": "1",
            "Start time": "2026-09-27 15:00:00",
            "Completion time": "2026-09-27 15:04:30",
            "Email": "a@b.tr",
            "Name": None,
            "Puan": "9",
            "Memnuniyet": "4.5",
            "Yorum": TR_COMMENTS[0],
        },
        {
            "ID": "2",
            "Start time": "2026-09-28 00:00:00",
            "Completion time": "46023.00545138889",  # an Excel serial left unformatted
            "Email": None,
            "Name": None,
            "Puan": "7",
            "Memnuniyet": "0.1",
            "Yorum": CS_COMMENTS[0],
        },
    ]
    assert list(table.row_numbers) == [2, 3]
    assert_contract(table)


def test_xlsx_chosen_sheet_and_sheet_list():
    data = xlsx_file({"Boş": [], "Yanıtlar": XLSX_ROWS, "Notes": [["note"], ["ignore me"]]})
    assert list_sheets(data, "forms.xlsx") == ["Boş", "Yanıtlar", "Notes"]
    table = read_survey(data, "forms.xlsx", sheet="Notes")
    assert (table.sheet, list(table.frame["note"])) == ("Notes", ["ignore me"])


def test_xlsx_keeps_sheet_row_numbers_and_header_layouts():
    qualtrics_rows = [QUALTRICS_HEADER[:2], ["Başlangıç Tarihi", "Bitiş Tarihi"]]
    qualtrics_rows += [
        ['{"ImportId":"startDate","timeZone":"Europe/Istanbul"}', '{"ImportId":"endDate"}']
    ]
    qualtrics_rows += [[dt.datetime(2026, 9, 1, 10, 2, 11), None], [], ["2026-09-02 09:00:00", "x"]]
    table = read_survey(xlsx_file({"Sheet0": [[], *qualtrics_rows]}), "q.xlsx")
    assert (table.layout, table.timezone) == ("qualtrics", "Europe/Istanbul")
    assert table.header_hints["StartDate"] == "Başlangıç Tarihi | startDate"
    assert list(table.frame["StartDate"]) == ["2026-09-01 10:02:11", "2026-09-02 09:00:00"]
    assert list(table.row_numbers) == [5, 7]


def test_list_sheets_is_empty_for_text_and_broken_files():
    assert list_sheets(ms_forms_csv(), "forms.csv") == []
    assert list_sheets(b"not a workbook", "forms.xlsx") == []


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


def test_unknown_or_empty_sheet_names_the_choices():
    data = xlsx_file({"Boş": [], "Yanıtlar": XLSX_ROWS})
    with pytest.raises(UnreadableFile) as raised:
        read_survey(data, "forms.xlsx", sheet="Sheet1")
    assert str(raised.value) == 'forms.xlsx has no sheet "Sheet1": choose one of "Boş", "Yanıtlar".'
    with pytest.raises(UnreadableFile) as raised:
        read_survey(data, "forms.xlsx", sheet="Boş")
    assert str(raised.value) == (
        'Sheet "Boş" of forms.xlsx is empty: choose the sheet that holds the responses.'
    )
    with pytest.raises(UnreadableFile) as raised:
        read_survey(xlsx_file({"A": [], "B": [[None]]}), "blank.xlsx")
    assert str(raised.value) == (
        "blank.xlsx has no data in any sheet: export the survey again with its responses."
    )


def test_file_over_the_limit_names_the_limit():
    data = b"score\r\n" + b"9\r\n" * (MB // 2)
    with pytest.raises(FileTooLarge) as raised:
        read_survey(data, "big.csv", max_bytes=MB // 2)
    assert str(raised.value) == (
        "big.csv is 1.5 MB, over the 0.5 MB limit: "
        "split the export (e.g. by date range) and upload the parts one by one."
    )
    assert len(read_survey(data, "big.csv", max_bytes=2 * MB).frame) == MB // 2
