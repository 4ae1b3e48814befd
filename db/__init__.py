"""The one owner of the database: schema, engine and a small named API."""

from db.engine import get_engine, resolve_url
from db.queries import (
    data_version,
    existing_source_keys,
    list_imports,
    rejections_frame,
    responses_frame,
    saved_mapping,
    stage_summary,
)
from db.store import ImportSummary, remember_mapping, save_import, set_manual_tags

__all__ = [
    "ImportSummary",
    "data_version",
    "existing_source_keys",
    "get_engine",
    "list_imports",
    "rejections_frame",
    "remember_mapping",
    "resolve_url",
    "responses_frame",
    "save_import",
    "saved_mapping",
    "set_manual_tags",
    "stage_summary",
]
