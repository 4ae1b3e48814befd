"""Insights: pain points, moments of truth, channel hopping and what changed."""

import streamlit as st

from cxcore import insights, kpis
from cxcore import stage as stage_view
from cxcore.journey import MIN_N
from pages import _shared as shared
from pages._auth import require

st.title("Insights")
require("browse", "see the insights")  # here too: a page can run without app.py
filters = shared.sidebar_filters()
summary = shared.load_stage_summary(filters)
if summary.empty:
    st.info(
        "No responses yet. Import a survey export on the **Import** page to find its pain points."
    )
    st.stop()
model = shared.taxonomy()
stages, points = stage_view.stage_names(model), stage_view.touchpoint_names(model)
found = shared.load_insight_frames(filters)

st.subheader("Pain points")
voiced = found["pain_points"]
if voiced.empty:
    st.info(
        f"No stage or touchpoint is clearly below the journey as a whole (each needs {MIN_N} "
        "scored responses). Widen the period or the surveys in the sidebar."
    )
sentences = insights.pain_point_sentences(voiced, stages, points)
for rank, (sentence, pain) in enumerate(zip(sentences, voiced.itertuples(), strict=True)):
    with st.expander(f"{rank + 1}. {sentence}", expanded=rank == 0):
        st.markdown("**Themes:** " + (shared.plain(", ".join(pain.themes)) or "–"))
        for comment in pain.verbatims:
            st.markdown(f"> {shared.plain(comment)}")
st.caption(
    "Each stage and stage × touchpoint against the rest of the journey (z-tests, false "
    "discovery rate 5%), ranked by impact: responses × how far below. Marked on the Journey page."
)

st.subheader("Moments of truth")
lines = [
    line
    for factor, names in (("stage", stages), ("touchpoint", points))
    for line in insights.driver_sentences(found[f"{factor}_drivers"], names)
]
for line in lines:
    st.markdown(f"- {line}")
if not lines:
    st.info(
        "Moments of truth need customers who answered at several stages (a customer ID column) "
        f"with an NPS score, and {insights.MIN_BAD} bad experiences at a stage."
    )
st.caption(
    "Customers' own NPS against a bad experience (negative comment or CSAT 1–2) at each "
    "stage or touchpoint: OLS with robust 95% intervals."
)

st.subheader("Channel hopping")
links = found["links"]
if links.empty:
    st.info("No customer answered more than once: channel hopping needs a customer ID column.")
else:
    st.plotly_chart(insights.sankey_figure(links, points), width="stretch", key="hops")
    repeats = found["repeats"]
    for line in insights.repeat_sentences(repeats, points):
        st.markdown(f"- {line}")
    left, right = st.columns([3, 1])
    left.dataframe(insights.named(repeats, stages, points), hide_index=True)
    right.dataframe(found["steps"], hide_index=True)
    with st.expander("Every path, with sentiment before and after the move"):
        st.dataframe(insights.named(found["paths"], stages, points), hide_index=True)

st.subheader("What changed")
newest = shared.load_date_range(filters)[1]
period = kpis.current_period(filters.date_from, filters.date_to, newest.date() if newest else None)
if period is None:
    st.info("No dated responses: what changed needs a date column.")
    st.stop()
left, right = st.columns(2)
now = left.date_input("This period", period, format="YYYY-MM-DD", key="movers_now")
then = right.date_input(
    "Against", kpis.previous_period(*period), format="YYYY-MM-DD", key="movers_then"
)
if len(now) != 2 or len(then) != 2:
    st.info("Choose the first and the last day of both periods.")
    st.stop()
movers = insights.movers(
    shared.load_period_summaries(filters, *then), shared.load_period_summaries(filters, *now)
)
changes = insights.mover_sentences(movers, stages, points)
for line in changes or [f"No significant change (each needs {MIN_N} scored responses in both)."]:
    st.markdown(f"- {line}")
st.dataframe(insights.named(movers, stages, points), hide_index=True)
