"""The journey model: stages in order and touchpoints, loaded from a YAML data file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["DEFAULT_TAXONOMY_PATH", "Stage", "Taxonomy", "Touchpoint", "load_taxonomy"]

DEFAULT_TAXONOMY_PATH = Path(__file__).parent / "data" / "taxonomy.yaml"


@dataclass(frozen=True)
class Stage:
    key: str
    names: dict[str, str]
    descriptions: dict[str, str] = field(default_factory=dict)

    def name(self, lang: str = "en") -> str:
        """The stage's name in `lang`, falling back to English, then the key."""
        return self.names.get(lang) or self.names.get("en") or self.key


@dataclass(frozen=True)
class Touchpoint:
    key: str
    category: str
    names: dict[str, str]

    def name(self, lang: str = "en") -> str:
        """The touchpoint's name in `lang`, falling back to English, then the key."""
        return self.names.get(lang) or self.names.get("en") or self.key


@dataclass(frozen=True)
class Taxonomy:
    stages: tuple[Stage, ...]
    touchpoints: tuple[Touchpoint, ...]
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def stage_keys(self) -> list[str]:
        """Stage keys in journey order (the x axis of the emotion curve)."""
        return [s.key for s in self.stages]

    def touchpoint_keys(self) -> list[str]:
        return [t.key for t in self.touchpoints]

    def stage(self, key: str) -> Stage | None:
        return next((s for s in self.stages if s.key == key), None)

    def touchpoint(self, key: str) -> Touchpoint | None:
        return next((t for t in self.touchpoints if t.key == key), None)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read a taxonomy YAML file (default: the shipped journey model)."""
    raw = yaml.safe_load(Path(path or DEFAULT_TAXONOMY_PATH).read_text(encoding="utf-8"))
    stages = tuple(
        Stage(s["key"], dict(s.get("names", {})), dict(s.get("descriptions", {})))
        for s in raw.get("stages", [])
    )
    touchpoints = tuple(
        Touchpoint(t["key"], t.get("category", "digital"), dict(t.get("names", {})))
        for t in raw.get("touchpoints", [])
    )
    return Taxonomy(stages, touchpoints, raw)
