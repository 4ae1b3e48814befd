"""One stage up close: KPIs, touchpoints, scores, trend, verbatims to re-tag, themes, paths."""

import streamlit as st

from cxcore import stage as drill
from cxcore.journey import MIN_N
from cxcore.metrics import METRICS
from pages import _shared as shared
from pages._verbatims import verbatim_section

st.title("Stage drill-down")
filters = shared.sidebar_filters()
taxonomy = shared.taxonomy()
stages, touchpoints = drill.stage_names(taxonomy), drill.touchpoint_names(taxonomy)
stage = shared.stage_selector(list(stages), stages)
responses = shared.load_stage_responses(stage, filters)
if responses.empty:
    st.info(
        f"No responses at **{stages[stage]}** match these filters. Choose another stage, "
        "widen the period or surveys in the sidebar, or add a survey on the **Import** page."
    )
    st.stop()

kpis = drill.kpi_texts(drill.stage_kpis(responses))
for column, kpi in zip(st.columns(len(kpis)), kpis.itertuples(), strict=True):
    column.metric(kpi.label, kpi.value)
    column.caption(kpi.detail)
if len(responses) < MIN_N:
    st.warning(f"Only {len(responses)} responses (fewer than {MIN_N}): read these as hints.")

left, right = st.columns(2)
with left:
    st.subheader("Touchpoints")
    ranks = {"n": "Volume", "sentiment": "Sentiment, worst first"}
    rank = st.segmented_control("Rank by", list(ranks), default="n", format_func=ranks.get)
    table = drill.touchpoint_table(responses, taxonomy, by=rank or "n")
    st.plotly_chart(drill.touchpoint_figure(table))
    st.dataframe(table.drop(columns="touchpoint"), hide_index=True)
with right:
    st.subheader("Likelihood to recommend")
    st.plotly_chart(drill.nps_figure(drill.nps_distribution(responses)))
    label = {m: text for m, (text, _) in METRICS.items()}.get
    metric = st.segmented_control("Trend of", list(METRICS), default="sentiment", format_func=label)
    metric = metric or "sentiment"
    st.plotly_chart(drill.trend_figure(drill.weekly_trend(responses, metric), metric))

st.subheader("What customers said")
verbatim_section(responses, stages, touchpoints)

st.subheader("Themes")
st.dataframe(shared.load_stage_themes(stage, filters), hide_index=True)
st.caption("Words and two-word phrases by the number of comments using them; stop words removed.")

st.subheader("Where customers came from and went next")
sequence = shared.load_customer_stage_sequence(filters)
came, went = drill.neighbour_stages(sequence, stage, taxonomy)
left, right = st.columns(2)
left.dataframe(came[["name", "count"]].rename(columns={"name": "Came from"}), hide_index=True)
right.dataframe(went[["name", "count"]].rename(columns={"name": "Went next"}), hide_index=True)
st.caption("Previous and next stage of customers with responses at several stages.")
