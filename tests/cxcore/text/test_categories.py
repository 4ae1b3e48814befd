"""The file's category column: suggested values, the lead's choice outranking the words,
unmapped values counting for nothing, and the choice remembered for the same headers."""

from __future__ import annotations

import pandas as pd
import pytest

import db
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
    ["negativereason", "Konu", "Kategori", "Kategorie", "Důvod", "Group", "Reason", "Queue"],
)
def test_a_category_column_is_recognised_by_its_header_and_repeating_values(header):
    rows = "\n".join(f"Text number {i} about things,{v}" for i, v in enumerate("ABABAB"))
    data = f"Comment,{header}\n{rows.replace(',A', ',Billing').replace(',B', ',Late Flight')}\n"
    assert suggest_mapping(table_of(data.encode()))[header] == F.CATEGORY


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


def tags(url: str) -> pd.DataFrame:
    frame = db.responses_frame(db.get_engine(url)).set_index("comment")
    return frame[["stage", "stage_source", "touchpoint", "touchpoint_source"]]


def test_a_confirmed_value_outranks_the_words_and_unmapped_values_count_for_nothing(db_url):
    engine = db.get_engine(db_url)
    placed = {"Fatura itirazı": ("usage", "billing"), "Teslimat": (None, None)}
    pipeline.import_file(SURVEY, "destek.csv", engine=engine, categories_placed=placed)
    stored = tags(db_url)
    # "Kargo çok geç geldi" reads as delivery, but its topic is a billing dispute.
    assert stored.loc["Kargo çok geç geldi"].tolist() == ["usage", "category", "billing", "category"]
    assert stored.loc["Kurye gelmedi", "stage_source"] == "category"
    # A value left empty, and one never offered, leave the comment's words to decide.
    assert stored.loc["Kargo hasarlı geldi", "stage_source"] == "rule"
    assert stored.loc["Kargom gecikti", "stage_source"] == "rule"
    assert stored.loc["Uygulama açılmıyor", "stage_source"] != "category"


def test_the_choice_is_remembered_for_files_with_the_same_headers(db_url):
    engine = db.get_engine(db_url)
    placed = {"Fatura itirazı": ("usage", "billing"), "Teslimat": (None, None)}
    pipeline.import_file(
        SURVEY, "destek.csv", engine=engine, categories_placed=placed, remember=True
    )
    table, mapping = pipeline.read_and_map(SURVEY, "ocak.csv", engine=engine)
    choices = pipeline.category_choices(table, mapping, engine, load_active_taxonomy())
    remembered = choices.set_index("value")
    assert remembered.loc["Fatura itirazı", ["stage", "touchpoint"]].tolist() == [
        "usage",
        "billing",
    ]
    assert remembered.loc["Teslimat", ["stage", "touchpoint"]].tolist() == ["", ""]
    # The CLI's path (no choices passed) applies the remembered ones.
    later = SURVEY.replace(b"Kurye gelmedi", b"Kurye yine gelmedi")
    pipeline.import_file(later, "subat.csv", engine=engine)
    assert tags(db_url).loc["Kurye yine gelmedi", "stage"] == "usage"
    # Other headers: nothing remembered.
    other = SURVEY.replace(b"Puan", b"Skor")
    table, mapping = pipeline.read_and_map(other, "x.csv", engine=engine)
    fresh = pipeline.category_choices(table, mapping, engine, load_active_taxonomy())
    assert fresh.set_index("value").loc["Teslimat", "touchpoint"] == "delivery"


def test_category_tags_survive_re_tagging_and_yield_to_a_hand_placement(db_url):
    engine = db.get_engine(db_url)
    placed = {"Fatura itirazı": ("usage", "billing")}
    pipeline.import_file(SURVEY, "destek.csv", engine=engine, categories_placed=placed)
    stored = db.responses_frame(engine).set_index("comment")
    db.set_manual_tags(engine, [int(stored.loc["Kurye gelmedi", "id"])], "support", None)
    pipeline.retag_responses(engine, load_active_taxonomy())
    after = tags(db_url)
    assert after.loc["Kargo çok geç geldi"].tolist() == ["usage", "category", "billing", "category"]
    assert after.loc["Kurye gelmedi", ["stage", "stage_source"]].tolist() == ["support", "manual"]


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
