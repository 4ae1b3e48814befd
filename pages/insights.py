"""Insights: pain points, moments of truth, channel hopping and what changed."""

import streamlit as st

from cxcore.analysis import insights, kpis, stage_detail
from cxcore.analysis.action_marks import actions_gone_live
from cxcore.analysis.journey import MIN_N
from cxcore.i18n import format_number
from pages import _cache as cache
from pages import _shared as shared
from pages import _sidebar as sidebar
from pages._action_form import plan_link
from pages._auth import require
from pages._shared import MISSING, chart, shown, t

st.title(t("insights.title"))
require("browse")  # here too: a page can run without app.py
filters = sidebar.sidebar_filters()
language = shared.lang()
summary = cache.load_stage_summary(filters)
if summary.empty:
    st.info(t("insights.empty"))
    st.stop()
model = shared.taxonomy()
stages = stage_detail.stage_names(model, language)
points = stage_detail.touchpoint_names(model, language)
found = cache.load_insight_frames(filters)


def table(frame) -> None:
    """An insight table with names for keys and headers in the UI language; none when empty
    (the sentence above it says so; an empty grid would show Streamlit's English "empty")."""
    if frame.empty:
        return
    named = insights.written_by_metric(insights.named(frame, stages, points), language)
    st.dataframe(
        shown(named, decimals={"p": 3, "q": 3, "p_value": 3}),
        hide_index=True,
        column_config=insights.column_labels(frame.columns, language),
        placeholder=MISSING,
    )


st.subheader(t("insights.pain_points"))
voiced = found["pain_points"]
if voiced.empty:
    st.info(t("insights.no_pain", min_n=MIN_N))
actions = cache.load_actions()
sentences = insights.pain_point_sentences(voiced, stages, points, language)
for rank, (sentence, pain) in enumerate(zip(sentences, voiced.itertuples(), strict=True)):
    with st.expander(f"{rank + 1}. {sentence}", expanded=rank == 0):
        themes = shared.plain(", ".join(pain.themes)) or "–"
        st.markdown(t("insights.themes", themes=themes))
        for comment in pain.verbatims:
            st.markdown(f"> {shared.plain(comment)}")
        point = pain.touchpoint if isinstance(pain.touchpoint, str) else None
        left, right = st.columns(2)
        asked = plan_link(pain.stage, point, pain.metric)
        left.page_link("pages/actions.py", label=t("actions.plan"), query_params=asked)
        planned = int((actions["stage"] == pain.stage).sum())
        right.page_link(
            "pages/actions.py",
            label=t("actions.of_stage", stage=stages.get(pain.stage, pain.stage), n=planned),
            query_params={"stage": pain.stage},
        )
possible = insights.possible_pain_points(summary)
for sentence in insights.possible_pain_point_sentences(possible, stages, language):
    st.warning(sentence, icon=":material/help:")
st.caption(t("insights.pain_note"))

sample = found["sample"].iloc[0]
if summary["n"].sum() > cache.INSIGHT_CUSTOMERS:
    st.caption(
        t(
            "insights.sample",
            customers=format_number(int(sample["customers"]), language),
            responses=format_number(int(sample["responses"]), language),
        )
    )

st.subheader(t("insights.moments"))
lines = [
    line
    for factor, names in (("stage", stages), ("touchpoint", points))
    for line in insights.driver_sentences(found[f"{factor}_drivers"], names, language)
]
for line in lines:
    st.markdown(f"- {line}")
if not lines:
    st.info(t("insights.no_moments", min_bad=insights.MIN_BAD))
st.caption(t("insights.moments_note"))

st.subheader(t("insights.hopping"))
links = found["links"]
if links.empty:
    st.info(t("insights.no_hopping"))
else:
    chart(insights.sankey_figure(links, points, language), width="stretch", key="hops")
    grouped = insights.sankey_grouped_sentence(links, lang=language)
    if grouped:
        st.caption(grouped)
    repeats = found["repeats"]
    for line in insights.repeat_sentences(repeats, points, lang=language):
        st.markdown(f"- {line}")
    left, right = st.columns([3, 1])
    with left:
        table(repeats)
    with right:
        table(found["steps"])
    with st.expander(t("insights.every_path")):
        table(found["paths"])

st.subheader(t("insights.changed"))
newest = cache.load_date_range(filters)[1]
period = kpis.current_period(filters.date_from, filters.date_to, newest.date() if newest else None)
if period is None:
    st.info(t("insights.no_dates"))
    st.stop()
left, right = st.columns(2)
date_format = sidebar.date_input_format(language)
now = left.date_input(t("insights.this_period"), period, format=date_format, key="movers_now")
then = right.date_input(
    t("insights.against"), kpis.previous_period(*period), format=date_format, key="movers_then"
)
if len(now) != 2 or len(then) != 2:
    st.info(t("insights.choose_days"))
    st.stop()
movers = insights.movers(
    cache.load_period_summaries(filters, *then), cache.load_period_summaries(filters, *now)
)
changes = insights.mover_sentences(movers, stages, points, language)
for line in changes or [t("insights.no_change", min_n=format_number(MIN_N, language))]:
    st.markdown(f"- {line}")
# The actions that went live in the two periods, by stage: what may explain a change.
first, last = min(then[0], now[0]), max(then[1], now[1])
for stage, lines in actions_gone_live(actions, stages, first, last, language).items():
    st.markdown(f"- 🚩 {shared.plain(stages[stage])}: {shared.plain('; '.join(lines))}")
table(movers)
