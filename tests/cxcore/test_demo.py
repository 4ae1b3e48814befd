"""The demo survey: shape, shares, the journey's mood, comments, CSV bytes and speed."""

from __future__ import annotations

import codecs
import datetime
import io
import re
import time

import pandas as pd
import pytest
import yaml

from cxcore import demo
from cxcore.demo import COLUMNS, PHRASES_PATH, demo_csv_bytes, generate_demo_survey

END = datetime.date(2025, 6, 1)
STAGES = (
    "Awareness",
    "Consideration",
    "Purchase",
    "Onboarding & delivery",
    "Usage & billing",
    "Service & support",
    "Loyalty & renewal",
)
SOCIAL = {"Twitter", "Instagram", "Facebook"}


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    return generate_demo_survey(1500, seed=7, end=END)


@pytest.fixture(scope="module")
def tagged() -> pd.DataFrame:
    """The same survey with the private `_touchpoint` and `_tone` columns."""
    return demo._demo_frame(1500, 7, END)


def test_columns_are_exactly_the_export_headers(survey):
    assert (
        tuple(survey.columns)
        == COLUMNS
        == (
            "Response ID",
            "Submitted",
            "Customer ID",
            "Channel",
            "Journey stage",
            "Segment",
            "Language",
            "NPS",
            "CSAT",
            "Comment",
        )
    )
    assert len(survey) == 1500


def test_same_seed_gives_the_same_survey_and_another_seed_another(survey):
    pd.testing.assert_frame_equal(generate_demo_survey(1500, seed=7, end=END), survey)
    assert not generate_demo_survey(1500, seed=8, end=END).equals(survey)


def test_identifiers_look_like_a_platform_export(survey):
    assert survey["Response ID"].iloc[0] == "R-000001"
    assert survey["Response ID"].is_unique
    assert survey["Customer ID"].str.fullmatch(r"C-\d{5,}").all()


def test_submitted_is_iso_text_in_the_180_days_before_end(survey):
    assert survey["Submitted"].str.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}").all()
    submitted = pd.to_datetime(survey["Submitted"])
    assert submitted.min() >= pd.Timestamp(END) - pd.Timedelta(days=180)
    assert submitted.max() < pd.Timestamp(END)
    assert submitted.is_monotonic_increasing
    assert submitted.dt.month.nunique() >= 6


def test_end_defaults_to_today():
    submitted = pd.to_datetime(generate_demo_survey(200, seed=1)["Submitted"])
    assert submitted.max() < pd.Timestamp(datetime.date.today())


@pytest.mark.parametrize(("language", "share"), [("tr", 0.55), ("en", 0.25), ("cs", 0.20)])
def test_languages_have_their_intended_shares(survey, language, share):
    assert survey["Language"].value_counts(normalize=True)[language] == pytest.approx(
        share, abs=0.06
    )


def test_every_stage_and_a_wide_set_of_channels_appear(survey):
    shares = survey["Journey stage"].value_counts(normalize=True)
    assert set(shares.index) == set(STAGES)
    assert shares.min() > 0.05
    assert shares.max() < 0.30
    assert survey["Channel"].nunique() >= 40
    assert {"Çağrı merkezi", "Zákaznická linka", "IVR", "Kargo", "Kurýr", "Invoice"} <= set(
        survey["Channel"]
    )
    assert set(survey["Segment"]) == {"Consumer", "Business", "Premium"}


@pytest.mark.parametrize(
    ("channels", "stages"),
    [
        ({"Courier", "Kargo", "Kurye", "Kurýr", "Delivery", "Doručení"}, {"Onboarding & delivery"}),
        ({"IVR", "Sesli yanıt", "Hlasový automat"}, {"Service & support"}),
        ({"Invoice", "Fatura", "Faktura", "Billing", "Vyúčtování"}, {"Usage & billing"}),
        ({"Advertising", "Reklam", "Reklama", "TV ad", "TV reklamı"}, {"Awareness"}),
    ],
)
def test_channels_belong_to_their_stages(survey, channels, stages):
    assert set(survey.loc[survey["Channel"].isin(channels), "Journey stage"]) == stages


def test_scores_are_in_range_and_some_are_missing(survey):
    assert survey["NPS"].dtype == "int64"
    assert survey["NPS"].between(0, 10).all()
    assert set(survey["NPS"]) == set(range(11))
    csat = survey["CSAT"].dropna()
    assert csat.between(1, 5).all()
    assert survey["CSAT"].isna().mean() == pytest.approx(0.20, abs=0.04)
    assert survey["Comment"].isna().mean() == pytest.approx(0.15, abs=0.04)


def test_some_customers_answer_several_times_on_different_channels(survey):
    per_customer = survey.groupby("Customer ID")
    repeaters = per_customer.size() >= 2
    assert repeaters.mean() == pytest.approx(0.30, abs=0.06)
    assert per_customer.size().max() <= 4
    assert (per_customer["Channel"].nunique() >= 2).sum() > 100
    assert (per_customer["Language"].nunique() == 1).all()


def test_some_customers_turn_to_social_media_after_a_failed_call(survey):
    hops = 0
    support = survey[survey["Journey stage"] == "Service & support"]
    for _, responses in support.groupby("Customer ID"):
        channels = list(responses["Channel"])
        times = list(pd.to_datetime(responses["Submitted"]))
        for (before, at), (after, later) in zip(
            zip(channels, times, strict=True), zip(channels[1:], times[1:], strict=True)
        ):
            failed = before in {"IVR", "Sesli yanıt", "Hlasový automat", "Phone", "Telefon"}
            if failed and after in SOCIAL and later - at < pd.Timedelta(days=2):
                hops += 1
    assert hops >= 20


