"""Reports in their language, read back from the files they write: names, sheets, header
rows, titles and metadata in Turkish and Czech; numbers stored as numbers; the PDF's pages
filled; "what changed" saying when nothing did (issue 24, point 4)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import db
from cxcore import reports, views
from cxcore.filters import Filters
from cxcore.ingest.pipeline import import_file
from cxcore.reports.cells import SHEET_NAME_MAX, sheet_title
from cxcore.text.taxonomy import load_taxonomy
from tests.planted import planted_survey

GENERATED = datetime(2026, 3, 31, 9, 30, tzinfo=UTC)
SHEETS = {
    "tr": ["Özet", "Sorunlu noktalar", "Aksiyonlar", "İçgörüler", "Gerçeğin anları"],
    "cs": ["Souhrn", "Bolestivá místa", "Opatření", "Zjištění", "Rozhodující okamžiky"],
}


@pytest.fixture
def planted(engine):
    import_file(planted_survey().encode(), "planted.csv", engine=engine)
    return engine


def planted_report(engine, lang: str, stages=reports.ALL) -> reports.Report:
    report, _ = views.build_stage_report(
        views.Sums(engine), stages, Filters(), load_taxonomy(), lang
    )
    return reports.Report(**{**report.__dict__, "generated_at": GENERATED})


@pytest.mark.parametrize(
    ("stages", "lang", "names", "expected"),
    [
        (["support"], "tr", {"support": "Destek"}, "rapor_destek_2026-12-07.xlsx"),
        (["usage"], "tr", {"usage": "Kullanım ve fatura"},
         "rapor_kullanim-ve-fatura_2026-12-07.xlsx"),
        ("all", "cs", {}, "zprava_cela-cesta_2026-12-07.xlsx"),
        (["support"], "cs", {"support": "Podpora"}, "zprava_podpora_2026-12-07.xlsx"),
        (["onboarding"], "cs", {"onboarding": "Zřízení a doručení"},
         "zprava_zrizeni-a-doruceni_2026-12-07.xlsx"),
        (["support", "usage"], "en", {"support": "Service & support", "usage": "Usage & billing"},
         "report_service-support_usage-billing_2026-12-07.xlsx"),
    ],
)  # fmt: skip
def test_file_names_are_in_the_reports_language_and_ascii(stages, lang, names, expected):
    name = reports.file_name(stages, "xlsx", lang, names, date(2026, 12, 7))
    assert name == expected
    assert name.isascii() and re.fullmatch(r"[a-z0-9_.-]+", name)


@pytest.mark.parametrize(
    ("words", "taken", "expected"),
    [
        ("Moments of truth", set(), "Moments of truth"),
        ("Q1/Q2: [draft]*?\\", set(), "Q1 Q2 draft"),
        ("Müşteri yolculuğu ve temas noktaları özeti", set(), "Müşteri yolculuğu ve temas nokt"),
        ("Souhrn", {"souhrn"}, "Souhrn (2)"),
    ],
)
def test_sheet_titles_are_ones_excel_accepts(words, taken, expected):
    assert sheet_title(words, taken) == expected
    assert len(expected) <= SHEET_NAME_MAX


@pytest.mark.parametrize("lang", ["tr", "cs"])
def test_the_workbook_speaks_the_reports_language_and_keeps_numbers_as_numbers(planted, lang):
    report = planted_report(planted, lang)
    book = load_workbook(io.BytesIO(reports.write_report(report, "xlsx")))
    assert book.sheetnames[:5] == SHEETS[lang]
    assert len(book.sheetnames) == len(set(book.sheetnames)) == 9
    for name in book.sheetnames:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name), name
    pains = book[SHEETS[lang][1]]
    header, first = [c.value for c in pains[1]], pains[2]
    assert header[0] == ("Aşama" if lang == "tr" else "Fáze")
    assert first[0].value == ("Destek" if lang == "tr" else "Podpora")
    # Value, overall, n and impact are numbers with a number format, never text.
    value, overall, n, impact = (c for c in first[3:7])
    assert (value.value, value.data_type, value.number_format) == (-100, "n", "+0;-0;0")
    assert overall.data_type == "n" and isinstance(overall.value, int | float)
    assert (n.value, n.data_type, n.number_format) == (40, "n", "#,##0")
    assert impact.data_type == "n" and impact.number_format == "#,##0.0"
    # No float carries binary noise anywhere (−4.999999999999999 is written −5).
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, float):
                    assert round(cell.value, 6) == cell.value, (sheet.title, cell.coordinate)
                    assert cell.number_format != "General", (sheet.title, cell.coordinate)
    verbatims = book[book.sheetnames[7]]
    labels = {r[8] for r in verbatims.iter_rows(min_row=2, values_only=True)}
    assert labels <= (
        {"olumsuz", "nötr", "olumlu"} if lang == "tr" else {"negativní", "neutrální", "pozitivní"}
    )


def test_the_csv_header_row_is_in_the_reports_language(planted):
    rows = {}
    for lang in ("tr", "cs", "en"):
        data = reports.write_report(planted_report(planted, lang, ["support"]), "csv")
        rows[lang] = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows["tr"][0][:3] == ["Kayıt", "Yanıt numarası", "Gönderilme (UTC)"]
    assert {"Aşama", "Temas noktası", "Yorum", "Duygu"} <= set(rows["tr"][0])
    assert {"Fáze", "Kontaktní bod", "Komentář", "Sentiment"} <= set(rows["cs"][0])
    assert {"Stage", "Touchpoint", "Comment", "Sentiment"} <= set(rows["en"][0])
    tr = [dict(zip(rows["tr"][0], r, strict=True)) for r in rows["tr"][1:]]
    assert len(tr) == 40 and {r["Aşama"] for r in tr} == {"Destek"}
    assert {r["Tavsiye etme olasılığı (0–10)"] for r in tr} == {"0"}  # a score, not "0.0"
    for r in tr:
        if r["Duygu"]:
            assert len(r["Duygu"].split(".")[-1]) <= 4  # no float noise


def pdf_of(report) -> PdfReader:
    return PdfReader(io.BytesIO(reports.write_report(report, "pdf")))


@pytest.mark.parametrize(
    ("lang", "title", "subject"),
    [
        ("tr", "Aşama raporu: Destek",
         "Müşteri yolculuğu: Destek; dönem tüm tarihler; filtreler yok"),
        ("cs", "Zpráva o fázích cesty: Podpora",
         "Cesta zákazníka: Podpora; období všechna data; filtry žádné"),
    ],
)  # fmt: skip
def test_pdf_and_html_carry_their_title_and_metadata_in_the_language(planted, lang, title, subject):
    report = planted_report(planted, lang, ["support"])
    reader = pdf_of(report)
    assert reader.metadata.title == title
    assert reader.metadata.subject == subject
    assert reader.trailer["/Root"]["/Lang"] == lang
    text = "".join(p.extract_text() for p in reader.pages)
    assert ("31.03.2026 09:30 UTC" if lang == "tr" else "31. 3. 2026 09:30 UTC") in text
    assert "−100" in text and "100.0" not in text
    page = reports.write_report(report, "html").decode("utf-8")
    assert f'<html lang="{lang}">' in page and f"<title>{title}</title>" in page
    assert f'<meta name="description" content="{subject}">' in page
    assert f'<meta name="dcterms.language" content="{lang}">' in page
    separators = ",." if lang == "tr" else ",\u00a0"  # the charts' decimal mark, thousands
    assert f'"separators":{json.dumps(separators)}' in page


def _page_fill(page) -> float:
    """How far down the page its content reaches (0…1), the footer left out: the lowest
    text baseline or image bottom."""
    height, lowest = float(page.mediabox.height), []

    def text_at(text, cm, tm, font, size):
        if text.strip():
            lowest.append(cm[5] + tm[5])

    def operator(op, operands, cm, tm):
        if op == b"Do":  # an image (a chart) drawn with its bottom at cm[5]
            lowest.append(cm[5])

    page.extract_text(visitor_text=text_at, visitor_operand_before=operator)
    body = [y for y in lowest if y > 16 / 25.4 * 72 + 4]  # above the 16 mm footer band
    return (height - min(body)) / height if body else 0.0


@pytest.mark.parametrize("stages", [["support"], reports.ALL])
def test_no_pdf_page_but_the_last_is_left_half_empty(demo_db, stages):
    report = planted_report(db.get_engine(demo_db), "cs", stages)
    pages = pdf_of(report).pages
    assert len(pages) >= 3
    fills = [round(_page_fill(p), 2) for p in pages]
    assert min(fills[:-1]) >= 0.5, fills
    for page in pages:  # no page opens with a quote's date line cut from its quote
        first = page.extract_text().splitlines()[0]
        assert not re.match(r"\d+\. \d+\. 2026 ·", first), first


def test_what_changed_without_a_significant_change_says_so(planted):
    sections = reports.insight_sections(
        pd.DataFrame(columns=["customer_id", "submitted_at", "touchpoint", "sentiment"]),
        pd.DataFrame(),  # no stage moved significantly
        (date(2026, 3, 1), date(2026, 3, 31)),
        (date(2026, 1, 29), date(2026, 2, 28)),
        load_taxonomy(),
        "tr",
    )
    period, said = sections["what_changed"]
    assert period.startswith("Dönem: ")
    assert said.startswith("Anlamlı bir değişim yok")
    report = planted_report(planted, "cs", ["support"])
    (changed,) = [s for k, s in report.insight_sections.items() if k == "what_changed"]
    assert any(s.startswith("Žádná významná změna") for s in changed), changed
    book = load_workbook(io.BytesIO(reports.write_report(report, "xlsx")))
    findings = [r[1] for r in book["Zjištění"].iter_rows(min_row=2, values_only=True)]
    assert any(f.startswith("Žádná významná změna") for f in findings)
    text = " ".join("".join(p.extract_text() for p in pdf_of(report).pages).split())
    assert "Co se změnilo" in text and "Žádná významná změna" in text
