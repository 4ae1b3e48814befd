"""Imports & audit: every import with a delete button (after a confirm step), and the audit log."""

import streamlit as st

import db
from cxcore.audit_words import audit_rows
from cxcore.i18n import format_number
from pages._auth import acting_user, can, require
from pages._cache import load_imports
from pages._shared import MISSING, engine, lang, shown, t, while_writing

st.title(t("admin.title"))
require("read_audit")
if done := st.session_state.pop("admin_done", None):
    st.success(done)
language = lang()

st.subheader(t("admin.imports"))
imports = load_imports()
if imports.empty:
    st.info(t("admin.no_imports"))
else:
    headers = {
        "id": "id",
        "created_at": t("admin.created_at"),
        "filename": t("admin.filename"),
        "survey": t("filters.survey"),
        "rows": t("admin.rows"),
        "accepted": t("admin.accepted"),
        "rejected": t("admin.rejected"),
        "duplicates": t("admin.duplicates"),
    }
    st.dataframe(
        shown(imports[list(headers)].rename(columns=headers)),
        hide_index=True,
        column_config={"id": t("admin.import_id")},  # kept as "id": shown() writes ids bare
        placeholder=MISSING,
    )
    rows = imports.set_index("id")
    chosen = st.selectbox(
        t("admin.to_delete"),
        rows.index.tolist(),
        index=None,
        format_func=lambda i: t(
            "admin.import_option",
            id=i,
            filename=rows.at[i, "filename"],
            n=format_number(rows.at[i, "accepted"], language),
        ),
        placeholder=t("widget.choose_one"),
    )
    if chosen is not None:
        n = format_number(rows.at[chosen, "accepted"], language)
        st.warning(t("admin.delete_warning", id=chosen, n=n))
        sure = st.checkbox(t("admin.confirm", id=chosen), disabled=not can("delete_import"))
        if st.button(t("admin.delete"), type="primary", disabled=not sure):
            with while_writing():
                deleted = db.delete_import(engine(), int(chosen), user=acting_user())
            st.session_state["admin_done"] = (
                t(
                    "admin.deleted",
                    id=chosen,
                    filename=deleted.filename,
                    n=format_number(deleted.responses, language),
                    rejected=format_number(deleted.rejections, language),
                )
                if deleted
                else t("admin.already_deleted", id=chosen)
            )
            st.rerun()

st.subheader(t("admin.audit"))
log = db.audit_frame(engine())
if log.empty:
    st.info(t("admin.no_audit"))
else:
    log = audit_rows(
        log, language, lambda a: t(f"audit_action.{a}") if a in db.AUDIT_ACTIONS else a
    )
    headers = {column: t(f"admin.audit_{column}") for column in log.columns}
    st.dataframe(shown(log.rename(columns=headers)), hide_index=True, placeholder=MISSING)
    st.caption(t("admin.audit_note"))
