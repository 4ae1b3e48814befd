"""Reads: filtered aggregates and frames; SQL does the grouping."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, time, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, Select, func, select

from cxcore import fields as F
from cxcore.analysis.metrics import SUM_COLUMNS, with_means
from cxcore.filters import Filters
from db.daily_sums import sum_columns
from db.extras import named_extras
from db.schema import DailySums, Import, Rejection, Response, Revision, SavedMapping

__all__ = [
    "answers_from_daily_sums",
    "cell_summary",
    "customer_contacts",
    "customer_stage_sequence",
    "data_version",
    "date_range",
    "existing_source_keys",
    "languages_present",
    "negative_comments",
    "recent_customers_responses",
    "list_imports",
    "rejections_frame",
    "responses_frame",
    "saved_mapping",
    "stage_extremes",
    "stage_responses",
    "stage_summary",
    "values_present",
    "stored_keys",
    "summary",
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


def answers_from_daily_sums(filters: Filters | None) -> bool:
    """Whether daily_sums can answer for `filters` (it has no channel or import)."""
    return filters is None or not (filters.channels or filters.import_ids)


def _where_sums(stmt: Select[Any], filters: Filters | None) -> Select[Any]:
    """_where for daily_sums: the same filters on its day and tag columns."""
    if filters is None:
        return stmt
    if filters.date_from:
        stmt = stmt.where(DailySums.day >= filters.date_from)
    if filters.date_to:
        stmt = stmt.where(DailySums.day <= filters.date_to)
    for name in ("surveys", "segments", "languages", "stages", "touchpoints"):
        if values := getattr(filters, name):
            stmt = stmt.where(getattr(DailySums, name[:-1]).in_(values))
    return stmt


def _summary_statement(by: Sequence[str], filters: Filters | None) -> Select[Any]:
    if answers_from_daily_sums(filters):
        keys = [getattr(DailySums, k) for k in by]
        sums = [func.sum(getattr(DailySums, c)).label(c) for c in SUM_COLUMNS]
        return _where_sums(select(*keys, *sums).group_by(*keys), filters)
    keys = [
        func.date(Response.submitted_at).label("day") if k == "day" else getattr(Response, k)
        for k in by
    ]
    return _where(select(*keys, *sum_columns()).group_by(*keys), filters)


def summary(engine: Engine, by: Sequence[str] = (), filters: Filters | None = None) -> pd.DataFrame:
    """The sums of the matching responses per `by` (stage, touchpoint, survey, segment,
    language, day), with each metric's mean and mean square: see cxcore.analysis.metrics.with_means.

    Read from daily_sums unless the filters name channels or imports.
    """
    with engine.connect() as conn:
        frame = pd.read_sql(_summary_statement(by, filters), conn)
    if not by and len(frame) and frame["n"].isna().all():
        frame = frame.iloc[:0]  # SUM over no rows is one row of NULLs
    frame[list(SUM_COLUMNS)] = frame[list(SUM_COLUMNS)].apply(pd.to_numeric).fillna(0.0)
    if "day" in frame:
        frame["day"] = pd.to_datetime(frame["day"])
    return with_means(frame)


def stage_summary(engine: Engine, filters: Filters | None = None) -> pd.DataFrame:
    """One row per stage: n and the sums needed for each metric and its interval."""
    return summary(engine, ["stage"], filters)


def cell_summary(engine: Engine, filters: Filters | None = None) -> pd.DataFrame:
    """One row per (stage, touchpoint): the same sums as stage_summary."""
    return summary(engine, ["stage", "touchpoint"], filters)


def date_range(
    engine: Engine, filters: Filters | None = None
) -> tuple[datetime | None, datetime | None]:
    """The oldest and newest submitted_at of the matching responses (None when undated).

    Unfiltered, the exact timestamps (read off an index); filtered, the first and last day
    from daily_sums, as midnights.
    """
    if filters is not None and filters != Filters() and answers_from_daily_sums(filters):
        stmt = _where_sums(select(func.min(DailySums.day), func.max(DailySums.day)), filters)
        with engine.connect() as conn:
            first, last = conn.execute(stmt).one()
        return tuple(  # type: ignore[return-value]
            None if d is None else datetime.combine(d, time.min) for d in (first, last)
        )
    # Two queries: SQLite reads a lone MIN or MAX off the index, both together scan it.
    with engine.connect() as conn:
        oldest, newest = (
            conn.scalar(_where(select(bound(Response.submitted_at)), filters))
            for bound in (func.min, func.max)
        )
    return oldest, newest


def responses_frame(
    engine: Engine,
    filters: Filters | None = None,
    columns: Iterable[str] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Responses matching `filters` (all columns unless named), oldest first."""
    columns = list(columns) if columns else None
    chosen = _chosen(columns)
    stmt = _where(select(*chosen), filters).order_by(Response.submitted_at, Response.id)
    if limit:
        stmt = stmt.limit(limit)
    with engine.connect() as conn:
        frame = _read_responses(conn, stmt, columns)
    if "submitted_at" in frame:
        frame["submitted_at"] = pd.to_datetime(frame["submitted_at"]).dt.tz_localize("UTC")
    return frame


