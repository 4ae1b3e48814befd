"""The shipped stage model (issue 22, round four): a learned second opinion on the rules'
stage, asked only for the comment's own words, never over a file's column or a person."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from cxcore import fields as F
from cxcore.i18n import text
from cxcore.text import stage_model as stage_model_module
from cxcore.text import tagging
from cxcore.text.comment_rules import comment_words
from cxcore.text.journey_models import load_journey_model
from cxcore.text.stage_model import (
    MODEL_PATH,
    Model,
    features,
    load_model,
    second_opinion,
    stage_model,
)
from cxcore.text.tagging import MODEL_SOURCE, tag_responses, tag_text
from cxcore.text.taxonomy import add_rule, load_taxonomy, save_taxonomy

TAXONOMY = load_taxonomy()
CLASSES = (*TAXONOMY.stage_keys(), F.UNASSIGNED)


def planted(weights: dict[str, dict[str, float]], veto=0.6, fallback=0.6) -> Model:
    """A model whose words say what the test wants: feature → {class: weight}."""
    rows = {
        feature: np.array([by_class.get(c, 0.0) for c in CLASSES])
        for feature, by_class in weights.items()
    }
    return Model(CLASSES, rows, np.zeros(len(CLASSES)), veto, fallback)


# "zebra" is no word of the rules: whatever the model does with it is the model's.
ZEBRA = planted({"w:zebra": {"loyalty": 40.0}, "w:quokka": {F.UNASSIGNED: 40.0}})


@pytest.fixture
def with_zebra(monkeypatch):
    monkeypatch.setattr(tagging, "stage_model", lambda taxonomy: ZEBRA)


def test_the_shipped_weights_load_for_the_default_model_only():
    model = load_model()
    assert model is not None and MODEL_PATH.stat().st_size < 850_000
    assert model.classes == CLASSES
    shipped = stage_model(TAXONOMY)
    assert shipped is not None and shipped.veto == model.veto
    assert stage_model(load_journey_model("airline")) is None


def test_a_saved_copy_of_the_default_model_keeps_the_opinion(tmp_path):
    """A database started from the default model saves it to its own file first."""
    copy = tmp_path / "taxonomy.yaml"
    save_taxonomy(TAXONOMY, copy)
    assert stage_model(load_taxonomy(copy)) is not None


def test_a_journey_model_whose_words_a_lead_changed_gets_no_opinion():
    """The model learned where the shipped rules go wrong; a lead's own rule stands."""
    ruled = add_rule(TAXONOMY, ["faks*"], "support", "email", "tr")
    assert stage_model(ruled) is None
    assert tag_text("Faks cihazım bozuldu", ruled)["stage"] == "support"


def test_without_a_weights_file_only_the_rules_speak(tmp_path, monkeypatch):
    assert load_model(tmp_path / "none.json") is None
    monkeypatch.setattr(stage_model_module, "_shipped", lambda: None)
    tagged = tag_text("zebra zebra", TAXONOMY)
    assert tagged["stage"] == F.UNASSIGNED


def test_the_shipped_model_scores_as_its_features_say():
    """The array pass over many comments gives what one comment's features add up to."""
    model = load_model()
    comments = ["Faturam bu ay yine yüksek geldi", "Na infolince jsem čekal 40 minut", "", "ok"]
    folded = [comment_words(c) for c in comments]
    found = model.probabilities(folded)
    for row, text_ in zip(found, folded, strict=True):
        counts = Counter(features(text_))
        if not counts:
            assert row[CLASSES.index(F.UNASSIGNED)] == 1.0
            continue
        size = sum(counts.values())
        zero = np.zeros(len(CLASSES))
        summed = sum((model.weights.get(f, zero) * n for f, n in counts.items()), zero)
        scores = model.intercept + summed / math.sqrt(size)
        expected = np.exp(scores - scores.max())
        assert np.allclose(row, expected / expected.sum())


