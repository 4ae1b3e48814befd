"""The engine: `CX_DATABASE_URL` or a SQLite file under data/ (WAL, foreign keys on)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from db.schema import Base

__all__ = ["DEFAULT_SQLITE_PATH", "get_engine", "resolve_url"]

DEFAULT_SQLITE_PATH = Path(__file__).resolve().parent.parent / "data" / "cx.sqlite"
# Writers wait this long for another import to finish instead of failing with "database is locked".
SQLITE_BUSY_TIMEOUT_S = 60


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
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _on_sqlite_connect)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    Base.metadata.create_all(engine)
    return engine


def get_engine(url: str | os.PathLike[str] | None = None) -> Engine:
    """The (cached) engine for `url`; creates the schema on first use."""
    return _engine_for(resolve_url(url))
