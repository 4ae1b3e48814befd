"""Stage reports: the report model, one module per format, and the registry of formats."""

from cxcore.reports.cells import KPI_FORMATS, kpi_detail, safe_text, text
from cxcore.reports.csv import to_csv
from cxcore.reports.formats import (
    FORMAT_LABELS,
    FORMATS,
    MEDIA_TYPES,
    REPORT_FORMATS,
    ReportFormat,
    file_name,
    write_report,
)
from cxcore.reports.html import to_html
from cxcore.reports.model import (
    ALL,
    LANGUAGES,
    RESPONSE_COLUMNS,
    VERBATIM_CAP,
    Report,
    StageSection,
    action_headers,
    action_rows,
    build_report,
    extreme_comments,
    insight_rows,
    insight_sections,
    pain_point_headers,
    pain_point_rows,
    parse_day,
)
from cxcore.reports.xlsx import to_xlsx

__all__ = [
    "ALL",
    "FORMATS",
    "FORMAT_LABELS",
    "KPI_FORMATS",
    "LANGUAGES",
    "MEDIA_TYPES",
    "REPORT_FORMATS",
    "RESPONSE_COLUMNS",
    "VERBATIM_CAP",
    "Report",
    "ReportFormat",
    "StageSection",
    "action_headers",
    "action_rows",
    "build_report",
    "extreme_comments",
    "file_name",
    "insight_rows",
    "insight_sections",
    "kpi_detail",
    "pain_point_headers",
    "pain_point_rows",
    "parse_day",
    "safe_text",
    "text",
    "to_csv",
    "to_html",
    "to_xlsx",
    "write_report",
]
