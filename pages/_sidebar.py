"""The sidebar's widgets: the language picker, the filters (kept across pages and written to
the URL) and the stage selector."""

from __future__ import annotations

from datetime import date

import streamlit as st

from cxcore.analysis import stage_detail
from cxcore.filters import QUERY_KEYS, Filters, from_query_params, to_query_params
from cxcore.i18n import UI_LANGUAGES, format_number
from cxcore.languages import LANGUAGES, language_name, supported
from pages._cache import _values_present
from pages._shared import data_version, database_url, lang, plain, t, taxonomy


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
            placeholder=t("widget.choose_one"),
        )
    )


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
        format_func=lambda v: f"{names.get(v, v)} · {format_number(counts.get(v, 0), lang())}",
        on_change=_kept,
        args=(key,),
        placeholder=t("widget.choose_options"),
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


def stage_selector(keys: list[str], names: dict[str, str]) -> str:
    """A stage selectbox kept in step with `?stage=` so a link opens the same view.

    The URL wins when it changed from outside (a shared link, the overview's links);
    an unknown stage in it gets a warning and the first stage.
    """
    wanted = st.query_params.get("stage")
    if wanted != st.session_state.get("_stage_url") or "stage_choice" not in st.session_state:
        if wanted is not None and wanted not in keys:
            st.warning(t("stage.unknown", wanted=plain(repr(wanted)), shown=plain(names[keys[0]])))
        st.session_state["stage_choice"] = wanted if wanted in keys else keys[0]
    chosen: str = st.selectbox(
        t("stage.select"),
        keys,
        format_func=names.__getitem__,
        key="stage_choice",
        placeholder=t("widget.choose_one"),
    )
    st.query_params["stage"] = chosen
    st.session_state["_stage_url"] = chosen
    return chosen