def stage_means(frame: pd.DataFrame) -> pd.Series:
    return frame.groupby("Journey stage")["NPS"].mean()


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_the_emotion_curve_dips_at_support(seed):
    means = stage_means(generate_demo_survey(1500, seed=seed, end=END))
    assert means["Service & support"] < means["Purchase"] - 1.0
    assert means["Service & support"] == means.min()
    assert means["Onboarding & delivery"] < means["Purchase"]
    assert means["Usage & billing"] < means["Purchase"]
    assert means["Service & support"] < means["Loyalty & renewal"] < means["Purchase"]


def test_csat_follows_nps(survey):
    scored = survey.dropna(subset=["CSAT"])
    assert scored["NPS"].corr(scored["CSAT"].astype(float)) > 0.6


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_about_half_of_the_comments_are_distinct(seed):
    comments = generate_demo_survey(1500, seed=seed, end=END)["Comment"].dropna()
    assert 0.40 <= comments.nunique() / len(comments) <= 0.70


def test_comments_are_written_sentences(survey):
    comments = survey["Comment"].dropna()
    assert comments.str.match(r"^[A-ZÇĞİÖŞÜČŘŠŽÚÝÁÉÍĚ0-9]").all()
    assert comments.str.contains(r"[.!]$").all()
    assert not comments.str.contains(r"[\[\]<>{}|]").any()
    assert comments.str.split().str.len().min() >= 4


def test_turkish_and_czech_comments_keep_their_letters(survey):
    turkish = survey.loc[survey["Language"] == "tr", "Comment"].dropna()
    czech = survey.loc[survey["Language"] == "cs", "Comment"].dropna()
    assert set("ıİşğüöç") <= set("".join(turkish))
    assert set("ěščřžýáíéů") <= set("".join(czech))
    assert turkish.str.contains(r"[ıİşğ]").mean() > 0.8
    assert czech.str.contains(r"[ěščřžůý]").mean() > 0.8
    assert not turkish.str.contains(r"[ěřů]").any()
    assert not czech.str.contains(r"[ıİşğ]").any()


@pytest.mark.parametrize(
    ("phrase", "language"),
    [
        ("Kargom iki gün gecikti, kimse bilgi vermedi.", "tr"),
        ("Müşteri temsilcisi çok ilgiliydi, sorunum hemen çözüldü, teşekkürler.", "tr"),
        ("Technik přišel včas a vše rychle zprovoznil, děkuji.", "cs"),
        ("Na zákaznické lince jsem čekal 40 minut a nikdo mi nepomohl.", "cs"),
        ("The IVR didn't recognise my number, so I gave up and tweeted them.", "en"),
    ],
)
def test_the_issue_examples_are_among_the_comments(phrase, language):
    comments = generate_demo_survey(20_000, seed=3, end=END)
    assert (comments.loc[comments["Comment"] == phrase, "Language"] == language).any()


def test_comment_tone_agrees_with_the_scores_most_of_the_time(tagged):
    commented = tagged.dropna(subset=["Comment"])
    promoters = commented[commented["NPS"] >= 9]
    strong_detractors = commented[commented["NPS"] <= 4]
    assert (promoters["_tone"] == "positive").mean() >= 0.75
    assert (strong_detractors["_tone"] == "negative").mean() >= 0.75
    assert (promoters["_tone"] == "negative").mean() == 0  # contradictions stay mild
    assert (strong_detractors["_tone"] == "positive").mean() == 0


def test_the_public_frame_is_the_tagged_one_without_its_private_columns(survey, tagged):
    pd.testing.assert_frame_equal(tagged.loc[:, list(COLUMNS)], survey)


def test_every_language_and_stage_has_at_least_eight_templates():
    comments = yaml.safe_load(PHRASES_PATH.read_text(encoding="utf-8"))["comments"]
    for language in ("tr", "en", "cs"):
        for stage, by_tone in comments[language].items():
            count = sum(len(t) for by_tp in by_tone.values() for t in by_tp.values())
            assert count >= 8, f"{language}/{stage} has {count} templates"


def test_demo_csv_bytes_have_a_bom_and_read_back(survey):
    data = demo_csv_bytes(1500, seed=7, end=END)
    assert data.startswith(codecs.BOM_UTF8)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert tuple(back.columns) == COLUMNS
    assert len(back) == len(survey)
    for column in ("Response ID", "Submitted", "Customer ID", "Channel", "Comment"):
        assert back[column].fillna("").tolist() == survey[column].fillna("").tolist()
    assert back["NPS"].tolist() == survey["NPS"].tolist()
    pd.testing.assert_series_equal(back["CSAT"].astype("Int64"), survey["CSAT"])
    assert re.search("Çağrı merkezi|Zákaznická linka", data.decode("utf-8-sig"))


def test_no_rows_gives_an_empty_survey_and_negative_rows_are_refused():
    assert tuple(generate_demo_survey(0, end=END).columns) == COLUMNS
    assert generate_demo_survey(0, end=END).empty
    with pytest.raises(ValueError, match="rows must be 0 or more"):
        generate_demo_survey(-1)


def test_a_million_rows_are_quick():
    started = time.perf_counter()
    survey = generate_demo_survey(1_000_000, seed=11, end=END)
    elapsed = time.perf_counter() - started
    assert len(survey) == 1_000_000
    assert survey["Response ID"].is_unique
    assert elapsed < 30, f"{elapsed:.1f} s"
