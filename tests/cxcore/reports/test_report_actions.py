"""The reports' Actions sheet and section: each action of the chosen stages with its effect
and target, read back from the XLSX, HTML and PDF files."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import db
from cxcore import reports, views
from cxcore.filters import Filters
from cxcore.text.taxonomy import load_taxonomy
from tests.planted import LIVE, PLANTED_RISE, effect_rows, store


@pytest.fixture
def report(engine):
    store(engine, effect_rows())
    db.add_action(
        engine,
        {"title": "IVR menu redesign", "stage": "support", "touchpoint": "ivr", "metric": "csat"}
        | {"live_date": LIVE, "target": 75, "due_date": "2026-06-30", "owner": "Ayşe"},
    )
    db.add_action(engine, {"title": "=1+1 loyalty mail", "stage": "loyalty"})
    built, _ = views.build_stage_report(
        views.Sums(engine), "support", Filters(), load_taxonomy(), "en"
    )
    return built


def test_the_report_holds_the_chosen_stages_actions_only(report):
    assert report.actions["title"].tolist() == ["IVR menu redesign"]


def test_the_workbook_has_an_actions_sheet_with_effect_and_target(report):
    book = load_workbook(io.BytesIO(reports.write_report(report, "xlsx")))
    rows = list(book["Actions"].values)
    header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[:3] == ("Action", "Stage", "Touchpoint")
    assert first["Action"] == "IVR menu redesign"
    assert first["Touchpoint"] == "IVR / voice self-service"
    assert first["Owner"] == "Ayşe"
    assert first["Change"] == pytest.approx(PLANTED_RISE)
    assert first["95% low"] < PLANTED_RISE < first["95% high"]
    assert first["p"] < 0.01 and first["vs rest p"] < 0.01
    assert (first["n before"], first["n after"]) == (280, 280)
    assert first["Target"] == 75 and first["Due"].date().isoformat() == "2026-06-30"
    assert first["Target progress"].startswith("Target 75.0 by 30 Jun 2026: met")
    assert first["Effect in words"].endswith("30.0 more than the rest of the journey.")


def test_html_and_pdf_say_the_effect_in_words(report):
    page = reports.write_report(report, "html").decode()
    assert "<h2>Actions and their effect</h2>" in page
    assert "IVR / voice self-service CSAT rose 30.0 points" in page
    pdf = PdfReader(io.BytesIO(reports.write_report(report, "pdf")))
    words = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages[:3])
    assert "Actions and their effect" in words
    assert "CSAT rose 30.0 points" in words


def test_a_report_without_actions_says_so(engine):
    store(engine, effect_rows()[:50])
    built, _ = views.build_stage_report(
        views.Sums(engine), "purchase", Filters(), load_taxonomy(), "cs"
    )
    book = load_workbook(io.BytesIO(reports.write_report(built, "xlsx")))
    assert list(book["Opatření"].values)[1][0] == "V těchto fázích zatím nejsou žádná opatření."
    assert (
        "V těchto fázích zatím nejsou žádná opatření."
        in reports.write_report(built, "html").decode()
    )
