"""What every page shares: the database, cached loaders and the sidebar filters."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

import db
from cxcore.analysis import insights, kpis, stage_detail
from cxcore.analysis.metrics import sums_by
from cxcore.filters import QUERY_KEYS, Filters, from_query_params, to_query_params
from cxcore.i18n import (
    DEFAULT_LANGUAGE,
    UI_LANGUAGES,
    format_date,
    language_from_locale,
    text,
    translate,
    translate_reason,
)
from cxcore.languages import LANGUAGES, language_name, supported
from cxcore.text.taxonomy import Taxonomy, TaxonomyError, active_taxonomy_path, load_taxonomy

T = TypeVar("T")


def database_url() -> str:
    """The database this process serves ($CX_DATABASE_URL or the default SQLite file)."""
    return db.resolve_url()


def choose_language() -> str:
    """The UI language picker at the top of the sidebar; every page draws it through
    `pages._auth.require`, before the sign-in form.

    Defaults to the browser's language when it is English, Turkish or Czech, else English.
    """
    _keep("ui_lang", lang())
    return str(
        st.sidebar.selectbox(
            "Language · Dil · Jazyk",
            list(UI_LANGUAGES),
            format_func=UI_LANGUAGES.__getitem__,
            key="ui_lang",
            on_change=_kept,
            args=("ui_lang",),
        )
    )


def lang() -> str:
    """The UI language chosen for this session (app.py reads it for the page titles)."""
    kept = st.session_state.get("_kept_ui_lang")
    if kept in UI_LANGUAGES:
        return str(kept)
    return language_from_locale(st.context.locale)


def t(key: str, **values: object) -> str:
    """The UI string `key` in the session's language."""
    return text(key, lang(), **values)


def step(message: str) -> str:
    """A progress step the core reports (in English) in the session's language."""
    return translate(message, lang())


def refusal(error: Exception) -> str:
    """Why the core refused something (a file, a mapping, a user, a busy database) in the
    session's language, as plain text: the message quotes the user's own names."""
    return plain(translate(str(error), lang(), area="error"))


@contextmanager
def while_writing() -> Iterator[None]:
    """Around a change to the database: when another import or change held the write lock
    for minutes, say so in the user's language and end this run; nothing was changed."""
    try:
        yield
    except db.DatabaseBusy as error:
        st.error(refusal(error))
        st.stop()


def rejections_shown(rejections: pd.DataFrame) -> pd.DataFrame:
    """A rejections table (row, reason, the row's values) with the reasons in the
    session's language; the database and the CLI keep them in English."""
    if "reason" not in rejections or lang() == DEFAULT_LANGUAGE:
        return rejections
    reasons = {r: translate_reason(r, lang()) for r in rejections["reason"].unique()}
    return rejections.assign(reason=rejections["reason"].map(reasons))


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return db.get_engine(url)


def engine() -> Engine:
    return _engine(database_url())


def data_version() -> str:
    """Part of every cache key, so figures change right after an import."""
    return db.data_version(engine())


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


@st.cache_data(show_spinner=False)
def _kpi_row(url: str, filters: Filters, version: str, lang: str) -> tuple[pd.DataFrame, str]:
    engine_ = _engine(url)
    newest = db.date_range(engine_, filters)[1]
    period = kpis.current_period(
        filters.date_from, filters.date_to, newest.date() if newest else None
    )
    if period is None:
        row = kpis.kpi_row(kpis.kpi_frame(_stage_summary(url, filters, version), lang), None, lang)
        return row, text("kpi.all_time", lang)
    before = kpis.previous_period(*period)
    current = _stage_summary(url, replace(filters, date_from=period[0], date_to=period[1]), version)
    previous = _stage_summary(
        url, replace(filters, date_from=before[0], date_to=before[1]), version
    )
    row = kpis.kpi_row(kpis.kpi_frame(current, lang), kpis.kpi_frame(previous, lang), lang)
    spans = [
        text("kpi.range", lang, first=format_date(a, lang), last=format_date(b, lang))
        for a, b in (period, before)
    ]
    return row, text("kpi.period", lang, current=spans[0], previous=spans[1])


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


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$=&])")  # & too: "&lt;" stays as written


