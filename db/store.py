"""Writes: one transaction per import, so a failure leaves nothing behind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, String, bindparam, insert, select, update

from cxcore import fields as F
from cxcore.followup import QUEUE_STATUSES
from db.audit import write_audit
from db.bulk import fit_text, indexes_built_after, insert_frame, is_large_load, loading
from db.daily_sums import add_to_daily_sums, daily_sums_of, days_of_ids, refresh_daily_sums
from db.engine import lock_for_writing, refresh_statistics
from db.extras import by_position
from db.queries import stored_keys
from db.schema import (
    FollowUp,
    Import,
    Rejection,
    Response,
    Revision,
    SavedMapping,
    SealedCustomerId,
)

__all__ = [
    "ImportSummary",
    "bump_revision",
    "remember_mapping",
    "save_import",
    "set_follow_ups",
    "set_manual_tags",
    "split_new",
    "update_sentiment",
]

Progress = Callable[[float, str], None]
_INSERT_CHUNK = 20_000
_STORED_COLUMNS = [c.name for c in Response.__table__.columns if c.name not in ("id", "import_id")]
_TEXT_LENGTHS = {
    c.name: getattr(c.type, "length", None)
    for table in (Response.__table__, Rejection.__table__)
    for c in table.columns
    if isinstance(c.type, String)
}


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: counts, and the rejected rows with their reasons."""

    import_id: int | None
    rows: int
    accepted: int
    rejected: int
    duplicates: int
    rejections: pd.DataFrame = field(repr=False)
    # What the reader should know of how the file was read (SurveyTable.notices).
    notices: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape the CLI prints."""
        return {
            "import_id": self.import_id,
            "rows": self.rows,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
            "rejections": [
                {"row": int(r.row_number), "reason": str(r.reason)}
                for r in self.rejections.itertuples(index=False)
            ],
            "notices": list(self.notices),
        }


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def split_new(conn: Connection, accepted: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The rows of `accepted` not stored yet nor repeated in the file, and how many were."""
    # Only filtered when something is left out: a filter copies every column of every row.
    new = accepted
    repeated = new[F.SOURCE_KEY].duplicated(keep="first")
    if repeated.any():
        new = new[~repeated]
    stored = stored_keys(conn, new[F.SOURCE_KEY])
    if stored:
        held = new[F.SOURCE_KEY].isin(stored)
        if held.any():
            new = new[~held]
    return new, len(accepted) - len(new)


def bump_revision(conn: Connection) -> None:
    """Mark the data as changed, inside the caller's transaction."""
    changed = conn.execute(update(Revision).values(value=Revision.value + 1)).rowcount
    if not changed:
        conn.execute(insert(Revision), {"id": 1, "value": 1})


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    out = frame.reindex(columns=columns).copy()
    if "submitted_at" in out and isinstance(out["submitted_at"].dtype, pd.DatetimeTZDtype):
        out["submitted_at"] = out["submitted_at"].dt.tz_convert("UTC").dt.tz_localize(None)
    for name in out.columns:
        if name in _TEXT_LENGTHS:
            out[name] = fit_text(out[name], _TEXT_LENGTHS[name])
    out = out.astype(object).where(out.notna(), None)
    return out.to_dict("records")  # type: ignore[return-value]


