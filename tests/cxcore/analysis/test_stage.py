"""The stage drill-down's computations, on frames whose right answers are known by construction."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cxcore.analysis import metrics, stage_detail
from cxcore.text.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()


def responses(rows: list[tuple]) -> pd.DataFrame:
    """id, submitted_at, nps, csat, sentiment, sentiment_label, touchpoint, language, comment."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "submitted_at",
            "nps",
            "csat",
            "sentiment",
            "sentiment_label",
            "touchpoint",
            "language",
            "comment",
        ],
    )
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], utc=True)
    frame["stage"] = "support"
    frame["stage_source"] = "column"
    frame["touchpoint_source"] = "channel"
    frame["sentiment_model"] = "lexicon-tr"
    return frame


# Week of Monday 2026-01-05: 3 responses; week of 2026-01-12: 2 (one on Sunday the 18th).
SUPPORT = responses(
    [
        (1, "2026-01-05 09:00", 10, 5, 0.6, "positive", "phone", "en", "Great agent, solved fast"),
        (2, "2026-01-07 12:00", 9, 4, 0.2, "positive", "phone", "en", "Agent was kind"),
        (3, "2026-01-11 23:00", 6, 2, -0.8, "negative", "ivr", "tr", "Berbat, çok bekledim"),
        (4, "2026-01-12 08:00", 0, None, -0.4, "negative", "ivr", "tr", "BEKLEDİM, berbat"),
        (5, "2026-01-18 18:00", 7, 3, None, None, "phone", None, None),
    ]
)


def test_stage_kpis_are_the_counts_of_the_rows():
    kpis = stage_detail.stage_kpis(SUPPORT)
    assert list(kpis.index) == list(stage_detail.KPIS)
    assert kpis.loc["responses", "value"] == 5
    # 2 promoters (10, 9), 2 detractors (6, 0), 1 passive.
    assert kpis.loc["nps", ["value", "n"]].tolist() == [pytest.approx(0.0), 5]
    assert kpis.loc["nps", "low"] < 0 < kpis.loc["nps", "high"]
    # CSAT 5, 4 satisfied of 4 scored.
    assert kpis.loc["csat", ["value", "n"]].tolist() == [pytest.approx(50.0), 4]
    assert kpis.loc["sentiment", "value"] == pytest.approx((0.6 + 0.2 - 0.8 - 0.4) / 4)
    assert kpis.loc["negative", ["value", "n"]].tolist() == [pytest.approx(50.0), 4]
    assert (kpis.loc["negative", "low"], kpis.loc["negative", "high"]) == pytest.approx(
        metrics.csat_interval(2, 4)[1:]
    )


def test_kpi_texts_read_as_a_person_writes_them():
    texts = stage_detail.kpi_texts(stage_detail.stage_kpis(SUPPORT))
    assert texts["value"].tolist() == ["5", "+0", "50%", "−0.10", "50%"]
    assert texts.loc["responses", "detail"] == "n = 5"
    assert texts.loc["csat", "detail"].startswith("95% CI ")
    assert texts.loc["csat", "detail"].endswith("; n = 4")


def test_touchpoint_table_ranks_by_volume_and_by_sentiment():
    by_volume = stage_detail.touchpoint_table(SUPPORT, TAXONOMY)
    assert by_volume[["touchpoint", "name", "n"]].values.tolist() == [
        ["phone", "Phone / call centre", 3],
        ["ivr", "IVR / voice self-service", 2],
    ]
    assert by_volume["sentiment"].tolist() == pytest.approx([0.4, -0.6])
    assert by_volume["nps"].tolist() == pytest.approx([200 / 3, -100])
    by_sentiment = stage_detail.touchpoint_table(SUPPORT, TAXONOMY, by="sentiment")
    assert by_sentiment["touchpoint"].tolist() == ["ivr", "phone"]


def test_nps_distribution_has_every_score_in_its_band():
    dist = stage_detail.nps_distribution(SUPPORT)
    assert dist["score"].tolist() == list(range(11))
    assert dist.groupby("band")["score"].agg(["min", "max"]).to_dict("index") == {
        "detractor": {"min": 0, "max": 6},
        "passive": {"min": 7, "max": 8},
        "promoter": {"min": 9, "max": 10},
    }
    assert dist.set_index("score")["count"].to_dict() == {
        s: 1 if s in (0, 6, 7, 9, 10) else 0 for s in range(11)
    }
    assert dist["share"].sum() == pytest.approx(100)
    assert set(stage_detail.NPS_COLOURS) == set(dist["band"])


