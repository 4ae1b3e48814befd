"""Import a survey export: check the mapping, preview, import, see the summary."""

import hashlib

import streamlit as st

from cxcore import fields as F
from cxcore import keys
from cxcore.csvfile import csv_bytes
from cxcore.errors import SurveyFileError
from cxcore.i18n import format_number, translate
from cxcore.ingest import mapping as mapping_rules
from cxcore.ingest import pipeline
from cxcore.ingest.reading import SurveyTable, list_sheets
from cxcore.text import categories, journey_models
from pages._auth import acting_user, can, require
from pages._cache import load_imports
from pages._shared import (
    MISSING,
    audit_ids,
    database_url,
    engine,
    install_keys,
    lang,
    once_per_session,
    plain,
    refusal,
    rejections_shown,
    shown,
    step,
    t,
    taxonomy,
    while_writing,
)
from pages._warm import start_warm_up

st.title(t("upload.title"))
require("upload")
language = lang()


def n(value: int) -> str:
    return format_number(value, language)


st.write(t("upload.intro"))
upload = st.file_uploader(t("upload.file"), type=["csv", "tsv", "txt", "xlsx"])
if upload is None:
    st.stop()

data = upload.getvalue()
file_key = hashlib.sha1(data).hexdigest()[:12]
done = st.session_state.get("last_import")
if done and done["file"] == file_key:
    st.success(
        t(
            "upload.done",
            accepted=n(done["accepted"]),
            rows=n(done["rows"]),
            rejected=n(done["rejected"]),
            duplicates=n(done["duplicates"]),
        )
    )
    rejected = done["rejections"]
    if len(rejected):
        st.warning(t("upload.rejected_kept", n=n(len(rejected))))
        in_words = rejections_shown(rejected)
        st.dataframe(shown(in_words), hide_index=True, placeholder=MISSING)
        st.download_button(
            t("upload.download_rejected"),
            csv_bytes(in_words),
            file_name=f"rejected-{upload.name}.csv",
            mime="text/csv",
            on_click=audit_ids,  # the ids as the file wrote them leave the dashboard
            args=(acting_user(), "download_ids", f"import {done['import_id']}"),
            kwargs={"details": {"rejected rows": len(in_words)}},
        )
    st.page_link("pages/overview.py", label=t("upload.see_journey"), icon=":material/route:")
    st.stop()

sheets = list_sheets(data, upload.name)
sheet = (
    st.selectbox(t("upload.sheet"), sheets, placeholder=t("widget.choose_one"))
    if len(sheets) > 1
    else None
)


def read_upload() -> tuple[SurveyTable, dict[str, str]]:
    # Seconds for a large file (a million rows: 3.5 s), before any progress bar exists.
    with st.spinner(step("Reading file")):
        return pipeline.read_and_map(data, upload.name, engine=engine(), sheet=sheet)


try:
    table, suggested = once_per_session("read", (file_key, sheet), read_upload)
except SurveyFileError as error:
    st.error(refusal(error))
    st.stop()

st.caption(
    t(
        "upload.read_as",
        rows=n(len(table.frame)),
        layout=t(f"layout.{table.layout}"),
        encoding=table.encoding,
    )
    + (t("upload.delimiter", delimiter=repr(table.delimiter)) if table.delimiter else "")
)
for notice in table.notices:  # rows of two code pages, each read in its own
    st.warning(plain(translate(notice, lang(), area="notice")))
col_survey, col_stage = st.columns(2)
survey = col_survey.text_input(t("upload.survey"), value=upload.name.rsplit(".", 1)[0])
stage_keys = ["", *taxonomy().stage_keys()]
stage_names = {"": t("upload.per_response")} | {
    key: taxonomy().stage(key).name(language) for key in taxonomy().stage_keys()
}
survey_stage = (
    col_stage.selectbox(
        t("upload.survey_stage"),
        stage_keys,
        format_func=stage_names.__getitem__,
        placeholder=t("widget.choose_one"),
    )
    or None
)

st.subheader(t("upload.mapping"))
st.caption(t("upload.mapping_note"))
edited = st.data_editor(
    mapping_rules.mapping_table(table, suggested),
    column_config={
        "column": st.column_config.TextColumn(t("upload.column"), disabled=True),
        "field": st.column_config.SelectboxColumn(
            t("upload.field"),
            options=["", *F.MAPPABLE_FIELDS],
            required=False,
            format_func=lambda field: t(f"field.{field}") if field else "",
        ),
        "examples": st.column_config.TextColumn(t("upload.examples"), disabled=True),
    },
    hide_index=True,
    key=f"mapping-{file_key}",
    placeholder=MISSING,
)


