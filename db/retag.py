"""Re-tagging storage: every stored response read in chunks inside one locked transaction,
handed to a placing function, and the rows whose tags changed written back, audited.

What places a response is not decided here (`cxcore.text.retag.place_stored` does it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine, bindparam, func, select, update

from cxcore import fields as F
from db.audit import write_audit
from db.daily_sums import days_of, refresh_daily_sums
from db.engine import lock_for_writing
from db.schema import Import, Response
from db.store import bump_revision

__all__ = ["RetagSummary", "move_stage", "rewrite_tags", "unassigned_responses"]

# Places stored rows (id, import_id, survey_stage, channel, comment, tags, given tags):
# returns their new stage, stage_source, touchpoint and touchpoint_source.
Place = Callable[[pd.DataFrame], pd.DataFrame]

Progress = Callable[[float, str], None]
_CHUNK = 50_000
_MANUAL = "manual"
_TAGS = [F.STAGE, F.STAGE_SOURCE, F.TOUCHPOINT, F.TOUCHPOINT_SOURCE]


@dataclass(frozen=True)
class RetagSummary:
    """How many responses were re-tagged and how many of them changed place."""

    total: int
    moved_stage: int
    moved_touchpoint: int


def rewrite_tags(
    engine: Engine,
    place: Place,
    progress: Progress | None = None,
    *,
    user: str = "local",
    details: dict[str, Any] | None = None,
) -> RetagSummary:
    """Place every stored response again with `place`; one transaction, changed rows only.

    Audited as a taxonomy change, with `details` (what changed) and how many responses moved.
    """
    report = progress or (lambda _f, _m: None)
    r = Response
    columns = [
        r.id,
        r.import_id,
        r.channel,
        r.comment,
        r.stage,
        r.stage_source,
        r.touchpoint,
        r.touchpoint_source,
        r.stage_given,
        r.touchpoint_given,
        Import.survey_stage,
    ]
    changes = update(r).where(r.id == bindparam("row_id"))
    changes = changes.values({c: bindparam(f"new_{c}") for c in _TAGS})
    total = moved_stage = moved_touchpoint = 0
    with engine.begin() as conn:
        lock_for_writing(conn)  # before reading: an import storing meanwhile makes it wait
        count = conn.scalar(select(func.count(r.id))) or 0
        last_id = 0
        report(0.0, "Placing responses on the journey")
        while True:
            stmt = (
                select(*columns)
                .join(Import, Import.id == r.import_id)
                .where(r.id > last_id)
                .order_by(r.id)
                .limit(_CHUNK)
            )
            stored = pd.read_sql(stmt, conn)
            if stored.empty:
                break
            last_id = int(stored["id"].iloc[-1])
            new = place(stored)
            changed = np.zeros(len(stored), dtype=bool)
            for column in _TAGS:
                changed |= (new[column] != stored[column]).to_numpy()
            moved_stage += int((new[F.STAGE] != stored[F.STAGE]).sum())
            moved_touchpoint += int((new[F.TOUCHPOINT] != stored[F.TOUCHPOINT]).sum())
            if changed.any():
                conn.execute(changes, _update_records(stored["id"], new, changed))
            total += len(stored)
            report(min(1.0, total / max(count, 1)), f"Placed {total:,} of {count:,} responses")
        moved = {"moved_stage": moved_stage, "moved_touchpoint": moved_touchpoint}
        refresh_daily_sums(conn)
        write_audit(conn, user, "taxonomy_change", "journey model", (details or {}) | moved)
        bump_revision(conn)
    report(1.0, "Placed")
    return RetagSummary(total, moved_stage, moved_touchpoint)


def _update_records(ids: pd.Series, new: pd.DataFrame, changed: np.ndarray) -> list[dict[str, Any]]:
    rows = new.loc[changed]
    records = [{"row_id": int(i)} for i in ids.to_numpy()[changed]]
    for column in _TAGS:
        for record, value in zip(records, rows[column].tolist(), strict=True):
            record[f"new_{column}"] = value
    return records


def move_stage(engine: Engine, from_key: str, to_key: str, *, user: str = "local") -> int:
    """Put every response on stage `from_key` on `to_key`; how many moved.

    Used when a stage that holds responses is removed: the user said where they go, so
    they are tagged `manual` and re-tagging keeps them there. Moved to "unassigned",
    they are left to the rules again. Imports whose survey stage was `from_key` follow.
    """
    unassigned = to_key == F.UNASSIGNED
    source = F.UNASSIGNED if unassigned else _MANUAL
    with engine.begin() as conn:
        lock_for_writing(conn)
        days = days_of(conn, Response.stage == from_key)
        moved = conn.execute(
            update(Response)
            .where(Response.stage == from_key)
            .values(stage=to_key, stage_source=source)
        ).rowcount
        conn.execute(
            update(Import)
            .where(Import.survey_stage == from_key)
            .values(survey_stage=None if unassigned else to_key)
        )
        refresh_daily_sums(conn, days)
        write_audit(conn, user, "move_stage", from_key, {"to": to_key, "responses": int(moved)})
        bump_revision(conn)
    return int(moved)


def unassigned_responses(engine: Engine, limit: int = 50_000) -> pd.DataFrame:
    """Responses without a stage or a touchpoint that have a comment, newest first."""
    r = Response
    stmt = (
        select(r.id, r.comment, r.language, r.stage, r.touchpoint)
        .where((r.stage == F.UNASSIGNED) | (r.touchpoint == F.UNASSIGNED))
        .where(r.comment.is_not(None))
        .order_by(r.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        return pd.read_sql(stmt, conn)
