"""The journey model file: what ships, round trips, and the messages of a bad file."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from cxcore.text import taxonomy as tx
from cxcore.text.taxonomy import (
    TaxonomyError,
    load_taxonomy,
    save_taxonomy,
    taxonomy_from_dict,
    taxonomy_to_dict,
)

STAGES = ["awareness", "consideration", "purchase", "onboarding", "usage", "support", "loyalty"]
TOUCHPOINTS = [
    "advertising",
    "social_media",
    "website",
    "mobile_app",
    "email",
    "live_chat",
    "ivr",
    "phone",
    "store",
    "field_service",
    "delivery",
    "billing",
    "help_center",
    "survey",
]


@pytest.fixture(scope="module")
def default():
    return load_taxonomy()


def test_default_has_the_journey_model_keys_in_order(default):
    assert default.stage_keys() == STAGES
    assert default.touchpoint_keys() == TOUCHPOINTS


def test_default_names_every_stage_and_touchpoint_in_three_languages(default):
    for entry in (*default.stages, *default.touchpoints):
        assert set(entry.names) >= {"en", "tr", "cs"}, entry.key
    for stage in default.stages:
        assert set(stage.descriptions) >= {"en", "tr", "cs"}, stage.key
        assert set(stage.words) == {"en", "tr", "cs"}, stage.key


def test_default_touchpoints_have_category_stages_channels_and_words(default):
    for touchpoint in default.touchpoints:
        assert touchpoint.category in {"digital", "human", "physical"}
        assert touchpoint.usual_stage in touchpoint.stages
        assert touchpoint.channels and set(touchpoint.words) == {"en", "tr", "cs"}


def test_lookups_by_key(default):
    assert default.stage("usage").name("tr") == "Kullanım ve fatura"
    assert default.touchpoint("phone").name("cs") == "Telefon / zákaznická linka"
    assert default.stage("nope") is None and default.touchpoint("nope") is None
    assert default.touchpoint("ivr").name("de") == "IVR / voice self-service"


def test_save_and_load_round_trip(default, tmp_path):
    path = tmp_path / "taxonomy.yaml"
    save_taxonomy(default, path)
    again = load_taxonomy(path)
    assert again == default
    assert "Çağrı merkezi" in path.read_text(encoding="utf-8")  # written as text, not escapes


def test_dict_round_trip(default):
    assert taxonomy_from_dict(taxonomy_to_dict(default)) == default


def test_a_plain_list_of_words_gets_weight_two():
    data = {"stages": [{"key": "usage", "words": {"tr": ["fatura*"]}}]}
    assert taxonomy_from_dict(data).stage("usage").words == {"tr": {"fatura*": 2.0}}


def test_taxonomy_error_is_a_value_error():
    assert issubclass(TaxonomyError, ValueError)


def _broken(change):
    data = copy.deepcopy(taxonomy_to_dict(load_taxonomy()))
    change(data)
    return data


def _set(path, value):
    def change(data):
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set(["stages", 1, "key"], "awareness"), "two stages have the key 'awareness'"),
        (_set(["touchpoints", 1, "key"], "advertising"), "two touchpoints have the key"),
        (
            _set(["touchpoints", 0, "category"], "virtual"),
            "touchpoint 'advertising' has category 'virtual'; use one of digital, human, physical",
        ),
        (
            _set(["touchpoints", 7, "usual_stage"], "suport"),
            "touchpoint 'phone' refers to stage 'suport', which is not defined",
        ),
        (_set(["touchpoints", 7, "stages"], ["helpdesk"]), "refers to stage 'helpdesk'"),
        (
            _set(["touchpoints", 7, "stages"], ["loyalty"]),
            "usual_stage 'support' is not in its stages",
        ),
        (_set(["rules", 0, "touchpoint"], "fax"), "refers to touchpoint 'fax', which is not"),
        (_set(["rules", 0, "stage"], "later"), "refers to stage 'later'"),
        (_set(["stages", 0, "key"], "Awareness Stage"), "stage #1 has key 'Awareness Stage'"),
        (_set(["stages"], []), "the taxonomy has no stages"),
        (_set(["stages", 0, "words"], {"tr": {"re*": 3}}), "the stem 're*' is too short"),
        (_set(["stages", 0, "words"], {"tr": {"rek*lam": 3}}), "'*' inside a word"),
        (_set(["stages", 0, "words"], {"tr": {"reklam*": "high"}}), "must be a number"),
        (_set(["tagging", "speed"], 3), "'tagging' has unknown settings: speed"),
        (_set(["tagging", "fuzzy_ratio"], 2), "fuzzy_ratio must be above 0 and at most 1"),
        (
            _set(["touchpoints", 6, "channels"], ["Call centre"]),
            "channel 'Call centre' is listed under both 'ivr' and 'phone'",
        ),
    ],
)
def test_validation_names_the_entry_and_the_fix(change, message):
    with pytest.raises(TaxonomyError) as error:
        taxonomy_from_dict(_broken(change))
    assert message in str(error.value)


def test_not_a_mapping_is_refused():
    with pytest.raises(TaxonomyError, match="must be a mapping"):
        taxonomy_from_dict(["stages"])


def test_load_names_the_file_of_a_bad_taxonomy(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("stages: [{key: usage}]\ntouchpoints: [{key: fax, category: paper}]\n")
    with pytest.raises(TaxonomyError, match=r"^mine.yaml: touchpoint 'fax' has category"):
        load_taxonomy(path)
    path.write_text("stages: [unclosed\n")
    with pytest.raises(TaxonomyError, match="mine.yaml: not valid YAML"):
        load_taxonomy(path)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("ÇAĞRI MERKEZİ", "cagri merkezi"), ("Işık", "isik"), ("Doručením", "dorucenim")],
)
def test_fold_text_ignores_case_accents_and_turkish_dots(text, folded):
    assert tx.fold_text(text) == folded


def test_public_names_exist():
    assert all(hasattr(tx, name) for name in tx.__all__)


def test_add_rule_adds_the_words_to_the_stage_and_touchpoint_of_that_language():
    from cxcore.text.tagging import tag_text

    base = load_taxonomy()
    assert tag_text("Faks cihazım bozuldu", base)["touchpoint"] == "unassigned"
    ruled = tx.add_rule(base, ["faks*"], "support", "email", "tr")
    assert ruled.touchpoint("email").words["tr"]["faks*"] == 3.0
    assert ruled.stage("support").words["tr"]["faks*"] == 3.0
    assert "faks*" not in ruled.touchpoint("email").words["en"]
    assert "faks*" not in base.touchpoint("email").words["tr"]  # a new taxonomy
    tags = tag_text("Faks cihazım bozuldu", ruled)
    assert (tags["stage"], tags["touchpoint"]) == ("support", "email")


def test_add_rule_keeps_the_higher_weight_and_allows_one_side_only():
    base = load_taxonomy()
    ruled = tx.add_rule(base, ["fatura*"], None, "billing", "tr")
    assert ruled.touchpoint("billing").words["tr"]["fatura*"] == 4.0
    assert ruled.stage("usage").words == base.stage("usage").words


@pytest.mark.parametrize(
    ("words", "stage", "touchpoint", "language", "message"),
    [
        (["faks*"], None, "unassigned", "tr", "a rule needs a stage, a touchpoint or both."),
        (["faks*"], "support", None, "de", "language 'de' is not one of en, tr, cs."),
        (["  "], "support", None, "tr", "a rule needs at least one word."),
        (["fa*"], "support", None, "tr", "the stem 'fa*' is too short; use at least 3 letters."),
        (["faks"], "suport", None, "tr", "stage 'suport' is not defined"),
    ],
)
def test_add_rule_refuses_what_cannot_be_a_rule(words, stage, touchpoint, language, message):
    with pytest.raises(TaxonomyError) as error:
        tx.add_rule(load_taxonomy(), words, stage, touchpoint, language)
    assert message in str(error.value)


def test_the_active_taxonomy_is_the_saved_file_else_the_shipped_one(monkeypatch, tmp_path):
    path = tmp_path / "model" / "mine.yaml"
    monkeypatch.setenv("CX_TAXONOMY", str(path))
    assert tx.active_taxonomy_path() == path
    assert tx.load_active_taxonomy() == load_taxonomy()
    data = taxonomy_to_dict(load_taxonomy())
    data["stages"][0]["names"]["en"] = "Hearing of us"
    save_taxonomy(taxonomy_from_dict(data), path)
    assert tx.load_active_taxonomy().stages[0].name() == "Hearing of us"
    monkeypatch.setenv("CX_TAXONOMY", "data/taxonomy.yaml")
    assert tx.active_taxonomy_path() == tx.DEFAULT_TAXONOMY_PATH.parents[2] / "data/taxonomy.yaml"


def test_the_docs_list_every_stage_and_touchpoint_of_the_default_model_with_its_names():
    # docs/taxonomy.md is what labellers and leads read for the keys: it must not drift
    docs = (Path(__file__).resolve().parents[3] / "docs" / "taxonomy.md").read_text(
        encoding="utf-8"
    )
    listed = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \|", docs, re.MULTILINE)
    names = {key: (en.strip(), tr.strip(), cs.strip()) for key, en, tr, cs in listed}
    model = load_taxonomy()
    for item in [*model.stages, *model.touchpoints]:
        expected = (item.names["en"], item.names["tr"], item.names["cs"])
        assert names.get(item.key) == expected, item.key