def confirm_categories(chosen: dict[str, str]) -> dict[str, tuple[str | None, str | None]] | None:
    """The lead's stage and touchpoint for each common value of the category column."""
    choices = pipeline.category_choices(table, chosen, engine(), taxonomy())
    if choices is None:
        return None
    column = next(c for c, f in chosen.items() if f == F.CATEGORY)
    st.subheader(t("upload.categories"))
    st.caption(t("upload.categories_note", column=column))
    model = taxonomy()
    stage_options = ["", *(model.stage(k).name(language) for k in model.stage_keys())]
    touchpoint_options = [
        "",
        *(model.touchpoint(k).name(language) for k in model.touchpoint_keys()),
    ]
    confirmed = st.data_editor(
        categories.named_category_table(choices, model, language),
        column_config={
            "value": st.column_config.TextColumn(t("upload.category_value"), disabled=True),
            "n": st.column_config.NumberColumn(t("upload.category_n"), disabled=True),
            "stage": st.column_config.SelectboxColumn(
                t("upload.category_stage"), options=stage_options, required=False
            ),
            "touchpoint": st.column_config.SelectboxColumn(
                t("upload.category_touchpoint"), options=touchpoint_options, required=False
            ),
        },
        hide_index=True,
        key=f"categories-{file_key}-{column}",
        placeholder=MISSING,
    )
    return categories.placements_from_table(confirmed, model, language)


try:
    chosen = mapping_rules.mapping_from_table(edited)
    placed = confirm_categories(chosen)
    progress = st.empty()
    prepared = once_per_session(
        "prepare",
        (
            file_key,
            sheet,
            tuple(sorted(chosen.items())),
            tuple(sorted((placed or {}).items())),
            survey,
            survey_stage,
            taxonomy(),
        ),
        lambda: pipeline.prepare_import(
            table,
            chosen,
            filename=upload.name,
            survey=survey or None,
            survey_stage=survey_stage,
            taxonomy=taxonomy(),
            categories_placed=placed,
            progress=lambda f, m: progress.progress(min(f / 0.7, 1.0), step(m)),
        ),
    )
    progress.empty()
except (SurveyFileError, ValueError) as error:
    st.error(refusal(error))
    st.stop()

comment_column = next((c for c, f in chosen.items() if f == F.COMMENT), None)
if comment_column and load_imports().empty:  # the first import: which journey model fits?
    best = once_per_session(
        "model",
        (file_key, sheet, comment_column),
        lambda: journey_models.suggest_journey_model(table.frame[comment_column]),
    )
    if best and best != journey_models.shipped_key(taxonomy()):
        name = journey_models.JOURNEY_MODELS[best].name(language)
        st.info(t("upload.suggest_model", name=name))
        if st.button(t("upload.use_model", name=name)):
            with while_writing():
                pipeline.use_journey_model(engine(), best, user=acting_user())
            st.rerun()

try:
    found_keys = install_keys()
except keys.KeysMissing as error:
    st.error(refusal(error))
    st.stop()
preview = pipeline.preview_import(prepared, engine(), found_keys)
st.subheader(t("upload.preview"))
c1, c2, c3, c4 = st.columns(4)
c1.metric(t("upload.rows_read"), n(preview.rows))
c2.metric(t("upload.to_import"), n(preview.to_import))
c3.metric(t("upload.to_reject"), n(preview.rejected))
c4.metric(t("admin.duplicates"), n(preview.duplicates))
if preview.rejected:
    st.dataframe(
        shown(rejections_shown(pipeline.rejections_table(preview.rejections))),
        hide_index=True,
        placeholder=MISSING,
    )

if st.button(t("upload.import", n=n(preview.to_import)), type="primary"):
    bar = st.progress(0.0, step("Storing responses"))
    with while_writing():  # another import may hold the database for minutes
        summary = pipeline.store_import(
            prepared,
            engine(),
            survey=survey or None,
            survey_stage=survey_stage,
            progress=lambda f, m: bar.progress(f, step(m)),
            user=acting_user(),
            keys=found_keys,
        )
    pipeline.remember_mapping(engine(), table, chosen, placed)
    start_warm_up(database_url())  # the new data's pages computed before they are opened
    rejections = pipeline.rejections_table(summary.rejections)
    if can("follow_up") and len(rejections):  # ids as written, to fix and import again
        rejections = pipeline.rejected_as_written(rejections, prepared)
        details = {"rejected rows": len(rejections)}
        audit_ids(acting_user(), "reveal_ids", f"import {summary.import_id}", details)
    st.session_state["last_import"] = {
        "file": file_key,
        **summary.as_dict(),
        "rejections": rejections,
    }
    st.rerun()
