"""What placing by the lead's own choices needs stored: the category values they placed
(per header signature) and the responses they placed by hand (the learned model's
training data, read fresh each time: no model file is kept)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, insert, or_, select

from db.schema import CategoryMapping, Response

__all__ = [
    "learned_placements",
    "manual_placements",
    "remember_category_mapping",
    "saved_category_mapping",
]

_MANUAL = "manual"
_LEARNED = "learned"


def remember_category_mapping(
    engine: Engine, signature: str, placements: dict[str, tuple[str | None, str | None]]
) -> None:
    """Remember the stage and touchpoint of each category value for files with these headers."""
    now = datetime.now(UTC).replace(tzinfo=None)
    stored = {value: list(tags) for value, tags in placements.items()}
    table = CategoryMapping.__table__
    with engine.begin() as conn:
        conn.execute(table.delete().where(CategoryMapping.signature == signature))
        conn.execute(
            insert(CategoryMapping),
            {"signature": signature, "placements": stored, "updated_at": now},
        )


def saved_category_mapping(
    engine: Engine, signature: str
) -> dict[str, tuple[str | None, str | None]] | None:
    """The category values placed earlier for files with these headers, if any."""
    with engine.connect() as conn:
        stored = conn.scalar(
            select(CategoryMapping.placements).where(CategoryMapping.signature == signature)
        )
    if stored is None:
        return None
    return {value: (tags[0], tags[1]) for value, tags in stored.items()}


def manual_placements(engine: Engine, limit: int = 50_000) -> pd.DataFrame:
    """Responses with a comment placed by hand (stage or touchpoint), newest first:
    id, comment, stage, stage_source, touchpoint, touchpoint_source."""
    return _placed_by(engine, _MANUAL, limit)


def learned_placements(engine: Engine, limit: int = 50_000) -> pd.DataFrame:
    """Responses the learned model placed (stage or touchpoint), newest first: id, comment,
    stage, stage_source, touchpoint, touchpoint_source."""
    return _placed_by(engine, _LEARNED, limit)


def _placed_by(engine: Engine, source: str, limit: int) -> pd.DataFrame:
    """Responses with a comment whose stage or touchpoint came from `source`, newest first."""
    r = Response
    stmt = (
        select(r.id, r.comment, r.stage, r.stage_source, r.touchpoint, r.touchpoint_source)
        .where(or_(r.stage_source == source, r.touchpoint_source == source))
        .where(r.comment.is_not(None))
        .order_by(r.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        return pd.read_sql(stmt, conn)
