"""The file's category column: suggested values, the lead's choice outranking the words,
unmapped values counting for nothing, and the choice remembered for the same headers."""

from __future__ import annotations

import pandas as pd
import pytest

from cxcore import fields as F
from cxcore.ingest import pipeline
from cxcore.ingest.reading import read_survey
from cxcore.ingest.suggestion import suggest_mapping
from cxcore.text.categories import category_table, placements_from_table
from cxcore.text.taxonomy import load_active_taxonomy

# "Konu" is the ticket's topic; the comment's own words point elsewhere on purpose.
SURVEY = """Yorum;Konu;Puan
Kargo çok geç geldi;Fatura itirazı;3
Teşekkürler;Fatura itirazı;9
Kargo hasarlı geldi;Teslimat;2
Uygulama açılmıyor;Teslimat;4
Kargom gecikti;Diğer;5
Kurye gelmedi;Fatura itirazı;1
""".encode()


def table_of(data: bytes, name: str = "destek.csv"):
    return read_survey(data, name)


@pytest.mark.parametrize(
    "header",
    ["negativereason", "Konu", "Kategori", "Kategorie", "Důvod", "Reason", "Queue", "Department"],
)
def test_a_category_column_is_recognised_by_its_header_and_repeating_values(header):
    rows = "\n".join(f"Text number {i} about things,{v}" for i, v in enumerate("ABABAB"))
    data = f"Comment,{header}\n{rows.replace(',A', ',Billing').replace(',B', ',Late Flight')}\n"
    assert suggest_mapping(table_of(data.encode()))[header] == F.CATEGORY


def test_a_group_column_is_the_team_and_its_values_are_offered_for_placing():
    teams = ["Billing", "Tier 1"] * 3
    rows = "\n".join(f"Text number {i} about things,{team}" for i, team in enumerate(teams))
    data = f"Comment,Group\n{rows}\n"
    table = table_of(data.encode())
    mapping = suggest_mapping(table)
    assert mapping["Group"] == F.TEAM
    offered = pipeline.category_choices(table, mapping, None, load_active_taxonomy())
    assert offered is not None and set(offered["value"]) == {"Billing", "Tier 1"}


def test_a_reason_column_of_free_text_stays_the_comment():
    data = b"Reason\nThe app crashed twice today\nNobody called me back after a week\n"
    assert suggest_mapping(table_of(data)) == {"Reason": F.COMMENT}


def test_each_common_value_is_offered_with_the_stage_and_touchpoint_its_words_suggest():
    column = pd.Series(["Fatura itirazı"] * 3 + ["Teslimat"] * 2 + ["Diğer"])
    table = category_table(column, load_active_taxonomy())
    assert table["value"].tolist() == ["Fatura itirazı", "Teslimat", "Diğer"]
    assert table["n"].tolist() == [3, 2, 1]
    assert table.loc[0, "touchpoint"] == "billing"
    assert table.loc[1, ["stage", "touchpoint"]].tolist() == ["onboarding", "delivery"]
    assert table.loc[2, ["stage", "touchpoint"]].tolist() == ["", ""]


def test_only_the_top_values_are_offered():
    column = pd.Series([f"Topic {i}" for i in range(40) for _ in range(i + 1)])
    table = category_table(column, load_active_taxonomy(), top=5)
    assert table["value"].tolist() == [f"Topic {i}" for i in (39, 38, 37, 36, 35)]


def test_the_edited_table_reads_names_or_keys():
    edited = pd.DataFrame(
        {
            "value": ["A", "B", "C"],
            "n": [3, 2, 1],
            "stage": ["Kullanım ve fatura", "support", ""],
            "touchpoint": ["", None, ""],
        }
    )
    placed = placements_from_table(edited, load_active_taxonomy(), "tr")
    assert placed == {"A": ("usage", None), "B": ("support", None), "C": (None, None)}
