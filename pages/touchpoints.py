"""Touchpoint map: stage × touchpoint heatmap and the split by touchpoint category."""

import streamlit as st

from cxcore import touchpoints
from cxcore.journey import MIN_N
from cxcore.metrics import METRICS
from pages._shared import load_cell_summary, sidebar_filters, taxonomy

st.title("Touchpoint map")
filters = sidebar_filters()
cells = load_cell_summary(filters)
if cells.empty:
    st.info("No responses yet. Upload a survey export on the **Import** page to see its map.")
    st.stop()

metric = (
    st.segmented_control(
        "Metric",
        list(touchpoints.MAP_METRICS),
        default="sentiment",
        format_func=lambda m: METRICS[m][0],
        key="map_metric",
    )
    or "sentiment"
)
model = taxonomy()
table = touchpoints.cell_table(cells, model, metric)
st.subheader("Where customers meet us, stage by stage")
st.plotly_chart(touchpoints.heatmap_figure(table, model, metric), width="stretch")
st.caption(
    f"Each cell: {METRICS[metric][0].lower()} and the number of responses. Cells with fewer "
    f"than {MIN_N} scored responses are faded and marked “·”: too few to judge."
)

st.subheader("Digital, human and physical touchpoints")
categories = touchpoints.category_table(cells, model, metric)
left, right = st.columns([2, 3])
left.plotly_chart(touchpoints.category_figure(categories, metric), width="stretch")
right.dataframe(
    categories.rename(
        columns={
            "category": "Category",
            "n": "Responses",
            "value": METRICS[metric][0],
            "n_metric": "Scored",
        }
    ),
    hide_index=True,
)
with st.expander("Every cell as a table"):
    st.dataframe(
        table[["stage_name", "touchpoint_name", "category", "n", "value", "low", "high"]].rename(
            columns={
                "stage_name": "Stage",
                "touchpoint_name": "Touchpoint",
                "category": "Category",
                "n": "Responses",
                "value": METRICS[metric][0],
                "low": "95% CI low",
                "high": "95% CI high",
            }
        ),
        hide_index=True,
    )
