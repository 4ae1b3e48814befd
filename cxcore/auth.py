"""Sign-in and roles: password hashes, the users file, permissions and the lock-out rule.

Pure functions: the pages and the CLI keep the lock-out state (in the database) and the
file; this module only decides. Roles grow: an analyst may do all a viewer may, an admin
all an analyst may.

    viewer   browse the journey and its pages, export
    analyst  also upload surveys and re-tag responses
    admin    also delete imports, edit the journey model, re-score, manage users, read the audit
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import bcrypt
import yaml

from cxcore.settings import setting
from cxcore.yamlfile import load_yaml

__all__ = [
    "ACTIONS",
    "LOCKOUT",
    "MAX_FAILURES",
    "ROLES",
    "LockState",
    "SignIn",
    "User",
    "UsersFileError",
    "active_users_path",
    "add_user",
    "after_failure",
    "count_attempt",
    "sign_in",
    "can",
    "check_password",
    "hash_password",
    "load_users",
    "lock_message",
    "remove_user",
    "role_for_email",
    "session_version",
    "save_users",
    "verify_password",
]

ROLES = ("viewer", "analyst", "admin")
# The least role allowed each action.
ACTIONS = {
    "browse": "viewer",
    "export": "viewer",
    "upload": "analyst",
    "retag": "analyst",
    "follow_up": "analyst",
    "plan_actions": "analyst",
    "delete_import": "admin",
    "edit_taxonomy": "admin",
    "rescore": "admin",
    "manage_users": "admin",
    "read_audit": "admin",
}
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 8
# bcrypt reads at most 72 bytes; a longer password would be cut silently, so it is refused.
MAX_PASSWORD_BYTES = 72
_REPO_ROOT = Path(__file__).resolve().parent.parent
_NAME = re.compile(r"^[\w.@+-]{1,64}$")


class UsersFileError(ValueError):
    """The users file or a user's details cannot be used; the message says why."""


@dataclass(frozen=True)
class User:
    """One person who may sign in: a name, a bcrypt hash, a role and an optional e-mail."""

    name: str
    password_hash: str
    role: str
    email: str | None = None


@dataclass(frozen=True)
class LockState:
    """Failed sign-ins in a row and, after too many, until when the name is locked."""

    failures: int = 0
    locked_until: datetime | None = None


@dataclass(frozen=True)
class SignIn:
    """The outcome of one sign-in attempt and the lock state to store."""

    ok: bool
    message: str
    state: LockState
    user: User | None = None
    checked: bool = False  # whether the password was compared with its hash


def can(role: str | None, action: str) -> bool:
    """True when `role` may do `action` (an unknown role or action may do nothing)."""
    if role not in ROLES or action not in ACTIONS:
        return False
    return ROLES.index(role) >= ROLES.index(ACTIONS[action])


def hash_password(password: str) -> str:
    """A salted bcrypt hash of `password` (refused when too short or over 72 bytes)."""
    if len(password) < MIN_PASSWORD:
        raise UsersFileError(f"The password is too short: use at least {MIN_PASSWORD} characters.")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise UsersFileError(
            f"The password is too long: bcrypt reads at most {MAX_PASSWORD_BYTES} bytes."
        )
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def verify_password(password: str, password_hash: str) -> bool:
    """True when `password` matches `password_hash`; False for any malformed input."""
    encoded = password.encode("utf-8")
    if len(encoded) > MAX_PASSWORD_BYTES:
        return False
    try:
        return bcrypt.checkpw(encoded, password_hash.encode("ascii"))
    except ValueError:
        return False


@cache
def _decoy_hash() -> str:
    # Checked for unknown names too, so the time taken does not tell which names exist.
    return bcrypt.hashpw(b"no such user", bcrypt.gensalt()).decode("ascii")


def after_failure(state: LockState, now: datetime) -> LockState:
    """The lock state after one more failed attempt: locked for LOCKOUT at MAX_FAILURES."""
    failures = state.failures + 1
    if failures >= MAX_FAILURES:
        return LockState(failures=0, locked_until=now + LOCKOUT)
    return replace(state, failures=failures)


def count_attempt(state: LockState, now: datetime) -> LockState:
    """The lock state once an attempt is counted, before its password is checked: unchanged
    while locked, else one more failure (a right password clears it afterwards). Counting
    first means parallel guesses cannot all be checked against the same count."""
    if lock_message(state, now):
        return state
    return after_failure(state, now)


def lock_message(state: LockState, now: datetime) -> str | None:
    """What to tell someone whose name is locked at `now`, or None when it is not."""
    if state.locked_until is None or state.locked_until <= now:
        return None
    minutes = max(1, math.ceil((state.locked_until - now).total_seconds() / 60))
    return (
        f"Too many failed sign-ins: this name is locked for {minutes} more minute"
        f"{'' if minutes == 1 else 's'}. Try again later or ask an admin."
    )


