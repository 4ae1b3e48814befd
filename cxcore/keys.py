"""The install's keys, kept outside the database: found, made once, and what they derive.

One secret per install (32 random bytes), found in this order:

1. `given`: what the pages read from Streamlit's secrets (`CX_SECRET_KEY` in
   `.streamlit/secrets.toml`); this module never imports Streamlit;
2. the environment variable `CX_SECRET_KEY`;
3. the key file `CX_KEY_FILE`, or, for a SQLite database, `<database>.key` beside it,
   made on first run with mode 0600 (never inside the database).

A PostgreSQL install with none of these is refused with `KeysMissing`, whose message says
what to set: replicas must share one key, and a file made by one would not be the others'.

The secret itself is the customer-id pseudonym key (so a database upgraded from keeping
its key inside keeps its pseudonyms: that key becomes the secret); the duplicate key and
the encryption of customer ids use keys derived from it with HKDF, one per purpose.
See docs/privacy.md.
"""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Final

import pandas as pd
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from cxcore.settings import setting

__all__ = [
    "KEY_ENV",
    "InstallKeys",
    "KeysMissing",
    "find_keys",
    "key_file_path",
    "open_ids",
    "reveal_ids",
    "seal_ids",
]

KEY_ENV: Final = "CX_SECRET_KEY"
_KEY_BYTES: Final = 32
_SALT: Final = b"cx-journey install keys"


class KeysMissing(Exception):
    """No key was found and none can be made here; the message says what to set."""


@dataclass(frozen=True)
class InstallKeys:
    """The install's secret and the keys derived from it, one per purpose."""

    secret: bytes
    source: str = "file"  # where it was found: secrets, env or file

    @property
    def pseudonym(self) -> bytes:
        """HMAC key of customer-id pseudonyms (the secret itself, see the module's doc)."""
        return self.secret

    @cached_property
    def duplicate(self) -> bytes:
        """HMAC key of each stored response's duplicate key (responses.source_key)."""
        return _derive(self.secret, b"source_key")

    @cached_property
    def _fernet(self) -> Fernet:
        return Fernet(base64.urlsafe_b64encode(_derive(self.secret, b"customer_id_seal")))


def _derive(secret: bytes, purpose: bytes) -> bytes:
    """A 32-byte key for `purpose` (HKDF-SHA256): knowing one says nothing of the others."""
    kdf = HKDF(algorithm=hashes.SHA256(), length=_KEY_BYTES, salt=_SALT, info=purpose)
    return kdf.derive(secret)


def key_file_path(database_url: str) -> Path | None:
    """Where the key file is: `CX_KEY_FILE`, else `<database>.key` beside a SQLite file,
    else None (a PostgreSQL install names its key in the environment or a file)."""
    if configured := setting("key_file"):
        return Path(configured).expanduser()
    if not database_url.startswith("sqlite"):
        return None
    path = database_url.split("///", 1)[-1]
    if not path or path == ":memory:":
        return None
    return Path(path).with_suffix(".key")


def find_keys(given: str | None, path: Path | None, *, legacy: bytes | None = None) -> InstallKeys:
    """The install's keys (see the module's doc for the order); raises KeysMissing.

    `legacy`: the pseudonym key an older version kept inside the database. It becomes the
    key file's secret when the file is made now; a key given or found elsewhere must be
    that same key, or the stored pseudonyms would stop matching later imports.
    """
    for source, value in (("secrets", given), ("env", setting("secret_key"))):
        if value and value.strip():
            keys = InstallKeys(_parse(value.strip(), source), source)
            if legacy is not None and legacy != keys.secret:
                raise KeysMissing(_legacy_differs(source, path))
            return keys
    if path is None and legacy is not None:
        raise KeysMissing(
            "This database still holds the key of its customer-id pseudonyms, which now "
            "lives outside it: set CX_KEY_FILE to a file every replica can read (the key moves "
            "there at the next start), then, if you prefer, CX_SECRET_KEY to its content; "
            "see docs/privacy.md."
        )
    if path is None:
        raise KeysMissing(
            f"No key for this database: set {KEY_ENV} (32 random bytes as hex, e.g. from "
            '`python -c "import secrets; print(secrets.token_hex(32))"`) in the environment '
            "or in .streamlit/secrets.toml of every replica, or CX_KEY_FILE to a file they "
            "all read; see docs/privacy.md."
        )
    secret = _read_or_make(path, legacy)
    if legacy is not None and legacy != secret:
        raise KeysMissing(_legacy_differs("file", path))
    return InstallKeys(secret, "file")


