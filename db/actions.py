"""Actions on the journey: add, edit and list them, each change kept in their history.

Every write records who set which field, from what to what (action_history), and an entry
in the audit log, in the same transaction as the change: both are stored, or neither.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select, update

from cxcore.actions import ACTION_FIELDS, ActionError, clean_action
from db.audit import write_audit
from db.schema import Action, ActionChange

__all__ = ["ACTION_COLUMNS", "action_history", "actions_frame", "add_action", "edit_action"]

ACTION_COLUMNS: tuple[str, ...] = (
    "id",
    *ACTION_FIELDS,
    "created_by",
    "created_at",
    "updated_at",
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _record(
    conn: Connection, action_id: int, user: str, changes: Mapping[str, tuple[Any, Any]]
) -> None:
    at = _now()
    rows = [
        {
            "action_id": action_id,
            "at": at,
            "user": (user or "unknown")[:255],
            "field": name,
            "old": _as_text(old),
            "new": _as_text(new),
        }
        for name, (old, new) in changes.items()
    ]
    if rows:
        conn.execute(insert(ActionChange), rows)


def add_action(engine: Engine, values: Mapping[str, Any], *, user: str = "local") -> int:
    """Store a new action (see cxcore.actions.clean_action for the fields), audited as
    `user`'s; its id. Raises ActionError naming a field that cannot be stored."""
    cleaned = clean_action(values)
    now = _now()
    row = cleaned | {"created_by": (user or "unknown")[:255], "created_at": now, "updated_at": now}
    with engine.begin() as conn:
        action_id = int(conn.execute(insert(Action).returning(Action.id), row).scalar_one())
        _record(conn, action_id, user, {k: (None, v) for k, v in cleaned.items() if v is not None})
        write_audit(conn, user, "action_add", action_id, {"title": cleaned["title"]})
    return action_id


def edit_action(
    engine: Engine, action_id: int, changes: Mapping[str, Any], *, user: str = "local"
) -> list[str]:
    """Change the given fields of action `action_id`, audited as `user`'s; the names of the
    fields that really changed (none: nothing is written).

    Raises ActionError when there is no such action or a field cannot be stored.
    """
    cleaned = clean_action(changes, partial=True)
    with engine.begin() as conn:
        stored = conn.execute(select(Action).where(Action.id == action_id)).mappings().first()
        if stored is None:
            raise ActionError(f"There is no action {action_id}.")
        after = {**{f: stored[f] for f in ACTION_FIELDS}, **cleaned}
        clean_action(after)  # the whole action must still hold (a due date keeps its target)
        changed = {k: (stored[k], v) for k, v in cleaned.items() if stored[k] != v}
        if not changed:
            return []
        values = {k: new for k, (_, new) in changed.items()} | {"updated_at": _now()}
        conn.execute(update(Action).where(Action.id == action_id).values(values))
        _record(conn, action_id, user, changed)
        write_audit(conn, user, "action_edit", action_id, {"fields": sorted(changed)})
    return sorted(changed)


def actions_frame(
    engine: Engine, stages: Sequence[str] = (), statuses: Sequence[str] = ()
) -> pd.DataFrame:
    """The stored actions (ACTION_COLUMNS), newest first; only those of the chosen stages
    and statuses when given. Dates are `date`s, or None."""
    stmt = select(*(Action.__table__.c[name] for name in ACTION_COLUMNS))
    if stages:
        stmt = stmt.where(Action.stage.in_(list(stages)))
    if statuses:
        stmt = stmt.where(Action.status.in_(list(statuses)))
    with engine.connect() as conn:
        rows = conn.execute(stmt.order_by(Action.id.desc())).all()
    frame = pd.DataFrame(rows, columns=list(ACTION_COLUMNS)).astype(object)
    frame["target"] = pd.to_numeric(frame["target"], errors="coerce").astype(float)
    return frame


def action_history(engine: Engine, action_id: int | None = None) -> pd.DataFrame:
    """action_id, at, user, field, old, new: who set what, when, newest first (one action's
    when given)."""
    c = ActionChange
    stmt = select(c.action_id, c.at, c.user, c.field, c.old, c.new)
    if action_id is not None:
        stmt = stmt.where(c.action_id == action_id)
    with engine.connect() as conn:
        rows = conn.execute(stmt.order_by(c.id.desc())).all()
    return pd.DataFrame(rows, columns=["action_id", "at", "user", "field", "old", "new"])
