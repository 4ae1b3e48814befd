"""The journey model: stages in order and touchpoints, loaded from a YAML data file.

The file (format in docs/taxonomy.md) also carries the words customers use, so that
support leads can tune the tagging without code. `taxonomy_from_dict` validates it and
raises `TaxonomyError` (a `ValueError`) with a message that names the entry and the fix.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cxcore.languages import CODES
from cxcore.settings import setting
from cxcore.yamlfile import load_yaml

__all__ = [
    "CATEGORIES",
    "DEFAULT_TAXONOMY_PATH",
    "LANGUAGES",
    "Rule",
    "Stage",
    "TaggingSettings",
    "Taxonomy",
    "TaxonomyError",
    "Touchpoint",
    "active_taxonomy_path",
    "add_rule",
    "dump_taxonomy",
    "fold_text",
    "load_active_taxonomy",
    "load_taxonomy",
    "save_taxonomy",
    "taxonomy_from_dict",
    "taxonomy_to_dict",
]

DEFAULT_TAXONOMY_PATH = Path(__file__).parent.parent / "data" / "taxonomy.yaml"
_REPO_ROOT = Path(__file__).resolve().parents[2]
CATEGORIES: tuple[str, ...] = ("digital", "human", "physical")
LANGUAGES: tuple[str, ...] = CODES
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# A stem shorter than this would match half the vocabulary ("ba*" → every "ba…" word).
MIN_STEM_LENGTH = 3

_WORD = re.compile(r"[a-z0-9]+")


def _fold_table() -> dict[int, str | None]:
    # Lower-case letters with accents map to their base letter (č→c, ş→s, ř→r, ő→o).
    table: dict[int, str | None] = {}
    for code in range(0xC0, 0x250):
        base = "".join(
            c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c)
        )
        if base != chr(code) and base.isascii():
            table[code] = base
    # Turkish: "ı" is dotless i, and "İ".lower() is "i" plus a combining dot (U+0307).
    table[ord("ı")] = "i"
    table[0x307] = None
    return table


_FOLD = _fold_table()


def fold_text(text: str) -> str:
    """`text` lower-cased without accents, Turkish ı/İ as i: how names and words compare."""
    lowered = text.lower()
    return lowered if lowered.isascii() else lowered.translate(_FOLD)


def _folded_words(text: str) -> str:
    return " ".join(_WORD.findall(fold_text(text)))


# Words of one language: term → weight. A term is one or more words; a word ending in
# "*" is a stem that matches any word starting with it ("fatura*" → "faturamı").
Words = dict[str, dict[str, float]]


class TaxonomyError(ValueError):
    """A taxonomy file or dict that cannot be used; the message names the entry."""


@dataclass(frozen=True)
class Stage:
    key: str
    names: dict[str, str]
    descriptions: dict[str, str] = field(default_factory=dict)
    words: Words = field(default_factory=dict)

    def name(self, lang: str = "en") -> str:
        """The stage's name in `lang`, falling back to English, then the key."""
        return self.names.get(lang) or self.names.get("en") or self.key


@dataclass(frozen=True)
class Touchpoint:
    key: str
    category: str
    names: dict[str, str]
    stages: tuple[str, ...] = ()
    usual_stage: str | None = None
    channels: tuple[str, ...] = ()
    words: Words = field(default_factory=dict)

    def name(self, lang: str = "en") -> str:
        """The touchpoint's name in `lang`, falling back to English, then the key."""
        return self.names.get(lang) or self.names.get("en") or self.key


@dataclass(frozen=True)
class Rule:
    """A phrase that places a comment on a stage and/or touchpoint at once."""

    words: str
    lang: str
    weight: float
    stage: str | None = None
    touchpoint: str | None = None


@dataclass(frozen=True)
class TaggingSettings:
    """How sure the comment rules must be before they place a response."""

    min_score: float = 2.0  # the best stage/touchpoint must reach this summed weight
    min_margin: float = 1.0  # and beat the runner-up by this much (else: unassigned)
    fuzzy_ratio: float = 0.85  # difflib ratio for misspelt column and channel values
    usual_stage_share: float = 0.5  # share of a touchpoint word's weight given to its usual stage


