"""Daily sums: the responses pre-added per day, stage, touchpoint, survey, segment, language.

The overview, the touchpoint map, the sidebar and the stage page's figures read these sums
instead of a million responses (about 70,000 rows for a million demo responses). An
import adds its new rows' sums; every other write that removes, moves or re-scores
responses adds up again the days it touched. Both in the writer's own transaction, so the
sums never disagree with the responses, and under its write lock (db.engine's
`lock_for_writing`, taken before it reads): two writers never add up the same day at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Integer, and_, case, delete, func, insert, or_, select

from cxcore.analysis.metrics import NPS_SCORES, SUM_COLUMNS, sums_per_day
from db.bulk import fit_text, insert_frame
from db.schema import DailySums, Response

__all__ = [
    "add_to_daily_sums",
    "daily_sums_of",
    "daily_sums_missing",
    "days_of",
    "days_of_ids",
    "refresh_daily_sums",
    "sum_columns",
]

_DIMENSIONS = ("stage", "touchpoint", "survey", "segment", "language")
# Past this many days a refresh re-adds everything: one scan beats many small ones.
_MAX_DAYS_REFRESHED = 62


def _count_if(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def sum_columns() -> list[Any]:
    """SUM_COLUMNS as aggregates over the responses table (labelled, for a grouped select)."""
    r = Response
    columns = [
        func.count(),
        func.count(r.sentiment),
        func.sum(r.sentiment),
        func.sum(r.sentiment * r.sentiment),
        func.count(r.nps),
        _count_if(r.nps >= 9),
        _count_if(r.nps <= 6),
        func.count(r.csat),
        _count_if(r.csat >= 4),
        func.count(r.ces),
        func.sum(r.ces),
        func.sum(r.ces * r.ces),
        func.count(r.sentiment_label),
        _count_if(r.sentiment_label == "negative"),
        _count_if(or_(r.nps <= 6, r.csat <= 2, r.sentiment_label == "negative")),
        # Scores are whole numbers once validated; the band keeps a stray 6.9999 in place.
        *(_count_if(and_(r.nps >= k - 0.5, r.nps < k + 0.5)) for k in NPS_SCORES),
    ]
    return [c.label(name) for c, name in zip(columns, SUM_COLUMNS, strict=True)]


def _day() -> Any:
    # date() of a timestamp is the same UTC day on SQLite (text) and PostgreSQL (a cast).
    return func.date(Response.submitted_at)


def days_of(conn: Connection, where: Any) -> set[date | None]:
    """The days (None for undated) of the responses matching `where`, inside `conn`."""
    found = conn.scalars(select(_day()).where(where).group_by(_day())).all()
    return {_as_date(d) for d in found}


def days_of_ids(conn: Connection, ids: Iterable[int]) -> set[date | None]:
    """The days of the responses with these ids (looked up in chunks)."""
    ids = [int(i) for i in ids]
    found: set[date | None] = set()
    for start in range(0, len(ids), 5_000):
        found |= days_of(conn, Response.id.in_(ids[start : start + 5_000]))
    return found


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _on_days(days: Iterable[date | None]) -> tuple[Any, Any]:
    """(responses condition, daily_sums condition) for these days."""
    dated = sorted(d for d in days if d is not None)
    spans = [
        and_(
            Response.submitted_at >= datetime.combine(d, time.min),
            Response.submitted_at < datetime.combine(d + timedelta(days=1), time.min),
        )
        for d in dated
    ]
    on_responses = list(spans)
    on_sums = [DailySums.day.in_(dated)] if dated else []
    if None in days:
        on_responses.append(Response.submitted_at.is_(None))
        on_sums.append(DailySums.day.is_(None))
    return or_(*on_responses), or_(*on_sums)


def refresh_daily_sums(conn: Connection, days: Iterable[date | None] | None = None) -> None:
    """Re-add the responses of `days` (None: of every day) into daily_sums, in `conn`."""
    days = None if days is None else set(days)
    if days is not None and not days:
        return
    keys = [_day().label("day"), *(getattr(Response, d) for d in _DIMENSIONS)]
    added = select(*keys, *sum_columns()).group_by(*keys)
    if days is None or len(days) > _MAX_DAYS_REFRESHED:
        conn.execute(delete(DailySums))
    else:
        on_responses, on_sums = _on_days(days)
        conn.execute(delete(DailySums).where(on_sums))
        added = added.where(on_responses)
    names = ["day", *_DIMENSIONS, *SUM_COLUMNS]
    conn.execute(insert(DailySums).from_select(names, added))


def daily_sums_of(responses: pd.DataFrame) -> pd.DataFrame:
    """The sums of `responses` per day and dimensions, as daily_sums rows (pandas only:
    no database, so it can run beside SQLite's own work)."""
    lengths = {d: getattr(DailySums, d).type.length for d in _DIMENSIONS}
    frame = responses.assign(
        **{d: fit_text(responses[d], lengths[d]) for d in _DIMENSIONS if d in responses}
    )
    return sums_per_day(frame, _DIMENSIONS)


def add_to_daily_sums(
    conn: Connection, responses: pd.DataFrame, sums: pd.DataFrame | None = None
) -> None:
    """Add newly stored `responses` into daily_sums, in `conn` (an import's own rows);
    `sums`: their `daily_sums_of`, when already made.

    Sums add up: the new rows' sums are made in pandas from the frame just stored and
    added to what daily_sums holds for their days, instead of adding up those days'
    responses again in SQL (a million new responses: about 1 s instead of 5–10 s). Agrees
    with `refresh_daily_sums` (tests/db/test_daily_sums.py checks one against the other).
    """
    if responses.empty:
        return
    keys = ["day", *_DIMENSIONS]
    new = daily_sums_of(responses) if sums is None else sums
    days = set(new["day"])
    _, on_sums = _on_days(days)
    held = pd.DataFrame(
        conn.execute(select(*(getattr(DailySums, c) for c in (*keys, *SUM_COLUMNS))).where(on_sums))
        .mappings()
        .all(),
        columns=[*keys, *SUM_COLUMNS],
    )
    if len(held):
        both = pd.concat([held, new], ignore_index=True)
        new = (
            both.astype(dict.fromkeys(keys, object))
            .groupby(keys, dropna=False, sort=False)[list(SUM_COLUMNS)]
            .sum(min_count=1)
            .reset_index()
        )
        for name in keys:
            new[name] = new[name].where(new[name].notna(), None)
        conn.execute(delete(DailySums).where(on_sums))
    counts = {c: "int64" for c in SUM_COLUMNS if isinstance(DailySums.__table__.c[c].type, Integer)}
    insert_frame(conn, DailySums.__table__, new.astype(counts))


def daily_sums_missing(conn: Connection) -> bool:
    """Whether responses are stored but not added up (a database older than daily_sums)."""
    if conn.scalar(select(DailySums.id).limit(1)) is not None:
        return False
    return conn.scalar(select(Response.id).limit(1)) is not None
