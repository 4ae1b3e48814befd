"""The shipped journey models: the registry, each model in each language, the phrase rules
that keep shared words apart, and the suggestion of a model for a file's comments."""

from __future__ import annotations

import pytest

from cxcore.text.journey_models import (
    DEFAULT_MODEL,
    JOURNEY_MODELS,
    load_journey_model,
    model_coverage,
    shipped_key,
    suggest_journey_model,
)
from cxcore.text.tagging import tag_text
from cxcore.text.taxonomy import LANGUAGES, add_rule, load_taxonomy
from tests.cxcore.text.journey_sentences import SENTENCES


def test_the_registry_lists_six_models_with_names_in_every_language_and_telecom_as_default():
    assert list(JOURNEY_MODELS) == [
        "telecom",
        "ecommerce",
        "banking",
        "airline",
        "utilities",
        "saas",
    ]
    assert DEFAULT_MODEL == "telecom"
    for model in JOURNEY_MODELS.values():
        assert len({model.name(lang) for lang in LANGUAGES} - {f"journey_model.{model.key}"}) > 0
        assert model.file.is_file()
    # The default is the file that shipped before there were several: nothing changes.
    assert load_journey_model("telecom") == load_taxonomy()


@pytest.mark.parametrize("key", list(JOURNEY_MODELS))
def test_every_model_has_names_and_words_in_every_language(key):
    model = load_journey_model(key)
    for entry in (*model.stages, *model.touchpoints):
        assert set(entry.names) == set(LANGUAGES), entry.key
        assert set(entry.words) == set(LANGUAGES), entry.key


def test_the_airline_stages_come_in_travel_order():
    assert load_journey_model("airline").stage_keys() == [
        "booking",
        "check_in_airport",
        "in_flight",
        "arrival_baggage",
        "disruption",
        "loyalty",
    ]


def test_an_unknown_model_names_the_choices():
    with pytest.raises(ValueError, match="no journey model 'bakery'; use one of telecom, "):
        load_journey_model("bakery")


CASES = [(key, lang, text, stage) for key, rows in SENTENCES.items() for lang, text, stage in rows]


@pytest.mark.parametrize(("key", "lang", "text", "stage"), CASES)
def test_each_model_places_comments_of_each_language_on_its_stage(key, lang, text, stage):
    assert tag_text(text, load_journey_model(key))["stage"] == stage


@pytest.mark.parametrize(("key", "lang"), [(key, lang) for key in SENTENCES for lang in LANGUAGES])
def test_each_model_has_own_sentences_in_each_language(key, lang):
    assert sum(1 for row in SENTENCES[key] if row[0] == lang) >= 3


@pytest.mark.parametrize(
    ("key", "text", "stage"),
    [
        # A cancelled flight is a disruption; cancelling a membership is leaving.
        ("airline", "My flight got cancelled", "disruption"),
        ("airline", "I will cancel my membership", "loyalty"),
        ("airline", "Uçuşum iptal edildi", "disruption"),
        ("airline", "Üyeliğimi iptal edeceğim", "loyalty"),
        ("airline", "Zrušili nám let do Prahy", "disruption"),
        ("airline", "Zruším členství ve věrnostním programu", "loyalty"),
        # A lost bag is baggage, not a parcel delivery; a bag fee is booking.
        ("airline", "My bag never arrived", "arrival_baggage"),
        ("airline", "The checked bag fee is a rip-off", "booking"),
        # In the default model: a flight cancelled is the service used, a contract is leaving.
        ("telecom", "my flight got cancelled", "usage"),
        ("telecom", "cancel my contract", "loyalty"),
        ("telecom", "Uçuşum iptal edildi", "usage"),
        ("telecom", "Sözleşmemi iptal etmek istiyorum", "loyalty"),
        ("telecom", "I had to cancel my order", "purchase"),
        ("telecom", "Chci zrušit objednávku", "purchase"),
        ("telecom", "Chci zrušit smlouvu", "loyalty"),
        ("ecommerce", "Cancel my order please", "checkout"),
        ("ecommerce", "Please cancel my account, I'm done", "loyalty"),
        ("banking", "Cancel my card, it was stolen", "problems"),
        ("banking", "I want to close my account", "loyalty"),
    ],
)
def test_phrase_rules_keep_meanings_of_shared_words_apart(key, text, stage):
    assert tag_text(text, load_journey_model(key))["stage"] == stage


def test_the_suggested_model_is_the_one_that_places_most_comments():
    airline = [text for lang, text, _ in SENTENCES["airline"]] * 3
    assert suggest_journey_model(airline) == "airline"
    telecom = [text for lang, text, _ in SENTENCES["telecom"]]
    assert suggest_journey_model(telecom) == "telecom"
    assert suggest_journey_model(["", "  ", None]) is None
    coverage = model_coverage(airline).set_index("key")
    assert coverage.loc["airline", "stage"] == 1.0
    assert list(coverage.index) == list(JOURNEY_MODELS)


def test_shipped_key_names_an_unchanged_shipped_model_only():
    assert shipped_key(load_journey_model("saas")) == "saas"

    changed = add_rule(load_journey_model("saas"), ["kanban"], "usage", None, "en")
    assert shipped_key(changed) is None
