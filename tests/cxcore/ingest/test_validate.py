"""cxcore.ingest.validate: rows → typed responses and rejections with the reason a user reads."""

from __future__ import annotations

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
    # No duplicate key yet: it is taken on what is stored (cxcore/ingest/protect.py).
    assert accepted[F.SOURCE_KEY].isna().all()


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
