"""Follow-up: detractors, low CSAT and negative comments to act on, with status and owner."""

from functools import partial

import streamlit as st

from cxcore import insights
from cxcore import stage as stage_view
from pages import _shared as shared
from pages._auth import acting_user, require

st.title("Follow-up")
require("follow_up", "follow up responses")  # here too: a page can run without app.py
filters = shared.sidebar_filters()
queue = shared.load_follow_up_queue(filters)
if queue.empty:
    st.info(
        "Nothing to follow up: no detractor (NPS 0–6), CSAT 1–2 or negative comment matches "
        "these filters. Widen the sidebar filters, or import a survey on the **Import** page."
    )
    st.stop()
model = shared.taxonomy()
stages, points = stage_view.stage_names(model), stage_view.touchpoint_names(model)

counts = queue["status"].value_counts()
for column, status in zip(st.columns(3), insights.QUEUE_STATUSES, strict=True):
    column.metric(status.capitalize(), f"{int(counts.get(status, 0)):,}")

cols = st.columns(4)
statuses = cols[0].multiselect("Status", insights.QUEUE_STATUSES, default=["open", "contacted"])
chosen_stages = cols[1].multiselect(
    "Stage", sorted(queue["stage"].unique()), format_func=lambda k: stages.get(k, k)
)
chosen_points = cols[2].multiselect(
    "Touchpoint", sorted(queue["touchpoint"].unique()), format_func=lambda k: points.get(k, k)
)
owners = sorted(queue["owner"].fillna("").unique())
chosen_owners = cols[3].multiselect("Owner", owners, format_func=lambda o: o or "(nobody yet)")
shown = insights.filter_queue(queue, statuses, chosen_stages, chosen_points, chosen_owners)
if shown.empty:
    st.info("No response in the queue matches these choices: clear a filter above.")
    st.stop()

table = insights.queue_table(shown, stages, points)
editable = table.head(500)
st.caption(
    f"{len(table):,} responses, newest first"
    + (
        f"; showing the first {len(editable)} (the download holds all)."
        if len(table) > 500
        else "."
    )
    + " Change a status, owner or note, then save."
)
edited = st.data_editor(
    editable,
    column_config={
        "status": st.column_config.SelectboxColumn(
            "Status", options=list(insights.QUEUE_STATUSES), required=True
        ),
        "owner": st.column_config.TextColumn("Owner"),
        "note": st.column_config.TextColumn("Note"),
        "comment": st.column_config.TextColumn("Comment", width="large"),
        "submitted_at": st.column_config.DatetimeColumn("Submitted", format="YYYY-MM-DD"),
        "updated_at": st.column_config.DatetimeColumn("Updated", format="YYYY-MM-DD HH:mm"),
    },
    disabled=[c for c in editable.columns if c not in ("status", "owner", "note")],
    hide_index=True,
    key=shared.editor_key("follow_up", editable["response_id"].tolist()),
)
if message := st.session_state.pop("_follow_up_saved", None):
    st.success(message)
left, right = st.columns([1, 3])
if left.button("Save changes", type="primary", key="save_follow_ups"):
    try:
        changes = insights.queue_changes(editable, edited)
    except ValueError as error:
        st.error(str(error))
        st.stop()
    if changes.empty:
        st.info("Nothing to save: no status, owner or note was changed.")
    else:
        saved = shared.save_follow_ups(changes, acting_user())
        st.session_state["_follow_up_saved"] = f"Saved the follow-up of {saved} responses."
        st.rerun()
right.download_button(
    "Download as CSV",
    partial(insights.queue_csv, table),  # built on click: a long queue takes seconds
    file_name="follow-up.csv",
    mime="text/csv",
    key="follow_up_csv",
)
