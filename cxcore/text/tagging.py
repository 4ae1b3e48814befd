"""Stage and touchpoint of each response, and which source decided each tag.

Stage and touchpoint are decided separately; the first source that gives an answer wins:

    touchpoint: column → channel → category → rule or model (comment words) → unassigned
    stage:      column → category → rule or model (comment words) → survey default
                → usual stage of a column/channel touchpoint → unassigned

"model" is the learned second opinion on the comment's words (cxcore/text/stage_model.py):
where it is confident it overrules the rules' weaker stages (another stage, or none: the row
then falls through to the survey's stage), and it places a comment of six words or more that
the rules leave alone (its fallback), or of any length where the rules' words named its
stage too weakly to place it (its choice); where it doubts a weak stage of the rules (its
top class is another, and it gives theirs little), it withholds that stage (thresholds
measured in docs/benchmarks.md). The touchpoint model does the same for the touchpoint the
words give (`stage_model.touchpoint_opinion`): it withholds a weak one it doubts, gives
another where it is sure, and fills one in where the rules name none.

The comment text beats a channel's usual stage because it is about this response ("called
about my bill" is usage, even on the call-centre channel); the stage the user gave for the
whole survey beats that guess too. A channel's usual stage is used only when the words say
nothing about the stage, or to choose between the stages the words leave tied. "category"
is the lead's confirmed placement of the file's reason/topic column (optional columns
`category_stage` and `category_touchpoint`, stage and touchpoint keys).
A tag whose source is "manual" is never overwritten.
The rules work on unique channels and unique folded comments, then map back, so a million
responses take seconds (bench/tagging_speed.py).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.text.comment_rules import Rules, comment_words, compile_rules
from cxcore.text.stage_model import (
    Model,
    second_opinion,
    stage_model,
    touchpoint_model,
    touchpoint_opinion,
)
from cxcore.text.taxonomy import Taxonomy, fold_text

__all__ = [
    "CATEGORY_STAGE",
    "CATEGORY_TOUCHPOINT",
    "MODEL_SOURCE",
    "match_stage",
    "match_touchpoint",
    "tag_responses",
    "tag_text",
]

# Optional input columns: the stage and touchpoint keys a lead confirmed for the value of
# the file's category column (reason, topic, queue...). They outrank the comment's words.
CATEGORY_STAGE = "category_stage"
CATEGORY_TOUCHPOINT = "category_touchpoint"

_WORD = re.compile(r"[a-z0-9]+")
# Where a name is split into parts that also count: "Phone / call centre", "Fatura ve ödeme".
_NAME_PARTS = re.compile(r"\s*(?:[/&()+,]|\b(?:ve|a|and|or|veya|nebo)\b)\s*")
# Containment ("Çağrı merkezi Ankara" → phone) only for names of this length or more.
_MIN_CONTAINED = 3
_MANUAL = "manual"
_RULE = "rule"
# The learned second opinion's source (cxcore/text/stage_model.py).
MODEL_SOURCE = "model"


def _words_of(text: str) -> str:
    return " ".join(_WORD.findall(fold_text(text)))


@dataclass
class _Names:
    """Folded names → key for explicit column and channel values."""

    exact: dict[str, str]
    ratio: float
    cache: dict[str, str | None] = field(default_factory=dict)

    def match(self, value: Any) -> str | None:
        """The key `value` names, or None when nothing (or more than one key) fits."""
        if not isinstance(value, str):
            return None
        if value not in self.cache:
            self.cache[value] = self._match(_words_of(value))
        return self.cache[value]

    def _match(self, folded: str) -> str | None:
        if not folded:
            return None
        if folded in self.exact:
            return self.exact[folded]
        return self._fuzzy(folded) or self._contained(folded)

    def _fuzzy(self, folded: str) -> str | None:
        close = difflib.get_close_matches(folded, self.exact, n=3, cutoff=self.ratio)
        keys = {self.exact[c] for c in close}
        return keys.pop() if len(keys) == 1 else None

    def _contained(self, folded: str) -> str | None:
        # The longest name found as whole words inside the value; ties between keys → None.
        padded = f" {folded} "
        found = [n for n in self.exact if len(n) >= _MIN_CONTAINED and f" {n} " in padded]
        if not found:
            return None
        longest = max(len(n) for n in found)
        keys = {self.exact[n] for n in found if len(n) == longest}
        return keys.pop() if len(keys) == 1 else None


def _name_lookup(entries: Iterable[tuple[str, Iterable[str]]], ratio: float) -> _Names:
    """Whole names first; parts of names only where they point to one key."""
    exact: dict[str, str] = {}
    parts: dict[str, set[str]] = {}
    for key, names in entries:
        for name in [key, *names]:
            exact.setdefault(_words_of(name.replace("_", " ")), key)
            for part in _NAME_PARTS.split(fold_text(name)):
                parts.setdefault(_words_of(part), set()).add(key)
    for part, keys in parts.items():
        if part and len(keys) == 1:
            exact.setdefault(part, keys.pop())
    exact.pop("", None)
    return _Names(exact, ratio)


def _stage_names(taxonomy: Taxonomy) -> _Names:
    entries = [(s.key, s.names.values()) for s in taxonomy.stages]
    return _name_lookup(entries, taxonomy.tagging.fuzzy_ratio)


def _touchpoint_names(taxonomy: Taxonomy) -> _Names:
    entries = [(t.key, [*t.names.values(), *t.channels]) for t in taxonomy.touchpoints]
    return _name_lookup(entries, taxonomy.tagging.fuzzy_ratio)


def match_stage(value: Any, taxonomy: Taxonomy) -> str | None:
    """The stage key an explicit column value names (any language, misspelt a little)."""
    return _stage_names(taxonomy).match(value)


def match_touchpoint(value: Any, taxonomy: Taxonomy) -> str | None:
    """The touchpoint key a column or channel value names (names and channel synonyms)."""
    return _touchpoint_names(taxonomy).match(value)


def _map_unique(values: pd.Series, function: Callable[[Any], Any]) -> np.ndarray:
    """`function` applied once per distinct value, spread back over all rows (None for NaN)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[: len(uniques)] = [function(v) for v in uniques]
    mapped[-1] = None  # code -1 (a missing value) picks this last slot
    return mapped[codes]


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame:
        return frame[name]
    return pd.Series(None, index=frame.index, dtype=object)


