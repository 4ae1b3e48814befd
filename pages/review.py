"""Unassigned responses: tag a group of similar comments at once, optionally as a rule."""

import streamlit as st

import db
from cxcore import pipeline
from cxcore.review import unassigned_groups
from cxcore.taxonomy import add_rule
from pages._auth import acting_user, can, require
from pages._shared import engine, load_unassigned, plain, taxonomy

st.title("Unassigned responses")
require("retag", "re-tag responses")
if done := st.session_state.pop("review_done", None):
    st.success(done)
groups = unassigned_groups(load_unassigned())
if groups.empty:
    st.info("No group of unassigned responses shares words. Nothing to review.")
    st.stop()

st.dataframe(groups[["words", "n", "examples"]], hide_index=True)
chosen = st.selectbox(
    "Group", groups.index, format_func=lambda i: f"{groups.at[i, 'words']} ({groups.at[i, 'n']})"
)
group = groups.loc[chosen]
for example in group["examples"]:
    st.caption(f"“{plain(example)}”")  # a comment is text, never Markdown

model = taxonomy()
col_stage, col_touchpoint = st.columns(2)
stage = col_stage.selectbox(
    "Stage", [None, *model.stage_keys()], format_func=lambda k: model.stage(k).name() if k else "—"
)
touchpoint = col_touchpoint.selectbox(
    "Touchpoint",
    [None, *model.touchpoint_keys()],
    format_func=lambda k: model.touchpoint(k).name() if k else "—",
)
as_rule = st.checkbox(
    f"Also add these words as a rule: {', '.join(group['terms'])}",
    disabled=not can("edit_taxonomy"),  # a rule changes the journey model: admins only
)
if st.button(
    f"Assign to {group['n']} responses", type="primary", disabled=not (stage or touchpoint)
):
    tagged = db.set_manual_tags(
        engine(), group["response_ids"], stage, touchpoint, user=acting_user()
    )
    message = f"Tagged {tagged:,} responses by hand."
    if as_rule:
        updated = add_rule(model, group["terms"], stage, touchpoint, group["language"] or "en")
        bar = st.progress(0.0, "Placing responses on the journey")
        summary = pipeline.apply_taxonomy(
            engine(), updated, progress=bar.progress, user=acting_user()
        )
        message += (
            f" Rule saved; {summary.moved_stage:,} responses moved stage, "
            f"{summary.moved_touchpoint:,} moved touchpoint."
        )
    st.session_state["review_done"] = message
    st.rerun()
