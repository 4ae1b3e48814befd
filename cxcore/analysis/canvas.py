"""The journey canvas: lanes under the emotion curve, one column per stage, built from data.

As the journey maps in the seeds are drawn: for each stage, the touchpoints customers used
(by volume, with their category), what customers say (a representative negative and
positive comment), whether the stage is a pain point, and its key figures.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from cxcore.actions import OPEN_STATUSES
from cxcore.analysis.metrics import metric_frame
from cxcore.analysis.stage_detail import touchpoint_names
from cxcore.text.taxonomy import Taxonomy, fold_text

__all__ = [
    "CATEGORY_MARKS",
    "TOP_TOUCHPOINTS",
    "handoff_cells",
    "journey_canvas",
    "pain_stages",
    "representative_comment",
    "stage_touchpoints",
]

TOP_TOUCHPOINTS = 3
CATEGORY_MARKS = {"digital": "💻", "human": "🧑", "physical": "🏬"}
_WORD = re.compile(r"[^\W\d_]{3,}")


def pain_stages(curve: pd.DataFrame, overall: float, higher_is_better: bool = True) -> set[str]:
    """Stages with enough responses whose whole 95% interval lies on the bad side of the
    overall value, and the worst stage with enough responses if it is below the overall."""
    judged = curve[curve["enough"] & curve["value"].notna()]
    if judged.empty or overall != overall:
        return set()
    if higher_is_better:
        below = judged[judged["high"] < overall]
        worst = judged.loc[[judged["value"].idxmin()]]
        worst = worst[worst["value"] < overall]
    else:
        below = judged[judged["low"] > overall]
        worst = judged.loc[[judged["value"].idxmax()]]
        worst = worst[worst["value"] > overall]
    return set(below["stage"]) | set(worst["stage"])


def _words(text: str) -> set[str]:
    return set(_WORD.findall(fold_text(text)))


def representative_comment(candidates: pd.DataFrame) -> dict[str, Any] | None:
    """The comment that shares most words with the others (their medoid), so one voice
    stands for many; ties go to the stronger sentiment. None when there are no candidates.

    Expects comment, language, sentiment columns; comments of fewer than three words are
    passed over while longer ones exist (they rarely say why).
    """
    if candidates.empty:
        return None
    rows = candidates.reset_index(drop=True)
    words = [_words(str(c)) for c in rows["comment"]]
    strength = [abs(float(s)) for s in rows["sentiment"]]  # plain floats: this runs per page
    long_enough = [len(str(c).split()) >= 3 for c in rows["comment"]]
    pool = [i for i, ok in enumerate(long_enough) if ok] or list(range(len(rows)))

    def closeness(i: int) -> tuple[float, float]:
        mine = words[i]
        shared = 0.0
        for j in pool:
            if j != i and (union := len(mine | words[j])):
                shared += len(mine & words[j]) / union
        return shared, strength[i]

    best = max(pool, key=closeness)
    row = rows.loc[best]
    return {
        "comment": str(row["comment"]),
        "language": None if pd.isna(row["language"]) else str(row["language"]),
        "sentiment": float(row["sentiment"]),
    }


def stage_touchpoints(
    cells: pd.DataFrame, taxonomy: Taxonomy, lang: str = "en", top: int = TOP_TOUCHPOINTS
) -> dict[str, list[dict[str, Any]]]:
    """stage → its `top` touchpoints by responses: name, category, n, share of the stage."""
    if cells.empty:
        return {}
    names = touchpoint_names(taxonomy, lang)
    categories = {t.key: t.category for t in taxonomy.touchpoints}
    known = cells[cells["touchpoint"].isin(list(names))]
    lanes: dict[str, list[dict[str, Any]]] = {}
    for stage, part in known.groupby("stage", sort=False):
        total = int(cells.loc[cells["stage"] == stage, "n"].sum())
        ranked = part.sort_values(["n", "touchpoint"], ascending=[False, True]).head(top)
        lanes[str(stage)] = [
            {
                "touchpoint": str(r.touchpoint),
                "name": names[str(r.touchpoint)],
                "category": categories.get(str(r.touchpoint)),
                "n": int(r.n),
                "share": int(r.n) / total if total else math.nan,
            }
            for r in ranked.itertuples()
        ]
    return lanes


def _stage_figures(summary: pd.DataFrame) -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = {}
    if summary.empty:
        return figures
    rows = summary.reset_index(drop=True)
    values = {m: metric_frame(rows, m)["value"] for m in ("nps", "csat", "sentiment")}
    for i, stage in enumerate(rows["stage"]):
        figures[str(stage)] = {m: float(v.iloc[i]) for m, v in values.items()}
    return figures


def handoff_cells(table: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """stage → its backstage cell from a handoffs table (cxcore.analysis.handoffs): n,
    share, mean count, cost (the slope per extra handoff where counts exist, else with
    against without) with its 95% interval, and whether it is a pain point of its own."""
    cells: dict[str, dict[str, Any]] = {}
    for row in table.to_dict("records") if len(table) else []:
        per_handoff = row["slope"] == row["slope"]
        key = "slope" if per_handoff else "diff"
        cells[str(row["stage"])] = {
            "n": int(row["n"]),
            "share": float(row["share"]),
            "mean": float(row["mean"]),
            "cost": float(row[key]),
            "low": float(row[f"{key}_low"]),
            "high": float(row[f"{key}_high"]),
            "per_handoff": per_handoff,
            "pain": bool(row["costly"]),
        }
    return cells


def journey_canvas(
    curve: pd.DataFrame,
    summary: pd.DataFrame,
    cells: pd.DataFrame,
    extremes: pd.DataFrame,
    taxonomy: Taxonomy,
    pains: set[str],
    lang: str = "en",
    actions: pd.DataFrame | None = None,
    handoffs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per stage of the curve, in its order: stage, name, n, nps, csat, sentiment,
    touchpoints (list of dicts), negative and positive (dict or None), pain (bool),
    actions (the titles of the stage's open `actions`, db.actions_frame rows) and handoff
    (the backstage cell of `handoffs`, see handoff_cells; None without one)."""
    lanes = stage_touchpoints(cells, taxonomy, lang)
    planned: dict[str, list[str]] = {}
    if actions is not None:
        for action in actions[actions["status"].isin(OPEN_STATUSES)].itertuples(index=False):
            planned.setdefault(str(action.stage), []).append(str(action.title))
    backstage = handoff_cells(handoffs) if handoffs is not None else {}
    figures = _stage_figures(summary)
    rows = []
    for stage, name, n in zip(curve["stage"], curve["name"], curve["n"], strict=True):
        said = extremes[extremes["stage"] == stage] if len(extremes) else extremes
        voices = {
            polarity: representative_comment(
                said[said["polarity"] == polarity] if len(said) else said
            )
            for polarity in ("negative", "positive")
        }
        kpis = figures.get(stage, {})
        rows.append(
            {
                "stage": stage,
                "name": name,
                "n": int(n),
                "nps": kpis.get("nps", math.nan),
                "csat": kpis.get("csat", math.nan),
                "sentiment": kpis.get("sentiment", math.nan),
                "touchpoints": lanes.get(stage, []),
                "negative": voices["negative"],
                "positive": voices["positive"],
                "pain": stage in pains,
                "actions": planned.get(stage, []),
                "handoff": backstage.get(stage),
            }
        )
    return pd.DataFrame(rows)
