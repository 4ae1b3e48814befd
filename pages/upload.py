"""Import a survey export: check the mapping, preview, import, see the summary."""

import hashlib

import streamlit as st

import db
from cxcore import fields as F
from cxcore import mapping as mapping_rules
from cxcore import pipeline
from cxcore.errors import SurveyFileError
from cxcore.reading import list_sheets
from pages._auth import acting_user, require
from pages._shared import engine, once_per_session, plain, taxonomy

st.title("Import a survey")
require("upload")
st.write(
    "Upload an export from Qualtrics, SurveyMonkey, Google Forms, Typeform, Zendesk, "
    "Delighted, Microsoft Forms or Excel (CSV, TSV, TXT or XLSX, any encoding)."
)
upload = st.file_uploader("Survey file", type=["csv", "tsv", "txt", "xlsx"])
if upload is None:
    st.stop()

data = upload.getvalue()
file_key = hashlib.sha1(data).hexdigest()[:12]
done = st.session_state.get("last_import")
if done and done["file"] == file_key:
    st.success(
        f"Imported {done['accepted']:,} of {done['rows']:,} rows "
        f"({done['rejected']:,} rejected, {done['duplicates']:,} duplicates skipped). "
        "The journey now includes this survey."
    )
    rejected = done["rejections"]
    if len(rejected):
        st.warning(f"{len(rejected):,} rows were rejected; they are kept with the import.")
        st.dataframe(rejected, hide_index=True)
        st.download_button(
            "Download rejected rows (CSV)",
            rejected.to_csv(index=False).encode("utf-8-sig"),
            file_name=f"rejected-{upload.name}.csv",
            mime="text/csv",
        )
    st.page_link("pages/overview.py", label="See the journey", icon=":material/route:")
    st.stop()

sheets = list_sheets(data, upload.name)
sheet = st.selectbox("Sheet", sheets) if len(sheets) > 1 else None
try:
    table, suggested = once_per_session(
        "read",
        (file_key, sheet),
        lambda: pipeline.read_and_map(data, upload.name, engine=engine(), sheet=sheet),
    )
except SurveyFileError as error:
    st.error(plain(str(error)))  # messages quote file and column names
    st.stop()

st.caption(
    f"{len(table.frame):,} rows · layout: {table.layout} · encoding: {table.encoding}"
    + (f" · delimiter: {table.delimiter!r}" if table.delimiter else "")
)
col_survey, col_stage = st.columns(2)
survey = col_survey.text_input("Survey name", value=upload.name.rsplit(".", 1)[0])
stage_keys = ["", *taxonomy().stage_keys()]
survey_stage = (
    col_stage.selectbox(
        "This survey is about the stage (for responses the file does not place)",
        stage_keys,
        format_func=lambda k: taxonomy().stage(k).name() if k else "— decide per response —",
    )
    or None
)

st.subheader("Column mapping")
st.caption("Check how each column was understood; change a field if needed.")
edited = st.data_editor(
    mapping_rules.mapping_table(table, suggested),
    column_config={
        "column": st.column_config.TextColumn("Column in the file", disabled=True),
        "field": st.column_config.SelectboxColumn(
            "Field", options=["", *F.MAPPABLE_FIELDS], required=False
        ),
        "examples": st.column_config.TextColumn("Examples", disabled=True),
    },
    hide_index=True,
    key=f"mapping-{file_key}",
)
try:
    chosen = mapping_rules.mapping_from_table(edited)
    progress = st.empty()
    prepared = once_per_session(
        "prepare",
        (file_key, sheet, tuple(sorted(chosen.items())), survey, survey_stage),
        lambda: pipeline.prepare_import(
            table,
            chosen,
            filename=upload.name,
            survey=survey or None,
            survey_stage=survey_stage,
            taxonomy=taxonomy(),
            progress=lambda f, m: progress.progress(min(f / 0.7, 1.0), m),
        ),
    )
    progress.empty()
except (SurveyFileError, ValueError) as error:
    st.error(plain(str(error)))  # messages quote file and column names
    st.stop()

preview = pipeline.preview_import(prepared, engine())
st.subheader("Preview")
c1, c2, c3, c4 = st.columns(4)
c1.metric("Rows read", f"{preview.rows:,}")
c2.metric("To import", f"{preview.to_import:,}")
c3.metric("To reject", f"{preview.rejected:,}")
c4.metric("Duplicates", f"{preview.duplicates:,}")
if preview.rejected:
    st.dataframe(pipeline.rejections_table(preview.rejections), hide_index=True)

if st.button(f"Import {preview.to_import:,} responses", type="primary"):
    bar = st.progress(0.0, "Storing responses")
    try:
        summary = pipeline.store_import(
            prepared,
            engine(),
            survey=survey or None,
            survey_stage=survey_stage,
            progress=lambda f, m: bar.progress(f, m),
            user=acting_user(),
        )
    except db.DatabaseBusy as error:  # another import held the database for minutes
        st.error(str(error))
        st.stop()
    pipeline.remember_mapping(engine(), table, chosen)
    st.session_state["last_import"] = {
        "file": file_key,
        **summary.as_dict(),
        "rejections": pipeline.rejections_table(summary.rejections),
    }
    st.rerun()
