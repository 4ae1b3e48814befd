"""Touchpoint map: stage × touchpoint heatmap and the split by touchpoint category."""

import streamlit as st

from cxcore.analysis import touchpoints
from cxcore.analysis.journey import MIN_N, scored_metrics
from cxcore.i18n import text
from pages._auth import require
from pages._cache import load_cell_summary
from pages._shared import MISSING, chart, lang, shown, t, taxonomy
from pages._sidebar import sidebar_filters

st.title(t("map.title"))
require("browse")  # here too: a page can run without app.py
filters = sidebar_filters()
cells = load_cell_summary(filters)
if cells.empty:
    st.info(t("map.empty"))
    st.stop()

language = lang()


def category_name(category: str | None) -> str:
    # the unassigned row has no category (NaN, which is truthy): "–", not "category.nan"
    return text(f"category.{category}", language) if isinstance(category, str) else "–"


metric = (
    st.segmented_control(
        t("metric.label"),
        scored_metrics(cells, touchpoints.MAP_METRICS),
        default="sentiment",
        format_func=lambda m: t(f"metric.{m}"),
        key="map_metric",
    )
    or "sentiment"
)
metric_name = t(f"metric.{metric}")
model = taxonomy()
table = touchpoints.cell_table(cells, model, metric, language)
st.subheader(t("map.heatmap"))
chart(touchpoints.heatmap_figure(table, model, metric, language), width="stretch")
st.caption(t("map.cells", metric=metric_name, min_n=MIN_N))

st.subheader(t("map.categories"))
categories = touchpoints.category_table(cells, model, metric)
left, right = st.columns([2, 3])
with left:
    chart(touchpoints.category_figure(categories, metric, language), width="stretch")
right.dataframe(
    shown(
        categories.assign(
            category=[text(f"category.{c}", language) for c in categories["category"]]
        ).rename(
            columns={
                "category": t("map.category"),
                "n": t("kpi.responses"),
                "value": metric_name,
                "n_metric": t("map.scored"),
            }
        )
    ),
    hide_index=True,
    placeholder=MISSING,
)
with st.expander(t("map.every_cell")):
    every_cell = table.assign(category=[category_name(c) for c in table["category"]])
    st.dataframe(
        shown(
            every_cell[
                ["stage_name", "touchpoint_name", "category", "n", "value", "low", "high"]
            ].rename(
                columns={
                    "stage_name": t("overview.col_stage"),
                    "touchpoint_name": t("map.touchpoint"),
                    "category": t("map.category"),
                    "n": t("kpi.responses"),
                    "value": metric_name,
                    "low": t("overview.col_low"),
                    "high": t("overview.col_high"),
                }
            )
        ),
        hide_index=True,
        placeholder=MISSING,
    )
