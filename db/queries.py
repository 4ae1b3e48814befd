"""Reads: filtered aggregates and frames; SQL does the grouping."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, Select, case, func, or_, select

from cxcore.filters import Filters
from db.schema import FollowUp, Import, Rejection, Response, Revision, SavedMapping

__all__ = [
    "cell_summary",
    "customer_contacts",
    "customer_stage_sequence",
    "data_version",
    "date_range",
    "existing_source_keys",
    "follow_up_queue",
    "languages_present",
    "list_imports",
    "rejections_frame",
    "responses_frame",
    "saved_mapping",
    "stage_extremes",
    "stage_responses",
    "stage_summary",
    "values_present",
    "stored_keys",
]

_KEY_CHUNK = 5_000  # well under SQLite's bound-parameter limit
_FILTERED_COLUMNS = {
    "import_ids": Response.import_id,
    "surveys": Response.survey,
    "channels": Response.channel,
    "segments": Response.segment,
    "languages": Response.language,
    "stages": Response.stage,
    "touchpoints": Response.touchpoint,
}


def _where(stmt: Select[Any], filters: Filters | None) -> Select[Any]:
    if filters is None:
        return stmt
    if filters.date_from:
        stmt = stmt.where(Response.submitted_at >= datetime.combine(filters.date_from, time.min))
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time.min)
        stmt = stmt.where(Response.submitted_at < end)
    for name, column in _FILTERED_COLUMNS.items():
        values = getattr(filters, name)
        if values:
            stmt = stmt.where(column.in_(values))
    return stmt


def _count_if(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _summary_columns() -> list[Any]:
    """n and the sums each metric and its interval need (shared by the grouped summaries)."""
    r = Response
    return [
        func.count().label("n"),
        func.count(r.sentiment).label("sentiment_n"),
        func.avg(r.sentiment).label("sentiment_mean"),
        func.avg(r.sentiment * r.sentiment).label("sentiment_sq"),
        func.count(r.nps).label("nps_n"),
        _count_if(r.nps >= 9).label("promoters"),
        _count_if(r.nps <= 6).label("detractors"),
        func.count(r.csat).label("csat_n"),
        _count_if(r.csat >= 4).label("csat_satisfied"),
        func.count(r.ces).label("ces_n"),
        func.avg(r.ces).label("ces_mean"),
        func.avg(r.ces * r.ces).label("ces_sq"),
        func.count(r.sentiment_label).label("labelled"),
        _count_if(r.sentiment_label == "negative").label("negative"),
    ]


def _grouped_summary(engine: Engine, keys: list[Any], filters: Filters | None) -> pd.DataFrame:
    stmt = _where(select(*keys, *_summary_columns()).group_by(*keys), filters)
    with engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    numeric = frame.columns.drop([k.key for k in keys])
    frame[numeric] = (
        frame[numeric]
        .apply(pd.to_numeric)
        .fillna({c: 0 for c in numeric if not c.endswith(("_mean", "_sq"))})
    )
    return frame


def stage_summary(engine: Engine, filters: Filters | None = None) -> pd.DataFrame:
    """One row per stage: n and the sums needed for each metric and its interval."""
    return _grouped_summary(engine, [Response.stage], filters)


def cell_summary(engine: Engine, filters: Filters | None = None) -> pd.DataFrame:
    """One row per (stage, touchpoint): the same sums as stage_summary."""
    return _grouped_summary(engine, [Response.stage, Response.touchpoint], filters)


def date_range(
    engine: Engine, filters: Filters | None = None
) -> tuple[datetime | None, datetime | None]:
    """The oldest and newest submitted_at of the matching responses (None when undated)."""
    stmt = _where(select(func.min(Response.submitted_at), func.max(Response.submitted_at)), filters)
    with engine.connect() as conn:
        oldest, newest = conn.execute(stmt).one()
    return oldest, newest


def responses_frame(
    engine: Engine,
    filters: Filters | None = None,
    columns: Iterable[str] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Responses matching `filters` (all columns unless named), oldest first."""
    chosen = [Response.__table__.c[name] for name in columns] if columns else [Response.__table__]
    stmt = _where(select(*chosen), filters).order_by(Response.submitted_at, Response.id)
    if limit:
        stmt = stmt.limit(limit)
    with engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    if "submitted_at" in frame:
        frame["submitted_at"] = pd.to_datetime(frame["submitted_at"]).dt.tz_localize("UTC")
    return frame