def test_weekly_trend_counts_each_monday_to_sunday_week():
    trend = stage_detail.weekly_trend(SUPPORT, "nps")
    assert trend["week"].dt.strftime("%Y-%m-%d").tolist() == ["2026-01-05", "2026-01-12"]
    assert trend["n"].tolist() == [3, 2]
    assert trend["value"].tolist() == pytest.approx([(2 - 1) / 3 * 100, -50.0])
    sentiment = stage_detail.weekly_trend(SUPPORT, "sentiment")
    assert sentiment["n_metric"].tolist() == [3, 1]
    assert sentiment["value"].tolist() == pytest.approx([0.0, -0.4])


def test_verbatims_are_filtered_and_most_negative_first():
    assert stage_detail.filter_verbatims(SUPPORT)["id"].tolist() == [3, 4, 2, 1]  # 5 has no comment
    assert stage_detail.filter_verbatims(SUPPORT, touchpoints=["phone"])["id"].tolist() == [2, 1]
    assert stage_detail.filter_verbatims(SUPPORT, labels=["negative"])["id"].tolist() == [3, 4]
    assert stage_detail.filter_verbatims(SUPPORT, languages=["en"])["id"].tolist() == [2, 1]
    # Search ignores case and accents, Turkish İ included.
    assert stage_detail.filter_verbatims(SUPPORT, search="bekledim")["id"].tolist() == [3, 4]
    assert stage_detail.filter_verbatims(SUPPORT, search="AGENT")["id"].tolist() == [2, 1]


def test_disagreement_filter_keeps_a_promoter_with_clearly_negative_words():
    frame = responses(
        [
            (1, "2026-01-05", 10, None, -0.7, "negative", "phone", "en", "Awful, never again"),
            (2, "2026-01-05", 10, None, 0.7, "positive", "phone", "en", "Lovely"),
        ]
    )
    assert stage_detail.disagreements(frame).tolist() == [True, False]
    assert stage_detail.filter_verbatims(frame, disagree_only=True)["id"].tolist() == [1]


def test_verbatim_table_explains_only_the_rows_shown():
    table = stage_detail.verbatim_table(stage_detail.filter_verbatims(SUPPORT), limit=2)
    assert table.index.tolist() == [3, 4]
    assert "berbat −" in table.loc[3, "why"]
    assert list(table.columns[:3]) == ["sentiment", "comment", "why"]
    assert {"stage", "stage_source", "touchpoint", "touchpoint_source"} <= set(table.columns)


@pytest.mark.parametrize(
    ("text", "expected"),
    [(None, ""), ("", ""), ("   ", "")],
)
def test_explain_words_of_no_text_is_empty(text, expected):
    assert stage_detail.explain_words(text) == expected


def test_tag_changes_keep_only_real_changes():
    before = pd.DataFrame(
        {"stage": ["support"] * 4, "touchpoint": ["phone", "ivr", "phone", "ivr"]},
        index=[11, 12, 13, 14],
    )
    after = before.copy()
    after.loc[11, "touchpoint"] = "email"
    after.loc[12, ["stage", "touchpoint"]] = ["usage", "billing"]
    after.loc[13, "stage"] = "unassigned"  # not a tag: ignored
    changes = stage_detail.tag_changes(before, after)
    assert changes.to_dict("index") == {
        11: {"stage": None, "touchpoint": "email"},
        12: {"stage": "usage", "touchpoint": "billing"},
    }
    assert stage_detail.tag_change_batches(changes) == [
        ([11], None, "email"),
        ([12], "usage", "billing"),
    ]


def test_themes_count_comments_per_language_without_stop_words():
    frame = responses(
        [
            (1, "2026-01-05", 2, None, -0.8, "negative", "ivr", "tr", "Fatura çok yüksek geldi"),
            (2, "2026-01-05", 3, None, -0.4, "negative", "ivr", "tr", "FATURA ÇOK YÜKSEK ve geç"),
            (3, "2026-01-05", 1, None, -0.6, "negative", "ivr", "tr", "İADE yok, ıade yok"),
            (4, "2026-01-05", 9, None, 0.4, "positive", "ivr", "tr", "iade hızlı"),
            (5, "2026-01-05", 9, None, 0.5, "positive", "ivr", "en", "The agent was very kind"),
            (6, "2026-01-05", 9, None, 0.3, "positive", "ivr", "en", "the agent, kind"),
        ]
    )
    found = stage_detail.themes(frame, top=10)
    rows = {(r.language, r.theme): (r.kind, r.count) for r in found.itertuples()}
    assert rows[("tr", "fatura")] == ("word", 2)
    assert rows[("tr", "fatura yüksek")] == ("phrase", 2)  # "çok" removed before pairing
    assert rows[("tr", "iade")] == ("word", 2)  # İADE, ıade and iade: one theme, once a comment
    assert rows[("en", "agent kind")] == ("phrase", 2)
    assert not {t for _, t in rows if t in {"çok", "ve", "the", "was", "very"}}
    assert ("tr", "geç") not in rows  # in one comment only
    sentiment = found.set_index(["language", "theme"])["sentiment"]
    assert sentiment[("tr", "fatura")] == pytest.approx(-0.6)
    assert list(found["count"]) == sorted(found["count"], reverse=True)  # largest first
    assert sentiment[("tr", "iade")] == pytest.approx(-0.1)
    assert stage_detail.themes(frame, top=1).groupby("language").size().to_dict() == {
        "en": 1,
        "tr": 1,
    }


