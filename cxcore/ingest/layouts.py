"""Header rows → column names and hints, by the export tool that wrote them: a registry.

Recognises Qualtrics (current and legacy), SurveyMonkey, Google Forms, Typeform, Microsoft
Forms, Delighted and Zendesk exports by their stable machine headers; anything else is
"plain", one header row. A new layout is one entry in `_REGISTRY`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

__all__ = ["LAYOUTS", "PLAIN", "Header", "Layout", "read_header"]

PLAIN: Final = "plain"

_SURVEYMONKEY_META: Final = 9  # Respondent ID … Custom Data 1
# Google Forms writes the first header in the form's language.
_TIMESTAMP_HEADERS: Final = frozenset({"timestamp", "zaman damgası", "časová značka"})
_MS_FORMS_HEADERS: Final = ("id", "start time", "completion time", "email", "name")
_TYPEFORM_HEADERS: Final = frozenset({"submit date (utc)", "network id"})
_IMPORT_ID: Final = re.compile(r'^\s*\{\s*"ImportId"')
_NEWLINES: Final = re.compile(r"\s*[\r\n]+\s*")


@dataclass(frozen=True)
class Header:
    """Column names and hints worked out from a file's header rows."""

    layout: str
    rows: int
    names: list[str]
    hints: dict[str, str] = field(default_factory=dict)
    timezone: str | None = None


@dataclass(frozen=True)
class Layout:
    """One export tool: how its header rows are recognised and how they are read.

    `read` returns None when the rows do not have the tool's usual shape after all (a
    SurveyMonkey file saved with one header row); the first row then names the columns.
    """

    name: str
    recognise: Callable[[list[list[str]]], bool]
    read: Callable[[list[list[str]], int], Header | None] | None = None


def read_header(head: list[list[str | None]], width: int) -> Header:
    """Layout, column names and hints from the first (up to three) records."""
    rows = [[_clean_header(cell) for cell in row] for row in head]
    layout = next((layout for layout in _REGISTRY if layout.recognise(rows)), None)
    name = layout.name if layout else PLAIN
    header = layout.read(rows, width) if layout and layout.read else None
    return header or Header(name, 1, _unique_names(rows[0], width))


def _lower(rows: list[list[str]]) -> list[str]:
    """The first row's headers, case-folded."""
    return [cell.casefold() for cell in rows[0]]


def _is_qualtrics(rows: list[list[str]]) -> bool:
    """Row 3 holds {"ImportId": ...} cells."""
    third = rows[2] if len(rows) > 2 else []
    return any(_IMPORT_ID.match(cell) for cell in third[:3])


def _is_google_forms(rows: list[list[str]]) -> bool:
    """The first header is 'Timestamp' in the form's language."""
    lower = _lower(rows)
    return bool(lower) and lower[0] in _TIMESTAMP_HEADERS


def _is_typeform(rows: list[list[str]]) -> bool:
    """The first header is '#', with Typeform's submit date or network id beside it."""
    first = rows[0]
    return bool(first) and first[0] == "#" and bool(set(_lower(rows)) & _TYPEFORM_HEADERS)


def _is_ms_forms(rows: list[list[str]]) -> bool:
    """Microsoft Forms' five fixed headers come first."""
    return tuple(_lower(rows)[: len(_MS_FORMS_HEADERS)]) == _MS_FORMS_HEADERS


def _is_zendesk(rows: list[list[str]]) -> bool:
    """A satisfaction rating export: score, comment and created_at with a ticket or reason."""
    names = set(_lower(rows))
    return {"score", "comment", "created_at"} <= names and bool(names & {"ticket_id", "reason"})


def _typeform_header(rows: list[list[str]], width: int) -> Header:
    """Names from row 1; times are UTC when a header says '(UTC)'."""
    timezone = "UTC" if any(h.endswith("(UTC)") for h in rows[0]) else None
    return Header("typeform", 1, _unique_names(rows[0], width), timezone=timezone)