@dataclass(frozen=True)
class Taxonomy:
    stages: tuple[Stage, ...]
    touchpoints: tuple[Touchpoint, ...]
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    rules: tuple[Rule, ...] = ()
    tagging: TaggingSettings = field(default_factory=TaggingSettings)

    def stage_keys(self) -> list[str]:
        """Stage keys in journey order (the x axis of the emotion curve)."""
        return [s.key for s in self.stages]

    def touchpoint_keys(self) -> list[str]:
        """Touchpoint keys in file order."""
        return [t.key for t in self.touchpoints]

    def stage(self, key: str) -> Stage | None:
        """The stage with `key`, or None."""
        return next((s for s in self.stages if s.key == key), None)

    def touchpoint(self, key: str) -> Touchpoint | None:
        """The touchpoint with `key`, or None."""
        return next((t for t in self.touchpoints if t.key == key), None)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and validate a taxonomy YAML file (default: the shipped journey model)."""
    source = Path(path or DEFAULT_TAXONOMY_PATH)
    try:
        raw = load_yaml(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise TaxonomyError(f"{source.name}: not valid YAML ({error}).") from error
    try:
        return taxonomy_from_dict(raw)
    except TaxonomyError as error:
        raise TaxonomyError(f"{source.name}: {error}") from error


def active_taxonomy_path() -> Path:
    """Where the journey model in use lives (setting `taxonomy_path`, relative to the repo)."""
    path = Path(setting("taxonomy_path")).expanduser()
    return path if path.is_absolute() else _REPO_ROOT / path


def load_active_taxonomy() -> Taxonomy:
    """The journey model in use: the saved file if there is one, else the shipped default."""
    path = active_taxonomy_path()
    return load_taxonomy(path if path.is_file() else None)


def dump_taxonomy(taxonomy: Taxonomy) -> str:
    """`taxonomy` as the YAML text `save_taxonomy` writes."""
    return yaml.safe_dump(
        taxonomy_to_dict(taxonomy), allow_unicode=True, sort_keys=False, width=100
    )


def save_taxonomy(taxonomy: Taxonomy, path: str | Path) -> None:
    """Write `taxonomy` as YAML that `load_taxonomy` reads back unchanged."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write beside it, then replace: a reader never sees half a file.
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(dump_taxonomy(taxonomy), encoding="utf-8")
    partial.replace(target)


def add_rule(
    taxonomy: Taxonomy,
    words: list[str],
    stage: str | None,
    touchpoint: str | None,
    language: str,
    weight: float = 3.0,
) -> Taxonomy:
    """A new taxonomy with `words` added to the stage's and touchpoint's words in `language`.

    Weight 3 is strong: a comment with one of these words is placed unless other words
    point elsewhere. A term already listed keeps the higher of its two weights.
    """
    stage = stage if stage and stage != "unassigned" else None
    touchpoint = touchpoint if touchpoint and touchpoint != "unassigned" else None
    if stage is None and touchpoint is None:
        raise TaxonomyError("a rule needs a stage, a touchpoint or both.")
    if language not in LANGUAGES:
        raise TaxonomyError(f"language {language!r} is not one of {', '.join(LANGUAGES)}.")
    terms = [w.strip() for w in words if w and w.strip()]
    if not terms:
        raise TaxonomyError("a rule needs at least one word.")
    data = taxonomy_to_dict(taxonomy)
    for section, key in (("stages", stage), ("touchpoints", touchpoint)):
        if key is None:
            continue
        entry = next((e for e in data[section] if e["key"] == key), None)
        if entry is None:
            what = section[:-1]
            raise TaxonomyError(f"{what} '{key}' is not defined; pick one of the journey model.")
        listed = entry.setdefault("words", {}).setdefault(language, {})
        for term in terms:
            listed[term] = max(float(listed.get(term, 0.0)), weight)
    return taxonomy_from_dict(data)


def taxonomy_to_dict(taxonomy: Taxonomy) -> dict[str, Any]:
    """The plain dict form of `taxonomy` (what the YAML file holds)."""
    settings = taxonomy.tagging
    return {
        "tagging": {
            "min_score": settings.min_score,
            "min_margin": settings.min_margin,
            "fuzzy_ratio": settings.fuzzy_ratio,
            "usual_stage_share": settings.usual_stage_share,
        },
        "stages": [_stage_to_dict(s) for s in taxonomy.stages],
        "touchpoints": [_touchpoint_to_dict(t) for t in taxonomy.touchpoints],
        "rules": [_rule_to_dict(r) for r in taxonomy.rules],
    }


