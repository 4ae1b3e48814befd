"""Validation: scores and dates coerced, bad rows rejected with the reason a user reads."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from cxcore import fields as F
from cxcore.ingest import mapping, validate
from cxcore.ingest.reading import SurveyTable

UTC = "UTC"


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=UTC)


def make_table(
    columns: dict[str, list[str | None]], *, timezone: str | None = None, first_row: int = 2
) -> SurveyTable:
    frame = pd.DataFrame(columns, dtype=object)
    rows = pd.Series(range(first_row, first_row + len(frame)), dtype="int64")
    return SurveyTable(frame, rows, "plain", {}, "utf-8", ";", None, timezone)


def split(columns, chosen, **options):
    return validate.split_rows(mapping.apply_mapping(make_table(columns), chosen), **options)


# --- scores ---------------------------------------------------------------------------------

SCORES = [
    (F.NPS, "9", 9.0),
    (F.NPS, " 10 ", 10.0),
    (F.NPS, "0", 0.0),
    (F.NPS, "8,0", 8.0),
    (F.NPS, "7.0", 7.0),
    (F.NPS, "9 - Extremely likely", 9.0),
    (F.NPS, "0 - Not at all likely", 0.0),
    (F.NPS, "10 (Kesinlikle tavsiye ederim)", 10.0),
    (F.CSAT, "4,0", 4.0),
    (F.CSAT, "Very satisfied", 5.0),
    (F.CSAT, "satisfied", 4.0),
    (F.CSAT, "Neither satisfied nor dissatisfied", 3.0),
    (F.CSAT, "Neutral", 3.0),
    (F.CSAT, "Dissatisfied", 2.0),
    (F.CSAT, "Very dissatisfied", 1.0),
    (F.CSAT, "Çok memnunum", 5.0),
    (F.CSAT, "ÇOK MEMNUNUM", 5.0),
    (F.CSAT, "Çok memnun", 5.0),
    (F.CSAT, "Memnunum", 4.0),
    (F.CSAT, "Kararsızım", 3.0),
    (F.CSAT, "KARARSIZIM", 3.0),
    (F.CSAT, "Ne memnunum ne değilim", 3.0),
    (F.CSAT, "Orta", 3.0),
    (F.CSAT, "Memnun değilim", 2.0),
    (F.CSAT, "Hiç memnun değilim", 1.0),
    (F.CSAT, "HİÇ MEMNUN DEĞİLİM", 1.0),
    (F.CSAT, "Velmi spokojený", 5.0),
    (F.CSAT, "Velmi spokojená", 5.0),
    (F.CSAT, "Spokojen", 4.0),
    (F.CSAT, "Spokojená", 4.0),
    (F.CSAT, "Neutrální", 3.0),
    (F.CSAT, "Ani spokojen, ani nespokojen", 3.0),
    (F.CSAT, "Nespokojený", 2.0),
    (F.CSAT, "Velmi nespokojená", 1.0),
    (F.CSAT, "good", 5.0),
    (F.CSAT, "Good", 5.0),
    (F.CSAT, "bad", 1.0),
    (F.CSAT, "offered", None),
    (F.CSAT, "unoffered", None),
    (F.CES, "7", 7.0),
    (F.CES, "Very easy", 7.0),
    (F.CES, "Çok kolay", 7.0),
    (F.NPS, "", None),
    (F.NPS, None, None),
]


@pytest.mark.parametrize(("field", "value", "points"), SCORES)
def test_parse_score_reads_numbers_and_verbal_scales(field, value, points):
    assert validate.parse_score(field, value) == points


BAD_SCORES = [
    (F.NPS, "11", "NPS '11' is outside 0–10"),
    (F.NPS, "-1", "NPS '-1' is outside 0–10"),
    (F.CSAT, "0", "CSAT '0' is outside 1–5"),
    (F.CES, "8", "CES '8' is outside 1–7"),
    (F.CSAT, "çok iyi", "CSAT 'çok iyi' is not a score on a 1–5 scale"),
    (F.NPS, "Very satisfied", "NPS 'Very satisfied' is not a score on a 0–10 scale"),
    (F.NPS, "nan", "NPS 'nan' is not a score on a 0–10 scale"),
    (F.CSAT, "4,5", "CSAT '4,5' is not a whole number on the 1–5 scale"),
    (F.NPS, "8.5", "NPS '8.5' is not a whole number on the 0–10 scale"),
]


@pytest.mark.parametrize(("field", "value", "reason"), BAD_SCORES)
def test_parse_score_names_what_is_wrong(field, value, reason):
    with pytest.raises(ValueError, match=f"^{re.escape(reason)}$"):
        validate.parse_score(field, value)


# --- dates ----------------------------------------------------------------------------------

DATES_IN_ISTANBUL = [
    ("2024-01-15T10:30:00Z", "2024-01-15 10:30:00"),
    ("2024-01-15T10:30:00+03:00", "2024-01-15 07:30:00"),
    ("2024-01-15T10:30:00.250+01:00", "2024-01-15 09:30:00.250"),
    ("2015-02-24 11:35:52 -0800", "2015-02-24 19:35:52"),
    ("2024-01-15 10:30:15", "2024-01-15 07:30:15"),
    ("2024-01-15", "2024-01-14 21:00:00"),
    ("24.03.2024 21:30", "2024-03-24 18:30:00"),
    ("15.01.2024 16.30", "2024-01-15 13:30:00"),
    ("15.01.2024 16:30:05", "2024-01-15 13:30:05"),
    ("15.01.2024", "2024-01-14 21:00:00"),
    ("25. 1. 2021", "2021-01-24 21:00:00"),
    ("25. 1. 2021 14:05", "2021-01-25 11:05:00"),
    ("01/15/2024 10:30:15 AM", "2024-01-15 07:30:15"),
    ("01/15/2024 10:30:15 PM", "2024-01-15 19:30:15"),
    ("01/15/2024 12:05:00 AM", "2024-01-14 21:05:00"),
    ("8/4/2025 23:25:41", "2025-08-04 20:25:41"),
    ("2026/09/27 3:00:00 PM GMT+3", "2026-09-27 12:00:00"),
    ("2026/09/27 3:00:00 PM GMT+5:30", "2026-09-27 09:30:00"),
    ("46023.00545138889", "2025-12-31 21:07:51"),  # Excel serial: 2026-01-01 00:07:51 local
    ("1425000000", "2015-02-27 01:20:00"),  # Delighted epoch seconds: absolute
    ("24-02-2015 11:35", "2015-02-24 09:35:00"),  # Istanbul was UTC+2 in winter 2015
    ("Jan 15, 2024 10:30", "2024-01-15 07:30:00"),
]


@pytest.mark.parametrize(("value", "utc"), DATES_IN_ISTANBUL)
def test_parse_datetime_reads_each_export_format(value, utc):
    assert validate.parse_datetime(value, "Europe/Istanbul") == ts(utc)


def test_naive_times_default_to_utc_and_empty_is_none():
    assert validate.parse_datetime("2024-01-15 10:30:00") == ts("2024-01-15 10:30:00")
    assert validate.parse_datetime("15.01.2024 10:30", "Z") == ts("2024-01-15 10:30:00")
    assert validate.parse_datetime("  ") is None
    assert validate.parse_datetime(None) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("31.02.2024", "Date '31.02.2024' is not a real date"),
        ("2024-02-30 10:00:00", "Date '2024-02-30 10:00:00' is not a real date"),
        ("15.13.2024", "Date '15.13.2024' is not a real date"),
        ("15.01.2024 25:00", "Date '15.01.2024 25:00' is not a real date"),
        ("01/15/2024 13:00:00 PM", "Date '01/15/2024 13:00:00 PM' is not a real date"),
        ("yesterday", "Date 'yesterday' is not a date"),
        ("2024", "Date '2024' is not a date"),
    ],
)
def test_parse_datetime_refuses_what_is_not_a_real_date(value, reason):
    with pytest.raises(ValueError, match=f"^{re.escape(reason)}$"):
        validate.parse_datetime(value, "Europe/Istanbul")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # A first part over 12 anywhere makes the whole column day-first.
        (["01/02/2024", "13/02/2024"], ["2024-02-01", "2024-02-13"]),
        (["01/02/2024 10:00", "13/02/2024 10:00"], ["2024-02-01 10:00", "2024-02-13 10:00"]),
        # A second part over 12 makes it month-first.
        (["01.02.2024", "02.13.2024"], ["2024-01-02", "2024-02-13"]),
        # No evidence: slashes (US tools, AM/PM) month-first, dots and dashes day-first.
        (
            ["01/02/2024 10:00:00 AM", "03/04/2024 11:00:00 AM"],
            ["2024-01-02 10:00", "2024-03-04 11:00"],
        ),
        (["01/02/2024"], ["2024-01-02"]),
        (["01.02.2024", "03.04.2024"], ["2024-02-01", "2024-04-03"]),
        (["01-02-2024"], ["2024-02-01"]),
    ],
)
def test_day_or_month_first_is_decided_per_column(values, expected):
    parsed, reasons = validate.parse_dates(pd.Series(values))
    assert parsed.tolist() == [ts(e) for e in expected]
    assert reasons.tolist() == [None] * len(values)


def test_parse_dates_returns_utc_stamps_and_reasons_aligned_with_the_input():
    values = pd.Series(["15.01.2024 10:00", None, "", "31.02.2024 10:00"], index=[5, 6, 7, 8])
    parsed, reasons = validate.parse_dates(values, "Europe/Istanbul")
    assert str(parsed.dtype) == "datetime64[us, UTC]"
    assert parsed.index.tolist() == [5, 6, 7, 8]
    assert parsed.iloc[0] == ts("2024-01-15 07:00")
    assert parsed.iloc[1:].isna().all()
    assert reasons.tolist() == [None, None, None, "Date '31.02.2024 10:00' is not a real date"]


# --- rows -----------------------------------------------------------------------------------

SURVEY = {
    "Müşteri No": ["C1", "C2", "C3", "", "C5", "  ", "C7"],
    "Tarih": [
        "15.01.2024 10:00",
        "16.01.2024 11:00",
        "31.02.2024",
        "",
        "",
        "17.01.2024 09:30",
        "yesterday",
    ],
    "Tavsiye puanı": ["9", "11", "8", "", "", "", ""],
    "Memnuniyet": ["Çok memnunum", "4", "çok iyi", "", "4,5", "4,0", ""],
    "Yorum": ["  Harika  ", "", "Yavaş", "", "", "", "Geç geldi"],
    "Şehir": ["İstanbul", "", "Ankara", "İzmir", "", None, ""],
}
CHOSEN = {
    "Müşteri No": F.CUSTOMER_ID,
    "Tarih": F.SUBMITTED_AT,
    "Tavsiye puanı": F.NPS,
    "Memnuniyet": F.CSAT,
    "Yorum": F.COMMENT,
}


def test_rejected_rows_carry_row_number_and_every_reason():
    _, rejected = split(SURVEY, CHOSEN, timezone="Europe/Istanbul")
    assert list(rejected.columns) == list(F.REJECTION_COLUMNS)
    assert rejected[[F.ROW_NUMBER, "reason"]].values.tolist() == [
        [3, "NPS '11' is outside 0–10"],
        [
            4,
            "Date '31.02.2024' is not a real date; CSAT 'çok iyi' is not a score on a 1–5 scale",
        ],
        [5, "No score and no comment"],
        [6, "CSAT '4,5' is not a whole number on the 1–5 scale"],
        [8, "Date 'yesterday' is not a date"],
    ]
    assert rejected[F.ROW_NUMBER].dtype == "int64"


def test_rejected_rows_keep_their_source_values_under_the_users_headers():
    _, rejected = split(SURVEY, CHOSEN)
    assert rejected["raw"].iloc[0] == {
        "Müşteri No": "C2",
        "Tarih": "16.01.2024 11:00",
        "Tavsiye puanı": "11",
        "Memnuniyet": "4",
        "Yorum": "",
    }
    assert list(rejected["raw"].iloc[1]) == list(SURVEY)  # file order, unused columns too
    assert rejected["raw"].iloc[1]["Şehir"] == "Ankara"


def test_accepted_rows_are_typed_and_cleaned():
    accepted, _ = split(SURVEY, CHOSEN, timezone="Europe/Istanbul")
    assert list(accepted.columns) == list(F.RESPONSE_COLUMNS)
    assert accepted[F.ROW_NUMBER].tolist() == [2, 7]
    assert accepted[F.ROW_NUMBER].dtype == "int64"
    assert str(accepted[F.NPS].dtype) == "Float64"
    assert str(accepted[F.CSAT].dtype) == "Float64"
    assert str(accepted[F.SUBMITTED_AT].dtype) == "datetime64[us, UTC]"
    first, second = accepted.to_dict("records")
    assert first[F.SUBMITTED_AT] == ts("2024-01-15 07:00")
    assert (first[F.NPS], first[F.CSAT]) == (9.0, 5.0)
    assert first[F.COMMENT] == "Harika"
    assert first[F.CUSTOMER_ID] == "C1"
    assert first[F.EXTRA] == {"Şehir": "İstanbul"}
    assert first[F.CHANNEL] is None and first[F.STAGE] is None
    assert pd.isna(first[F.CES])
    assert second[F.SUBMITTED_AT] == ts("2024-01-17 06:30")
    assert second[F.CUSTOMER_ID] is None  # blank after stripping
    assert pd.isna(second[F.NPS]) and second[F.CSAT] == 4.0
    assert second[F.COMMENT] is None
    assert second[F.EXTRA] == {}
    assert all(isinstance(key, str) and len(key) == 40 for key in accepted[F.SOURCE_KEY])


def test_missing_date_column_gives_utc_nat():
    accepted, rejected = split({"NPS": ["9", "0"]}, {"NPS": F.NPS})
    assert rejected.empty
    assert str(accepted[F.SUBMITTED_AT].dtype) == "datetime64[us, UTC]"
    assert accepted[F.SUBMITTED_AT].isna().all()
    assert accepted[F.NPS].tolist() == [9.0, 0.0]


def test_a_comment_alone_is_a_response():
    accepted, rejected = split({"Yorum": ["Güzel", " "]}, {"Yorum": F.COMMENT})
    assert accepted[F.COMMENT].tolist() == ["Güzel"]
    assert rejected[[F.ROW_NUMBER, "reason"]].values.tolist() == [[3, "No score and no comment"]]


@pytest.mark.parametrize(
    ("timezone", "default", "utc"),
    [
        ("Europe/Istanbul", "Europe/Prague", "2024-01-15 07:00"),
        (None, "Europe/Prague", "2024-01-15 09:00"),
        (None, "UTC", "2024-01-15 10:00"),
        ("Z", "Europe/Prague", "2024-01-15 10:00"),
        ("Mars/Olympus_Mons", "Europe/Prague", "2024-01-15 09:00"),  # unknown: the default
    ],
)
def test_naive_times_use_the_files_zone_else_the_default(timezone, default, utc):
    accepted, _ = split(
        {"Date": ["2024-01-15 10:00:00"], "NPS": ["9"]},
        {"Date": F.SUBMITTED_AT, "NPS": F.NPS},
        timezone=timezone,
        default_timezone=default,
    )
    assert accepted[F.SUBMITTED_AT].iloc[0] == ts(utc)


def test_delighted_scores_are_routed_by_survey_type():
    columns = {
        "id": ["1", "2", "3", "4", "5", "6"],
        "survey_type": ["nps", "CSAT", "ces", "enps", "", "nps"],
        "score": ["9", "4", "6", "7", "8", "12"],
        "created_at": ["1425000000"] * 6,
    }
    chosen = {
        "id": F.RESPONSE_ID,
        "survey_type": F.SCORE_TYPE,
        "score": F.SCORE,
        "created_at": F.SUBMITTED_AT,
    }
    accepted, rejected = split(columns, chosen)
    assert accepted[[F.NPS, F.CSAT, F.CES]].astype(object).where(
        accepted[[F.NPS, F.CSAT, F.CES]].notna(), None
    ).values.tolist() == [[9.0, None, None], [None, 4.0, None], [None, None, 6.0]]
    assert accepted[F.SUBMITTED_AT].tolist() == [ts("2015-02-27 01:20:00")] * 3
    assert rejected[[F.ROW_NUMBER, "reason"]].values.tolist() == [
        [5, "Score type 'enps' is not nps, csat or ces"],
        [6, "Score '8' has no score type (nps, csat or ces)"],
        [7, "NPS '12' is outside 0–10"],
    ]


def test_zendesk_binary_csat_keeps_scale_ends_and_drops_unanswered():
    columns = {
        "score": ["good", "bad", "offered", "unoffered"],
        "comment": ["Awesome support!", "", "", "Still waiting"],
    }
    accepted, rejected = split(columns, {"score": F.CSAT, "comment": F.COMMENT})
    assert accepted[F.CSAT].tolist() == [5.0, 1.0, pd.NA]
    assert rejected[[F.ROW_NUMBER, "reason"]].values.tolist() == [[4, "No score and no comment"]]


def test_hand_built_raw_frame_without_bookkeeping_columns():
    raw = pd.DataFrame({F.NPS: ["10", "x"], F.COMMENT: [None, "ok"]})
    accepted, rejected = validate.split_rows(raw)
    assert accepted[F.ROW_NUMBER].tolist() == [2]
    assert accepted[F.EXTRA].tolist() == [{}]
    assert rejected.to_dict("records") == [
        {
            F.ROW_NUMBER: 3,
            "reason": "NPS 'x' is not a score on a 0–10 scale",
            "raw": {F.NPS: "x", F.COMMENT: "ok"},
        }
    ]


def test_split_rows_leaves_its_input_alone():
    raw = mapping.apply_mapping(make_table(SURVEY), CHOSEN)
    before = raw.copy()
    validate.split_rows(raw)
    pd.testing.assert_frame_equal(raw, before)


def test_many_rows_are_parsed_per_distinct_value():
    rows = 30_000
    stamps = pd.date_range("2024-01-01", periods=rows, freq="min")
    columns = {
        "Tarih": stamps.strftime("%d.%m.%Y %H:%M:%S").tolist(),
        "NPS": [str(i % 11) for i in range(rows)],
        "CSAT": ["Çok memnunum", "4,0", "2"] * (rows // 3),
    }
    columns["NPS"][-1] = "11"
    chosen = {"Tarih": F.SUBMITTED_AT, "NPS": F.NPS, "CSAT": F.CSAT}
    accepted, rejected = split(columns, chosen, timezone="Europe/Istanbul")
    assert len(accepted) == rows - 1
    assert accepted[F.SUBMITTED_AT].iloc[0] == ts("2023-12-31 21:00")
    assert accepted[F.CSAT].iloc[:3].tolist() == [5.0, 4.0, 2.0]
    assert rejected[[F.ROW_NUMBER, "reason"]].values.tolist() == [
        [rows + 1, "NPS '11' is outside 0–10"]
    ]


def test_public_names():
    assert sorted(validate.__all__) == [
        "parse_dates",
        "parse_datetime",
        "parse_score",
        "split_rows",
    ]
