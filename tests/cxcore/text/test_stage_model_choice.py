"""The stage model choosing among the rules' stages (issue 22): where the rules' words named
a stage too weakly to place the comment (or tied it with another), the model may choose
among those stages, however short the comment; a stage the words never named still waits
for the fallback."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from cxcore import fields as F
from cxcore.text import tagging
from cxcore.text.comment_rules import comment_words, compile_rules
from cxcore.text.stage_model import MODEL_PATH, Model, load_model, second_opinion
from cxcore.text.tagging import MODEL_SOURCE, tag_responses, tag_text
from cxcore.text.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
CLASSES = (*TAXONOMY.stage_keys(), F.UNASSIGNED)


def zebra(stage: str, choose: float) -> Model:
    """A model sure that "zebra" means `stage`; its fallback waits for six words."""
    weights = {"w:zebra": np.array([40.0 if c == stage else 0.0 for c in CLASSES])}
    return Model(
        CLASSES, weights, np.zeros(len(CLASSES)), 0.6, 0.6, fallback_words=6, choose=choose
    )


def test_the_model_chooses_only_a_stage_the_rules_words_named():
    folded = ["zebra price", "zebra ok", "zebra bill"]
    rules = np.array([None, None, "usage"], dtype=object)
    named = {(0, "consideration"): 1.0, (1, "consideration"): 0.0}
    stage, changed = second_opinion(
        zebra("consideration", 0.5), folded, rules, named=lambda i, s: named.get((i, s), 0.0)
    )
    # the words named consideration weakly: chosen; they named nothing: too short to fill in;
    # the rules' own stage is the veto's to judge
    assert list(stage) == ["consideration", None, "consideration"]
    assert list(changed) == [True, False, True]
    # one word is too little to choose on
    stage, _ = second_opinion(
        zebra("consideration", 0.5), ["price"], np.array([None]), named=lambda i, s: 1.0
    )
    assert list(stage) == [None]
    stage, changed = second_opinion(
        zebra("consideration", 1.01), folded, rules, named=lambda i, s: named.get((i, s), 0.0)
    )
    assert list(stage)[:2] == [None, None] and not changed[:2].any()


@pytest.mark.parametrize(
    "comment, stage",
    # sentences of our own: one word of weight 1 for the stage, nothing more
    [
        ("zebra fiyat", "consideration"),
        ("zebra options", "consideration"),
        ("zebra kampaň", "awareness"),
    ],
)
def test_a_weak_word_of_the_rules_and_a_sure_model_place_a_short_comment(
    comment, stage, monkeypatch
):
    rules = compile_rules(TAXONOMY)
    assert rules.tag(comment)[0] is None
    assert rules.firmness(comment_words(comment), stage) > 0
    monkeypatch.setattr(tagging, "stage_model", lambda taxonomy: zebra(stage, 0.5))
    frame = pd.DataFrame({F.COMMENT: [comment, "zebra zebra"]})
    tagged = tag_responses(frame, TAXONOMY)
    assert tagged[F.STAGE].tolist() == [stage, F.UNASSIGNED]
    assert tagged[F.STAGE_SOURCE].iloc[0] == MODEL_SOURCE


def test_a_weights_file_without_a_choice_threshold_chooses_nothing(tmp_path):
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data.pop("choose", None)
    old = tmp_path / "stage_model.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    assert load_model(old).choose == float("inf")


def test_a_lead_s_column_outranks_the_model_s_choice(monkeypatch):
    monkeypatch.setattr(tagging, "stage_model", lambda taxonomy: zebra("consideration", 0.5))
    frame = pd.DataFrame({F.COMMENT: ["zebra fiyat"], F.STAGE: ["Purchase"]})
    tagged = tag_responses(frame, TAXONOMY)
    assert (tagged[F.STAGE].iloc[0], tagged[F.STAGE_SOURCE].iloc[0]) == ("purchase", "column")


def test_the_model_s_choice_names_its_words(monkeypatch):
    monkeypatch.setattr(tagging, "stage_model", lambda taxonomy: zebra("consideration", 0.5))
    tagged = tag_text("zebra fiyat", TAXONOMY)
    assert tagged["stage_source"] == MODEL_SOURCE and "zebra" in tagged["stage_words"]
