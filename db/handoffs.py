"""Reads of the handoff evidence: per-response rows for the analysis, the comments that say it."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, or_, select

from cxcore import fields as F
from cxcore.filters import Filters
from db.queries import _where
from db.schema import Response

__all__ = ["handoff_comments", "handoff_responses"]


def _frame(stmt, engine: Engine) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    if F.SUBMITTED_AT in frame:
        frame[F.SUBMITTED_AT] = pd.to_datetime(frame[F.SUBMITTED_AT]).dt.tz_localize("UTC")
    return frame


def handoff_responses(engine: Engine, filters: Filters | None = None) -> pd.DataFrame:
    """stage, handoffs, team, handoff_words, has_comment, csat, nps, sentiment, customer_id,
    submitted_at of every matching response with a handoff count, a team or a comment."""
    c = Response.__table__.c
    stmt = select(
        c.stage,
        c.handoffs,
        c.team,
        c.handoff_words,
        c.comment.is_not(None).label("has_comment"),
        c.csat,
        c.nps,
        c.sentiment,
        c.customer_id,
        c.submitted_at,
    ).where(or_(c.handoffs.is_not(None), c.team.is_not(None), c.comment.is_not(None)))
    frame = _frame(_where(stmt, filters), engine)
    frame["has_comment"] = frame["has_comment"].astype(bool)
    return frame


def handoff_comments(
    engine: Engine, stage: str, filters: Filters | None = None, limit: int = 200
) -> pd.DataFrame:
    """The newest `limit` comments of a stage that mention a handoff: submitted_at, comment,
    handoff_words, team, handoffs, language, sentiment."""
    c = Response.__table__.c
    stmt = (
        select(
            c.submitted_at, c.comment, c.handoff_words, c.team, c.handoffs, c.language, c.sentiment
        )
        .where(c.stage == stage, c.handoff_words.is_not(None))
        .order_by(c.submitted_at.desc(), c.id.desc())
        .limit(limit)
    )
    return _frame(_where(stmt, filters), engine)
