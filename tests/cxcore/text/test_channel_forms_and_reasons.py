"""Round two of issue 22: the channel a comment names in its inflected forms, the airline
complaint reasons' vocabulary in each language, and a negative rule weight."""

from __future__ import annotations

import pytest

from cxcore.text.journey_models import load_journey_model
from cxcore.text.tagging import tag_text
from cxcore.text.taxonomy import taxonomy_from_dict


@pytest.mark.parametrize(
    ("text", "stage", "touchpoint"),
    [
        # The channel used outweighs the topic (a bill) for the touchpoint; the words the stage.
        ("fatura itirazim icin magazaya gittim", "support", "store"),
        ("Faturamı uygulamadan ödüyorum, çok pratik", "usage", "mobile_app"),
        ("Kargo şubesinde iki saat bekledim", "onboarding", "delivery"),
        ("V aplikaci nejde zaplatit fakturu", "usage", "mobile_app"),
        ("Na infolince jsem čekal 40 minut", "support", "phone"),
        ("Na pobočce mi nikdo neporadil s fakturou", "support", "store"),
        ("Paying the bill in the app takes forever", "usage", "mobile_app"),
        ("Went into the store to dispute a charge on my bill", "support", "store"),
    ],
)
def test_the_channel_a_comment_names_is_its_touchpoint(text, stage, touchpoint):
    placed = tag_text(text, load_journey_model("telecom"))
    assert (placed["stage"], placed["touchpoint"]) == (stage, touchpoint)


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # Late flight: waiting on the plane or for a pilot is a disruption, not the flight.
        ("We've been sitting on the plane for two hours waiting for a pilot", "disruption"),
        ("Uçakta iki saattir bekliyoruz, pilot hala yok", "disruption"),
        ("Sedíme v letadle už hodinu a nikdo nic neřekne", "disruption"),
        # Long lines: check-in, bag drop and security.
        ("The security line was 45 minutes, only one lane open", "check_in_airport"),
        ("Check-in kuyruğu bir saat sürdü", "check_in_airport"),
        ("Dlouhá fronta na odbavení, otevřené jen dvě přepážky", "check_in_airport"),
        # Booking problems: changing a flight and its fee.
        ("$200 change fee just to move my trip by one day", "booking"),
        ("Bileti değiştirmek için değişiklik ücreti istediler", "booking"),
        ("Poplatek za změnu letu je vyšší než letenka", "booking"),
        # Crew complaints: the crew by name.
        ("The flight attendant rolled her eyes at every question", "in_flight"),
        ("Kabin ekibi çok ilgisizdi", "in_flight"),
        ("Palubní personál byl nepříjemný", "in_flight"),
        # Lost and damaged bags.
        ("Still no bags after two days, nobody picks up", "arrival_baggage"),
        ("Valizim kırık çıktı", "arrival_baggage"),
        ("Kufr přiletěl poškozený", "arrival_baggage"),
    ],
)
def test_airline_complaint_reasons_land_on_their_stage_in_each_language(text, stage):
    assert tag_text(text, load_journey_model("airline"))["stage"] == stage


def test_a_negative_rule_weight_takes_back_what_a_word_gave():
    model = {
        "stages": [
            {"key": "usage", "names": {"en": "Usage"}, "words": {"en": {"frequent flyer": 1}}}
        ],
        "touchpoints": [
            {
                "key": "advertising",
                "category": "physical",
                "names": {"en": "Advertising"},
                "words": {"en": {"flyer*": 4}},
            }
        ],
        "rules": [
            {"lang": "en", "words": "frequent flyer", "touchpoint": "advertising", "weight": -4}
        ],
    }
    taxonomy = taxonomy_from_dict(model)
    assert tag_text("Saw your flyer at the station", taxonomy)["touchpoint"] == "advertising"
    # The phrase is a stage word too; for the touchpoint its -4 is kept, not floored at 0.
    assert tag_text("My frequent flyer miles vanished", taxonomy)["touchpoint"] == "unassigned"
