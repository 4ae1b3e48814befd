"""Tables: imports, the responses they brought, the rows they rejected, remembered mappings.

All timestamps are stored in UTC without a zone, so SQLite and PostgreSQL agree.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Action",
    "ActionChange",
    "AuditEntry",
    "Base",
    "CategoryMapping",
    "DailySums",
    "FollowUp",
    "Import",
    "Rejection",
    "Response",
    "Revision",
    "SavedMapping",
    "SealedCustomerId",
    "SignInLock",
    "Upgrade",
]


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, datetime: DateTime()}


class Import(Base):
    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime]
    filename: Mapped[str] = mapped_column(String(255))
    survey: Mapped[str | None] = mapped_column(String(255))
    layout: Mapped[str] = mapped_column(String(32))
    encoding: Mapped[str] = mapped_column(String(32))
    rows: Mapped[int]
    accepted: Mapped[int]
    rejected: Mapped[int]
    duplicates: Mapped[int]
    mapping: Mapped[dict[str, Any]]
    survey_stage: Mapped[str | None] = mapped_column(String(64))
    # The names of the columns kept unmapped with each response, once per import; each
    # response's `extra` lists its values in this order (db/extras.py). NULL: none kept, or
    # an import stored before 2027-01 and not rewritten yet.
    extra_columns: Mapped[list[str] | None] = mapped_column(JSON)


class Response(Base):
    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id", ondelete="CASCADE"), index=True)
    # Keyed hash of what is stored of the row (cxcore/ingest/source_keys.py): re-importing
    # the same rows adds nothing (the unique index ix_responses_source_key below).
    source_key: Mapped[str] = mapped_column(String(40))
    row_number: Mapped[int] = mapped_column(Integer)
    response_id: Mapped[str | None] = mapped_column(String(255))
    submitted_at: Mapped[datetime | None]
    customer_id: Mapped[str | None] = mapped_column(String(255), index=True)
    survey: Mapped[str | None] = mapped_column(String(255))
    channel: Mapped[str | None] = mapped_column(String(255))
    segment: Mapped[str | None] = mapped_column(String(255))
    nps: Mapped[float | None] = mapped_column(Float)
    csat: Mapped[float | None] = mapped_column(Float)
    ces: Mapped[float | None] = mapped_column(Float)
    comment: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    sentiment: Mapped[float | None] = mapped_column(Float)
    sentiment_label: Mapped[str | None] = mapped_column(String(8))
    sentiment_model: Mapped[str | None] = mapped_column(String(40))
    stage: Mapped[str] = mapped_column(String(64))
    stage_source: Mapped[str] = mapped_column(String(16))
    touchpoint: Mapped[str] = mapped_column(String(64))
    touchpoint_source: Mapped[str] = mapped_column(String(16))
    # As the file wrote them, so a taxonomy edit can re-tag from the file's own words.
    stage_given: Mapped[str | None] = mapped_column(String(255))
    touchpoint_given: Mapped[str | None] = mapped_column(String(255))
    # Handoff evidence: passes inside the company (transfers, or groups gone through less
    # the first), reopens, the team as the file names it, and the words of the comment
    # that say it was passed on. Added after the first databases: db/migrate.py adds them.
    handoffs: Mapped[float | None] = mapped_column(Float)
    reopens: Mapped[float | None] = mapped_column(Float)
    team: Mapped[str | None] = mapped_column(String(255))
    handoff_words: Mapped[str | None] = mapped_column(String(255))
    # The unmapped columns' values, in the order of the import's extra_columns (db/extras.py).
    extra: Mapped[Any] = mapped_column(JSON, nullable=False)

    # The stage page reads a stage in time order; the newest responses (date range, the
    # follow-ups, a stage's newest on PostgreSQL) are read backwards by time (see
    # docs/benchmarks.md, "Indexes and the plans that use them"). The overview's sums come
    # from daily_sums: an index carrying the scores served only sums with a channel filter,
    # which read the table for the channel anyway, and cost each import its build.
    __table_args__ = (
        # An index rather than a column constraint, so a large load on SQLite can build it
        # once after storing like the others (a million random keys kept in order row by
        # row cost 6 s, the build 1.3 s). Databases made before keep their constraint.
        Index("ix_responses_source_key", "source_key", unique=True),
        Index("ix_responses_stage_submitted", "stage", "submitted_at"),
        Index("ix_responses_submitted_stage", "submitted_at", "stage"),
        # The canvas's most negative and most positive comments of each stage.
        Index("ix_responses_extremes", "stage", "sentiment_label", "sentiment"),
    )


class DailySums(Base):
    """The responses added up per day and tag (db/daily_sums.py keeps it in step); the
    overview's figures read these instead of every response. NULL day: undated responses."""

    __tablename__ = "daily_sums"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date | None] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(64))
    touchpoint: Mapped[str] = mapped_column(String(64))
    survey: Mapped[str | None] = mapped_column(String(255))
    segment: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(8))
    n: Mapped[int]
    sentiment_n: Mapped[int]
    sentiment_sum: Mapped[float | None] = mapped_column(Float)
    sentiment_sq_sum: Mapped[float | None] = mapped_column(Float)
    nps_n: Mapped[int]
    promoters: Mapped[int]
    detractors: Mapped[int]
    csat_n: Mapped[int]
    csat_satisfied: Mapped[int]
    ces_n: Mapped[int]
    ces_sum: Mapped[float | None] = mapped_column(Float)
    ces_sq_sum: Mapped[float | None] = mapped_column(Float)
    labelled: Mapped[int]
    negative: Mapped[int]
    unhappy: Mapped[int]
    nps_0: Mapped[int]
    nps_1: Mapped[int]
    nps_2: Mapped[int]
    nps_3: Mapped[int]
    nps_4: Mapped[int]
    nps_5: Mapped[int]
    nps_6: Mapped[int]
    nps_7: Mapped[int]
    nps_8: Mapped[int]
    nps_9: Mapped[int]
    nps_10: Mapped[int]

    __table_args__ = (
        Index("ix_daily_sums_day", "day"),
        Index("ix_daily_sums_stage_day", "stage", "day"),
    )


