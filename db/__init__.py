"""The one owner of the database: schema, engine and a small named API."""

from db.audit import audit_frame, record_audit, save_sign_in_lock, sign_in_lock
from db.engine import DatabaseBusy, get_engine, resolve_url
from db.follow_up import follow_up_counts, follow_up_queue
from db.handoffs import handoff_comments, handoff_responses
from db.queries import (
    answers_from_daily_sums,
    cell_summary,
    customer_contacts,
    customer_stage_sequence,
    data_version,
    date_range,
    existing_source_keys,
    languages_present,
    list_imports,
    negative_comments,
    recent_customers_responses,
    rejections_frame,
    responses_frame,
    saved_mapping,
    stage_extremes,
    stage_responses,
    stage_summary,
    summary,
    values_present,
)
from db.retag import RetagSummary, move_stage, rewrite_tags, unassigned_responses
from db.secret import install_secret
from db.store import (
    ImportSummary,
    remember_mapping,
    save_import,
    set_follow_ups,
    set_manual_tags,
    update_sentiment,
)
from db.undo import DeletedImport, delete_import

__all__ = [
    "answers_from_daily_sums",
    "DatabaseBusy",
    "DeletedImport",
    "audit_frame",
    "delete_import",
    "record_audit",
    "save_sign_in_lock",
    "sign_in_lock",
    "ImportSummary",
    "RetagSummary",
    "cell_summary",
    "customer_contacts",
    "customer_stage_sequence",
    "data_version",
    "date_range",
    "existing_source_keys",
    "follow_up_counts",
    "follow_up_queue",
    "get_engine",
    "handoff_comments",
    "handoff_responses",
    "install_secret",
    "languages_present",
    "negative_comments",
    "recent_customers_responses",
    "list_imports",
    "move_stage",
    "rejections_frame",
    "remember_mapping",
    "resolve_url",
    "responses_frame",
    "rewrite_tags",
    "save_import",
    "saved_mapping",
    "set_follow_ups",
    "set_manual_tags",
    "stage_extremes",
    "stage_responses",
    "stage_summary",
    "summary",
    "values_present",
    "unassigned_responses",
    "update_sentiment",
]
