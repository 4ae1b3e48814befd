"""Sign-in rules: salted hashes, the users file, lock-out and role permissions."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from cxcore import auth
from cxcore.auth import LOCKOUT, MAX_FAILURES, LockState, UsersFileError

NOW = datetime(2026, 11, 23, 12, 0)


@pytest.fixture(scope="module")
def users() -> dict[str, auth.User]:
    users = auth.add_user({}, "ayse", "analyst", "correct horse", email="Ayse@Example.com")
    return auth.add_user(users, "root", "admin", "battery staple")


def test_hashes_are_salted_and_verifiable():
    first, second = auth.hash_password("s3cret-pass"), auth.hash_password("s3cret-pass")
    assert first != second  # a new salt each time
    assert first.startswith("$2b$") and "s3cret-pass" not in first
    assert auth.verify_password("s3cret-pass", first)
    assert auth.verify_password("s3cret-pass", second)


@pytest.mark.parametrize("attempt", ["s3cret-pasS", "", "s3cret-pass ", "x" * 100])
def test_a_wrong_password_is_refused(attempt):
    assert not auth.verify_password(attempt, auth.hash_password("s3cret-pass"))


def test_a_malformed_hash_never_matches():
    assert not auth.verify_password("anything1", "not a bcrypt hash")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "The password is too short: use at least 8 characters."),
        ("ğ" * 40, "The password is too long: bcrypt reads at most 72 bytes."),
    ],
)
def test_unusable_passwords_are_refused_with_the_reason(password, message):
    with pytest.raises(UsersFileError) as error:
        auth.hash_password(password)
    assert str(error.value) == message


def test_sign_in_with_the_right_password(users):
    result = auth.check_password(users, "ayse", "correct horse", LockState(2), NOW)
    assert result.ok and result.user is not None and result.user.role == "analyst"
    assert result.state == LockState()  # success clears earlier failures


@pytest.mark.parametrize(("name", "password"), [("ayse", "wrong horse"), ("nobody", "whatever1")])
def test_a_wrong_name_or_password_gets_one_message(users, name, password):
    result = auth.check_password(users, name, password, LockState(), NOW)
    assert not result.ok and result.user is None
    assert result.message == "Wrong name or password."
    assert result.state == LockState(failures=1)


def test_lock_out_after_repeated_failures_and_release_after_the_period(users):
    state = LockState()
    for attempt in range(1, MAX_FAILURES + 1):
        result = auth.check_password(users, "ayse", "wrong horse", state, NOW)
        state = result.state
        assert not result.ok
        if attempt < MAX_FAILURES:
            assert result.message == "Wrong name or password."
    assert state.locked_until == NOW + LOCKOUT
    assert result.message.startswith("Too many failed sign-ins: this name is locked for 15 more")

    # Locked: even the right password is refused until the period ends.
    later = NOW + LOCKOUT - timedelta(seconds=30)
    locked = auth.check_password(users, "ayse", "correct horse", state, later)
    assert not locked.ok
    assert "locked for 1 more minute." in locked.message

    released = auth.check_password(users, "ayse", "correct horse", state, NOW + LOCKOUT)
    assert released.ok and released.state == LockState()


@pytest.mark.parametrize(
    ("role", "allowed", "refused"),
    [
        ("viewer", ["browse", "export"], ["upload", "retag", "delete_import", "manage_users"]),
        ("analyst", ["browse", "export", "upload", "retag"], ["delete_import", "edit_taxonomy"]),
        (
            "admin",
            ["browse", "upload", "retag", "delete_import", "edit_taxonomy", "manage_users"],
            ["no_such_action"],
        ),
        (None, [], ["browse"]),
        ("owner", [], ["browse"]),
    ],
)
def test_role_permissions(role, allowed, refused):
    assert all(auth.can(role, action) for action in allowed)
    assert not any(auth.can(role, action) for action in refused)


def test_users_file_round_trip_keeps_hashes_not_passwords(tmp_path, users):
    path = auth.save_users(users, tmp_path / "users.yaml")
    text = path.read_text(encoding="utf-8")
    assert "correct horse" not in text and "$2b$" in text
    assert path.stat().st_mode & 0o077 == 0  # readable by its owner only
    loaded = auth.load_users(path)
    assert loaded == users
    assert auth.verify_password("battery staple", loaded["root"].password_hash)


def test_no_users_file_means_no_users(tmp_path):
    assert auth.load_users(tmp_path / "absent.yaml") == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("users: [", "is not valid YAML"),
        ("users:\n  bob: {role: viewer}\n", "user 'bob' has no password_hash."),
        ("users:\n  bob: {role: boss, password_hash: x}\n", "use one of viewer, analyst, admin."),
    ],
)
def test_a_broken_users_file_is_named(tmp_path, text, message):
    path = tmp_path / "users.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsersFileError) as error:
        auth.load_users(path)
    assert message in str(error.value) and str(path) in str(error.value)


def test_add_and_remove_refuse_bad_input(users):
    with pytest.raises(UsersFileError, match="Unknown role 'boss'"):
        auth.add_user(users, "bob", "boss", "long enough")
    with pytest.raises(UsersFileError, match="cannot be a user name"):
        auth.add_user(users, "bob smith", "viewer", "long enough")
    with pytest.raises(UsersFileError, match="There is no user 'bob'."):
        auth.remove_user(users, "bob")
    assert set(auth.remove_user(users, "ayse")) == {"root"}


def test_single_sign_on_role_comes_from_the_users_file_by_email(users):
    assert auth.role_for_email(users, "ayse@example.COM") == "analyst"
    assert auth.role_for_email(users, "stranger@example.com") == "viewer"
    assert auth.role_for_email(users, None) == "viewer"


def test_users_file_setting_is_relative_to_the_repository(monkeypatch):
    monkeypatch.setenv("CX_USERS_FILE", "data/users.yaml")
    path = auth.active_users_path()
    assert path.is_absolute() and path.parts[-2:] == ("data", "users.yaml")
