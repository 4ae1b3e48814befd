"""Configuration: one table of name, environment variable, default and help.

The README repeats this table; a test keeps the two in step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["SETTINGS", "Setting", "is_on", "setting"]


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "database_url",
        "CX_DATABASE_URL",
        "data/cx.sqlite",
        "SQLAlchemy URL of the database (or a SQLite file path).",
    ),
    Setting(
        "max_file_mb",
        "CX_MAX_FILE_MB",
        "200",
        "Largest survey file accepted, in MB; a larger file is refused with a message "
        "naming the limit.",
    ),
    Setting(
        "max_rows",
        "CX_MAX_ROWS",
        "2000000",
        "Most rows accepted in one file; a longer file is refused with a message naming the limit.",
    ),
    Setting(
        "redact_pii",
        "CX_REDACT_PII",
        "1",
        "Replace e-mail addresses, phone numbers, TCKNs, IBANs and card numbers in comments "
        "with [e-mail], [phone], ... before storing (0 to keep them); see docs/privacy.md.",
    ),
    Setting(
        "hash_customer_ids",
        "CX_HASH_CUSTOMER_IDS",
        "1",
        "Store customer ids as keyed hashes (the same customer keeps one pseudonym across "
        "imports; 0 to keep them as written); see docs/privacy.md.",
    ),
    Setting(
        "secret_key",
        "CX_SECRET_KEY",
        "",
        "The install's key (64 hex digits), kept outside the database: customer-id pseudonyms, "
        "duplicate keys and encrypted customer ids. Or in .streamlit/secrets.toml; required "
        "for PostgreSQL unless CX_KEY_FILE is set; see docs/privacy.md.",
    ),
    Setting(
        "key_file",
        "CX_KEY_FILE",
        "",
        "The file holding the install's key when CX_SECRET_KEY is not set; empty: <database>.key "
        "beside a SQLite database, made on first run with mode 0600.",
    ),
    Setting(
        "taxonomy_path",
        "CX_TAXONOMY",
        "data/taxonomy.yaml",
        "The journey model in use; until the Journey model page saves one, the shipped default.",
    ),
    Setting(
        "users_file",
        "CX_USERS_FILE",
        "data/users.yaml",
        "Who may sign in, with salted password hashes and roles (python -m cxcore user add); "
        "without it the dashboard is open to anyone who can reach it.",
    ),
    Setting(
        "timezone",
        "CX_TIMEZONE",
        "UTC",
        "Time zone of dates that carry none (e.g. Europe/Istanbul); all dates are stored in UTC.",
    ),
)


def is_on(name: str) -> bool:
    """A yes/no setting: 1, true, yes or on (any case) mean yes."""
    return setting(name).strip().lower() in ("1", "true", "yes", "on")


def setting(name: str) -> str:
    """The value of a setting: its environment variable, else its default."""
    item = next(s for s in SETTINGS if s.name == name)
    return os.environ.get(item.env) or item.default
