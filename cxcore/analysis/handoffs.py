"""Internal handoffs per stage: how often customers are passed on, and what each pass costs.

The evidence is a count per response where the file had one (transfers, escalations, or
the groups a ticket went through less the first), else the comments that say the customer
was passed on (cxcore/text/handoffs/). What a handoff costs is read on one metric for the
whole journey: CSAT points (1–5) where at least MIN_METRIC_N responses have a CSAT, else
NPS points (each response +100 / 0 / −100), else mean sentiment.

- `with_vs_without`: the metric of responses with a handoff minus those without, with a 95%
  interval (Welch's standard error, normal quantile, as the insights' tests);
- `per_handoff` (counts only): the least-squares slope of the metric on the count, with a
  95% interval from its standard error: the change per additional handoff.

A stage whose cost is significant (the interval of the slope, or of the difference where
there is no count, lies below 0) is a pain point of its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.i18n import format_number, text

__all__ = [
    "ALL",
    "MIN_METRIC_N",
    "RESPONSE_COLUMNS",
    "HandoffEvidence",
    "handoff_comments",
    "handoff_evidence",
    "handoff_json",
    "handoff_pain_sentences",
    "handoff_sentences",
    "handoff_table",
    "team_moves",
    "team_table",
]

ALL = "all"
MIN_METRIC_N = 10
_Z = 1.959964
# What the analysis reads per response (db.handoff_responses).
RESPONSE_COLUMNS: tuple[str, ...] = (
    F.STAGE,
    F.HANDOFFS,
    F.TEAM,
    F.HANDOFF_WORDS,
    "has_comment",
    F.CSAT,
    F.NPS,
    F.SENTIMENT,
    F.CUSTOMER_ID,
    F.SUBMITTED_AT,
)


@dataclass(frozen=True)
class HandoffEvidence:
    """Where handoffs are read from ("count", "comments" or None) and on which metric."""

    source: str | None
    metric: str
    reason: str | None = None  # why there is no evidence: "no_data" or "no_evidence"


def _metric_values(responses: pd.DataFrame, metric: str) -> pd.Series:
    """Each response's value on `metric`: CSAT points, NPS points (+100/0/−100), sentiment."""
    if metric == "nps":
        scores = pd.to_numeric(responses[F.NPS], errors="coerce")
        return pd.Series(
            np.select([scores >= 9, scores <= 6], [100.0, -100.0], 0.0), index=scores.index
        ).where(scores.notna())
    return pd.to_numeric(responses[metric], errors="coerce").astype(float)


def handoff_evidence(responses: pd.DataFrame) -> HandoffEvidence:
    """Counts if any response has one, else comments if any mentions a handoff, else none;
    and the metric: CSAT, else NPS, else sentiment (the first with MIN_METRIC_N values)."""
    if responses.empty:
        return HandoffEvidence(None, "sentiment", "no_data")
    counts = pd.to_numeric(responses[F.HANDOFFS], errors="coerce")
    mentions = responses[F.HANDOFF_WORDS].notna()
    source = "count" if counts.notna().any() else "comments" if mentions.any() else None
    metric = next(
        (m for m in (F.CSAT, F.NPS) if responses[m].notna().sum() >= MIN_METRIC_N), F.SENTIMENT
    )
    return HandoffEvidence(source, metric, None if source else "no_evidence")


def _judged(responses: pd.DataFrame, evidence: HandoffEvidence) -> pd.DataFrame:
    """stage, count (NaN for comments), handoff (bool) and value of the responses the
    evidence speaks for: those with a count, or those with a comment."""
    counts = pd.to_numeric(responses[F.HANDOFFS], errors="coerce").astype(float)
    if evidence.source == "count":
        keep = counts.notna()
        handoff = counts > 0
    else:
        keep = responses["has_comment"].fillna(False).astype(bool)
        handoff = responses[F.HANDOFF_WORDS].notna()
        counts = pd.Series(np.nan, index=responses.index)
    frame = pd.DataFrame(
        {
            "stage": responses[F.STAGE].astype(str),
            "count": counts,
            "handoff": handoff,
            "value": _metric_values(responses, evidence.metric),
        }
    )
    return frame[keep.to_numpy(dtype=bool)]


def _difference(values: pd.Series, handoff: pd.Series) -> tuple[float, float, float]:
    """Mean with a handoff minus mean without, and its 95% interval (NaN when a side has <2)."""
    with_, without = values[handoff].dropna(), values[~handoff].dropna()
    if len(with_) < 2 or len(without) < 2:
        return math.nan, math.nan, math.nan
    diff = float(with_.mean() - without.mean())
    se = math.sqrt(with_.var(ddof=1) / len(with_) + without.var(ddof=1) / len(without))
    return diff, diff - _Z * se, diff + _Z * se


