"""Actions: the fixes decided on the journey, who owns them, and whether they worked."""

from functools import partial

import streamlit as st

import db
from cxcore.actions import ACTION_STATUSES, ActionError
from cxcore.analysis import effect_wording, stage_detail
from cxcore.analysis.effects import DEFAULT_WEEKS
from pages import _cache as cache
from pages import _shared as shared
from pages import _sidebar as sidebar
from pages._action_form import action_form, asked_for, forget_plan
from pages._auth import acting_user, can, require
from pages._shared import MISSING, shown, t

st.title(t("actions.title"))
require("browse")  # here too: a page can run without app.py
asked = asked_for()  # before the sidebar rewrites the URL
filters = sidebar.sidebar_filters()
language = shared.lang()
model = shared.taxonomy()
stages = stage_detail.stage_names(model, language)
points = stage_detail.touchpoint_names(model, language)
editor = can("plan_actions")
if message := st.session_state.pop("_action_saved", None):
    st.success(message)


def save(change, done: str) -> None:
    """Store an action or an edit; a refusal is shown, a success after the rerun."""
    try:
        with shared.while_writing():
            change()
    except ActionError as error:
        st.error(str(error))
        return
    st.session_state["_action_saved"] = done
    forget_plan()
    st.rerun()


if editor:
    with st.expander(t("actions.new"), expanded=asked["new"]):
        values = action_form("new_action", stages, points, asked)
    if values is not None:
        save(
            partial(db.add_action, shared.engine(), values, user=acting_user()), t("actions.added")
        )
else:
    st.caption(t("actions.viewer"))

cols = st.columns(4)
asked_stages = [asked["show_stage"]] if asked["show_stage"] in stages else []
chosen_stages = cols[0].multiselect(
    t("action_column.stage"),
    list(stages),
    default=asked_stages,
    format_func=stages.get,
    placeholder=t("widget.choose_options"),
)
chosen_statuses = cols[1].multiselect(
    t("action_column.status"),
    ACTION_STATUSES,
    format_func=lambda s: t(f"action_status.{s}"),
    placeholder=t("widget.choose_options"),
)
weeks = (
    int(cols[2].number_input(t("actions.weeks_before"), 1, 52, DEFAULT_WEEKS)),
    int(cols[3].number_input(t("actions.weeks_after"), 1, 52, DEFAULT_WEEKS)),
)
found = cache.load_action_effects(filters, tuple(chosen_stages), tuple(chosen_statuses), weeks)
if found.empty:
    st.info(t("actions.none"))
    st.stop()
table = effect_wording.actions_table(found, stages, points, language)
st.dataframe(
    shown(table),
    hide_index=True,
    column_config={c: t(f"action_column.{c}") for c in table.columns},
    placeholder=MISSING,
)
st.caption(t("actions.how"))

for row in found.itertuples(index=False):
    status = t(f"action_status.{row.status}")
    with st.expander(f"{shared.plain(row.title)} · {stages.get(row.stage, row.stage)} · {status}"):
        st.markdown(shared.plain(effect_wording.effect_sentence(row, stages, points, language)))
        if said := effect_wording.progress_sentence(row, language):
            st.markdown(shared.plain(said))
        history = cache.load_action_history(int(row.id))
        st.dataframe(
            shown(effect_wording.history_table(history, stages, points, language)),
            hide_index=True,
            column_config={
                "at": t("actions.history_at"),
                "user": t("actions.history_user"),
                "field": t("actions.history_field"),
                "old": t("actions.history_old"),
                "new": t("actions.history_new"),
            },
            placeholder=MISSING,
        )
        if editor:
            edited = action_form(f"edit_{row.id}", stages, points, row._asdict())
            if edited is not None:
                edit = partial(db.edit_action, shared.engine(), int(row.id), edited)
                save(partial(edit, user=acting_user()), t("actions.edited"))
