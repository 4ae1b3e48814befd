"""The file's category column: each value placed on the journey once, by the lead.

Many exports carry a reason, topic, queue or group column ("negativereason", "Konu",
"Kategorie", Zendesk "Group"). Its most common values are offered with a stage and
touchpoint suggested from their words (the tagger's own matching); the lead confirms or
changes them. A confirmed value outranks the comment's words (source `category`); a value
left without a stage or touchpoint, or not offered at all, counts for nothing.

Where a confirmed value speaks:

    stage:      column → category → comment words → survey → usual stage of a channel
    touchpoint: column → channel → category → comment words

A channel says how the customer got in touch, so it stays the touchpoint; the category
says what it was about, so it comes before the words for both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.text.tagging import match_stage, tag_responses
from cxcore.text.taxonomy import Taxonomy

__all__ = [
    "CATEGORY_SOURCE",
    "TOP_VALUES",
    "Placements",
    "category_table",
    "category_values",
    "named_category_table",
    "keep_category_tags",
    "place_by_category",
    "placements_from_table",
]

CATEGORY_SOURCE: Final = "category"
TOP_VALUES: Final = 25  # the values offered: the most common ones, by count
# value as written → (stage key or None, touchpoint key or None)
Placements = Mapping[str, tuple[str | None, str | None]]
_COLUMNS: Final = ["value", "n", "stage", "touchpoint"]
# Sources a confirmed category value does not overrule.
_STAGE_KEPT: Final = ("column", "manual")
_TOUCHPOINT_KEPT: Final = ("column", "channel", "manual")


def _key(value: Any) -> str | None:
    """A category value as compared: trimmed, case and inner spacing ignored."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()).casefold() or None


def category_values(column: pd.Series, top: int = TOP_VALUES) -> pd.DataFrame:
    """The `top` most common non-empty values of a category column: columns value, n."""
    cells = column.dropna().astype("str").str.strip()
    cells = cells[cells != ""]
    keys = cells.map(_key)
    counts = keys.value_counts(sort=True)
    shown = cells.groupby(keys).agg(lambda v: v.mode().iloc[0])  # most common spelling
    ranked = counts.head(top)
    return pd.DataFrame(
        {"value": [shown[k] for k in ranked.index], "n": ranked.to_numpy(dtype="int64")},
        columns=["value", "n"],
    )


def _suggest(values: list[str], taxonomy: Taxonomy) -> tuple[list[Any], list[Any]]:
    """Stage and touchpoint the tagger reads in each value: a stage or touchpoint name or
    channel synonym first ("Support", "Fatura"), else the value's words."""
    frame = pd.DataFrame({F.COMMENT: values, F.CHANNEL: values})
    tagged = tag_responses(frame, taxonomy)
    stages = [match_stage(v, taxonomy) for v in values]
    stages = [
        named or (s if s != F.UNASSIGNED else None)
        for named, s in zip(stages, tagged[F.STAGE], strict=True)
    ]
    touchpoints = [None if t == F.UNASSIGNED else t for t in tagged[F.TOUCHPOINT]]
    return stages, touchpoints


def category_table(
    column: pd.Series,
    taxonomy: Taxonomy,
    remembered: Placements | None = None,
    top: int = TOP_VALUES,
) -> pd.DataFrame:
    """The lead's table: value, n, stage, touchpoint ('' when none), most common first.

    A value confirmed before (`remembered`) keeps its choice, even a choice of nothing;
    the others get the stage and touchpoint their words suggest.
    """
    table = category_values(column, top)
    stages, touchpoints = _suggest(table["value"].tolist(), taxonomy)
    known = {_key(v): tags for v, tags in (remembered or {}).items()}
    stage_keys, touchpoint_keys = set(taxonomy.stage_keys()), set(taxonomy.touchpoint_keys())
    for i, value in enumerate(table["value"]):
        if _key(value) in known:
            stage, touchpoint = known[_key(value)]
            stages[i] = stage if stage in stage_keys else None
            touchpoints[i] = touchpoint if touchpoint in touchpoint_keys else None
    table["stage"] = [s or "" for s in stages]
    table["touchpoint"] = [t or "" for t in touchpoints]
    return table[_COLUMNS]


