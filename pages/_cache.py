"""The dashboard's reads, cached per process and keyed on the data version (so figures
change right after an import). The read side itself is `cxcore.views`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

import db
from cxcore import views
from cxcore.analysis import stage_detail
from cxcore.analysis.effects import DEFAULT_WEEKS
from cxcore.analysis.metrics import sums_by
from cxcore.filters import Filters
from cxcore.ingest import pipeline
from cxcore.text import learned_placement
from pages._shared import _engine, data_version, database_url, lang


@st.cache_data(show_spinner=False)
def _day_cells(url: str, filters: Filters, version: str) -> pd.DataFrame:
    """Sums per stage, touchpoint and day over every day: the curve, both KPI periods, the
    touchpoint map and the pain points are cut from this one read."""
    return db.summary(_engine(url), ("stage", "touchpoint", "day"), filters)


def _sums(url: str, filters: Filters, version: str, by: tuple[str, ...]) -> pd.DataFrame:
    if not db.answers_from_daily_sums(filters):
        return db.summary(_engine(url), by, filters)
    every_day = replace(filters, date_from=None, date_to=None)
    return sums_by(_day_cells(url, every_day, version), by, filters.date_from, filters.date_to)


@st.cache_data(show_spinner=False)
def _stage_summary(url: str, filters: Filters, version: str) -> pd.DataFrame:
    return _sums(url, filters, version, ("stage",))


def load_stage_summary(filters: Filters) -> pd.DataFrame:
    return _stage_summary(database_url(), filters, data_version())


@st.cache_data(show_spinner=False)
def _summary(url: str, by: tuple[str, ...], filters: Filters, version: str) -> pd.DataFrame:
    return db.summary(_engine(url), by, filters)


def load_summary(by: tuple[str, ...], filters: Filters) -> pd.DataFrame:
    """Sums of the matching responses per `by` (e.g. ("touchpoint",) or ("day",))."""
    return _summary(database_url(), by, filters, data_version())


class CachedSums(views.Sums):
    """The read side's sums from this process's cache: every period of the KPI row, the
    insights and the comparisons is cut from one cached read of the daily cells."""

    def __init__(self, url: str, version: str) -> None:
        super().__init__(_engine(url))
        self.url, self.version = url, version

    def stage_summary(self, filters: Filters) -> pd.DataFrame:
        return _stage_summary(self.url, filters, self.version)

    def cell_summary(self, filters: Filters) -> pd.DataFrame:
        return _cell_summary(self.url, filters, self.version)

    def day_cells(self, filters: Filters) -> pd.DataFrame:
        return _day_cells(self.url, filters, self.version)


@st.cache_data(show_spinner=False)
def _kpi_row(url: str, filters: Filters, version: str, lang: str) -> tuple[pd.DataFrame, str]:
    return views.kpi_row(CachedSums(url, version), filters, lang)


def load_kpi_row(filters: Filters) -> tuple[pd.DataFrame, str]:
    """The overview's KPIs for the period and their change, and a caption naming both periods."""
    return _kpi_row(database_url(), filters, data_version(), lang())


@st.cache_data(show_spinner=False)
def _cell_summary(url: str, filters: Filters, version: str) -> pd.DataFrame:
    return _sums(url, filters, version, ("stage", "touchpoint"))


def load_cell_summary(filters: Filters) -> pd.DataFrame:
    """Sums per (stage, touchpoint): the touchpoint map's cells."""
    return _cell_summary(database_url(), filters, data_version())


@st.cache_data(show_spinner=False)
def _stage_extremes(url: str, filters: Filters, version: str) -> pd.DataFrame:
    return db.stage_extremes(_engine(url), filters)


def load_stage_extremes(filters: Filters) -> pd.DataFrame:
    """The most negative and most positive comments of each stage (the canvas's voices)."""
    return _stage_extremes(database_url(), filters, data_version())


@st.cache_data(show_spinner=False)
def _date_range(url: str, filters: Filters, version: str) -> tuple:
    return db.date_range(_engine(url), filters)


def load_date_range(filters: Filters) -> tuple:
    """The oldest and newest response date matching `filters` (None when undated)."""
    return _date_range(database_url(), filters, data_version())


def load_values_present(field: str) -> dict[str, int]:
    """value → responses of a survey, touchpoint, segment or language field."""
    return _values_present(database_url(), field, data_version())


@st.cache_data(show_spinner=False)
def _imports(url: str, version: str) -> pd.DataFrame:
    return db.list_imports(_engine(url))


def load_imports() -> pd.DataFrame:
    return _imports(database_url(), data_version())


def load_unassigned() -> pd.DataFrame:
    """Responses without a stage or touchpoint (with a comment), for the review queue."""
    return _unassigned(database_url(), data_version())


@st.cache_data(show_spinner=False)
def _unassigned(url: str, version: str) -> pd.DataFrame:
    return db.unassigned_responses(_engine(url))


@st.cache_data(show_spinner=False)
def _values_present(url: str, field: str, version: str) -> dict[str, int]:
    frame = db.values_present(_engine(url), field)
    return dict(zip(frame["value"], frame["n"].astype(int), strict=True))


# The stage drill-down (pages/stage.py).
_STAGE_COLUMNS = (
    "id",
    "submitted_at",
    "customer_id",
    "nps",
    "csat",
    "ces",
    "comment",
    "language",
    "sentiment",
    "sentiment_label",
    "sentiment_model",
    "stage",
    "stage_source",
    "touchpoint",
    "touchpoint_source",
)


# The stage page's verbatims and themes read the stage's newest responses; its figures
# are sums over all of them (load_summary).
STAGE_SAMPLE = 10_000


