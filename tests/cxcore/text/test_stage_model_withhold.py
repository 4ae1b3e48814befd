"""The stage model withholding a rule's stage it doubts (issue 22, round seven): where the
rules gave a weak stage, the model's top class is another but not sure enough to overrule,
and it gives the rules' stage less than `Model.withhold`, the comment stays unplaced (a
wrong stage costs more than none); a firm stage, a stage the model agrees with, and a
lead's column stand."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.text import tagging
from cxcore.text.comment_rules import comment_words, compile_rules
from cxcore.text.stage_model import MODEL_PATH, Model, load_model, second_opinion
from cxcore.text.tagging import tag_responses
from cxcore.text.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
CLASSES = (*TAXONOMY.stage_keys(), F.UNASSIGNED)


def doubting(withhold: float) -> Model:
    """A model that reads "zebra" as consideration (about 0.6 sure: under its veto at 0.9)
    and gives usage almost nothing, and "okapi" as usage."""
    weights = {
        "w:zebra": np.array(
            [3.0 if c == "consideration" else (-6.0 if c == "usage" else 0.0) for c in CLASSES]
        ),
        "w:okapi": np.array([6.0 if c == "usage" else 0.0 for c in CLASSES]),
    }
    return Model(
        CLASSES,
        weights,
        np.zeros(len(CLASSES)),
        veto=0.9,
        fallback=1.01,
        firm=5.0,
        withhold=withhold,
    )


def test_a_doubted_weak_stage_is_withheld_and_marked_as_the_model_s():
    model = doubting(0.2)
    folded = ["zebra", "okapi", "zebra"]
    rules = np.array(["usage", "usage", None], dtype=object)
    probability = model.probabilities(folded)
    assert probability[0].max() < model.veto  # not sure enough to overrule
    stage, changed = second_opinion(model, folded, rules)
    # usage doubted: withheld; usage agreed with: kept; no rule stage: nothing to withhold
    assert list(stage) == [None, "usage", None]
    assert list(changed) == [True, False, False]


def test_no_withholding_at_zero_and_a_firm_stage_stands():
    folded, rules = ["zebra"], np.array(["usage"], dtype=object)
    assert list(second_opinion(doubting(0.0), folded, rules)[0]) == ["usage"]
    stage, changed = second_opinion(doubting(0.2), folded, rules, weight=lambda i: 9.0)
    assert list(stage) == ["usage"] and not changed.any()


def test_a_withheld_stage_leaves_the_row_unplaced_and_a_column_outranks(monkeypatch):
    comment = "zebra internet yavaş"
    assert compile_rules(TAXONOMY).tag(comment)[0] == "usage"
    assert compile_rules(TAXONOMY).firmness(comment_words(comment), "usage") < 5
    monkeypatch.setattr(tagging, "stage_model", lambda taxonomy: doubting(0.2))
    frame = pd.DataFrame({F.COMMENT: [comment, comment], F.STAGE: [None, "Purchase"]})
    tagged = tag_responses(frame, TAXONOMY)
    assert tagged[F.STAGE].tolist() == [F.UNASSIGNED, "purchase"]
    assert tagged[F.STAGE_SOURCE].tolist() == [F.UNASSIGNED, "column"]


def test_a_weights_file_without_withhold_never_withholds(tmp_path):
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data.pop("withhold", None)
    old = tmp_path / "stage_model.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    assert load_model(old).withhold == 0.0
