"""Columns the tables gained after a database was made: added to it when the engine starts.

`create_all` makes missing tables but never changes a table that exists, so a database made
before a nullable column was added (the handoff columns of `responses`) gets it here, as
NULL for the rows already stored. Only nullable columns without a default are added: a
column that needs a value for old rows needs a migration of its own.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import OperationalError, ProgrammingError

from db.schema import Base

__all__ = ["add_missing_columns"]


def add_missing_columns(engine: Engine) -> list[str]:
    """Add each model column an existing table lacks; returns "table.column" of those added."""
    inspector = inspect(engine)
    present = set(inspector.get_table_names())
    added = []
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            continue
        have = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in have or not column.nullable or column.server_default is not None:
                continue
            if _add_column(engine, table.name, column.name, column.type.compile(engine.dialect)):
                added.append(f"{table.name}.{column.name}")
    return added


def _add_column(engine: Engine, table: str, column: str, sql_type: str) -> bool:
    """ALTER TABLE … ADD COLUMN; False when another process added it first."""
    quote = engine.dialect.identifier_preparer.quote
    exists = "IF NOT EXISTS " if engine.dialect.name == "postgresql" else ""
    statement = f"ALTER TABLE {quote(table)} ADD COLUMN {exists}{quote(column)} {sql_type}"
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(statement)
    except (OperationalError, ProgrammingError) as error:
        if "duplicate column" not in str(error) and "already exists" not in str(error):
            raise
        return False
    return True
