"""The follow-up queue and its statuses, used by db and pages alike.

Detractors (NPS 0–6), CSAT 1–2 and negative comments; `db` stores a status only once
someone changes it (open until then).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from cxcore import fields as F
from cxcore.csvfile import csv_bytes
from cxcore.i18n import text

__all__ = [
    "QUEUE_STATUSES",
    "filter_queue",
    "queue_changes",
    "queue_csv",
    "queue_reasons",
    "queue_table",
]

QUEUE_STATUSES: tuple[str, ...] = ("open", "contacted", "resolved")


def queue_reasons(queue: pd.DataFrame, lang: str = "en") -> pd.Series:
    """Why each response is in the follow-up queue: 'detractor (NPS 3)', 'CSAT 1', …"""
    nps = pd.to_numeric(queue[F.NPS], errors="coerce")
    csat = pd.to_numeric(queue[F.CSAT], errors="coerce")
    label = queue[F.SENTIMENT_LABEL]
    reasons = []
    for score, satisfied, polarity in zip(nps, csat, label, strict=True):
        parts = []
        if score <= 6:
            parts.append(text("followup.reason_detractor", lang, score=f"{score:.0f}"))
        if satisfied <= 2:
            parts.append(text("followup.reason_csat", lang, score=f"{satisfied:.0f}"))
        if polarity == "negative":
            parts.append(text("followup.reason_negative", lang))
        reasons.append(", ".join(parts))
    return pd.Series(reasons, index=queue.index, dtype=object)


def filter_queue(
    queue: pd.DataFrame,
    statuses: Sequence[str] = (),
    stages: Sequence[str] = (),
    touchpoints: Sequence[str] = (),
    owners: Sequence[str] = (),
) -> pd.DataFrame:
    """The rows of the queue matching every chosen filter (an empty choice means all);
    the owner "" stands for responses nobody owns yet."""
    mask = pd.Series(True, index=queue.index)
    for column, chosen in (
        ("status", statuses),
        (F.STAGE, stages),
        (F.TOUCHPOINT, touchpoints),
        ("owner", owners),
    ):
        if chosen:
            values = queue[column].fillna("") if column == "owner" else queue[column]
            mask &= values.isin(list(chosen))
    return queue[mask]


def queue_changes(before: pd.DataFrame, after: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """response_id, status, owner, note of the rows whose status, owner or note was edited.

    Raises ValueError naming the row when a status is not open, contacted or resolved.
    """
    columns = ["status", "owner", "note"]
    old = before.set_index("response_id")[columns].astype(object)
    new = after.set_index("response_id")[columns].astype(object).reindex(old.index)
    old, new = old.where(old.notna(), ""), new.where(new.notna(), "")
    new = new.apply(lambda c: c.astype(str).str.strip())
    changed = (old.astype(str) != new).any(axis=1)
    edits = new[changed].reset_index()
    wrong = edits[~edits["status"].isin(QUEUE_STATUSES)]
    if len(wrong):
        row = wrong.iloc[0]
        raise ValueError(
            text(
                "followup.wrong_status",
                lang,
                id=row["response_id"],
                status=repr(row["status"]),
                allowed=", ".join(QUEUE_STATUSES),
            )
        )
    return edits


def queue_table(
    queue: pd.DataFrame,
    stages: Mapping[str, str],
    touchpoints: Mapping[str, str],
    lang: str = "en",
) -> pd.DataFrame:
    """The queue as a support lead reads it: response_id, submitted_at, customer_id, stage
    and touchpoint names, nps, csat, reason, comment, language, status, owner, note."""
    columns = ["response_id", "submitted_at", "customer_id", "stage", "touchpoint", "nps"]
    columns += ["csat", "reason", "comment", "language", "status", "owner", "note", "updated_at"]
    table = queue.assign(
        stage=queue[F.STAGE].map(lambda k: stages.get(k, k)),
        touchpoint=queue[F.TOUCHPOINT].map(lambda k: touchpoints.get(k, k)),
        reason=queue_reasons(queue, lang) if len(queue) else pd.Series(dtype=object),
    )
    return table.reindex(columns=columns)


def queue_csv(queue: pd.DataFrame) -> bytes:
    """The queue as CSV (`csv_bytes`: Excel shows Turkish and Czech letters, runs no cell)."""
    return csv_bytes(queue)
