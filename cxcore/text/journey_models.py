"""The journey models shipped per industry: one registry every page and command reads.

Each model is a journey model file (the format of `cxcore/data/taxonomy.yaml`, see
docs/taxonomy.md) with that industry's stages in order, its touchpoints and the words
customers use in each language. `telecom` is the default, the file that shipped before
there were several. `suggest_journey_model` says which model fits a file's comments best.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from cxcore import fields as F
from cxcore.i18n import text
from cxcore.text.tagging import tag_responses
from cxcore.text.taxonomy import DEFAULT_TAXONOMY_PATH, Taxonomy, load_taxonomy

__all__ = [
    "DEFAULT_MODEL",
    "JOURNEY_MODELS",
    "JourneyModel",
    "load_journey_model",
    "model_coverage",
    "shipped_key",
    "suggest_journey_model",
]

_DIR = Path(__file__).parent.parent / "data" / "journey_models"


@dataclass(frozen=True)
class JourneyModel:
    """A shipped journey model: its key, its name in each language and its file."""

    key: str
    file: Path

    def name(self, lang: str = "en") -> str:
        """The model's name in `lang` (the UI catalog's `journey_model.<key>`)."""
        return text(f"journey_model.{self.key}", lang)


JOURNEY_MODELS: dict[str, JourneyModel] = {
    m.key: m
    for m in (
        JourneyModel("telecom", DEFAULT_TAXONOMY_PATH),
        JourneyModel("ecommerce", _DIR / "ecommerce.yaml"),
        JourneyModel("banking", _DIR / "banking.yaml"),
        JourneyModel("airline", _DIR / "airline.yaml"),
        JourneyModel("utilities", _DIR / "utilities.yaml"),
        JourneyModel("saas", _DIR / "saas.yaml"),
    )
}
DEFAULT_MODEL = "telecom"


@cache
def load_journey_model(key: str) -> Taxonomy:
    """The shipped journey model `key`; ValueError naming the choices for an unknown key."""
    if key not in JOURNEY_MODELS:
        raise ValueError(
            f"There is no journey model '{key}'; use one of {', '.join(JOURNEY_MODELS)}."
        )
    return load_taxonomy(JOURNEY_MODELS[key].file)


def model_coverage(comments: Iterable[str]) -> pd.DataFrame:
    """Per shipped model (key, stage, touchpoint): the share of `comments` each places."""
    frame = pd.DataFrame({F.COMMENT: [c for c in comments if isinstance(c, str) and c.strip()]})
    rows = []
    for key in JOURNEY_MODELS:
        tagged = tag_responses(frame, load_journey_model(key))
        rows.append(
            {
                "key": key,
                "stage": float((tagged[F.STAGE] != F.UNASSIGNED).mean()) if len(frame) else 0.0,
                "touchpoint": (
                    float((tagged[F.TOUCHPOINT] != F.UNASSIGNED).mean()) if len(frame) else 0.0
                ),
            }
        )
    return pd.DataFrame(rows, columns=["key", "stage", "touchpoint"])


def suggest_journey_model(comments: Iterable[str], sample: int = 2000) -> str | None:
    """The shipped model that places the most of the first `sample` comments on a stage
    (touchpoints break ties; the default wins a full tie); None without comments."""
    taken = [c for c in comments if isinstance(c, str) and c.strip()][:sample]
    if not taken:
        return None
    scores = model_coverage(taken)
    # A model must place clearly more comments than the default before it is suggested.
    scores["score"] = scores["stage"] + 0.25 * scores["touchpoint"]
    best = scores.loc[scores["score"].idxmax()]
    default = scores.loc[scores["key"] == DEFAULT_MODEL, "score"].iloc[0]
    return str(best["key"]) if best["score"] > default + 0.02 else DEFAULT_MODEL


def shipped_key(taxonomy: Taxonomy) -> str | None:
    """The key of the shipped model `taxonomy` is, unchanged; None for an edited model."""
    return next((k for k in JOURNEY_MODELS if load_journey_model(k) == taxonomy), None)
