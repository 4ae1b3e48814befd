"""The stage page's figures and tables, built once per stage, filters, language and data
version and shared by every session of this process.

Twenty people opening the same stage get the same charts: each session takes them from
here instead of summing, sorting and building plotly figures again. Figures are kept as
the objects themselves (`st.cache_resource`): Streamlit validates a dict again on every
draw, but not a figure. Pages must not change them; `pages._shared.chart` leaves a
figure alone when it already speaks the session's language. Frames are copies
(`st.cache_data`), so a page may do with them as it likes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cxcore.analysis import handoffs, stage_detail
from cxcore.filters import Filters
from cxcore.i18n import text
from cxcore.languages import LANGUAGES
from pages import _cache as cache
from pages._shared import data_version, database_url, lang, taxonomy, taxonomy_version

__all__ = [
    "Verbatims",
    "load_handoff_tables",
    "load_kpis",
    "load_neighbours",
    "load_nps_figure",
    "load_touchpoints",
    "load_trend_figure",
    "load_verbatim_choices",
    "load_verbatims",
]

_FIGURES = 64  # figures kept per kind (stages × filters × languages × options)


def _in_language(figure: go.Figure, language: str) -> go.Figure:
    """The figure with its numbers written as `language` writes them (1,5 in tr and cs)."""
    figure.update_layout(separators=LANGUAGES[language].chart_separators)
    return figure


def _on_stage(filters: Filters, stage: str) -> Filters:
    return replace(filters, stages=(stage,))


@st.cache_data(show_spinner=False, max_entries=_FIGURES)
def _kpis(url: str, stage: str, filters: Filters, version: str, language: str) -> tuple:
    sums = cache._summary(url, (), _on_stage(filters, stage), version)
    texts = stage_detail.kpi_texts(stage_detail.stage_kpis_from(sums, language), language)
    return int(sums["n"].sum()), texts


def load_kpis(stage: str, filters: Filters) -> tuple[int, pd.DataFrame]:
    """(responses of the stage, its KPIs as label, value and detail in the session's language)."""
    return _kpis(database_url(), stage, filters, data_version(), lang())


@st.cache_resource(show_spinner=False, max_entries=_FIGURES)
def _nps_figure(url: str, stage: str, filters: Filters, version: str, language: str) -> go.Figure:
    sums = cache._summary(url, (), _on_stage(filters, stage), version)
    distribution = stage_detail.nps_distribution_from(sums)
    return _in_language(stage_detail.nps_figure(distribution, language), language)


def load_nps_figure(stage: str, filters: Filters) -> go.Figure:
    """The stage's 0–10 bars (shared: do not change it)."""
    return _nps_figure(database_url(), stage, filters, data_version(), lang())


@st.cache_resource(show_spinner=False, max_entries=_FIGURES)
def _touchpoints(
    url: str, stage: str, filters: Filters, version: str, language: str, rank: str, model: str
) -> tuple[pd.DataFrame, go.Figure]:
    sums = cache._summary(url, ("touchpoint",), _on_stage(filters, stage), version)
    table = stage_detail.touchpoint_table_from(sums, taxonomy(), by=rank, lang=language)
    return table, _in_language(stage_detail.touchpoint_figure(table, language), language)


def load_touchpoints(stage: str, filters: Filters, rank: str) -> tuple[pd.DataFrame, go.Figure]:
    """(touchpoint table ranked by `rank`, its bars); shared: copy the table to change it."""
    key = (database_url(), stage, filters, data_version(), lang(), rank, taxonomy_version())
    return _touchpoints(*key)


@st.cache_resource(show_spinner=False, max_entries=_FIGURES)
def _trend_figure(
    url: str,
    stage: str,
    filters: Filters,
    version: str,
    language: str,
    metric: str,
    colour: str,
    actions_rows: tuple,
    _actions: pd.DataFrame,
) -> go.Figure:
    days = cache._summary(url, ("day",), _on_stage(filters, stage), version)
    trend = stage_detail.weekly_trend_from(days, metric)
    figure = stage_detail.trend_figure(trend, metric, language, colour, actions=_actions)
    return _in_language(figure, language)


def load_trend_figure(
    stage: str, filters: Filters, metric: str, colour: str, actions: pd.DataFrame
) -> go.Figure:
    """The weekly `metric` of the stage with `actions` marked (shared: do not change it).

    The actions' rows are part of the key (as plain tuples, cheaper to hash than the
    frame): an edited action shows on the next run."""
    rows = tuple(actions.itertuples(index=False, name=None))
    key = (database_url(), stage, filters, data_version(), lang(), metric, colour, rows)
    return _trend_figure(*key, actions)


@dataclass(frozen=True)
class Verbatims:
    """The verbatim table's choices: touchpoints and languages present, how many responses
    were read and how many of them disagree (None while sentiment cannot tell)."""

    touchpoints: list[str]
    languages: list[str]
    n: int
    disagree: int | None


def _options(responses: pd.DataFrame, column: str) -> list[str]:
    return sorted(str(v) for v in responses[column].dropna().unique())


@st.cache_data(show_spinner=False, max_entries=_FIGURES)
def _verbatim_choices(url: str, stage: str, filters: Filters, version: str) -> Verbatims:
    responses = cache._stage_responses(url, stage, filters, version)
    flags = stage_detail.disagreements(responses)
    return Verbatims(
        _options(responses, "touchpoint"),
        _options(responses, "language"),
        len(responses),
        None if flags is None else int(flags.sum()),
    )


def load_verbatim_choices(stage: str, filters: Filters) -> Verbatims:
    """What the verbatim filters offer for the stage's newest responses."""
    return _verbatim_choices(database_url(), stage, filters, data_version())


def _in_words(table: pd.DataFrame, language: str) -> pd.DataFrame:
    """The verbatim table with its labels and tag sources in `language`."""
    words = table.copy()
    if "sentiment_label" in words:
        words["sentiment_label"] = words["sentiment_label"].map(
            lambda v: text(f"sentiment.{v}", language) if isinstance(v, str) else v
        )
    for column in ("stage_source", "touchpoint_source"):
        if column in words:
            words[column] = words[column].map(
                lambda v: text(f"tag_source.{v}", language) if isinstance(v, str) else v
            )
    return words


@st.cache_data(show_spinner=False, max_entries=_FIGURES)
def _verbatims(
    url: str, stage: str, filters: Filters, version: str, language: str, chosen: tuple
) -> tuple[pd.DataFrame, int]:
    responses = cache._stage_responses(url, stage, filters, version)
    verbatims = stage_detail.filter_verbatims(responses, *chosen)
    table = stage_detail.verbatim_table(verbatims, lang=language)
    return _in_words(table, language), len(verbatims)


def load_verbatims(
    stage: str,
    filters: Filters,
    chosen: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str, bool],
) -> tuple[pd.DataFrame, int]:
    """(the first verbatims passing `chosen` = (touchpoints, labels, languages, search,
    disagreeing only), labels in the session's language; how many pass)."""
    return _verbatims(database_url(), stage, filters, data_version(), lang(), chosen)


@st.cache_data(show_spinner=False, max_entries=_FIGURES)
def _handoff_tables(url: str, stage: str, filters: Filters, version: str) -> tuple:
    _, evidence, rows = cache._handoffs(url, filters, version, ())
    on_this_stage = rows[rows["stage"] == stage] if len(rows) else rows
    teams = handoffs.team_table(on_this_stage)
    moves = handoffs.team_moves(rows, stage) if len(teams) else pd.DataFrame()
    return teams, moves, evidence


def load_handoff_tables(stage: str, filters: Filters) -> tuple:
    """(teams of the stage, where its customers went next, the evidence handoffs were read
    from): small tables instead of every response's row."""
    return _handoff_tables(database_url(), stage, filters, data_version())


@st.cache_data(show_spinner=False, max_entries=_FIGURES)
def _neighbours(
    url: str, stage: str, filters: Filters, version: str, language: str, model: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    sequence = cache._stage_paths(url, stage, filters, version)
    return stage_detail.neighbour_stages(sequence, stage, taxonomy(), language)


def load_neighbours(stage: str, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the stages customers came from, the stages they went to next)."""
    key = (database_url(), stage, filters, data_version(), lang(), taxonomy_version())
    return _neighbours(*key)