def taxonomy_from_dict(data: Any) -> Taxonomy:
    """A validated Taxonomy from its dict form; raises TaxonomyError naming the problem."""
    if not isinstance(data, Mapping):
        raise TaxonomyError("the taxonomy must be a mapping with 'stages' and 'touchpoints'.")
    stage_items = _list_of_mappings(data, "stages")
    if not stage_items:
        raise TaxonomyError("the taxonomy has no stages; add at least one under 'stages'.")
    stages = tuple(_stage_from_dict(item, i) for i, item in enumerate(stage_items, 1))
    _check_unique([s.key for s in stages], "stage")
    stage_keys = [s.key for s in stages]
    touchpoints = tuple(
        _touchpoint_from_dict(item, i, stage_keys)
        for i, item in enumerate(_list_of_mappings(data, "touchpoints"), 1)
    )
    _check_unique([t.key for t in touchpoints], "touchpoint")
    _check_channels_unique(touchpoints)
    touchpoint_keys = [t.key for t in touchpoints]
    rules = tuple(
        _rule_from_dict(item, i, stage_keys, touchpoint_keys)
        for i, item in enumerate(_list_of_mappings(data, "rules"), 1)
    )
    return Taxonomy(stages, touchpoints, dict(data), rules, _settings_from_dict(data))


def _stage_to_dict(stage: Stage) -> dict[str, Any]:
    entry: dict[str, Any] = {"key": stage.key, "names": dict(stage.names)}
    if stage.descriptions:
        entry["descriptions"] = dict(stage.descriptions)
    if stage.words:
        entry["words"] = {lang: dict(terms) for lang, terms in stage.words.items()}
    return entry


def _touchpoint_to_dict(touchpoint: Touchpoint) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "key": touchpoint.key,
        "category": touchpoint.category,
        "names": dict(touchpoint.names),
        "stages": list(touchpoint.stages),
        "usual_stage": touchpoint.usual_stage,
        "channels": list(touchpoint.channels),
    }
    if touchpoint.words:
        entry["words"] = {lang: dict(terms) for lang, terms in touchpoint.words.items()}
    return entry


def _rule_to_dict(rule: Rule) -> dict[str, Any]:
    entry: dict[str, Any] = {"words": rule.words, "lang": rule.lang, "weight": rule.weight}
    if rule.stage:
        entry["stage"] = rule.stage
    if rule.touchpoint:
        entry["touchpoint"] = rule.touchpoint
    return entry


def _list_of_mappings(data: Mapping[str, Any], section: str) -> list[Mapping[str, Any]]:
    items = data.get(section) or []
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        raise TaxonomyError(f"'{section}' must be a list of entries (each a mapping).")
    return items


def _key(item: Mapping[str, Any], what: str, position: int) -> str:
    key = item.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        raise TaxonomyError(
            f"{what} #{position} has key {key!r}; a key is lower-case letters, digits and _ "
            "(e.g. 'live_chat')."
        )
    return key


