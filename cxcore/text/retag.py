"""Placing stored responses again: what the tagger reads from a stored row, and its new tags.

The tagger reads the file's own stage and touchpoint values (`stage_given`,
`touchpoint_given`), the channel, the comment and the import's survey stage, exactly as
at import. Tags set by hand (source `manual`) are passed back as such, so they survive.
"""

from __future__ import annotations

import pandas as pd

from cxcore import fields as F
from cxcore.text.tagging import match_stage, tag_responses
from cxcore.text.taxonomy import Taxonomy

__all__ = ["TAGS", "place_stored"]

TAGS = [F.STAGE, F.STAGE_SOURCE, F.TOUCHPOINT, F.TOUCHPOINT_SOURCE]
_MANUAL = "manual"


def _survey_stage(stage: object, taxonomy: Taxonomy) -> str | None:
    """An import's survey stage as a stage key of `taxonomy` (None when it names none)."""
    if not isinstance(stage, str) or not stage:
        return None
    return stage if stage in taxonomy.stage_keys() else match_stage(stage, taxonomy)


def _tagger_input(stored: pd.DataFrame) -> pd.DataFrame:
    """What the tagger reads: the file's values, except where a person tagged by hand."""
    manual_stage = stored[F.STAGE_SOURCE] == _MANUAL
    # A manual stage keeps the row's touchpoint too (see cxcore.text.tagging).
    keep_touchpoint = manual_stage | (stored[F.TOUCHPOINT_SOURCE] == _MANUAL)
    return pd.DataFrame(
        {
            F.CHANNEL: stored[F.CHANNEL],
            F.COMMENT: stored[F.COMMENT],
            F.STAGE: stored[F.STAGE].where(manual_stage, stored[F.STAGE_GIVEN]),
            F.STAGE_SOURCE: stored[F.STAGE_SOURCE].where(manual_stage, None),
            F.TOUCHPOINT: stored[F.TOUCHPOINT].where(keep_touchpoint, stored[F.TOUCHPOINT_GIVEN]),
            F.TOUCHPOINT_SOURCE: stored[F.TOUCHPOINT_SOURCE].where(keep_touchpoint, None),
        },
        index=stored.index,
    )


def place_stored(stored: pd.DataFrame, taxonomy: Taxonomy) -> pd.DataFrame:
    """New tags (TAGS columns) of stored rows, each import's rows with its own survey stage
    (`stored` has the import_id and survey_stage of each row)."""
    given = _tagger_input(stored)
    parts = [
        tag_responses(given.loc[rows.index], taxonomy, _survey_stage(survey_stage, taxonomy))
        for (_, survey_stage), rows in stored.groupby(
            ["import_id", "survey_stage"], sort=False, dropna=False
        )
    ]
    return pd.concat(parts).loc[stored.index, TAGS]
