"""Choosing a shipped journey model: the Journey model page's control and the Import
page's suggestion on the first import into an empty database."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import db
from cxcore.text.journey_models import load_journey_model
from cxcore.text.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[2]

AIRLINE = (
    b"Date,Score,Comment\n"
    b"2026-02-03,2,My flight was cancelled and nobody rebooked me\n"
    b"2026-02-03,1,Lost my bag on the way to Rome, still no news from baggage claim\n"
    b"2026-02-04,9,The flight attendant was lovely and the legroom was great\n"
    b"2026-02-04,3,Waited in a long line at security and nearly missed the gate\n"
    b"2026-02-05,4,Flight delayed 3 hours and no voucher\n"
    b"2026-02-05,10,Booking the tickets online took two minutes\n"
    b"2026-02-06,8,Collecting miles with the frequent flyer programme is easy\n"
    b"2026-02-06,2,The boarding pass would not load at check in\n"
)


def open_page(monkeypatch, url: str, page: str) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    return at.switch_page(page).run()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_the_journey_model_page_starts_the_database_from_a_shipped_model(
    monkeypatch, demo_db, taxonomy_path
):
    at = open_page(monkeypatch, demo_db, "pages/taxonomy.py")
    picker = next(s for s in at.selectbox if s.label == "Industry model")
    assert picker.value == "telecom"  # the shipped default is in use
    picker.set_value("airline").run()
    button(at, "Use this model and re-tag").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Journey model Airline in use.")
    assert load_taxonomy(taxonomy_path) == load_journey_model("airline")
    assert at.data_editor[0].value["key"].tolist() == load_journey_model("airline").stage_keys()
    stored = db.responses_frame(db.get_engine(demo_db))
    assert set(stored["stage"]) <= {*load_journey_model("airline").stage_keys(), "unassigned"}


def test_the_import_page_suggests_the_model_that_fits_an_empty_database(
    monkeypatch, db_url, taxonomy_path
):
    at = open_page(monkeypatch, db_url, "pages/upload.py")
    at = at.file_uploader[0].set_value(("flights.csv", AIRLINE, "text/csv")).run()
    assert not at.exception
    assert any("fit the Airline journey model best" in i.value for i in at.info)

    button(at, "Use the Airline model").click().run()
    assert not at.exception
    assert load_taxonomy(taxonomy_path) == load_journey_model("airline")
    assert not any("journey model best" in i.value for i in at.info)  # in use: no suggestion
    button(at, "Import responses: 8").click().run()
    stages = db.responses_frame(db.get_engine(db_url))["stage"]
    assert {"disruption", "arrival_baggage", "in_flight"} <= set(stages)


def test_the_import_page_suggests_nothing_once_the_database_holds_responses(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db, "pages/upload.py")
    at = at.file_uploader[0].set_value(("flights.csv", AIRLINE, "text/csv")).run()
    assert not at.exception
    assert not any("journey model best" in i.value for i in at.info)
