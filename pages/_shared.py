"""What every page shares: the session's language and words, the database, the journey model.

The cached reads are in `pages/_cache.py`, the sidebar's widgets in `pages/_sidebar.py`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

import db
from cxcore import keys
from cxcore.analysis import stage_detail
from cxcore.i18n import (
    DEFAULT_LANGUAGE,
    UI_LANGUAGES,
    language_from_locale,
    text,
    translate,
    translate_reason,
)
from cxcore.text.taxonomy import Taxonomy, TaxonomyError, active_taxonomy_path, load_taxonomy

T = TypeVar("T")


def database_url() -> str:
    """The database this process serves ($CX_DATABASE_URL or the default SQLite file)."""
    return db.resolve_url()


def lang() -> str:
    """The UI language chosen for this session (app.py reads it for the page titles)."""
    kept = st.session_state.get("_kept_ui_lang")
    if kept in UI_LANGUAGES:
        return str(kept)
    return language_from_locale(st.context.locale)


def t(key: str, **values: object) -> str:
    """The UI string `key` in the session's language."""
    return text(key, lang(), **values)


def step(message: str) -> str:
    """A progress step the core reports (in English) in the session's language."""
    return translate(message, lang())


def refusal(error: Exception) -> str:
    """Why the core refused something (a file, a mapping, a user, a busy database) in the
    session's language, as plain text: the message quotes the user's own names."""
    return plain(translate(str(error), lang(), area="error"))


@contextmanager
def while_writing() -> Iterator[None]:
    """Around a change to the database: when another import or change held the write lock
    for minutes, say so in the user's language and end this run; nothing was changed."""
    try:
        yield
    except db.DatabaseBusy as error:
        st.error(refusal(error))
        st.stop()


def rejections_shown(rejections: pd.DataFrame) -> pd.DataFrame:
    """A rejections table (row, reason, the row's values) with the reasons in the
    session's language; the database and the CLI keep them in English."""
    if "reason" not in rejections or lang() == DEFAULT_LANGUAGE:
        return rejections
    reasons = {r: translate_reason(r, lang()) for r in rejections["reason"].unique()}
    return rejections.assign(reason=rejections["reason"].map(reasons))


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return db.get_engine(url)


def engine() -> Engine:
    return _engine(database_url())


def install_keys(progress: Callable[[float, str], None] | None = None) -> keys.InstallKeys:
    """The install's keys: `CX_SECRET_KEY` of `.streamlit/secrets.toml` when it has one,
    else the environment or the key file (cxcore/keys.py); raises keys.KeysMissing."""
    from cxcore.ingest import pipeline  # the import path's modules: only when keys are asked

    given = st.secrets.get(keys.KEY_ENV) if st.secrets.load_if_toml_exists() else None
    found = str(given) if given else None
    return pipeline.install_keys(engine(), found, progress or (lambda _f, _m: None))


_KEYS_CHECKED: set[str] = set()


def upgrade_keys() -> None:
    """Once per process and database: find the install's keys, which on the first start
    after the upgrade moves the key out of the database and recomputes the duplicate keys
    (a progress bar meanwhile). A missing key is said where it matters (Import, Follow-up)."""
    if database_url() in _KEYS_CHECKED:
        return
    bar = st.empty()
    try:
        install_keys(lambda f, m: bar.progress(min(f, 1.0), step(m)))
    except keys.KeysMissing:
        pass
    bar.empty()
    _KEYS_CHECKED.add(database_url())


def audit_ids(user: str, action: str, target: str, details: dict, once: object = None) -> None:
    """Record that customer ids as written were shown or downloaded (`action`); with
    `once`, only the first time this session shows the same thing."""
    if once is not None:
        seen = st.session_state.setdefault("_ids_audited", set())
        if (action, target, once) in seen:
            return
        seen.add((action, target, once))
    db.record_audit(engine(), user, action, target, details)


def data_version() -> str:
    """Part of every cache key, so figures change right after an import."""
    return db.data_version(engine())


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$=&])")  # & too: "&lt;" stays as written


def plain(text: object) -> str:
    """User data as literal text inside Markdown: no formatting, links, colours or HTML."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


@st.cache_resource(show_spinner=False)
def _taxonomy(path: str, mtime_ns: int) -> Taxonomy:
    return load_taxonomy(path if mtime_ns else None)


def taxonomy() -> Taxonomy:
    """The journey model in use; keyed on the file's mtime, so a save shows at once."""
    path = active_taxonomy_path()
    mtime_ns = path.stat().st_mtime_ns if path.is_file() else 0
    try:
        return _taxonomy(str(path), mtime_ns)
    except TaxonomyError as error:
        st.error(t("model.broken_file", error=refusal(error)))
        return _taxonomy(str(path), 0)


def once_per_session(name: str, key: object, compute: Callable[[], T]) -> T:
    """`compute()` once per session for this key; keeps only the latest result per name.

    Reading and scoring a large upload takes seconds: a rerun (typing a survey name)
    must not do it again.
    """
    cached = st.session_state.get(f"_once_{name}")
    if cached is None or cached[0] != key:
        cached = (key, compute())
        st.session_state[f"_once_{name}"] = cached
    return cached[1]


def editor_key(prefix: str, ids: Sequence[int]) -> str:
    """A data_editor key tied to the rows shown, so edits never move to other rows."""
    digest = hashlib.sha1(f"{data_version()}|{list(ids)}".encode()).hexdigest()[:12]
    return f"{prefix}-{digest}"


def save_tag_changes(changes: pd.DataFrame, user: str) -> int:
    """Store edited stage/touchpoint tags as manual (audited as `user`'s); how many changed."""
    batches = stage_detail.tag_change_batches(changes)
    with while_writing():
        return sum(
            db.set_manual_tags(engine(), ids, st_, tp, user=user) for ids, st_, tp in batches
        )


def save_follow_ups(changes: pd.DataFrame, user: str) -> int:
    """Store edited follow-up statuses, owners and notes (audited as `user`'s); how many."""
    with while_writing():
        return db.set_follow_ups(engine(), changes, user=user)
