"""The stage page's verbatim table: filters, the "why" column and manual re-tagging."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxcore import stage as drill
from pages._shared import editor_key, save_tag_changes

_LABELS = ["negative", "neutral", "positive"]
_SHOWN = {
    "sentiment": st.column_config.NumberColumn("Sentiment", format="%.2f"),
    "comment": st.column_config.TextColumn("Comment", width="large"),
    "why": st.column_config.TextColumn("Why", help="Words that moved the score most"),
    "language": "Language",
    "sentiment_label": "Label",
    "sentiment_model": "Model",
    "nps": st.column_config.NumberColumn("NPS", format="%d"),
    "stage_source": "Stage source",
    "touchpoint_source": "Touchpoint source",
    "submitted_at": st.column_config.DatetimeColumn("Submitted", format="YYYY-MM-DD"),
}


def _options(responses: pd.DataFrame, column: str) -> list[str]:
    return sorted(str(v) for v in responses[column].dropna().unique())


def verbatim_section(
    responses: pd.DataFrame, stages: dict[str, str], touchpoints: dict[str, str]
) -> None:
    """Filters, the capped verbatim table (stage and touchpoint editable) and Save changes."""
    cols = st.columns([2, 1, 1, 2])
    chosen = cols[0].multiselect(
        "Touchpoint",
        _options(responses, "touchpoint"),
        format_func=lambda k: touchpoints.get(k, k),
    )
    labels = cols[1].multiselect("Sentiment", _LABELS)
    languages = cols[2].multiselect("Language", _options(responses, "language"))
    search = cols[3].text_input("Search the comments", placeholder="e.g. fatura")
    disagree = False
    if (flags := drill.disagreements(responses)) is not None:
        disagree = st.checkbox(f"Score and words disagree ({int(flags.sum())})")
    verbatims = drill.filter_verbatims(responses, chosen, labels, languages, search, disagree)
    if verbatims.empty:
        st.info("No comments match these filters: clear a filter or the search.")
        return
    table = drill.verbatim_table(verbatims)
    st.caption(
        f"{len(verbatims):,} comments, most negative first"
        + (f"; showing the first {len(table)}." if len(table) < len(verbatims) else ".")
        + " Correct a stage or touchpoint in the table, then save: it is stored as manual."
    )
    config = _SHOWN | {
        "stage": st.column_config.SelectboxColumn(
            "Stage", options=list(stages), format_func=lambda k: stages.get(k, k), required=True
        ),
        "touchpoint": st.column_config.SelectboxColumn(
            "Touchpoint",
            options=list(touchpoints),
            format_func=lambda k: touchpoints.get(k, k),
            required=True,
        ),
    }
    edited = st.data_editor(
        table,
        column_config=config,
        disabled=[c for c in table.columns if c not in ("stage", "touchpoint")],
        hide_index=True,
        key=editor_key("retag", table.index.tolist()),
    )
    if message := st.session_state.pop("_retag_saved", None):
        st.success(message)
    if st.button("Save changes", type="primary", key="save_tags"):
        changes = drill.tag_changes(table, edited)
        if changes.empty:
            st.info("Nothing to save: no stage or touchpoint was changed.")
            return
        saved = save_tag_changes(changes)
        noun = "response" if saved == 1 else "responses"
        st.session_state["_retag_saved"] = f"Saved manual tags for {saved} {noun}."
        st.rerun()
