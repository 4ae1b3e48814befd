"""The report formats, one entry each (writer, media type, label), and write_report.

A new format is one module with a `Report -> bytes` writer and one entry in
REPORT_FORMATS; FORMATS, MEDIA_TYPES, FORMAT_LABELS and the CLI's --format choices follow.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from cxcore.reports.cells import slug, text
from cxcore.reports.csv import to_csv
from cxcore.reports.html import to_html
from cxcore.reports.model import ALL, Report
from cxcore.reports.xlsx import to_xlsx

__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "MEDIA_TYPES",
    "REPORT_FORMATS",
    "ReportFormat",
    "file_name",
    "write_report",
]


@dataclass(frozen=True)
class ReportFormat:
    """How one format is written: its writer, the download's media type, its name on screen."""

    writer: Callable[[Report], bytes]
    media_type: str
    label: str


def _html(report: Report) -> bytes:
    return to_html(report).encode("utf-8")


def _pdf(report: Report) -> bytes:
    # fpdf2 and matplotlib load only when a PDF is asked for.
    from cxcore.reports.pdf import to_pdf

    return to_pdf(report)


REPORT_FORMATS: dict[str, ReportFormat] = {
    "xlsx": ReportFormat(
        to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
    ),
    "pdf": ReportFormat(_pdf, "application/pdf", "PDF"),
    "html": ReportFormat(_html, "text/html", "HTML"),
    "csv": ReportFormat(to_csv, "text/csv", "CSV"),
}
FORMATS: tuple[str, ...] = tuple(REPORT_FORMATS)
MEDIA_TYPES: dict[str, str] = {key: f.media_type for key, f in REPORT_FORMATS.items()}
FORMAT_LABELS: dict[str, str] = {key: f.label for key, f in REPORT_FORMATS.items()}


def write_report(report: Report, fmt: str) -> bytes:
    """The report in `fmt` (one of FORMATS) as the bytes of a file."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"Unknown report format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return REPORT_FORMATS[fmt].writer(report)


def file_name(
    stages: Sequence[str] | str,
    fmt: str,
    lang: str = "en",
    names: Mapping[str, str] | None = None,
    day: date | None = None,
) -> str:
    """A download's file name in `lang`, ASCII-safe: the catalog's word for a report, the
    stages' names (`names`: key -> name in `lang`) and the day, e.g.
    "rapor_destek_2026-12-07.xlsx", "zprava_cela-cesta_2026-12-07.pdf"."""
    keys = [stages] if isinstance(stages, str) else list(stages)
    if ALL in keys or not keys:
        label = slug(text("journey", lang))
    else:
        label = "_".join(slug((names or {}).get(key, key)) or slug(key) for key in keys)
    day = day or datetime.now(UTC).date()
    return f"{slug(text('file_word', lang))}_{label[:60].strip('_-')}_{day.isoformat()}.{fmt}"
