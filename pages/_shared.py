"""What every page shares: the session's language and words, the database, the journey model.

The cached reads are in `pages/_cache.py`, the sidebar's widgets in `pages/_sidebar.py`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler
from sqlalchemy import Engine

import db
from cxcore import keys
from cxcore.analysis import stage_detail
from cxcore.i18n import (
    DEFAULT_LANGUAGE,
    UI_LANGUAGES,
    format_date,
    format_number,
    language_from_locale,
    text,
    translate,
    translate_reason,
)
from cxcore.languages import LANGUAGES
from cxcore.text.taxonomy import Taxonomy, TaxonomyError, active_taxonomy_path, load_taxonomy

T = TypeVar("T")
# What a table shows for no value: Streamlit writes "None" in every language otherwise
# (its grid ignores a Styler's text for an empty cell), so every table passes this.
MISSING = "–"


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


def shown(
    frame: pd.DataFrame, decimals: Mapping[str, int] | int = 2, signed: Sequence[str] = ()
) -> Styler:
    """`frame` for st.dataframe / st.data_editor in the session's language: numbers with its
    decimal mark (whole numbers without decimals), dates as it writes them, "–" for a blank.

    The values stay numbers and dates, so columns still sort as such.
    """
    language = lang()
    formats: dict[Any, Callable[[Any], str]] = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values) or str(column) == "id" or str(column).endswith("_id"):
            continue  # an id is a name, not a quantity: no thousands separator
        if pd.api.types.is_numeric_dtype(values):
            places = decimals.get(column, 2) if isinstance(decimals, Mapping) else decimals
            whole = values.dropna().apply(lambda v: float(v).is_integer()).all()
            formats[column] = _number_writer(language, 0 if whole else places, column in signed)
        elif pd.api.types.is_datetime64_any_dtype(values) or _holds_dates(values):
            formats[column] = _date_writer(language)
        else:
            formats[column] = _blank_writer
    return frame.style.format(formats)


def _number_writer(language: str, places: int, sign: bool) -> Callable[[Any], str]:
    return lambda v: format_number(None if pd.isna(v) else float(v), language, places, sign)


def _date_writer(language: str) -> Callable[[Any], str]:
    def write(value: Any) -> str:
        if value is None or pd.isna(value):
            return "–"
        day = pd.Timestamp(value)
        with_time = (day.hour, day.minute) != (0, 0)
        return format_date(day, language) + (f" {day:%H:%M}" if with_time else "")

    return write


def _blank_writer(value: Any) -> str:
    if isinstance(value, list | tuple | set):  # a cell holding several values (a group's words)
        return ", ".join(map(str, value))
    if value is None or (
        not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)
    ):
        return MISSING
    return str(value)


def _holds_dates(values: pd.Series) -> bool:
    first = values.dropna().head(1)
    return not first.empty and isinstance(first.iloc[0], date | datetime)


def chart(figure: go.Figure, **options: Any) -> Any:
    """st.plotly_chart with the figure's numbers in the session's language (1,5 in Turkish
    and Czech); a Sankey's flows are customers, written as whole numbers. A figure that
    already writes them so is left as it is: the cached ones (pages/_stage_cache.py) are
    shared by every session."""
    separators = LANGUAGES[lang()].chart_separators
    if figure.layout.separators != separators:
        figure.update_layout(separators=separators)
    sankeys = [trace for trace in figure.data if trace.type == "sankey"]
    if any(trace.valueformat != ",d" for trace in sankeys):
        figure.update_traces(valueformat=",d", selector={"type": "sankey"})
    return st.plotly_chart(figure, **options)


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
    except db.DatabaseUnusable as error:  # a full or read-only disk, a server gone
        st.error(t("db.unusable", error=refusal(error)))
        st.stop()


def check_database() -> None:
    """End this run with what to fix when the configured database cannot be used (a
    folder, a damaged file, a missing folder, a server down, an unknown URL scheme)."""
    with while_writing():
        engine()


def rejections_shown(rejections: pd.DataFrame) -> pd.DataFrame:
    """A rejections table (row, reason, the row's values) with the reasons and those two
    headers in the session's language; the database and the CLI keep them in English."""
    headers = {"row": t("rejection.row"), "reason": t("rejection.reason")}
    if "reason" not in rejections or lang() == DEFAULT_LANGUAGE:
        return rejections.rename(columns=headers)
    reasons = {r: translate_reason(r, lang()) for r in rejections["reason"].unique()}
    return rejections.assign(reason=rejections["reason"].map(reasons)).rename(columns=headers)


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


def _taxonomy_file() -> tuple[str, int]:
    path = active_taxonomy_path()
    return str(path), path.stat().st_mtime_ns if path.is_file() else 0


def taxonomy_version() -> str:
    """The journey model's file and its mtime: part of the key of what is named from it."""
    return "{}:{}".format(*_taxonomy_file())


def taxonomy() -> Taxonomy:
    """The journey model in use; keyed on the file's mtime, so a save shows at once."""
    path, mtime_ns = _taxonomy_file()
    try:
        return _taxonomy(path, mtime_ns)
    except TaxonomyError as error:
        st.error(t("model.broken_file", error=refusal(error)))
        return _taxonomy(path, 0)


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
