"""Journey overview: KPIs, the emotion curve across the stages and the journey canvas."""

import math
import textwrap

import streamlit as st

from cxcore import journey
from cxcore import stage as stage_view
from cxcore.canvas import CATEGORY_MARKS, journey_canvas, pain_stages
from cxcore.compare import COMPARE_BY, compare_figure, group_filters, period_filters
from cxcore.metrics import METRICS
from pages._shared import (
    load_cell_summary,
    load_date_range,
    load_kpi_row,
    load_stage_extremes,
    load_stage_summary,
    load_values_present,
    plain,
    sidebar_filters,
    taxonomy,
)


def number(value: float, fmt: str) -> str:
    return "–" if math.isnan(value) else fmt.format(value).replace("-", "−")


def shorten(text: str) -> str:
    return textwrap.shorten(text, width=140, placeholder=" …")


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

# The journey canvas: lanes under the curve, one column per stage, as journey maps are drawn.
canvas = journey_canvas(
    curve,
    summary,
    load_cell_summary(filters),
    load_stage_extremes(filters),
    taxonomy(),
    pain_stages(curve, overall, METRICS[metric][1]),
)


def lane(label: str) -> list:
    label_column, *columns = st.columns([1.1] + [1] * len(canvas), gap="small")
    label_column.markdown(f"**{label}**")
    return columns


for column, stage in zip(lane("Stage"), canvas.itertuples(), strict=True):
    column.page_link("pages/stage.py", label=stage.name, query_params={"stage": stage.stage})
for column, stage in zip(lane("Key figures"), canvas.itertuples(), strict=True):
    column.caption(
        f"n={stage.n:,} · NPS {number(stage.nps, '{:+.0f}')} · "
        f"CSAT {number(stage.csat, '{:.0f}%')} · sentiment {number(stage.sentiment, '{:+.2f}')}"
    )
for column, stage in zip(lane("Touchpoints"), canvas.itertuples(), strict=True):
    column.caption(
        "  \n".join(
            f"{CATEGORY_MARKS.get(t['category'], '')} {t['name']} {t['share']:.0%}"
            for t in stage.touchpoints
        )
        or "–"
    )
for polarity, mark in (("negative", "🔴"), ("positive", "🟢")):
    label = "What customers say: " + ("the bad" if polarity == "negative" else "the good")
    for column, stage in zip(lane(label), canvas.itertuples(), strict=True):
        voice = getattr(stage, polarity)
        column.caption(
            f"{mark} “{plain(shorten(voice['comment']))}” ({voice['language'] or '?'})"
            if voice
            else "–"
        )
for column, stage in zip(lane("Pain point"), canvas.itertuples(), strict=True):
    if stage.pain:
        column.error("Pain point", icon=":material/warning:")
st.caption(
    "Touchpoints: 💻 digital, 🧑 human, 🏬 physical, with their share of the stage's responses. "
    "A pain point is a stage whose 95% interval lies below the journey's overall value, or "
    "the lowest stage when it is below the overall."
)
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

st.subheader("Compare curves")
by = st.segmented_control(
    "Compare by",
    list(COMPARE_BY),
    default="period",
    format_func={
        "period": "Period",
        "survey": "Survey",
        "touchpoint": "Channel",
        "segment": "Segment",
    }.__getitem__,
    key="compare_by",
)
if by == "period":
    newest = load_date_range(filters)[1]
    groups = period_filters(filters, newest.date() if newest else None)
elif by is not None:
    counts = load_values_present(COMPARE_BY[by].removesuffix("s"))
    names = stage_view.touchpoint_names(taxonomy()) if by == "touchpoint" else {}
    chosen = st.multiselect(
        "Curves",
        list(counts),
        default=list(counts)[:2],
        format_func=lambda v: f"{names.get(v, v)} · {counts[v]:,}",
        key=f"compare_{by}",
    )
    groups = [(names.get(v, v), group_filters(filters, by, v)) for v in chosen]
else:
    groups = []
if len(groups) < 2:
    st.info("Choose at least two curves to compare (the data may hold only one of this kind).")
else:
    curves = {
        label: journey.emotion_curve(load_stage_summary(f), taxonomy(), metric=metric)
        for label, f in groups
    }
    st.plotly_chart(compare_figure(curves, metric), width="stretch", key="compare")
