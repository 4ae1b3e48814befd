"""Actions on the journey and their statuses, used by db, the CLI and pages alike.

An action is a change a team makes to a stage (or one of its touchpoints) to fix a pain
point: who owns it, how far it got, the day it went live, and an optional target (a value
of its metric by a date). `clean_action` checks and normalises the fields before anything
is stored; a problem is an `ActionError` naming the field and the fix.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from cxcore.analysis.metrics import METRICS

__all__ = [
    "ACTION_FIELDS",
    "ACTION_STATUSES",
    "DEFAULT_METRIC",
    "OPEN_STATUSES",
    "ActionError",
    "clean_action",
    "parse_status",
]

ACTION_STATUSES: tuple[str, ...] = ("idea", "planned", "in_progress", "done", "dropped")
# Shown under their stage on the journey canvas: not yet done nor dropped.
OPEN_STATUSES: tuple[str, ...] = ("idea", "planned", "in_progress")
DEFAULT_METRIC = "sentiment"  # the dashboard's default metric: every comment has one
# The fields a user sets (and the history records), in the order forms show them.
ACTION_FIELDS: tuple[str, ...] = (
    "title",
    "description",
    "stage",
    "touchpoint",
    "owner",
    "status",
    "live_date",
    "metric",
    "target",
    "due_date",
)
_TEXT_LIMITS = {"title": 255, "description": 10_000, "stage": 64, "touchpoint": 64, "owner": 255}


class ActionError(ValueError):
    """An action's field cannot be stored as given; the message names it and the fix."""


def parse_status(value: object) -> str:
    """A status as stored ("in progress" and "In-Progress" are in_progress)."""
    status = str(value or "").strip().lower().replace(" ", "_").replace("-", "_")
    if status not in ACTION_STATUSES:
        allowed = ", ".join(s.replace("_", " ") for s in ACTION_STATUSES)
        raise ActionError(f"Status {value!r} is not one of {allowed}.")
    return status


def _text(name: str, value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    shown = " ".join(str(value).split()) if name != "description" else str(value).strip()
    if len(shown) > _TEXT_LIMITS[name]:
        raise ActionError(f"The {name} is too long: at most {_TEXT_LIMITS[name]} characters.")
    return shown or None


def _day(name: str, value: object) -> date | None:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        label = name.replace("_", " ")
        raise ActionError(f"The {label} {value!r} is not a date: write it as YYYY-MM-DD.") from None


def _target(value: object) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(str(value).strip().replace(",", "."))  # 4,5 as Turkish and Czech write it
    except (TypeError, ValueError):
        raise ActionError(f"The target {value!r} is not a number.") from None
    return None if math.isnan(number) else number


def clean_action(values: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """The fields of `values` checked and normalised (text trimmed, dates parsed, status
    and metric known); with `partial`, only the fields given (an edit).

    Raises ActionError for a missing title or stage, an unknown status or metric, a date
    that is not YYYY-MM-DD, a target that is not a number, or a due date without a target.
    """
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise ActionError(f"Unknown action fields: {', '.join(sorted(unknown))}.")
    given = values if partial else {f: values.get(f) for f in ACTION_FIELDS}
    cleaned: dict[str, Any] = {}
    for name, value in given.items():
        if name in _TEXT_LIMITS:
            cleaned[name] = _text(name, value)
        elif name == "status":
            cleaned[name] = parse_status(value if value not in (None, "") else "idea")
        elif name == "metric":
            metric = str(value or DEFAULT_METRIC).strip().lower()
            if metric not in METRICS:
                raise ActionError(f"Metric {value!r} is not one of {', '.join(METRICS)}.")
            cleaned[name] = metric
        elif name == "target":
            cleaned[name] = _target(value)
        else:
            cleaned[name] = _day(name, value)
    for required in ("title", "stage"):
        if required in cleaned and not cleaned[required]:
            raise ActionError(f"An action needs a {required}.")
    if not partial and cleaned["due_date"] and cleaned["target"] is None:
        raise ActionError("A due date needs a target value: give --target as well.")
    return cleaned
