"""One-off upgrades of stored data: the duplicate keys recomputed from the stored rows.

What a key is (`cxcore.ingest.source_keys`) is not decided here: the caller passes the
functions; this module reads every response in chunks and writes the new keys back in one
locked transaction, marked done in the `upgrades` table in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, bindparam, func, insert, select, update

from db.audit import write_audit
from db.engine import lock_for_writing
from db.extras import named
from db.schema import Import, Response, Upgrade

__all__ = ["KEYED_SOURCE_KEYS", "rewrite_source_keys", "upgrade_done"]

KEYED_SOURCE_KEYS = "keyed_source_keys"
_CHUNK = 50_000
Progress = Callable[[float, str], None]
# Stored rows (id, mapping and the columns the key reads) → their keys, unnumbered.
KeyRows = Callable[[pd.DataFrame], list[str]]
# Every row's key in (import, row number) order → the keys stored, repeats numbered.
NumberKeys = Callable[[list[str]], list[str]]


def upgrade_done(engine: Engine, name: str) -> bool:
    """True when the upgrade `name` has been made in this database."""
    with engine.connect() as conn:
        return conn.scalar(select(Upgrade.name).where(Upgrade.name == name)) is not None


def rewrite_source_keys(
    engine: Engine, key_rows: KeyRows, number: NumberKeys, progress: Progress | None = None
) -> int | None:
    """Recompute every response's source key; one transaction; None when already done.

    Rows are read in (import, row number) order, so repeats are numbered as an import of
    their file numbers them.
    """
    report = progress or (lambda _f, _m: None)
    r = Response
    columns = [
        r.id,
        r.response_id,
        r.submitted_at,
        r.customer_id,
        r.survey,
        r.channel,
        r.segment,
        r.nps,
        r.csat,
        r.ces,
        r.comment,
        r.stage_given,
        r.touchpoint_given,
        r.extra,
        Import.mapping,
        Import.extra_columns,
    ]
    with engine.begin() as conn:
        lock_for_writing(conn)
        if conn.scalar(select(Upgrade.name).where(Upgrade.name == KEYED_SOURCE_KEYS)):
            return None  # another process did it while this one waited
        total = conn.scalar(select(func.count(r.id))) or 0
        ids: list[int] = []
        keys: list[str] = []
        stmt = (
            select(*columns)
            .join(Import, Import.id == r.import_id)
            .order_by(r.import_id, r.row_number, r.id)
            .execution_options(yield_per=_CHUNK)
        )
        result = conn.execute(stmt)
        for rows in result.partitions():
            chunk = pd.DataFrame(rows, columns=[c.key for c in columns])
            chunk["extra"] = [  # the key reads {name: value}, as when it was made
                named(values, names)
                for values, names in zip(chunk["extra"], chunk["extra_columns"], strict=True)
            ]
            ids.extend(int(i) for i in chunk["id"])
            keys.extend(key_rows(chunk))
            report(0.6 * len(ids) / max(total, 1), "Recomputing duplicate keys")
        keys = number(keys)
        statement = update(r).where(r.id == bindparam("row_id")).values(source_key=bindparam("key"))
        for start in range(0, len(ids), _CHUNK):
            pairs = zip(ids[start : start + _CHUNK], keys[start : start + _CHUNK], strict=True)
            conn.execute(statement, [{"row_id": i, "key": k} for i, k in pairs])
            report(0.6 + 0.4 * min(start + _CHUNK, len(ids)) / max(total, 1), "Storing keys")
        conn.execute(
            insert(Upgrade),
            {"name": KEYED_SOURCE_KEYS, "done_at": datetime.now(UTC).replace(tzinfo=None)},
        )
        if ids:  # a new database has nothing to upgrade: only marked
            write_audit(conn, "upgrade", KEYED_SOURCE_KEYS, None, {"responses": len(ids)})
    report(1.0, "Recomputed duplicate keys")
    return len(ids)
