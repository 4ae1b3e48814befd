"""Undo: delete an import with everything derived from it, recorded in the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, exists, func, select

from db.audit import write_audit
from db.daily_sums import days_of, refresh_daily_sums
from db.engine import lock_for_writing
from db.schema import Import, Rejection, Response, SealedCustomerId
from db.store import bump_revision

__all__ = ["DeletedImport", "delete_import"]


@dataclass(frozen=True)
class DeletedImport:
    """What a deletion removed."""

    import_id: int
    filename: str
    responses: int
    rejections: int


def delete_import(engine: Engine, import_id: int, *, user: str = "local") -> DeletedImport | None:
    """Delete import `import_id`, its responses and rejected rows in one transaction.

    Tables that hang off responses (follow-ups …) go with them through ON DELETE CASCADE,
    which the engine enforces on SQLite (`PRAGMA foreign_keys=ON`). None when no such import.
    """
    with engine.begin() as conn:
        lock_for_writing(conn)
        filename = conn.scalar(select(Import.filename).where(Import.id == import_id))
        if filename is None:
            return None
        responses = conn.scalar(
            select(func.count(Response.id)).where(Response.import_id == import_id)
        )
        rejections = conn.scalar(
            select(func.count(Rejection.id)).where(Rejection.import_id == import_id)
        )
        days = days_of(conn, Response.import_id == import_id)
        # Children first, so the same statements work with or without cascading keys.
        conn.execute(delete(Response).where(Response.import_id == import_id))
        conn.execute(delete(Rejection).where(Rejection.import_id == import_id))
        conn.execute(delete(Import).where(Import.id == import_id))
        _forget_sealed_ids(conn)
        refresh_daily_sums(conn, days)
        deleted = DeletedImport(import_id, filename, int(responses or 0), int(rejections or 0))
        write_audit(
            conn,
            user,
            "delete_import",
            import_id,
            {
                "filename": filename,
                "responses": deleted.responses,
                "rejections": deleted.rejections,
            },
        )
        bump_revision(conn)
    return deleted


def _forget_sealed_ids(conn: Connection) -> None:
    """Delete the encrypted ids of customers no response names any more (erasure)."""
    named = exists().where(Response.customer_id == SealedCustomerId.pseudonym)
    conn.execute(delete(SealedCustomerId).where(~named))
