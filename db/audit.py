"""The audit log (who did what, when) and the sign-in lock-out state.

`write_audit` takes the caller's connection, so the entry is written in the same
transaction as the change it records: both are stored, or neither.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, select

from db.schema import AuditEntry, SignInLock

__all__ = ["audit_frame", "record_audit", "save_sign_in_lock", "sign_in_lock", "write_audit"]


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
