"""Score cells → points on their scale, or the reason they are not.

Scores may be numbers, decimal commas or verbal labels in English, Turkish and Czech. Whole
columns are parsed at once, each distinct value once.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

import pandas as pd

from cxcore import fields as F
from cxcore.ingest.parsing import map_unique

__all__ = ["parse_score", "parse_score_types", "parse_scores"]

_SCORE_NAMES: Final[dict[str, str]] = {F.NPS: "NPS", F.CSAT: "CSAT", F.CES: "CES"}
# Verbal answers → points, per scale. Keys are folded (lower case, no diacritics, Turkish ı → i),
# so "Çok memnunum" and "cok memnunum" meet. Extend freely; None means "answered, no score".
_CSAT_LABELS: Final[dict[str, int | None]] = {
    # English
    "very satisfied": 5,
    "extremely satisfied": 5,
    "satisfied": 4,
    "somewhat satisfied": 4,
    "neutral": 3,
    "neither": 3,
    "neither satisfied nor dissatisfied": 3,
    "somewhat dissatisfied": 2,
    "dissatisfied": 2,
    "unsatisfied": 2,
    "very dissatisfied": 1,
    "very unsatisfied": 1,
    "extremely dissatisfied": 1,
    # Turkish
    "cok memnunum": 5,
    "cok memnun": 5,
    "memnunum": 4,
    "memnun": 4,
    "kararsizim": 3,
    "kararsiz": 3,
    "ne memnunum ne degilim": 3,
    "ne memnun ne degil": 3,
    "orta": 3,
    "memnun degilim": 2,
    "memnun degil": 2,
    "hic memnun degilim": 1,
    "hic memnun degil": 1,
    # Czech (masculine, feminine and short forms)
    "velmi spokojen": 5,
    "velmi spokojeny": 5,
    "velmi spokojena": 5,
    "spokojen": 4,
    "spokojeny": 4,
    "spokojena": 4,
    "neutralni": 3,
    "ani spokojen ani nespokojen": 3,
    "ani spokojeny ani nespokojeny": 3,
    "ani spokojena ani nespokojena": 3,
    "nespokojen": 2,
    "nespokojeny": 2,
    "nespokojena": 2,
    "velmi nespokojen": 1,
    "velmi nespokojeny": 1,
    "velmi nespokojena": 1,
    # Zendesk's binary CSAT: the ends of the scale, so "% satisfied" (4–5) stays right.
    "good": 5,
    "good with comment": 5,
    "good without comment": 5,
    "bad": 1,
    "bad with comment": 1,
    "bad without comment": 1,
    # Zendesk: a survey sent but not answered (yet) carries no score.
    "offered": None,
    "unoffered": None,
}
_CES_LABELS: Final[dict[str, int | None]] = {
    "very difficult": 1,
    "difficult": 2,
    "somewhat difficult": 3,
    "neither easy nor difficult": 4,
    "neutral": 4,
    "somewhat easy": 5,
    "easy": 6,
    "very easy": 7,
    "strongly disagree": 1,
    "disagree": 2,
    "somewhat disagree": 3,
    "neither agree nor disagree": 4,
    "somewhat agree": 5,
    "agree": 6,
    "strongly agree": 7,
    "cok zor": 1,
    "zor": 2,
    "ne kolay ne zor": 4,
    "kolay": 6,
    "cok kolay": 7,
    "velmi obtizne": 1,
    "obtizne": 2,
    "snadne": 6,
    "velmi snadne": 7,
}
_LABELS: Final[dict[str, dict[str, int | None]]] = {
    F.NPS: {},
    F.CSAT: _CSAT_LABELS,
    F.CES: _CES_LABELS,
}
# Delighted's survey_type values → our score fields.
_SCORE_TYPES: Final[dict[str, str]] = {"nps": F.NPS, "csat": F.CSAT, "ces": F.CES, "ces2": F.CES}
_NUMBER: Final = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
# "9 - Extremely likely", "10 (Kesinlikle tavsiye ederim)", "5 = Very satisfied"
_LEADING_NUMBER: Final = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(?:[-–—=:(]|\s)\s*\D")
# One pattern for the written date forms (run by pyarrow's RE2 over the whole column):
# year first (ISO, 2026/09/27), or day and month in either order (24.03.2016, 25. 1. 2021,
# 01/15/2024, 24-02-2015), then an optional time (16.30 too, AM/PM) and zone (Z, -0800, GMT+3).


def parse_score(field: str, value: str | None) -> float | None:
    """One score cell → its points on the field's scale; None when empty; ValueError(reason).

    Numbers may use a decimal comma ("4,0") or carry a label ("9 - Extremely likely").
    Verbal CSAT answers map to 5…1. Zendesk's binary CSAT maps "good" → 5 and "bad" → 1,
    the ends of the scale, so the share of satisfied (4–5) answers stays right; "offered"
    and "unoffered" carry no score (None).
    """
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return None
    low, high = F.SCORE_RANGES[field]
    number = _number(text)
    if number is None:
        labels = _LABELS.get(field, {})
        key = _fold(text)
        if key not in labels:
            raise ValueError(
                f"{_SCORE_NAMES[field]} '{text}' is not a score on a {low}–{high} scale"
            )
        points = labels[key]
        return None if points is None else float(points)
    if not number.is_integer():
        raise ValueError(
            f"{_SCORE_NAMES[field]} '{text}' is not a whole number on the {low}–{high} scale"
        )
    if not low <= number <= high:
        raise ValueError(f"{_SCORE_NAMES[field]} '{text}' is outside {low}–{high}")
    return number


def _number(text: str) -> float | None:
    """A plain or decimal-comma number, or the number a label starts with; else None."""
    match = _LEADING_NUMBER.match(text)
    digits = match.group(1) if match else text if _NUMBER.match(text) else None
    return None if digits is None else float(digits.replace(",", "."))


def _fold(text: str) -> str:
    """Lower case without diacritics or punctuation; Turkish İ/I/ı all become plain i."""
    text = text.replace("İ", "i").replace("I", "ı").lower().replace("ı", "i")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).replace("_", " ").split())


def parse_scores(field: str, text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Cleaned score cells → (Float64 points, reasons or None), parsing each distinct value once."""
    points, reasons = map_unique(text, lambda value: parse_score(field, value), numeric=True)
    return points.astype("Float64"), reasons


def parse_score_types(text: pd.Series) -> pd.Series:
    """Cleaned score type cells ('nps', 'CSAT', 'ces2') → score fields, None when unknown."""
    kind, _ = map_unique(text, lambda value: _SCORE_TYPES.get(_fold(value)))
    return kind
