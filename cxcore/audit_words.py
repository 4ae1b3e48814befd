"""How the audit log reads for a person: who, what, of what, and its details, in their language.

The log stores what the code wrote (user "local", target "follow-up queue", details as a
dict of keys); an admin reads it here. A key, target or user this module does not know is
shown as stored, never dropped: the log is evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from cxcore.i18n import format_number, text

__all__ = [
    "DETAIL_KEYS",
    "SYSTEM_USERS",
    "TARGET_KEYS",
    "audit_details",
    "audit_rows",
    "audit_target",
    "audit_user",
]

# Users the code writes in the user column, not people: the open dashboard, the upgrade step.
SYSTEM_USERS: tuple[str, ...] = ("local", "upgrade")
# Targets written as fixed English words, and those written as a pattern with a number.
_TARGET_WORDS = {"follow-up queue": "follow_up", "journey model": "journey_model"}
_TARGET_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d+) responses$"), "responses"),
    (re.compile(r"^import (\d+)$"), "import"),
)
_ON_IMPORTS = ("import", "delete_import")  # their target is the import's number alone
TARGET_KEYS: tuple[str, ...] = (*_TARGET_WORDS.values(), "responses", "import")
# The details' keys the code writes (db/, pages/, the CLI), each named in the catalog
# (audit_detail.<key>); count, yes and no are the words of a value.
DETAIL_KEYS: tuple[str, ...] = (
    "filename",
    "file",
    "survey",
    "accepted",
    "rejected",
    "rejections",
    "duplicates",
    "responses",
    "response_ids",
    "ids",
    "rows",
    "stage",
    "touchpoint",
    "changed",
    "statuses",
    "fields",
    "title",
    "to",
    "until",
    "role",
    "stages",
    "touchpoints",
    "moves",
    "moved_stage",
    "moved_touchpoint",
    "learned_from",
)


def audit_user(user: object, lang: str) -> str:
    return text(f"audit_user.{user}", lang) if user in SYSTEM_USERS else str(user)


def audit_target(target: object, action: str, lang: str) -> str:
    if target is None or target == "":
        return "–"
    shown = str(target)
    if shown in _TARGET_WORDS:
        return text(f"audit_target.{_TARGET_WORDS[shown]}", lang)
    if action in _ON_IMPORTS and shown.isdigit():
        return text("audit_target.import", lang, n=shown)
    for pattern, key in _TARGET_PATTERNS:
        if found := pattern.match(shown):
            return text(f"audit_target.{key}", lang, n=format_number(int(found[1]), lang))
    return shown


def audit_details(details: object, lang: str) -> str:
    """ "File: a.csv; Imported: 1 500; …": each known key named in `lang`, lists counted."""
    if not isinstance(details, Mapping) or not details:
        return "–" if not details else str(details)
    parts = []
    for key, value in details.items():
        label = text(f"audit_detail.{key}", lang) if key in DETAIL_KEYS else key
        parts.append(f"{label}: {_value(value, lang)}")
    return "; ".join(parts)


def _value(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return text("audit_detail.yes" if value else "audit_detail.no", lang)
    if isinstance(value, int | float):
        return format_number(value, lang, 0 if float(value).is_integer() else 2)
    if isinstance(value, list | tuple):  # ids: how many, not a thousand numbers
        return text("audit_detail.count", lang, n=format_number(len(value), lang))
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {_value(v, lang)}" for k, v in value.items())
    return "–" if value is None else str(value)


def audit_rows(log: pd.DataFrame, lang: str, action_name: Callable[[str], str]) -> pd.DataFrame:
    """db.audit_frame's rows as a person reads them (`action_name`: an action's words)."""
    return log.assign(
        user=[audit_user(u, lang) for u in log["user"]],
        target=[
            audit_target(t, a, lang) for t, a in zip(log["target"], log["action"], strict=True)
        ],
        details=[audit_details(d, lang) for d in log["details"]],
        action=[action_name(a) for a in log["action"]],
    )
