"""The touchpoint model's second opinion (issue 22, round eight): it withholds a rule
touchpoint it doubts, gives another where it is sure, and fills one in where the rules name
none, in a comment of enough words; a phrase's touchpoint, a file's column or channel and a
lead's hand placement stand."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.text import tagging
from cxcore.text.comment_rules import comment_words, compile_rules
from cxcore.text.stage_model import Model, touchpoint_opinion
from cxcore.text.tagging import MODEL_SOURCE, tag_responses
from cxcore.text.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
CLASSES = (*TAXONOMY.touchpoint_keys(), F.UNASSIGNED)


def row(**weights: float) -> np.ndarray:
    return np.array([weights.get(c, 0.0) for c in CLASSES])


def model(withhold: float = 0.3, veto: float = 0.9, fallback: float = 0.8) -> Model:
    """A model that reads "zebra" as surely the website, "okapi" as surely no touchpoint and
    "gnu" as the phone a little more than the bill."""
    weights = {
        "w:zebra": row(website=40.0),
        "w:okapi": row(unassigned=40.0),
        "w:gnu": row(phone=20.0, billing=19.0),
    }
    return Model(
        CLASSES,
        weights,
        np.zeros(len(CLASSES)),
        veto=veto,
        fallback=fallback,
        firm=5.0,
        fallback_words=6,
        withhold=withhold,
    )


def weak(i: int, touchpoint: str) -> float:
    return 1.0


def test_it_overrules_withholds_and_fills_in_where_sure():
    folded = ["zebra bill", "okapi bill", "gnu bill", "a zebra came by the shop today", "zebra"]
    rules = np.array(["billing", "billing", "billing", None, None], dtype=object)
    found, changed = touchpoint_opinion(model(), folded, rules, weak)
    # sure of another: that one; sure of none: none; unsure: the rules stand; six words are
    # enough to fill in, one is not
    assert list(found) == ["website", None, "billing", "website", None]
    assert list(changed) == [True, True, False, True, False]


def test_a_firm_touchpoint_stands_and_nothing_is_done_without_thresholds():
    folded = ["zebra bill", "okapi bill"]
    rules = np.array(["billing", "billing"], dtype=object)
    found, changed = touchpoint_opinion(model(), folded, rules, lambda i, t: float("inf"))
    assert list(found) == ["billing", "billing"] and not changed.any()
    off = model(withhold=0.0, veto=1.01, fallback=1.01)
    found, changed = touchpoint_opinion(off, folded, rules, weak)
    assert list(found) == ["billing", "billing"] and not changed.any()


def test_the_phrase_weight_of_a_touchpoint_is_infinite_and_words_add_up():
    rules = compile_rules(TAXONOMY)
    phrase = next(r for r in TAXONOMY.rules if r.touchpoint and " " in r.words and r.weight > 0)
    folded = comment_words(phrase.words.replace("*", ""))
    assert rules.touchpoint_firmness(folded, phrase.touchpoint) == float("inf")
    assert rules.touchpoint_firmness(comment_words("my bill"), "billing") > 0
    assert rules.touchpoint_firmness(comment_words("my bill"), "website") == 0


def test_a_file_column_a_channel_and_a_hand_placement_outrank_the_model(monkeypatch):
    monkeypatch.setattr(tagging, "touchpoint_model", lambda taxonomy: model())
    frame = pd.DataFrame(
        {
            F.COMMENT: ["zebra bill"] * 4,
            F.TOUCHPOINT: [None, "store", None, "phone"],
            F.CHANNEL: [None, None, "email", None],
            F.TOUCHPOINT_SOURCE: [None, None, None, "manual"],
        }
    )
    tagged = tag_responses(frame, TAXONOMY)
    assert list(tagged[F.TOUCHPOINT]) == ["website", "store", "email", "phone"]
    assert list(tagged[F.TOUCHPOINT_SOURCE]) == [MODEL_SOURCE, "column", "channel", "manual"]
    rules_only = tag_responses(frame.head(1), TAXONOMY, learned=False)
    assert rules_only[F.TOUCHPOINT_SOURCE].iloc[0] == "rule"


def test_the_models_touchpoint_is_explained_by_its_words(monkeypatch):
    monkeypatch.setattr(tagging, "touchpoint_model", lambda taxonomy: model())
    tagged = tagging.tag_text("zebra bill", TAXONOMY)
    assert (tagged["touchpoint"], tagged["touchpoint_source"]) == ("website", MODEL_SOURCE)
    assert tagged["touchpoint_words"] == ["zebra"]


# The shipped model (cxcore/data/touchpoint_model.json), on sentences written for this test.
LEAVING_FOR_FEES = [
    "Banked with you for twenty years but the new monthly fees pushed me to another bank.",
    "Ücretler yüzünden on beş yıllık müşterisi olduğum bankadan ayrıldım, üzgünüm.",
    "Kvůli novým poplatkům jsem po dvaceti letech převedl účet k jiné bance.",
]
THE_APP = [
    "I downloaded your app last night and it keeps freezing on the login screen every time",
    "Dün akşam uygulamanızı indirdim ve her açılışta giriş ekranında donup kalıyor",
    "Včera jsem si stáhl vaši aplikaci a při každém přihlášení mi zamrzne",
]


def test_the_shipped_model_takes_back_the_bill_of_a_customer_leaving_over_fees():
    # the fees are why they left, not a bill they dispute: the rules' billing is withheld
    for comment in LEAVING_FOR_FEES:
        assert compile_rules(TAXONOMY).tag(comment)[1] == "billing"
        tagged = tagging.tag_text(comment, TAXONOMY)
        assert tagged["touchpoint"] == F.UNASSIGNED
        assert tagged["touchpoint_source"] == F.UNASSIGNED and tagged["touchpoint_words"] == []
        assert (
            tag_responses(pd.DataFrame({F.COMMENT: [comment]}), TAXONOMY, learned=False)[
                F.TOUCHPOINT
            ].iloc[0]
            == "billing"
        )


def test_the_shipped_model_keeps_the_app_and_names_a_visit_the_rules_miss():
    for comment in THE_APP:
        tagged = tagging.tag_text(comment, TAXONOMY)
        assert (tagged["touchpoint"], tagged["touchpoint_source"]) == ("mobile_app", "rule")
    visit = "The man who came round to fix the boiler was quick, tidy and explained everything"
    assert compile_rules(TAXONOMY).tag(visit)[1] is None
    tagged = tagging.tag_text(visit, TAXONOMY)
    assert (tagged["touchpoint"], tagged["touchpoint_source"]) == ("field_service", MODEL_SOURCE)
    assert "boiler" in tagged["touchpoint_words"]


def test_the_shipped_file_is_small_and_never_saw_the_held_out_set():
    import json

    from cxcore.text.stage_model import TOUCHPOINT_MODEL_PATH, touchpoint_model

    assert touchpoint_model(TAXONOMY) is not None
    assert TOUCHPOINT_MODEL_PATH.stat().st_size < 850_000
    data = json.loads(TOUCHPOINT_MODEL_PATH.read_text(encoding="utf-8"))
    assert "journey-fresh7" not in data["trained_on"] and "journey-fresh6" in data["trained_on"]
    assert 0 < data["withhold"] and data["fallback"] < 1.0
