"""One stage up close: KPIs, touchpoints, scores, trend, verbatims to re-tag, themes, paths."""

import streamlit as st

from cxcore.analysis import stage_detail
from cxcore.analysis.journey import MIN_N, scored_metrics
from cxcore.i18n import format_number
from cxcore.palette import stage_colours
from pages import _cache as cache
from pages import _shared as shared
from pages import _sidebar as sidebar
from pages import _stage_cache as stage_cache
from pages._action_form import plan_link
from pages._auth import require
from pages._report_files import export_stage
from pages._shared import MISSING, chart, shown, t
from pages._verbatims import verbatim_section

st.title(t("stage.title"))
require("browse")  # here too: a page can run without app.py
filters = sidebar.sidebar_filters()
language = shared.lang()
taxonomy = shared.taxonomy()
stages = stage_detail.stage_names(taxonomy, language)
touchpoints = stage_detail.touchpoint_names(taxonomy, language)
stage = sidebar.stage_selector(list(stages), stages)
total, kpis = stage_cache.load_kpis(stage, filters)
if not total:
    st.info(t("stage.empty", stage=stages[stage]))
    st.stop()

export_stage(stage, filters)
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
    table, figure = stage_cache.load_touchpoints(stage, filters, rank or "n")
    chart(figure)
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
        placeholder=MISSING,
    )
with right:
    st.subheader(t("stage.recommend"))
    chart(stage_cache.load_nps_figure(stage, filters))
    metric = st.segmented_control(
        t("stage.trend_of"),
        scored_metrics(cache.load_stage_summary(filters)),
        default="sentiment",
        format_func=lambda m: t(f"metric.{m}"),
    )
    metric = metric or "sentiment"
    actions = cache.load_actions((stage,))
    colour = stage_colours(taxonomy.stage_keys())[stage]
    chart(stage_cache.load_trend_figure(stage, filters, metric, colour, actions))
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
choices = stage_cache.load_verbatim_choices(stage, filters)
if choices.n < total:
    st.caption(
        t(
            "stage.newest",
            shown=format_number(choices.n, language),
            total=format_number(total, language),
        )
    )
verbatim_section(stage, filters, choices, stages, touchpoints)

st.subheader(t("stage.handoffs"))
teams, moves, evidence = stage_cache.load_handoff_tables(stage, filters)
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
        placeholder=MISSING,
    )
    right.dataframe(
        moves.rename(
            columns={
                "team": t("stage.team"),
                "next_team": t("stage.next_team"),
                "customers": t("stage.customers"),
            }
        ),
        hide_index=True,
        placeholder=MISSING,
    )
    st.caption(t("stage.teams_note"))
else:
    st.caption(t("stage.no_team"))
said = cache.load_handoff_comments(stage, filters)
if len(said):
    st.dataframe(
        shown(
            said[["submitted_at", "comment", "handoff_words", "team"]].rename(
                columns={
                    "submitted_at": t("stage.when"),
                    "comment": t("stage.comment"),
                    "handoff_words": t("stage.handoff_words"),
                    "team": t("stage.team"),
                }
            )
        ),
        hide_index=True,
        placeholder=MISSING,
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
    placeholder=MISSING,
)
st.caption(t("stage.themes_note"))

st.subheader(t("stage.paths"))
came, went = stage_cache.load_neighbours(stage, filters)
left, right = st.columns(2)
for column, table, label in ((left, came, "stage.came_from"), (right, went, "stage.went_next")):
    if table.empty:  # a sentence, not Streamlit's English "empty" in a blank grid
        column.caption(t(f"{label}_none"))
        continue
    column.dataframe(
        shown(
            table[["name", "count"]].rename(
                columns={"name": t(label), "count": t("stage.customers")}
            )
        ),
        hide_index=True,
        placeholder=MISSING,
    )
st.caption(t("stage.paths_note"))
