"""The one import path, end to end on real SQLite files: every export layout, with its counts."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import func, select

import db
import tests.survey_files as S
from cxcore.errors import FileTooLarge, NoScoreColumn, UnreadableFile
from cxcore.ingest import pipeline
from db.schema import Import, Rejection, Response

MS_FORMS_REJECTIONS = [
    {"row": 2, "reason": "CSAT '4,5' is not a whole number on the 1–5 scale"},
    {"row": 4, "reason": "CSAT '3,5' is not a whole number on the 1–5 scale"},
]

# (file name, bytes, accepted, rejections) — counts read off each fixture by hand.
LAYOUTS = [
    pytest.param("q.csv", S.qualtrics_csv(), 4, [], id="qualtrics-tr"),
    pytest.param("q.csv", S.qualtrics_choice_text_csv(), 2, [], id="qualtrics-choice-text"),
    pytest.param(
        "q.tsv", S.qualtrics_csv(delimiter="\t", encoding="utf-16"), 4, [], id="qualtrics-utf16-tsv"
    ),
    pytest.param("legacy.csv", S.qualtrics_legacy_csv(), 2, [], id="qualtrics-legacy"),
    pytest.param("sm.csv", S.surveymonkey_csv(), 2, [], id="surveymonkey"),
    pytest.param("sm.csv", S.surveymonkey_csv(date_style="iso"), 2, [], id="surveymonkey-iso"),
    pytest.param("gf.csv", S.google_forms_csv(variant="sheets"), 2, [], id="google-forms-sheets"),
    pytest.param(
        "gf.csv", S.google_forms_csv(variant="download"), 2, [], id="google-forms-download"
    ),
    pytest.param("tf.csv", S.typeform_csv(), 2, [], id="typeform"),
    pytest.param(
        "zd.csv",
        S.zendesk_csv(),
        2,
        [{"row": 4, "reason": "No score and no comment"}],
        id="zendesk",
    ),
    pytest.param("dl.csv", S.delighted_csv(), 3, [], id="delighted"),
    pytest.param("ms.csv", S.ms_forms_csv(), 1, MS_FORMS_REJECTIONS, id="ms-forms-cp1254"),
    pytest.param(
        "ms.csv",
        S.ms_forms_csv(language="cs", encoding="cp1250"),
        1,
        MS_FORMS_REJECTIONS,
        id="ms-forms-cp1250",
    ),
    pytest.param(
        "ms.txt",
        S.ms_forms_csv(encoding="utf-16", delimiter="\t"),
        1,
        MS_FORMS_REJECTIONS,
        id="ms-forms-unicode-text",
    ),
]


def count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(("name", "data", "accepted", "rejections"), LAYOUTS)
def test_every_layout_imports_with_its_counts_and_again_as_duplicates(
    engine, name, data, accepted, rejections
):
    first = pipeline.import_file(data, name, engine=engine, survey="Test")
    report = first.as_dict()
    assert (report["rows"], report["accepted"], report["rejected"], report["duplicates"]) == (
        accepted + len(rejections),
        accepted,
        len(rejections),
        0,
    )
    assert report["rejections"] == rejections

    again = pipeline.import_file(data, name, engine=engine, survey="Test")
    assert (again.accepted, again.rejected, again.duplicates) == (0, len(rejections), accepted)
    assert count(engine, Response) == accepted


def test_qualtrics_responses_keep_their_text_times_and_unused_columns(engine):
    pipeline.import_file(S.qualtrics_csv(), "q.csv", engine=engine)
    stored = db.responses_frame(engine).set_index("response_id")
    first = stored.loc["R_1a2B3c4D5e6F7g8"]
    assert first["comment"] == S.TR_COMMENTS[0]
    assert first["nps"] == 3
    # 10:02:59 in Istanbul (+03:00) is 07:02:59 UTC.
    assert first["submitted_at"] == pd.Timestamp("2026-09-01 07:02:59", tz="UTC")
    assert first["extra"]["IPAddress"] == "85.105.12.4"
    assert first["extra"]["Q1_NPS_GROUP"] == "1"
    assert first["language"] == "tr"


def test_zendesk_good_and_bad_are_csat_five_and_one(engine):
    pipeline.import_file(S.zendesk_csv(), "zd.csv", engine=engine)
    stored = db.responses_frame(engine).set_index("response_id")
    assert stored.loc[["35436", "35437"], "csat"].tolist() == [5.0, 1.0]


def test_delighted_scores_go_to_their_own_scale(engine):
    pipeline.import_file(S.delighted_csv(), "dl.csv", engine=engine)
    stored = db.responses_frame(engine).set_index("response_id")
    assert stored.loc["1001", ["nps", "csat", "ces"]].tolist()[0] == 9
    assert stored.loc["1002", "csat"] == 2 and pd.isna(stored.loc["1002", "nps"])
    assert stored.loc["1003", "ces"] == 6


def test_xlsx_chosen_sheet_imports(engine):
    rows = [
        ["Tarih", "Tavsiye puanı", "Yorum"],
        ["03.02.2026 10:15", 9, "Teknisyen çok ilgiliydi"],
        ["04.02.2026 11:00", 2, "Faturam yüksek geldi"],
    ]
    data = S.xlsx_file({"Boş": [], "Yanıtlar": rows})
    summary = pipeline.import_file(data, "anket.xlsx", engine=engine, sheet="Yanıtlar")
    assert (summary.accepted, summary.rejected) == (2, 0)
    assert sorted(db.responses_frame(engine)["nps"]) == [2.0, 9.0]


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", UnreadableFile, "empty.csv is empty"),
        (S.random_bytes(4000), UnreadableFile, "empty.csv"),
        (b"Tarih;Kanal\n01.02.2026;Telefon\n", NoScoreColumn, "score or comment"),
    ],
)
def test_a_refused_file_changes_nothing(engine, data, error, message):
    pipeline.import_file(S.zendesk_csv(), "zd.csv", engine=engine)
    before = [count(engine, m) for m in (Import, Response, Rejection)]
    with pytest.raises(error, match=message):
        pipeline.import_file(data, "empty.csv", engine=engine)
    assert [count(engine, m) for m in (Import, Response, Rejection)] == before


def test_file_over_the_limit_names_the_limit(engine, monkeypatch):
    monkeypatch.setenv("CX_MAX_FILE_MB", "0.001")
    with pytest.raises(FileTooLarge, match="MB"):
        pipeline.import_file(S.large_csv(200), "big.csv", engine=engine)
    assert count(engine, Import) == 0


def test_preview_counts_what_storing_will_do(engine):
    data = S.zendesk_csv()
    table, mapping = pipeline.read_and_map(data, "zd.csv", engine=engine)
    prepared = pipeline.prepare_import(table, mapping, filename="zd.csv")
    preview = pipeline.preview_import(prepared, engine)
    assert (preview.rows, preview.to_import, preview.rejected, preview.duplicates) == (3, 2, 1, 0)
    pipeline.store_import(prepared, engine)
    again = pipeline.preview_import(prepared, engine)
    assert (again.to_import, again.duplicates) == (0, 2)


def test_confirmed_mapping_is_remembered_for_the_same_headers(engine):
    data = S.typeform_csv()
    table, suggested = pipeline.read_and_map(data, "tf.csv", engine=engine)
    corrected = {k: v for k, v in suggested.items() if v != "comment"}
    pipeline.remember_mapping(engine, table, corrected)
    _, remembered = pipeline.read_and_map(data, "tf-2.csv", engine=engine)
    assert remembered == corrected


def test_rejections_table_puts_row_reason_then_the_rows_values():
    prepared = pipeline.prepare_import(
        *pipeline.read_and_map(S.zendesk_csv(), "zd.csv"), filename="zd.csv"
    )
    table = pipeline.rejections_table(prepared.rejected)
    assert list(table.columns[:3]) == ["row", "reason", "id"]
    assert table.iloc[0][["row", "reason", "score"]].tolist() == [
        4,
        "No score and no comment",
        "offered",
    ]


def test_rescore_scores_every_stored_comment_again(engine):
    from sqlalchemy import update

    pipeline.import_file(S.zendesk_csv(), "zd.csv", engine=engine)
    pipeline.import_file(S.qualtrics_csv(), "q.csv", engine=engine)
    scored = db.responses_frame(engine).set_index("id")[["sentiment", "sentiment_label"]]
    with engine.begin() as conn:  # as if an older analyzer had scored them
        conn.execute(update(Response).values(sentiment=0.0, sentiment_label="neutral"))
    before = db.data_version(engine)
    steps: list[str] = []

    count = pipeline.rescore_responses(engine, progress=lambda f, m: steps.append(m))

    assert count == 6
    again = db.responses_frame(engine).set_index("id")[["sentiment", "sentiment_label"]]
    pd.testing.assert_frame_equal(again, scored)
    assert (again["sentiment"] != 0).any()
    assert steps[-1] == "Re-scored" and db.data_version(engine) != before


def test_the_progress_bar_moves_through_every_step_of_a_large_import(engine):
    seen: list[tuple[float, str]] = []
    pipeline.load_demo(engine, rows=1200, progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    messages = [m for _, m in seen]
    # Learning from the survey's own scores is the longest step: it reports each part.
    learning = [m for m in messages if m.startswith("Learning from the survey's scores")]
    assert len(learning) >= 5
    assert messages.index("Scoring comments") < messages.index(learning[0])
    assert messages.index(learning[-1]) < messages.index("Storing responses")
    # What runs between scoring and the first stored chunk says so too.
    assert (
        messages.index(learning[-1])
        < messages.index("Protecting personal data")
        < messages.index("Finding duplicates")
        < messages.index("Storing responses")
        < messages.index("Adding up each day's responses")
        < messages.index("Saving to the database")
        < messages.index("Stored")
    )
    # Every step the bar names reads in the UI's language too.
    from cxcore.i18n import translate

    assert [m for m in dict.fromkeys(messages) if translate(m, "tr") == m] == []


def _prepared(monkeypatch, parallel_min: int, seen: list[tuple[float, str]]) -> pd.DataFrame:
    from cxcore.text import sentiment
    from cxcore.text.sentiment import workers

    monkeypatch.setattr(workers, "_PARALLEL_MIN", parallel_min)
    monkeypatch.setattr(workers, "_CHUNK", 2)
    sentiment.clear_cache()
    table, mapping = pipeline.read_and_map(S.large_csv(600, seed=3), "big.csv")
    prepared = pipeline.prepare_import(
        table, mapping, filename="big.csv", progress=lambda f, m: seen.append((f, m))
    )
    sentiment.clear_cache()
    return prepared.accepted


def test_comments_scored_while_the_rows_are_checked_give_the_same_import(monkeypatch):
    seen: list[tuple[float, str]] = []
    ahead = _prepared(monkeypatch, 2, seen)
    alone = _prepared(monkeypatch, 1_000_000, [])

    pd.testing.assert_frame_equal(ahead, alone)
    messages = [m for _, m in seen]
    # The tone started right after mapping, before the rows were checked.
    assert messages.index("Reading each comment's language and tone") < messages.index(
        "Checking scores and dates"
    )
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions)


def test_a_file_that_fails_its_checks_leaves_no_scoring_workers(monkeypatch):
    from cxcore.ingest import validate
    from cxcore.text import sentiment

    started: list[sentiment.ScoringAhead] = []
    score_ahead = sentiment.score_ahead
    monkeypatch.setattr(
        sentiment, "score_ahead", lambda *a: started.append(score_ahead(*a)) or started[-1]
    )

    def fails(*_args, **_kwargs):
        raise RuntimeError("checking failed")

    monkeypatch.setattr(validate, "split_rows", fails)
    with pytest.raises(RuntimeError, match="checking failed"):
        _prepared(monkeypatch, 2, [])

    assert started and started[0].pool is not None
    with pytest.raises(RuntimeError, match="shutdown"):
        started[0].pool.submit(print)  # the workers were stopped with the import


@pytest.mark.parametrize("written", ["9999-12-31", "31.12.9999", "0001-01-01", "1.1.1800"], ids=str)
def test_a_date_no_survey_was_answered_on_is_a_rejected_row_not_a_crash(engine, written):
    rows = f"Response ID,Date,NPS,Comment\nR1,{written},3,a\nR2,2026-03-02,9,b\nR3,2026-03-03,9,c\n"
    summary = pipeline.import_file(rows.encode(), "dates.csv", engine=engine)
    assert (summary.accepted, summary.rejected) == (2, 1)
    assert summary.as_dict()["rejections"] == [
        {"row": 2, "reason": f"Date '{written}' is not between 1900 and 2099"}
    ]
    assert len(db.responses_frame(engine)) == 2