@st.cache_data(show_spinner=False)
def _stage_responses(url: str, stage: str, filters: Filters, version: str) -> pd.DataFrame:
    return db.stage_responses(_engine(url), stage, filters, _STAGE_COLUMNS, newest=STAGE_SAMPLE)


@st.cache_data(show_spinner=False)
def _stage_themes(url: str, stage: str, filters: Filters, version: str) -> pd.DataFrame:
    return stage_detail.themes(_stage_responses(url, stage, filters, version))


def load_stage_themes(stage: str, filters: Filters) -> pd.DataFrame:
    return _stage_themes(database_url(), stage, filters, data_version())


@st.cache_data(show_spinner=False)
def _stage_paths(url: str, stage: str, filters: Filters, version: str) -> pd.DataFrame:
    customers = _stage_responses(url, stage, filters, version)["customer_id"].dropna()
    return db.customer_stage_sequence(_engine(url), filters, customers)


INSIGHT_CUSTOMERS = views.INSIGHT_CUSTOMERS


@st.cache_data(show_spinner=False)
def _insight_frames(url: str, filters: Filters, version: str) -> dict[str, pd.DataFrame]:
    return views.insight_frames(CachedSums(url, version), filters)


def load_insight_frames(filters: Filters) -> dict[str, pd.DataFrame]:
    """Pain points with their voices, drivers, Sankey links, repeat contacts (computed once
    per filters and data version: seconds on a large database)."""
    return _insight_frames(database_url(), filters, data_version())


def load_period_summaries(filters: Filters, first: date, last: date) -> tuple:
    """(stage_summary, cell_summary) of `filters` over the days `first`…`last`."""
    window = replace(filters, date_from=first, date_to=last)
    return _stage_summary(database_url(), window, data_version()), _cell_summary(
        database_url(), window, data_version()
    )


@st.cache_data(show_spinner=False)
def _follow_up_counts(url: str, filters: Filters, stages: tuple, points: tuple, version: str):
    return db.follow_up_counts(_engine(url), filters, stages, points)


def load_follow_up_counts(
    filters: Filters, stages: tuple[str, ...] = (), points: tuple[str, ...] = ()
) -> pd.DataFrame:
    """status, owner, n of the follow-up queue (counted from the daily sums)."""
    return _follow_up_counts(database_url(), filters, stages, points, data_version())


@st.cache_data(show_spinner=False)
def _follow_up_queue(
    url: str, filters: Filters, chosen: tuple, limit: int | None, sealed: bool, version: str
) -> pd.DataFrame:
    return db.follow_up_queue(_engine(url), filters, *chosen, limit=limit, sealed_ids=sealed)


def load_follow_up_queue(
    filters: Filters,
    chosen: tuple[tuple[str, ...], ...] = ((), (), (), ()),
    limit: int | None = None,
    *,
    sealed: bool = False,
) -> pd.DataFrame:
    """The queue's rows, newest first: `chosen` is (statuses, stages, touchpoints, owners);
    `sealed`: with each customer id as encrypted at import (`sealed_id`)."""
    return _follow_up_queue(database_url(), filters, chosen, limit, sealed, data_version())


def load_placement_model() -> learned_placement.PlacementModel:
    """The model learned from this database's hand placements (trained once per version)."""
    return _placement_model(database_url(), data_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _placement_model(url: str, version: str) -> learned_placement.PlacementModel:
    return pipeline.placement_model(_engine(url))


def load_learned() -> pd.DataFrame:
    """Responses the learned model placed, for the Unassigned page's review list."""
    return _learned(database_url(), data_version())


@st.cache_data(show_spinner=False)
def _learned(url: str, version: str) -> pd.DataFrame:
    return db.learned_placements(_engine(url))


# Actions (pages/actions.py, the stage page, the canvas): read fresh on every run, so an
# edit shows at once (a small table); their effects are cut from the cached daily cells.
def load_actions(stages: tuple[str, ...] = (), statuses: tuple[str, ...] = ()) -> pd.DataFrame:
    """The stored actions (of `stages` and `statuses` when given), newest first."""
    return db.actions_frame(_engine(database_url()), stages, statuses)


def load_action_effects(
    filters: Filters,
    stages: tuple[str, ...] = (),
    statuses: tuple[str, ...] = (),
    weeks: tuple[int, int] = (DEFAULT_WEEKS, DEFAULT_WEEKS),
) -> pd.DataFrame:
    """The actions with their measured effect and their target's progress."""
    sums = CachedSums(database_url(), data_version())
    return views.action_effects(sums, filters, stages, statuses, weeks)


def load_action_history(action_id: int) -> pd.DataFrame:
    """Who changed what in one action, when: newest first."""
    return db.action_history(_engine(database_url()), action_id)


@st.cache_data(show_spinner=False)
def _handoffs(url: str, filters: Filters, version: str, order: tuple[str, ...]) -> tuple:
    return views.handoff_analysis(views.Sums(_engine(url)), filters, order)


def load_handoffs(filters: Filters, order: tuple[str, ...] = ()) -> tuple:
    """(per-stage handoffs table, the evidence it was read from, the per-response rows)."""
    return _handoffs(database_url(), filters, data_version(), order)


@st.cache_data(show_spinner=False)
def _handoff_comments(url: str, stage: str, filters: Filters, version: str) -> pd.DataFrame:
    return db.handoff_comments(_engine(url), stage, filters)


def load_handoff_comments(stage: str, filters: Filters) -> pd.DataFrame:
    """The newest comments of a stage that mention a handoff."""
    return _handoff_comments(database_url(), stage, filters, data_version())
