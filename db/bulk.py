"""Bulk inserts of a DataFrame through the driver's fast path.

A million responses as a million dicts through SQLAlchemy's per-value processing took
over a minute and gigabytes; here each column is converted once, vectorised, and the rows
go as plain tuples, chunk by chunk: `executemany` on SQLite, `COPY` on PostgreSQL
(psycopg). Other drivers get SQLAlchemy Core's `insert()` with the same values. A large
SQLite load goes as Arrow columns through a staging file instead (`_insert_staged`).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import (
    JSON,
    Column,
    Connection,
    DateTime,
    Engine,
    Float,
    Integer,
    String,
    Table,
    func,
    insert,
    select,
)

from db.staging import make_staging_folder
from db.unusable import disk_full

__all__ = ["fit_text", "indexes_built_after", "insert_frame", "is_large_load", "loading"]

Progress = Callable[[float, str], None]
_CHUNK = 50_000
# SQLite's page cache while a load keeps a table's indexes up to date row by row (see
# insert_frame), and while it builds them afresh (indexes_built_after).
_KEEPING_INDEXES_CACHE_KB = 256 * 1024
_BUILDING_INDEXES_CACHE_KB = 64 * 1024
# A SQLite load this large goes through a staging file written from Arrow (_insert_staged).
_STAGED_MIN_ROWS = 50_000
_STAGED_CHUNK = 100_000
_STAGING = "cx_staging"
# Below this many new rows, keeping the indexes up to date costs less than building them.
_REBUILD_MIN_ROWS = 100_000
# A staging write that failed with less free space than this left on its disk failed for it.
_FULL_DISK_BYTES = 16 * 1024 * 1024


def fit_text(column: pd.Series, length: int | None) -> pd.Series:
    """Text as every database takes it: no NUL character (PostgreSQL refuses it), and cut
    to the column's length (PostgreSQL refuses longer values, SQLite would keep them)."""
    if column.dtype == object:
        # Checked cell by cell: pandas does not call a column with empty cells text, and
        # the comment column nearly always has some.
        cells = column.tolist()
        if _fits(cells, length):
            return column  # nothing to change: no copy of a million cells
        if not all(isinstance(c, str) or c is None or c != c for c in cells):
            return column  # not text
        end = length or None
        fixed = [c.replace("\x00", "")[:end] if isinstance(c, str) else c for c in cells]
        return pd.Series(fixed, index=column.index, dtype=object, name=column.name)
    if not pd.api.types.is_string_dtype(column) or not column.notna().any():
        return column
    text = column.astype("str")
    if text.str.contains("\x00", regex=False).any():
        text = text.str.replace("\x00", "", regex=False)
    if length and text.str.len().max() > length:
        text = text.str.slice(0, length)
    return text


def _fits(cells: list[Any], length: int | None) -> bool:
    """True when str/None cells hold no NUL and none is longer than `length` (False when
    some cell is another type: fit_text's general path decides)."""
    try:
        if "\x00" in "".join(filter(None, cells)):
            return False
        return not length or max(map(len, filter(None, cells)), default=0) <= length
    except TypeError:  # NaN, numbers, ...
        return False


def _nullable(values: np.ndarray, missing: np.ndarray) -> list[Any]:
    out = values.astype(object)
    out[missing] = None
    return out.tolist()  # type: ignore[no-any-return]


def _timestamps(column: pd.Series) -> pa.Array:
    """UTC wall-clock text, 'YYYY-MM-DD HH:MM:SS.ffffff': SQLAlchemy's own SQLite storage
    format, and a literal PostgreSQL's COPY reads."""
    moments = pd.to_datetime(column)
    if isinstance(moments.dtype, pd.DatetimeTZDtype):
        moments = moments.dt.tz_convert("UTC").dt.tz_localize(None)
    values = moments.to_numpy(dtype="datetime64[us]")
    # Arrow's cast writes that very format, and much faster than numpy's strings.
    return pc.cast(pa.array(values, mask=np.isnat(values)), pa.string())


