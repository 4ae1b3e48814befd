"""Imports & audit: every import with a delete button (after a confirm step), and the audit log."""

import json

import streamlit as st

import db
from pages._auth import acting_user, can, require
from pages._shared import engine, load_imports

st.title("Imports & audit")
require("read_audit", "see the imports and the audit log")
if done := st.session_state.pop("admin_done", None):
    st.success(done)

st.subheader("Imports")
imports = load_imports()
if imports.empty:
    st.info("No imports yet. Add a survey on the **Import** page.")
else:
    shown = ["id", "created_at", "filename", "survey", "rows", "accepted", "rejected", "duplicates"]
    st.dataframe(imports[shown], hide_index=True)
    rows = imports.set_index("id")
    chosen = st.selectbox(
        "Import to delete",
        rows.index.tolist(),
        index=None,
        format_func=lambda i: (
            f"{i} · {rows.at[i, 'filename']} · {rows.at[i, 'accepted']:,} responses"
        ),
    )
    if chosen is not None:
        st.warning(
            f"Deleting import {chosen} removes its {rows.at[chosen, 'accepted']:,} responses, its "
            "rejected rows and their follow-ups for everyone. This cannot be undone."
        )
        sure = st.checkbox(f"Yes, delete import {chosen}", disabled=not can("delete_import"))
        if st.button("Delete import", type="primary", disabled=not sure):
            deleted = db.delete_import(engine(), int(chosen), user=acting_user())
            st.session_state["admin_done"] = (
                f"Deleted import {chosen} ({deleted.filename}): {deleted.responses:,} responses "
                f"and {deleted.rejections:,} rejected rows."
                if deleted
                else f"Import {chosen} was already deleted."
            )
            st.rerun()

st.subheader("Audit log")
log = db.audit_frame(engine())
if log.empty:
    st.info("Nothing recorded yet: imports, deletions, re-tags and model changes appear here.")
else:
    log["details"] = log["details"].map(lambda d: json.dumps(d, ensure_ascii=False))
    st.dataframe(log, hide_index=True)
    st.caption("Newest first; the last 1,000 entries.")
