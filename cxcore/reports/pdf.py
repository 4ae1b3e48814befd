"""The report as an A4 PDF: title page, emotion curve, each stage's KPIs, charts and quotes.

Each stage quotes its most negative and most positive comments. The layout keeps a heading
with what follows it, a short table on one page, and starts a stage on a new page only when
the current one has little room left (no page holding a heading alone or a few lines).

Works after `pip install -r requirements.txt` alone: fpdf2 writes the PDF, matplotlib draws
the charts as PNG, and both use the DejaVu Sans font that ships inside matplotlib, which
has every Turkish (ğ ş ı İ) and Czech (ě ř ů) letter. No browser, no system font.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator
from PIL import Image

from cxcore import i18n
from cxcore.analysis.stage_detail import NPS_BANDS, NPS_COLOURS
from cxcore.reports.cells import KPI_WORDS, kpi_detail, kpi_text, text
from cxcore.reports.model import (
    Report,
    StageSection,
    action_rows,
    extreme_comments,
    generated_text,
    pain_point_headers,
    pain_point_rows,
    subject,
)

__all__ = ["FONT_DIR", "curve_png", "scores_png", "to_pdf", "touchpoints_png", "trend_png"]

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_FONT = "DejaVu"
_DPI = 150
_BLUE = "#0072B2"
# A heading keeps at least this much (mm) of what follows on its page; a table up to
# _SHORT_TABLE mm high is never split; a stage starts on the current page when this much
# room is left (its KPI table and first charts).
_KEEP_WITH_HEADING = 22
_SHORT_TABLE = 120
_SECTION_ROOM = 130


def _height(png: bytes, width: float) -> float:
    """The height (mm) of a PNG drawn `width` mm wide."""
    with Image.open(io.BytesIO(png)) as image:
        return width * image.height / image.width


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, bbox_inches="tight")
    return buffer.getvalue()


def _sentiment_axis(axes: Any, lang: str) -> None:
    """Sentiment ticks (−1…1, every 0.5) as `lang` writes them: "−0,5" in Turkish and Czech."""
    axes.yaxis.set_major_locator(MultipleLocator(0.5))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: i18n.format_number(v, lang, 1)))


def _sentiment_colour(value: float) -> tuple[float, float, float, float]:
    """Red (−1) to green (+1) as matplotlib's RdYlGn; grey without a value."""
    if value != value:
        return (0.6, 0.6, 0.6, 1.0)
    cmap = matplotlib.colormaps["RdYlGn"]
    return tuple(cmap((max(-1.0, min(1.0, value)) + 1) / 2))  # type: ignore[return-value]


def curve_png(report: Report) -> bytes:
    """The emotion curve: mean sentiment per stage with its 95% interval, n as labels."""
    curve = report.curve
    figure = Figure(figsize=(9, 3.6))
    axes = figure.subplots()
    x = list(range(len(curve)))
    values = curve["value"].astype(float)
    axes.plot(x, values, color="#888888", linewidth=1.5, zorder=1)
    low = (values - curve["low"].astype(float)).fillna(0).clip(lower=0)
    high = (curve["high"].astype(float) - values).fillna(0).clip(lower=0)
    axes.errorbar(x, values, yerr=[low, high], fmt="none", ecolor="#444444", capsize=3)
    tops = (values + high).tolist()  # each interval's upper end: the n label goes above it
    for xi, value, top, n, enough in zip(x, values, tops, curve["n"], curve["enough"], strict=True):
        if value != value:
            continue
        axes.scatter(
            [xi],
            [value],
            s=80,
            color=_sentiment_colour(value),
            alpha=1 if enough else 0.35,
            edgecolors="#444444",
            zorder=2,
        )
        axes.annotate(
            f"n={i18n.format_number(int(n), report.lang)}",
            (xi, max(value, top) if top == top else value),
            textcoords="offset points",
            xytext=(0, 6),
            ha="center",
            fontsize=7,
        )
    if report.overall == report.overall:
        axes.axhline(report.overall, linestyle=":", color="#666666", linewidth=1)
    axes.set_xticks(x, [str(n) for n in curve["name"]], rotation=20, ha="right", fontsize=8)
    axes.set_ylabel(text("mean_sentiment", report.lang))
    axes.set_ylim(-1, 1)
    _sentiment_axis(axes, report.lang)
    axes.grid(axis="y", alpha=0.3)
    return _png(figure)