def _texts(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise TaxonomyError(f"{where} must map a language code to a text, e.g. {{en: Phone}}.")
    return dict(value)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise TaxonomyError(f"{where} must be a number, not {value!r}.")
    return float(value)


def _words(value: Any, where: str) -> Words:
    """Validated words by language; a plain list of terms gets weight 2 each."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TaxonomyError(
            f"{where} must map a language code to terms, e.g. {{tr: {{fatura*: 3}}}}."
        )
    words: Words = {}
    for lang, terms in value.items():
        if isinstance(terms, list):
            terms = dict.fromkeys(terms, 2.0)
        if not isinstance(terms, Mapping):
            raise TaxonomyError(f"{where}.{lang} must map each term to a weight.")
        words[str(lang)] = {
            _term(term, f"{where}.{lang}"): _number(weight, f"{where}.{lang}.{term}")
            for term, weight in terms.items()
        }
    return words


def _term(term: Any, where: str) -> str:
    """A term as written, checked: stems ('*' at a word's end) must be long enough."""
    if not isinstance(term, str) or not term.strip():
        raise TaxonomyError(f"{where} has an empty term.")
    words = term.split()
    # Inside a phrase the other words give context, so a shorter stem ("satın al*") is safe.
    shortest = MIN_STEM_LENGTH if len(words) == 1 else 2
    for word in words:
        stem = word.rstrip("*")
        if "*" in stem:
            raise TaxonomyError(f"{where}: '{term}' has '*' inside a word; put it only at the end.")
        if word.endswith("*") and len(stem) < shortest:
            raise TaxonomyError(
                f"{where}: the stem '{word}' is too short; use at least {shortest} letters."
            )
    return term.strip()


def _stage_from_dict(item: Mapping[str, Any], position: int) -> Stage:
    key = _key(item, "stage", position)
    return Stage(
        key,
        _texts(item.get("names"), f"stage '{key}' names"),
        _texts(item.get("descriptions"), f"stage '{key}' descriptions"),
        _words(item.get("words"), f"stage '{key}' words"),
    )


def _touchpoint_from_dict(
    item: Mapping[str, Any], position: int, stage_keys: list[str]
) -> Touchpoint:
    key = _key(item, "touchpoint", position)
    category = item.get("category")
    if category not in CATEGORIES:
        raise TaxonomyError(
            f"touchpoint '{key}' has category {category!r}; use one of {', '.join(CATEGORIES)}."
        )
    stages = tuple(item.get("stages") or ())
    usual = item.get("usual_stage")
    for ref in (*stages, *([usual] if usual is not None else [])):
        _check_stage_ref(ref, f"touchpoint '{key}'", stage_keys)
    if usual is not None and stages and usual not in stages:
        raise TaxonomyError(
            f"touchpoint '{key}': usual_stage '{usual}' is not in its stages; add it there."
        )
    channels = item.get("channels") or []
    if not isinstance(channels, list) or not all(isinstance(c, str) for c in channels):
        raise TaxonomyError(f"touchpoint '{key}' channels must be a list of texts.")
    return Touchpoint(
        key,
        category,
        _texts(item.get("names"), f"touchpoint '{key}' names"),
        stages,
        usual,
        tuple(channels),
        _words(item.get("words"), f"touchpoint '{key}' words"),
    )


def _rule_from_dict(
    item: Mapping[str, Any], position: int, stage_keys: list[str], touchpoint_keys: list[str]
) -> Rule:
    where = f"rule #{position}"
    words = _term(item.get("words"), where)
    stage, touchpoint = item.get("stage"), item.get("touchpoint")
    if stage is None and touchpoint is None:
        raise TaxonomyError(f"{where} ('{words}') needs a stage, a touchpoint or both.")
    if stage is not None:
        _check_stage_ref(stage, f"{where} ('{words}')", stage_keys)
    if touchpoint is not None and touchpoint not in touchpoint_keys:
        raise TaxonomyError(
            f"{where} ('{words}') refers to touchpoint '{touchpoint}', which is not defined; "
            f"use one of {', '.join(touchpoint_keys)}."
        )
    lang = str(item.get("lang", ""))
    return Rule(words, lang, _number(item.get("weight", 2), f"{where} weight"), stage, touchpoint)


def _settings_from_dict(data: Mapping[str, Any]) -> TaggingSettings:
    given = data.get("tagging") or {}
    if not isinstance(given, Mapping):
        raise TaxonomyError("'tagging' must be a mapping of settings (min_score, min_margin…).")
    defaults = TaggingSettings()
    unknown = set(given) - {"min_score", "min_margin", "fuzzy_ratio", "usual_stage_share"}
    if unknown:
        raise TaxonomyError(f"'tagging' has unknown settings: {', '.join(sorted(unknown))}.")
    ratio = _number(given.get("fuzzy_ratio", defaults.fuzzy_ratio), "tagging.fuzzy_ratio")
    if not 0 < ratio <= 1:
        raise TaxonomyError("tagging.fuzzy_ratio must be above 0 and at most 1 (e.g. 0.85).")
    return TaggingSettings(
        _number(given.get("min_score", defaults.min_score), "tagging.min_score"),
        _number(given.get("min_margin", defaults.min_margin), "tagging.min_margin"),
        ratio,
        _number(
            given.get("usual_stage_share", defaults.usual_stage_share), "tagging.usual_stage_share"
        ),
    )


def _check_stage_ref(ref: Any, where: str, stage_keys: list[str]) -> None:
    if ref not in stage_keys:
        raise TaxonomyError(
            f"{where} refers to stage '{ref}', which is not defined; "
            f"use one of {', '.join(stage_keys)}."
        )


def _check_unique(keys: list[str], what: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise TaxonomyError(f"two {what}s have the key '{key}'; keys must be unique.")
        seen.add(key)


def _check_channels_unique(touchpoints: tuple[Touchpoint, ...]) -> None:
    # One channel name on two touchpoints would make channel tagging depend on file order.
    owner: dict[str, str] = {}
    for touchpoint in touchpoints:
        for channel in touchpoint.channels:
            folded = _folded_words(channel)
            if folded in owner and owner[folded] != touchpoint.key:
                raise TaxonomyError(
                    f"channel '{channel}' is listed under both '{owner[folded]}' and "
                    f"'{touchpoint.key}'; keep it under one touchpoint."
                )
            owner[folded] = touchpoint.key
