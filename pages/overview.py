"""Journey overview: KPIs, the emotion curve across the stages and the journey canvas."""

import textwrap

import streamlit as st

from cxcore.actions import OPEN_STATUSES
from cxcore.analysis import journey, stage_detail
from cxcore.analysis.action_marks import mark_stage_actions
from cxcore.analysis.canvas import CATEGORY_MARKS, journey_canvas, pain_stages
from cxcore.analysis.compare import COMPARE_BY, compare_figure, group_filters, period_filters
from cxcore.analysis.handoffs import handoff_sentences
from cxcore.analysis.insights import marked_stages
from cxcore.analysis.kpis import curve_period
from cxcore.analysis.metrics import METRICS
from cxcore.i18n import format_number
from pages._action_form import plan_link
from pages._auth import require
from pages._cache import (
    load_actions,
    load_cell_summary,
    load_date_range,
    load_handoffs,
    load_kpi_row,
    load_stage_extremes,
    load_stage_summary,
    load_values_present,
)
from pages._shared import MISSING, chart, lang, plain, shown, t, taxonomy
from pages._sidebar import sidebar_filters


def shorten(text: str) -> str:
    return textwrap.shorten(text, width=140, placeholder=" …")


st.title(t("overview.title"))
require("browse")  # here too: a page can run without app.py
filters = sidebar_filters()
summary = load_stage_summary(filters)
if summary.empty:
    st.info(t("overview.empty"))
    st.stop()

language = lang()
kpi_row, period = load_kpi_row(filters)
st.caption(period)  # above the row: which days these figures cover
for column, kpi in zip(st.columns(len(kpi_row)), kpi_row.itertuples(), strict=True):
    column.metric(
        kpi.label,
        kpi.value,
        delta=kpi.delta,
        delta_color=kpi.delta_color,
        delta_arrow=kpi.delta_arrow,
    )
metric = (
    st.segmented_control(
        t("metric.label"),
        journey.scored_metrics(summary),
        default="sentiment",
        format_func=lambda m: t(f"metric.{m}"),
    )
    or "sentiment"
)
curve = journey.emotion_curve(summary, taxonomy(), metric=metric, lang=language)
overall = journey.overall_value(summary, metric)
cells = load_cell_summary(filters)
# Pain points, the same on the curve and the canvas: a stage or one of its touchpoints
# significantly below the rest of the journey (insights), a stage whose whole interval lies
# below the overall, or the lowest stage when it is below the overall.
pains = set(marked_stages(summary, cells, metric)) | pain_stages(curve, overall, METRICS[metric][1])
st.subheader(t("overview.curve"))
oldest, newest = load_date_range(filters)
st.caption(curve_period(filters.date_from, filters.date_to, oldest, newest, language))
event = chart(
    journey.curve_figure(
        curve,
        metric,
        overall=overall,
        lang=language,
        pain_points=sorted(pains),
    ),
    width="stretch",
    key="curve",
    on_select="rerun",
    selection_mode="points",
)
if clicked := stage_detail.selected_stage(curve, event.selection.points):
    st.switch_page("pages/stage.py", query_params={"stage": clicked})

# The journey canvas: lanes under the curve, one column per stage, as journey maps are drawn.
handoffs, evidence, _ = load_handoffs(filters, tuple(taxonomy().stage_keys()))
canvas = journey_canvas(
    curve,
    summary,
    cells,
    load_stage_extremes(filters),
    taxonomy(),
    pains,
    lang=language,
    actions=load_actions(statuses=OPEN_STATUSES),
    handoffs=handoffs if evidence.source else None,
)


def lane(label: str) -> list:
    label_column, *columns = st.columns([1.1] + [1] * len(canvas), gap="small")
    label_column.markdown(f"**{label}**")
    return columns


for column, stage in zip(lane(t("canvas.stage")), canvas.itertuples(), strict=True):
    # the whole name, wrapped between words in its narrow column (small: "Değerlendirme" is
    # wider than a column at 1,400 px; a link's label is cut to one line)
    column.markdown(f":small[**{plain(stage.name)}**]")
    column.page_link(
        "pages/stage.py",
        label=t("canvas.open_stage"),
        icon=":material/zoom_in:",
        query_params={"stage": stage.stage},
    )
for column, stage in zip(lane(t("canvas.figures")), canvas.itertuples(), strict=True):
    column.caption(
        t(
            "canvas.figures_line",
            n=format_number(stage.n, language),
            nps=format_number(stage.nps, language, sign=True),
            csat=format_number(stage.csat, language, suffix="%"),
            sentiment=format_number(stage.sentiment, language, 2, sign=True),
        )
    )
for column, stage in zip(lane(t("canvas.touchpoints")), canvas.itertuples(), strict=True):
    column.caption(
        "  \n".join(
            f"{CATEGORY_MARKS.get(p['category'], '')} {p['name']} "
            f"{format_number(p['share'] * 100, language, suffix='%')}"
            for p in stage.touchpoints
        )
        or "–"
    )
