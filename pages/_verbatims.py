"""The stage page's verbatim table: filters, the "why" column and manual re-tagging."""

from __future__ import annotations

import streamlit as st

from cxcore.analysis import stage_detail
from cxcore.filters import Filters
from cxcore.i18n import format_number
from pages._auth import acting_user, can
from pages._shared import MISSING, editor_key, lang, save_tag_changes, shown, t
from pages._stage_cache import Verbatims, load_verbatims

_LABELS = ["negative", "neutral", "positive"]


def _shown_columns() -> dict:
    return {
        "sentiment": t("chart.sentiment"),
        "comment": st.column_config.TextColumn(t("verbatim.comment"), width="large"),
        "why": st.column_config.TextColumn(t("verbatim.why"), help=t("verbatim.why_help")),
        "language": t("filters.language"),
        "sentiment_label": t("verbatim.label"),
        "sentiment_model": t("verbatim.model"),
        "nps": "NPS",
        "stage_source": t("verbatim.stage_source"),
        "touchpoint_source": t("verbatim.touchpoint_source"),
        "submitted_at": t("verbatim.submitted"),
    }


def verbatim_section(
    stage: str,
    filters: Filters,
    choices: Verbatims,
    stages: dict[str, str],
    touchpoints: dict[str, str],
) -> None:
    """Filters, the capped verbatim table (stage and touchpoint editable) and Save changes."""
    cols = st.columns([2, 1, 1, 2])
    chosen = cols[0].multiselect(
        t("map.touchpoint"),
        choices.touchpoints,
        format_func=lambda k: touchpoints.get(k, k),
        placeholder=t("widget.choose_options"),
    )
    labels = cols[1].multiselect(
        t("chart.sentiment"),
        _LABELS,
        format_func=lambda label: t(f"sentiment.{label}"),
        placeholder=t("widget.choose_options"),
    )
    languages = cols[2].multiselect(
        t("filters.language"),
        choices.languages,
        placeholder=t("widget.choose_options"),
    )
    search = cols[3].text_input(t("verbatim.search"), placeholder=t("verbatim.search_hint"))
    disagree = False
    if choices.disagree is not None:
        disagree = st.checkbox(t("verbatim.disagree", n=choices.disagree))
    wanted = (tuple(chosen), tuple(labels), tuple(languages), search, disagree)
    table, passed = load_verbatims(stage, filters, wanted)
    if not passed:
        st.info(t("verbatim.none"))
        return
    language = lang()
    st.caption(
        t("verbatim.count", n=format_number(passed, language))
        + (t("verbatim.first", n=len(table)) if len(table) < passed else ".")
        + " "
        + t("verbatim.correct")
    )
    config = _shown_columns() | {
        "stage": st.column_config.SelectboxColumn(
            t("stage.select"),
            options=list(stages),
            format_func=lambda k: stages.get(k) or t(f"tag_source.{k}"),
            required=True,
        ),
        "touchpoint": st.column_config.SelectboxColumn(
            t("map.touchpoint"),
            options=list(touchpoints),
            format_func=lambda k: touchpoints.get(k) or t(f"tag_source.{k}"),
            required=True,
        ),
    }
    retag = can("retag")  # viewers read the table; analysts and admins may re-tag
    edited = st.data_editor(
        shown(table, signed=("sentiment",)),
        column_config=config,
        disabled=[c for c in table.columns if not retag or c not in ("stage", "touchpoint")],
        hide_index=True,
        key=editor_key("retag", table.index.tolist()),
        placeholder=MISSING,
    )
    if message := st.session_state.pop("_retag_saved", None):
        st.success(message)
    if retag and st.button(t("verbatim.save"), type="primary", key="save_tags"):
        changes = stage_detail.tag_changes(table, edited)
        if changes.empty:
            st.info(t("verbatim.nothing"))
            return
        saved = save_tag_changes(changes, acting_user())
        st.session_state["_retag_saved"] = t("verbatim.saved", n=saved)
        st.rerun()
