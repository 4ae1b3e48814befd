"""cxcore.ingest.mapping: the edit table, the header signature, and applying the mapping to rows."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from cxcore import fields as F
from cxcore.errors import NoScoreColumn
from cxcore.ingest import mapping
from cxcore.ingest.reading import SurveyTable
from tests.survey_files import make_table

# --- the editable table ---------------------------------------------------------------------


def sample_table() -> SurveyTable:
    return make_table(
        {
            "Q1": ["9", "9", "", "3", "7"],
            "Tarih": ["01.02.2024", "02.02.2024", "03.02.2024", "04.02.2024", "05.02.2024"],
            "Q3": ["5", "1", "5", "5", "2"],
            "Şehir": ["İstanbul", None, "Ankara", "İzmir", "Bursa"],
        }
    )


def test_mapping_table_lists_every_column_in_file_order_with_examples():
    table = sample_table()
    shown = mapping.mapping_table(table, {"Q1": F.NPS, "Tarih": F.SUBMITTED_AT})
    assert list(shown.columns) == ["column", "field", "examples"]
    assert shown.to_dict("records") == [
        {"column": "Q1", "field": F.NPS, "examples": "9 · 3 · 7"},
        {
            "column": "Tarih",
            "field": F.SUBMITTED_AT,
            "examples": "01.02.2024 · 02.02.2024 · 03.02.2024",
        },
        {"column": "Q3", "field": "", "examples": "5 · 1 · 2"},
        {"column": "Şehir", "field": "", "examples": "İstanbul · Ankara · İzmir"},
    ]


def test_mapping_table_round_trips_and_refuses_a_field_twice():
    table = sample_table()
    chosen = {"Q1": F.NPS, "Tarih": F.SUBMITTED_AT}
    edited = mapping.mapping_table(table, chosen)
    assert mapping.mapping_from_table(edited) == chosen
    edited.loc[edited["column"] == "Q3", "field"] = F.NPS
    with pytest.raises(ValueError, match=re.escape("Field 'nps' is mapped twice: Q1 and Q3")):
        mapping.mapping_from_table(edited)


def test_mapping_from_table_treats_blank_and_missing_fields_as_unused():
    edited = pd.DataFrame(
        {"column": ["A", "B", "C"], "field": [" csat ", None, ""], "examples": ["", "", ""]}
    )
    assert mapping.mapping_from_table(edited) == {"A": F.CSAT}


def test_mapping_from_table_refuses_an_unknown_field():
    edited = pd.DataFrame({"column": ["A"], "field": ["happiness"], "examples": [""]})
    with pytest.raises(ValueError, match="'happiness' \\(for column A\\) is not a field"):
        mapping.mapping_from_table(edited)


def test_header_signature_ignores_spacing_and_case_but_not_order():
    signature = mapping.header_signature(["Müşteri No", "NPS", "Yorum"])
    assert re.fullmatch(r"[0-9a-f]{16}", signature)
    assert mapping.header_signature(["  müşteri   no", "nps ", "YORUM"]) == signature
    assert mapping.header_signature(["NPS", "Müşteri No", "Yorum"]) != signature
    assert mapping.header_signature(["Müşteri No", "NPS"]) != signature


# --- applying -------------------------------------------------------------------------------


def test_apply_mapping_gives_raw_fields_row_numbers_and_extras():
    table = make_table(
        {
            "Q1": ["9", "11"],
            "Yorum": ["Harika", "  "],
            "Şehir": ["İstanbul", ""],
            "Plaka": ["34", None],
        },
        first_row=4,
    )
    raw = mapping.apply_mapping(table, {"Q1": F.NPS, "Yorum": F.COMMENT})
    # No duplicate key yet: it is taken on what is stored (tests/db/test_keys.py).
    assert list(raw.columns) == [F.NPS, F.COMMENT, F.ROW_NUMBER, F.EXTRA]
    assert raw[F.NPS].tolist() == ["9", "11"]
    assert raw[F.ROW_NUMBER].tolist() == [4, 5]
    assert raw[F.EXTRA].tolist() == [{"Şehir": "İstanbul", "Plaka": "34"}, {}]


def test_apply_mapping_without_score_or_comment_names_the_columns():
    table = make_table({"Tarih": ["01.02.2024"], "Müşteri No": ["7"]})
    with pytest.raises(NoScoreColumn) as caught:
        mapping.apply_mapping(table, {"Tarih": F.SUBMITTED_AT})
    assert str(caught.value) == (
        "No score or comment column was found among this file's columns: 'Tarih', "
        "'Müşteri No'. Map a score column (NPS, CSAT or CES) or a comment column, "
        "then import again."
    )


def test_apply_mapping_refuses_a_missing_column_or_a_field_twice():
    table = make_table({"A": ["9"], "B": ["8"]})
    with pytest.raises(ValueError, match="Column 'Z' is not in the file"):
        mapping.apply_mapping(table, {"Z": F.NPS})
    with pytest.raises(ValueError, match="Field 'nps' is mapped twice: A and B"):
        mapping.apply_mapping(table, {"A": F.NPS, "B": F.NPS})


def test_mapped_column_is_the_column_as_read_and_the_mapping_is_checked_first():
    table = make_table({"Yorum": ["  Harika ", None], "NPS": ["9", "3"]})
    chosen = {"Yorum": F.COMMENT, "NPS": F.NPS}
    comments = mapping.mapped_column(table, chosen, F.COMMENT)
    assert comments.tolist() == ["  Harika ", None]
    # the text the mapped rows will hold, so the tone scored from it is theirs
    assert mapping.apply_mapping(table, chosen)[F.COMMENT].tolist() == comments.tolist()
    assert mapping.mapped_column(table, {"NPS": F.NPS}, F.COMMENT) is None
    with pytest.raises(ValueError, match="Column 'Z' is not in the file"):
        mapping.mapped_column(table, {"Z": F.COMMENT}, F.COMMENT)
    with pytest.raises(NoScoreColumn):
        mapping.mapped_column(table, {"NPS": F.SEGMENT}, F.COMMENT)


def test_public_names():
    assert sorted(mapping.__all__) == [
        "apply_mapping",
        "header_signature",
        "mapped_column",
        "mapping_from_table",
        "mapping_table",
        "suggest_mapping",
    ]