def plain(text: object) -> str:
    """User data as literal text inside Markdown: no formatting, links, colours or HTML."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


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
        st.error(t("model.broken_file", error=refusal(error)))
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


@st.cache_data(show_spinner=False)
def _values_present(url: str, field: str, version: str) -> dict[str, int]:
    frame = db.values_present(_engine(url), field)
    return dict(zip(frame["value"], frame["n"].astype(int), strict=True))


def _keep(key: str, default: object) -> None:
    """Give widget `key` its kept value before it is drawn.

    Streamlit forgets a widget's state when another page draws it, so the value lives in
    `_kept_<key>` (updated by `_kept` on each change) and is handed back on every run.
    """
    st.session_state[key] = st.session_state.get(f"_kept_{key}", default)


def _kept(key: str) -> None:
    st.session_state[f"_kept_{key}"] = st.session_state[key]


def _seed_from_url() -> None:
    """On a session's first run, set the filters from the URL (a bookmark or shared link)."""
    if st.session_state.get("_filters_seeded"):
        return
    st.session_state["_filters_seeded"] = True
    wanted = from_query_params({k: st.query_params.get_all(k) for k in st.query_params})
    if wanted.date_from:
        st.session_state["_kept_f_period"] = (wanted.date_from, wanted.date_to)
    for field in QUERY_KEYS:
        if values := getattr(wanted, field):
            st.session_state[f"_kept_f_{field}"] = list(values)


def _multiselect(label: str, field: str, counts: dict[str, int], names: dict[str, str]) -> tuple:
    key = f"f_{field}"
    _keep(key, [])
    # A value from the URL that the data doesn't hold (yet) stays chosen and shows n = 0.
    options = list(counts) + [v for v in st.session_state[key] if v not in counts]
    chosen = st.multiselect(
        label,
        options,
        key=key,
        format_func=lambda v: f"{names.get(v, v)} · {counts.get(v, 0):,}",
        on_change=_kept,
        args=(key,),
    )
    return tuple(chosen)


def date_input_format(language: str) -> str:
    """How the date inputs write a date in `language`."""
    return LANGUAGES[supported(language)].date_input_format


def sidebar_filters() -> Filters:
    """Period, survey, touchpoint, segment and comment-language filters in the sidebar.

    They hold across pages (kept in the session) and are written to the URL, so the view
    can be bookmarked; a link opened in a new session sets them.
    """
    _seed_from_url()
    url, version = database_url(), data_version()
    points = stage_detail.touchpoint_names(taxonomy(), lang())
    with st.sidebar:
        st.caption(t("filters.title"))
        _keep("f_period", ())
        period = st.date_input(
            t("filters.period"),
            key="f_period",
            format=date_input_format(lang()),
            on_change=_kept,
            args=("f_period",),
        )
        surveys = _multiselect(
            t("filters.survey"), "surveys", _values_present(url, "survey", version), {}
        )
        touchpoints = _multiselect(
            t("filters.touchpoint"),
            "touchpoints",
            _values_present(url, "touchpoint", version),
            points,
        )
        segments = _multiselect(
            t("filters.segment"), "segments", _values_present(url, "segment", version), {}
        )
        spoken_present = _values_present(url, "language", version)
        spoken = _multiselect(
            t("filters.language"),
            "languages",
            spoken_present,
            {c: f"{language_name(c)} ({c})" for c in spoken_present},
        )
    days = [d for d in (period if isinstance(period, tuple | list) else (period,)) if d]
    date_from = days[0] if days and isinstance(days[0], date) else None
    date_to = days[1] if len(days) == 2 else date_from
    filters = Filters(
        date_from=date_from,
        date_to=date_to,
        surveys=surveys,
        touchpoints=touchpoints,
        segments=segments,
        languages=spoken,
    )
    _write_url(filters)
    return filters


