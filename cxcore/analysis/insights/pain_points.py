"""Pain points: the stages and stage × touchpoint cells significantly below the rest.

Every stage and cell with at least `min_n` scored responses is tested against the rest of
the journey, one-sided (is it below?), by the tests of `significance`; Benjamini–Hochberg
keeps the false discovery rate of all these tests at 5%. Impact = n × the gap as a share of
the metric's range (NPS 200 points, CSAT 100, sentiment 2), so the three metrics rank
together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from cxcore import fields as F
from cxcore.analysis.insights.significance import (
    ALPHA,
    INSIGHT_METRICS,
    METRIC_RANGE,
    additive_sums,
    benjamini_hochberg,
    moments,
    normal_cdf,
    stage_and_cell_rows,
    z_test,
)
from cxcore.analysis.insights.wording import metric_name, metric_value, place_name
from cxcore.analysis.journey import MIN_N, overall_summary
from cxcore.analysis.metrics import metric_frame
from cxcore.analysis.themes import themes
from cxcore.i18n import format_number, text

__all__ = [
    "THEME_SAMPLE",
    "TOP_PAIN_POINTS",
    "marked_stages",
    "pain_point_sentences",
    "possible_pain_point_sentences",
    "possible_pain_points",
    "pain_point_voices",
    "pain_points",
]

# Themes of a pain point are read from at most this many of its most negative comments.
THEME_SAMPLE = 2_000
TOP_PAIN_POINTS = 8  # shown on the Insights page
# A stage with fewer scored responses than MIN_N is not tested, but one this large whose
# whole 95% interval lies below the journey is shown as a possible pain point, with its n.
POSSIBLE_MIN_N = 10


def pain_points(
    stage_summary: pd.DataFrame,
    cell_summary: pd.DataFrame,
    *,
    min_n: int = MIN_N,
    metrics: Iterable[str] = INSIGHT_METRICS,
    alpha: float = ALPHA,
) -> pd.DataFrame:
    """stage, touchpoint (None for a whole stage), metric, value, low, high, overall, n, gap,
    p_value, q_value, impact: the stages and cells significantly below the rest of the
    journey (Benjamini–Hochberg at `alpha`), most impact first."""
    columns = ["stage", "touchpoint", "metric", "value", "low", "high", "overall", "n", "gap"]
    columns += ["p_value", "q_value", "impact"]
    if stage_summary.empty:
        return pd.DataFrame(columns=columns)
    units = stage_and_cell_rows(stage_summary, cell_summary)
    total = additive_sums(overall_summary(stage_summary)).iloc[0]
    sums = additive_sums(units)
    rest = (total - sums).clip(lower=0)
    frames = []
    for metric in metrics:
        here, other = moments(sums, metric), moments(rest, metric)
        _, z = z_test(here, other)
        bounds = metric_frame(units, metric)
        overall = float(metric_frame(overall_summary(stage_summary), metric)["value"].iloc[0])
        frames.append(
            pd.DataFrame(
                {
                    "stage": units["stage"],
                    "touchpoint": units["touchpoint"],
                    "metric": metric,
                    "value": here["value"],
                    "low": bounds["low"],
                    "high": bounds["high"],
                    "overall": overall,
                    "n": here["n"].fillna(0).astype(int),
                    # How far below the journey as a whole (the test is against the rest).
                    "gap": overall - here["value"],
                    "p_value": normal_cdf(z.to_numpy()),
                }
            )
        )
    tests = pd.concat(frames, ignore_index=True)
    tests = tests[(tests["n"] >= min_n) & tests["p_value"].notna()]
    tests = tests.assign(q_value=benjamini_hochberg(tests["p_value"]))
    found = tests[(tests["q_value"] <= alpha) & (tests["gap"] > 0)].copy()
    found["impact"] = (
        found["n"] * found["gap"] / found["metric"].map(METRIC_RANGE).astype(float) * 100
    )
    found = found.sort_values(["impact", "stage"], ascending=[False, True], kind="stable")
    return found.reset_index(drop=True)[columns]


def possible_pain_points(
    stage_summary: pd.DataFrame,
    *,
    min_n: int = MIN_N,
    least: int = POSSIBLE_MIN_N,
    metrics: Iterable[str] = INSIGHT_METRICS,
) -> pd.DataFrame:
    """stage, metric, value, low, high, overall, n: whole stages too small to test
    (`least` ≤ n < `min_n` scored responses) whose 95% interval lies entirely below the
    journey as a whole; lowest first. Too few to call a pain point, too clear to hide."""
    columns = ["stage", "metric", "value", "low", "high", "overall", "n"]
    if stage_summary.empty:
        return pd.DataFrame(columns=columns)
    frames = []
    for metric in metrics:
        overall = float(metric_frame(overall_summary(stage_summary), metric)["value"].iloc[0])
        values = metric_frame(stage_summary, metric)
        frames.append(
            pd.DataFrame(
                {
                    "stage": stage_summary["stage"].to_numpy(),
                    "metric": metric,
                    "value": values["value"].to_numpy(),
                    "low": values["low"].to_numpy(),
                    "high": values["high"].to_numpy(),
                    "overall": overall,
                    "n": values["n_metric"].fillna(0).astype(int).to_numpy(),
                }
            )
        )
    found = pd.concat(frames, ignore_index=True)
    found = found[
        (found["stage"] != F.UNASSIGNED)
        & (found["n"] >= least)
        & (found["n"] < min_n)
        & (found["high"] < found["overall"])
    ]
    found = found.assign(gap=found["overall"] - found["value"])
    found = found.sort_values(["stage", "gap"], ascending=[True, False]).drop_duplicates("stage")
    return found.sort_values("n", ascending=False, kind="stable").reset_index(drop=True)[columns]


def possible_pain_point_sentences(
    points: pd.DataFrame, stages: Mapping[str, str], lang: str = "en"
) -> list[str]:
    """One sentence per possible pain point, naming its small n and its interval."""
    return [
        text(
            "insights.possible_pain",
            lang,
            where=stages.get(p.stage, p.stage),
            metric=metric_name(p.metric, lang),
            value=metric_value(p.value, p.metric, lang),
            overall=metric_value(p.overall, p.metric, lang),
            n=format_number(p.n, lang),
            low=metric_value(p.low, p.metric, lang),
            high=metric_value(p.high, p.metric, lang),
        )
        for p in points.itertuples(index=False)
    ]


def marked_stages(
    stage_summary: pd.DataFrame, cell_summary: pd.DataFrame, metric: str, min_n: int = MIN_N
) -> list[str]:
    """The stages to mark on the emotion curve: a pain point in `metric` at the stage or at
    one of its touchpoints (none for CES, which is not tested)."""
    if metric not in INSIGHT_METRICS:
        return []
    points = pain_points(stage_summary, cell_summary, min_n=min_n, metrics=(metric,))
    return list(dict.fromkeys(points["stage"]))


def _of_unit(responses: pd.DataFrame, stage: str, touchpoint: Any) -> pd.DataFrame:
    mask = responses[F.STAGE] == stage
    if touchpoint is not None and touchpoint == touchpoint:
        mask &= responses[F.TOUCHPOINT] == touchpoint
    return responses[mask]


def _unhappy(responses: pd.DataFrame) -> pd.Series:
    """Detractors, CSAT 1–2 and negative comments (the follow-up rule)."""
    nps = pd.to_numeric(responses.get(F.NPS), errors="coerce")
    csat = pd.to_numeric(responses.get(F.CSAT), errors="coerce")
    label = responses.get(F.SENTIMENT_LABEL, pd.Series(None, index=responses.index))
    return (nps <= 6) | (csat <= 2) | (label == "negative")


def _voices(
    responses: pd.DataFrame, stage: str, touchpoint: Any, per_point: int, top_themes: int
) -> tuple[list[str], list[str]]:
    unit = _of_unit(responses, stage, touchpoint)
    unhappy = unit[_unhappy(unit) & unit[F.COMMENT].notna()]
    ordered = unhappy.sort_values(F.SENTIMENT, na_position="last", kind="stable")
    verbatims = list(ordered[F.COMMENT].astype(str).drop_duplicates().head(per_point))
    # Themes of the most negative comments: an unhappy score may come with "solved, thanks",
    # and a sample of the worst keeps a busy stage quick.
    negative = ordered[ordered[F.SENTIMENT_LABEL] == "negative"].head(THEME_SAMPLE)
    found = themes(negative, top=top_themes, min_count=2)
    found = found.sort_values("count", ascending=False, kind="stable").head(top_themes)
    return verbatims, list(found["theme"])


def pain_point_voices(
    points: pd.DataFrame, responses: pd.DataFrame, per_point: int = 3, top_themes: int = 5
) -> pd.DataFrame:
    """`points` with `verbatims` (its most negative comments, each once) and `themes` (what
    its `THEME_SAMPLE` most negative comments mention most), per stage or cell."""
    found: dict[tuple[str, Any], tuple[list[str], list[str]]] = {}
    for point in points.itertuples(index=False):
        key = (str(point.stage), point.touchpoint if point.touchpoint == point.touchpoint else None)
        if key not in found:  # a cell can be a pain point in several metrics
            found[key] = _voices(responses, *key, per_point, top_themes)
    keys = [
        (str(s), t if t == t else None)
        for s, t in zip(points["stage"], points["touchpoint"], strict=True)
    ]
    return points.assign(verbatims=[found[k][0] for k in keys], themes=[found[k][1] for k in keys])


def pain_point_sentences(
    points: pd.DataFrame,
    stages: Mapping[str, str],
    touchpoints: Mapping[str, str],
    lang: str = "en",
) -> list[str]:
    """One plain sentence per pain point, in the order given."""
    if points.empty:
        return []
    out = []
    for p in points.itertuples(index=False):
        out.append(
            text(
                "insights.pain_sentence",
                lang,
                where=place_name(p, stages, touchpoints),
                metric=metric_name(p.metric, lang),
                value=metric_value(p.value, p.metric, lang),
                overall=metric_value(p.overall, p.metric, lang),
                n=format_number(p.n, lang),
                low=metric_value(p.low, p.metric, lang),
                high=metric_value(p.high, p.metric, lang),
            )
        )
    return out