for polarity, mark, label in (("negative", "🔴", "canvas.bad"), ("positive", "🟢", "canvas.good")):
    for column, stage in zip(lane(t(label)), canvas.itertuples(), strict=True):
        voice = getattr(stage, polarity)
        column.caption(
            f"{mark} “{plain(shorten(voice['comment']))}” ({voice['language'] or '?'})"
            if voice
            else "–"
        )
for column, stage in zip(lane(t("canvas.pain")), canvas.itertuples(), strict=True):
    if stage.pain:
        # a small badge: in a narrow lane an alert box broke "Sorunlu" mid-word
        column.badge(t("canvas.pain"), icon=":material/warning:", color="red")
        # one short word: a link's label is cut to one line ("Naplánovat op…" in Czech)
        column.page_link(
            "pages/actions.py",
            label=t("canvas.plan"),
            icon=":material/add_task:",
            query_params=plan_link(stage.stage),
        )
for column, stage in zip(lane(t("canvas.actions")), canvas.itertuples(), strict=True):
    for title in stage.actions:
        column.page_link(
            "pages/actions.py", label=f"🚩 {plain(title)}", query_params={"stage": stage.stage}
        )
# Backstage: the internal handoffs of each stage, when the file gave any evidence of them.
unit = t(f"handoffs.unit_{evidence.metric}")
if evidence.source:
    for column, stage in zip(lane(t("canvas.handoffs")), canvas.itertuples(), strict=True):
        cell = stage.handoff
        if not cell:
            column.caption("–")
            continue
        lines = [
            t(
                f"canvas.handoff_{evidence.source}",
                share=format_number(cell["share"] * 100, language, suffix="%"),
                mean=format_number(cell["mean"], language, 1),
            )
        ]
        if cell["cost"] == cell["cost"]:  # too few with (or without) a handoff: no cost
            lines.append(
                t(
                    "canvas.handoff_cost_each"
                    if cell["per_handoff"]
                    else "canvas.handoff_cost_with",
                    cost=format_number(cell["cost"], language, 2, sign=True),
                    low=format_number(cell["low"], language, 2, sign=True),
                    high=format_number(cell["high"], language, 2, sign=True),
                    unit=unit,
                )
            )
        column.caption("  \n".join(lines))
        if cell["pain"]:
            column.error(t("canvas.handoff_pain"), icon=":material/swap_horiz:")
st.caption(t("canvas.legend"))
if evidence.source:
    names = stage_detail.stage_names(taxonomy(), language)
    for line in handoff_sentences(handoffs, evidence, names, language):
        st.caption(line)
else:
    st.caption(t(f"handoffs.none_{evidence.reason}"))

unassigned = int(summary.loc[summary["stage"] == "unassigned", "n"].sum())
placed = format_number(int(curve["n"].sum()), language)
st.caption(
    t("overview.placed", placed=placed)
    + (
        t("overview.unassigned", unassigned=format_number(unassigned, language))
        if unassigned
        else "."
    )
    + " "
    + t("overview.faded", min_n=journey.MIN_N)
)
st.dataframe(
    shown(
        curve[["name", "n", "value", "low", "high"]].rename(
            columns={
                "name": t("overview.col_stage"),
                "n": t("kpi.responses"),
                "value": t(f"metric.{metric}"),
                "low": t("overview.col_low"),
                "high": t("overview.col_high"),
            }
        ),
        decimals=0 if metric in ("nps", "csat") else 2,
    ),
    hide_index=True,
    placeholder=MISSING,
)

st.subheader(t("compare.title"))
by = st.segmented_control(
    t("compare.by"),
    list(COMPARE_BY),
    default="period",
    format_func=lambda key: t(f"compare.{key}"),
    key="compare_by",
)
if by == "period":
    groups = period_filters(filters, newest.date() if newest else None, language)
elif by is not None:
    counts = load_values_present(COMPARE_BY[by].removesuffix("s"))
    names = stage_detail.touchpoint_names(taxonomy(), language) if by == "touchpoint" else {}
    chosen = st.multiselect(
        t("compare.curves"),
        list(counts),
        default=list(counts)[:2],
        format_func=lambda v: f"{names.get(v, v)} · {format_number(counts[v], language)}",
        key=f"compare_{by}",
        placeholder=t("widget.choose_options"),
    )
    groups = [(names.get(v, v), group_filters(filters, by, v)) for v in chosen]
else:
    groups = []
if len(groups) < 2:
    st.info(t("compare.need_two"))
else:
    curves = {
        label: journey.emotion_curve(
            load_stage_summary(f), taxonomy(), metric=metric, lang=language
        )
        for label, f in groups
    }
    compared = compare_figure(curves, metric, language)
    marked = by == "period" and mark_stage_actions(
        compared,
        load_actions(),
        stage_detail.stage_names(taxonomy(), language),
        min(f.date_from for _, f in groups),
        max(f.date_to for _, f in groups),
        language,
    )
    chart(compared, width="stretch", key="compare")
    if marked:
        st.caption(t("compare.actions_marked"))
