"""The report as one offline HTML page: Plotly charts, KPI tables, quoted comments, print CSS.

Every customer's word is escaped; plotly.js is inlined, so the page fetches nothing.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from cxcore import i18n
from cxcore.analysis import journey, stage_detail
from cxcore.languages import LANGUAGES, supported
from cxcore.reports.cells import KPI_WORDS, as_datetime, kpi_detail, kpi_text, text
from cxcore.reports.model import (
    Report,
    StageSection,
    action_headers,
    action_rows,
    extreme_comments,
    generated_text,
    pain_point_headers,
    pain_point_rows,
    subject,
)

__all__ = ["to_html"]

_CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 2em; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #1F4E79; padding-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #1F4E79; color: #fff; }
td.num { text-align: right; white-space: nowrap; }
.meta { color: #555; } .neg { background: #fde0dd; } .pos { background: #e5f5e0; }
section.stage { margin-top: 2em; }
.charts { display: flex; flex-wrap: wrap; gap: 1em; } .charts > div { flex: 1 1 420px; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; } button { display: none; }
  section.stage { page-break-before: always; break-before: page; }
  table, .chart { page-break-inside: avoid; break-inside: avoid; }
}
"""


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _html_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], numeric: set[int]) -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="num">{_esc(v)}</td>' if i in numeric else f"<td>{_esc(v)}</td>"
            for i, v in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _figure_html(figure: go.Figure, lang: str) -> str:
    # plotly.js is embedded once in <head>; the figure JSON escapes "<" itself. Its numbers
    # as the report's language writes them (1,5 in Turkish and Czech).
    figure.update_layout(separators=LANGUAGES[supported(lang)].chart_separators)
    return (
        '<div class="chart">'
        + figure.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})
        + "</div>"
    )


def _kpi_rows(section: StageSection, lang: str) -> list[tuple[str, str, str]]:
    return [
        (
            text(KPI_WORDS[key], lang),
            kpi_text(key, section.kpis.loc[key, "value"], lang),
            kpi_detail(section.kpis, key, lang),
        )
        for key in KPI_WORDS
    ]


def _quotes_html(frame: pd.DataFrame, css: str, report: Report) -> str:
    if frame.empty:
        return f"<p>{_esc(text('no_comments', report.lang))}</p>"
    items = []
    for r in frame.itertuples(index=False):
        when = as_datetime(r.submitted_at)
        meta = " · ".join(
            x
            for x in (
                i18n.format_date(when, report.lang) if when else "",
                report.touchpoint_names.get(r.touchpoint, r.touchpoint),
                r.language if isinstance(r.language, str) else "",
                kpi_text("sentiment", r.sentiment, report.lang),
            )
            if x
        )
        items.append(
            f'<li class="{css}">{_esc(r.comment)} <span class="meta">({_esc(meta)})</span></li>'
        )
    return f"<ul>{''.join(items)}</ul>"


def _actions_html(report: Report) -> str:
    """Each action's effect and target in words, then every number in a table."""
    rows = action_rows(report)
    if not rows:
        return f"<p>{_esc(text('no_actions', report.lang))}</p>"
    said = [(r[-1], r[-2]) for r in rows]  # the effect and the target's progress in words
    items = "".join(f"<li>{_esc(effect)} {_esc(progress or '')}</li>" for effect, progress in said)
    numeric = set(range(7, 19))
    return f"<ul>{items}</ul>" + _html_table(action_headers(report.lang), rows, numeric)