def test_themes_are_shown_as_most_written_without_any_languages_stop_words():
    said = [
        ("tr", "Çağrı merkezinde bekledim"),
        ("tr", "çağrı merkezinde bekledim"),
        ("tr", "cagri merkezinde bekledim"),
        # Czech written in a comment read as Turkish: its stop words go all the same.
        ("tr", "Nemůžu se vám dovolat"),
        ("tr", "nemůžu vás dovolat"),
        ("cs", "Faktura je špatně"),
        ("cs", "faktura špatně, musím volat"),
        ("cs", "Faktura opět"),
    ]
    frame = responses(
        [
            (i, "2026-01-05", 2, None, -0.5, "negative", "phone", lang, comment)
            for i, (lang, comment) in enumerate(said, start=1)
        ]
    )
    found = stage_detail.themes(frame, top=10)
    themes = list(zip(found["language"], found["theme"], found["count"], strict=True))
    assert ("tr", "çağrı merkezinde", 3) in themes  # the written form, not "cagri merkezinde"
    assert ("tr", "dovolat", 2) in themes
    assert not {t for _, t, _ in themes} & {"nemůžu", "vás", "vám", "se", "je", "musím", "opět"}
    assert themes[0] == ("cs", "faktura", 3)  # the largest theme first, whatever its language
    assert list(found["count"]) == sorted(found["count"], reverse=True)


def test_neighbour_stages_of_customers_with_several_responses():
    sequence = pd.DataFrame(
        [
            ("A", "2026-01-01", "awareness"),
            ("A", "2026-01-02", "support"),
            ("A", "2026-01-03", "support"),  # the same visit
            ("A", "2026-01-04", "loyalty"),
            ("B", "2026-01-01", "usage"),
            ("B", "2026-01-02", "support"),
            ("C", "2026-01-01", "support"),
            ("C", "2026-01-02", "usage"),
            ("D", "2026-01-01", "awareness"),
            ("D", "2026-01-02", "purchase"),
        ],
        columns=["customer_id", "submitted_at", "stage"],
    )
    sequence["submitted_at"] = pd.to_datetime(sequence["submitted_at"], utc=True)
    came, went = stage_detail.neighbour_stages(sequence, "support", TAXONOMY)
    assert came.values.tolist() == [["awareness", "Awareness", 1], ["usage", "Usage & billing", 1]]
    assert went.values.tolist() == [
        ["loyalty", "Loyalty & renewal", 1],
        ["usage", "Usage & billing", 1],
    ]


def test_selected_stage_maps_a_clicked_point_to_its_key():
    curve = pd.DataFrame({"stage": ["awareness", "support"], "name": ["Awareness", "Support"]})
    assert stage_detail.selected_stage(curve, [{"x": "Support", "y": 0.1}]) == "support"
    assert stage_detail.selected_stage(curve, []) is None


def test_empty_stage_gives_empty_tables_not_errors():
    empty = SUPPORT.iloc[0:0]
    assert stage_detail.touchpoint_table(empty, TAXONOMY).empty
    assert stage_detail.weekly_trend(empty).empty
    assert stage_detail.themes(empty).empty
    assert stage_detail.nps_distribution(empty)["count"].sum() == 0
    assert math.isnan(stage_detail.stage_kpis(empty).loc["nps", "value"])


def test_figures_draw_the_frames():
    assert len(stage_detail.nps_figure(stage_detail.nps_distribution(SUPPORT)).data) == 3
    assert len(stage_detail.trend_figure(stage_detail.weekly_trend(SUPPORT), "sentiment").data) == 2
    assert (
        len(stage_detail.touchpoint_figure(stage_detail.touchpoint_table(SUPPORT, TAXONOMY)).data)
        == 1
    )
