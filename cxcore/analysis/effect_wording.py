"""An action's effect and its target's progress in plain words, in the UI language.

"IVR CSAT rose 30.0 points (22.5 to 37.5) after “IVR menu redesign”, 30.0 more than the
rest of the journey." — or "No significant change yet: …", or "Too early: 12 responses
since the change …". Numbers and dates as the language writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import pandas as pd

from cxcore.analysis.effects import MIN_EFFECT_N
from cxcore.audit_words import audit_user
from cxcore.i18n import format_date, format_number, text

__all__ = [
    "DECIMALS",
    "TABLE_COLUMNS",
    "actions_table",
    "effect_sentence",
    "history_table",
    "progress_sentence",
    "unit_name",
]

# The columns of actions_table, in order (their headers are "actions.col_<name>" in the UI).
TABLE_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "stage",
    "touchpoint",
    "owner",
    "status",
    "live_date",
    "metric",
    "before",
    "after",
    "change",
    "ci_low",
    "ci_high",
    "p_value",
    "n_before",
    "n_after",
    "vs_rest_change",
    "vs_rest_ci_low",
    "vs_rest_ci_high",
    "vs_rest_p_value",
    "target",
    "due_date",
    "progress",
    "said",
)
# Decimals of each metric's change in words: points of NPS and CSAT, fractions of CES/sentiment.
DECIMALS = {"nps": 1, "csat": 1, "ces": 2, "sentiment": 2}


def _missing(value: Any) -> bool:
    return value is None or value != value


def unit_name(action: Any, stages: Mapping[str, str], touchpoints: Mapping[str, str]) -> str:
    """What an action changed: its touchpoint's name, or its stage's."""
    point = action.touchpoint
    if isinstance(point, str) and point:
        return touchpoints.get(point, point)
    return stages.get(action.stage, action.stage)


def effect_sentence(
    row: Any, stages: Mapping[str, str], touchpoints: Mapping[str, str], lang: str = "en"
) -> str:
    """One effects_frame row in words: the change with its interval and the comparison
    with the rest of the journey, no significant change yet, or too early."""
    state = row.state
    if state == "not_live":
        return text("effect.not_live", lang)
    if state in ("too_early", "no_baseline"):
        n = row.n_after if state == "too_early" else row.n_before
        return text(
            f"effect.{state}",
            lang,
            n=format_number(int(n), lang),
            min_n=format_number(MIN_EFFECT_N, lang),
        )
    places = DECIMALS[row.metric]

    def shown(value: Any, sign: bool = False) -> str:
        return format_number(float(value), lang, places, sign=sign)

    values = {
        "unit": unit_name(row, stages, touchpoints),
        "metric": text(f"effect_metric.{row.metric}", lang),
        "title": row.title,
        "low": shown(row.ci_low, sign=True),
        "high": shown(row.ci_high, sign=True),
    }
    significant = row.ci_low > 0 or row.ci_high < 0
    if not significant:
        return text(
            "effect.no_change",
            lang,
            **values,
            before=shown(row.before),
            after=shown(row.after),
            change=shown(row.change, sign=True),
            p=format_number(float(row.p_value), lang, 2),
        )
    direction = "rose" if row.change > 0 else "fell"
    said = text(f"effect.{direction}", lang, **values, change=shown(abs(row.change)))
    return said + _against_rest(row, shown, lang)


def _against_rest(row: Any, shown: Any, lang: str) -> str:
    if _missing(row.vs_rest_change):
        return text("effect.rest_unknown", lang)
    low, high = row.vs_rest_ci_low, row.vs_rest_ci_high
    if low <= 0 <= high:
        return text(
            "effect.as_rest",
            lang,
            diff=shown(row.vs_rest_change, sign=True),
            low=shown(low, sign=True),
            high=shown(high, sign=True),
        )
    same_way = (row.vs_rest_change > 0) == (row.change > 0)
    key = "effect.more_than_rest" if same_way else "effect.less_than_rest"
    return text(key, lang, diff=shown(abs(row.vs_rest_change)))


def progress_sentence(row: Any, lang: str = "en") -> str:
    """A target's progress in words ("" without a target): met, on track, at risk, missed,
    or not known yet, with the level and its interval."""
    if row.progress == "none" or _missing(row.target):
        return ""
    places = DECIMALS[row.metric]
    values = {
        "target": format_number(float(row.target), lang, places),
        "due": format_date(row.due_date, lang) if not _missing(row.due_date) else "–",
    }
    if row.progress == "unknown":
        return text("progress.unknown", lang, **values)
    return text(
        f"progress.{row.progress}",
        lang,
        **values,
        value=format_number(float(row.progress_value), lang, places),
        low=format_number(float(row.progress_low), lang, places),
        high=format_number(float(row.progress_high), lang, places),
    )


def actions_table(
    found: pd.DataFrame,
    stages: Mapping[str, str],
    touchpoints: Mapping[str, str],
    lang: str = "en",
) -> pd.DataFrame:
    """effects_frame rows as a lead reads them (TABLE_COLUMNS): names for keys, statuses,
    metrics and progress in `lang`, the effect in words; numbers stay numbers."""
    if found.empty:
        return pd.DataFrame(columns=list(TABLE_COLUMNS))
    rows = list(found.itertuples(index=False))
    named = _key_names(stages, touchpoints, lang)
    whole_stage = text("actions.whole_stage", lang)  # an action on no one touchpoint
    table = found.assign(
        **{field: found[field].map(name) for field, name in named.items() if field != "touchpoint"},
        touchpoint=found["touchpoint"].map(
            lambda k: named["touchpoint"](k) if isinstance(k, str) else whole_stage
        ),
        progress=[progress_sentence(r, lang) for r in rows],
        said=[effect_sentence(r, stages, touchpoints, lang) for r in rows],
    )
    numbers = [c for c in TABLE_COLUMNS if c.startswith(("before", "after", "change", "ci_"))]
    numbers += [c for c in TABLE_COLUMNS if c.startswith(("vs_rest", "p_value", "n_"))]
    table[numbers] = table[numbers].apply(pd.to_numeric, errors="coerce")
    return table[list(TABLE_COLUMNS)].reset_index(drop=True)


def _key_names(
    stages: Mapping[str, str], touchpoints: Mapping[str, str], lang: str
) -> dict[str, Callable[[str], str]]:
    """The action fields stored as keys, each with what writes its key as a lead reads it."""
    return {
        "stage": lambda k: stages.get(k, k),
        "touchpoint": lambda k: touchpoints.get(k, k),
        "status": lambda s: text(f"action_status.{s}", lang),
        # the metric's full name, as the action form offers it ("sentiment" is for sentences)
        "metric": lambda m: text(f"metric.{m}", lang),
    }


def _history_writers(
    stages: Mapping[str, str], touchpoints: Mapping[str, str], lang: str
) -> dict[str, Callable[[str], str]]:
    """How each field's stored text (db/actions.py writes every value as text) reads."""
    return _key_names(stages, touchpoints, lang) | {
        "live_date": lambda d: format_date(date.fromisoformat(d), lang),
        "due_date": lambda d: format_date(date.fromisoformat(d), lang),
        "target": lambda v: format_number(float(v), lang, 0 if float(v).is_integer() else 1),
    }


def _history_value(write: Callable[[str], str], value: Any) -> str:
    if _missing(value) or value == "":
        return "–"
    try:
        return write(str(value))
    except ValueError:  # a value older code stored in another form: as it was written
        return str(value)


def history_table(
    history: pd.DataFrame,
    stages: Mapping[str, str],
    touchpoints: Mapping[str, str],
    lang: str = "en",
) -> pd.DataFrame:
    """An action's history (at, user, field, old, new) as a lead reads it: the field's
    name, and keys, statuses, metrics, dates and numbers written in `lang`; "–" for none."""
    writers = _history_writers(stages, touchpoints, lang)
    table = history[["at", "user", "field", "old", "new"]].copy()
    for column in ("old", "new"):
        table[column] = [
            _history_value(writers.get(field, str), value)
            for field, value in zip(history["field"], history[column], strict=True)
        ]
    table["field"] = history["field"].map(lambda f: text(f"action_column.{f}", lang))
    table["user"] = [audit_user(u, lang) if isinstance(u, str) else "–" for u in history["user"]]
    return table.reset_index(drop=True)
