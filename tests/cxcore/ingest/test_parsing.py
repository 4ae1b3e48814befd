"""cxcore.ingest.parsing: score and date cells → points and UTC times, or the reason why not."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from cxcore import fields as F
from cxcore.ingest import parsing, scores

UTC = "UTC"


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=UTC)


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
    assert scores.parse_score(field, value) == points


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
        scores.parse_score(field, value)


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
    assert parsing.parse_datetime(value, "Europe/Istanbul") == ts(utc)


def test_naive_times_default_to_utc_and_empty_is_none():
    assert parsing.parse_datetime("2024-01-15 10:30:00") == ts("2024-01-15 10:30:00")
    assert parsing.parse_datetime("15.01.2024 10:30", "Z") == ts("2024-01-15 10:30:00")
    assert parsing.parse_datetime("  ") is None
    assert parsing.parse_datetime(None) is None


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
        parsing.parse_datetime(value, "Europe/Istanbul")


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
    parsed, reasons = parsing.parse_dates(pd.Series(values))
    assert parsed.tolist() == [ts(e) for e in expected]
    assert reasons.tolist() == [None] * len(values)


def test_parse_dates_returns_utc_stamps_and_reasons_aligned_with_the_input():
    values = pd.Series(["15.01.2024 10:00", None, "", "31.02.2024 10:00"], index=[5, 6, 7, 8])
    parsed, reasons = parsing.parse_dates(values, "Europe/Istanbul")
    assert str(parsed.dtype) == "datetime64[us, UTC]"
    assert parsed.index.tolist() == [5, 6, 7, 8]
    assert parsed.iloc[0] == ts("2024-01-15 07:00")
    assert parsed.iloc[1:].isna().all()
    assert reasons.tolist() == [None, None, None, "Date '31.02.2024 10:00' is not a real date"]
