"""Unmapped columns kept with each response: the import's column names stored once, each
response's values by position.

An import's `extra_columns` lists the names; a response's `extra` is the list of its values
in that order (None where the row had none, trailing ones left out). Before 2027-01 each
response held {name: value}, so a long column name was copied into every row (a 5 MB header
over 100 rows made a 526 MB database); `extras_by_position` rewrites such rows once, and
`named_extras` gives readers the {name: value} dicts either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, bindparam, insert, select, update

from db.schema import Import, Response, Upgrade

__all__ = [
    "EXTRA_BY_POSITION",
    "by_position",
    "extras_by_position",
    "extras_pending",
    "named",
    "named_extras",
]

EXTRA_BY_POSITION = "extra_by_position"
_CHUNK = 20_000


def by_position(extras: Sequence[Any]) -> tuple[list[str], list[list[Any]]]:
    """Each row's {name: value} → the names (in order of first appearance) and each row's
    values in that order. Rows sharing one dict (mapping._extras) share one list."""
    index: dict[str, int] = {}
    lists: dict[int, list[Any]] = {}
    out: list[list[Any]] = []
    for extra in extras:
        found = lists.get(id(extra))
        if found is None:
            found = []
            if isinstance(extra, dict) and extra:
                for name in extra:
                    index.setdefault(name, len(index))
                found = [None] * (max(index[name] for name in extra) + 1)
                for name, value in extra.items():
                    found[index[name]] = value
            lists[id(extra)] = found
        out.append(found)
    return list(index), out


def named(values: Any, names: Sequence[str] | None) -> dict[str, Any]:
    """One response's stored extra → {name: value}: values by position under the import's
    `names`, or a dict stored before the names were kept once."""
    if isinstance(values, dict):
        return values
    if not values:
        return {}
    # Trailing empty values are not stored: the names may outnumber the values.
    pairs = zip(names or (), values, strict=False)
    return {name: value for name, value in pairs if value is not None}


def named_extras(conn: Connection, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (responses with `extra` and `import_id`) with each extra as {name: value}."""
    if "extra" not in frame or not len(frame):
        return frame
    names = _names_of(conn, frame["import_id"].unique().tolist())
    frame["extra"] = [
        named(values, names.get(int(import_id)))
        for values, import_id in zip(frame["extra"], frame["import_id"], strict=True)
    ]
    return frame


def _names_of(conn: Connection, import_ids: Iterable[Any]) -> dict[int, list[str] | None]:
    """{import id: its extra column names} for `import_ids`."""
    ids = [int(i) for i in import_ids]
    names: dict[int, list[str] | None] = {}
    for start in range(0, len(ids), 5_000):
        chunk = ids[start : start + 5_000]
        stmt = select(Import.id, Import.extra_columns).where(Import.id.in_(chunk))
        names.update({int(i): columns for i, columns in conn.execute(stmt)})
    return names


def extras_pending(conn: Connection) -> bool:
    """Whether this database may still hold extras written as {name: value} per response."""
    stmt = select(Upgrade.name).where(Upgrade.name == EXTRA_BY_POSITION)
    return conn.scalar(stmt) is None


def extras_by_position(conn: Connection) -> int:
    """Rewrite every response's {name: value} extra as values under its import's names,
    inside the caller's (write-locked) transaction, and mark it done; how many rows."""
    names: dict[int, dict[str, int]] = {}
    stmt = select(Response.import_id, Response.extra).execution_options(yield_per=_CHUNK)
    for rows in conn.execute(stmt).partitions():
        for import_id, extra in rows:
            if isinstance(extra, dict):
                known = names.setdefault(int(import_id), {})
                for name in extra:
                    known.setdefault(name, len(known))
    for import_id, known in names.items():
        conn.execute(update(Import).where(Import.id == import_id).values(extra_columns=list(known)))
    rewritten, last = 0, 0
    statement = update(Response).where(Response.id == bindparam("row_id"))
    while names:
        chunk = conn.execute(
            select(Response.id, Response.import_id, Response.extra)
            .where(Response.id > last)
            .order_by(Response.id)
            .limit(_CHUNK)
        ).all()
        if not chunk:
            break
        last = chunk[-1][0]
        changes = [
            {"row_id": row_id, "values": _positions(extra, names[int(import_id)])}
            for row_id, import_id, extra in chunk
            if isinstance(extra, dict)
        ]
        if changes:
            conn.execute(statement.values(extra=bindparam("values")), changes)
            rewritten += len(changes)
    done = datetime.now(UTC).replace(tzinfo=None)
    conn.execute(insert(Upgrade), {"name": EXTRA_BY_POSITION, "done_at": done})
    return rewritten


def _positions(extra: dict[str, Any], index: dict[str, int]) -> list[Any]:
    """One {name: value} as values at the positions `index` gives their names."""
    if not extra:
        return []
    values: list[Any] = [None] * (max(index[name] for name in extra) + 1)
    for name, value in extra.items():
        values[index[name]] = value
    return values
