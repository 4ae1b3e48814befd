"""What every page shares: the database, cached loaders and the sidebar filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

import db
from cxcore.filters import Filters
from cxcore.taxonomy import Taxonomy, load_taxonomy

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
def _imports(url: str, version: str) -> pd.DataFrame:
    return db.list_imports(_engine(url))


def load_imports() -> pd.DataFrame:
    return _imports(database_url(), data_version())


@st.cache_resource(show_spinner=False)
def taxonomy() -> Taxonomy:
    return load_taxonomy()


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


def sidebar_filters() -> Filters:
    """Date range and survey filters in the sidebar."""
    imports = load_imports()
    with st.sidebar:
        st.caption("Filters")
        period = st.date_input("Period", value=(), format="YYYY-MM-DD")
        surveys = sorted({s for s in imports["survey"].dropna()}) if len(imports) else []
        chosen = st.multiselect("Survey", surveys)
    date_from = period[0] if len(period) >= 1 and isinstance(period[0], date) else None
    date_to = period[1] if len(period) == 2 else date_from
    return Filters(date_from=date_from, date_to=date_to, surveys=tuple(chosen))