def check_password(
    users: dict[str, User], name: str, password: str, state: LockState, now: datetime
) -> SignIn:
    """Decide one sign-in attempt: locked, refused (one more failure) or signed in."""
    if message := lock_message(state, now):
        return SignIn(False, message, state)
    user = users.get(name)
    matched = verify_password(password, user.password_hash if user else _decoy_hash())
    if user is None or not matched:
        new_state = after_failure(state, now)
        message = lock_message(new_state, now) or "Wrong name or password."
        return SignIn(False, message, new_state, checked=True)
    return SignIn(True, f"Signed in as {name} ({user.role}).", LockState(), user, checked=True)


StoredLock = tuple[int, datetime | None]


def sign_in(
    users: dict[str, User],
    name: str,
    password: str,
    now: datetime,
    count: Callable[[str, Callable[[StoredLock], StoredLock]], StoredLock],
    clear: Callable[[str], None],
) -> SignIn:
    """One sign-in attempt against stored lock state: `count(name, step)` applies `step` to
    the stored (failures, locked_until) atomically and returns what was stored before;
    the attempt is counted before the password is checked, and a right one is cleared."""

    def step(stored: StoredLock) -> StoredLock:
        counted = count_attempt(LockState(*stored), now)
        return counted.failures, counted.locked_until

    result = check_password(users, name, password, LockState(*count(name, step)), now)
    if result.ok:
        clear(name)
    return result


def session_version(user: User) -> str:
    """What a signed-in session keeps of `user` to know it still is that user: a
    fingerprint of the password hash. A new password, or removing the user and adding it
    again (a new salt even with the same password), changes it and ends older sessions."""
    return hashlib.sha256(user.password_hash.encode("ascii", "replace")).hexdigest()[:16]


def role_for_email(users: dict[str, User], email: str | None) -> str:
    """The role of a single-sign-on user: the users file's entry with that e-mail, else viewer."""
    wanted = (email or "").strip().casefold()
    for user in users.values():
        if wanted and user.email and user.email.casefold() == wanted:
            return user.role
    return "viewer"


def active_users_path() -> Path:
    """The users file (setting `users_file`, relative to the repository)."""
    path = Path(setting("users_file")).expanduser()
    return path if path.is_absolute() else _REPO_ROOT / path


def _user_from(name: str, entry: object, path: Path) -> User:
    if not isinstance(entry, dict) or not entry.get("password_hash"):
        raise UsersFileError(f"{path}: user '{name}' has no password_hash.")
    role = entry.get("role", "viewer")
    if role not in ROLES:
        raise UsersFileError(
            f"{path}: user '{name}' has role '{role}'; use one of {', '.join(ROLES)}."
        )
    return User(str(name), str(entry["password_hash"]), role, entry.get("email") or None)


def load_users(path: Path | None = None) -> dict[str, User]:
    """The users in the file (none when it does not exist: the dashboard is then open)."""
    path = path or active_users_path()
    if not path.is_file():
        return {}
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise UsersFileError(f"{path} is not valid YAML: {error}") from None
    entries = data.get("users") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        if not entries:
            return {}
        raise UsersFileError(f"{path}: 'users' must map each name to its details.")
    return {str(name): _user_from(str(name), entry, path) for name, entry in entries.items()}


def save_users(users: dict[str, User], path: Path | None = None) -> Path:
    """Write the users file atomically (readable by its owner only)."""
    path = path or active_users_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = {
        u.name: {"role": u.role, "password_hash": u.password_hash}
        | ({"email": u.email} if u.email else {})
        for u in sorted(users.values(), key=lambda u: u.name)
    }
    text = "# Users of the dashboard: python -m cxcore user add NAME --role ROLE\n"
    text += yaml.safe_dump({"users": entries}, sort_keys=False, allow_unicode=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".users-", suffix=".yaml")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    return path


def add_user(
    users: dict[str, User], name: str, role: str, password: str, email: str | None = None
) -> dict[str, User]:
    """The users with `name` added (or its password, role and e-mail replaced)."""
    if not _NAME.match(name):
        raise UsersFileError(
            f"'{name}' cannot be a user name: use up to 64 letters, digits and . _ @ + -."
        )
    if role not in ROLES:
        raise UsersFileError(f"Unknown role '{role}': use one of {', '.join(ROLES)}.")
    return users | {name: User(name, hash_password(password), role, email or None)}


def remove_user(users: dict[str, User], name: str) -> dict[str, User]:
    """The users without `name` (refused when there is no such user)."""
    if name not in users:
        raise UsersFileError(f"There is no user '{name}'.")
    return {key: user for key, user in users.items() if key != name}
