"""The Journey model page: edit the tables, save the YAML, re-tag, and refuse bad edits."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

import db
from cxcore.ingest import pipeline
from cxcore.ingest.pipeline import load_demo
from cxcore.text.taxonomy import load_taxonomy, taxonomy_from_dict, taxonomy_to_dict

ROOT = Path(__file__).resolve().parents[2]


def open_page(monkeypatch, url: str) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    return at.switch_page("pages/taxonomy.py").run()


def edit(at: AppTest, key: str, rows: dict) -> AppTest:
    at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    return at.run()


def as_read(element) -> str:
    """An element's Markdown as the user reads it (the page escapes the user's text)."""
    return re.sub(r"\\(.)", r"\1", element.value)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_the_page_shows_the_model_in_use(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db)
    assert not at.exception
    assert at.title[0].value == "Journey model"
    stages, touchpoints = at.data_editor[0].value, at.data_editor[1].value
    assert stages["key"].tolist() == load_taxonomy().stage_keys()
    assert "billing" in touchpoints["key"].tolist()


def test_saving_an_edit_writes_the_yaml_and_retags(monkeypatch, demo_db, taxonomy_path, tmp_path):
    at = open_page(monkeypatch, demo_db)
    touchpoints = at.data_editor[1].value
    phone = int(touchpoints.index[touchpoints["key"] == "phone"][0])
    stages = at.data_editor[0].value
    support = int(stages.index[stages["key"] == "support"][0])
    edit(at, "stages", {support: {"name_en": "Help desk"}})
    # Moving a word from one touchpoint to another moves the comments that use it.
    phone_words = touchpoints.at[phone, "words_en"]
    edit(at, "touchpoints", {phone: {"words_en": f"{phone_words}, faks: 5"}})
    assert not at.exception and not at.error

    button(at, "Save and re-tag").click().run()
    assert not at.exception
    saved = load_taxonomy(taxonomy_path)
    assert saved.stage("support").name() == "Help desk"
    assert saved.touchpoint("phone").words["en"]["faks"] == 5.0

    # The same edit applied by hand to a second copy of the demo gives the same counts.
    expected_model = taxonomy_to_dict(load_taxonomy())
    for stage in expected_model["stages"]:
        if stage["key"] == "support":
            stage["names"]["en"] = "Help desk"
    for touchpoint in expected_model["touchpoints"]:
        if touchpoint["key"] == "phone":
            touchpoint["words"]["en"]["faks"] = 5.0
    copy = db.get_engine(f"sqlite:///{tmp_path / 'copy.sqlite'}")
    # imported as the demo was, with the shipped model: the saved file is the active one now
    monkeypatch.setenv("CX_TAXONOMY", str(tmp_path / "shipped.yaml"))
    load_demo(copy, rows=400)
    monkeypatch.setenv("CX_TAXONOMY", str(taxonomy_path))
    expected = pipeline.retag_responses(copy, taxonomy_from_dict(expected_model))
    assert at.success[0].value == (
        f"Saved. Responses moved to another stage: {expected.moved_stage:,}; "
        f"to another touchpoint: {expected.moved_touchpoint:,}."
    )
    assert at.data_editor[0].value.at[support, "name_en"] == "Help desk"
    engine = db.get_engine(demo_db)
    assert pipeline.retag_responses(engine, saved).moved_stage == 0  # the saved model was applied


def test_a_duplicate_key_shows_the_error_and_writes_nothing(monkeypatch, demo_db, taxonomy_path):
    at = open_page(monkeypatch, demo_db)
    version = db.data_version(db.get_engine(demo_db))
    edit(at, "stages", {1: {"key": "awareness"}})
    assert not at.exception
    assert as_read(at.error[0]) == "two stages have the key 'awareness'; keys must be unique."
    assert button(at, "Save and re-tag").disabled
    assert not taxonomy_path.exists()
    assert db.data_version(db.get_engine(demo_db)) == version


def test_a_removed_stage_asks_where_its_responses_go(monkeypatch, demo_db, taxonomy_path):
    at = open_page(monkeypatch, demo_db)
    stages = at.data_editor[0].value
    loyalty = int(stages.index[stages["key"] == "loyalty"][0])
    at.session_state["stages"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [loyalty]}
    at.run()
    assert not at.exception
    held = int((db.responses_frame(db.get_engine(demo_db))["stage"] == "loyalty").sum())
    assert held
    where = at.selectbox(key="move-loyalty")
    assert where.label.startswith(
        f"The removed stage 'Loyalty & renewal' holds responses: {held:,}."
    )
    where.set_value("support").run()
    button(at, "Save and re-tag").click().run()
    assert not at.exception
    stored = db.responses_frame(db.get_engine(demo_db))
    assert "loyalty" not in set(stored["stage"])
    assert "loyalty" not in load_taxonomy(taxonomy_path).stage_keys()
    assert (stored["stage_source"] == "manual").sum() == held


def test_reload_from_file_shows_a_hand_edit(monkeypatch, demo_db, taxonomy_path):
    at = open_page(monkeypatch, demo_db)
    edit(at, "stages", {0: {"name_en": "Unsaved"}})
    data = taxonomy_to_dict(load_taxonomy())
    data["stages"][0]["names"]["en"] = "Edited by hand"
    taxonomy_path.write_text(__import__("yaml").safe_dump(data), encoding="utf-8")
    button(at, "Reload from file").click().run()
    assert not at.exception
    assert at.data_editor[0].value.at[0, "name_en"] == "Edited by hand"


def test_rescore_button_scores_every_stored_comment_again(monkeypatch, demo_db):
    from sqlalchemy import update

    from db.schema import Response

    engine = db.get_engine(demo_db)
    scored = db.responses_frame(engine).set_index("id")["sentiment"]
    with engine.begin() as conn:
        conn.execute(update(Response).values(sentiment=0.0))
    monkeypatch.setenv("CX_DATABASE_URL", demo_db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/taxonomy.py").run()
    button(at, "Re-score every comment").click().run()
    assert not at.exception
    assert at.success[-1].value == f"Responses re-scored: {len(scored):,}."
    again = db.responses_frame(engine).set_index("id")["sentiment"]
    pd.testing.assert_series_equal(again, scored)


def test_the_page_speaks_turkish_and_words_a_bad_weight_in_turkish(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db)
    at.sidebar.selectbox(key="ui_lang").set_value("tr").run()
    assert not at.exception
    assert at.title[0].value == "Yolculuk modeli"
    assert [h.value for h in at.subheader] == [
        "Bir sektör modeliyle başla",
        "Aşamalar",
        "Temas noktaları",
        "Duygu",
    ]
    assert button(at, "Kaydet ve yeniden etiketle")
    touchpoints = at.data_editor[1].value
    phone = int(touchpoints.index[touchpoints["key"] == "phone"][0])
    edit(at, "touchpoints", {phone: {"words_en": "call: lots"}})
    assert as_read(at.error[0]) == (
        "'phone' temas noktasının kelimeleri (en): 'call: lots' için ağırlık 'lots' olamaz; "
        "terim: ağırlık biçiminde yazın, ör. 'fatura*: 4'."
    )
    assert button(at, "Kaydet ve yeniden etiketle").disabled


def test_a_bad_edit_is_explained_in_czech(monkeypatch, demo_db, taxonomy_path):
    at = open_page(monkeypatch, demo_db)
    at.sidebar.selectbox(key="ui_lang").set_value("cs").run()
    edit(at, "stages", {1: {"key": "awareness"}})
    assert not at.exception
    assert (
        as_read(at.error[0])
        == "dvě položky typu fáze mají klíč 'awareness'; klíče musí být jedinečné."
    )
    touchpoints = at.data_editor[1].value
    phone = int(touchpoints.index[touchpoints["key"] == "phone"][0])
    edit(at, "stages", {})
    edit(at, "touchpoints", {phone: {"words_cs": "fa*"}})
    assert as_read(at.error[0]) == (
        "slova kontaktního bodu 'phone' (cs): kmen 'fa*' je příliš krátký; "
        "použijte aspoň 3 písmena."
    )
    assert not taxonomy_path.exists()