def touchpoints_png(section: StageSection, lang: str) -> bytes:
    """Responses per touchpoint as horizontal bars coloured by mean sentiment."""
    table = section.touchpoints.head(12)
    figure = Figure(figsize=(4.6, 0.9 + 0.28 * max(len(table), 1)))
    axes = figure.subplots()
    colours = [_sentiment_colour(float(v)) for v in table["sentiment"].astype(float)]
    axes.barh([str(n) for n in table["name"]], table["n"].astype(int), color=colours)
    axes.invert_yaxis()
    axes.set_xlabel(text("responses", lang))
    axes.tick_params(labelsize=7)
    axes.set_title(text("touchpoints", lang), fontsize=9)
    return _png(figure)


def scores_png(section: StageSection, lang: str) -> bytes:
    """The 0–10 scores as bars coloured by NPS band."""
    scores = section.scores
    figure = Figure(figsize=(4.6, 2.4))
    axes = figure.subplots()
    for band, _low, _high in NPS_BANDS:
        part = scores[scores["band"] == band]
        axes.bar(part["score"], part["count"], color=NPS_COLOURS[band], label=band)
    axes.set_xticks(range(11))
    axes.tick_params(labelsize=7)
    axes.set_title(text("scores", lang), fontsize=9)
    return _png(figure)


def trend_png(section: StageSection, lang: str) -> bytes:
    """Weekly mean sentiment with its 95% band, and n per week as faint bars."""
    trend = section.trend
    figure = Figure(figsize=(9, 2.6))
    axes = figure.subplots()
    if len(trend):
        weeks = pd.to_datetime(trend["week"])
        bars = axes.twinx()
        bars.bar(weeks, trend["n"].astype(int), width=5, color="#BBBBBB", alpha=0.5)
        bars.set_ylabel(text("responses", lang), fontsize=7)
        axes.set_zorder(bars.get_zorder() + 1)
        axes.patch.set_visible(False)
        axes.fill_between(
            weeks, trend["low"].astype(float), trend["high"].astype(float), color=_BLUE, alpha=0.15
        )
        axes.plot(weeks, trend["value"].astype(float), marker="o", color=_BLUE, markersize=3)
        days = FuncFormatter(lambda v, _: i18n.format_date(mdates.num2date(v).date(), lang))
        for shared in (axes, bars):
            shared.xaxis.set_major_formatter(days)
    axes.set_ylim(-1, 1)
    _sentiment_axis(axes, lang)
    axes.set_ylabel(text("mean_sentiment", lang), fontsize=7)
    axes.tick_params(labelsize=7)
    axes.set_title(text("trend", lang), fontsize=9)
    figure.autofmt_xdate()
    return _png(figure)


