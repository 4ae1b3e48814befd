"""The report as an XLSX workbook: a Summary sheet (KPIs, curve chart) and a sheet per table.

The tables: pain points, insights, moments of truth, touchpoints, trend, verbatims, themes.
Sheet names are the catalog's in the report's language.

Every string is written as a text cell, never a formula (issue 7); every number as a number
with a number format, rounded to `cells.DECIMALS` places (no −4.999999999999999).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import LineChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from cxcore import fields as F
from cxcore.reports.cells import (
    FORMULA_STARTS,
    KPI_WORDS,
    as_datetime,
    as_number,
    label_names,
    rounded,
    sheet_title,
    text,
)
from cxcore.reports.model import (
    ACTION_REPORT_COLUMNS,
    RESPONSE_COLUMNS,
    Report,
    action_headers,
    action_rows,
    generated_text,
    insight_rows,
    pain_point_headers,
    pain_point_values,
)

__all__ = ["to_xlsx"]


def _verbatims(report: Report, cap: int | None) -> tuple[pd.DataFrame, int]:
    """Every comment of the report's stages (stage order, newest first) and their total."""
    frames = []
    for order, section in enumerate(report.stage_sections):
        r = section.responses
        if r.empty:
            continue
        has_text = r[F.COMMENT].notna() & (r[F.COMMENT].astype(str).str.strip() != "")
        frames.append(r[has_text].assign(_order=order))
    if not frames:
        return pd.DataFrame(columns=[*RESPONSE_COLUMNS, "_order"]), 0
    comments = pd.concat(frames, ignore_index=True)
    comments = comments.sort_values(
        ["_order", F.SUBMITTED_AT], ascending=[True, False], na_position="last", kind="stable"
    )
    total = len(comments)
    return (comments.head(cap) if cap is not None else comments), total


_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_TITLE_FONT = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_NUMBER_FORMATS = {
    "int": "#,##0",
    "sentiment": "+0.00;-0.00;0.00",
    "nps": "+0;-0;0",
    "percent": '0"%"',
    "score": "0",
    "decimal": "#,##0.0###",
    "impact": "#,##0.0",
    "date": "yyyy-mm-dd",
    "text": "@",
}
# Red -> white -> green on sentiment (−1…1) and NPS (−100…100).
_SCALES = {
    "sentiment": (-1, 0, 1),
    "nps": (-100, 0, 100),
}


def _scale_rule(kind: str) -> ColorScaleRule:
    low, mid, high = _SCALES[kind]
    return ColorScaleRule(
        start_type="num",
        start_value=low,
        start_color="F8696B",
        mid_type="num",
        mid_value=mid,
        mid_color="FFFFFF",
        end_type="num",
        end_value=high,
        end_color="63BE7B",
    )


@dataclass(frozen=True)
class _Typed:
    """A value with its own number format, where a column holds several kinds (pain points:
    NPS, CSAT and sentiment in one column)."""

    value: Any
    kind: str


# Each pain point's metric and the format of its value and overall.
_METRIC_KINDS = {"nps": "nps", "csat": "percent", "sentiment": "sentiment"}


def _cell(sheet: Any, value: Any, kind: str | None = None, font: Font | None = None) -> Any:
    """A write-only cell; strings always stay text, never a formula (issue 7); floats
    rounded."""
    value = rounded(value)
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # openpyxl would take "=…" for a formula
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # Excel/LibreOffice keep it text when edited, too
    else:
        cell = WriteOnlyCell(sheet, value=value)
    if kind:
        cell.number_format = _NUMBER_FORMATS[kind]
    if font is not None:
        cell.font = font
    return cell


def _plain(value: Any) -> bool:
    """A value written as it is (faster): not text that looks like a formula, not a float."""
    return not (isinstance(value, str) and value.startswith(FORMULA_STARTS)) and not isinstance(
        value, float | _Typed
    )


