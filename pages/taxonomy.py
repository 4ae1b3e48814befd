"""Journey model: edit stages and touchpoints, save the YAML and re-tag every response."""

import streamlit as st

from cxcore import pipeline
from cxcore import taxonomy as tx
from cxcore import taxonomy_tables as tables
from cxcore.filters import Filters
from pages._auth import acting_user, can, require
from pages._shared import engine, load_stage_summary, taxonomy

st.title("Journey model")
require("edit_taxonomy", "edit the journey model")
if done := st.session_state.pop("model_done", None):
    st.success(done)
model, path = taxonomy(), tx.active_taxonomy_path()
st.caption(f"File: `{path}`" + ("" if path.is_file() else " (not saved yet: the shipped model)"))
editable = {"num_rows": "dynamic", "hide_index": True}
order = st.column_config.NumberColumn("Order", step=1)
st.subheader("Stages")
stages = st.data_editor(
    tables.stages_table(model), key="stages", column_config={"order": order}, **editable
)
st.subheader("Touchpoints")
st.caption("Channels and words: comma-separated; a word may carry a weight (`fatura*: 4`).")
touchpoints = st.data_editor(
    tables.touchpoints_table(model),
    key="touchpoints",
    column_config={
        "order": order,
        "category": st.column_config.SelectboxColumn("Category", options=tx.CATEGORIES),
        "usual_stage": st.column_config.SelectboxColumn(options=["", *model.stage_keys()]),
    },
    **editable,
)
try:
    edited = tables.taxonomy_from_tables(model, stages, touchpoints)
except tx.TaxonomyError as error:
    st.error(str(error))
    edited = None
held = load_stage_summary(Filters()).set_index("stage")["n"]
moves = {
    key: st.selectbox(
        f"The removed stage '{model.stage(key).name()}' holds {n:,} responses. Move them to",
        [*edited.stage_keys(), "unassigned"],
        key=f"move-{key}",
    )
    for key, n in (tables.stages_to_move(model, edited, held) if edited else {}).items()
}
save, reload, download = st.columns(3)
allowed = edited is not None and can("edit_taxonomy")  # checked here too, not only by the menu
if save.button("Save and re-tag", type="primary", disabled=not allowed) and edited:
    bar = st.progress(0.0, "Placing responses on the journey")
    summary = pipeline.apply_taxonomy(
        engine(), edited, moves=moves, progress=bar.progress, user=acting_user()
    )
    st.session_state["model_done"] = (
        f"Saved. {summary.moved_stage:,} responses moved stage, "
        f"{summary.moved_touchpoint:,} moved touchpoint."
    )
if reload.button("Reload from file") or "model_done" in st.session_state:
    for widget in ("stages", "touchpoints"):
        st.session_state.pop(widget, None)
    st.rerun()
download.download_button("Download YAML", tx.dump_taxonomy(model), "taxonomy.yaml")

st.subheader("Sentiment")
st.caption("After the sentiment analyzer or a lexicon in `cxcore/data/sentiment/` changed.")
if st.button("Re-score every comment", disabled=not can("rescore")):
    bar = st.progress(0.0, "Scoring comments")
    count = pipeline.rescore_responses(engine(), progress=bar.progress, user=acting_user())
    st.success(f"Re-scored {count:,} responses.")