def save_import(
    engine: Engine,
    *,
    filename: str,
    survey: str | None,
    layout: str,
    encoding: str,
    mapping: dict[str, str],
    accepted: pd.DataFrame,
    rejected: pd.DataFrame,
    survey_stage: str | None = None,
    progress: Progress | None = None,
    user: str = "local",
    sealed_ids: pd.DataFrame | None = None,
    notices: tuple[str, ...] = (),
) -> ImportSummary:
    """Store one import atomically; rows already stored are counted as duplicates.

    `sealed_ids` (pseudonym, sealed): customer ids encrypted outside the database, stored
    for the pseudonyms not stored yet. `notices` are handed back in the summary.
    """
    report = progress or (lambda _f, _m: None)
    with loading(engine) as conn:
        lock_for_writing(conn)  # before reading which rows are new: a second import waits
        report(0.0, "Finding duplicates")
        new, duplicates = split_new(conn, accepted)
        # The unmapped columns' names once, on the import; each row keeps its values only.
        extra_columns, extras = by_position(new[F.EXTRA].tolist() if F.EXTRA in new else [])
        import_id = conn.execute(
            insert(Import).returning(Import.id),
            {
                "created_at": datetime.now(UTC).replace(tzinfo=None),
                "filename": filename[:255],
                "survey": survey,
                "layout": layout,
                "encoding": encoding,
                "rows": len(accepted) + len(rejected),
                "accepted": len(new),
                "rejected": len(rejected),
                "duplicates": duplicates,
                "mapping": mapping,
                "survey_stage": survey_stage,
                "extra_columns": extra_columns or None,
            },
        ).scalar_one()
        stored = {"import_id": import_id}
        columns = [c for c in _STORED_COLUMNS if c in new.columns]
        rows = new[columns]
        if F.EXTRA in rows:
            rows = rows.assign(**{F.EXTRA: pd.Series(extras, index=rows.index, dtype=object)})

        # The bar: rows stored up to 75%, indexes built (a large load) up to 95%, then sums.
        def indexing(fraction: float, message: str) -> None:
            report(0.75 + 0.2 * fraction, message)

        with (
            ThreadPoolExecutor(1) as beside,
            indexes_built_after(conn, Response.__table__, len(new), indexing),
        ):
            insert_frame(
                conn,
                Response.__table__,
                rows,
                stored,
                progress=lambda f, m: report(0.75 * f, m),
                message="Storing responses",
            )
            # Made in pandas while SQLite builds the indexes (it lets go of the GIL then);
            # not while it stores rows: sharing the GIL row by row slowed storing.
            sums = beside.submit(daily_sums_of, new) if len(new) else None
        report(0.95, "Adding up each day's responses")
        add_to_daily_sums(conn, new, sums.result() if sums is not None else None)
        if sealed_ids is not None and len(sealed_ids):
            _store_sealed_ids(conn, sealed_ids)
        rejected_columns = [c for c in F.REJECTION_COLUMNS if c in rejected.columns]
        insert_frame(conn, Rejection.__table__, rejected[rejected_columns], stored)
        write_audit(
            conn,
            user,
            "import",
            import_id,
            {"filename": filename[:255], "survey": survey, "accepted": len(new)}
            | {"rejected": len(rejected), "duplicates": duplicates},
        )
        bump_revision(conn)
        # Committing a million rows (SQLite copies them from its log into the file) and
        # tidying up for the planner (PostgreSQL: vacuuming them) take seconds: the bar says so.
        report(0.97, "Saving to the database")
    refresh_statistics(engine, large_load=is_large_load(len(new)))
    report(1.0, "Stored")
    return ImportSummary(
        import_id,
        len(accepted) + len(rejected),
        len(new),
        len(rejected),
        duplicates,
        rejected.reset_index(drop=True),
        notices,
    )


def _store_sealed_ids(conn: Connection, sealed: pd.DataFrame) -> None:
    """Add the sealed ids of pseudonyms not stored yet (one row per customer, ever)."""
    pseudonyms = sealed["pseudonym"].tolist()
    known: set[str] = set()
    for chunk in _chunks(pseudonyms, 5_000):
        column = SealedCustomerId.pseudonym
        known.update(conn.scalars(select(column).where(column.in_(chunk))))
    new = sealed[~sealed["pseudonym"].isin(known)]
    if len(new):
        insert_frame(conn, SealedCustomerId.__table__, new[["pseudonym", "sealed"]])


