"""A realistic demo survey export: every stage and channel, in Turkish, English and Czech.

The rows follow the default journey model (`data/taxonomy.yaml`): each stage has its own
touchpoints and its own mood, so the emotion curve dips at delivery, at the bill and at
support, then recovers at renewal. About 30% of customers answer several times, in journey
order, and some of them hop from a failed IVR or phone call to social media (seed 002).

Comments come from templates in `data/demo_phrases.yaml` (language × stage × tone ×
touchpoint). They are rendered once into a pool per cell and rows draw from it with
numpy, so a million rows take seconds. ~85% of comments share the tone of their scores;
the rest contradict them mildly (a promoter with a mixed remark).
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cxcore.yamlfile import load_yaml

__all__ = ["COLUMNS", "PHRASES_PATH", "demo_csv_bytes", "generate_demo_survey"]

PHRASES_PATH = Path(__file__).parent / "data" / "demo_phrases.yaml"

COLUMNS: tuple[str, ...] = (
    "Response ID",
    "Submitted",
    "Customer ID",
    "Channel",
    "Journey stage",
    "Segment",
    "Language",
    "NPS",
    "CSAT",
    "Comment",
)

_SEGMENTS = ("Consumer", "Business", "Premium")
_SEGMENT_SHARE = (0.70, 0.20, 0.10)

# Stage keys and English names as in the default taxonomy, in journey order.
_STAGE_NAMES = {
    "awareness": "Awareness",
    "consideration": "Consideration",
    "purchase": "Purchase",
    "onboarding": "Onboarding & delivery",
    "usage": "Usage & billing",
    "support": "Service & support",
    "loyalty": "Loyalty & renewal",
}
_STAGES = tuple(_STAGE_NAMES)
_STAGE_SHARE = (0.09, 0.11, 0.16, 0.17, 0.21, 0.16, 0.10)

_TOUCHPOINTS = (
    "advertising",
    "social_media",
    "website",
    "mobile_app",
    "email",
    "live_chat",
    "ivr",
    "phone",
    "store",
    "field_service",
    "delivery",
    "billing",
    "help_center",
)
# Where each stage happens; e-mail runs through the whole journey.
_STAGE_TOUCHPOINTS: dict[str, dict[str, float]] = {
    "awareness": {"advertising": 0.35, "social_media": 0.30, "website": 0.20, "email": 0.15},
    "consideration": {
        "website": 0.35,
        "store": 0.20,
        "phone": 0.15,
        "social_media": 0.10,
        "live_chat": 0.10,
        "email": 0.10,
    },
    "purchase": {"website": 0.35, "store": 0.30, "mobile_app": 0.15, "email": 0.20},
    "onboarding": {"delivery": 0.40, "field_service": 0.30, "email": 0.15, "mobile_app": 0.15},
    "usage": {
        "billing": 0.35,
        "mobile_app": 0.25,
        "field_service": 0.15,
        "email": 0.15,
        "website": 0.10,
    },
    "support": {
        "phone": 0.30,
        "ivr": 0.20,
        "live_chat": 0.20,
        "social_media": 0.10,
        "help_center": 0.10,
        "email": 0.10,
    },
    "loyalty": {"email": 0.30, "phone": 0.25, "store": 0.15, "mobile_app": 0.15, "website": 0.15},
}

_TONES = ("positive", "neutral", "negative")
# How customers feel at each stage (positive, neutral, negative): this makes the curve.
_STAGE_MOOD = {
    "awareness": (0.50, 0.38, 0.12),
    "consideration": (0.45, 0.38, 0.17),
    "purchase": (0.62, 0.25, 0.13),
    "onboarding": (0.35, 0.25, 0.40),
    "usage": (0.28, 0.30, 0.42),
    "support": (0.20, 0.20, 0.60),
    "loyalty": (0.45, 0.30, 0.25),
}
# NPS 0..10 and CSAT 1..5 by the tone of the experience.
_NPS_BY_TONE = (
    (0, 0, 0, 0, 0, 0, 0, 0.08, 0.22, 0.35, 0.35),
    (0, 0, 0, 0, 0, 0.10, 0.20, 0.35, 0.35, 0, 0),
    (0.12, 0.08, 0.10, 0.15, 0.15, 0.20, 0.20, 0, 0, 0, 0),
)
_CSAT_BY_TONE = (
    (0, 0, 0.05, 0.35, 0.60),
    (0, 0.15, 0.50, 0.35, 0),
    (0.40, 0.40, 0.20, 0, 0),
)
_AGREEMENT = 0.85
_REPEAT_SHARE = 0.30
_HOP_SHARE = 0.15
_NO_CSAT_SHARE = 0.20
_NO_COMMENT_SHARE = 0.15
_DAYS = 180
# Responses by hour of day: quiet at night, busy late morning and evening.
_HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 9, 9, 9, 8, 8, 8, 9, 10, 10, 8, 5, 2)
# Renders kept per template, and how strongly rows favour the first comments of a pool:
# real exports repeat common phrasings, so ~40–70% of comments are distinct at 1,500 rows.
_RENDERS_PER_TEMPLATE = 8
_POOL_SKEW = 1.3

_CHOICE = re.compile(r"\[([^\[\]<>]*)\]")
_LINKED = re.compile(r"<([^<>\[\]]*)>")
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class _Pool:
    """Texts of many cells in one array: cell c holds texts[start[c] : start[c] + size[c]]."""

    texts: np.ndarray
    start: np.ndarray
    size: np.ndarray

    def draw(self, cells: np.ndarray, u: np.ndarray, skew: float = 1.0) -> np.ndarray:
        """One text per row of `cells`, picked by the uniform numbers `u` (skewed to the front)."""
        size = self.size[cells]
        offset = np.minimum((u**skew * size).astype(np.int64), size - 1)
        return self.texts[self.start[cells] + offset]


def generate_demo_survey(
    rows: int = 1500, seed: int = 7, end: datetime.date | None = None
) -> pd.DataFrame:
    """A survey export of `rows` responses over the 180 days before `end` (default today)."""
    return _demo_frame(rows, seed, end).loc[:, list(COLUMNS)]


def demo_csv_bytes(rows: int = 1500, seed: int = 7, end: datetime.date | None = None) -> bytes:
    """The demo survey as UTF-8 CSV with a BOM, as spreadsheet tools save it."""
    frame = generate_demo_survey(rows, seed, end)
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def _demo_frame(rows: int, seed: int, end: datetime.date | None) -> pd.DataFrame:
    """The demo survey plus `_touchpoint` and `_tone` (the tone of the comment's template)."""
    if rows < 0:
        raise ValueError(f"rows must be 0 or more, not {rows}")
    drawn = _draw_responses(np.random.default_rng(seed), rows)
    by_time = np.argsort(drawn["submitted"], kind="stable")
    r = {name: values[by_time] for name, values in drawn.items()}
    csat = pd.array(r["csat"], dtype="Int64")
    csat[r["csat"] == 0] = pd.NA
    frame = pd.DataFrame(
        {
            "Response ID": _labels("R-", np.arange(1, rows + 1), 6),
            "Submitted": _format_times(r["submitted"], _window_start(end)),
            "Customer ID": _labels("C-", r["customer_number"], 5),
            "Channel": pd.Series(r["channel"], dtype="str"),
            "Journey stage": _names(tuple(_STAGE_NAMES.values()), r["stage"]),
            "Segment": _names(_SEGMENTS, r["segment"]),
            "Language": _names(tuple(_language_share()), r["language"]),
            "NPS": r["nps"].astype(np.int64),
            "CSAT": csat,
            "Comment": pd.Series(r["comment"], dtype="str"),
            "_touchpoint": _names(_TOUCHPOINTS, r["touchpoint"]),
            "_tone": _names(_TONES, r["comment_tone"]),
        }
    )
    return frame


def _draw_responses(rng: np.random.Generator, rows: int) -> dict[str, np.ndarray]:
    """Codes, scores, texts and times of every response, grouped by customer."""
    customer, counts = _customers_of_rows(rng, rows)
    n_customers = len(counts)
    language = _choose(rng, tuple(_language_share().values()), n_customers)[customer]
    segment = _choose(rng, _SEGMENT_SHARE, n_customers)[customer]
    customer_number = _customer_numbers(rng, n_customers)[customer]

    stage = _choose(rng, _STAGE_SHARE, rows)
    touchpoint = _choose_by(rng, _touchpoint_table(), stage)
    tone = _choose_by(rng, np.array([_STAGE_MOOD[s] for s in _STAGES]), stage)
    hop = _channel_hops(rng, counts)
    stage, touchpoint, tone = _apply_hops(rng, hop, stage, touchpoint, tone)
    in_journey_order = np.lexsort((stage * 3 + hop, customer))
    stage, touchpoint, tone, hop = (a[in_journey_order] for a in (stage, touchpoint, tone, hop))

    csat = _choose_by(rng, np.array(_CSAT_BY_TONE), tone) + 1
    comment_tone = _comment_tones(rng, tone)
    comment = _comment_pool().draw(
        _comment_cells(language, stage, touchpoint, comment_tone), rng.random(rows), _POOL_SKEW
    )
    comment[rng.random(rows) < _NO_COMMENT_SHARE] = None
    return {
        "submitted": _submitted_times(rng, customer, hop),
        "customer_number": customer_number,
        "language": language,
        "segment": segment,
        "stage": stage,
        "touchpoint": touchpoint,
        "channel": _channel_pool().draw(
            language * len(_TOUCHPOINTS) + touchpoint, rng.random(rows)
        ),
        "nps": _choose_by(rng, np.array(_NPS_BY_TONE), tone),
        "csat": np.where(rng.random(rows) < _NO_CSAT_SHARE, 0, csat),
        "comment": comment,
        "comment_tone": comment_tone,
    }


def _names(names: tuple[str, ...], codes: np.ndarray) -> pd.Series:
    """The name of each code, as a string column."""
    return pd.Series(np.array(names, dtype=object)[codes], dtype="str")


def _choose(rng: np.random.Generator, shares: tuple[float, ...], size: int) -> np.ndarray:
    """`size` indices drawn with the given shares."""
    return rng.choice(len(shares), size=size, p=np.array(shares) / sum(shares))


def _choose_by(rng: np.random.Generator, table: np.ndarray, given: np.ndarray) -> np.ndarray:
    """One column index per row, drawn from the table row named by `given`."""
    cumulative = np.cumsum(table / table.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(len(given))
    picked = (u[:, None] >= cumulative[given]).sum(axis=1)
    return np.minimum(picked, table.shape[1] - 1)


def _touchpoint_table() -> np.ndarray:
    """Stage × touchpoint shares from `_STAGE_TOUCHPOINTS`."""
    table = np.zeros((len(_STAGES), len(_TOUCHPOINTS)))
    for i, stage in enumerate(_STAGES):
        for touchpoint, share in _STAGE_TOUCHPOINTS[stage].items():
            table[i, _TOUCHPOINTS.index(touchpoint)] = share
    return table


def _customers_of_rows(rng: np.random.Generator, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """The customer of each row (rows grouped by customer) and each customer's count."""
    counts = np.where(rng.random(rows) < _REPEAT_SHARE, rng.integers(2, 5, rows), 1)
    ends = np.cumsum(counts)
    needed = int(np.searchsorted(ends, rows)) + 1 if rows else 0
    counts = counts[:needed].copy()
    if needed:
        counts[-1] -= ends[needed - 1] - rows
    return np.repeat(np.arange(needed), counts), counts


def _customer_numbers(rng: np.random.Generator, n_customers: int) -> np.ndarray:
    """Distinct customer numbers from 10000 up, in no particular order."""
    span = max(90_000, 3 * n_customers)
    return 10_000 + rng.choice(span, size=n_customers, replace=False)


def _channel_hops(rng: np.random.Generator, counts: np.ndarray) -> np.ndarray:
    """Per row: 1 for a failed IVR/phone call, 2 for the social media post that followed."""
    hop = np.zeros(int(counts.sum()), dtype=np.int64)
    hoppers = (counts >= 2) & (rng.random(len(counts)) < _HOP_SHARE)
    last = np.cumsum(counts)[hoppers] - 1
    hop[last - 1] = 1
    hop[last] = 2
    return hop


def _apply_hops(
    rng: np.random.Generator,
    hop: np.ndarray,
    stage: np.ndarray,
    touchpoint: np.ndarray,
    tone: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Support stage for both hop rows: IVR or phone went wrong, then social media helped."""
    stage, touchpoint, tone = stage.copy(), touchpoint.copy(), tone.copy()
    failed, posted = hop == 1, hop == 2
    stage[failed | posted] = _STAGES.index("support")
    ivr_or_phone = np.array([_TOUCHPOINTS.index("ivr"), _TOUCHPOINTS.index("phone")])
    touchpoint[failed] = ivr_or_phone[(rng.random(int(failed.sum())) < 0.4).astype(int)]
    tone[failed] = _TONES.index("negative")
    touchpoint[posted] = _TOUCHPOINTS.index("social_media")
    helped = rng.random(int(posted.sum())) < 0.55
    tone[posted] = np.where(helped, _TONES.index("positive"), _TONES.index("neutral"))
    return stage, touchpoint, tone


def _window_start(end: datetime.date | None) -> np.datetime64:
    """Midnight `_DAYS` days before `end` (default today)."""
    day = end or datetime.date.today()
    return np.datetime64(datetime.date(day.year, day.month, day.day), "s") - np.timedelta64(
        _DAYS, "D"
    )


def _submitted_times(rng: np.random.Generator, customer: np.ndarray, hop: np.ndarray) -> np.ndarray:
    """Seconds into the window, rising within each customer; a hop follows its failed call."""
    rows = len(customer)
    day = rng.integers(0, _DAYS, rows)
    hour = _choose(rng, _HOUR_WEIGHTS, rows)
    seconds = day * 86_400 + hour * 3_600 + rng.integers(0, 3_600, rows)
    seconds = seconds[np.lexsort((seconds, customer))]
    posted = np.flatnonzero(hop == 2)
    gap = rng.integers(20 * 60, 30 * 3_600, len(posted))
    seconds[posted - 1] = np.maximum(seconds[posted] - gap, 0)
    return seconds


def _format_times(seconds: np.ndarray, start: np.datetime64) -> pd.Series:
    """ISO "YYYY-MM-DD HH:MM:SS" strings, built from a day and a time-of-day lookup."""
    days = np.datetime_as_string(start + np.arange(_DAYS) * np.timedelta64(1, "D"), unit="D")
    day_part = pd.Series(np.char.add(days, " ").astype(object)[seconds // 86_400], dtype="str")
    return day_part + pd.Series(_clock_times()[seconds % 86_400], dtype="str")


@cache
def _clock_times() -> np.ndarray:
    """ "HH:MM:SS" for every second of a day."""
    return np.array(
        [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)],
        dtype=object,
    )


def _labels(prefix: str, numbers: np.ndarray, width: int) -> pd.Series:
    """Identifiers like "R-000001": the prefix and the zero-padded number."""
    return prefix + pd.Series(numbers, dtype=np.int64).astype("str").str.zfill(width)


def _comment_tones(rng: np.random.Generator, tone: np.ndarray) -> np.ndarray:
    """The tone of each comment: the experience's tone mostly, else one step off it."""
    positive, neutral, negative = range(3)
    off = np.where(tone == neutral, np.where(rng.random(len(tone)) < 0.5, positive, negative), 1)
    return np.where(rng.random(len(tone)) < _AGREEMENT, tone, off)


def _comment_cells(
    language: np.ndarray, stage: np.ndarray, touchpoint: np.ndarray, tone: np.ndarray
) -> np.ndarray:
    """Cell number of (language, stage, touchpoint, tone) in the comment pool."""
    return ((language * len(_STAGES) + stage) * len(_TOUCHPOINTS) + touchpoint) * len(_TONES) + tone


@cache
def _language_share() -> dict[str, float]:
    """Language code → share of the demo's customers, in the phrase file's order."""
    return {str(k): float(v) for k, v in _phrases()["language_share"].items()}


@cache
def _phrases() -> dict[str, Any]:
    """The parsed phrase file."""
    with PHRASES_PATH.open(encoding="utf-8") as file:
        return dict(load_yaml(file))


@cache
def _channel_pool() -> _Pool:
    """Channel names by (language, touchpoint), as source systems write them."""
    channels = _phrases()["channels"]
    cells = [channels[lang].get(tp, []) for lang in _language_share() for tp in _TOUCHPOINTS]
    return _pool_of(cells)


@cache
def _comment_pool() -> _Pool:
    """Rendered comments by (language, stage, touchpoint, tone); raises if a cell is empty."""
    phrases = _phrases()
    rng = np.random.default_rng(0)
    rendered: dict[str, list[str]] = {}
    cells: list[list[str]] = []
    for lang, stage, touchpoint, tone in itertools.product(
        tuple(_language_share()), _STAGES, _TOUCHPOINTS, _TONES
    ):
        by_touchpoint = phrases["comments"][lang][stage][tone]
        templates = by_touchpoint.get(touchpoint, []) + by_touchpoint.get("any", [])
        closers = phrases["closers"][lang][tone]
        texts = []
        for template in templates:
            if template not in rendered:
                sentences = _render(template, phrases["fillers"][lang], rng)
                rendered[template] = _add_closers(sentences, closers, rng)
            texts += rendered[template]
        if not texts and touchpoint in _STAGE_TOUCHPOINTS[stage]:
            raise ValueError(f"{PHRASES_PATH.name}: no comment for {lang}/{stage}/{tone}")
        cells.append([texts[i] for i in rng.permutation(len(texts))])
    return _pool_of(cells)


def _pool_of(cells: list[list[str]]) -> _Pool:
    """A pool holding the given texts per cell, in order."""
    size = np.array([len(texts) for texts in cells], dtype=np.int64)
    start = np.concatenate([[0], np.cumsum(size)[:-1]])
    texts = np.array([text for cell in cells for text in cell], dtype=object)
    return _Pool(texts=texts, start=start, size=size)


def _render(template: str, fillers: dict[str, list[str]], rng: np.random.Generator) -> list[str]:
    """Some of the sentences a template can make: linked options, choices, then slots."""
    sentences = [
        filled
        for linked in _expand_linked(template)
        for chosen in _expand_choices(linked)
        for filled in _fill_slots(chosen, fillers)
    ]
    if len(sentences) <= _RENDERS_PER_TEMPLATE:
        return sentences
    keep = np.sort(rng.choice(len(sentences), size=_RENDERS_PER_TEMPLATE, replace=False))
    return [sentences[i] for i in keep]


def _add_closers(sentences: list[str], closers: list[str], rng: np.random.Generator) -> list[str]:
    """Each sentence twice as written and once with a closing remark: "..., thanks!"."""
    texts = []
    for sentence in sentences:
        fitting = [c for c in closers if not _shares_a_word(c, sentence)]
        texts += [sentence, sentence]
        if fitting:
            texts.append(f"{sentence} {fitting[int(rng.integers(len(fitting)))]}")
    return texts


def _shares_a_word(closer: str, sentence: str) -> bool:
    """True if a long word of the closer starts like a word of the sentence (no "thanks" twice)."""
    stems = {w[:5] for w in re.findall(r"\w{5,}", sentence.casefold())}
    return any(w[:5] in stems for w in re.findall(r"\w{5,}", closer.casefold()))


def _expand_linked(template: str) -> list[str]:
    """One text per position of the <a|b> groups, every group taking the same position."""
    groups = [g.split("|") for g in _LINKED.findall(template)]
    if not groups:
        return [template]
    return [
        _LINKED.sub(lambda m, i=i: m.group(1).split("|")[i], template)
        for i in range(len(groups[0]))
    ]


def _expand_choices(text: str) -> list[str]:
    """Every combination of the [a|b] groups."""
    parts = _CHOICE.split(text)
    options = [part.split("|") if i % 2 else [part] for i, part in enumerate(parts)]
    return ["".join(combination) for combination in itertools.product(*options)]


def _fill_slots(text: str, fillers: dict[str, list[str]]) -> list[str]:
    """Every way of filling the {slot}s with the language's fillers."""
    parts = _SLOT.split(text)
    options = [fillers[part] if i % 2 else [part] for i, part in enumerate(parts)]
    return ["".join(combination) for combination in itertools.product(*options)]
