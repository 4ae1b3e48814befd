"""Stage reports to take to a meeting: stages, period and filters, language and format."""

import streamlit as st

from cxcore import reports
from cxcore.analysis import stage_detail
from cxcore.i18n import format_number
from pages import _shared as shared
from pages import _sidebar as sidebar
from pages._auth import require
from pages._report_files import FORMAT_NAMES, report_bytes, report_language, report_stage_names
from pages._shared import t

st.title(t("reports.title"))
require("browse")  # here too: a page can run without app.py
filters = sidebar.sidebar_filters()
names = stage_detail.stage_names(shared.taxonomy(), shared.lang())
st.caption(t("reports.about", cap=format_number(reports.VERBATIM_CAP, shared.lang())))
whole = st.toggle(t("reports.whole"), value=True)
stages = (
    [reports.ALL]
    if whole
    else st.multiselect(
        t("reports.stages"),
        list(names),
        format_func=names.get,
        placeholder=t("widget.choose_options"),
    )
)
left, right = st.columns(2)
lang = report_language(left)
fmt = right.segmented_control(
    t("reports.format"),
    reports.FORMATS,
    default="xlsx",
    required=True,
    format_func=FORMAT_NAMES.get,
)
if not stages:
    st.info(t("reports.choose"))
    st.stop()

# A file built for other choices is not offered: the choices are part of its key.
wanted = (tuple(stages), filters, lang, fmt or "xlsx")
if st.button(t("reports.build"), type="primary"):
    with st.spinner(t("reports.building")):
        data = report_bytes(*wanted)
    name = reports.file_name(stages, wanted[3], lang, report_stage_names(lang))
    st.session_state["report_file"] = (wanted, name, data)
built = st.session_state.get("report_file")
if built and built[0] == wanted:
    _, name, data = built
    size = format_number(len(data) / 1024, shared.lang())
    st.success(t("reports.ready", name=name, size=size))
    st.download_button(
        t("reports.download", name=name),
        data,
        file_name=name,
        mime=reports.MEDIA_TYPES[wanted[3]],
        on_click="ignore",
        icon=":material/download:",
    )