def _names(taxonomy: Taxonomy, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    stages = {k: taxonomy.stage(k).name(lang) for k in taxonomy.stage_keys()}
    touchpoints = {k: taxonomy.touchpoint(k).name(lang) for k in taxonomy.touchpoint_keys()}
    return stages, touchpoints


def named_category_table(table: pd.DataFrame, taxonomy: Taxonomy, lang: str) -> pd.DataFrame:
    """`category_table`'s stage and touchpoint keys as their names in `lang` (for editing)."""
    stages, touchpoints = _names(taxonomy, lang)
    return table.assign(
        stage=[stages.get(k, "") for k in table["stage"]],
        touchpoint=[touchpoints.get(k, "") for k in table["touchpoint"]],
    )


def placements_from_table(
    edited: pd.DataFrame, taxonomy: Taxonomy | None = None, lang: str = "en"
) -> dict[str, tuple[str | None, str | None]]:
    """The confirmed table → {value: (stage or None, touchpoint or None)}, every row kept
    (a row left empty is remembered as "counts for nothing"). Cells hold keys, or names in
    `lang` when `taxonomy` is given."""
    stages, touchpoints = _names(taxonomy, lang) if taxonomy is not None else ({}, {})
    by_name = {name: key for key, name in [*stages.items(), *touchpoints.items()]}

    def chosen(cell: Any) -> str | None:
        text = cell.strip() if isinstance(cell, str) else ""
        return by_name.get(text, text) or None

    return {
        str(value): (chosen(stage), chosen(touchpoint))
        for value, stage, touchpoint in zip(
            edited["value"], edited["stage"], edited["touchpoint"], strict=True
        )
    }


def _lookup(values: pd.Series, placements: Placements) -> tuple[np.ndarray, np.ndarray]:
    by_key = {_key(v): tags for v, tags in placements.items()}
    codes, uniques = pd.factorize(values.map(_key), use_na_sentinel=True)
    found = [by_key.get(u, (None, None)) for u in uniques] + [(None, None)]
    stage = np.array([found[c][0] for c in codes], dtype=object)
    touchpoint = np.array([found[c][1] for c in codes], dtype=object)
    return stage, touchpoint


def place_by_category(
    tagged: pd.DataFrame, values: pd.Series, placements: Placements
) -> pd.DataFrame:
    """A copy of tagged responses where each row's confirmed category value speaks
    (`values` aligned with `tagged`; see the module docstring for the order)."""
    out = tagged.copy(deep=False)
    if not placements or out.empty:
        return out
    stage, touchpoint = _lookup(values.reindex(out.index), placements)
    take_stage = pd.notna(stage) & ~out[F.STAGE_SOURCE].isin(_STAGE_KEPT).to_numpy()
    take_touchpoint = (
        pd.notna(touchpoint) & ~out[F.TOUCHPOINT_SOURCE].isin(_TOUCHPOINT_KEPT).to_numpy()
    )
    for column, source, new, take in (
        (F.STAGE, F.STAGE_SOURCE, stage, take_stage),
        (F.TOUCHPOINT, F.TOUCHPOINT_SOURCE, touchpoint, take_touchpoint),
    ):
        if take.any():
            out[column] = out[column].where(~take, pd.Series(new, index=out.index))
            out[source] = out[source].where(~take, CATEGORY_SOURCE)
    return out


def keep_category_tags(stored: pd.DataFrame, placed: pd.DataFrame) -> pd.DataFrame:
    """Re-tagged rows with the category tags they had put back, except where the file's
    column or a hand placement now decides (re-tagging never reads the category again)."""
    out = placed.copy(deep=False)
    for column, source, kept in (
        (F.STAGE, F.STAGE_SOURCE, _STAGE_KEPT),
        (F.TOUCHPOINT, F.TOUCHPOINT_SOURCE, _TOUCHPOINT_KEPT),
    ):
        had = (stored[source] == CATEGORY_SOURCE) & ~out[source].isin(kept)
        if had.any():
            out[column] = out[column].where(~had, stored[column])
            out[source] = out[source].where(~had, CATEGORY_SOURCE)
    return out
