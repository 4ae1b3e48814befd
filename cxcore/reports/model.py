"""The report model: a Report of one stage, several or the whole journey, built from frames.

`build_report` gathers the figures the dashboard shows (emotion curve, stage KPIs with
their intervals, touchpoints, weekly trend, NPS scores, themes, verbatims, pain points,
insights) from frames already read; `cxcore.reports.formats` turns a Report into a file.
Nothing here reads the database, draws or writes a file format.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property

import pandas as pd

from cxcore import fields as F
from cxcore import i18n
from cxcore.analysis import effect_wording, insights, journey, stage_detail
from cxcore.analysis.metrics import VALUE_FORMATS
from cxcore.filters import Filters
from cxcore.languages import CODES, supported
from cxcore.reports.cells import text
from cxcore.text.taxonomy import Taxonomy

__all__ = [
    "ACTION_REPORT_COLUMNS",
    "ALL",
    "LANGUAGES",
    "QUOTED",
    "RESPONSE_COLUMNS",
    "VERBATIM_CAP",
    "Report",
    "action_headers",
    "action_rows",
    "StageSection",
    "build_report",
    "extreme_comments",
    "insight_rows",
    "insight_sections",
    "generated_text",
    "pain_point_headers",
    "pain_point_rows",
    "pain_point_values",
    "parse_day",
    "subject",
]

ALL = "all"
LANGUAGES: tuple[str, ...] = CODES
# The Verbatims sheet holds at most this many comments (newest first) and says so, which
# keeps a workbook of 100,000 responses within 20 s (docs/benchmarks.md); the CSV export
# always holds every response.
VERBATIM_CAP = 20_000
# The PDF quotes this many of each stage's most negative and most positive comments.
QUOTED = 5
# What the reports read from the database (db.responses_frame / db.stage_responses).
RESPONSE_COLUMNS: tuple[str, ...] = (
    "id",
    F.RESPONSE_ID,
    F.CUSTOMER_ID,  # the moments of truth follow customers across stages
    F.SUBMITTED_AT,
    F.SURVEY,
    F.CHANNEL,
    F.SEGMENT,
    F.NPS,
    F.CSAT,
    F.CES,
    F.COMMENT,
    F.LANGUAGE,
    F.SENTIMENT,
    F.SENTIMENT_LABEL,
    F.STAGE,
    F.TOUCHPOINT,
)


class StageSection:
    """The figures of one stage (or of the whole journey, key "all"), each computed once
    when a format first asks for it (a CSV needs none of them)."""

    def __init__(
        self,
        key: str,
        name: str,
        responses: pd.DataFrame,
        taxonomy: Taxonomy,
        lang: str,
        with_themes: bool = True,
    ) -> None:
        self.key, self.name, self.responses = key, name, responses
        self._taxonomy, self._lang, self._with_themes = taxonomy, lang, with_themes

    @cached_property
    def kpis(self) -> pd.DataFrame:
        return stage_detail.stage_kpis(self.responses)

    @cached_property
    def touchpoints(self) -> pd.DataFrame:
        table = stage_detail.touchpoint_table(self.responses, self._taxonomy, lang=self._lang)
        unassigned = stage_detail.touchpoint_names(self._taxonomy)[F.UNASSIGNED]
        table["name"] = table["name"].replace({unassigned: text("unassigned", self._lang)})
        return table

    @cached_property
    def trend(self) -> pd.DataFrame:
        return stage_detail.weekly_trend(self.responses, "sentiment")

    @cached_property
    def scores(self) -> pd.DataFrame:
        return stage_detail.nps_distribution(self.responses)

    @cached_property
    def themes(self) -> pd.DataFrame:
        if not self._with_themes:
            return stage_detail.themes(self.responses.iloc[:0])
        return stage_detail.themes(self.responses)


@dataclass(frozen=True)
class Report:
    """A report ready to write: its sections, the curve, and what it was built from."""

    lang: str
    title: str
    period: str
    filters: str
    generated_at: datetime
    curve: pd.DataFrame
    overall: float
    sections: list[StageSection]
    stage_names: dict[str, str] = field(default_factory=dict)
    touchpoint_names: dict[str, str] = field(default_factory=dict)
    verbatim_cap: int = VERBATIM_CAP
    # insights.pain_points of the chosen stages (empty when not computed)
    pain_points: pd.DataFrame = field(default_factory=pd.DataFrame)
    # insights.drivers by stage in plain words (whole-journey reports only)
    moments_of_truth: list[str] = field(default_factory=list)
    # section key ("channel_hopping", "what_changed") -> sentences, as given to build_report
    insight_sections: dict[str, list[str]] = field(default_factory=dict)
    # the chosen stages' actions with their effect (effects.effects_frame rows)
    actions: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def document_title(self) -> str:
        """The title a browser tab, a PDF reader or a file list shows: with the stages."""
        names = [s.name for s in self.sections[:3]]
        more = "…" if len(self.sections) > 3 else ""
        return f"{self.title}: {', '.join(names)}{more}" if names else self.title

    @property
    def stage_sections(self) -> list[StageSection]:
        """The per-stage sections (the whole-journey one left out)."""
        return [s for s in self.sections if s.key != ALL]


def parse_day(value: str | None) -> date | None:
    """A YYYY-MM-DD date (None for none); a ValueError naming the format otherwise."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date: write it as YYYY-MM-DD") from None


