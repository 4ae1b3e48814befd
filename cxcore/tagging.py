"""Stage and touchpoint of each response (first version: copied from mapped columns)."""

from __future__ import annotations

import unicodedata

import pandas as pd

from cxcore import fields as F
from cxcore.taxonomy import Taxonomy

__all__ = ["tag_responses"]


def _fold(text: str) -> str:
    # Turkish dotted/dotless i first, then strip diacritics, so "İade" and "iade" meet.
    text = text.replace("İ", "i").replace("I", "ı").lower().replace("ı", "i")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def _lookup(names_by_key: dict[str, list[str]]) -> dict[str, str]:
    return {_fold(name): key for key, names in names_by_key.items() for name in names + [key]}


def tag_responses(
    responses: pd.DataFrame, taxonomy: Taxonomy, survey_stage: str | None = None
) -> pd.DataFrame:
    """A copy of `responses` with stage, touchpoint and where each came from."""
    out = responses.copy()
    stages = _lookup({s.key: list(s.names.values()) for s in taxonomy.stages})
    touchpoints = _lookup({t.key: list(t.names.values()) for t in taxonomy.touchpoints})
    for column, source_column, lookup in (
        (F.STAGE, F.STAGE_SOURCE, stages),
        (F.TOUCHPOINT, F.TOUCHPOINT_SOURCE, touchpoints),
    ):
        given = out[column] if column in out else pd.Series(None, index=out.index, dtype="object")
        matched = given.map(lambda v, lk=lookup: lk.get(_fold(v)) if isinstance(v, str) else None)
        out[column] = matched.fillna(F.UNASSIGNED)
        out[source_column] = matched.notna().map({True: "column", False: F.UNASSIGNED})
    if survey_stage:
        by_survey = out[F.STAGE] == F.UNASSIGNED
        out.loc[by_survey, F.STAGE] = survey_stage
        out.loc[by_survey, F.STAGE_SOURCE] = "survey"
    return out
