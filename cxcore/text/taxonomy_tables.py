"""The journey model as two editable tables (stages, touchpoints) and back.

The Journey model page edits these tables; `taxonomy_from_tables` turns them into a
validated Taxonomy, keeping what the tables do not show (descriptions, stage words,
a touchpoint's stages, rules) from the model they were made from.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from cxcore.i18n import text
from cxcore.text.taxonomy import (
    LANGUAGES,
    Taxonomy,
    TaxonomyError,
    taxonomy_from_dict,
    taxonomy_to_dict,
)

__all__ = [
    "STAGE_COLUMNS",
    "TOUCHPOINT_COLUMNS",
    "removed_stages",
    "stages_to_move",
    "stages_table",
    "taxonomy_from_tables",
    "touchpoints_table",
]

_NAMES = [f"name_{lang}" for lang in LANGUAGES]
_WORDS = [f"words_{lang}" for lang in LANGUAGES]
STAGE_COLUMNS = ["order", "key", *_NAMES]
TOUCHPOINT_COLUMNS = ["order", "key", "category", *_NAMES, "usual_stage", "channels", *_WORDS]


def _format_terms(terms: dict[str, float]) -> str:
    return ", ".join(f"{t}: {w:g}" for t, w in terms.items())


def stages_table(taxonomy: Taxonomy) -> pd.DataFrame:
    """One row per stage: order (1, 2, …), key and the name in each language."""
    rows = [
        {"order": i, "key": s.key, **{f"name_{lang}": s.names.get(lang, "") for lang in LANGUAGES}}
        for i, s in enumerate(taxonomy.stages, 1)
    ]
    return pd.DataFrame(rows, columns=STAGE_COLUMNS)


def touchpoints_table(taxonomy: Taxonomy) -> pd.DataFrame:
    """One row per touchpoint: key, category, names, usual stage, channels and words."""
    rows = [
        {
            "order": i,
            "key": t.key,
            "category": t.category,
            **{f"name_{lang}": t.names.get(lang, "") for lang in LANGUAGES},
            "usual_stage": t.usual_stage or "",
            "channels": ", ".join(t.channels),
            **{f"words_{lang}": _format_terms(t.words.get(lang, {})) for lang in LANGUAGES},
        }
        for i, t in enumerate(taxonomy.touchpoints, 1)
    ]
    return pd.DataFrame(rows, columns=TOUCHPOINT_COLUMNS)


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _rows(table: pd.DataFrame) -> list[dict[str, str]]:
    """Non-empty rows as texts, sorted by their order (rows without one last, as listed)."""
    rows: list[tuple[float, int, dict[str, str]]] = []
    for position, record in enumerate(table.to_dict("records")):
        texts = {str(k): _text(v) for k, v in record.items()}
        if not any(v for k, v in texts.items() if k != "order"):
            continue  # a blank row the editor added
        try:
            order = float(texts["order"]) if texts.get("order") else math.inf
        except ValueError:
            order = math.inf
        rows.append((order, position, texts))
    return [texts for _, _, texts in sorted(rows, key=lambda r: (r[0], r[1]))]


def _names(row: dict[str, str]) -> dict[str, str]:
    return {lang: row[f"name_{lang}"] for lang in LANGUAGES if row.get(f"name_{lang}")}


def _parse_terms(written: str, key: str, words_lang: str, lang: str = "en") -> dict[str, float]:
    """'fatura*: 4, otomatik ödeme*' → terms with weights (2 when none is written)."""
    terms: dict[str, float] = {}
    for item in filter(None, (part.strip() for part in written.split(","))):
        term, _, weight = item.partition(":")
        try:
            terms[term.strip()] = float(weight.replace(" ", "")) if weight.strip() else 2.0
        except ValueError:
            raise TaxonomyError(
                text(
                    "model.weight_error",
                    lang,
                    touchpoint=key,
                    words_lang=words_lang,
                    item=item,
                    weight=weight.strip(),
                )
            ) from None
    return terms


def _key_or_none(key: str) -> str | None:
    return key or None


def taxonomy_from_tables(
    base: Taxonomy, stages: pd.DataFrame, touchpoints: pd.DataFrame, lang: str = "en"
) -> Taxonomy:
    """The taxonomy the edited tables describe; raises TaxonomyError naming the problem
    (a badly written weight in `lang`).

    A removed stage is also dropped from touchpoints' stages and from rules; a rule left
    with neither a stage nor a touchpoint is dropped.
    """
    data = taxonomy_to_dict(base)
    old_stages = {s["key"]: s for s in data["stages"]}
    old_touchpoints = {t["key"]: t for t in data["touchpoints"]}
    new_stages: list[dict[str, Any]] = []
    for row in _rows(stages):
        entry = dict(old_stages.get(row["key"], {}))
        entry.update(key=_key_or_none(row["key"]), names=_names(row))
        new_stages.append(entry)
    stage_keys = {s["key"] for s in new_stages}
    new_touchpoints: list[dict[str, Any]] = []
    for row in _rows(touchpoints):
        key = row["key"]
        entry = dict(old_touchpoints.get(key, {}))
        usual = row.get("usual_stage") if row.get("usual_stage") in stage_keys else None
        kept = [s for s in entry.get("stages", []) if s in stage_keys]
        if usual and kept and usual not in kept:
            kept.append(usual)
        words: dict[str, dict[str, float]] = {}
        for words_lang in LANGUAGES:
            terms = _parse_terms(row.get(f"words_{words_lang}", ""), key, words_lang, lang)
            if terms:
                words[words_lang] = terms
        entry.update(
            key=_key_or_none(key),
            category=row.get("category") or None,
            names=_names(row),
            stages=kept,
            usual_stage=usual,
            channels=[c.strip() for c in row.get("channels", "").split(",") if c.strip()],
            words=words,
        )
        new_touchpoints.append(entry)
    touchpoint_keys = {t["key"] for t in new_touchpoints}
    rules: list[dict[str, Any]] = []
    for rule in data["rules"]:
        rule = dict(rule)
        if rule.get("stage") not in stage_keys:
            rule.pop("stage", None)
        if rule.get("touchpoint") not in touchpoint_keys:
            rule.pop("touchpoint", None)
        if rule.get("stage") or rule.get("touchpoint"):
            rules.append(rule)
    data.update(stages=new_stages, touchpoints=new_touchpoints, rules=rules)
    return taxonomy_from_dict(data)


def removed_stages(old: Taxonomy, new: Taxonomy) -> list[str]:
    """Keys of `old`'s stages that `new` no longer has, in journey order."""
    kept = set(new.stage_keys())
    return [key for key in old.stage_keys() if key not in kept]


def stages_to_move(old: Taxonomy, new: Taxonomy, held: Mapping[str, int]) -> dict[str, int]:
    """Removed stages that still hold responses (`held`: responses per stage), with counts."""
    return {key: int(held[key]) for key in removed_stages(old, new) if held.get(key, 0)}