def stage_responses(
    engine: Engine,
    stage: str,
    filters: Filters | None = None,
    columns: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The responses of one stage matching `filters` (all columns unless named), oldest first."""
    chosen = [Response.__table__.c[name] for name in columns] if columns else [Response.__table__]
    stmt = _where(select(*chosen).where(Response.stage == stage), filters)
    with engine.connect() as conn:
        frame = pd.read_sql(stmt.order_by(Response.submitted_at, Response.id), conn)
    if "submitted_at" in frame:
        frame["submitted_at"] = pd.to_datetime(frame["submitted_at"]).dt.tz_localize("UTC")
    return frame


def stage_extremes(
    engine: Engine, filters: Filters | None = None, per_stage: int = 40
) -> pd.DataFrame:
    """stage, polarity, comment, language, sentiment, touchpoint: the `per_stage` most negative
    and most positive scored comments of each stage (the journey canvas picks from these)."""
    r = Response
    columns = ["stage", "polarity", "comment", "language", "sentiment", "touchpoint"]
    frames = []
    with engine.connect() as conn:
        stages = conn.scalars(_where(select(r.stage).group_by(r.stage), filters)).all()
        # A short query per stage and polarity, read in sentiment order off
        # ix_responses_extremes, instead of ranking every scored comment of the journey.
        for polarity, order in (("negative", r.sentiment.asc()), ("positive", r.sentiment.desc())):
            for stage in stages:
                stmt = _where(
                    select(r.stage, r.comment, r.language, r.sentiment, r.touchpoint).where(
                        r.stage == stage, r.sentiment_label == polarity, r.comment.is_not(None)
                    ),
                    filters,
                ).order_by(order, r.id)
                frame = pd.read_sql(stmt.limit(per_stage), conn)
                frames.append(frame.assign(polarity=polarity))
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def customer_stage_sequence(engine: Engine, filters: Filters | None = None) -> pd.DataFrame:
    """customer_id, submitted_at, stage of customers with several matching responses, in order."""
    r = Response
    repeat = _where(
        select(r.customer_id).where(r.customer_id.is_not(None)).group_by(r.customer_id),
        filters,
    ).having(func.count() > 1)
    stmt = _where(
        select(r.customer_id, r.submitted_at, r.stage).where(r.customer_id.in_(repeat)), filters
    ).order_by(r.customer_id, r.submitted_at, r.id)
    with engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"]).dt.tz_localize("UTC")
    return frame


def customer_contacts(engine: Engine, filters: Filters | None = None) -> pd.DataFrame:
    """customer_id, submitted_at, stage, touchpoint, sentiment of every dated response with a
    customer id, each customer's in time order (channel hopping and repeat contacts)."""
    r = Response
    stmt = _where(
        select(r.customer_id, r.submitted_at, r.stage, r.touchpoint, r.sentiment).where(
            r.customer_id.is_not(None), r.submitted_at.is_not(None)
        ),
        filters,
    ).order_by(r.customer_id, r.submitted_at, r.id)
    with engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"]).dt.tz_localize("UTC")
    return frame


def follow_up_queue(engine: Engine, filters: Filters | None = None) -> pd.DataFrame:
    """The responses to follow up (NPS 0–6, CSAT 1–2 or a negative comment), newest first,
    with their stored status ("open" until someone changes it), owner, note and updated_at."""
    r, f = Response, FollowUp
    stmt = _where(
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
        .where(or_(r.nps <= 6, r.csat <= 2, r.sentiment_label == "negative")),
        filters,
    ).order_by(r.submitted_at.desc(), r.id.desc())
    with engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    for column in ("submitted_at", "updated_at"):
        frame[column] = pd.to_datetime(frame[column]).dt.tz_localize("UTC")
    return frame


def languages_present(engine: Engine) -> pd.DataFrame:
    """Comment languages stored, with their number of responses, most frequent first."""
    n = func.count().label("n")
    stmt = (
        select(Response.language, n)
        .where(Response.language.is_not(None))
        .group_by(Response.language)
        .order_by(n.desc())
    )
    with engine.connect() as conn:
        return pd.read_sql(stmt, conn)


def values_present(engine: Engine, field: str) -> pd.DataFrame:
    """`value` and `n` of one filterable response field (survey, touchpoint, segment,
    language), most frequent first; empty values left out."""
    column = {
        "survey": Response.survey,
        "touchpoint": Response.touchpoint,
        "segment": Response.segment,
        "language": Response.language,
    }[field]
    n = func.count().label("n")
    stmt = (
        select(column.label("value"), n)
        .where(column.is_not(None), column != "")
        .group_by(column)
        .order_by(n.desc(), column)
    )
    with engine.connect() as conn:
        return pd.read_sql(stmt, conn)


def list_imports(engine: Engine) -> pd.DataFrame:
    """Every import, newest first."""
    stmt = select(Import).order_by(Import.id.desc())
    with engine.connect() as conn:
        return pd.read_sql(stmt, conn)


def rejections_frame(engine: Engine, import_id: int) -> pd.DataFrame:
    """The rows an import rejected, with row number and reason."""
    stmt = (
        select(Rejection.row_number, Rejection.reason, Rejection.raw)
        .where(Rejection.import_id == import_id)
        .order_by(Rejection.row_number)
    )
    with engine.connect() as conn:
        return pd.read_sql(stmt, conn)


def stored_keys(conn: Connection, keys: Iterable[str]) -> set[str]:
    """Which of `keys` are already stored, looked up in chunks inside `conn`'s transaction."""
    found: set[str] = set()
    keys = list(keys)
    for start in range(0, len(keys), _KEY_CHUNK):
        chunk = keys[start : start + _KEY_CHUNK]
        found.update(
            conn.scalars(select(Response.source_key).where(Response.source_key.in_(chunk)))
        )
    return found


def existing_source_keys(engine: Engine, keys: Iterable[str]) -> set[str]:
    """Which of `keys` are already stored (for the import preview)."""
    with engine.connect() as conn:
        return stored_keys(conn, keys)


def saved_mapping(engine: Engine, signature: str) -> dict[str, str] | None:
    """The mapping confirmed earlier for files with these headers, if any."""
    with engine.connect() as conn:
        return conn.scalar(select(SavedMapping.mapping).where(SavedMapping.signature == signature))


def data_version(engine: Engine) -> str:
    """Changes whenever responses are added, removed or re-tagged: part of every cache key.

    "revision:newest response id" (0 when empty). Every write bumps the revision; the id
    is read from the primary key's index, where counting a million rows on every page run
    would cost more than the cached page itself.
    """
    with engine.connect() as conn:
        revision = conn.scalar(select(Revision.value)) or 0
        newest = conn.scalar(select(func.max(Response.id))) or 0
    return f"{revision}:{newest}"
