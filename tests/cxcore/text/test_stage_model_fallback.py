"""The stage model's fallback (issue 22): it places a longer comment the rules
leave alone, with its source and its words; a short one it leaves alone."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cxcore import fields as F
from cxcore.text.comment_rules import compile_rules
from cxcore.text.stage_model import MODEL_PATH, Model, load_model, second_opinion
from cxcore.text.tagging import MODEL_SOURCE, tag_text
from cxcore.text.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
CLASSES = (*TAXONOMY.stage_keys(), F.UNASSIGNED)


def zebra(fallback_words: int) -> Model:
    """A model sure that "zebra" means loyalty, whose fallback waits for enough words."""
    weights = {"w:zebra": np.array([40.0 if c == "loyalty" else 0.0 for c in CLASSES])}
    return Model(CLASSES, weights, np.zeros(len(CLASSES)), 0.6, 0.6, fallback_words=fallback_words)


def test_the_fallback_places_only_comments_of_enough_words():
    folded = ["zebra", "a zebra came by the shop today", "zebra bill"]
    rules = np.array([None, None, "usage"], dtype=object)
    stage, changed = second_opinion(zebra(6), folded, rules)
    # one word is too little to go on; six are enough; the veto does not count words
    assert list(stage) == [None, "loyalty", "loyalty"]
    assert list(changed) == [False, True, True]
    stage, _ = second_opinion(zebra(0), folded, rules)
    assert list(stage) == ["loyalty", "loyalty", "loyalty"]


def test_a_weights_file_without_a_word_limit_reads_as_none(tmp_path):
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data.pop("fallback_words")
    old = tmp_path / "stage_model.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    assert load_model(old).fallback_words == 0


def test_the_shipped_file_has_the_fallback_on_for_six_words_or_more():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["fallback"] < 1.0 and data["fallback_words"] == 6
    assert {"journey-fresh3", "journey-fresh6", "journey-train1"} <= set(data["trained_on"])
    assert "journey-fresh7" not in data["trained_on"]  # the held-out set since round eight


@pytest.mark.parametrize(
    "comment, stage, word",
    [
        # comments the rules give no stage, written for this test (round eight's model fills
        # in from 0.85: the Turkish "Biri sonunda ... sorunumu çözdü" of round six stays unplaced)
        # round six's model is surer before it fills in (0.8): another Czech comment
        (
            "Dostal jsem nový router, zapojil ho podle návodu a hned to jelo bez problémů",
            "onboarding",
            "zapojil",
        ),
        (
            "Someone finally sorted my problem after three weeks of back and forth messages",
            "support",
            "sorted",
        ),
    ],
)
def test_the_shipped_fallback_places_what_the_rules_leave_alone(comment, stage, word):
    assert compile_rules(TAXONOMY).tag(comment)[0] is None
    tagged = tag_text(comment, TAXONOMY)
    assert (tagged["stage"], tagged["stage_source"]) == (stage, MODEL_SOURCE)
    assert word in tagged["stage_words"]


@pytest.mark.parametrize("comment", ["internet", "ok", "Genel olarak memnunum", "velmi dobré"])
def test_the_shipped_fallback_leaves_short_remarks_alone(comment):
    tagged = tag_text(comment, TAXONOMY)
    assert tagged["stage"] == F.UNASSIGNED and tagged["stage_source"] != MODEL_SOURCE
