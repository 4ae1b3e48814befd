"""The customer-id key older versions kept inside the database: read once, then deleted.

Keys now live outside the database (cxcore/keys.py); the first start after the upgrade
moves this one to the key file and calls `drop_legacy_secret`.
"""

from __future__ import annotations

from sqlalchemy import Engine, delete, select

from db.schema import InstallSecret

__all__ = ["drop_legacy_secret", "legacy_secret"]


def legacy_secret(engine: Engine, name: str) -> bytes | None:
    """The secret `name` an older version stored in this database; None when there is none."""
    with engine.connect() as conn:
        value = conn.scalar(select(InstallSecret.value).where(InstallSecret.name == name))
    return None if value is None else bytes.fromhex(str(value))


def drop_legacy_secret(engine: Engine, name: str) -> None:
    """Delete the secret `name` from the database (it has moved outside)."""
    with engine.begin() as conn:
        conn.execute(delete(InstallSecret).where(InstallSecret.name == name))