def _qualtrics_header(rows: list[list[str]], width: int) -> Header:
    """Names from row 1 (export tags); hints from row 2 labels and row 3 ImportIds."""
    names = _unique_names(rows[0], width)
    hints: dict[str, str] = {}
    timezone = None
    for position, column in enumerate(names):
        label = _at(rows[1], position)
        import_id, zone = _import_metadata(_at(rows[2], position))
        timezone = timezone or zone
        parts = [part for part in (label, import_id) if part and part != column]
        if parts:
            hints[column] = " | ".join(parts)
    return Header("qualtrics", 3, names, hints, timezone)


def _import_metadata(cell: str) -> tuple[str, str | None]:
    """A Qualtrics row-3 cell {"ImportId": ..., "timeZone": ...} → (ImportId, timeZone)."""
    try:
        meta = json.loads(cell)
    except ValueError:
        return cell, None
    if not isinstance(meta, dict):
        return cell, None
    zone = meta.get("timeZone")
    return str(meta.get("ImportId", "")), (str(zone) if zone else None)


def _legacy_header(rows: list[list[str]], width: int) -> Header | None:
    """Names from the row-2 labels (row 1 is only V1, V2, ...); hints from row 1."""
    if len(rows) < 2:
        return None
    labels = [_at(rows[1], i) or _at(rows[0], i) for i in range(width)]
    names = _unique_names(labels, width)
    hints = {
        column: tag
        for position, column in enumerate(names)
        if (tag := _at(rows[0], position)) and tag != column
    }
    return Header("qualtrics_legacy", 2, names, hints)


def _surveymonkey_header(rows: list[list[str]], width: int) -> Header | None:
    """Question text over its first column; 'question – sublabel' for continuation columns.

    None when row 2 is a response, not sub-headers (a file saved with one header row).
    """
    if len(rows) < 2 or any(rows[1][:_SURVEYMONKEY_META]):
        return None
    labels: list[str] = []
    hints: list[str] = []
    question = ""
    for position in range(width):
        top, sub = _at(rows[0], position), _at(rows[1], position)
        if top or position < _SURVEYMONKEY_META:
            question = top
            labels.append(top)
            hints.append(sub)
        else:
            labels.append(f"{question} – {sub}" if question and sub else question or sub)
            hints.append(question)
    names = _unique_names(labels, width)
    pairs = {column: hint for column, hint in zip(names, hints, strict=True) if hint}
    return Header("surveymonkey", 2, names, pairs)


def _clean_header(cell: object) -> str:
    """Header text without BOM, line breaks or surrounding spaces ('' when empty)."""
    if cell is None:
        return ""
    return _NEWLINES.sub(" ", str(cell).replace("\ufeff", "")).strip()


def _at(row: Sequence[str], position: int) -> str:
    """The cell at `position`, or '' past the end of a short row."""
    return row[position] if position < len(row) else ""


def _unique_names(headers: Sequence[str], width: int) -> list[str]:
    """Headers padded to `width`, blanks named 'Column N', repeats 'Q1 (2)', 'Q1 (3)'."""
    names: list[str] = []
    seen: set[str] = set()
    next_copy: dict[str, int] = {}  # so thousands of equal headers stay linear
    for position in range(width):
        base = _at(headers, position) or f"Column {position + 1}"
        name, copy = base, next_copy.get(base, 2)
        while name in seen:
            name, copy = f"{base} ({copy})", copy + 1
        next_copy[base] = copy
        seen.add(name)
        names.append(name)
    return names


# In the order they are tried: the first that recognises a file's header rows wins.
_REGISTRY: Final[tuple[Layout, ...]] = (
    Layout("qualtrics", _is_qualtrics, _qualtrics_header),
    Layout("qualtrics_legacy", lambda rows: _lower(rows)[:2] == ["v1", "v2"], _legacy_header),
    Layout(
        "surveymonkey",
        lambda rows: _lower(rows)[:2] == ["respondent id", "collector id"],
        _surveymonkey_header,
    ),
    Layout("google_forms", _is_google_forms),
    Layout("typeform", _is_typeform, _typeform_header),
    Layout("ms_forms", _is_ms_forms),
    Layout("delighted", lambda rows: {"survey_type", "score", "created_at"} <= set(_lower(rows))),
    Layout("zendesk", _is_zendesk),
)
LAYOUTS: Final[tuple[str, ...]] = (*(layout.name for layout in _REGISTRY), PLAIN)