class Rejection(Base):
    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id", ondelete="CASCADE"), index=True)
    row_number: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[dict[str, Any]]


class SavedMapping(Base):
    """A mapping the user confirmed, reused for files with the same headers."""

    __tablename__ = "saved_mappings"

    signature: Mapped[str] = mapped_column(String(64), primary_key=True)
    mapping: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class CategoryMapping(Base):
    """The stage and touchpoint the lead gave each value of a category column, reused for
    files with the same headers: {value: [stage or null, touchpoint or null]}."""

    __tablename__ = "category_mappings"

    signature: Mapped[str] = mapped_column(String(64), primary_key=True)
    placements: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class AuditEntry(Base):
    """Who did what, when: imports, deletions, taxonomy changes, re-tags, re-scores."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str | None] = mapped_column(String(255))
    details: Mapped[dict[str, Any]]


class SignInLock(Base):
    """Failed sign-ins per name, kept in the database so a restart does not lift a lock-out."""

    __tablename__ = "sign_in_locks"

    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    failures: Mapped[int]
    locked_until: Mapped[datetime | None]


class Revision(Base):
    """One counter, bumped by every write (import, re-tag, deletion): the pages' cache key."""

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int]


class FollowUp(Base):
    """Who follows up an unhappy response and how far they got; a response without a row
    here is still open (the queue itself is computed from the scores and comments)."""

    __tablename__ = "follow_ups"

    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16), index=True)  # open, contacted, resolved
    owner: Mapped[str | None] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]


class InstallSecret(Base):
    """Where versions before 2027-01 kept the customer-id hash key, inside the database; the
    first start after the upgrade moves it to the key file and deletes it (cxcore/keys.py)."""

    __tablename__ = "install_secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))


class SealedCustomerId(Base):
    """Each customer id as written, encrypted with a key kept outside the database, beside
    its pseudonym: the follow-up queue shows it to the roles that call customers back."""

    __tablename__ = "customer_ids"

    pseudonym: Mapped[str] = mapped_column(String(64), primary_key=True)
    sealed: Mapped[str] = mapped_column(Text)


class Upgrade(Base):
    """One-off changes to the stored data already made in this database (name, when)."""

    __tablename__ = "upgrades"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    done_at: Mapped[datetime]


class Action(Base):
    """A change made to a stage or touchpoint to fix a pain point (cxcore.actions), with the
    day it went live and an optional target: a value of its metric by a date."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(64), index=True)
    touchpoint: Mapped[str | None] = mapped_column(String(64))
    owner: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16))  # cxcore.actions.ACTION_STATUSES
    live_date: Mapped[date | None] = mapped_column(Date)
    metric: Mapped[str] = mapped_column(String(16))
    target: Mapped[float | None] = mapped_column(Float)
    due_date: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ActionChange(Base):
    """An action's history: one row per field someone set or changed (old and new as text)."""

    __tablename__ = "action_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    user: Mapped[str] = mapped_column(String(255))
    field: Mapped[str] = mapped_column(String(32))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
