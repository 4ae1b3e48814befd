"""Follow-up: detractors, low CSAT and negative comments to act on, with status and owner."""

from functools import partial

import streamlit as st

from cxcore import followup, keys
from cxcore.analysis import stage_detail
from cxcore.i18n import format_number
from cxcore.settings import is_on
from pages import _cache as cache
from pages import _shared as shared
from pages import _sidebar as sidebar
from pages._auth import acting_user, can, require
from pages._shared import MISSING, shown, t

st.title(t("followup.title"))
require("browse")  # here too: a page can run without app.py
# Those who follow up change statuses and see customer ids as written; viewers read.
follows_up = can("follow_up")
filters = sidebar.sidebar_filters()
language = shared.lang()
counted = cache.load_follow_up_counts(filters)
if counted.empty:
    st.info(t("followup.empty"))
    st.stop()
model = shared.taxonomy()
stages = stage_detail.stage_names(model, language)
points = stage_detail.touchpoint_names(model, language)
SHOWN = 500  # rows in the editable table; the CSV holds them all


def status_name(status: str) -> str:
    """A status as the UI language says it; stored in English (open, contacted, resolved)."""
    return t(f"status.{status}") if status in followup.QUEUE_STATUSES else str(status)


counts = counted.groupby("status")["n"].sum()
for column, status in zip(st.columns(3), followup.QUEUE_STATUSES, strict=True):
    column.metric(status_name(status), format_number(int(counts.get(status, 0)), language))

cols = st.columns(4)
statuses = cols[0].multiselect(
    t("followup.status"),
    followup.QUEUE_STATUSES,
    default=["open", "contacted"],
    format_func=status_name,
    placeholder=t("widget.choose_options"),
)
chosen_stages = cols[1].multiselect(
    t("followup.stage"),
    list(stages),
    format_func=lambda k: stages.get(k, k),
    placeholder=t("widget.choose_options"),
)
chosen_points = cols[2].multiselect(
    t("followup.touchpoint"),
    list(points),
    format_func=lambda k: points.get(k, k),
    placeholder=t("widget.choose_options"),
)
owners = sorted(counted["owner"].unique())
chosen_owners = cols[3].multiselect(
    t("followup.owner"),
    owners,
    format_func=lambda o: o or t("followup.nobody"),
    placeholder=t("widget.choose_options"),
)
chosen = (tuple(statuses), tuple(chosen_stages), tuple(chosen_points), tuple(chosen_owners))
actions = cache.load_actions(tuple(chosen_stages))
for column, stage in zip(st.columns(max(len(chosen_stages), 1)), chosen_stages, strict=False):
    planned = int((actions["stage"] == stage).sum())
    label = t("actions.of_stage", stage=stages.get(stage, stage), n=planned)
    column.page_link("pages/actions.py", label=label, query_params={"stage": stage})
matching = cache.load_follow_up_counts(filters, chosen[1], chosen[2])
matching = followup.filter_queue(matching, statuses, (), (), chosen_owners)["n"].sum()
if not matching:
    st.info(t("followup.none_match"))
    st.stop()

opener: keys.InstallKeys | None = None
if follows_up:
    try:
        opener = shared.install_keys()
    except keys.KeysMissing as error:
        st.info(t("followup.no_key", error=shared.refusal(error)))
user = acting_user()
queue = cache.load_follow_up_queue(filters, chosen, limit=SHOWN, sealed=opener is not None)
if opener is not None:
    queue, opened, missing = keys.reveal_ids(queue, opener)
    if opened:
        details = {"ids": opened, "response_ids": queue["response_id"].tolist()}
        once = tuple(details["response_ids"])  # the same rows again are no new reveal
        shared.audit_ids(user, "reveal_ids", "follow-up queue", details, once=once)
    if missing and is_on("hash_customer_ids"):
        st.caption(t("followup.ids_not_sealed", n=format_number(missing, language)))
elif not follows_up:
    st.caption(t("followup.pseudonyms"))
editable = followup.queue_table(queue, stages, points, language)
caption = t("followup.count", n=format_number(int(matching), language))
if matching > len(editable):
    caption += t("followup.first", n=format_number(len(editable), language))
else:
    caption += "."
st.caption(caption + (" " + t("followup.how") if follows_up else ""))


def queue_csv(filters, chosen, opener, user) -> bytes:
    """Every matching row of the queue as CSV (read when the button is clicked), with the
    ids as written when `opener` is given; the download is audited."""
    everything = cache.load_follow_up_queue(filters, chosen, sealed=opener is not None)
    opened = 0
    if opener is not None:
        everything, opened, _ = keys.reveal_ids(everything, opener)
    details = {"rows": len(everything), "ids": opened}
    shared.audit_ids(user, "download_ids" if opened else "download", "follow-up queue", details)
    return followup.queue_csv(followup.queue_table(everything, stages, points, language))


text_column = st.column_config.TextColumn
edited = st.data_editor(
    shown(editable),
    column_config={
        "response_id": t("followup.col_response"),
        "submitted_at": t("followup.col_submitted"),
        "customer_id": text_column(t("followup.col_customer")),
        "stage": text_column(t("followup.stage")),
        "touchpoint": text_column(t("followup.touchpoint")),
        "nps": t("kpi.nps"),
        "csat": t("followup.col_csat"),
        "reason": text_column(t("followup.col_reason")),
        "comment": text_column(t("verbatim.comment"), width="large"),
        "language": text_column(t("followup.col_language")),
        "status": st.column_config.SelectboxColumn(
            t("followup.status"),
            options=list(followup.QUEUE_STATUSES),
            required=True,
            format_func=status_name,
        ),
        "owner": text_column(t("followup.owner")),
        "note": text_column(t("followup.col_note")),
        "updated_at": t("followup.col_updated"),
    },
    disabled=[
        c for c in editable.columns if c not in ("status", "owner", "note") or not follows_up
    ],
    hide_index=True,
    key=shared.editor_key("follow_up", editable["response_id"].tolist()),
    placeholder=MISSING,
)
if message := st.session_state.pop("_follow_up_saved", None):
    st.success(message)
left, right = st.columns([1, 3])
if follows_up and left.button(t("followup.save"), type="primary", key="save_follow_ups"):
    try:
        changes = followup.queue_changes(editable, edited, language)
    except ValueError as error:
        st.error(shared.refusal(error))
        st.stop()
    if changes.empty:
        st.info(t("followup.nothing"))
    else:
        saved = shared.save_follow_ups(changes, user)
        st.session_state["_follow_up_saved"] = t("followup.saved", n=format_number(saved, language))
        st.rerun()
right.download_button(
    t("followup.download"),
    partial(queue_csv, filters, chosen, opener, user),  # built on click: takes seconds
    file_name="follow-up.csv",
    mime="text/csv",
    key="follow_up_csv",
)
