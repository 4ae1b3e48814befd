"""The Unassigned responses page: tag a group by hand, optionally keeping its words as a rule."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

import db
from cxcore.ingest import pipeline
from cxcore.text.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[2]
# "Zorbix", a product name no journey model knows: its three comments stay unassigned.
SURVEY = """Yorum,Tavsiye puanı
Zorbix yine gelmedi,2
Zorbixi bulamıyorum,3
Zorbix hatalı geldi,1
Teşekkürler,9
Kargom gecikti,4
""".encode()


def open_review(monkeypatch, url: str) -> AppTest:
    pipeline.import_file(SURVEY, "anket.csv", engine=db.get_engine(url))
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    return at.switch_page("pages/review.py").run()


def stored(url: str):
    return db.responses_frame(db.get_engine(url)).set_index("row_number")


def choose(at: AppTest, stage: str, touchpoint: str) -> AppTest:
    boxes = {b.label: b for b in at.selectbox}
    boxes["Stage"].set_value(stage)
    boxes["Touchpoint"].set_value(touchpoint)
    return at.run()


def test_the_groups_show_their_words_and_examples(monkeypatch, db_url):
    at = open_review(monkeypatch, db_url)
    assert not at.exception
    assert at.title[0].value == "Unassigned responses"
    groups = at.dataframe[0].value
    assert groups["words"].tolist() == ["zorbix"]
    assert groups["n"].tolist() == [3]
    assert at.button[0].label == "Assign responses: 3"


def test_assigning_a_group_stores_manual_tags(monkeypatch, db_url, taxonomy_path):
    at = choose(open_review(monkeypatch, db_url), "support", "email")
    at.button[0].click().run()
    assert not at.exception
    assert at.success[0].value == "Responses tagged by hand: 3."
    tags = stored(db_url)[["stage", "stage_source", "touchpoint", "touchpoint_source"]]
    assert tags.loc[[2, 3, 4]].values.tolist() == [["support", "manual", "email", "manual"]] * 3
    assert set(tags.loc[[5, 6], "stage_source"]) != {"manual"}
    assert not taxonomy_path.exists()
    assert at.info[0].value.startswith("No group of unassigned responses")


def test_also_as_a_rule_saves_the_words_and_retags(monkeypatch, db_url, taxonomy_path):
    at = choose(open_review(monkeypatch, db_url), "support", "email")
    rule = next(c for c in at.checkbox if c.label.startswith("Also add these words as a rule"))
    assert rule.label == "Also add these words as a rule: zorbix*"
    rule.check().run()
    at.button[0].click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Responses tagged by hand: 3. Rule saved.")
    saved = load_taxonomy(taxonomy_path)
    assert saved.touchpoint("email").words["tr"]["zorbix*"] == 3.0
    assert saved.stage("support").words["tr"]["zorbix*"] == 3.0
    # A later import (the active model) places a comment with the same word by the rule.
    pipeline.import_file(
        b"Yorum\nZorbixlerim okunmuyor\n", "yeni.csv", engine=db.get_engine(db_url)
    )
    later = stored(db_url).set_index("comment").loc["Zorbixlerim okunmuyor"]
    assert later[["stage", "touchpoint"]].tolist() == ["support", "email"]


def test_assigning_while_another_import_holds_the_database_says_so_and_stores_nothing(
    monkeypatch, db_url
):
    import db.engine

    monkeypatch.setattr(db.engine, "SQLITE_BUSY_TIMEOUT_S", 1)  # give up after a second
    monkeypatch.setattr(db.engine, "_WRITE_WAIT_ROUNDS", 1)
    at = choose(open_review(monkeypatch, db_url), "support", "email")
    engine = db.get_engine(db_url)
    with engine.connect() as holder, holder.begin():
        db.engine.lock_for_writing(holder)  # an import that is still storing
        at.button[0].click().run()
    assert not at.exception
    shown = re.sub(r"\\(.)", r"\1", at.error[0].value)
    assert shown == (
        "Another import or change has been writing to the database for over 1 seconds: "
        "nothing was stored; try again when it has finished."
    )
    assert "manual" not in set(stored(db_url)["stage_source"])


def test_the_learned_model_shows_its_precision_and_least_sure_placements(monkeypatch, db_url):
    words = {"usage": "zorbix", "support": "plonket", "loyalty": "quimbera"}
    rows = [f"{w} yine {i}" for w in words.values() for i in range(15)]
    later = [f"{w} again {i}" for w in words.values() for i in range(50, 53)]
    data = ("Yorum,Puan\n" + "".join(f"{c},5\n" for c in rows + later)).encode()
    engine = db.get_engine(db_url)
    pipeline.import_file(data, "learn.csv", engine=engine)
    stored = db.responses_frame(engine).set_index("comment")
    for stage, word in words.items():
        ids = [int(stored.loc[f"{word} yine {i}", "id"]) for i in range(15)]
        db.set_manual_tags(engine, ids, stage, None)
    monkeypatch.setenv("CX_DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at = at.switch_page("pages/review.py").run()
    assert not at.exception
    assert "Learned from your placements" in [s.value for s in at.subheader]
    assert any(
        re.match(r"Stage: right 100% of the time in cross-validation on 45 hand", c.value)
        for c in at.caption
    )
    apply = next(b for b in at.button if b.label.startswith("Place unassigned responses"))
    apply.click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Placed again. Responses moved to another stage: 9")
    assert len(db.learned_placements(engine)) == 9
    listed = at.dataframe[-1].value
    assert list(listed.columns) == ["comment", "stage", "touchpoint", "confidence"]
    assert listed["confidence"].is_monotonic_increasing
