"""Placing by the lead's own choices, stored: category values remembered per headers and
kept through re-tagging; hand placements training the learned model on re-tag and import.
Runs on SQLite and, with CX_TEST_POSTGRES_URL, on PostgreSQL."""

from __future__ import annotations

import pandas as pd

import db
from cxcore import fields as F
from cxcore.ingest import pipeline
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
# Words no rule knows, one per stage: only the lead's placements can teach them.
TOPICS = {"usage": "zorbix", "support": "plonket", "loyalty": "quimbera"}
FILLERS = ["bugün", "yine", "again today", "hep böyle", "zase", "every week", "nevím", "ama"]


def comments(word: str, n: int, start: int = 0) -> list[str]:
    return [f"{word} {FILLERS[i % len(FILLERS)]} {i}" for i in range(start, start + n)]


def tags(url: str) -> pd.DataFrame:
    frame = db.responses_frame(db.get_engine(url)).set_index("comment")
    return frame[["stage", "stage_source", "touchpoint", "touchpoint_source"]]


def survey_bytes(rows: list[tuple[str, str]]) -> bytes:
    lines = ["Yorum,Aşama,Puan"] + [f"{c},{s},5" for c, s in rows]
    return ("\n".join(lines) + "\n").encode()


def test_a_confirmed_value_outranks_the_words_and_unmapped_values_count_for_nothing(db_url):
    engine = db.get_engine(db_url)
    placed = {"Fatura itirazı": ("usage", "billing"), "Teslimat": (None, None)}
    pipeline.import_file(SURVEY, "destek.csv", engine=engine, categories_placed=placed)
    stored = tags(db_url)
    # "Kargo çok geç geldi" reads as delivery, but its topic is a billing dispute.
    assert stored.loc["Kargo çok geç geldi"].tolist() == [
        "usage",
        "category",
        "billing",
        "category",
    ]
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


def test_hand_placements_train_a_model_used_on_re_tag_and_after_an_import(db_url):
    engine = db.get_engine(db_url)
    taught = [(c, "") for word in TOPICS.values() for c in comments(word, 12)]
    later = [(c, "") for word in TOPICS.values() for c in comments(word, 3, start=50)]
    column = [("zorbix stage given by the file", "Destek")]
    pipeline.import_file(survey_bytes(taught + later + column), "a.csv", engine=engine)
    stored = db.responses_frame(engine).set_index(F.COMMENT)
    assert set(stored[F.STAGE_SOURCE]) == {F.UNASSIGNED, "column"}
    for stage, word in TOPICS.items():
        ids = [int(stored.loc[c, "id"]) for c in comments(word, 12)]
        db.set_manual_tags(engine, ids, stage, None)

    pipeline.retag_responses(engine, load_active_taxonomy())  # "Save and re-tag"
    after = db.responses_frame(engine).set_index(F.COMMENT)
    for stage, word in TOPICS.items():
        for text in comments(word, 3, start=50):
            assert after.loc[text, [F.STAGE, F.STAGE_SOURCE]].tolist() == [stage, "learned"]
        assert set(after.loc[comments(word, 12), F.STAGE_SOURCE]) == {"manual"}
    assert after.loc[column[0][0], [F.STAGE, F.STAGE_SOURCE]].tolist() == ["support", "column"]

    # A new import: what the rules leave unassigned is placed by the model.
    pipeline.import_file(survey_bytes([("plonket again third time", "")]), "b.csv", engine=engine)
    new = db.responses_frame(engine).set_index(F.COMMENT).loc["plonket again third time"]
    assert new[[F.STAGE, F.STAGE_SOURCE]].tolist() == ["support", "learned"]
    assert len(db.learned_placements(engine)) == 10
