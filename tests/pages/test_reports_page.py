"""The Reports page and the stage page's export in the real Streamlit runtime."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

import db
from cxcore.ingest.pipeline import import_file

ROOT = Path(__file__).resolve().parents[2]
SURVEY = (
    "Response ID,Date,Channel,Stage,NPS,Comment\n"
    "R1,2026-01-05,Phone,Support,10,Operátor byl skvělý a vyřešil to hned\n"
    "R2,2026-01-06,IVR,Support,2,=cmd|' /C calc'!A0\n"
    "R3,2026-02-10,Invoice,Usage & billing,3,Fatura yanlış geldi\n"
)


@pytest.fixture
def seeded_url(db_url: str) -> str:
    import_file(SURVEY.encode(), "q1.csv", engine=db.get_engine(db_url), survey="Q1")
    return db_url


def open_reports(monkeypatch, url: str) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/reports.py").run()
    assert not at.exception
    assert at.title[0].value == "Reports"
    return at


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def control(at: AppTest, label: str):
    return next(w for w in at.get("button_group") if w.label == label)


def test_the_whole_journey_as_excel_holds_every_comment_as_text(monkeypatch, seeded_url):
    at = open_reports(monkeypatch, seeded_url)
    at.button[0].click().run()
    assert not at.exception
    _, name, data = at.session_state["report_file"]
    assert name == f"report_whole-journey_{today()}.xlsx"
    assert at.success[0].value.startswith(f"{name} is ready")
    book = load_workbook(io.BytesIO(data))
    comments = {r[5].value: r[5] for r in book["Verbatims"].iter_rows(min_row=2)}
    assert set(comments) == {
        "Operátor byl skvělý a vyřešil to hned",
        "=cmd|' /C calc'!A0",
        "Fatura yanlış geldi",
    }
    assert comments["=cmd|' /C calc'!A0"].data_type == "s"


def test_chosen_stages_language_and_pdf(monkeypatch, seeded_url):
    at = open_reports(monkeypatch, seeded_url)
    at.toggle[0].set_value(False).run()
    assert "Choose at least one stage" in at.info[0].value
    stages = next(m for m in at.multiselect if m.label == "Stages")
    stages.set_value(["support"]).run()
    control(at, "Report language").set_value("cs").run()
    control(at, "Format").set_value("pdf").run()
    at.button[0].click().run()
    assert not at.exception
    _, name, data = at.session_state["report_file"]
    assert name == f"zprava_podpora_{today()}.pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Zpráva o fázích cesty" in text and "Podpora" in text
    assert "Operátor byl skvělý a vyřešil to hned" in text
    assert "Fatura yanlış geldi" not in text  # usage & billing was not chosen
    control(at, "Format").set_value("csv").run()
    assert not at.success  # the PDF is not offered for the CSV choice


def test_the_stage_page_offers_an_export_of_this_stage(monkeypatch, seeded_url):
    monkeypatch.setenv("CX_DATABASE_URL", seeded_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/stage.py").run()
    at.query_params["stage"] = "support"
    at.run()
    assert not at.exception
    assert [p.proto.popover.label for p in at.get("popover")] == ["Export this stage"]
    assert [b.proto.label for b in at.get("download_button")] == ["Download Excel"]


def test_the_report_language_is_always_chosen_and_starts_as_the_dashboards(monkeypatch, seeded_url):
    at = open_reports(monkeypatch, seeded_url)
    at.sidebar.selectbox(key="ui_lang").set_value("tr").run()
    language = control(at, "Rapor dili")
    # Clicking the chosen language again keeps it: the control always holds one value.
    assert language.proto.required and control(at, "Biçim").proto.required
    assert language.value == "tr"
    at.button[0].click().run()
    assert not at.exception
    wanted, name, data = at.session_state["report_file"]
    assert wanted[2] == "tr"
    assert name == f"rapor_tum-yolculuk_{today()}.xlsx"
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[:2] == ["Özet", "Sorunlu noktalar"]
    assert book["Özet"]["A1"].value == "Aşama raporu"


def test_the_stage_pages_export_starts_in_the_dashboards_language(monkeypatch, seeded_url):
    monkeypatch.setenv("CX_DATABASE_URL", seeded_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.sidebar.selectbox(key="ui_lang").set_value("cs").run()
    at.switch_page("pages/stage.py").run()
    at.query_params["stage"] = "support"
    at.run()
    assert not at.exception
    language = next(w for w in at.get("button_group") if w.label == "Jazyk zprávy")
    assert language.proto.required and language.value == "cs"