def _json_texts(column: pd.Series) -> list[str]:
    """JSON of each value; equal dicts or lists of str cells (a few unused columns with
    repeating values, as extras mostly are) are encoded once per chunk."""
    texts: dict[tuple[tuple[Any, Any], ...], str] = {}
    listed: dict[tuple[Any, ...], str] = {}
    by_object: dict[int, str] = {}  # rows sharing one dict (see privacy.redact_frame)
    out = []
    for value in column.tolist():
        if value == {} or value == []:
            out.append("[]" if isinstance(value, list) else "{}")
            continue
        text = by_object.get(id(value))
        if text is not None:
            out.append(text)
            continue
        if isinstance(value, list):  # an extra's values by position (db/extras.py)
            cells = tuple(value)
            same = all(type(v) is str or v is None for v in cells)
            text = listed.get(cells) if same else None
            if text is None:
                text = json.dumps(value)
                if same:
                    listed[cells] = text
            by_object[id(value)] = text
            out.append(text)
            continue
        key = tuple(value.items()) if isinstance(value, dict) else ()
        # Only str keys and cells: 1, 1.0 and True are equal as keys but not as JSON.
        if not key or not all(type(k) is str and type(v) is str for k, v in key):
            out.append(json.dumps(value))
            continue
        text = texts.get(key)
        if text is None:
            text = texts[key] = json.dumps(value)
        by_object[id(value)] = text
        out.append(text)
    return out


def _column_values(column: pd.Series, sql_type: Any, *, raw_types: bool) -> list[Any]:
    """One column as plain Python values with None for missing, ready for the driver."""
    if raw_types and isinstance(sql_type, DateTime):
        return _timestamps(column).to_pylist()  # type: ignore[no-any-return]
    if raw_types and isinstance(sql_type, JSON):
        return _json_texts(column)
    if isinstance(sql_type, String):
        column = fit_text(column, sql_type.length)
    if isinstance(sql_type, Float) and column.dtype != object:
        values = column.to_numpy(dtype=float)
        return _nullable(values, np.isnan(values))
    if isinstance(sql_type, Integer) and pd.api.types.is_integer_dtype(column):
        return column.to_numpy().tolist()  # type: ignore[no-any-return]
    if isinstance(sql_type, DateTime) and isinstance(column.dtype, pd.DatetimeTZDtype):
        column = column.dt.tz_convert("UTC").dt.tz_localize(None)
    values = column.to_numpy(dtype=object)
    return _nullable(values, pd.isna(column).to_numpy(dtype=bool))


def _arrow_values(column: pd.Series, sql_type: Any) -> pa.Array:
    """The values `_column_values` gives, as an Arrow array; built from the column's own
    array where it has one, not from a Python object per cell."""
    if isinstance(sql_type, DateTime):
        return _timestamps(column)
    if isinstance(sql_type, JSON):
        return pa.array(_json_texts(column), type=pa.string())
    if isinstance(sql_type, String):
        return pa.array(fit_text(column, sql_type.length), type=pa.string(), from_pandas=True)
    if isinstance(sql_type, Float) and column.dtype != object:
        return pa.array(column.to_numpy(dtype=float), from_pandas=True)  # NaN: NULL
    if isinstance(sql_type, Integer) and pd.api.types.is_integer_dtype(column):
        return pa.array(column.to_numpy())
    return pa.array(_column_values(column, sql_type, raw_types=True), from_pandas=True)


def _chunks(frame: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    for start in range(0, len(frame), size):
        yield frame.iloc[start : start + size]


def insert_frame(
    conn: Connection,
    table: Table,
    frame: pd.DataFrame,
    constants: dict[str, Any] | None = None,
    *,
    progress: Progress | None = None,
    message: str = "Storing",
) -> int:
    """Insert `frame`'s rows into `table` (its columns that the table has, plus `constants`
    in every row) inside `conn`'s transaction; how many rows."""
    constants = constants or {}
    wanted = [
        c.name
        for c in table.columns
        if c.name in constants or (c.name in frame.columns and not _all_null(c, frame[c.name]))
    ]
    driver = conn.dialect.driver
    statement = insert(table).compile(dialect=conn.dialect, column_keys=wanted)
    # The order of the statement's placeholders (SQLite's are positional).
    columns = list(statement.positiontup or wanted)
    if driver != "pysqlite" or len(frame) < min(_CHUNK, _STAGED_MIN_ROWS):
        return _insert_chunks(conn, table, frame, constants, statement, columns, progress, message)
    # Six indexes of a large table do not fit SQLite's default 2 MB page cache, so a load
    # that keeps them up to date gets a large one. A table whose indexes were dropped for
    # the load (indexes_built_after) is only appended to, and the default cache does.
    cache = _KEEPING_INDEXES_CACHE_KB if _has_indexes(conn, table) else None
    with _page_cache(conn, cache):
        if len(frame) >= _STAGED_MIN_ROWS:
            staged = _insert_staged(conn, table, frame, constants, columns, progress, message)
            if staged is not None:
                return staged
        return _insert_chunks(conn, table, frame, constants, statement, columns, progress, message)


@contextmanager
def _page_cache(conn: Connection, kilobytes: int | None) -> Iterator[None]:
    """SQLite's page cache of `conn` at `kilobytes` inside the block (None: as it is)."""
    if kilobytes is None:
        yield
        return
    cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{kilobytes}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(cache)}")


