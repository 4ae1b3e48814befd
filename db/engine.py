"""The engine: `CX_DATABASE_URL` or a SQLite file under data/ (WAL, foreign keys on)."""

from __future__ import annotations

import os
import time
from functools import lru_cache
from pathlib import Path
from typing import NoReturn

from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from db.daily_sums import daily_sums_missing, refresh_daily_sums
from db.extras import extras_by_position, extras_pending
from db.migrate import add_missing_columns
from db.schema import Base
from db.staging import remove_stale_staging
from db.unusable import DatabaseUnusable, check_sqlite_path, explain

__all__ = [
    "DEFAULT_SQLITE_PATH",
    "DatabaseBusy",
    "DatabaseUnusable",
    "get_engine",
    "lock_for_writing",
    "resolve_url",
]

DEFAULT_SQLITE_PATH = Path(__file__).resolve().parent.parent / "data" / "cx.sqlite"
# Writers wait this long for another import to finish instead of failing with "database is locked".
SQLITE_BUSY_TIMEOUT_S = 60
# Storing a million rows takes minutes: a second import waits up to this many busy timeouts.
_WRITE_WAIT_ROUNDS = 10
_WRITE_LOCK = 727_010  # any constant: PostgreSQL's advisory lock of a writer


class DatabaseBusy(Exception):
    """Another writer held the database for longer than a writer will wait."""


def resolve_url(value: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from a URL, a SQLite file path, `CX_DATABASE_URL`, or the default."""
    value = value or os.environ.get("CX_DATABASE_URL") or DEFAULT_SQLITE_PATH
    text = str(value)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _on_sqlite_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    """The engine with its schema in place; DatabaseUnusable, saying what to fix, when the
    configuration points at something that cannot be a database (never cached)."""
    try:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:" and not path.startswith("file:"):
                check_sqlite_path(Path(path), create_folder=Path(path) == DEFAULT_SQLITE_PATH)
                remove_stale_staging(Path(path).parent)  # what a crashed load left
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
            event.listen(engine, "connect", _on_sqlite_connect)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        event.listen(engine, "handle_error", _explain_error)
        _create_schema(engine)
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError, DBAPIError, OSError) as error:
        raise explain(error, url) or error from None
    return engine


def _explain_error(context) -> None:  # type: ignore[no-untyped-def]
    """A full or read-only disk, a server gone: one clear error in place of the driver's
    (and of SQLite's "cannot rollback" that followed it)."""
    if getattr(context, "is_pre_ping", False):  # the pool reconnects by itself
        return
    found = explain(context.sqlalchemy_exception or context.original_exception, context.engine.url)
    if found is not None:
        raise found from context.original_exception


def lock_for_writing(conn: Connection) -> None:
    """Take the database's write lock now, waiting while another import or change writes.

    SQLite: BEGIN IMMEDIATE. A transaction that reads first and writes later cannot wait:
    SQLite fails it with "database is locked" when another writer committed in between.
    PostgreSQL: a transaction-level advisory lock. Without it two imports of the same rows
    both found them new, and the second failed on the unique key instead of counting them
    as duplicates. Either way a second import waits, then sees the first one's rows.
    """
    if conn.dialect.name == "postgresql":
        _advisory_write_lock(conn)
        return
    if conn.dialect.name != "sqlite":
        return
    for _ in range(_WRITE_WAIT_ROUNDS):
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
    _busy()


def _advisory_write_lock(conn: Connection) -> None:
    """PostgreSQL's write lock, polled (a failed wait would end the transaction), given up
    after as long as a SQLite writer waits."""
    deadline = time.monotonic() + _WRITE_WAIT_ROUNDS * SQLITE_BUSY_TIMEOUT_S
    while not conn.execute(select(func.pg_try_advisory_xact_lock(_WRITE_LOCK))).scalar():
        if time.monotonic() >= deadline:
            _busy()
        time.sleep(0.2)


def _busy() -> NoReturn:
    waited = _WRITE_WAIT_ROUNDS * SQLITE_BUSY_TIMEOUT_S
    span = f"{waited // 60} minutes" if waited >= 120 else f"{waited} seconds"
    raise DatabaseBusy(
        f"Another import or change has been writing to the database for over {span}: "
        "nothing was stored; try again when it has finished."
    )


def _create_schema(engine: Engine) -> None:
    """Create missing tables; a second process starting at the same moment is no error."""
    try:
        Base.metadata.create_all(engine)
    except OperationalError as error:
        if "already exists" not in str(error):
            raise
        Base.metadata.create_all(engine)  # the other process made them: check the rest
    add_missing_columns(engine)  # a database made before a column was added gets it
    with engine.connect() as conn:
        missing = daily_sums_missing(conn)
        pending = extras_pending(conn)
    if pending:  # a database made before the extra columns' names were kept once
        with engine.begin() as conn:
            lock_for_writing(conn)
            if extras_pending(conn):  # another process may have done it meanwhile
                extras_by_position(conn)
    if missing:  # a database made before daily_sums: add it up once
        with engine.begin() as conn:
            lock_for_writing(conn)
            if daily_sums_missing(conn):  # another process may have done it meanwhile
                refresh_daily_sums(conn)
        refresh_statistics(engine)


def refresh_statistics(engine: Engine, *, large_load: bool = False) -> None:
    """Let the query planner see the tables' shape after a large write.

    Without statistics SQLite picks the first index that matches the stage and sorts a
    whole stage to read its newest rows (1.6 s against 0.03 s at a million). A sampled
    ANALYZE takes well under a second; PostgreSQL's autovacuum also does this, later.
    After a `large_load` PostgreSQL is vacuumed too: until then the first reader of each
    new row checks whether its transaction committed and marks the page, and no index
    answers alone (the canvas's voices cold after a million rows: 0.19–0.28 s, 0.15 s
    vacuumed; the VACUUM took 0.5 s). A table another session is vacuuming, analysing or
    indexing (another replica's import, a DBA) is skipped, not waited for: the import has
    committed, and that session or autovacuum does the same work.
    """
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            conn.exec_driver_sql("ANALYZE")
        return
    command = "VACUUM (ANALYZE, SKIP_LOCKED)" if large_load else "ANALYZE (SKIP_LOCKED)"
    # VACUUM cannot run inside a transaction; neither blocks readers or writers.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"{command} responses, daily_sums")


def get_engine(url: str | os.PathLike[str] | None = None) -> Engine:
    """The (cached) engine for `url`; creates the schema on first use."""
    return _engine_for(resolve_url(url))