def _slope(counts: pd.Series, values: pd.Series) -> tuple[float, float, float, int]:
    """Least-squares slope of values on counts, its 95% interval, and the n it used."""
    both = pd.DataFrame({"x": counts, "y": values}).dropna()
    n = len(both)
    if n < 3 or both["x"].nunique() < 2:
        return math.nan, math.nan, math.nan, n
    x, y = both["x"].to_numpy(dtype=float), both["y"].to_numpy(dtype=float)
    dx = x - x.mean()
    sxx = float((dx**2).sum())
    slope = float((dx * (y - y.mean())).sum() / sxx)
    residuals = y - y.mean() - slope * dx
    se = math.sqrt(float((residuals**2).sum()) / (n - 2) / sxx)
    return slope, slope - _Z * se, slope + _Z * se, n


def _row(stage: str, part: pd.DataFrame, evidence: HandoffEvidence) -> dict[str, Any]:
    diff, diff_low, diff_high = _difference(part["value"], part["handoff"])
    slope, slope_low, slope_high, slope_n = (
        _slope(part["count"], part["value"])
        if evidence.source == "count"
        else (math.nan, math.nan, math.nan, 0)
    )
    n, with_handoff = len(part), int(part["handoff"].sum())
    costly = slope_high < 0 if evidence.source == "count" else diff_high < 0
    return {
        "stage": stage,
        "n": n,
        "with_handoff": with_handoff,
        "share": with_handoff / n if n else math.nan,
        "mean": float(part["count"].mean()) if evidence.source == "count" and n else math.nan,
        "metric_n": int(part["value"].notna().sum()),
        "diff": diff,
        "diff_low": diff_low,
        "diff_high": diff_high,
        "slope": slope,
        "slope_low": slope_low,
        "slope_high": slope_high,
        "slope_n": slope_n,
        "costly": bool(costly),
    }


def handoff_table(
    responses: pd.DataFrame, stages: list[str] | None = None
) -> tuple[pd.DataFrame, HandoffEvidence]:
    """Per-response rows (RESPONSE_COLUMNS) → one row per stage (in `stages` order when
    given) and a last row "all": n, with_handoff, share, mean count, the metric with against
    without (diff, 95% interval) and per handoff (slope, 95% interval), costly; and the
    evidence it was read from. Empty when there is no evidence."""
    evidence = handoff_evidence(responses)
    if evidence.source is None:
        return pd.DataFrame(columns=["stage", "n"]), evidence
    judged = _judged(responses, evidence)
    present = list(dict.fromkeys(judged["stage"]))
    order = (
        [s for s in stages if s in present] + [s for s in present if s not in stages]
        if stages
        else present
    )
    rows = [_row(stage, judged[judged["stage"] == stage], evidence) for stage in order]
    rows.append(_row(ALL, judged, evidence))
    return pd.DataFrame(rows), evidence


def _interval(metric: str, value: float, low: float, high: float) -> dict[str, Any] | None:
    if value != value:
        return None
    return {
        "metric": metric,
        "value": round(value, 4),
        "ci_low": round(low, 4),
        "ci_high": round(high, 4),
    }


def _entry(row: pd.Series, evidence: HandoffEvidence) -> dict[str, Any]:
    return {
        "n": int(row["n"]),
        "with_handoff": int(row["with_handoff"]),
        "share": None if row["share"] != row["share"] else round(float(row["share"]), 4),
        "mean": None if row["mean"] != row["mean"] else round(float(row["mean"]), 4),
        "with_vs_without": _interval(
            evidence.metric, row["diff"], row["diff_low"], row["diff_high"]
        ),
        "per_handoff": _interval(
            evidence.metric, row["slope"], row["slope_low"], row["slope_high"]
        ),
        "costly": bool(row["costly"]),
    }


def handoff_json(table: pd.DataFrame, evidence: HandoffEvidence) -> dict[str, Any]:
    """The table as JSON-ready data: {"source", "metric", "reason", "overall", "stages"}."""
    overall = table[table["stage"] == ALL]
    return {
        "source": evidence.source,
        "metric": evidence.metric,
        "reason": evidence.reason,
        "overall": _entry(overall.iloc[0], evidence) if len(overall) else None,
        "stages": [
            {"stage": str(row["stage"]), **_entry(row, evidence)}
            for _, row in table[table["stage"] != ALL].iterrows()
        ],
    }


