"""Users: who may sign in, with which role (the users file holds bcrypt hashes only)."""

import streamlit as st

import db
from cxcore import auth
from pages._auth import acting_user, require
from pages._shared import engine

st.title("Users")
require("manage_users", "manage users")
if done := st.session_state.pop("users_done", None):
    st.success(done)
path = auth.active_users_path()
users = auth.load_users(path)
st.caption(f"File: `{path}`")
if users:
    table = [{"name": u.name, "role": u.role, "e-mail": u.email or ""} for u in users.values()]
    st.dataframe(table, hide_index=True)
else:
    st.info("No users yet: the dashboard is open. Once a user is added, everyone signs in.")

st.subheader("Add or change a user")
with st.form("add_user", clear_on_submit=True):
    name = st.text_input("Name")
    role = st.selectbox("Role", auth.ROLES)
    email = st.text_input("E-mail (for single sign-on)")
    password = st.text_input("Password", type="password")
    again = st.text_input("Password again", type="password")
    submitted = st.form_submit_button("Save user", type="primary")
if submitted:
    try:
        if password != again:
            raise auth.UsersFileError("The two passwords differ; nothing was changed.")
        auth.save_users(auth.add_user(users, name.strip(), role, password, email.strip()), path)
    except auth.UsersFileError as error:
        st.error(str(error))
    else:
        db.record_audit(engine(), acting_user(), "user_add", name.strip(), {"role": role})
        st.session_state["users_done"] = f"Saved {name.strip()} as {role}."
        st.rerun()

if users:
    st.subheader("Remove a user")
    gone = st.selectbox("User", sorted(users), index=None)
    if gone and st.button(f"Remove {gone}"):
        auth.save_users(auth.remove_user(users, gone), path)
        db.record_audit(engine(), acting_user(), "user_remove", gone)
        st.session_state["users_done"] = f"Removed {gone}."
        st.rerun()
