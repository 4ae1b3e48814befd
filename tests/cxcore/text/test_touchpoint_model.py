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
