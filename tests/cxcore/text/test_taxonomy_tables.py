"""The journey model as editable tables, and back."""

from __future__ import annotations

import pytest

from cxcore.text.taxonomy import TaxonomyError, load_taxonomy, taxonomy_to_dict
from cxcore.text.taxonomy_tables import (
    removed_stages,
    stages_table,
    stages_to_move,
    taxonomy_from_tables,
    touchpoints_table,
)


def test_unchanged_tables_give_back_the_same_model():
    model = load_taxonomy()
    again = taxonomy_from_tables(model, stages_table(model), touchpoints_table(model))
    assert taxonomy_to_dict(again) == taxonomy_to_dict(model)


def test_order_renames_words_and_added_rows():
    model = load_taxonomy()
    stages, touchpoints = stages_table(model), touchpoints_table(model)
    stages.loc[stages.key == "loyalty", "order"] = 0
    stages.loc[stages.key == "support", "name_tr"] = "Müşteri desteği"
    billing = touchpoints.key == "billing"
    touchpoints.loc[billing, "words_tr"] = "fatura*: 4, hesap kesim*"
    touchpoints.loc[billing, "channels"] = "Billing, Faks"
    touchpoints.loc[len(touchpoints)] = {"key": "fax", "category": "physical", "name_en": "Fax"}
    new = taxonomy_from_tables(model, stages, touchpoints)
    assert new.stage_keys()[0] == "loyalty"
    assert new.stage("support").name("tr") == "Müşteri desteği"
    assert new.stage("support").words == model.stage("support").words
    assert new.touchpoint("billing").words["tr"] == {"fatura*": 4.0, "hesap kesim*": 2.0}
    assert new.touchpoint("billing").channels == ("Billing", "Faks")
    assert new.touchpoint_keys()[-1] == "fax"


def test_a_removed_stage_leaves_touchpoints_and_rules():
    model = load_taxonomy()
    stages = stages_table(model)
    new = taxonomy_from_tables(model, stages[stages.key != "support"], touchpoints_table(model))
    assert removed_stages(model, new) == ["support"]
    assert stages_to_move(model, new, {"support": 7, "usage": 3}) == {"support": 7}
    assert stages_to_move(model, new, {"usage": 3}) == {}
    assert all("support" not in t.stages and t.usual_stage != "support" for t in new.touchpoints)
    assert all(r.stage != "support" for r in new.rules)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("key", "awareness", "two stages have the key 'awareness'; keys must be unique."),
        ("key", "Bad key", "stage #2 has key 'Bad key'"),
    ],
)
def test_invalid_stage_tables_name_the_problem(column, value, message):
    model = load_taxonomy()
    stages = stages_table(model)
    stages.loc[1, column] = value
    with pytest.raises(TaxonomyError) as error:
        taxonomy_from_tables(model, stages, touchpoints_table(model))
    assert message in str(error.value)


def test_a_bad_weight_names_the_touchpoint_and_the_fix():
    model = load_taxonomy()
    touchpoints = touchpoints_table(model)
    touchpoints.loc[touchpoints.key == "phone", "words_en"] = "call: lots"
    with pytest.raises(TaxonomyError) as error:
        taxonomy_from_tables(model, stages_table(model), touchpoints)
    assert str(error.value) == (
        "touchpoint 'phone' words (en): 'call: lots' has weight 'lots'; write term: weight, "
        "e.g. 'fatura*: 4'."
    )
