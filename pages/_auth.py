"""Sign-in glue: the form, single sign-on, who is signed in and the checks pages make.

The rules (hashes, roles, lock-out) live in `cxcore.auth`; the lock-out state in the
database. With no users file and no single sign-on the dashboard is open, and says so.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

import db
from cxcore import auth
from pages._shared import check_database, refusal, t
from pages._sidebar import choose_language

__all__ = ["Person", "acting_user", "can", "current", "may_open", "require", "sign_in_gate"]

_SESSION = "_signed_in"
# Pages (by URL path) and the action a role needs to see them; others are for browsing.
_PAGE_ACTIONS = {
    "upload": "upload",
    "review": "retag",
    "follow_up": "browse",  # viewers read the queue (pseudonyms); editing needs follow_up
    "taxonomy": "edit_taxonomy",
    "admin": "read_audit",
    "users": "manage_users",
}


@dataclass(frozen=True)
class Person:
    """Who uses this session: a name for the audit log, a role, and whether the app is open."""

    name: str
    role: str
    open: bool = False


@st.cache_data(show_spinner=False)
def _users(path: str, mtime_ns: int) -> dict[str, auth.User]:
    return auth.load_users(Path(path))


def _load_users() -> dict[str, auth.User]:
    """The users file, read again whenever it changes (raises UsersFileError when broken)."""
    path = auth.active_users_path()
    if not path.is_file():
        return {}
    return _users(str(path), path.stat().st_mtime_ns)


def _single_sign_on() -> bool:
    """True when `.streamlit/secrets.toml` has an [auth] section for `st.login`."""
    return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)


def current() -> Person | None:
    """The person using this session; None until someone signs in."""
    users = _load_users()
    if not users and not _single_sign_on():
        return Person("local", "admin", open=True)
    signed = st.session_state.get(_SESSION)
    if isinstance(signed, tuple) and _still_valid(users, *signed):
        return Person(signed[0], users[signed[0]].role)  # the file's role now, not at sign-in
    st.session_state.pop(_SESSION, None)  # removed, or a new password: sign in again
    if _single_sign_on() and st.user.is_logged_in:
        email = str(st.user.get("email") or st.user.get("sub") or "single sign-on user")
        return Person(email, auth.role_for_email(users, email))
    return None


def _still_valid(users: dict[str, auth.User], name: str, version: str) -> bool:
    """True while `name` is in the users file with the password it signed in with."""
    user = users.get(name)
    return user is not None and auth.session_version(user) == version


def can(action: str) -> bool:
    """True when the person using this session may do `action`."""
    person = current()
    return person is not None and auth.can(person.role, action)


def require(action: str) -> None:
    """Stop the page unless the session may do `action`: the sign-in form, or why not.

    Every page calls this, not only app.py: Streamlit can run a page script without the
    entry script (the first request of a fresh server asking for a page URL does).
    The language picker comes first, so the sign-in form speaks the user's language too.
    """
    choose_language()
    check_database()
    try:
        person = current()
    except auth.UsersFileError as error:
        st.error(t("auth.broken_file", error=refusal(error)))
        st.stop()
    if person is None:
        _sign_in_form(_load_users(), title=False)
        st.stop()
    if not auth.can(person.role, action):
        st.warning(t("auth.denied", role=t(f"role.{person.role}"), action=t(f"action.{action}")))
        st.stop()


def acting_user() -> str:
    """The name the audit log records for this session's changes."""
    person = current()
    return person.name if person else "unknown"


def may_open(page: StreamlitPage) -> bool:
    """True when the session's role may see `page` in the navigation."""
    return can(_PAGE_ACTIONS.get(page.url_path, "browse"))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _try_password(users: dict[str, auth.User], name: str, password: str) -> None:
    engine = db.get_engine()
    result = auth.sign_in(
        users,
        name,
        password,
        _now(),
        count=lambda who, step: db.count_sign_in(engine, who, step)[0],
        clear=lambda who: db.save_sign_in_lock(engine, who, 0, None),
    )
    if result.ok:
        st.session_state[_SESSION] = (name, auth.session_version(users[name]))
        st.rerun()
    st.error(result.message)


def _sign_in_form(users: dict[str, auth.User], *, title: bool = True) -> None:
    if title:
        st.title(t("overview.title"))
    st.subheader(t("auth.sign_in"))
    if users:
        with st.form("sign_in"):
            name = st.text_input(t("auth.name"))
            password = st.text_input(t("auth.password"), type="password")
            submitted = st.form_submit_button(t("auth.sign_in"), type="primary")
        if submitted:
            _try_password(users, name.strip(), password)
    if _single_sign_on():
        if importlib.util.find_spec("authlib") is None:
            st.warning(t("auth.no_authlib"))
        else:
            st.button(t("auth.sso"), on_click=st.login)


def _sign_out() -> None:
    st.session_state.pop(_SESSION, None)
    if _single_sign_on() and st.user.is_logged_in:
        st.logout()


def sign_in_gate() -> Person:
    """Who is signed in; otherwise the sign-in form, and nothing else runs."""
    check_database()
    try:
        person = current()
    except auth.UsersFileError as error:
        st.error(t("auth.broken_file", error=refusal(error)))
        st.stop()
    if person is None:
        _sign_in_form(_load_users())
        st.stop()
    if person.open:
        st.sidebar.warning(t("auth.open"))
    else:
        st.sidebar.text(t("auth.signed_in", name=person.name, role=t(f"role.{person.role}")))
        st.sidebar.button(t("auth.sign_out"), on_click=_sign_out)
    return person
