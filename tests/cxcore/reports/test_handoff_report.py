"""The internal handoffs in every report format, from the planted Zendesk-style export."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from pypdf import PdfReader

from cxcore import reports, views
from cxcore.filters import Filters
from cxcore.ingest.pipeline import import_file
from cxcore.text.taxonomy import load_taxonomy
from tests.planted import handoff_export, no_handoff_export


def journey_report(engine, lang="en"):
    report, _ = views.build_stage_report(
        views.Sums(engine), reports.ALL, Filters(), load_taxonomy(), lang
    )
    return report


def test_handoffs_are_a_section_of_every_format(engine):
    import_file(handoff_export(), "zendesk.csv", engine=engine)
    report = journey_report(engine)
    overall, costly = report.insight_sections["handoffs"]
    assert overall.startswith("56% of 240 responses were passed on inside the company, 1.1 times")
    assert "Each extra handoff changes the metric by −0.5 CSAT points" in overall
    assert costly.startswith("Service & support: each extra handoff costs 0.5 CSAT points")
    book = load_workbook(io.BytesIO(reports.write_report(report, "xlsx")))
    found = [(r[0].value, r[1].value) for r in book["Insights"].iter_rows(min_row=2)]
    assert ("Internal handoffs", costly) in found
    html = reports.write_report(report, "html").decode("utf-8")
    assert "<h2>Internal handoffs</h2>" in html and "each extra handoff costs 0.5" in html
    pdf = reports.write_report(report, "pdf")
    words = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Internal handoffs" in words and "each extra handoff costs 0.5 CSAT" in words


def test_handoffs_in_turkish_and_without_evidence(engine):
    import_file(handoff_export(), "zendesk.csv", engine=engine)
    (_, costly) = journey_report(engine, "tr").insight_sections["handoffs"]
    assert "her ek aktarım 0,5 CSAT puanı kaybettiriyor" in costly


def test_a_report_without_handoff_evidence_says_why(engine):
    import_file(no_handoff_export(), "plain.csv", engine=engine)
    (line,) = journey_report(engine).insight_sections["handoffs"]
    assert line.startswith("No handoffs to show: no handoff count")
