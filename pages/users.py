"""Users: who may sign in, with which role (the users file holds bcrypt hashes only)."""

import streamlit as st

import db
from cxcore import auth
from pages._auth import acting_user, require
from pages._shared import MISSING, engine, refusal, t

st.title(t("users.title"))
require("manage_users")
if done := st.session_state.pop("users_done", None):
    st.success(done)
path = auth.active_users_path()
users = auth.load_users(path)
st.caption(t("users.file", path=str(path)))
if users:
    table = [
        {
            t("auth.name"): u.name,
            t("users.role"): t(f"role.{u.role}"),
            t("users.email"): u.email or "",
        }
        for u in users.values()
    ]
    st.dataframe(table, hide_index=True, placeholder=MISSING)
else:
    st.info(t("users.none"))

st.subheader(t("users.add"))
with st.form("add_user", clear_on_submit=True):
    name = st.text_input(t("auth.name"))
    role_names = {role: t(f"role.{role}") for role in auth.ROLES}
    role = st.selectbox(
        t("users.role"),
        auth.ROLES,
        format_func=role_names.__getitem__,
        placeholder=t("widget.choose_one"),
    )
    email = st.text_input(t("users.email_sso"))
    password = st.text_input(t("auth.password"), type="password")
    again = st.text_input(t("users.password_again"), type="password")
    submitted = st.form_submit_button(t("users.save"), type="primary")
if submitted:
    try:
        if password != again:
            raise auth.UsersFileError(t("users.passwords_differ"))
        auth.save_users(auth.add_user(users, name.strip(), role, password, email.strip()), path)
    except auth.UsersFileError as error:
        st.error(refusal(error))
    else:
        db.record_audit(engine(), acting_user(), "user_add", name.strip(), {"role": role})
        st.session_state["users_done"] = t("users.saved", name=name.strip(), role=t(f"role.{role}"))
        st.rerun()

if users:
    st.subheader(t("users.remove_title"))
    gone = st.selectbox(
        t("users.user"), sorted(users), index=None, placeholder=t("widget.choose_one")
    )
    if gone and st.button(t("users.remove", name=gone)):
        auth.save_users(auth.remove_user(users, gone), path)
        db.record_audit(engine(), acting_user(), "user_remove", gone)
        st.session_state["users_done"] = t("users.removed", name=gone)
        st.rerun()
