"""Why the configured database cannot be used, in a sentence that says what to fix.

A folder or a damaged file given as the database, a folder that does not exist, a read-only
or full disk, a PostgreSQL server that does not answer, a URL no driver reads: each
becomes `DatabaseUnusable` with one line naming the database (never its password) and the
fix, instead of a driver's traceback. The CLI exits with 2; the pages show the line.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

__all__ = ["DatabaseUnusable", "check_sqlite_path", "disk_full", "explain", "place"]

_FIX = "or set CX_DATABASE_URL (or --db) to another database"


class DatabaseUnusable(Exception):
    """The database cannot be opened or written; the message says what to fix."""


def place(url: str | URL) -> str:
    """The database as a person names it: a SQLite file's path, else host:port/name."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return "(an unreadable URL)"
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return f"{parsed.host or 'localhost'}:{parsed.port or 'default port'}/{parsed.database or ''}"


def disk_full(url: str | URL) -> DatabaseUnusable:
    """The error for a write that found the database's disk full."""
    return DatabaseUnusable(
        f"The disk holding the database {place(url)} is full: nothing was stored; "
        "free some space and try again."
    )


def check_sqlite_path(path: Path, *, create_folder: bool) -> None:
    """Refuse a SQLite file that cannot be one: a folder, or a file in a missing folder
    (created only for the default database: a mistyped path must not become an empty
    dashboard)."""
    if path.is_dir():
        raise DatabaseUnusable(
            f"The database {path} is a folder, not a file: name a file in it "
            f"(e.g. {path / 'cx.sqlite'}), {_FIX}."
        )
    if path.parent.is_dir():
        return
    if create_folder:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return
        except OSError:
            pass
    raise DatabaseUnusable(
        f"The folder {path.parent} of the database does not exist: create it, {_FIX}."
    )


def explain(error: BaseException, url: str | URL) -> DatabaseUnusable | None:
    """`error` as a DatabaseUnusable when it is one of the configuration or disk problems
    above; None for any other error (a bug, a lock), which keeps its own traceback."""
    where = place(url)
    if isinstance(error, NoSuchModuleError | ModuleNotFoundError):
        scheme = str(url).split("://", 1)[0]
        return DatabaseUnusable(
            f"The database URL scheme '{scheme}' is not supported: use a SQLite file path "
            "or sqlite:///path/cx.sqlite, or postgresql+psycopg://user:password@host/name."
        )
    if isinstance(error, ArgumentError):
        return DatabaseUnusable(
            "The database URL is not valid: use a SQLite file path or "
            "postgresql+psycopg://user:password@host/name."
        )
    message = str(getattr(error, "orig", None) or error).lower()
    if "disk is full" in message or "no space left" in message or _errno(error) == errno.ENOSPC:
        return disk_full(url)
    if (
        "readonly database" in message
        or "read-only" in message
        or (str(url).startswith("sqlite") and _read_only_disk(where))
    ):
        return DatabaseUnusable(
            f"The database {where} is read-only (the file, its folder or its disk): "
            f"make it writable, {_FIX}."
        )
    if "file is not a database" in message or "malformed" in message:
        return DatabaseUnusable(
            f"{where} is not a usable SQLite database (it is damaged or another kind of "
            f"file): restore it from a backup, {_FIX}."
        )
    if "unable to open database file" in message:
        return DatabaseUnusable(
            f"The database {where} cannot be opened or created: check that this user may "
            f"write to its folder, {_FIX}."
        )
    if isinstance(error, DBAPIError) and (
        error.connection_invalidated or "connection" in message or "could not connect" in message
    ):
        return DatabaseUnusable(
            f"Cannot connect to the database server at {where}: check that it is running "
            "and that CX_DATABASE_URL (or --db) names the right host, port, database, user "
            "and password."
        )
    if isinstance(error, OSError):
        return DatabaseUnusable(
            f"The database {where} cannot be used ({error.strerror}): fix that, {_FIX}."
        )
    return None


def _read_only_disk(path: str) -> bool:
    """True when the folder of SQLite file `path` is on a file system mounted read-only."""
    folder = Path(path).parent
    try:
        return folder.is_dir() and bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _errno(error: BaseException) -> int | None:
    return getattr(error, "errno", None) or getattr(getattr(error, "orig", None), "errno", None)