def to_html(report: Report) -> str:
    """One self-contained page: interactive Plotly charts (plotly.js inline, no URL to
    fetch), KPI tables, quoted comments (escaped) and a print stylesheet."""
    lang = report.lang
    t = lambda key: text(key, lang)  # noqa: E731
    parts = [
        f"<h1>{_esc(report.title)}</h1>",
        f'<p class="meta">{_esc(t("stages"))}: '
        f"{_esc(', '.join(s.name for s in report.stage_sections) or '–')}<br>"
        f"{_esc(t('period'))}: {_esc(report.period)}<br>"
        f"{_esc(t('filters'))}: {_esc(report.filters)}<br>"
        f"{_esc(t('generated'))}: {_esc(generated_text(report))}</p>",
        f'<button onclick="window.print()">{_esc(t("print"))}</button>',
        f"<h2>{_esc(t('curve'))}</h2>",
        _figure_html(
            journey.curve_figure(
                report.curve,
                "sentiment",
                report.overall,
                lang,
                pain_points=list(dict.fromkeys(report.pain_points.get("stage", []))),
            ),
            lang,
        ),
        f"<h2>{_esc(t('pain_points'))}</h2>",
        _html_table(pain_point_headers(lang), pain_point_rows(report), {3, 4, 5, 6})
        if len(report.pain_points)
        else f"<p>{_esc(t('no_pain_points'))}</p>",
        f"<h2>{_esc(t('actions'))}</h2>",
        _actions_html(report),
        f"<h2>{_esc(t('moments_of_truth'))}</h2>",
        "<ul>" + "".join(f"<li>{_esc(s)}</li>" for s in report.moments_of_truth) + "</ul>"
        if report.moments_of_truth
        else f"<p>{_esc(t('no_moments'))}</p>",
    ]
    for key, sentences in report.insight_sections.items():
        parts.append(f"<h2>{_esc(t(key))}</h2>")
        shown = sentences or [t("nothing_stands_out")]
        parts.append("<ul>" + "".join(f"<li>{_esc(s)}</li>" for s in shown) + "</ul>")
    for section in report.sections:
        parts.append(f'<section class="stage"><h2>{_esc(section.name)}</h2>')
        if section.responses.empty:
            parts.append(f"<p>{_esc(t('no_responses'))}</p></section>")
            continue
        parts.append(
            _html_table([t("kpi"), t("value"), t("interval")], _kpi_rows(section, lang), {1})
        )
        parts.append('<div class="charts">')
        parts.append(f"<div><h3>{_esc(t('touchpoints'))}</h3>")
        parts.append(
            _figure_html(stage_detail.touchpoint_figure(section.touchpoints, lang), lang) + "</div>"
        )
        parts.append(f"<div><h3>{_esc(t('scores'))}</h3>")
        parts.append(_figure_html(stage_detail.nps_figure(section.scores, lang), lang) + "</div>")
        parts.append(f"<div><h3>{_esc(t('trend'))}</h3>")
        trend = stage_detail.trend_figure(section.trend, "sentiment", lang)
        parts.append(_figure_html(trend, lang) + "</div>")
        parts.append("</div>")
        parts.append(
            _html_table(
                [t("touchpoint"), t("responses"), t("mean_sentiment"), t("nps")],
                (
                    (
                        r.name,
                        kpi_text("responses", r.n, lang),
                        kpi_text("sentiment", r.sentiment, lang),
                        kpi_text("nps", r.nps, lang),
                    )
                    for r in section.touchpoints.itertuples(index=False)
                ),
                {1, 2, 3},
            )
        )
        negative, positive = extreme_comments(section)
        parts.append(f"<h3>{_esc(t('most_negative'))}</h3>{_quotes_html(negative, 'neg', report)}")
        parts.append(f"<h3>{_esc(t('most_positive'))}</h3>{_quotes_html(positive, 'pos', report)}")
        if not section.themes.empty:
            parts.append(f"<h3>{_esc(t('themes'))}</h3>")
            parts.append(
                _html_table(
                    [t("language"), t("theme"), t("count"), t("mean_sentiment")],
                    (
                        (
                            r.language,
                            r.theme,
                            kpi_text("responses", r.count, lang),
                            kpi_text("sentiment", r.sentiment, lang),
                        )
                        for r in section.themes.itertuples(index=False)
                    ),
                    {2, 3},
                )
            )
        parts.append("</section>")
    meta = {
        "description": subject(report),
        "generator": "cxcore",
        "dcterms.created": report.generated_at.isoformat(),
        "dcterms.language": lang,
    }
    return (
        f'<!DOCTYPE html>\n<html lang="{_esc(lang)}"><head><meta charset="utf-8">'
        f"<title>{_esc(report.document_title)}</title>"
        + "".join(f'<meta name="{_esc(k)}" content="{_esc(v)}">' for k, v in meta.items())
        + f"<style>{_CSS}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head>'
        f"<body>{''.join(parts)}</body></html>"
    )
