"""What every page shares: the database, cached loaders and the sidebar filters."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

import db
from cxcore import kpis
from cxcore import stage as stage_view
from cxcore.filters import Filters
from cxcore.taxonomy import Taxonomy, TaxonomyError, active_taxonomy_path, load_taxonomy

T = TypeVar("T")


def database_url() -> str:
    """The database this process serves ($CX_DATABASE_URL or the default SQLite file)."""
    return db.resolve_url()


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return db.get_engine(url)


def engine() -> Engine:
    return _engine(database_url())


def data_version() -> str:
    """Part of every cache key, so figures change right after an import."""
    return db.data_version(engine())


@st.cache_data(show_spinner=False)
def _stage_summary(url: str, filters: Filters, version: str) -> pd.DataFrame:
    return db.stage_summary(_engine(url), filters)


def load_stage_summary(filters: Filters) -> pd.DataFrame:
    return _stage_summary(database_url(), filters, data_version())


@st.cache_data(show_spinner=False)
def _kpi_row(url: str, filters: Filters, version: str) -> tuple[pd.DataFrame, str]:
    engine_ = _engine(url)
    newest = db.date_range(engine_, filters)[1]
    period = kpis.current_period(
        filters.date_from, filters.date_to, newest.date() if newest else None
    )
    if period is None:
        return kpis.kpi_row(kpis.kpi_frame(db.stage_summary(engine_, filters)), None), "all time"
    before = kpis.previous_period(*period)
    current = db.stage_summary(engine_, replace(filters, date_from=period[0], date_to=period[1]))
    previous = db.stage_summary(engine_, replace(filters, date_from=before[0], date_to=before[1]))
    row = kpis.kpi_row(kpis.kpi_frame(current), kpis.kpi_frame(previous))
    return (
        row,
        f"{period[0]} to {period[1]}, against {before[0]} to {before[1]}",
    )


def load_kpi_row(filters: Filters) -> tuple[pd.DataFrame, str]:
    """The overview's KPIs for the period and their change, and a caption naming both periods."""
    return _kpi_row(database_url(), filters, data_version())


@st.cache_data(show_spinner=False)
def _cell_summary(url: str, filters: Filters, version: str) -> pd.DataFrame:
    return db.cell_summary(_engine(url), filters)


def load_cell_summary(filters: Filters) -> pd.DataFrame:
    """Sums per (stage, touchpoint): the touchpoint map's cells."""
    return _cell_summary(database_url(), filters, data_version())


@st.cache_data(show_spinner=False)
def _imports(url: str, version: str) -> pd.DataFrame:
    return db.list_imports(_engine(url))


def load_imports() -> pd.DataFrame:
    return _imports(database_url(), data_version())


@st.cache_resource(show_spinner=False)
def _taxonomy(path: str, mtime_ns: int) -> Taxonomy:
    return load_taxonomy(path if mtime_ns else None)


def taxonomy() -> Taxonomy:
    """The journey model in use; keyed on the file's mtime, so a save shows at once."""
    path = active_taxonomy_path()
    mtime_ns = path.stat().st_mtime_ns if path.is_file() else 0
    try:
        return _taxonomy(str(path), mtime_ns)
    except TaxonomyError as error:
        st.error(f"{error} Using the shipped journey model until the file is fixed.")
        return _taxonomy(str(path), 0)


def load_unassigned() -> pd.DataFrame:
    """Responses without a stage or touchpoint (with a comment), for the review queue."""
    return _unassigned(database_url(), data_version())


@st.cache_data(show_spinner=False)
def _unassigned(url: str, version: str) -> pd.DataFrame:
    return db.unassigned_responses(_engine(url))


def once_per_session(name: str, key: object, compute: Callable[[], T]) -> T:
    """`compute()` once per session for this key; keeps only the latest result per name.

    Reading and scoring a large upload takes seconds: a rerun (typing a survey name)
    must not do it again.
    """
    cached = st.session_state.get(f"_once_{name}")
    if cached is None or cached[0] != key:
        cached = (key, compute())
        st.session_state[f"_once_{name}"] = cached
    return cached[1]


