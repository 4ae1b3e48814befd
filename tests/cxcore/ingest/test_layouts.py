"""cxcore.ingest.layouts: each export tool's header rows → names, hints, time zone."""

from __future__ import annotations

import pytest

from cxcore.ingest.reading import read_survey
from tests.survey_files import (
    CS_COMMENTS,
    QUALTRICS_HEADER,
    TR_COMMENTS,
    assert_contract,
    delighted_csv,
    delimited,
    google_forms_csv,
    ms_forms_csv,
    qualtrics_choice_text_csv,
    qualtrics_csv,
    qualtrics_legacy_csv,
    surveymonkey_csv,
    typeform_csv,
    zendesk_csv,
)


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