def _period_text(filters: Filters, lang: str) -> str:
    first, last = filters.date_from, filters.date_to
    if first is None and last is None:
        return text("all_time", lang)
    shown = [i18n.format_date(day, lang) if day else "…" for day in (first, last)]
    return f"{shown[0]} – {shown[1]}"


def subject(report: Report) -> str:
    """What a report covers in one line, in its language (the PDF's and HTML's metadata)."""
    stages = ", ".join(s.name for s in report.stage_sections) or "–"
    return text("subject", report.lang, stages=stages, period=report.period, filters=report.filters)


def generated_text(report: Report) -> str:
    """When the report was made, as its language writes the day ("07.12.2026 11:39 UTC")."""
    stamp = report.generated_at
    return f"{i18n.format_date(stamp.date(), report.lang)} {stamp.strftime('%H:%M')} UTC"


def _filters_text(filters: Filters, lang: str, touchpoints: dict[str, str]) -> str:
    parts = []
    chosen = (
        ("survey", filters.surveys, {}),
        ("channel", filters.channels, {}),
        ("touchpoint", filters.touchpoints, touchpoints),
        ("segment", filters.segments, {}),
        ("language", filters.languages, {}),
    )
    for key, values, names in chosen:
        if values:
            parts.append(f"{text(key, lang)}: {', '.join(names.get(v, v) for v in values)}")
    return "; ".join(parts) or text("no_filters", lang)


def build_report(
    summary: pd.DataFrame,
    responses: pd.DataFrame,
    taxonomy: Taxonomy,
    filters: Filters | None = None,
    stages: Sequence[str] | str = ALL,
    lang: str = "en",
    generated_at: datetime | None = None,
    verbatim_cap: int = VERBATIM_CAP,
    cells: pd.DataFrame | None = None,
    insight_sections: Mapping[str, list[str]] | None = None,
    actions: pd.DataFrame | None = None,
) -> Report:
    """A Report of `stages` (keys, or "all") from a stage_summary and the responses read.

    `summary` draws the emotion curve over every stage; `responses` (RESPONSE_COLUMNS)
    gives each stage's section. With several stages a "whole journey" section comes first.
    With `cells` (a cell_summary) the report lists the chosen stages' pain points;
    `insight_sections` (see `insight_sections`) adds channel hopping and what changed;
    `actions` (effects.effects_frame rows) the chosen stages' actions with their effect.
    """
    filters = filters or Filters()
    lang = supported(lang)
    names = stage_detail.stage_names(taxonomy, lang) | {F.UNASSIGNED: text("unassigned", lang)}
    points = stage_detail.touchpoint_names(taxonomy, lang) | {
        F.UNASSIGNED: text("unassigned", lang)
    }
    if stages == ALL or (not isinstance(stages, str) and ALL in stages):
        present = set(responses[F.STAGE].dropna().astype(str)) if len(responses) else set()
        keys = [k for k in names if k in present] + sorted(present - set(names))
        whole = True
    else:
        keys = [stages] if isinstance(stages, str) else list(dict.fromkeys(stages))
        whole = len(keys) > 1
    by_stage = responses[F.STAGE].astype(object) if len(responses) else pd.Series(dtype=object)
    sections = []
    if whole:
        chosen = responses[by_stage.isin(keys)] if len(responses) else responses
        # Themes are per stage: the journey's own would repeat them all (and cost seconds).
        journey_section = StageSection(
            ALL, text("journey", lang), chosen, taxonomy, lang, with_themes=False
        )
        sections.append(journey_section)
    for key in keys:
        part = responses[by_stage == key] if len(responses) else responses
        sections.append(StageSection(key, names.get(key, key), part, taxonomy, lang))
    curve = journey.emotion_curve(summary, taxonomy, "sentiment", lang)
    overall = journey.overall_value(summary, "sentiment") if len(summary) else math.nan
    pains = pd.DataFrame()
    if cells is not None and len(summary):
        pains = insights.pain_points(summary, cells)
        pains = pains[pains["stage"].isin(keys)].reset_index(drop=True)
    # A driver needs each customer's other stages: only a whole-journey report has them.
    moments = (
        insights.driver_sentences(insights.drivers(responses, "stage"), names, lang)
        if whole and len(responses) and F.CUSTOMER_ID in responses
        else []
    )
    return Report(
        lang=lang,
        title=text("title", lang),
        period=_period_text(filters, lang),
        filters=_filters_text(filters, lang, points),
        generated_at=(generated_at or datetime.now(UTC)).replace(microsecond=0),
        curve=curve,
        overall=overall,
        sections=sections,
        stage_names=names,
        touchpoint_names=points,
        verbatim_cap=verbatim_cap,
        pain_points=pains,
        moments_of_truth=moments,
        insight_sections=dict(insight_sections or {}),
        actions=(
            actions[actions["stage"].isin(keys)].reset_index(drop=True)
            if actions is not None and len(actions)
            else pd.DataFrame()
        ),
    )