def _has_indexes(conn: Connection, table: Table) -> bool:
    """Whether SQLite `table` has any index now (its own or a constraint's)."""
    quoted = conn.dialect.identifier_preparer.quote(table.name)
    return conn.exec_driver_sql(f"PRAGMA index_list({quoted})").first() is not None


def _insert_staged(
    conn: Connection,
    table: Table,
    frame: pd.DataFrame,
    constants: dict[str, Any],
    columns: list[str],
    progress: Progress | None,
    message: str,
) -> int | None:
    """SQLite: the rows written from Arrow columns to a staging file by ADBC's driver, then
    copied in by one INSERT … SELECT inside the caller's transaction; None (nothing
    written) when a column's values do not make one Arrow type, so the caller binds them
    row by row instead.

    `executemany` binds every value of every row from a Python object; ADBC binds from the
    Arrow buffers in C, and the copy between two SQLite files runs inside SQLite. The
    staging file lies beside the database, is attached to `conn` until the transaction
    ends (`loading`), and is deleted here: it is never part of the database.
    """
    import adbc_driver_sqlite.dbapi as adbc

    folder = make_staging_folder(_staging_dir(conn))
    try:
        path = folder / "rows.sqlite"
        with (
            adbc.connect(str(path), autocommit=True) as staging,
            staging.cursor() as cursor,
            ThreadPoolExecutor(1) as writer,  # left after the last chunk is written
        ):
            # A file read once and deleted: no journal, no waiting for the disk.
            cursor.execute("PRAGMA journal_mode=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
            written: Future[None] | None = None
            for done, chunk in enumerate(_chunks(frame, _STAGED_CHUNK), start=1):
                arrays = {
                    name: _arrow_values(chunk[name], table.c[name].type)
                    for name in columns
                    if name not in constants
                }
                # ADBC writes a chunk without the GIL, beside the next chunk's arrays made
                # here; the chunks are still written in order.
                if written is not None:
                    written.result()
                written = writer.submit(
                    cursor.adbc_ingest,
                    "rows",
                    pa.table(arrays),
                    mode="create" if done == 1 else "append",
                )
                if progress:
                    progress(min(0.9, 0.9 * done * _STAGED_CHUNK / len(frame)), message)
            if written is not None:
                written.result()
        # One name per load of the transaction (the responses, then the day sums).
        alias = f"{_STAGING}{len(_staging_files(conn))}"
        conn.exec_driver_sql(f"ATTACH DATABASE ? AS {alias}", (str(path),))
        preparer = conn.dialect.identifier_preparer
        named = ", ".join(preparer.quote(name) for name in columns)
        chosen = ", ".join("?" if name in constants else preparer.quote(name) for name in columns)
        conn.exec_driver_sql(
            f"INSERT INTO {preparer.format_table(table)} ({named}) "
            f"SELECT {chosen} FROM {alias}.rows ORDER BY rowid",
            tuple(constants[name] for name in columns if name in constants),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    except adbc.Error as error:
        # ADBC reports a full disk as the ROLLBACK that failed after it.
        if shutil.disk_usage(folder).free < _FULL_DISK_BYTES or "full" in str(error):
            raise disk_full(conn.engine.url) from error
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # attached, its space is freed on DETACH
    if progress:
        progress(1.0, message)
    return len(frame)


@contextmanager
def loading(engine: Engine) -> Iterator[Connection]:
    """`engine.begin()` for a transaction that may store a large load: the staging file a
    SQLite load attaches (`_insert_staged`) is detached once the transaction has ended."""
    with engine.connect() as conn:
        try:
            with conn.begin():
                yield conn
        finally:
            _detach_staging(conn)


def _detach_staging(conn: Connection) -> None:
    """Detach the staging files of large SQLite loads from `conn` (outside a transaction:
    SQLite cannot detach a database a transaction has read)."""
    for alias in _staging_files(conn):
        conn.exec_driver_sql(f"DETACH DATABASE {alias}")


def _staging_files(conn: Connection) -> list[str]:
    """The names staging files are attached to `conn` under (SQLite)."""
    if conn.dialect.name != "sqlite":
        return []
    attached = [row[1] for row in conn.exec_driver_sql("PRAGMA database_list")]
    return [name for name in attached if name.startswith(_STAGING)]


def _staging_dir(conn: Connection) -> str | None:
    """The database file's folder (the disk meant for it; /tmp may be memory), or the
    system's temporary folder for a database in memory."""
    database = conn.engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return str(Path(database).resolve().parent)


def _all_null(column: Column[Any], values: pd.Series) -> bool:
    """True for a nullable column with no default whose every value is missing: left out
    of the insert, it is NULL all the same, and a million rows bind one value fewer each
    (a file without a CES or survey column, say)."""
    if not column.nullable or column.default is not None or column.server_default is not None:
        return False
    if not len(values) or values.iloc[:1].notna().any():
        return False  # most columns, told by their first cell
    return bool(values.isna().all())


def is_large_load(rows: int) -> bool:
    """Whether storing `rows` at once is a large load: one the database is tidied up after
    (SQLite's indexes built once, PostgreSQL vacuumed)."""
    return rows >= _REBUILD_MIN_ROWS


@contextmanager
def indexes_built_after(
    conn: Connection, table: Table, new_rows: int, progress: Progress | None = None
) -> Iterator[None]:
    """On SQLite, a load larger than what `table` already holds drops its secondary indexes
    and builds them once at the end, inside the caller's transaction.

    SQLite keeps each index up to date row by row, seeking through pages out of cache;
    building each once at the end is much cheaper (docs/benchmarks.md). A rollback (or a
    killed process) restores the indexes with the rest; WAL readers keep seeing the last
    commit. The unique key is built again too: the caller has left out the rows already
    stored or repeated (the write lock held), and a duplicate that got through would fail
    the build and roll the whole load back. PostgreSQL is left alone: dropping an index
    there locks out the readers.
    """
    if conn.dialect.name != "sqlite" or not is_large_load(new_rows):
        yield
        return
    held = conn.execute(select(func.count()).select_from(table)).scalar_one()
    if held >= new_rows:
        yield
        return
    # A database made before the unique key became an index keeps its column constraint:
    # that one guards the key already, and cannot be dropped.
    guarded = _constraint_keys(conn, table.name)
    indexes = [
        index
        for index in table.indexes
        if not (index.unique and tuple(c.name for c in index.columns) in guarded)
    ]
    for index in indexes:
        conn.exec_driver_sql(
            f"DROP INDEX IF EXISTS {conn.dialect.identifier_preparer.quote(index.name)}"
        )
    yield
    # A moderate cache builds the indexes as fast as a large one, with less memory.
    with _page_cache(conn, _BUILDING_INDEXES_CACHE_KB):
        for built, index in enumerate(indexes):
            if progress:
                progress(built / len(indexes), "Indexing the stored rows")
            index.create(conn)


def _constraint_keys(conn: Connection, table: str) -> set[tuple[str, ...]]:
    """The column lists a UNIQUE constraint of SQLite `table` keeps unique (its autoindexes)."""
    keys = set()
    for _seq, name, _unique, origin, *_ in conn.exec_driver_sql(f"PRAGMA index_list({table})"):
        if origin == "u":
            info = conn.exec_driver_sql(f"PRAGMA index_info({name})").all()
            keys.add(tuple(column for _rank, _cid, column in info))
    return keys


def _insert_chunks(
    conn: Connection,
    table: Table,
    frame: pd.DataFrame,
    constants: dict[str, Any],
    statement: Any,
    columns: list[str],
    progress: Progress | None,
    message: str,
) -> int:
    driver = conn.dialect.driver
    raw_types = driver in ("pysqlite", "psycopg")
    for done, chunk in enumerate(_chunks(frame, _CHUNK), start=1):
        values = [
            [constants[name]] * len(chunk)
            if name in constants
            else _column_values(chunk[name], table.c[name].type, raw_types=raw_types)
            for name in columns
        ]
        rows = list(zip(*values, strict=True))
        if driver == "psycopg":
            _copy_rows(conn, table, columns, rows)
        elif driver == "pysqlite":
            conn.exec_driver_sql(str(statement), rows)  # type: ignore[arg-type]
        else:
            conn.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        if progress:
            progress(min(1.0, done * _CHUNK / max(len(frame), 1)), message)
    return len(frame)


def _copy_rows(conn: Connection, table: Table, columns: list[str], rows: list[tuple]) -> None:
    """PostgreSQL's COPY, on the connection of the caller's transaction."""
    preparer = conn.dialect.identifier_preparer
    target = f"{preparer.format_table(table)} ({', '.join(preparer.quote(c) for c in columns)})"
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {target} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
