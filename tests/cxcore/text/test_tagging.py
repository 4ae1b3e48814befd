"""Placing responses on the journey: sources, their order, morphology, fuzzy values."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

from cxcore import fields as F
from cxcore.text import tagging
from cxcore.text.tagging import match_stage, match_touchpoint, tag_responses, tag_text
from cxcore.text.taxonomy import load_taxonomy, taxonomy_from_dict, taxonomy_to_dict


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def tags(frame, taxonomy, survey_stage=None):
    out = tag_responses(pd.DataFrame(frame), taxonomy, survey_stage)
    columns = [F.STAGE, F.STAGE_SOURCE, F.TOUCHPOINT, F.TOUCHPOINT_SOURCE]
    return [tuple(row) for row in out[columns].itertuples(index=False)]


def test_touchpoint_sources_win_in_order_column_channel_rule_unassigned(taxonomy):
    frame = {
        F.TOUCHPOINT: ["Mağaza", None, None, None],
        F.CHANNEL: ["Twitter", "Twitter", None, None],
        F.COMMENT: ["Kargom gecikti", "Kargom gecikti", "Kargom gecikti", "Teşekkürler"],
    }
    touchpoints = [(t[2], t[3]) for t in tags(frame, taxonomy)]
    assert touchpoints == [
        ("store", "column"),
        ("social_media", "channel"),
        ("delivery", "rule"),
        ("unassigned", "unassigned"),
    ]


def test_stage_sources_win_in_order(taxonomy):
    # column > rule (comment) > survey default > usual stage of the channel > unassigned
    frame = {
        F.STAGE: ["Sadakat", None, None, None, None],
        F.CHANNEL: ["Call centre", "Call centre", "Call centre", "Call centre", None],
        F.COMMENT: ["Faturam yüksek", "Faturam yüksek", "Merhaba", "Merhaba", "Merhaba"],
    }
    with_survey = [(t[0], t[1]) for t in tags(frame, taxonomy, survey_stage="onboarding")]
    assert with_survey[:3] == [
        ("loyalty", "column"),
        ("usage", "rule"),
        ("onboarding", "survey"),
    ]
    without_survey = [(t[0], t[1]) for t in tags(frame, taxonomy)]
    assert without_survey[3:] == [("support", "channel"), ("unassigned", "unassigned")]


def test_channel_gives_the_touchpoint_while_the_comment_gives_the_stage(taxonomy):
    [row] = tags({F.CHANNEL: ["Çağrı Merkezi"], F.COMMENT: ["Aboneliğimi iptal edin"]}, taxonomy)
    assert row == ("loyalty", "rule", "phone", "channel")


def test_comments_are_read_only_where_the_file_left_a_tag_open(taxonomy, monkeypatch):
    # A million-row export that names each row's stage and channel skips the comment rules.
    read = []
    tag = tagging.Rules.tag_folded
    monkeypatch.setattr(
        tagging.Rules, "tag_folded", lambda rules, text: read.append(text) or tag(rules, text)
    )
    frame = {
        F.STAGE: ["Sadakat", "Sadakat", None, "Sadakat"],
        F.CHANNEL: ["Call centre", None, "Call centre", None],
        F.TOUCHPOINT: [None, None, None, "Mağaza"],
        F.COMMENT: ["named both", "Kargom gecikti", "Faturam yüksek", "named both too"],
    }
    assert tags(frame, taxonomy) == [
        ("loyalty", "column", "phone", "channel"),
        ("loyalty", "column", "delivery", "rule"),
        ("usage", "rule", "phone", "channel"),
        ("loyalty", "column", "store", "column"),
    ]
    assert sorted(read) == ["faturam yuksek", "kargom gecikti"]


def test_manual_tags_are_never_overwritten(taxonomy):
    frame = pd.DataFrame(
        {
            F.COMMENT: ["Kargom gecikti", "Kargom gecikti"],
            F.STAGE: ["loyalty", "usage"],
            F.STAGE_SOURCE: ["manual", "rule"],
            F.TOUCHPOINT: ["phone", "billing"],
            F.TOUCHPOINT_SOURCE: ["manual", "rule"],
        }
    )
    out = tag_responses(frame, taxonomy)
    assert out.loc[0, [F.STAGE, F.STAGE_SOURCE, F.TOUCHPOINT, F.TOUCHPOINT_SOURCE]].tolist() == [
        "loyalty",
        "manual",
        "phone",
        "manual",
    ]
    # A tag an earlier run derived is not the file's word: re-tagging decides again.
    assert out.loc[1, [F.STAGE, F.STAGE_SOURCE, F.TOUCHPOINT]].tolist() == [
        "onboarding",
        "rule",
        "delivery",
    ]


def test_a_manual_touchpoint_alone_is_kept(taxonomy):
    frame = pd.DataFrame(
        {
            F.COMMENT: ["Kargom gecikti"],
            F.STAGE_SOURCE: ["rule"],
            F.STAGE: ["usage"],
            F.TOUCHPOINT: ["store"],
            F.TOUCHPOINT_SOURCE: ["manual"],
        }
    )
    assert tags(frame, taxonomy) == [("onboarding", "rule", "store", "manual")]


@pytest.mark.parametrize(
    ("comment", "stage", "touchpoint"),
    [
        ("Faturamı zamanında ödedim", "usage", "billing"),
        ("Faturanız çok yüksek geldi", "usage", "billing"),
        ("faturam yüksek geldi", "usage", "billing"),
        ("Kargom iki gün gecikti", "onboarding", "delivery"),
        ("Kargoya verildi ama gelmedi", "onboarding", "delivery"),
        ("IVR numaramı tanımadı", "support", "ivr"),
        ("Sesli yanıt sistemi beni tanımadı", "support", "ivr"),
        ("S doručením jsem byl spokojen", "onboarding", "delivery"),
        ("Faktura je zase vyšší", "usage", "billing"),
        ("Na zákaznické lince jsem čekal hodinu", "support", "phone"),
        ("The hold time was 40 minutes", "support", "phone"),
        ("My delivery was late", "onboarding", "delivery"),
        ("My bill went up again", "usage", "billing"),
        ("Výpadek internetu celý den", "usage", "unassigned"),
        ("Aboneliğimi iptal etmek istiyorum", "loyalty", "unassigned"),
        ("Chci zrušit smlouvu", "loyalty", "unassigned"),
    ],
)
def test_rules_read_turkish_czech_and_english_word_forms(taxonomy, comment, stage, touchpoint):
    got = tag_text(comment, taxonomy)
    assert (got["stage"], got["touchpoint"], got["source"]) == (stage, touchpoint, "rule")


@pytest.mark.parametrize(
    "comment",
    [
        "Genel olarak memnunum",
        "ok",
        "",
        "internet",  # one weak word is not enough
        "Kargo geldi ama faturam da yanlış",  # delivery and billing equally: no touchpoint
    ],
)
def test_weak_or_split_evidence_stays_unassigned(taxonomy, comment):
    got = tag_text(comment, taxonomy)
    if comment.startswith("Kargo"):
        assert got["touchpoint"] == "unassigned"
    else:
        assert (got["stage"], got["touchpoint"], got["source"]) == ("unassigned",) * 3


def test_reklamace_is_a_complaint_not_an_advert(taxonomy):
    # The longest matching stem wins: Czech "reklamace" is not Turkish "reklam".
    assert tag_text("Reklamace trvala měsíc", taxonomy)["stage"] == "support"
    assert tag_text("Reklamınızı televizyonda gördüm", taxonomy)["touchpoint"] == "advertising"


@pytest.mark.parametrize(
    "value",
    [
        "Call Centre",
        "CALL CENTER",
        "call-center",
        "Callcentre",
        "Çağrı merkezi",
        "ÇAĞRI MERKEZİ",
        "cagri merkezi",
        "zakaznicka linka",
        "Zákaznická linka",
        "Telefon",
        "Çağrı Merkezi - Ankara",
    ],
)
def test_column_and_channel_values_match_loosely(taxonomy, value):
    assert match_touchpoint(value, taxonomy) == "phone"
    [row] = tags({F.TOUCHPOINT: [value]}, taxonomy)
    assert row[2:] == ("phone", "column")
    [row] = tags({F.CHANNEL: [value]}, taxonomy)
    assert row[2:] == ("phone", "channel")


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Twitter", "social_media"),
        ("Instagram", "social_media"),
        ("WhatsApp", "live_chat"),
        ("Canlı destek", "live_chat"),
        ("Kargo", "delivery"),
        ("Kurýr", "delivery"),
        ("Courier", "delivery"),
        ("Sesli yanıt", "ivr"),
        ("E-posta", "email"),
        ("fax", None),
        (None, None),
        (3, None),
    ],
)
def test_channel_synonyms(taxonomy, value, key):
    assert match_touchpoint(value, taxonomy) == key


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Onboarding", "onboarding"),
        ("Kurulum ve teslimat", "onboarding"),
        ("DODÁNÍ A ZPROVOZNĚNÍ", "onboarding"),
        ("Destek", "support"),
        ("Podpora", "support"),
        ("Renewal", "loyalty"),
        ("Satın Alma", "purchase"),
        ("Consideraton", "consideration"),
        ("usage", "usage"),
        ("next year", None),
    ],
)
def test_stage_values_in_three_languages(taxonomy, value, key):
    assert match_stage(value, taxonomy) == key


def _edited(taxonomy, change):
    data = copy.deepcopy(taxonomy_to_dict(taxonomy))
    change(data)
    return taxonomy_from_dict(data)


def test_adding_a_word_retags_only_the_rows_that_use_it(taxonomy):
    frame = pd.DataFrame({F.COMMENT: ["Paraşüt gibi indi modem", "Kargom gecikti", "Selam"]})
    before = tag_responses(frame, taxonomy)

    def add_word(data):
        field_service = next(t for t in data["touchpoints"] if t["key"] == "field_service")
        field_service["words"]["tr"]["paraşüt*"] = 5

    after = tag_responses(frame, _edited(taxonomy, add_word))
    assert before[F.TOUCHPOINT].tolist() == ["unassigned", "delivery", "unassigned"]
    assert after[F.TOUCHPOINT].tolist() == ["field_service", "delivery", "unassigned"]
    assert after.loc[0, F.STAGE] == "support"  # the usual stage of a technician visit


def test_renaming_a_touchpoint_changes_which_column_values_match(taxonomy):
    frame = {F.TOUCHPOINT: ["Müşteri kulübü", "Mağaza"]}
    assert [t[2] for t in tags(frame, taxonomy)] == ["unassigned", "store"]

    def rename(data):
        store = next(t for t in data["touchpoints"] if t["key"] == "store")
        store["names"]["tr"] = "Müşteri kulübü"
        store["channels"] = [c for c in store["channels"] if c != "Mağaza"]

    renamed = _edited(taxonomy, rename)
    assert [t[2] for t in tags(frame, renamed)] == ["store", "unassigned"]


def test_output_is_a_copy_with_the_index_kept(taxonomy):
    frame = pd.DataFrame({F.COMMENT: ["Kargom gecikti", None]}, index=[10, 20])
    out = tag_responses(frame, taxonomy)
    assert list(frame.columns) == [F.COMMENT]
    assert out.index.tolist() == [10, 20]
    assert out[F.STAGE].tolist() == ["onboarding", "unassigned"]


def test_a_frame_without_tagging_columns_or_rows(taxonomy):
    out = tag_responses(pd.DataFrame({F.NPS: []}), taxonomy)
    assert {F.STAGE, F.TOUCHPOINT, F.STAGE_SOURCE, F.TOUCHPOINT_SOURCE} <= set(out.columns)
    assert out.empty


def test_every_source_is_a_known_tag_source(taxonomy):
    frame = {F.COMMENT: ["Kargom gecikti", "x"], F.CHANNEL: ["Web", None]}
    out = tag_responses(pd.DataFrame(frame), taxonomy, "support")
    sources = set(out[F.STAGE_SOURCE]) | set(out[F.TOUCHPOINT_SOURCE])
    assert sources <= set(F.TAG_SOURCES)


def test_survey_stage_by_name_or_refused(taxonomy):
    [row] = tags({F.COMMENT: ["Merhaba"]}, taxonomy, survey_stage="Destek")
    assert row[:2] == ("support", "survey")
    with pytest.raises(ValueError, match="The survey stage 'later' is not a stage"):
        tag_responses(pd.DataFrame({F.COMMENT: ["x"]}), taxonomy, "later")


def test_tag_text_matches_what_the_pipeline_gives(taxonomy):
    assert tag_text("Kargom iki gün gecikti", taxonomy) == {
        "stage": "onboarding",
        "touchpoint": "delivery",
        "source": "rule",
        "stage_source": "rule",
        "touchpoint_source": "rule",
        "stage_words": [],
        "touchpoint_words": [],
    }
    assert tag_text("Merhaba", taxonomy, channel="Call center")["source"] == "channel"


def test_public_names_exist():
    assert all(hasattr(tagging, name) for name in tagging.__all__)