def insight_sections(
    contacts: pd.DataFrame,
    movers: pd.DataFrame,
    period: tuple[date, date],
    previous: tuple[date, date],
    taxonomy: Taxonomy,
    lang: str = "en",
) -> dict[str, list[str]]:
    """Channel hopping (repeat contacts by touchpoint) and what changed against the previous
    period, in plain words, for build_report."""
    stages = stage_detail.stage_names(taxonomy, lang)
    points = stage_detail.touchpoint_names(taxonomy, lang)
    spans = [
        i18n.text(
            "kpi.range", lang, first=i18n.format_date(a, lang), last=i18n.format_date(b, lang)
        )
        for a, b in (period, previous)
    ]
    changed = [i18n.text("kpi.period", lang, current=spans[0], previous=spans[1])]
    # No significant change is a finding too: said, not left as a bare period line.
    moved = insights.mover_sentences(movers, stages, points, lang) or [
        i18n.text("insights.no_change", lang, min_n=i18n.format_number(journey.MIN_N, lang))
    ]
    return {
        "channel_hopping": insights.repeat_sentences(
            insights.repeat_contacts(contacts), points, lang=lang
        ),
        "what_changed": changed + moved,
    }


def insight_rows(report: Report) -> list[tuple[str, str]]:
    """(section title, sentence) of every insight section, "nothing stands out" when empty."""
    rows = []
    for key, sentences in report.insight_sections.items():
        title = text(key, report.lang)
        for sentence in sentences or [text("nothing_stands_out", report.lang)]:
            rows.append((title, sentence))
    return rows


def pain_point_values(report: Report) -> list[tuple[str, str, str, str, float, float, int, float]]:
    """stage, touchpoint ("–" for the whole stage), metric's name, metric's key, value,
    overall, n, impact of each pain point as numbers (the workbook's cells), most impact
    first."""
    lang = report.lang
    rows = []
    for r in report.pain_points.itertuples(index=False):
        point = "–" if r.touchpoint is None or r.touchpoint != r.touchpoint else r.touchpoint
        rows.append(
            (
                report.stage_names.get(r.stage, r.stage),
                report.touchpoint_names.get(point, point),
                i18n.text(f"metric.{r.metric}", lang),
                str(r.metric),
                float(r.value),
                float(r.overall),
                int(r.n),
                round(float(r.impact), 1),
            )
        )
    return rows


def pain_point_rows(report: Report) -> list[tuple[str, str, str, str, str, str, str]]:
    """stage, touchpoint, metric, value, overall, n, impact of each pain point, most impact
    first, written as the report's language writes numbers (PDF and HTML)."""
    lang = report.lang
    rows = []
    for stage, point, name, metric, value, overall, n, impact in pain_point_values(report):
        decimals, sign, suffix = VALUE_FORMATS.get(metric, (2, False, ""))
        rows.append(
            (
                stage,
                point,
                name,
                i18n.format_number(value, lang, decimals, sign, suffix),
                i18n.format_number(overall, lang, decimals, sign, suffix),
                i18n.format_number(n, lang),
                i18n.format_number(impact, lang, 1),
            )
        )
    return rows


def pain_point_headers(lang: str) -> list[str]:
    """The column names of pain_point_rows in `lang`."""
    return [
        text("stage", lang),
        text("touchpoint", lang),
        text("metric", lang),
        text("value", lang),
        text("overall", lang),
        text("n", lang),
        text("impact", lang),
    ]


def extreme_comments(
    section: StageSection, count: int = QUOTED
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(most negative, most positive) comments of a section, `count` of each."""
    ordered = (
        stage_detail.filter_verbatims(section.responses)
        if len(section.responses)
        else section.responses
    )
    if ordered.empty:
        return ordered, ordered
    # The same words said twice are quoted once.
    ordered = ordered.drop_duplicates(F.COMMENT)
    negative = ordered[ordered[F.SENTIMENT_LABEL] == "negative"].head(count)
    positive = ordered[ordered[F.SENTIMENT_LABEL] == "positive"].iloc[::-1].head(count)
    return negative, positive


# The columns of the Actions sheet and table: everything but the id.
ACTION_REPORT_COLUMNS: tuple[str, ...] = tuple(c for c in effect_wording.TABLE_COLUMNS if c != "id")


def action_rows(report: Report) -> list[tuple]:
    """Each action of the report as every format prints it (action_headers' columns):
    names in the report's language, the effect's numbers, the target and both in words."""
    if report.actions.empty:
        return []
    table = effect_wording.actions_table(
        report.actions, report.stage_names, report.touchpoint_names, report.lang
    )
    table = table[list(ACTION_REPORT_COLUMNS)].astype(object)
    return [
        tuple(
            None if v is None or v != v else round(v, 4) if isinstance(v, float) else v for v in row
        )
        for row in table.values
    ]


def action_headers(lang: str) -> list[str]:
    """The column names of action_rows in `lang`."""
    return [i18n.text(f"action_column.{c}", lang) for c in ACTION_REPORT_COLUMNS]