def _written(sheet: Any, value: Any, kind: str | None) -> Any:
    if isinstance(value, _Typed):
        return _cell(sheet, value.value, value.kind)
    return _cell(sheet, value, kind) if kind or not _plain(value) else value


def _header(sheet: Any, labels: Iterable[str]) -> list[Any]:
    cells = []
    for label in labels:
        cell = _cell(sheet, label, font=_HEADER_FONT)
        cell.fill = _HEADER_FILL
        cells.append(cell)
    return cells


def _table_sheet(
    book: Workbook,
    title: str,
    columns: list[tuple[str, str | None, int]],
    rows: Iterable[Sequence[Any]],
    scales: dict[int, str] | None = None,
    note: str | None = None,
) -> None:
    """A sheet with a styled, frozen header row, typed columns and colour scales."""
    sheet = book.create_sheet(sheet_title(title, set(book.sheetnames)))
    for index, (_label, _kind, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(_header(sheet, [label for label, _, _ in columns]))
    count = 0
    for row in rows:
        sheet.append(
            [_written(sheet, v, kind) for v, (_, kind, _) in zip(row, columns, strict=True)]
        )
        count += 1
    if note:
        sheet.append([_cell(sheet, note, font=_BOLD)])
    for column, kind in (scales or {}).items() if count else ():
        letter = get_column_letter(column)
        sheet.conditional_formatting.add(f"{letter}2:{letter}{count + 1}", _scale_rule(kind))


def _summary_sheet(book: Workbook, report: Report, note: str | None) -> None:
    lang = report.lang
    sheet = book.create_sheet(sheet_title(text("sheet_summary", lang)))
    sheet.freeze_panes = "A2"  # write-only: set before the first row
    widths = [28, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([_cell(sheet, report.title, font=_TITLE_FONT)])
    sheet.append([_cell(sheet, text("period", lang), font=_BOLD), _cell(sheet, report.period)])
    sheet.append([_cell(sheet, text("filters", lang), font=_BOLD), _cell(sheet, report.filters)])
    generated = generated_text(report)
    sheet.append([_cell(sheet, text("generated", lang), font=_BOLD), _cell(sheet, generated)])
    if note:
        sheet.append([_cell(sheet, note)])
    sheet.append([])
    # KPI table: one row per section, each KPI with its 95% interval.
    kpi_columns: list[tuple[str, str | None]] = [(text("stage", lang), None)]
    kpi_columns.append((text("responses", lang), "int"))
    kinds = {"nps": "nps", "csat": "percent", "sentiment": "sentiment", "negative": "percent"}
    for key, kind in kinds.items():
        name = text(KPI_WORDS[key], lang)
        kpi_columns += [(name, kind), (f"{name}: {text('low', lang)}", kind)]
        kpi_columns += [(f"{name}: {text('high', lang)}", kind)]
    sheet.append(_header(sheet, [label for label, _ in kpi_columns]))
    first = _summary_row_count(report, note) + 1
    for section in report.sections:
        k = section.kpis
        values: list[Any] = [section.name, int(k.loc["responses", "n"])]
        for key in kinds:
            values += [as_number(k.loc[key, c]) for c in ("value", "low", "high")]
        sheet.append(
            [_cell(sheet, v, kind) for v, (_, kind) in zip(values, kpi_columns, strict=True)]
        )
    last = first + len(report.sections) - 1
    for column in (3, 9):  # NPS, mean sentiment
        letter = get_column_letter(column)
        sheet.conditional_formatting.add(
            f"{letter}{first + 1}:{letter}{last + 1}",
            _scale_rule("nps" if column == 3 else "sentiment"),
        )
    # The emotion curve: its table and a native line chart of it.
    sheet.append([])
    curve_header = sheet_row = last + 3
    sheet.append(
        [
            _cell(sheet, text("curve", lang), font=_BOLD),
            _cell(sheet, text("mean_sentiment", lang), font=_BOLD),
            _cell(sheet, text("low", lang), font=_BOLD),
            _cell(sheet, text("high", lang), font=_BOLD),
            _cell(sheet, text("n", lang), font=_BOLD),
        ]
    )
    for point in report.curve.itertuples(index=False):
        sheet.append(
            [
                _cell(sheet, str(point.name)),
                _cell(sheet, as_number(point.value), "sentiment"),
                _cell(sheet, as_number(point.low), "sentiment"),
                _cell(sheet, as_number(point.high), "sentiment"),
                _cell(sheet, int(point.n), "int"),
            ]
        )
        sheet_row += 1
    chart = LineChart()
    chart.title = text("curve", lang)
    chart.y_axis.title = text("mean_sentiment", lang)
    chart.y_axis.scaling.min = -1
    chart.y_axis.scaling.max = 1
    chart.height, chart.width = 8, 18
    data = Reference(sheet, min_col=2, min_row=curve_header, max_row=sheet_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=curve_header + 1, max_row=sheet_row))
    sheet.add_chart(chart, f"G{curve_header}")


# The Actions sheet's numeric columns (besides the counts and dates).
_ACTION_NUMBERS = frozenset(
    {"before", "after", "change", "ci_low", "ci_high", "p_value", "target"}
    | {"vs_rest_change", "vs_rest_ci_low", "vs_rest_ci_high", "vs_rest_p_value"}
)


def _summary_row_count(report: Report, note: str | None) -> int:
    """Rows above the Summary's KPI header: title, period, filters, generated, note, blank."""
    return 5 + (1 if note else 0)


def _values(column: pd.Series) -> list[Any]:
    """A column as plain Python values, None for every missing one."""
    return column.astype(object).where(column.notna(), None).tolist()


def _verbatim_rows(
    verbatims: pd.DataFrame, names: dict[str, str], points: dict[str, str], lang: str
) -> Iterable[tuple[Any, ...]]:
    """The Verbatims sheet's rows, a column at a time (itertuples is slow on 20,000 rows)."""
    when = pd.to_datetime(verbatims[F.SUBMITTED_AT], utc=True).dt.tz_convert(None)
    stages, touchpoints = verbatims[F.STAGE].astype(object), verbatims[F.TOUCHPOINT].astype(object)
    labels = verbatims[F.SENTIMENT_LABEL].astype(object)
    columns = [
        _values(when.astype(object)),
        _values(stages.map(names).fillna(stages)),
        _values(touchpoints.map(points).fillna(touchpoints)),
        _values(verbatims[F.CHANNEL]),
        _values(verbatims[F.SURVEY]),
        verbatims[F.COMMENT].astype(str).tolist(),
        _values(verbatims[F.LANGUAGE]),
        _values(pd.to_numeric(verbatims[F.SENTIMENT], errors="coerce")),
        _values(labels.map(label_names(lang)).fillna(labels)),
        _values(pd.to_numeric(verbatims[F.NPS], errors="coerce")),
    ]
    return zip(*columns, strict=True)


def to_xlsx(report: Report) -> bytes:
    """The report as a workbook: Summary (KPIs, curve chart), Touchpoints, Trend,
    Verbatims (capped at `verbatim_cap`, saying so) and Themes."""
    lang = report.lang
    t = lambda key: text(key, lang)  # noqa: E731
    verbatims, total = _verbatims(report, report.verbatim_cap)
    note = None
    if total > len(verbatims):
        note = t("capped").format(shown=len(verbatims), total=total)
    book = Workbook(write_only=True)
    _summary_sheet(book, report, note)
    pain_widths = (24, 24, 22, 10, 10, 10, 10)
    pain_kinds = (None, None, None, None, None, "int", "impact")
    _table_sheet(
        book,
        t("sheet_pain_points"),
        [
            (label, kind, width)
            for label, kind, width in zip(
                pain_point_headers(lang), pain_kinds, pain_widths, strict=True
            )
        ],
        (
            (
                stage,
                point,
                name,
                _Typed(value, _METRIC_KINDS.get(metric, "decimal")),
                _Typed(overall, _METRIC_KINDS.get(metric, "decimal")),
                n,
                impact,
            )
            for stage, point, name, metric, value, overall, n, impact in pain_point_values(report)
        ),
        note=None if len(report.pain_points) else t("no_pain_points"),
    )
    action_kinds = {"live_date": "date", "due_date": "date", "n_before": "int", "n_after": "int"}
    _table_sheet(
        book,
        t("sheet_actions"),
        [
            (
                label,
                action_kinds.get(name, "decimal" if name in _ACTION_NUMBERS else None),
                60 if name in ("said", "progress") else 14,
            )
            for name, label in zip(ACTION_REPORT_COLUMNS, action_headers(lang), strict=True)
        ],
        action_rows(report),
        note=None if len(report.actions) else t("no_actions"),
    )
    _table_sheet(
        book,
        t("sheet_insights"),
        [(t("section"), None, 24), (t("finding"), None, 120)],
        insight_rows(report),
    )
    _table_sheet(
        book,
        t("sheet_moments"),
        [(t("moments_of_truth"), None, 120)],
        ((sentence,) for sentence in report.moments_of_truth),
        note=None if report.moments_of_truth else t("no_moments"),
    )
    _table_sheet(
        book,
        t("sheet_touchpoints"),
        [
            (t("stage"), None, 24),
            (t("touchpoint"), None, 24),
            (t("responses"), "int", 12),
            (t("mean_sentiment"), "sentiment", 16),
            (t("nps"), "nps", 10),
        ],
        (
            (s.name, r.name, int(r.n), as_number(r.sentiment), as_number(r.nps))
            for s in report.sections
            for r in s.touchpoints.itertuples(index=False)
        ),
        scales={4: "sentiment", 5: "nps"},
    )
    _table_sheet(
        book,
        t("sheet_trend"),
        [
            (t("stage"), None, 24),
            (t("week"), "date", 12),
            (t("responses"), "int", 12),
            (t("mean_sentiment"), "sentiment", 16),
            (t("low"), "sentiment", 14),
            (t("high"), "sentiment", 14),
        ],
        (
            (
                s.name,
                as_datetime(r.week),
                int(r.n),
                as_number(r.value),
                as_number(r.low),
                as_number(r.high),
            )
            for s in report.sections
            for r in s.trend.itertuples(index=False)
        ),
        scales={4: "sentiment"},
    )
    names, points = report.stage_names, report.touchpoint_names
    kinds = {"word": t("kind_word"), "phrase": t("kind_phrase")}
    _table_sheet(
        book,
        t("sheet_verbatims"),
        [
            (t("date"), "date", 12),
            (t("stage"), None, 20),
            (t("touchpoint"), None, 18),
            (t("channel"), None, 14),
            (t("survey"), None, 16),
            (t("comment"), None, 70),
            (t("language"), None, 9),
            (t("sentiment"), "sentiment", 11),
            (t("label"), None, 10),
            (t("nps"), "score", 6),
        ],
        _verbatim_rows(verbatims, names, points, lang),
        scales={8: "sentiment"},
        note=note,
    )
    _table_sheet(
        book,
        t("sheet_themes"),
        [
            (t("stage"), None, 24),
            (t("language"), None, 9),
            (t("theme"), None, 28),
            (t("kind"), None, 9),
            (t("count"), "int", 12),
            (t("mean_sentiment"), "sentiment", 16),
        ],
        (
            (
                s.name,
                r.language,
                r.theme,
                kinds.get(r.kind, r.kind),
                int(r.count),
                as_number(r.sentiment),
            )
            for s in report.sections
            for r in s.themes.itertuples(index=False)
        ),
        scales={6: "sentiment"},
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