def _legacy_differs(source: str, path: Path | None) -> str:
    where = {"secrets": f"{KEY_ENV} in secrets.toml", "env": KEY_ENV}.get(source, str(path))
    return (
        f"This database still holds the key of its customer-id pseudonyms, and {where} is "
        "another key: later imports would give every customer a new pseudonym. Start once "
        f"without {KEY_ENV} (the key then moves to {path or 'the file CX_KEY_FILE names'}), "
        f"then set {KEY_ENV} to that file's content if you prefer; see docs/privacy.md."
    )


def _parse(value: str, source: str) -> bytes:
    """A key as written: hex of at least 32 bytes, or any text of at least 32 characters."""
    try:
        secret = bytes.fromhex(value)
    except ValueError:
        secret = value.encode("utf-8")
    if len(secret) < _KEY_BYTES:
        raise KeysMissing(
            f"{KEY_ENV} ({source}) is too short: use 32 random bytes written as 64 hex digits."
        )
    return secret


def _read_or_make(path: Path, legacy: bytes | None) -> bytes:
    """The key file's secret; made (mode 0600, `legacy` or 32 random bytes) when missing.

    Two processes starting at once: one makes the file, the other reads it.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = legacy if legacy is not None else secrets.token_bytes(_KEY_BYTES)
        # Written whole to a file of our own, then linked into place: another process
        # never reads a key file that is still being written.
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secret.hex() + "\n")
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        else:
            return secret
        finally:
            draft.unlink(missing_ok=True)
    try:
        return _parse(path.read_text(encoding="ascii").strip(), str(path))
    except (OSError, UnicodeError) as error:
        raise KeysMissing(f"The key file {path} cannot be read: {error}") from error


def seal_ids(values: Sequence[Any], keys: InstallKeys) -> list[Any]:
    """Each customer id (str) encrypted (Fernet: AES-128-CBC and HMAC-SHA256); others as
    they are. The caller maps distinct ids only: each call costs about 4 µs."""
    fernet = keys._fernet
    return [
        fernet.encrypt(v.encode("utf-8")).decode("ascii") if isinstance(v, str) else v
        for v in values
    ]


def open_ids(tokens: Sequence[Any], keys: InstallKeys) -> list[str | None]:
    """Sealed ids back to the ids as written; None for a missing or unreadable token (one
    sealed under another key)."""
    fernet = keys._fernet
    out: list[str | None] = []
    for token in tokens:
        try:
            out.append(fernet.decrypt(token.encode("ascii")).decode("utf-8"))
        except (InvalidToken, AttributeError, UnicodeError):
            out.append(None)
    return out


def reveal_ids(
    frame: pd.DataFrame, keys: InstallKeys, column: str = "customer_id", sealed: str = "sealed_id"
) -> tuple[pd.DataFrame, int, int]:
    """`frame` with `column` as written wherever its `sealed` id opens (pseudonyms kept
    elsewhere), `sealed` dropped; and how many rows were opened and how many had an id but
    nothing sealed (imported before ids were sealed, or with hashing off)."""
    if sealed not in frame:
        return frame, 0, 0
    tokens = frame[sealed]
    distinct = [t for t in pd.unique(tokens.dropna())]
    opened = dict(zip(distinct, open_ids(distinct, keys), strict=True))
    ids = tokens.map(opened)
    shown = ids.where(ids.notna(), frame[column]).astype(object)
    missing = int((tokens.isna() & frame[column].notna()).sum())
    out = frame.drop(columns=[sealed]).assign(**{column: shown})
    return out, int(ids.notna().sum()), missing
