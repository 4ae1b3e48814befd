"""Journey overview: the emotion curve across the stages."""

import streamlit as st

from cxcore import journey
from cxcore import stage as stage_view
from cxcore.metrics import METRICS
from pages._shared import load_kpi_row, load_stage_summary, sidebar_filters, taxonomy

st.title("Customer journey")
filters = sidebar_filters()
summary = load_stage_summary(filters)
if summary.empty:
    st.info("No responses yet. Upload a survey export on the **Import** page to see its journey.")
    st.stop()

kpi_row, period = load_kpi_row(filters)
for column, kpi in zip(st.columns(len(kpi_row)), kpi_row.itertuples(), strict=True):
    column.metric(kpi.label, kpi.value, delta=kpi.delta, delta_color=kpi.delta_color)
st.caption(f"Period: {period}.")
metric = (
    st.segmented_control(
        "Metric", list(METRICS), default="sentiment", format_func=lambda m: METRICS[m][0]
    )
    or "sentiment"
)
curve = journey.emotion_curve(summary, taxonomy(), metric=metric)
overall = journey.overall_value(summary, metric)
st.subheader("Emotion curve")
event = st.plotly_chart(
    journey.curve_figure(curve, metric, overall=overall),
    width="stretch",
    key="curve",
    on_select="rerun",
    selection_mode="points",
)
if clicked := stage_view.selected_stage(curve, event.selection.points):
    st.switch_page("pages/stage.py", query_params={"stage": clicked})
links = st.columns(len(curve))
for column, key, name in zip(links, curve["stage"], curve["name"], strict=True):
    column.page_link("pages/stage.py", label=name, query_params={"stage": key})
unassigned = int(summary.loc[summary["stage"] == "unassigned", "n"].sum())
placed = int(curve["n"].sum())
st.caption(
    f"{placed:,} responses placed on a stage"
    + (f"; {unassigned:,} not yet placed (unassigned)." if unassigned else ".")
    + f" Stages with fewer than {journey.MIN_N} scored responses are drawn faded."
)
st.dataframe(
    curve[["name", "n", "value", "low", "high"]].rename(
        columns={
            "name": "Stage",
            "n": "Responses",
            "value": METRICS[metric][0],
            "low": "95% CI low",
            "high": "95% CI high",
        }
    ),
    hide_index=True,
)
