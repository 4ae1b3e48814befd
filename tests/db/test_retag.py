"""Re-tagging stored responses after the journey model changed; moving a removed stage."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

import db
from cxcore.ingest import pipeline
from cxcore.text.taxonomy import load_taxonomy, taxonomy_from_dict, taxonomy_to_dict
from db.schema import Import

SURVEY = """Kanal,Aşama,Yorum,Tavsiye puanı
Faks hattı,,Yazdım ama kimse dönmedi,3
Faks hattı,,Teşekkürler,9
Çağrı merkezi,,Faturam yine yüksek geldi,4
Mağaza,Destek,Personel çok ilgiliydi,10
Web,,Modemim sürekli kopuyor,2
""".encode()
TAGS = ["stage", "stage_source", "touchpoint", "touchpoint_source"]


def imported(engine, survey_stage=None) -> pd.DataFrame:
    pipeline.import_file(SURVEY, "anket.csv", engine=engine, survey_stage=survey_stage)
    return stored(engine)


def stored(engine) -> pd.DataFrame:
    return db.responses_frame(engine).set_index("row_number")[TAGS]


def edited(change) -> object:
    data = taxonomy_to_dict(load_taxonomy())
    change(data)
    return taxonomy_from_dict(data)


def entry(data, section, key):
    return next(e for e in data[section] if e["key"] == key)


def fax_is_email(data):
    entry(data, "touchpoints", "email")["channels"].append("Faks hattı")


def test_an_unchanged_model_moves_nothing_and_changes_no_row(engine):
    before = imported(engine, survey_stage="support")
    version = db.data_version(engine)
    summary = pipeline.retag_responses(engine, load_taxonomy())
    assert summary == db.RetagSummary(total=5, moved_stage=0, moved_touchpoint=0)
    pd.testing.assert_frame_equal(stored(engine), before)
    assert db.data_version(engine) != version  # caches key on it; a re-tag is a write


def test_a_new_channel_synonym_retags_exactly_its_rows(engine):
    before = imported(engine)
    assert before.loc[[2, 3], "touchpoint"].tolist() == ["unassigned", "unassigned"]
    progress = []
    summary = pipeline.retag_responses(
        engine, edited(fax_is_email), progress=lambda f, m: progress.append(f)
    )
    after = stored(engine)
    assert summary == db.RetagSummary(total=5, moved_stage=2, moved_touchpoint=2)
    # The fax rows now come from the channel; the stage is e-mail's usual stage.
    assert after.loc[2].tolist() == ["support", "channel", "email", "channel"]
    assert after.loc[3].tolist() == ["support", "channel", "email", "channel"]
    pd.testing.assert_frame_equal(after.loc[[4, 5, 6]], before.loc[[4, 5, 6]])
    assert progress[-1] == 1.0


def test_a_new_word_retags_the_comments_that_use_it(engine):
    before = imported(engine)

    def dönmedi_is_support(data):
        entry(data, "stages", "support")["words"]["tr"]["dönmedi"] = 4

    summary = pipeline.retag_responses(engine, edited(dönmedi_is_support))
    after = stored(engine)
    assert summary == db.RetagSummary(total=5, moved_stage=1, moved_touchpoint=0)
    assert after.loc[2, ["stage", "stage_source"]].tolist() == ["support", "rule"]
    pd.testing.assert_frame_equal(after.drop(index=2), before.drop(index=2))


def test_manual_tags_survive_a_retag(engine):
    imported(engine)
    ids = db.responses_frame(engine).set_index("row_number")["id"]
    db.set_manual_tags(engine, [int(ids[2])], "loyalty", "phone")
    db.set_manual_tags(engine, [int(ids[6])], "support", None)  # stage only
    summary = pipeline.retag_responses(engine, edited(fax_is_email))
    after = stored(engine)
    assert summary == db.RetagSummary(total=5, moved_stage=1, moved_touchpoint=1)
    assert after.loc[2].tolist() == ["loyalty", "manual", "phone", "manual"]
    # A manual stage keeps the row's touchpoint as it was.
    assert after.loc[6].tolist() == ["support", "manual", "website", "channel"]
    assert after.loc[3, "touchpoint"] == "email"


def test_the_file_own_stage_column_still_decides(engine):
    imported(engine)
    pipeline.retag_responses(engine, edited(fax_is_email))
    assert stored(engine).loc[5, ["stage", "stage_source"]].tolist() == ["support", "column"]


def test_the_survey_stage_of_each_import_is_the_default(engine):
    imported(engine, survey_stage="loyalty")
    summary = pipeline.retag_responses(engine, edited(fax_is_email))
    after = stored(engine)
    # The survey's stage beats the fax channel's usual stage (support).
    assert summary.moved_stage == 0 and summary.moved_touchpoint == 2
    assert after.loc[2].tolist() == ["loyalty", "survey", "email", "channel"]


def test_move_stage_tags_the_responses_where_the_user_said(engine):
    imported(engine, survey_stage="usage")
    moved = db.move_stage(engine, "usage", "support")
    after = stored(engine)
    assert moved == 4  # the survey stage placed the fax rows in usage too
    assert after.loc[[2, 4, 6], "stage"].tolist() == ["support"] * 3
    assert set(after.loc[[2, 4, 6], "stage_source"]) == {"manual"}
    with engine.connect() as conn:
        assert conn.scalars(select(Import.survey_stage)).all() == ["support"]

    def without_usage(data):
        data["stages"] = [s for s in data["stages"] if s["key"] != "usage"]
        for touchpoint in data["touchpoints"]:
            touchpoint["stages"] = [s for s in touchpoint["stages"] if s != "usage"]
            if touchpoint["usual_stage"] == "usage":
                touchpoint["usual_stage"] = None
        data["rules"] = [r for r in data["rules"] if r.get("stage") != "usage"]

    pipeline.retag_responses(engine, edited(without_usage))
    assert "usage" not in set(stored(engine)["stage"])


def test_move_stage_to_unassigned_leaves_the_rows_to_the_rules(engine):
    imported(engine)
    assert db.move_stage(engine, "usage", "unassigned") == 2
    after = stored(engine)
    assert (
        after.loc[[4, 6], ["stage", "stage_source"]].values.tolist()
        == [["unassigned", "unassigned"]] * 2
    )
    assert pipeline.retag_responses(engine, load_taxonomy()).moved_stage == 2
