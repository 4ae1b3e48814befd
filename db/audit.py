"""The audit log (who did what, when) and the sign-in lock-out state.

`write_audit` takes the caller's connection, so the entry is written in the same
transaction as the change it records: both are stored, or neither.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, select, update

from db.schema import AuditEntry, SignInLock

__all__ = [
    "AUDIT_ACTIONS",
    "audit_frame",
    "count_sign_in",
    "record_audit",
    "save_sign_in_lock",
    "sign_in_lock",
    "write_audit",
]

LockTuple = tuple[int, datetime | None]

# Every action the audit log records, so the log can be shown in the reader's language.
AUDIT_ACTIONS: tuple[str, ...] = (
    "import",
    "delete_import",
    "retag",
    "follow_up",
    "rescore",
    "taxonomy_change",
    "move_stage",
    "sign_in_locked",
    "user_add",
    "user_remove",
    "user_list",
    "action_add",
    "action_edit",
    "reveal_ids",
    "download_ids",
    "download",
    "keyed_source_keys",
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def write_audit(
    conn: Connection,
    user: str,
    action: str,
    target: str | int | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Record one action inside the caller's transaction."""
    conn.execute(
        insert(AuditEntry),
        {
            "at": _now(),
            "user": (user or "unknown")[:255],
            "action": action,
            "target": None if target is None else str(target)[:255],
            "details": details or {},
        },
    )


def record_audit(
    engine: Engine,
    user: str,
    action: str,
    target: str | int | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Record an action whose change lives outside the database (the users file)."""
    with engine.begin() as conn:
        write_audit(conn, user, action, target, details)


def audit_frame(engine: Engine, limit: int = 1_000) -> pd.DataFrame:
    """The newest audit entries first: at, user, action, target, details."""
    a = AuditEntry
    stmt = select(a.at, a.user, a.action, a.target, a.details).order_by(a.id.desc()).limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return pd.DataFrame(rows, columns=["at", "user", "action", "target", "details"])


def sign_in_lock(engine: Engine, name: str) -> tuple[int, datetime | None]:
    """Failed sign-ins in a row for `name` and until when it is locked (UTC, naive)."""
    with engine.connect() as conn:
        row = conn.execute(
            select(SignInLock.failures, SignInLock.locked_until).where(SignInLock.name == name)
        ).first()
    return (int(row.failures), row.locked_until) if row else (0, None)


def count_sign_in(
    engine: Engine, name: str, count: Callable[[LockTuple], LockTuple]
) -> tuple[LockTuple, LockTuple]:
    """Count one sign-in attempt for `name` before its password is checked: the stored
    (failures, locked_until) and `count(stored)` written in one serialized transaction, so
    parallel guesses each see the one before. Returns (before, after); a lock that starts
    here is audited."""
    name = name[:255]
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # the whole read-count-write at once
        else:
            exists = select(SignInLock.name).where(SignInLock.name == name)
            if conn.execute(exists).first() is None:
                conn.execute(
                    _insert_new(conn),
                    {"name": name, "failures": 0, "locked_until": None},
                )
        row = conn.execute(
            select(SignInLock.failures, SignInLock.locked_until)
            .where(SignInLock.name == name)
            .with_for_update()
        ).first()
        before: LockTuple = (int(row.failures), row.locked_until) if row else (0, None)
        after = count(before)
        if after != before:
            _store_lock(conn, name, after, before, kept=row is not None)
    return before, after


def _insert_new(conn: Connection) -> Any:
    """An insert of a sign-in row that does nothing when another session made it first."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    return pg_insert(SignInLock).on_conflict_do_nothing(index_elements=["name"])


def _store_lock(
    conn: Connection, name: str, after: LockTuple, before: LockTuple, *, kept: bool
) -> None:
    """Write `after` over the row of `name` (updated in place, so sessions waiting on it
    read the new count); a lock that starts now is audited."""
    values = {"failures": after[0], "locked_until": after[1]}
    if kept:
        conn.execute(update(SignInLock).where(SignInLock.name == name).values(values))
    else:
        conn.execute(insert(SignInLock), {"name": name, **values})
    if after[1] and after[1] != before[1]:
        write_audit(conn, name, "sign_in_locked", name, {"until": after[1].isoformat()})


def save_sign_in_lock(
    engine: Engine, name: str, failures: int, locked_until: datetime | None
) -> None:
    """Store the lock state of `name`; a lock that starts now is also audited."""
    with engine.begin() as conn:
        before = conn.execute(
            select(SignInLock.locked_until).where(SignInLock.name == name)
        ).scalar_one_or_none()
        conn.execute(delete(SignInLock).where(SignInLock.name == name))
        if failures or locked_until:
            conn.execute(
                insert(SignInLock),
                {"name": name[:255], "failures": failures, "locked_until": locked_until},
            )
        if locked_until and locked_until != before:
            write_audit(conn, name, "sign_in_locked", name, {"until": locked_until.isoformat()})
