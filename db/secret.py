"""Per-install secrets: made on first use, kept in the database, the same for every process."""

from __future__ import annotations

import secrets

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from db.schema import InstallSecret

__all__ = ["install_secret"]


def install_secret(engine: Engine, name: str) -> bytes:
    """The secret called `name` of this database, made (32 random bytes) on first use."""
    with engine.connect() as conn:
        value = conn.scalar(select(InstallSecret.value).where(InstallSecret.name == name))
    if value is None:
        try:
            with engine.begin() as conn:
                conn.execute(insert(InstallSecret), {"name": name, "value": secrets.token_hex(32)})
        except IntegrityError:
            pass  # another process made it first: use theirs
        with engine.connect() as conn:
            value = conn.scalar(select(InstallSecret.value).where(InstallSecret.name == name))
    return bytes.fromhex(str(value))