def _write_url(filters: Filters) -> None:
    wanted = to_query_params(filters)
    for key in ("from", "to", *QUERY_KEYS.values()):
        if key in wanted:
            if st.query_params.get_all(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


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


def load_stage_responses(stage: str, filters: Filters) -> pd.DataFrame:
    return _stage_responses(database_url(), stage, filters, data_version())


@st.cache_data(show_spinner=False)
def _stage_themes(url: str, stage: str, filters: Filters, version: str) -> pd.DataFrame:
    return stage_detail.themes(_stage_responses(url, stage, filters, version))


def load_stage_themes(stage: str, filters: Filters) -> pd.DataFrame:
    return _stage_themes(database_url(), stage, filters, data_version())


@st.cache_data(show_spinner=False)
def _stage_paths(url: str, stage: str, filters: Filters, version: str) -> pd.DataFrame:
    customers = _stage_responses(url, stage, filters, version)["customer_id"].dropna()
    return db.customer_stage_sequence(_engine(url), filters, customers)


def load_stage_paths(stage: str, filters: Filters) -> pd.DataFrame:
    """The response sequences of the customers among the stage's newest responses."""
    return _stage_paths(database_url(), stage, filters, data_version())


def stage_selector(keys: list[str], names: dict[str, str]) -> str:
    """A stage selectbox kept in step with `?stage=` so a link opens the same view.

    The URL wins when it changed from outside (a shared link, the overview's links);
    an unknown stage in it gets a warning and the first stage.
    """
    wanted = st.query_params.get("stage")
    if wanted != st.session_state.get("_stage_url") or "stage_choice" not in st.session_state:
        if wanted is not None and wanted not in keys:
            st.warning(t("stage.unknown", wanted=repr(wanted), shown=names[keys[0]]))
        st.session_state["stage_choice"] = wanted if wanted in keys else keys[0]
    chosen: str = st.selectbox(
        t("stage.select"), keys, format_func=names.__getitem__, key="stage_choice"
    )
    st.query_params["stage"] = chosen
    st.session_state["_stage_url"] = chosen
    return chosen


def editor_key(prefix: str, ids: Sequence[int]) -> str:
    """A data_editor key tied to the rows shown, so edits never move to other rows."""
    digest = hashlib.sha1(f"{data_version()}|{list(ids)}".encode()).hexdigest()[:12]
    return f"{prefix}-{digest}"


def save_tag_changes(changes: pd.DataFrame, user: str) -> int:
    """Store edited stage/touchpoint tags as manual (audited as `user`'s); how many changed."""
    batches = stage_detail.tag_change_batches(changes)
    with while_writing():
        return sum(
            db.set_manual_tags(engine(), ids, st_, tp, user=user) for ids, st_, tp in batches
        )


# The insights and follow-up pages (pages/insights.py, pages/follow_up.py).
# Moments of truth and channel hopping are customer-level: they read the whole journeys of
# the customers behind this many newest responses (every customer on a smaller database).
INSIGHT_CUSTOMERS = 10_000


@st.cache_data(show_spinner=False)
def _insight_frames(url: str, filters: Filters, version: str) -> dict[str, pd.DataFrame]:
    engine_ = _engine(url)
    stage_sums = _stage_summary(url, filters, version)
    cell_sums = _cell_summary(url, filters, version)
    points = insights.pain_points(stage_sums, cell_sums).head(insights.TOP_PAIN_POINTS)
    units = [
        (str(p.stage), None if p.touchpoint != p.touchpoint else p.touchpoint)
        for p in points.itertuples()
    ]
    journeys = db.recent_customers_responses(
        engine_, filters, INSIGHT_CUSTOMERS, insights.JOURNEY_COLUMNS
    )
    found = insights.insight_frames(
        stage_sums,
        cell_sums,
        journeys,
        insights.contacts_of(journeys),
        voices=db.negative_comments(engine_, units, filters, insights.THEME_SAMPLE),
    )
    found["sample"] = pd.DataFrame(
        {"customers": [journeys["customer_id"].nunique()], "responses": [len(journeys)]}
    )
    return found


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
    url: str, filters: Filters, chosen: tuple, limit: int | None, version: str
) -> pd.DataFrame:
    return db.follow_up_queue(_engine(url), filters, *chosen, limit=limit)


def load_follow_up_queue(
    filters: Filters,
    chosen: tuple[tuple[str, ...], ...] = ((), (), (), ()),
    limit: int | None = None,
) -> pd.DataFrame:
    """The queue's rows, newest first: `chosen` is (statuses, stages, touchpoints, owners)."""
    return _follow_up_queue(database_url(), filters, chosen, limit, data_version())


def save_follow_ups(changes: pd.DataFrame, user: str) -> int:
    """Store edited follow-up statuses, owners and notes (audited as `user`'s); how many."""
    with while_writing():
        return db.set_follow_ups(engine(), changes, user=user)