class _Document(FPDF):
    def __init__(self, report: Report) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report = report
        self.add_font(_FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(_FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=16)
        self.set_title(report.document_title)
        self.set_subject(subject(report))
        self.set_lang(report.lang)
        self.set_keywords(", ".join(s.name for s in report.stage_sections))
        self.set_creator("cxcore")
        self.set_creation_date(report.generated_at)

    def room(self) -> float:
        """The height (mm) left above the bottom margin of this page."""
        return self.page_break_trigger - self.get_y()

    def keep(self, height: float) -> None:
        """A new page unless `height` mm fit on this one (nothing to do at a page's top)."""
        if height > self.room() and self.get_y() > self.t_margin + 1:
            self.add_page()

    def height_of(self, draw: Callable[[Any], None]) -> float:
        """How tall (mm) `draw(pdf)` would be, measured on a copy and not drawn."""
        start, page = self.get_y(), self.page
        with self.offset_rendering() as dummy:
            draw(dummy)
            height = dummy.get_y() - start + (dummy.page - page) * self.eph
        return height

    def kept(self, draw: Callable[[Any], None]) -> None:
        """`draw(pdf)` on one page when it is short enough to, else where it falls."""
        height = self.height_of(draw)
        if height <= _SHORT_TABLE:
            self.keep(height)
        draw(self)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(_FONT, "", 8)
        self.set_text_color(120)
        page = f"{self.report.title} · {text('page', self.report.lang)} {self.page_no()}/{{nb}}"
        self.cell(0, 6, page, align="C")
        self.set_text_color(0)

    def line_of(self, words: str, size: float = 10, bold: bool = False, height: float = 6) -> None:
        self.set_font(_FONT, "B" if bold else "", size)
        self.multi_cell(0, height, words, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, words: str, size: float = 14, keep: float = _KEEP_WITH_HEADING) -> None:
        """A bold heading, on the next page if `keep` mm of what follows would not fit."""
        self.keep(10 + keep)
        self.ln(2)
        self.line_of(words, size=size, bold=True, height=8)

    def png(self, data: bytes, width: float) -> None:
        self.image(io.BytesIO(data), w=width)
        self.ln(2)


def _clean(value: Any) -> str:
    """A comment on one line (tabs, CR and line breaks as spaces)."""
    return " ".join(str(value).split())


def _kpi_table(pdf: Any, section: StageSection, lang: str) -> None:
    pdf.set_font(_FONT, "", 9)
    with pdf.table(col_widths=(60, 30, 90), text_align=("LEFT", "RIGHT", "LEFT")) as table:
        header = table.row()
        for label in (text("kpi", lang), text("value", lang), text("interval", lang)):
            header.cell(label)
        for key, word in KPI_WORDS.items():
            row = table.row()
            row.cell(text(word, lang))
            row.cell(kpi_text(key, float(section.kpis.loc[key, "value"]), lang))
            row.cell(kpi_detail(section.kpis, key, lang))
    pdf.ln(3)


def _pain_points(pdf: _Document, report: Report) -> None:
    """The pain points of the chosen stages, most impact first (or a line saying none)."""
    rows = pain_point_rows(report)
    if not rows:
        pdf.heading(text("pain_points", report.lang))
        pdf.line_of(text("no_pain_points", report.lang), size=10)
        return

    def table(doc: Any) -> None:
        doc.set_font(_FONT, "", 8)
        aligns = ("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")
        with doc.table(col_widths=(34, 34, 34, 18, 18, 16, 16), text_align=aligns) as t:
            row = t.row()
            for label in pain_point_headers(report.lang):
                row.cell(label)
            for values in rows[:15]:
                row = t.row()
                for value in values:
                    row.cell(str(value))
        doc.ln(3)

    height = pdf.height_of(table)
    pdf.heading(text("pain_points", report.lang), keep=min(height, _SHORT_TABLE))
    table(pdf)


def _touchpoint_table(pdf: Any, section: StageSection, lang: str) -> None:
    pdf.set_font(_FONT, "", 8)
    headers = (text("touchpoint", lang), text("responses", lang))
    headers += (text("mean_sentiment", lang), text("nps", lang))
    with pdf.table(
        col_widths=(70, 30, 40, 30), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT")
    ) as t:
        row = t.row()
        for label in headers:
            row.cell(label)
        for r in section.touchpoints.head(15).itertuples(index=False):
            row = t.row()
            row.cell(str(r.name))
            row.cell(kpi_text("responses", r.n, lang))
            row.cell(kpi_text("sentiment", float(r.sentiment), lang))
            row.cell(kpi_text("nps", float(r.nps), lang))
    pdf.ln(3)


def _quotes(pdf: _Document, frame: pd.DataFrame, report: Report) -> None:
    if frame.empty:
        pdf.line_of(text("no_comments", report.lang), size=9)
        return
    for r in frame.itertuples(index=False):
        when = pd.Timestamp(r.submitted_at) if r.submitted_at is not None else None
        meta = (
            [i18n.format_date(when.date(), report.lang)]
            if when is not None and when is not pd.NaT
            else []
        )
        meta.append(report.touchpoint_names.get(r.touchpoint, str(r.touchpoint)))
        if isinstance(r.language, str):
            meta.append(r.language)
        if not (isinstance(r.sentiment, float) and math.isnan(r.sentiment)):
            meta.append(kpi_text("sentiment", float(r.sentiment), report.lang))
        pdf.keep(12)  # a quote and its line under it stay together
        pdf.line_of(f"“{_clean(r.comment)}”", size=9, height=5)
        pdf.set_text_color(110)
        pdf.line_of(" · ".join(meta), size=7, height=4)
        pdf.set_text_color(0)
        pdf.ln(1)


def _section(pdf: _Document, section: StageSection, report: Report) -> None:
    lang = report.lang
    pdf.keep(_SECTION_ROOM)
    pdf.heading(section.name, size=16)
    if section.responses.empty:
        pdf.line_of(text("no_responses", lang))
        return
    _kpi_table(pdf, section, lang)
    left, right = touchpoints_png(section, lang), scores_png(section, lang)
    pdf.keep(max(_height(left, 88), _height(right, 88)))
    y = pdf.get_y()
    pdf.image(io.BytesIO(left), x=pdf.l_margin, y=y, w=88)
    pdf.image(io.BytesIO(right), x=pdf.l_margin + 92, y=y, w=88)
    pdf.set_y(y + max(_height(left, 88), _height(right, 88)) + 2)
    trend = trend_png(section, lang)
    pdf.keep(_height(trend, 180))
    pdf.png(trend, width=180)
    pdf.kept(lambda doc: _touchpoint_table(doc, section, lang))
    negative, positive = extreme_comments(section)
    pdf.heading(text("most_negative", lang), size=12)
    _quotes(pdf, negative, report)
    pdf.heading(text("most_positive", lang), size=12)
    _quotes(pdf, positive, report)


def to_pdf(report: Report) -> bytes:
    """The report as A4 PDF bytes, paginated, with a title page."""
    lang = report.lang
    pdf = _Document(report)
    pdf.add_page()
    pdf.ln(12)
    pdf.line_of(report.title, size=26, bold=True, height=14)
    stages = [s.name for s in report.stage_sections]
    pdf.line_of(", ".join(stages) or "–", size=14, height=8)
    pdf.ln(6)
    pdf.line_of(f"{text('period', lang)}: {report.period}", size=11)
    pdf.line_of(f"{text('filters', lang)}: {report.filters}", size=11)
    pdf.line_of(f"{text('generated', lang)}: {generated_text(report)}", size=11)
    pdf.ln(4)
    curve = curve_png(report)
    pdf.heading(text("curve", lang), keep=_height(curve, 180))
    pdf.png(curve, width=180)
    _pain_points(pdf, report)
    pdf.heading(text("actions", lang))
    for row in action_rows(report) or [(text("no_actions", lang),)]:
        pdf.line_of(" ".join(str(words) for words in row[-1:-3:-1] if words), size=10)
    pdf.heading(text("moments_of_truth", lang))
    for sentence in report.moments_of_truth or [text("no_moments", lang)]:
        pdf.line_of(sentence, size=10)
    for key, sentences in report.insight_sections.items():
        pdf.heading(text(key, lang))
        for sentence in sentences or [text("nothing_stands_out", lang)]:
            pdf.line_of(sentence, size=10)
    for section in report.sections:
        _section(pdf, section, report)
    return bytes(pdf.output())