def _chosen(columns: Iterable[str] | None) -> list[Any]:
    """The response columns named (all unless named), with the import when `extra` is named:
    its names are stored once per import (db/extras.py)."""
    if not columns:
        return [Response.__table__]
    names = list(columns)
    if "extra" in names and "import_id" not in names:
        names.append("import_id")
    return [Response.__table__.c[name] for name in names]


def _read_responses(
    conn: Connection, stmt: Select[Any], columns: Iterable[str] | None
) -> pd.DataFrame:
    """The responses `stmt` reads, each extra as {name: value}, in the columns asked for."""
    frame = named_extras(conn, pd.read_sql(stmt, conn))
    if columns:
        wanted = list(columns)
        if "import_id" in frame and "import_id" not in wanted:
            frame = frame.drop(columns="import_id")
    return frame


def stage_responses(
    engine: Engine,
    stage: str,
    filters: Filters | None = None,
    columns: Iterable[str] | None = None,
    newest: int | None = None,
) -> pd.DataFrame:
    """The responses of one stage matching `filters` (all columns unless named), oldest
    first; only the `newest` ones when given (read backwards off the stage's date index)."""
    columns = list(columns) if columns else None
    chosen = _chosen(columns)
    stmt = _where(select(*chosen).where(Response.stage == stage), filters)
    if newest is not None:
        stmt = stmt.order_by(Response.submitted_at.desc(), Response.id.desc()).limit(newest)
    else:
        stmt = stmt.order_by(Response.submitted_at, Response.id)
    with engine.connect() as conn:
        frame = _read_responses(conn, stmt, columns)
    if newest is not None:
        frame = frame.iloc[::-1].reset_index(drop=True)
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


def _of_customers(
    conn: Connection, columns: list[Any], customers: Iterable[str], filters: Filters | None
) -> pd.DataFrame:
    """The matching responses of `customers`, by customer, time and id (chunked lookups)."""
    r = Response
    ids = sorted({str(c) for c in customers})
    order = (r.customer_id, r.submitted_at, r.id)
    parts = [
        pd.read_sql(
            _where(
                select(*columns).where(r.customer_id.in_(ids[i : i + _KEY_CHUNK])), filters
            ).order_by(*order),
            conn,
        )
        for i in range(0, len(ids), _KEY_CHUNK)
    ]
    if not parts:
        return pd.DataFrame(columns=[c.key for c in columns])
    frame = pd.concat(parts, ignore_index=True)
    # Chunks follow Python's order of ids; the database's collation may differ.
    frame = frame.sort_values([F.CUSTOMER_ID, F.SUBMITTED_AT], kind="stable")
    return frame.reset_index(drop=True)


def customer_stage_sequence(
    engine: Engine, filters: Filters | None = None, customers: Iterable[str] | None = None
) -> pd.DataFrame:
    """customer_id, submitted_at, stage of customers with several matching responses, in
    order; only of `customers` when given (looked up by customer id, in chunks)."""
    r = Response
    columns = [r.customer_id, r.submitted_at, r.stage]
    with engine.connect() as conn:
        if customers is None:
            repeat = _where(
                select(r.customer_id).where(r.customer_id.is_not(None)).group_by(r.customer_id),
                filters,
            ).having(func.count() > 1)
            stmt = _where(select(*columns).where(r.customer_id.in_(repeat)), filters)
            frame = pd.read_sql(stmt.order_by(r.customer_id, r.submitted_at, r.id), conn)
        else:
            frame = _of_customers(conn, columns, customers, filters)
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"]).dt.tz_localize("UTC")
    repeated = frame["customer_id"].duplicated(keep=False)
    return frame[repeated].reset_index(drop=True)


