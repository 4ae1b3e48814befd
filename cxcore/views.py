"""The read side, assembled once: KPI row, insight frames, periods compared, stage report,
actions with their effect.

Pages, the CLI and reports all call these. Each takes a `Sums`, the source of the summed
responses: the database itself by default; the dashboard passes one whose reads are cached
across filters (pages/_cache.py), so a page and the CLI compute the same figures the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Engine

import db
from cxcore import reports
from cxcore.analysis import effect_wording, effects, handoffs, insights, kpis, stage_detail
from cxcore.analysis.stage_detail import stage_names
from cxcore.filters import Filters
from cxcore.i18n import format_date, text
from cxcore.text.taxonomy import Taxonomy

__all__ = [
    "INSIGHT_CUSTOMERS",
    "PeriodComparison",
    "Sums",
    "action_effects",
    "actions_report",
    "build_stage_report",
    "compare_periods",
    "handoff_analysis",
    "handoffs_report",
    "insight_frames",
    "insights_report",
    "kpi_row",
    "report_insights",
]

# How many of the most recent customers the insight frames follow across their contacts.
INSIGHT_CUSTOMERS = 10_000


class Sums:
    """Summed responses per stage and per (stage, touchpoint), read from the database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def stage_summary(self, filters: Filters) -> pd.DataFrame:
        return db.stage_summary(self.engine, filters)

    def cell_summary(self, filters: Filters) -> pd.DataFrame:
        return db.cell_summary(self.engine, filters)

    def day_cells(self, filters: Filters) -> pd.DataFrame:
        return db.summary(self.engine, ("stage", "touchpoint", "day"), filters)


@dataclass(frozen=True)
class PeriodComparison:
    """Two windows of the same length and the stage and cell sums of each."""

    current: tuple[date, date]
    previous: tuple[date, date]
    current_sums: tuple[pd.DataFrame, pd.DataFrame]
    previous_sums: tuple[pd.DataFrame, pd.DataFrame]


def _newest_day(sums: Sums, filters: Filters) -> date | None:
    newest = db.date_range(sums.engine, filters)[1]
    return newest.date() if newest else None


def kpi_row(sums: Sums, filters: Filters, lang: str) -> tuple[pd.DataFrame, str]:
    """The overview's KPIs for the period and their change, and a caption naming both periods."""
    period = kpis.current_period(filters.date_from, filters.date_to, _newest_day(sums, filters))
    if period is None:
        row = kpis.kpi_row(kpis.kpi_frame(sums.stage_summary(filters), lang), None, lang)
        return row, text("kpi.all_time", lang)
    before = kpis.previous_period(*period)
    current, previous = (
        sums.stage_summary(replace(filters, date_from=first, date_to=last))
        for first, last in (period, before)
    )
    row = kpis.kpi_row(kpis.kpi_frame(current, lang), kpis.kpi_frame(previous, lang), lang)
    spans = [
        text("kpi.range", lang, first=format_date(a, lang), last=format_date(b, lang))
        for a, b in (period, before)
    ]
    chosen = filters.date_from is not None  # the sidebar's range, else the default window
    key = "kpi.period" if chosen else "kpi.period_last"
    said = text(key, lang, days=kpis.DEFAULT_DAYS, current=spans[0], previous=spans[1])
    return row, said


def compare_periods(sums: Sums, filters: Filters) -> PeriodComparison:
    """The period `filters` chose (or the 30 days up to the newest response) and the one of
    the same length before it, summed for insights.movers; the other filters hold in both."""
    end = filters.date_to or _newest_day(sums, filters)
    if end is None:  # nothing dated: two empty windows, nothing to compare
        period = before = (date.min, date.min)
    else:
        period = (filters.date_from or end - timedelta(days=kpis.DEFAULT_DAYS - 1), end)
        before = kpis.previous_period(*period)
    found = []
    for start, last in (period, before):
        window = replace(filters, date_from=start, date_to=last)
        found.append((sums.stage_summary(window), sums.cell_summary(window)))
    return PeriodComparison(period, before, found[0], found[1])


def report_insights(
    sums: Sums, filters: Filters, taxonomy: Taxonomy, lang: str = "en"
) -> dict[str, list[str]]:
    """Channel hopping, what changed and the internal handoffs, in plain words, for a stage
    report."""
    compared = compare_periods(sums, filters)
    sections = reports.insight_sections(
        db.customer_contacts(sums.engine, filters),
        insights.movers(compared.previous_sums, compared.current_sums),
        compared.current,
        compared.previous,
        taxonomy,
        lang,
    )
    table, evidence, _ = handoff_analysis(sums, filters, taxonomy.stage_keys())
    names = stage_names(taxonomy, lang)
    sections["handoffs"] = handoffs.handoff_sentences(table, evidence, names, lang)
    return sections


def handoff_analysis(
    sums: Sums, filters: Filters, order: Sequence[str] = ()
) -> tuple[pd.DataFrame, handoffs.HandoffEvidence, pd.DataFrame]:
    """The handoffs per stage (stages in `order` first, e.g. the journey model's) and
    overall, the evidence they were read from, and the per-response rows (for the teams)."""
    responses = db.handoff_responses(sums.engine, filters)
    table, evidence = handoffs.handoff_table(responses, list(order))
    return table, evidence, responses