LANGUAGE_NAMES = {"tr": "Türkçe", "cs": "Čeština", "en": "English", "sk": "Slovenčina"}


@st.cache_data(show_spinner=False)
def _languages(url: str, version: str) -> pd.DataFrame:
    return db.languages_present(_engine(url))


def sidebar_filters() -> Filters:
    """Date range, survey and comment-language filters in the sidebar."""
    imports = load_imports()
    languages = _languages(database_url(), data_version())
    with st.sidebar:
        st.caption("Filters")
        period = st.date_input("Period", value=(), format="YYYY-MM-DD")
        surveys = sorted({s for s in imports["survey"].dropna()}) if len(imports) else []
        chosen = st.multiselect("Survey", surveys)
        counts = dict(zip(languages["language"], languages["n"], strict=True))
        spoken = st.multiselect(
            "Comment language",
            list(counts),
            format_func=lambda c: f"{LANGUAGE_NAMES.get(c, c)} ({c}) · {counts[c]:,}",
        )
    date_from = period[0] if len(period) >= 1 and isinstance(period[0], date) else None
    date_to = period[1] if len(period) == 2 else date_from
    return Filters(
        date_from=date_from, date_to=date_to, surveys=tuple(chosen), languages=tuple(spoken)
    )


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


@st.cache_data(show_spinner=False)
def _stage_responses(url: str, stage: str, filters: Filters, version: str) -> pd.DataFrame:
    return db.stage_responses(_engine(url), stage, filters, _STAGE_COLUMNS)


def load_stage_responses(stage: str, filters: Filters) -> pd.DataFrame:
    return _stage_responses(database_url(), stage, filters, data_version())


@st.cache_data(show_spinner=False)
def _stage_themes(url: str, stage: str, filters: Filters, version: str) -> pd.DataFrame:
    return stage_view.themes(_stage_responses(url, stage, filters, version))


def load_stage_themes(stage: str, filters: Filters) -> pd.DataFrame:
    return _stage_themes(database_url(), stage, filters, data_version())


@st.cache_data(show_spinner=False)
def _customer_stage_sequence(url: str, filters: Filters, version: str) -> pd.DataFrame:
    return db.customer_stage_sequence(_engine(url), filters)


def load_customer_stage_sequence(filters: Filters) -> pd.DataFrame:
    return _customer_stage_sequence(database_url(), filters, data_version())


def stage_selector(keys: list[str], names: dict[str, str]) -> str:
    """A stage selectbox kept in step with `?stage=` so a link opens the same view.

    The URL wins when it changed from outside (a shared link, the overview's links);
    an unknown stage in it gets a warning and the first stage.
    """
    wanted = st.query_params.get("stage")
    if wanted != st.session_state.get("_stage_url") or "stage_choice" not in st.session_state:
        if wanted is not None and wanted not in keys:
            st.warning(f"There is no stage {wanted!r}; showing {names[keys[0]]} instead.")
        st.session_state["stage_choice"] = wanted if wanted in keys else keys[0]
    chosen: str = st.selectbox("Stage", keys, format_func=names.__getitem__, key="stage_choice")
    st.query_params["stage"] = chosen
    st.session_state["_stage_url"] = chosen
    return chosen


def editor_key(prefix: str, ids: Sequence[int]) -> str:
    """A data_editor key tied to the rows shown, so edits never move to other rows."""
    digest = hashlib.sha1(f"{data_version()}|{list(ids)}".encode()).hexdigest()[:12]
    return f"{prefix}-{digest}"


def save_tag_changes(changes: pd.DataFrame) -> int:
    """Store edited stage/touchpoint tags as manual; the number of responses changed."""
    batches = stage_view.tag_change_batches(changes)
    return sum(db.set_manual_tags(engine(), ids, st_, tp) for ids, st_, tp in batches)
