"""Stage reports in the dashboard: the cached builder and the stage page's export control."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from cxcore import reports, views
from cxcore.analysis import stage_detail
from cxcore.filters import Filters
from cxcore.languages import NAMES
from pages import _shared as shared
from pages._cache import CachedSums

FORMAT_NAMES = reports.FORMAT_LABELS


@st.cache_data(show_spinner=False, max_entries=16)
def _report(
    url: str, stages: tuple[str, ...], filters: Filters, lang: str, fmt: str, version: str
) -> bytes:
    sums = CachedSums(url, version)
    report, _ = views.build_stage_report(sums, stages, filters, shared.taxonomy(), lang)
    return reports.write_report(report, fmt)


def report_bytes(stages: Sequence[str], filters: Filters, lang: str, fmt: str) -> bytes:
    """The report file of `stages` ("all" for every stage), cached until the data changes."""
    return _report(shared.database_url(), tuple(stages), filters, lang, fmt, shared.data_version())


def report_language(where: Any = st, key: str | None = None) -> str:
    """The report's language: one always chosen (clicking it again keeps it), the
    dashboard's language at first."""
    ui_lang = shared.lang()
    chosen = where.segmented_control(
        shared.t("reports.language"),
        reports.LANGUAGES,
        default=ui_lang if ui_lang in reports.LANGUAGES else "en",
        required=True,
        format_func=NAMES.get,
        key=key,
    )
    return str(chosen or ui_lang)


def report_stage_names(lang: str) -> dict[str, str]:
    """Each stage's name in `lang` (the report's file name)."""
    return stage_detail.stage_names(shared.taxonomy(), lang)


def export_stage(stage: str, filters: Filters) -> None:
    """ "Export this stage": format and language, and a download built only when clicked."""
    with st.popover(shared.t("reports.export_stage"), icon=":material/download:"):
        fmt = st.segmented_control(
            shared.t("reports.format"),
            reports.FORMATS,
            default="xlsx",
            required=True,
            format_func=FORMAT_NAMES.get,
            key="x_fmt",
        )
        lang = report_language(key="x_lang")
        fmt = fmt or "xlsx"
        st.download_button(
            shared.t("reports.download", name=FORMAT_NAMES[fmt]),
            data=lambda: report_bytes([stage], filters, lang, fmt),
            file_name=reports.file_name([stage], fmt, lang, report_stage_names(lang)),
            mime=reports.MEDIA_TYPES[fmt],
            on_click="ignore",
            type="primary",
        )
        st.caption(shared.t("reports.for_filters"))
