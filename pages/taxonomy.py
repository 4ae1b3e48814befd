"""Journey model: edit stages and touchpoints, save the YAML and re-tag every response."""

import streamlit as st

from cxcore.filters import Filters
from cxcore.i18n import UI_LANGUAGES, format_number
from cxcore.ingest import pipeline
from cxcore.text import journey_models
from cxcore.text import taxonomy as tx
from cxcore.text import taxonomy_tables as tables
from pages._auth import acting_user, can, require
from pages._cache import load_stage_summary
from pages._shared import MISSING, engine, lang, refusal, step, t, taxonomy, while_writing

st.title(t("model.title"))
require("edit_taxonomy")
language = lang()
if done := st.session_state.pop("model_done", None):
    st.success(done)


model, path = taxonomy(), tx.active_taxonomy_path()
st.caption(t("model.file", path=path) + ("" if path.is_file() else t("model.shipped")))

st.subheader(t("model.start"))
st.caption(t("model.start_note"))
models = journey_models.JOURNEY_MODELS
pick, use = st.columns([3, 2], vertical_alignment="bottom")
chosen = pick.selectbox(
    t("model.industry"),
    list(models),
    index=list(models).index(journey_models.shipped_key(model) or journey_models.DEFAULT_MODEL),
    format_func=lambda key: models[key].name(language),
    placeholder=t("widget.choose_one"),
)
if use.button(t("model.use"), disabled=not can("edit_taxonomy")):
    with st.spinner(t("model.placing")), while_writing():
        summary = pipeline.use_journey_model(engine(), chosen, user=acting_user())
    st.session_state["model_done"] = t(
        "model.started",
        name=models[chosen].name(language),
        stage=format_number(summary.moved_stage, language),
        touchpoint=format_number(summary.moved_touchpoint, language),
    )
    st.rerun()

stage_names = {key: model.stage(key).name(language) for key in model.stage_keys()}
editable = {"num_rows": "dynamic", "hide_index": True}
text_column = st.column_config.TextColumn
names = {
    f"name_{code}": text_column(t("model.name_in", language=UI_LANGUAGES.get(code, code)))
    for code in tx.LANGUAGES
}
common = {
    "order": st.column_config.NumberColumn(t("model.order"), step=1),
    "key": text_column(t("model.key"), help=t("model.key_help")),
    **names,
}
st.subheader(t("model.stages"))
stages = st.data_editor(
    tables.stages_table(model), key="stages", column_config=common, **editable, placeholder=MISSING
)
st.subheader(t("model.touchpoints"))
st.caption(t("model.words_note"))
touchpoints = st.data_editor(
    tables.touchpoints_table(model),
    key="touchpoints",
    column_config={
        **common,
        "category": st.column_config.SelectboxColumn(
            t("model.category"),
            options=tx.CATEGORIES,
            format_func=lambda c: t(f"category.{c}") if c in tx.CATEGORIES else str(c),
        ),
        "usual_stage": st.column_config.SelectboxColumn(
            t("model.usual_stage"),
            options=["", *model.stage_keys()],
            format_func=lambda k: stage_names.get(k, k) if k else "—",
        ),
        "channels": text_column(t("model.channels"), help=t("model.channels_help")),
        **{
            f"words_{code}": text_column(t("model.words_in", language=UI_LANGUAGES.get(code, code)))
            for code in tx.LANGUAGES
        },
    },
    **editable,
    placeholder=MISSING,
)
try:
    edited = tables.taxonomy_from_tables(model, stages, touchpoints, language)
except tx.TaxonomyError as error:
    st.error(refusal(error))
    edited = None
held = load_stage_summary(Filters()).set_index("stage")["n"]
moves = {
    key: st.selectbox(
        t(
            "model.move",
            name=model.stage(key).name(language),
            n=format_number(n, language),
        ),
        [*edited.stage_keys(), "unassigned"],
        format_func=lambda k: (
            t("model.unassigned") if k == "unassigned" else edited.stage(k).name(language)
        ),
        key=f"move-{key}",
        placeholder=t("widget.choose_one"),
    )
    for key, n in (tables.stages_to_move(model, edited, held) if edited else {}).items()
}
save, reload, download = st.columns(3)
allowed = edited is not None and can("edit_taxonomy")  # checked here too, not only by the menu
if save.button(t("model.save"), type="primary", disabled=not allowed) and edited:
    bar = st.progress(0.0, t("model.placing"))
    with while_writing():
        summary = pipeline.apply_taxonomy(
            engine(),
            edited,
            moves=moves,
            progress=lambda f, m: bar.progress(f, step(m)),
            user=acting_user(),
        )
    st.session_state["model_done"] = t(
        "model.saved",
        stage=format_number(summary.moved_stage, language),
        touchpoint=format_number(summary.moved_touchpoint, language),
    )
if reload.button(t("model.reload")) or "model_done" in st.session_state:
    for widget in ("stages", "touchpoints"):
        st.session_state.pop(widget, None)
    st.rerun()
download.download_button(t("model.download"), tx.dump_taxonomy(model), "taxonomy.yaml")

st.subheader(t("model.sentiment"))
st.caption(t("model.sentiment_note"))
if st.button(t("model.rescore"), disabled=not can("rescore")):
    bar = st.progress(0.0, t("model.scoring"))
    with while_writing():
        count = pipeline.rescore_responses(
            engine(), progress=lambda f, m: bar.progress(f, step(m)), user=acting_user()
        )
    st.success(t("model.rescored", n=format_number(count, language)))