def recent_customers_responses(
    engine: Engine, filters: Filters | None, customers: int, columns: Iterable[str]
) -> pd.DataFrame:
    """Every matching response of the customers behind the newest `customers` matching
    responses that have a customer id (all of them when fewer), by customer and time.

    The Insights page's sample for customer-level figures (moments of truth, channel
    hopping): whole journeys of recent customers, read by customer id.
    """
    r = Response
    newest = (
        _where(select(r.customer_id).where(r.customer_id.is_not(None)), filters)
        .order_by(r.submitted_at.desc(), r.id.desc())
        .limit(customers)
    )
    chosen = [Response.__table__.c[name] for name in columns]
    with engine.connect() as conn:
        ids = conn.scalars(newest).all()
        frame = _of_customers(conn, chosen, ids, filters)
    if "submitted_at" in frame:
        frame["submitted_at"] = pd.to_datetime(frame["submitted_at"]).dt.tz_localize("UTC")
    return frame


def negative_comments(
    engine: Engine,
    units: Iterable[tuple[str, str | None]],
    filters: Filters | None = None,
    per_unit: int = 2_000,
    columns: Iterable[str] = (
        "stage",
        "touchpoint",
        "comment",
        "language",
        "sentiment",
        "sentiment_label",
        "nps",
        "csat",
    ),
) -> pd.DataFrame:
    """The `per_unit` most negative comments of each (stage, touchpoint or None), read in
    sentiment order off ix_responses_extremes: the pain points' voices and themes.
    Each response once (with its id and submitted_at), oldest first."""
    r = Response
    columns = list(dict.fromkeys(["id", "submitted_at", *columns]))
    chosen = [Response.__table__.c[name] for name in columns]
    frames = []
    with engine.connect() as conn:
        for stage, touchpoint in dict.fromkeys(units):
            stmt = select(*chosen).where(
                r.stage == stage, r.sentiment_label == "negative", r.comment.is_not(None)
            )
            if touchpoint is not None:
                stmt = stmt.where(r.touchpoint == touchpoint)
            # Ties in the order the full frame has them (time, then id): the same sample.
            order = (r.sentiment, r.submitted_at, r.id)
            stmt = _where(stmt, filters).order_by(*order).limit(per_unit)
            frames.append(pd.read_sql(stmt, conn))
    if not frames:
        return pd.DataFrame(columns=columns)
    # A stage and its cells overlap: each response once, oldest first like responses_frame.
    found = pd.concat(frames, ignore_index=True).drop_duplicates("id")
    found = found.sort_values(["submitted_at", "id"], na_position="first", kind="stable")
    found["submitted_at"] = pd.to_datetime(found["submitted_at"]).dt.tz_localize("UTC")
    return found.reset_index(drop=True)


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
    language), most frequent first; empty values left out. Read from daily_sums."""
    column = {
        "survey": DailySums.survey,
        "touchpoint": DailySums.touchpoint,
        "segment": DailySums.segment,
        "language": DailySums.language,
    }[field]
    n = func.sum(DailySums.n).label("n")
    stmt = (
        select(column.label("value"), n)
        .where(column.is_not(None), column != "")
        .group_by(column)
        .order_by(n.desc(), column)
    )
    with engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    return frame.astype({"n": int})


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
    if conn.scalar(select(Response.id).limit(1)) is None:
        return found  # the first import into an empty database: nothing to look up
    keys = list(keys)
    # Plain driver placeholders: SQLAlchemy's expansion of 5,000 values per IN cost six
    # times the lookup itself at a million keys.
    placeholder = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(conn.dialect.paramstyle)
    for start in range(0, len(keys), _KEY_CHUNK):
        chunk = keys[start : start + _KEY_CHUNK]
        if placeholder is None:
            query = select(Response.source_key).where(Response.source_key.in_(chunk))
            found.update(conn.scalars(query))
            continue
        marks = ", ".join([placeholder] * len(chunk))
        sql = f"SELECT source_key FROM {Response.__tablename__} WHERE source_key IN ({marks})"
        found.update(row[0] for row in conn.exec_driver_sql(sql, tuple(chunk)))
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