def test_the_veto_overrules_the_rules_and_the_fallback_fills_in():
    folded = ["zebra bill", "quokka bill", "zebra", "nothing here", "bill"]
    rules = np.array(["usage", "usage", None, None, "usage"], dtype=object)
    stage, changed = second_opinion(ZEBRA, folded, rules)
    assert list(stage) == ["loyalty", None, "loyalty", None, "usage"]
    assert list(changed) == [True, True, True, False, False]


def test_a_stage_the_rules_place_firmly_is_not_overruled():
    firm = planted({"w:zebra": {"loyalty": 40.0}}, veto=0.6, fallback=0.6)
    firm.firm = 5.0
    weights = {0: 4.0, 1: 6.0}
    stage, _ = second_opinion(
        firm, ["zebra bill", "zebra bill"], np.array(["usage", "usage"]), weights.__getitem__
    )
    assert list(stage) == ["loyalty", "usage"]


def test_a_model_unsure_of_itself_leaves_the_rules_alone():
    unsure = planted({"w:zebra": {"loyalty": 40.0}}, veto=1.01, fallback=1.01)
    stage, changed = second_opinion(unsure, ["zebra bill", "zebra"], np.array(["usage", None]))
    assert list(stage) == ["usage", None] and not changed.any()


def test_the_model_is_a_source_of_its_own_in_every_language(with_zebra):
    tagged = tag_text("my zebra", TAXONOMY)
    assert (tagged["stage"], tagged["stage_source"]) == ("loyalty", MODEL_SOURCE)
    assert MODEL_SOURCE in F.TAG_SOURCES
    assert {text("tag_source.model", lang) for lang in ("en", "tr", "cs")} >= {"placement model"}


def test_the_explanation_names_the_models_words(with_zebra):
    tagged = tag_text("the zebra again", TAXONOMY)
    assert tagged["stage_words"] == ["zebra"]
    assert tag_text("my bill went up again", TAXONOMY)["stage_source"] == "rule"


def test_a_file_column_a_category_and_a_person_outrank_the_model(with_zebra):
    frame = pd.DataFrame(
        {
            F.COMMENT: ["zebra", "zebra", "zebra", "zebra", "quokka, my bill is high"],
            F.STAGE: ["Support", None, "purchase", None, None],
            F.STAGE_SOURCE: [None, None, "manual", None, None],
            tagging.CATEGORY_STAGE: [None, "onboarding", None, None, None],
        }
    )
    tagged = tag_responses(frame, TAXONOMY, survey_stage="usage")
    assert list(tagged[F.STAGE]) == ["support", "onboarding", "purchase", "loyalty", "usage"]
    assert list(tagged[F.STAGE_SOURCE]) == ["column", "category", "manual", "model", "survey"]


def test_a_phrase_or_firm_words_keep_the_rules_stage(with_zebra):
    """The phrase "my bill went up" keeps its stage: the model's "no stage" does not undo it."""
    tagged = tag_text("quokka, my bill went up", TAXONOMY)
    assert (tagged["stage"], tagged["stage_source"]) == ("usage", "rule")


def test_the_model_reads_each_distinct_comment_once(with_zebra, monkeypatch):
    asked: list[int] = []
    real = ZEBRA.probabilities
    monkeypatch.setattr(ZEBRA, "probabilities", lambda f: asked.append(len(f)) or real(f))
    frame = pd.DataFrame({F.COMMENT: ["zebra", "zebra", None, "bill", "bill", "zebra"]})
    tagged = tag_responses(frame, TAXONOMY)
    assert asked == [2]
    assert list(tagged[F.STAGE_SOURCE])[:2] == ["model", "model"]


def test_other_journey_models_get_no_opinion():
    airline = load_journey_model("airline")
    frame = pd.DataFrame({F.COMMENT: ["zebra quokka", "my bag never arrived"]})
    assert MODEL_SOURCE not in set(tag_responses(frame, airline)[F.STAGE_SOURCE])