def handoff_pain_sentences(
    table: pd.DataFrame, evidence: HandoffEvidence, names: dict[str, str], lang: str = "en"
) -> list[str]:
    """One sentence per stage whose handoffs cost significantly, the costliest first:
    "Support: each extra handoff costs 0.5 CSAT points (95% CI 0.3–0.7, n=400)"."""
    costly = table[(table["stage"] != ALL) & table["costly"]]
    if costly.empty:
        return []
    key = "slope" if evidence.source == "count" else "diff"
    digits = 2 if evidence.metric == F.SENTIMENT else 1
    sentences = []
    for _, row in costly.sort_values(key).iterrows():
        sentences.append(
            text(
                f"handoffs.cost_{'each' if key == 'slope' else 'with'}",
                lang,
                stage=names.get(str(row["stage"]), str(row["stage"])),
                cost=format_number(-row[key], lang, digits),
                low=format_number(-row[f"{key}_high"], lang, digits),
                high=format_number(-row[f"{key}_low"], lang, digits),
                unit=text(f"handoffs.unit_{evidence.metric}", lang),
                n=format_number(int(row["slope_n"] if key == "slope" else row["metric_n"]), lang),
            )
        )
    return sentences


def handoff_sentences(
    table: pd.DataFrame, evidence: HandoffEvidence, names: dict[str, str], lang: str = "en"
) -> list[str]:
    """The journey's handoffs in plain words for a report: how many were passed on and what
    it costs overall, then the stages whose handoffs cost significantly; or why none show."""
    if evidence.source is None:
        return [text(f"handoffs.none_{evidence.reason}", lang)]
    row = table[table["stage"] == ALL].iloc[0]
    unit = text(f"handoffs.unit_{evidence.metric}", lang)
    digits = 2 if evidence.metric == F.SENTIMENT else 1
    key = "slope" if evidence.source == "count" else "diff"
    overall = text(
        f"handoffs.overall_{evidence.source}",
        lang,
        share=format_number(row["share"] * 100, lang, suffix="%"),
        n=format_number(int(row["n"]), lang),
        mean=format_number(row["mean"], lang, 1),
    )
    if row[key] == row[key]:
        overall += " " + text(
            f"handoffs.overall_{key}",
            lang,
            value=format_number(row[key], lang, digits, sign=True),
            low=format_number(row[f"{key}_low"], lang, digits, sign=True),
            high=format_number(row[f"{key}_high"], lang, digits, sign=True),
            unit=unit,
        )
    return [overall, *handoff_pain_sentences(table, evidence, names, lang)]


def team_table(responses: pd.DataFrame) -> pd.DataFrame:
    """team, n, with_handoff, share, mean (count) of responses with a team: which team hands
    off most, the highest share first."""
    teamed = responses[responses[F.TEAM].notna()]
    if teamed.empty:
        return pd.DataFrame(columns=["team", "n", "with_handoff", "share", "mean"])
    counts = pd.to_numeric(teamed[F.HANDOFFS], errors="coerce")
    handoff = (counts > 0) | (counts.isna() & teamed[F.HANDOFF_WORDS].notna())
    frame = pd.DataFrame({"team": teamed[F.TEAM].astype(str), "handoff": handoff, "count": counts})
    table = frame.groupby("team").agg(
        n=("handoff", "size"), with_handoff=("handoff", "sum"), mean=("count", "mean")
    )
    table["share"] = table["with_handoff"] / table["n"]
    table = table.reset_index()[["team", "n", "with_handoff", "share", "mean"]]
    return table.sort_values(["share", "n"], ascending=[False, False]).reset_index(drop=True)


def team_moves(responses: pd.DataFrame, stage: str | None = None) -> pd.DataFrame:
    """team, next_team, customers: where a customer's next response (in time, any stage) was
    handled, when by another team; from responses of `stage` only when given; most first."""
    columns = ["team", "next_team", "customers"]
    known = responses[
        responses[F.TEAM].notna()
        & responses[F.CUSTOMER_ID].notna()
        & responses[F.SUBMITTED_AT].notna()
    ]
    if known.empty:
        return pd.DataFrame(columns=columns)
    ordered = known.sort_values([F.CUSTOMER_ID, F.SUBMITTED_AT], kind="stable")
    after = ordered.groupby(F.CUSTOMER_ID, sort=False)[F.TEAM].shift(-1)
    moves = pd.DataFrame(
        {
            "team": ordered[F.TEAM],
            "next_team": after,
            "customer": ordered[F.CUSTOMER_ID],
            "stage": ordered[F.STAGE],
        }
    )
    moves = moves[moves["next_team"].notna() & (moves["next_team"] != moves["team"])]
    if stage is not None:
        moves = moves[moves["stage"] == stage]
    if moves.empty:
        return pd.DataFrame(columns=columns)
    found = moves.groupby(["team", "next_team"])["customer"].nunique().rename("customers")
    return found.reset_index().sort_values("customers", ascending=False).reset_index(drop=True)


def handoff_comments(responses: pd.DataFrame) -> pd.DataFrame:
    """The responses whose comment mentions a handoff (handoff_words set), newest first."""
    said = responses[responses[F.HANDOFF_WORDS].notna()]
    if F.SUBMITTED_AT in said:
        said = said.sort_values(F.SUBMITTED_AT, ascending=False, na_position="last")
    return said.reset_index(drop=True)
