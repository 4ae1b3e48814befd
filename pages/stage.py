"""One stage up close: KPIs, touchpoints, scores, trend, verbatims to re-tag, themes, paths."""

from dataclasses import replace

import streamlit as st

from cxcore.analysis import handoffs, stage_detail
from cxcore.analysis.journey import MIN_N
from cxcore.analysis.metrics import METRICS
from cxcore.i18n import format_number
from cxcore.palette import stage_colours
from pages import _cache as cache
from pages import _shared as shared
from pages import _sidebar as sidebar
from pages._action_form import plan_link
from pages._auth import require
from pages._report_files import export_stage
from pages._shared import chart, shown, t
from pages._verbatims import verbatim_section

st.title(t("stage.title"))
require("browse")  # here too: a page can run without app.py
filters = sidebar.sidebar_filters()
language = shared.lang()
taxonomy = shared.taxonomy()
stages = stage_detail.stage_names(taxonomy, language)
touchpoints = stage_detail.touchpoint_names(taxonomy, language)
stage = sidebar.stage_selector(list(stages), stages)
on_stage = replace(filters, stages=(stage,))
sums = cache.load_summary((), on_stage)
total = int(sums["n"].sum())
if not total:
    st.info(t("stage.empty", stage=stages[stage]))
    st.stop()

export_stage(stage, filters)
kpis = stage_detail.kpi_texts(stage_detail.stage_kpis_from(sums, language), language)
for column, kpi in zip(st.columns(len(kpis)), kpis.itertuples(), strict=True):
    column.metric(kpi.label, kpi.value)
    column.caption(kpi.detail)
if total < MIN_N:
    st.warning(t("stage.small_n", n=total, min_n=MIN_N))

left, right = st.columns(2)
with left:
    st.subheader(t("canvas.touchpoints"))
    rank = st.segmented_control(
        t("stage.rank_by"), ["n", "sentiment"], default="n", format_func=lambda r: t(f"rank.{r}")
    )
    table = stage_detail.touchpoint_table_from(
        cache.load_summary(("touchpoint",), on_stage), taxonomy, by=rank or "n", lang=language
    )
    chart(stage_detail.touchpoint_figure(table, language))
    st.dataframe(
        shown(
            table.drop(columns="touchpoint").rename(
                columns={
                    "name": t("map.touchpoint"),
                    "n": t("kpi.responses"),
                    "sentiment": t("chart.sentiment"),
                    "nps": t("kpi.nps"),
                }
            ),
            decimals={t("kpi.nps"): 0},
            signed=(t("chart.sentiment"), t("kpi.nps")),
        ),
        hide_index=True,
    )
with right:
    st.subheader(t("stage.recommend"))
    chart(stage_detail.nps_figure(stage_detail.nps_distribution_from(sums), language))
    metric = st.segmented_control(
        t("stage.trend_of"),
        list(METRICS),
        default="sentiment",
        format_func=lambda m: t(f"metric.{m}"),
    )
    metric = metric or "sentiment"
    actions = cache.load_actions((stage,))
    chart(
        stage_detail.trend_figure(
            stage_detail.weekly_trend_from(cache.load_summary(("day",), on_stage), metric),
            metric,
            language,
            stage_colours(taxonomy.stage_keys())[stage],
            actions=actions,
        )
    )
    if len(actions):
        st.caption(t("actions.on_trend"))
    links = st.columns(2)
    links[0].page_link("pages/actions.py", label=t("actions.plan"), query_params=plan_link(stage))
    links[1].page_link(
        "pages/actions.py",
        label=t("actions.of_stage", stage=stages[stage], n=len(actions)),
        query_params={"stage": stage},
    )

st.subheader(t("stage.said"))
responses = cache.load_stage_responses(stage, filters)
if len(responses) < total:
    st.caption(
        t(
            "stage.newest",
            shown=format_number(len(responses), language),
            total=format_number(total, language),
        )
    )
verbatim_section(responses, stages, touchpoints)

st.subheader(t("stage.handoffs"))
_, evidence, rows = cache.load_handoffs(filters)
on_this_stage = rows[rows["stage"] == stage] if len(rows) else rows
teams = handoffs.team_table(on_this_stage)
if len(teams):
    left, right = st.columns(2)
    left.dataframe(
        teams.rename(
            columns={
                "team": t("stage.team"),
                "n": t("kpi.responses"),
                "with_handoff": t("stage.passed_on"),
                "share": t("stage.share"),
                "mean": t("stage.mean_handoffs"),
            }
        ),
        hide_index=True,
        column_config={t("stage.share"): st.column_config.NumberColumn(format="percent")},
    )
    right.dataframe(
        handoffs.team_moves(rows, stage).rename(
            columns={
                "team": t("stage.team"),
                "next_team": t("stage.next_team"),
                "customers": t("stage.customers"),
            }
        ),
        hide_index=True,
    )
    st.caption(t("stage.teams_note"))
else:
    st.caption(t("stage.no_team"))
said = cache.load_handoff_comments(stage, filters)
if len(said):
    st.dataframe(
        said[["submitted_at", "comment", "handoff_words", "team"]].rename(
            columns={
                "submitted_at": t("stage.when"),
                "comment": t("stage.comment"),
                "handoff_words": t("stage.handoff_words"),
                "team": t("stage.team"),
            }
        ),
        hide_index=True,
    )
else:
    st.caption(t("stage.no_handoff_comments"))
if evidence.source is None:
    st.caption(t(f"handoffs.none_{evidence.reason}"))

st.subheader(t("stage.themes"))
kinds = {"word": t("stage.kind_word"), "phrase": t("stage.kind_phrase")}
themes = cache.load_stage_themes(stage, filters)
st.dataframe(
    shown(
        themes.assign(kind=themes["kind"].map(kinds).fillna(themes["kind"])).rename(
            columns={
                "language": t("filters.language"),
                "theme": t("stage.theme"),
                "kind": t("stage.kind"),
                "count": t("stage.count"),
                "sentiment": t("chart.sentiment"),
            }
        ),
        signed=(t("chart.sentiment"),),
    ),
    hide_index=True,
)
st.caption(t("stage.themes_note"))

st.subheader(t("stage.paths"))
sequence = cache.load_stage_paths(stage, filters)
came, went = stage_detail.neighbour_stages(sequence, stage, taxonomy, language)
left, right = st.columns(2)
for column, table, label in ((left, came, "stage.came_from"), (right, went, "stage.went_next")):
    column.dataframe(
        shown(
            table[["name", "count"]].rename(
                columns={"name": t(label), "count": t("stage.customers")}
            )
        ),
        hide_index=True,
    )
st.caption(t("stage.paths_note"))
