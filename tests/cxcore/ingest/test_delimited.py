"""cxcore.ingest.delimited: headers, blank lines, quotes and row numbers of delimited text."""

from __future__ import annotations

import pytest

from cxcore.errors import UnreadableFile
from cxcore.ingest.reading import read_survey
from tests.survey_files import (
    delimited,
    large_csv,
)


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