def handoffs_report(
    sums: Sums, filters: Filters, taxonomy: Taxonomy | None = None
) -> dict[str, Any]:
    """The handoffs as plain data (the CLI's JSON): {"source", "metric", "reason",
    "overall", "stages": [{"stage", "n", "with_handoff", "share", "mean",
    "with_vs_without", "per_handoff", "costly"}]}."""
    order = taxonomy.stage_keys() if taxonomy is not None else ()
    table, evidence, _ = handoff_analysis(sums, filters, order)
    return handoffs.handoff_json(table, evidence)


def insight_frames(sums: Sums, filters: Filters) -> dict[str, pd.DataFrame]:
    """Pain points with their voices, drivers, Sankey links and repeat contacts, and the
    sample of customers they were read from."""
    stage_sums, cell_sums = sums.stage_summary(filters), sums.cell_summary(filters)
    points = insights.pain_points(stage_sums, cell_sums).head(insights.TOP_PAIN_POINTS)
    units = [
        (str(p.stage), None if p.touchpoint != p.touchpoint else p.touchpoint)
        for p in points.itertuples()
    ]
    journeys = db.recent_customers_responses(
        sums.engine, filters, INSIGHT_CUSTOMERS, insights.JOURNEY_COLUMNS
    )
    found = insights.insight_frames(
        stage_sums,
        cell_sums,
        journeys,
        insights.contacts_of(journeys),
        voices=db.negative_comments(sums.engine, units, filters, insights.THEME_SAMPLE),
    )
    found["sample"] = pd.DataFrame(
        {"customers": [journeys["customer_id"].nunique()], "responses": [len(journeys)]}
    )
    return found


def insights_report(sums: Sums, filters: Filters) -> dict[str, Any]:
    """Every insight as plain data (the CLI's JSON): pain points, drivers, repeat contacts,
    what changed between the period and the one before, and the internal handoffs."""
    compared = compare_periods(sums, filters)
    period, before = compared.current, compared.previous
    report = insights.insights_report(
        sums.stage_summary(filters),
        sums.cell_summary(filters),
        db.responses_frame(sums.engine, filters, insights.RESPONSE_COLUMNS),
        db.customer_contacts(sums.engine, filters),
        compared.previous_sums,
        compared.current_sums,
        periods={"current": list(map(str, period)), "previous": list(map(str, before))},
    )
    report["handoffs"] = handoffs_report(sums, filters)
    return report


def build_stage_report(
    sums: Sums, stages: str | Sequence[str], filters: Filters, taxonomy: Taxonomy, lang: str
) -> tuple[reports.Report, int]:
    """The report of `stages` ("all" for every stage) and how many responses it holds."""
    chosen_stages = [stages] if isinstance(stages, str) else list(stages)
    chosen = (
        filters if reports.ALL in chosen_stages else replace(filters, stages=tuple(chosen_stages))
    )
    responses = db.responses_frame(sums.engine, chosen, columns=reports.RESPONSE_COLUMNS)
    report = reports.build_report(
        sums.stage_summary(filters),
        responses,
        taxonomy,
        filters,
        stages,
        lang,
        cells=sums.cell_summary(filters),
        insight_sections=report_insights(sums, filters, taxonomy, lang),
        actions=action_effects(sums, filters),
    )
    return report, len(responses)


def action_effects(
    sums: Sums,
    filters: Filters | None = None,
    stages: Sequence[str] = (),
    statuses: Sequence[str] = (),
    weeks: tuple[int, int] = (effects.DEFAULT_WEEKS, effects.DEFAULT_WEEKS),
    today: date | None = None,
) -> pd.DataFrame:
    """The stored actions (of `stages` and `statuses` when given) with their effect over
    `weeks` (before, after) and their target's progress (effects.EFFECT_COLUMNS), measured
    on the responses `filters` match, whatever their period."""
    every_day = replace(filters or Filters(), date_from=None, date_to=None)
    stored = db.actions_frame(sums.engine, stages, statuses)
    if stored.empty:
        return effects.effects_frame(stored, pd.DataFrame(columns=["day"]), *weeks, today)
    return effects.effects_frame(stored, sums.day_cells(every_day), *weeks, today)


def actions_report(
    sums: Sums,
    taxonomy: Taxonomy,
    lang: str = "en",
    weeks: tuple[int, int] = (effects.DEFAULT_WEEKS, effects.DEFAULT_WEEKS),
) -> list[dict[str, Any]]:
    """Every action as plain data (the CLI's JSON): its fields, its `effect` (see
    effects.effect_dict), its target's progress, and both in words (`said`, `target_said`)."""
    stages = stage_detail.stage_names(taxonomy, lang)
    points = stage_detail.touchpoint_names(taxonomy, lang)
    found = []
    for row in action_effects(sums, weeks=weeks).itertuples(index=False):
        fields = {name: getattr(row, name) for name in db.ACTION_COLUMNS}
        fields["target"] = None if fields["target"] != fields["target"] else fields["target"]
        found.append(
            fields
            | {
                "effect": effects.effect_dict(row),
                "progress": row.progress,
                "said": effect_wording.effect_sentence(row, stages, points, lang),
                "target_said": effect_wording.progress_sentence(row, lang),
            }
        )
    return found
