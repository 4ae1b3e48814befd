"""cxcore.ingest.workbook: XLSX sheets, cell values as text, sheet choice."""

from __future__ import annotations

import datetime as dt

import pytest

from cxcore.errors import UnreadableFile
from cxcore.ingest.reading import list_sheets, read_survey
from tests.survey_files import (
    CS_COMMENTS,
    QUALTRICS_HEADER,
    TR_COMMENTS,
    assert_contract,
    ms_forms_csv,
    xlsx_file,
)

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
