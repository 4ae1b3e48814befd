"""Reads of the follow-up queue: the unhappy responses to act on, with status and owner."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select, func, or_, select

from cxcore.filters import Filters
from db.queries import _where, _where_sums, answers_from_daily_sums
from db.schema import DailySums, FollowUp, Response, SealedCustomerId

__all__ = ["follow_up_counts", "follow_up_queue"]


def _unhappy() -> Any:
    r = Response
    return or_(r.nps <= 6, r.csat <= 2, r.sentiment_label == "negative")


def _queue_where(
    stmt: Select[Any],
    filters: Filters | None,
    statuses: Sequence[str] = (),
    stages: Sequence[str] = (),
    touchpoints: Sequence[str] = (),
    owners: Sequence[str] = (),
) -> Select[Any]:
    """The follow-up rule, the sidebar filters and the queue's own (owner "" = nobody)."""
    r, f = Response, FollowUp
    stmt = _where(stmt.where(_unhappy()), filters)
    if statuses:
        stmt = stmt.where(func.coalesce(f.status, "open").in_(statuses))
    if stages:
        stmt = stmt.where(r.stage.in_(stages))
    if touchpoints:
        stmt = stmt.where(r.touchpoint.in_(touchpoints))
    if owners:
        stmt = stmt.where(func.coalesce(f.owner, "").in_(owners))
    return stmt


def follow_up_queue(
    engine: Engine,
    filters: Filters | None = None,
    statuses: Sequence[str] = (),
    stages: Sequence[str] = (),
    touchpoints: Sequence[str] = (),
    owners: Sequence[str] = (),
    limit: int | None = None,
    *,
    sealed_ids: bool = False,
) -> pd.DataFrame:
    """The responses to follow up (NPS 0–6, CSAT 1–2 or a negative comment), newest first,
    with their stored status ("open" until someone changes it), owner, note and updated_at;
    only those of the chosen statuses, stages, touchpoints and owners when given, and only
    the `limit` newest when given (read backwards off the date index).

    `sealed_ids`: also the column `sealed_id`, each customer id as encrypted at import
    (None where none was stored), for `cxcore.keys.open_ids`."""
    r, f = Response, FollowUp
    stmt = (
        select(
            r.id.label("response_id"),
            r.customer_id,
            r.submitted_at,
            r.stage,
            r.touchpoint,
            r.nps,
            r.csat,
            r.sentiment,
            r.sentiment_label,
            r.language,
            r.comment,
            func.coalesce(f.status, "open").label("status"),
            f.owner,
            f.note,
            f.updated_at,
        )
        .select_from(r)
        .outerjoin(f, f.response_id == r.id)
    )
    if sealed_ids:
        sealed = SealedCustomerId
        stmt = stmt.add_columns(sealed.sealed.label("sealed_id"))
        stmt = stmt.outerjoin(sealed, sealed.pseudonym == r.customer_id)
    stmt = _queue_where(stmt, filters, statuses, stages, touchpoints, owners)
    stmt = stmt.order_by(r.submitted_at.desc(), r.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    with engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    for column in ("submitted_at", "updated_at"):
        frame[column] = pd.to_datetime(frame[column]).dt.tz_localize("UTC")
    return frame


def follow_up_counts(
    engine: Engine,
    filters: Filters | None = None,
    stages: Sequence[str] = (),
    touchpoints: Sequence[str] = (),
) -> pd.DataFrame:
    """status, owner ("" for nobody), n: the follow-up queue counted, without reading it.

    Responses nobody has touched are open with no owner; they are the unhappy responses of
    daily_sums less those with a stored status (a small table), so a million responses
    cost a sum, not a scan.
    """
    r, f = Response, FollowUp
    base = filters or Filters()
    narrowed = replace(
        base,
        stages=tuple(stages) or base.stages,
        touchpoints=tuple(touchpoints) or base.touchpoints,
    )
    if not answers_from_daily_sums(narrowed):
        unhappy_n = _count_unhappy(engine, narrowed)
    else:
        sums = _where_sums(select(func.sum(DailySums.unhappy)), narrowed)
        with engine.connect() as conn:
            unhappy_n = int(conn.scalar(sums) or 0)
    stored = (
        select(f.status, f.owner, func.count().label("n"))
        .select_from(f)
        .join(r, r.id == f.response_id)
        .group_by(f.status, f.owner)
    )
    stored = _queue_where(stored, filters, (), stages, touchpoints)
    with engine.connect() as conn:
        counted = pd.read_sql(stored, conn)
    counted["owner"] = counted["owner"].astype(object).where(counted["owner"].notna(), "")
    untouched = unhappy_n - int(counted["n"].sum())
    rows = [counted, pd.DataFrame({"status": ["open"], "owner": [""], "n": [untouched]})]
    counted = pd.concat(rows, ignore_index=True).groupby(["status", "owner"], as_index=False).sum()
    return counted[counted["n"] > 0].reset_index(drop=True).astype({"n": int})


def _count_unhappy(engine: Engine, filters: Filters) -> int:
    stmt = _where(select(func.count()).select_from(Response).where(_unhappy()), filters)
    with engine.connect() as conn:
        return int(conn.scalar(stmt) or 0)