def _explicit(frame: pd.DataFrame, name: str, source: str, names: _Names) -> np.ndarray:
    """Keys named by the file's own column; values an earlier tagging derived are ignored."""
    given = _column(frame, name)
    if source in frame:
        # On re-tagging, only a value that came from the file is the file's word.
        from_file = frame[source].isna().to_numpy() | (frame[source] == "column").to_numpy()
        given = given.where(from_file, None)
    return _map_unique(given, names.match)


def _comment_tags(
    frame: pd.DataFrame,
    rules: Rules,
    needed: np.ndarray,
    model: Model | None,
    touchpoint_learned: Model | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(stage, touchpoint, tied stages, stage source, touchpoint source) the comment's words
    give, read only in the `needed` rows (None elsewhere): a row whose file named both its
    stage and touchpoint never uses them. The rules decide, and the learned `model`
    (cxcore/text/stage_model.py) may overrule or fill in their stage, `touchpoint_learned`
    their touchpoint: the source is then "model", else "rule"."""
    stages = np.full(len(frame), None, dtype=object)
    touchpoints = np.full(len(frame), None, dtype=object)
    tied = np.full(len(frame), None, dtype=object)
    source = np.full(len(frame), _RULE, dtype=object)
    touchpoint_source = source.copy()
    if not needed.any():
        return stages, touchpoints, tied, source, touchpoint_source
    comments = _column(frame, F.COMMENT)
    if not needed.all():
        comments = comments[needed]
    # Each distinct comment is folded and read once, by the rules and then the model.
    codes, uniques = pd.factorize(comments, use_na_sentinel=True)
    folded = [comment_words(v) if isinstance(v, str) else "" for v in uniques]
    tags = [rules.tag_folded(f) if f else None for f in folded]
    unique_stage = np.array([t[0] if t else None for t in tags] + [None], dtype=object)
    unique_source = np.full(len(uniques) + 1, _RULE, dtype=object)
    if model is not None and folded:
        rule_stage = unique_stage[:-1]

        def weight(i: int) -> float:
            return rules.firmness(folded[i], rule_stage[i])

        def named(i: int, stage: str) -> float:
            return rules.firmness(folded[i], stage)

        stage, changed = second_opinion(model, folded, rule_stage.copy(), weight, named)
        unique_stage[:-1] = stage
        unique_source[:-1][changed] = MODEL_SOURCE
    unique_touchpoint = np.array([t[1] if t else None for t in tags] + [None], dtype=object)
    unique_touchpoint_source = np.full(len(uniques) + 1, _RULE, dtype=object)
    if touchpoint_learned is not None and folded:

        def touchpoint_weight(i: int, touchpoint: str) -> float:
            return rules.touchpoint_firmness(folded[i], touchpoint)

        found, changed = touchpoint_opinion(
            touchpoint_learned, folded, unique_touchpoint[:-1].copy(), touchpoint_weight
        )
        unique_touchpoint[:-1] = found
        unique_touchpoint_source[:-1][changed] = MODEL_SOURCE
    stages[needed] = unique_stage[codes]
    source[needed] = unique_source[codes]
    touchpoints[needed] = unique_touchpoint[codes]
    touchpoint_source[needed] = unique_touchpoint_source[codes]
    tied[needed] = np.array([t[2] if t else None for t in tags] + [None], dtype=object)[codes]
    return stages, touchpoints, tied, source, touchpoint_source


def _first(n: int, *candidates: tuple[np.ndarray, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the first candidate value that is not None, and its source label."""
    value = np.full(n, F.UNASSIGNED, dtype=object)
    source = np.full(n, F.UNASSIGNED, dtype=object)
    open_rows = np.ones(n, dtype=bool)
    for values, label in candidates:
        take = open_rows & pd.notna(values)
        value[take] = values[take]
        source[take] = label[take] if isinstance(label, np.ndarray) else label
        open_rows &= ~take
    return value, source


def _survey_stage(survey_stage: str | None, taxonomy: Taxonomy) -> str | None:
    if not survey_stage:
        return None
    if survey_stage in taxonomy.stage_keys():
        return survey_stage
    matched = match_stage(survey_stage, taxonomy)
    if matched is None:
        raise ValueError(
            f"The survey stage '{survey_stage}' is not a stage of the journey model; "
            f"use one of {', '.join(taxonomy.stage_keys())}."
        )
    return matched


def _usual_stages(
    touchpoints: np.ndarray, sources: np.ndarray, tied: np.ndarray, taxonomy: Taxonomy
) -> np.ndarray:
    """Usual stage of touchpoints the file named (column, channel, category) where the
    comment's words name no stage, or name it among the stages they leave tied; else None."""
    usual = {t.key: t.usual_stage for t in taxonomy.touchpoints}
    named = np.isin(sources, ["column", "channel", "category"])
    return np.array(
        [
            stage if ok and (not ties or stage in ties) else None
            for stage, ok, ties in zip(
                (usual.get(t) for t in touchpoints), named, tied, strict=True
            )
        ],
        dtype=object,
    )


def _category(frame: pd.DataFrame, name: str, keys: list[str]) -> np.ndarray:
    """Keys a lead confirmed for the file's category value (optional column); None elsewhere."""
    known = set(keys)
    return _map_unique(_column(frame, name), lambda v: v if v in known else None)


def tag_responses(
    responses: pd.DataFrame,
    taxonomy: Taxonomy,
    survey_stage: str | None = None,
    *,
    learned: bool = True,
) -> pd.DataFrame:
    """A copy of `responses` with stage, touchpoint and where each came from (`learned`
    False: the rules alone, without the stage model's second opinion)."""
    out = responses.copy(deep=False)  # copy-on-write: new columns never touch `responses`
    n = len(out)
    default_stage = _survey_stage(survey_stage, taxonomy)
    touchpoint_names = _touchpoint_names(taxonomy)
    rules = compile_rules(taxonomy)
    column_stage = _explicit(out, F.STAGE, F.STAGE_SOURCE, _stage_names(taxonomy))
    column_touchpoint = _explicit(out, F.TOUCHPOINT, F.TOUCHPOINT_SOURCE, touchpoint_names)
    channel_touchpoint = _map_unique(_column(out, F.CHANNEL), touchpoint_names.match)
    category_stage = _category(out, CATEGORY_STAGE, taxonomy.stage_keys())
    category_touchpoint = _category(out, CATEGORY_TOUCHPOINT, taxonomy.touchpoint_keys())
    named_touchpoint = (
        pd.notna(column_touchpoint) | pd.notna(channel_touchpoint) | pd.notna(category_touchpoint)
    )
    named_stage = pd.notna(column_stage) | pd.notna(category_stage)
    text_stage, text_touchpoint, tied, text_source, text_touchpoint_source = _comment_tags(
        out,
        rules,
        ~named_stage | ~named_touchpoint,
        stage_model(taxonomy) if learned else None,
        touchpoint_model(taxonomy) if learned else None,
    )

    touchpoint, touchpoint_source = _first(
        n,
        (column_touchpoint, "column"),
        (channel_touchpoint, "channel"),
        (category_touchpoint, "category"),
        (text_touchpoint, text_touchpoint_source),
    )
    survey = np.full(n, default_stage, dtype=object)
    usual = _usual_stages(touchpoint, touchpoint_source, tied, taxonomy)
    stage, stage_source = _first(
        n,
        (column_stage, "column"),
        (category_stage, "category"),
        (text_stage, text_source),
        (survey, "survey"),
        (usual, touchpoint_source),
    )
    _keep_manual(out, stage, stage_source, touchpoint, touchpoint_source)
    out[F.STAGE] = stage
    out[F.TOUCHPOINT] = touchpoint
    out[F.STAGE_SOURCE] = stage_source
    out[F.TOUCHPOINT_SOURCE] = touchpoint_source
    return out


def _keep_manual(
    frame: pd.DataFrame,
    stage: np.ndarray,
    stage_source: np.ndarray,
    touchpoint: np.ndarray,
    touchpoint_source: np.ndarray,
) -> None:
    """Put back tags a person set by hand (a manual stage keeps the whole row's tags)."""
    manual_stage = (_column(frame, F.STAGE_SOURCE) == _MANUAL).to_numpy()
    manual_touchpoint = manual_stage | (_column(frame, F.TOUCHPOINT_SOURCE) == _MANUAL).to_numpy()
    if manual_stage.any():
        stage[manual_stage] = _column(frame, F.STAGE).to_numpy()[manual_stage]
        stage_source[manual_stage] = _MANUAL
    if manual_touchpoint.any():
        kept = _column(frame, F.TOUCHPOINT).fillna(F.UNASSIGNED).to_numpy()
        touchpoint[manual_touchpoint] = kept[manual_touchpoint]
        kept_source = _column(frame, F.TOUCHPOINT_SOURCE).fillna(_MANUAL).to_numpy()
        touchpoint_source[manual_touchpoint] = kept_source[manual_touchpoint]


def tag_text(text: str, taxonomy: Taxonomy, channel: str | None = None) -> dict[str, str]:
    """Stage, touchpoint and source the pipeline would give one comment (CLI `tag`)."""
    row = pd.DataFrame({F.COMMENT: [text], F.CHANNEL: [channel]})
    tagged = tag_responses(row, taxonomy).iloc[0]
    stage_source, touchpoint_source = tagged[F.STAGE_SOURCE], tagged[F.TOUCHPOINT_SOURCE]
    words: list[str] = []
    if stage_source == MODEL_SOURCE:
        # The model's placement is explained by the words that weighed most for its stage
        # (a "model" source means the model exists for this journey model).
        model = stage_model(taxonomy)
        words = list(model.words_for(comment_words(text), tagged[F.STAGE]))
    touchpoint_words: list[str] = []
    if touchpoint_source == MODEL_SOURCE and tagged[F.TOUCHPOINT] != F.UNASSIGNED:
        # the touchpoint model's placement, explained the same way (a withheld one has none)
        found = touchpoint_model(taxonomy)
        touchpoint_words = list(found.words_for(comment_words(text), tagged[F.TOUCHPOINT]))
    return {
        "stage": tagged[F.STAGE],
        "touchpoint": tagged[F.TOUCHPOINT],
        "source": stage_source if stage_source != F.UNASSIGNED else touchpoint_source,
        "stage_source": stage_source,
        "touchpoint_source": touchpoint_source,
        "stage_words": words,
        "touchpoint_words": touchpoint_words,
    }
