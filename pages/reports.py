"""Stage reports to take to a meeting: stages, period and filters, language and format."""

import streamlit as st

from cxcore import reports
from cxcore import stage as drill
from pages import _shared as shared
from pages._auth import require
from pages._report_files import FORMAT_NAMES, LANGUAGE_NAMES, report_bytes

st.title("Reports")
require("browse")  # here too: a page can run without app.py
filters = shared.sidebar_filters()
names = drill.stage_names(shared.taxonomy())
st.caption(
    "A stage report for the period and filters chosen in the sidebar: KPIs with their 95% "
    "intervals, the emotion curve, touchpoints, weekly trend, themes and what customers said. "
    f"The Excel verbatim sheet holds the {reports.VERBATIM_CAP:,} newest comments at most "
    "(it says so when it cuts); the CSV holds every response."
)
whole = st.toggle("Whole journey (every stage)", value=True)
stages = [reports.ALL] if whole else st.multiselect("Stages", list(names), format_func=names.get)
left, right = st.columns(2)
ui_lang = shared.lang()  # the report speaks the dashboard's language unless told otherwise
lang = left.segmented_control(
    "Report language",
    reports.LANGUAGES,
    default=ui_lang if ui_lang in reports.LANGUAGES else "en",
    format_func=LANGUAGE_NAMES.get,
)
fmt = right.segmented_control(
    "Format", reports.FORMATS, default="xlsx", format_func=FORMAT_NAMES.get
)
if not stages:
    st.info("Choose at least one stage, or turn on the whole journey.")
    st.stop()

# A file built for other choices is not offered: the choices are part of its key.
wanted = (tuple(stages), filters, lang or "en", fmt or "xlsx")
if st.button("Build report", type="primary"):
    with st.spinner("Building the report…"):
        data = report_bytes(*wanted)
    st.session_state["report_file"] = (wanted, reports.file_name(stages, wanted[3]), data)
built = st.session_state.get("report_file")
if built and built[0] == wanted:
    _, name, data = built
    st.success(f"{name} is ready ({len(data) / 1024:,.0f} KB).")
    st.download_button(
        f"Download {name}",
        data,
        file_name=name,
        mime=reports.MEDIA_TYPES[wanted[3]],
        on_click="ignore",
        icon=":material/download:",
    )