def remember_mapping(engine: Engine, signature: str, mapping: dict[str, str]) -> None:
    """Remember a confirmed mapping for files whose headers have this signature."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with engine.begin() as conn:
        conn.execute(SavedMapping.__table__.delete().where(SavedMapping.signature == signature))
        conn.execute(
            insert(SavedMapping), {"signature": signature, "mapping": mapping, "updated_at": now}
        )


def set_manual_tags(
    engine: Engine,
    response_ids: list[int],
    stage: str | None,
    touchpoint: str | None,
    *,
    user: str = "local",
) -> int:
    """Tag responses by hand (stored as `manual`, never overwritten by re-tagging)."""
    values: dict[str, str] = {}
    if stage:
        values |= {"stage": stage, "stage_source": "manual"}
    if touchpoint:
        values |= {"touchpoint": touchpoint, "touchpoint_source": "manual"}
    if not values or not response_ids:
        return 0
    changed = 0
    with engine.begin() as conn:
        lock_for_writing(conn)
        for start in range(0, len(response_ids), 5_000):
            chunk = [int(i) for i in response_ids[start : start + 5_000]]
            changed += conn.execute(
                update(Response).where(Response.id.in_(chunk)).values(**values)
            ).rowcount
        ids = [int(i) for i in response_ids]
        refresh_daily_sums(conn, days_of_ids(conn, ids))
        write_audit(
            conn,
            user,
            "retag",
            f"{len(ids)} responses",
            {
                "stage": stage,
                "touchpoint": touchpoint,
                "changed": changed,
                "response_ids": ids[:1000],
            },
        )
        bump_revision(conn)
    return changed


def _text_or_none(value: Any) -> str | None:
    """Trimmed text; None for a missing value (None, NaN) or only spaces."""
    if value is None or value != value:
        return None
    return str(value).strip() or None


def set_follow_ups(engine: Engine, changes: pd.DataFrame, *, user: str = "local") -> int:
    """Store the status, owner and note of followed-up responses (columns response_id,
    status, owner, note; one row replaces what was stored), audited as `user`'s; the
    number stored.

    Raises ValueError naming the response when a status is not open, contacted or resolved.
    """
    now = datetime.now(UTC).replace(tzinfo=None)
    records = []
    for row in changes.itertuples(index=False):
        status = str(row.status).strip().lower()
        if status not in QUEUE_STATUSES:
            raise ValueError(
                f"Response {row.response_id}: status {row.status!r} is not one of "
                f"{', '.join(QUEUE_STATUSES)}."
            )
        records.append(
            {
                "response_id": int(row.response_id),
                "status": status,
                "owner": _text_or_none(getattr(row, "owner", None)),
                "note": _text_or_none(getattr(row, "note", None)),
                "updated_at": now,
            }
        )
    if not records:
        return 0
    ids = [r["response_id"] for r in records]
    with engine.begin() as conn:
        lock_for_writing(conn)
        for chunk in _chunks(ids, 5_000):
            conn.execute(FollowUp.__table__.delete().where(FollowUp.response_id.in_(chunk)))
        for chunk in _chunks(records, _INSERT_CHUNK):
            conn.execute(insert(FollowUp), chunk)
        statuses = pd.Series([r["status"] for r in records]).value_counts()
        write_audit(
            conn,
            user,
            "follow_up",
            f"{len(records)} responses",
            {"statuses": {str(k): int(v) for k, v in statuses.items()}, "response_ids": ids[:1000]},
        )
        bump_revision(conn)
    return len(records)


def update_sentiment(
    engine: Engine, scored: pd.DataFrame, *, user: str = "local", target: str | None = None
) -> int:
    """Store re-scored sentiment (columns id, language, sentiment, label, model) in one go."""
    columns = ["language", "sentiment", "sentiment_label", "sentiment_model"]
    records = _records(scored.rename(columns={"id": "_id"}), ["_id", *columns])
    statement = (
        update(Response)
        .where(Response.id == bindparam("_id"))
        .values({c: bindparam(c) for c in columns})
    )
    with engine.begin() as conn:
        lock_for_writing(conn)
        for chunk in _chunks(records, _INSERT_CHUNK):
            conn.execute(statement, chunk)
        refresh_daily_sums(conn, days_of_ids(conn, (r["_id"] for r in records)))
        write_audit(conn, user, "rescore", target, {"responses": len(records)})
        bump_revision(conn)
    return len(records)
