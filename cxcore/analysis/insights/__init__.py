"""From charts to insight: pain points, moments of truth, channel hopping, what changed.

Small pure functions over the frames `db` returns (stage_summary / cell_summary sums,
responses, customer contacts, the follow-up queue). The methods, all at 95%:

- **Pain points** (`pain_points`): every stage and stage × touchpoint cell with at least
  `min_n` scored responses is tested against the rest of the journey, one-sided (is it
  below?): NPS as a difference of two NPS (each response scores +100 / 0 / −100, so the
  variance per response is p + d − (p − d)²), CSAT as a difference of two proportions, mean
  sentiment by Welch's z from means and mean squares. Benjamini–Hochberg keeps the false
  discovery rate of all these tests at 5%. Impact = n × the gap as a share of the metric's
  range (NPS 200 points, CSAT 100, sentiment 2), so the three metrics rank together.
- **Moments of truth** (`drivers`): for customers with responses at several stages, their
  own NPS (+100 promoter, 0 passive, −100 detractor; the mean over their NPS answers) is
  regressed (OLS, heteroskedasticity-robust HC1 standard errors) on one indicator per stage
  (or touchpoint): "had a bad experience there" (a negative comment or CSAT 1–2). Each
  coefficient is the NPS points a bad experience there costs, with its interval.
- **Channel hopping** (`contact_paths`, `repeat_contacts`, `sankey_links`): each customer's
  responses in time order; a path is one response followed by the same customer's next.
- **What changed** (`movers`): the same two-sample tests between two periods, two-sided,
  with Benjamini–Hochberg over all of them.
- **Follow-up queue**: detractors (NPS 0–6), CSAT 1–2 and negative comments; `db` stores a
  status only once someone changes it (open until then).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cxcore import fields as F
from cxcore.analysis import stage_detail
from cxcore.analysis.journey import MIN_N, overall_summary
from cxcore.analysis.metrics import Z95, metric_frame
from cxcore.i18n import format_number, text

__all__ = [
    "ALPHA",
    "INSIGHT_METRICS",
    "MIN_BAD",
    "QUEUE_STATUSES",
    "REPEAT_DAYS",
    "THEME_SAMPLE",
    "JOURNEY_COLUMNS",
    "RESPONSE_COLUMNS",
    "TOP_PAIN_POINTS",
    "benjamini_hochberg",
    "column_labels",
    "contact_paths",
    "contacts_of",
    "contact_transitions",
    "driver_sentences",
    "drivers",
    "filter_queue",
    "insight_frames",
    "insights_report",
    "marked_stages",
    "mover_sentences",
    "movers",
    "named",
    "pain_point_sentences",
    "pain_point_voices",
    "pain_points",
    "queue_changes",
    "queue_csv",
    "queue_reasons",
    "queue_table",
    "repeat_contacts",
    "repeat_sentences",
    "sankey_figure",
    "sankey_links",
    "sentiment_by_step",
]

ALPHA = 0.05
INSIGHT_METRICS: tuple[str, ...] = ("nps", "csat", "sentiment")
# A driver needs this many customers with a bad experience there (and as many without).
MIN_BAD = 10
REPEAT_DAYS = 7
# Themes of a pain point are read from at most this many of its most negative comments.
THEME_SAMPLE = 2_000
TOP_PAIN_POINTS = 8  # shown on the Insights page
QUEUE_STATUSES: tuple[str, ...] = ("open", "contacted", "resolved")
# What moments of truth and channel hopping read (no comment text: whole journeys of many
# customers are loaded for them).
JOURNEY_COLUMNS: tuple[str, ...] = (
    F.CUSTOMER_ID,
    F.SUBMITTED_AT,
    F.STAGE,
    F.TOUCHPOINT,
    F.NPS,
    F.CSAT,
    F.SENTIMENT,
    F.SENTIMENT_LABEL,
)
# The response columns these insights read (db.responses_frame(..., columns=...)).
RESPONSE_COLUMNS: tuple[str, ...] = (*JOURNEY_COLUMNS, F.LANGUAGE, F.COMMENT)
_RANGE = {"nps": 200.0, "csat": 100.0, "sentiment": 2.0}
# How each metric is written: decimals, sign, suffix.
_FORMAT = {"nps": (0, True, ""), "csat": (0, False, "%"), "sentiment": (2, True, "")}
# Table columns the pages show, each with a header in the catalog ("column.<name>").
TABLE_COLUMNS: tuple[str, ...] = (
    "stage",
    "touchpoint",
    "metric",
    "before",
    "after",
    "change",
    "n_before",
    "n_after",
    "p_value",
    "q_value",
    "significant",
    "from_touchpoint",
    "to_touchpoint",
    "count",
    "share",
    "median_days",
    "sentiment_before",
    "sentiment_after",
    "contacts",
    "repeated",
    "rate",
    "next_touchpoint",
    "next_share",
    "step",
    "responses",
    "sentiment",
)
_UNIT = ("stage", "touchpoint")


# ---------------------------------------------------------------- statistics


def _additive(summary: pd.DataFrame) -> pd.DataFrame:
    """The sums of a stage_summary-shaped frame that add up across rows (means → sums)."""
    out = pd.DataFrame(index=summary.index)
    for column in ("nps_n", "promoters", "detractors", "csat_n", "csat_satisfied", "sentiment_n"):
        out[column] = pd.to_numeric(summary[column]).astype(float).fillna(0.0)
    n = out["sentiment_n"]
    out["sentiment_sum"] = pd.to_numeric(summary["sentiment_mean"]).fillna(0.0) * n
    out["sentiment_sq_sum"] = pd.to_numeric(summary["sentiment_sq"]).fillna(0.0) * n
    return out


def _moments(sums: pd.DataFrame, metric: str) -> pd.DataFrame:
    """value (in the metric's unit), var (per response) and n from additive sums."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if metric == "nps":
            n = sums["nps_n"]
            p, d = sums["promoters"] / n, sums["detractors"] / n
            value, var = (p - d) * 100, (p + d - (p - d) ** 2) * 100**2
        elif metric == "csat":
            n = sums["csat_n"]
            p = sums["csat_satisfied"] / n
            value, var = p * 100, p * (1 - p) * 100**2
        elif metric == "sentiment":
            n = sums["sentiment_n"]
            value = sums["sentiment_sum"] / n
            var = (sums["sentiment_sq_sum"] / n - value**2).clip(lower=0) * n / (n - 1)
        else:
            raise ValueError(f"Unknown metric {metric!r}: choose one of nps, csat, sentiment")
    return pd.DataFrame({"value": value, "var": var, "n": n}, index=sums.index).where(n > 0)


def _normal_cdf(z: np.ndarray) -> np.ndarray:
    return np.array([0.5 * math.erfc(-v / math.sqrt(2)) if v == v else math.nan for v in z])


def _z_test(a: pd.DataFrame, b: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(difference a − b, z) of two independent samples (normal approximation)."""
    diff = a["value"] - b["value"]
    se = np.sqrt(a["var"] / a["n"] + b["var"] / b["n"])
    with np.errstate(divide="ignore", invalid="ignore"):
        z = diff / se
    # No spread at all on either side: an exact difference is certain, none is no change.
    z = z.where(se > 0, np.sign(diff) * np.inf)
    return diff, z.where(diff != 0, 0.0)


def benjamini_hochberg(p_values: Sequence[float] | pd.Series) -> np.ndarray:
    """q-values (Benjamini–Hochberg adjusted p-values) of `p_values`, in the same order."""
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if not ok.any():
        return q
    values = p[ok]
    order = np.argsort(values)
    ranked = values[order] * len(values) / np.arange(1, len(values) + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1.0)
    adjusted = np.empty_like(values)
    adjusted[order] = ranked
    q[ok] = adjusted
    return q


def _units(stage_summary: pd.DataFrame, cell_summary: pd.DataFrame) -> pd.DataFrame:
    """Stage rows (touchpoint None) and stage × touchpoint rows in one frame."""
    stages = stage_summary.assign(touchpoint=None)
    frame = pd.concat([stages, cell_summary], ignore_index=True)
    frame["touchpoint"] = frame["touchpoint"].astype(object).where(frame["touchpoint"].notna())
    return frame[frame["stage"] != F.UNASSIGNED].reset_index(drop=True)


# ---------------------------------------------------------------- pain points


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
    columns = [*_UNIT, "metric", "value", "low", "high", "overall", "n", "gap"]
    columns += ["p_value", "q_value", "impact"]
    if stage_summary.empty:
        return pd.DataFrame(columns=columns)
    units = _units(stage_summary, cell_summary)
    total = _additive(overall_summary(stage_summary)).iloc[0]
    sums = _additive(units)
    rest = (total - sums).clip(lower=0)
    frames = []
    for metric in metrics:
        here, other = _moments(sums, metric), _moments(rest, metric)
        _, z = _z_test(here, other)
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
                    "p_value": _normal_cdf(z.to_numpy()),
                }
            )
        )
    tests = pd.concat(frames, ignore_index=True)
    tests = tests[(tests["n"] >= min_n) & tests["p_value"].notna()]
    tests = tests.assign(q_value=benjamini_hochberg(tests["p_value"]))
    found = tests[(tests["q_value"] <= alpha) & (tests["gap"] > 0)].copy()
    found["impact"] = found["n"] * found["gap"] / found["metric"].map(_RANGE).astype(float) * 100
    found = found.sort_values(["impact", "stage"], ascending=[False, True], kind="stable")
    return found.reset_index(drop=True)[columns]


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
    found = stage_detail.themes(negative, top=top_themes, min_count=2)
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


def _where(point: Any, stages: Mapping[str, str], touchpoints: Mapping[str, str]) -> str:
    name = stages.get(point.stage, point.stage)
    tp = point.touchpoint
    return f"{name} × {touchpoints.get(tp, tp)}" if tp is not None and tp == tp else name


def _shown(value: float, metric: str, lang: str) -> str:
    """A metric's value as `lang` writes it: NPS +12, CSAT 80%, sentiment +0.25."""
    decimals, sign, suffix = _FORMAT[metric]
    return format_number(value, lang, decimals, sign=sign, suffix=suffix)


def _metric_name(metric: str, lang: str) -> str:
    return text(f"insight_metric.{metric}", lang)


def column_labels(columns: Iterable[str], lang: str = "en") -> dict[str, str]:
    """column → its header in `lang`, for the insight tables' column_config."""
    return {c: text(f"column.{c}", lang) for c in columns if c in TABLE_COLUMNS}


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
                where=_where(p, stages, touchpoints),
                metric=_metric_name(p.metric, lang),
                value=_shown(p.value, p.metric, lang),
                overall=_shown(p.overall, p.metric, lang),
                n=format_number(p.n, lang),
                low=_shown(p.low, p.metric, lang),
                high=_shown(p.high, p.metric, lang),
            )
        )
    return out


# ---------------------------------------------------------------- moments of truth


def _customer_nps(responses: pd.DataFrame) -> pd.Series:
    """Each customer's own NPS: +100 promoter, 0 passive, −100 detractor, averaged."""
    nps = pd.to_numeric(responses[F.NPS], errors="coerce")
    points = np.select([nps >= 9, nps <= 6], [100.0, -100.0], 0.0)
    scored = pd.Series(points, index=responses.index).where(nps.notna())
    return scored.groupby(responses[F.CUSTOMER_ID]).mean().dropna()


def _ols_hc1(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """OLS coefficients and their HC1 (heteroskedasticity-robust) standard errors."""
    n, k = x.shape
    xtx_inv = np.linalg.pinv(x.T @ x)
    beta = xtx_inv @ x.T @ y
    residual = y - x @ beta
    meat = (x * residual[:, None] ** 2).T @ x
    cov = xtx_inv @ meat @ xtx_inv * n / max(n - k, 1)
    return beta, np.sqrt(np.clip(np.diag(cov), 0, None))


def drivers(responses: pd.DataFrame, by: str = "stage", min_bad: int = MIN_BAD) -> pd.DataFrame:
    """key, effect (NPS points a bad experience there costs a customer), se, low, high,
    p_value, customers, bad, share_bad, points_lost (effect × share, the cost to the whole
    journey), significant: one row per stage (or touchpoint), biggest cost first.

    Customers with responses at two or more stages and at least one NPS answer; a
    stage/touchpoint enters with `min_bad` customers who had a bad experience there and as
    many who were there without one.
    """
    columns = ["key", "effect", "se", "low", "high", "p_value", "customers", "bad"]
    columns += ["share_bad", "points_lost", "significant"]
    empty = pd.DataFrame(columns=columns)
    if responses.empty:
        return empty
    placed = responses[responses[F.CUSTOMER_ID].notna() & (responses[F.STAGE] != F.UNASSIGNED)]
    # Per-row group flags, not isin over customer ids: isin on pyarrow strings loops in
    # Python (a second per 100,000 ids).
    customer = placed[F.CUSTOMER_ID]
    journey = placed[placed[F.STAGE].groupby(customer).transform("nunique").to_numpy() >= 2]
    outcome = _customer_nps(journey)
    scored = pd.to_numeric(journey[F.NPS], errors="coerce").notna()
    journey = journey[scored.groupby(journey[F.CUSTOMER_ID]).transform("any").to_numpy()]
    if journey.empty:
        return empty
    bad = _bad_experience(journey).astype(float)
    flags = bad.groupby([journey[F.CUSTOMER_ID], journey[by]]).max().unstack(fill_value=np.nan)
    flags = flags.drop(columns=[F.UNASSIGNED], errors="ignore")
    had_bad, had_good = (flags == 1).sum(), (flags == 0).sum()
    kept = flags.columns[(had_bad >= min_bad) & (had_good >= min_bad)]
    if kept.empty:
        return empty
    x_frame = flags[kept].fillna(0.0)
    y = outcome.reindex(x_frame.index).to_numpy()
    x = np.column_stack([np.ones(len(x_frame)), x_frame.to_numpy()])
    beta, se = _ols_hc1(x, y)
    effect, se = beta[1:], se[1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, effect / se, np.sign(effect) * np.inf)
    share = (x_frame == 1).mean().to_numpy()
    table = pd.DataFrame(
        {
            "key": [str(k) for k in kept],
            "effect": effect,
            "se": se,
            "low": effect - Z95 * se,
            "high": effect + Z95 * se,
            "p_value": 2 * (1 - _normal_cdf(np.abs(z))),
            "customers": len(x_frame),
            "bad": (x_frame == 1).sum().to_numpy().astype(int),
            "share_bad": share * 100,
            "points_lost": -effect * share,
        }
    )
    table["significant"] = (table["high"] < 0) | (table["low"] > 0)
    table = table.sort_values(["points_lost", "key"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)[columns]


def _bad_experience(responses: pd.DataFrame) -> pd.Series:
    """A negative comment or CSAT 1–2 (not the NPS answer itself: that is the outcome)."""
    csat = pd.to_numeric(responses.get(F.CSAT), errors="coerce")
    label = responses.get(F.SENTIMENT_LABEL, pd.Series(None, index=responses.index))
    return (csat <= 2) | (label == "negative")


def driver_sentences(table: pd.DataFrame, names: Mapping[str, str], lang: str = "en") -> list[str]:
    """'A bad Service & support experience costs 23 NPS points …', one per driver."""
    if table.empty:
        return []

    def number(value: float, sign: bool = False) -> str:
        return format_number(value, lang, 1, sign=sign)

    out = []
    for d in table.itertuples(index=False):
        name = names.get(d.key, d.key)
        if not d.significant:
            out.append(
                text(
                    "insights.driver_unclear",
                    lang,
                    name=name,
                    effect=number(d.effect, sign=True),
                    low=number(d.low, sign=True),
                    high=number(d.high, sign=True),
                    bad=format_number(d.bad, lang),
                    customers=format_number(d.customers, lang),
                )
            )
        elif d.effect < 0:
            out.append(
                text(
                    "insights.driver_costs",
                    lang,
                    name=name,
                    cost=number(-d.effect),
                    low=number(-d.high),
                    high=number(-d.low),
                    share=format_number(d.share_bad, lang, suffix="%"),
                    lost=number(d.points_lost),
                )
            )
        else:
            out.append(
                text(
                    "insights.driver_higher",
                    lang,
                    name=name,
                    effect=number(d.effect),
                    low=number(d.low, sign=True),
                    high=number(d.high, sign=True),
                )
            )
    return out


# ---------------------------------------------------------------- channel hopping


def contact_transitions(contacts: pd.DataFrame) -> pd.DataFrame:
    """customer_id, step, from_touchpoint, to_touchpoint, days, sentiment_before,
    sentiment_after: each response followed by the same customer's next, in time order."""
    ordered = contacts.dropna(subset=[F.CUSTOMER_ID, F.SUBMITTED_AT])
    ordered = ordered.sort_values([F.CUSTOMER_ID, F.SUBMITTED_AT], kind="stable")
    customer = ordered[F.CUSTOMER_ID]
    same = customer.shift(-1) == customer
    sentiment = pd.to_numeric(ordered.get(F.SENTIMENT), errors="coerce")
    step = ordered.groupby(F.CUSTOMER_ID).cumcount() + 1
    frame = pd.DataFrame(
        {
            "customer_id": customer,
            "step": step,
            "from_touchpoint": ordered[F.TOUCHPOINT].astype(str),
            "to_touchpoint": ordered[F.TOUCHPOINT].shift(-1),
            "days": (ordered[F.SUBMITTED_AT].shift(-1) - ordered[F.SUBMITTED_AT]).dt.total_seconds()
            / 86_400,
            "sentiment_before": sentiment,
            "sentiment_after": sentiment.shift(-1),
        }
    )
    return frame[same].reset_index(drop=True)


def contact_paths(contacts: pd.DataFrame, within_days: float | None = None) -> pd.DataFrame:
    """from_touchpoint, to_touchpoint, count, customers, share (% of the moves out of
    `from`), sentiment_before, sentiment_after, change, median_days: most frequent first."""
    moves = contact_transitions(contacts)
    if within_days is not None:
        moves = moves[moves["days"] <= within_days]
    columns = ["from_touchpoint", "to_touchpoint", "count", "customers", "share"]
    columns += ["sentiment_before", "sentiment_after", "change", "median_days"]
    if moves.empty:
        return pd.DataFrame(columns=columns)
    both = moves["sentiment_before"].notna() & moves["sentiment_after"].notna()
    moves = moves.assign(delta=(moves["sentiment_after"] - moves["sentiment_before"]).where(both))
    paths = (
        moves.groupby(["from_touchpoint", "to_touchpoint"])
        .agg(
            count=("customer_id", "size"),
            customers=("customer_id", "nunique"),
            sentiment_before=("sentiment_before", "mean"),
            sentiment_after=("sentiment_after", "mean"),
            change=("delta", "mean"),
            median_days=("days", "median"),
        )
        .reset_index()
    )
    out_of = paths.groupby("from_touchpoint")["count"].transform("sum")
    paths["share"] = paths["count"] / out_of * 100
    paths = paths.sort_values(
        ["count", "from_touchpoint", "to_touchpoint"], ascending=[False, True, True]
    )
    return paths.reset_index(drop=True)[columns]


def repeat_contacts(contacts: pd.DataFrame, days: float = REPEAT_DAYS) -> pd.DataFrame:
    """touchpoint, contacts, repeated, rate (%), next_touchpoint, next_share (% of the
    repeats), sentiment_before, sentiment_after: how often a contact is followed by the same
    customer's next within `days`, and where they went; highest rate first."""
    columns = ["touchpoint", "contacts", "repeated", "rate", "next_touchpoint", "next_share"]
    columns += ["sentiment_before", "sentiment_after"]
    known = contacts.dropna(subset=[F.CUSTOMER_ID, F.SUBMITTED_AT])
    if known.empty:
        return pd.DataFrame(columns=columns)
    placed = known[known[F.TOUCHPOINT] != F.UNASSIGNED]
    per_touchpoint = placed.groupby(placed[F.TOUCHPOINT].astype(str)).size()
    moves = contact_transitions(known)
    moves = moves[moves["days"] <= days]
    rows = []
    for touchpoint, total in per_touchpoint.items():
        out = moves[moves["from_touchpoint"] == touchpoint]
        nexts = out["to_touchpoint"].value_counts()
        nexts = nexts.sort_index().sort_values(ascending=False, kind="stable")
        rows.append(
            {
                "touchpoint": touchpoint,
                "contacts": int(total),
                "repeated": len(out),
                "rate": len(out) / total * 100,
                "next_touchpoint": nexts.index[0] if len(nexts) else None,
                "next_share": nexts.iloc[0] / len(out) * 100 if len(nexts) else math.nan,
                "sentiment_before": out["sentiment_before"].mean(),
                "sentiment_after": out["sentiment_after"].mean(),
            }
        )
    table = pd.DataFrame(rows, columns=columns)
    table = table.sort_values(["rate", "contacts"], ascending=[False, False], kind="stable")
    return table.reset_index(drop=True)


def repeat_sentences(
    table: pd.DataFrame,
    names: Mapping[str, str],
    days: float = REPEAT_DAYS,
    top: int = 5,
    lang: str = "en",
) -> list[str]:
    """'After 20 IVR contacts, 35% of customers (7) came back within 7 days, most via …'"""
    if table.empty:
        return []
    out = []
    for r in table[table["repeated"] > 0].head(top).itertuples(index=False):
        out.append(
            text(
                "insights.repeat_sentence",
                lang,
                contacts=format_number(r.contacts, lang),
                name=names.get(r.touchpoint, r.touchpoint),
                rate=format_number(r.rate, lang, suffix="%"),
                repeated=format_number(r.repeated, lang),
                days=format_number(days, lang, 0 if float(days).is_integer() else 1),
                next=names.get(r.next_touchpoint, r.next_touchpoint),
                share=format_number(r.next_share, lang, suffix="%"),
            )
        )
    return out


def sentiment_by_step(contacts: pd.DataFrame, steps: int = 4) -> pd.DataFrame:
    """step, responses, sentiment (mean): how feeling changes along the paths of customers
    with several responses (step 1 = their first)."""
    known = contacts.dropna(subset=[F.CUSTOMER_ID, F.SUBMITTED_AT])
    known = known.sort_values([F.CUSTOMER_ID, F.SUBMITTED_AT], kind="stable")
    counts = known.groupby(F.CUSTOMER_ID)[F.CUSTOMER_ID].transform("size")
    several = known[counts >= 2]
    step = several.groupby(F.CUSTOMER_ID).cumcount() + 1
    sentiment = pd.to_numeric(several.get(F.SENTIMENT), errors="coerce")
    frame = pd.DataFrame({"step": step, "sentiment": sentiment})
    frame = frame[frame["step"] <= steps]
    table = frame.groupby("step").agg(responses=("step", "size"), sentiment=("sentiment", "mean"))
    return table.reset_index()


def sankey_links(contacts: pd.DataFrame, steps: int = 3) -> pd.DataFrame:
    """source, target (node labels "1 · ivr"), value: the first `steps` moves of customers
    with several responses, by step, for a Sankey diagram."""
    moves = contact_transitions(contacts)
    moves = moves[moves["step"] <= steps]
    if moves.empty:
        return pd.DataFrame(columns=["source", "target", "value"])
    frame = pd.DataFrame(
        {
            "source": moves["step"].astype(str) + " · " + moves["from_touchpoint"].astype(str),
            "target": (moves["step"] + 1).astype(str) + " · " + moves["to_touchpoint"].astype(str),
        }
    )
    links = frame.groupby(["source", "target"]).size().rename("value").reset_index()
    return links.sort_values(["source", "value"], ascending=[True, False]).reset_index(drop=True)


def sankey_figure(links: pd.DataFrame, names: Mapping[str, str], lang: str = "en") -> go.Figure:
    """A Plotly Sankey of `sankey_links`: nodes are touchpoints at each step ("1. IVR")."""
    nodes = sorted(set(links["source"]) | set(links["target"]))
    index = {node: i for i, node in enumerate(nodes)}

    def label(node: str) -> str:
        step, key = node.split(" · ", 1)
        return text("insights.sankey_node", lang, step=step, name=names.get(key, key))

    figure = go.Figure(
        go.Sankey(
            node={"label": [label(n) for n in nodes], "pad": 14, "thickness": 14},
            link={
                "source": [index[s] for s in links["source"]],
                "target": [index[t] for t in links["target"]],
                "value": [int(v) for v in links["value"]],
            },
        )
    )
    figure.update_traces(
        link_hovertemplate=text("insights.sankey_hover", lang) + "<extra></extra>",
        node_hovertemplate=text("insights.sankey_node_hover", lang) + "<extra></extra>",
    )
    figure.update_layout(height=460, margin={"l": 10, "r": 10, "t": 20, "b": 20})
    return figure


# ---------------------------------------------------------------- what changed


def movers(
    previous: tuple[pd.DataFrame, pd.DataFrame],
    current: tuple[pd.DataFrame, pd.DataFrame],
    *,
    min_n: int = MIN_N,
    metrics: Iterable[str] = INSIGHT_METRICS,
    alpha: float = ALPHA,
) -> pd.DataFrame:
    """stage, touchpoint, metric, before, after, change, n_before, n_after, p_value, q_value,
    significant: each stage and cell with `min_n` scored responses in both periods
    (each given as (stage_summary, cell_summary)); significant changes first, biggest first."""
    columns = [*_UNIT, "metric", "before", "after", "change", "n_before", "n_after"]
    columns += ["p_value", "q_value", "significant"]
    before, after = _units(*previous), _units(*current)
    if before.empty or after.empty:
        return pd.DataFrame(columns=columns)
    key = ["stage", "touchpoint"]
    before = before.assign(touchpoint=before["touchpoint"].fillna("∅"))
    after = after.assign(touchpoint=after["touchpoint"].fillna("∅"))
    paired = before.merge(after, on=key, suffixes=("_b", "_a"))
    frames = []
    for metric in metrics:
        sums_b = _additive(paired.filter(like="_b").rename(columns=lambda c: c[:-2]))
        sums_a = _additive(paired.filter(like="_a").rename(columns=lambda c: c[:-2]))
        was, now = _moments(sums_b, metric), _moments(sums_a, metric)
        change, z = _z_test(now, was)
        frames.append(
            pd.DataFrame(
                {
                    "stage": paired["stage"],
                    "touchpoint": paired["touchpoint"].where(paired["touchpoint"] != "∅"),
                    "metric": metric,
                    "before": was["value"],
                    "after": now["value"],
                    "change": change,
                    "n_before": was["n"].fillna(0).astype(int),
                    "n_after": now["n"].fillna(0).astype(int),
                    "p_value": 2 * (1 - _normal_cdf(np.abs(z.to_numpy()))),
                }
            )
        )
    tests = pd.concat(frames, ignore_index=True)
    tests = tests[(tests["n_before"] >= min_n) & (tests["n_after"] >= min_n)]
    tests = tests[tests["p_value"].notna()]
    tests = tests.assign(q_value=benjamini_hochberg(tests["p_value"]))
    tests["significant"] = tests["q_value"] <= alpha
    size = tests["change"].abs() / tests["metric"].map(_RANGE).astype(float)
    tests = tests.assign(_size=size).sort_values(
        ["significant", "_size", "stage"], ascending=[False, False, True], kind="stable"
    )
    return tests.reset_index(drop=True)[columns]


def mover_sentences(
    table: pd.DataFrame,
    stages: Mapping[str, str],
    touchpoints: Mapping[str, str],
    lang: str = "en",
) -> list[str]:
    """One sentence per significant change, in the order given."""
    if table.empty:
        return []
    out = []
    for m in table[table["significant"]].itertuples(index=False):
        out.append(
            text(
                "insights.mover_rose" if m.change > 0 else "insights.mover_fell",
                lang,
                where=_where(m, stages, touchpoints),
                metric=_metric_name(m.metric, lang),
                before=_shown(m.before, m.metric, lang),
                after=_shown(m.after, m.metric, lang),
                n_before=format_number(m.n_before, lang),
                n_after=format_number(m.n_after, lang),
                q=format_number(m.q_value, lang, 3),
            )
        )
    return out


# ---------------------------------------------------------------- follow-up queue


def queue_reasons(queue: pd.DataFrame, lang: str = "en") -> pd.Series:
    """Why each response is in the follow-up queue: 'detractor (NPS 3)', 'CSAT 1', …"""
    nps = pd.to_numeric(queue[F.NPS], errors="coerce")
    csat = pd.to_numeric(queue[F.CSAT], errors="coerce")
    label = queue[F.SENTIMENT_LABEL]
    reasons = []
    for score, satisfied, polarity in zip(nps, csat, label, strict=True):
        parts = []
        if score <= 6:
            parts.append(text("followup.reason_detractor", lang, score=f"{score:.0f}"))
        if satisfied <= 2:
            parts.append(text("followup.reason_csat", lang, score=f"{satisfied:.0f}"))
        if polarity == "negative":
            parts.append(text("followup.reason_negative", lang))
        reasons.append(", ".join(parts))
    return pd.Series(reasons, index=queue.index, dtype=object)


def filter_queue(
    queue: pd.DataFrame,
    statuses: Sequence[str] = (),
    stages: Sequence[str] = (),
    touchpoints: Sequence[str] = (),
    owners: Sequence[str] = (),
) -> pd.DataFrame:
    """The rows of the queue matching every chosen filter (an empty choice means all);
    the owner "" stands for responses nobody owns yet."""
    mask = pd.Series(True, index=queue.index)
    for column, chosen in (
        ("status", statuses),
        (F.STAGE, stages),
        (F.TOUCHPOINT, touchpoints),
        ("owner", owners),
    ):
        if chosen:
            values = queue[column].fillna("") if column == "owner" else queue[column]
            mask &= values.isin(list(chosen))
    return queue[mask]


def queue_changes(before: pd.DataFrame, after: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """response_id, status, owner, note of the rows whose status, owner or note was edited.

    Raises ValueError naming the row when a status is not open, contacted or resolved.
    """
    columns = ["status", "owner", "note"]
    old = before.set_index("response_id")[columns].astype(object)
    new = after.set_index("response_id")[columns].astype(object).reindex(old.index)
    old, new = old.where(old.notna(), ""), new.where(new.notna(), "")
    new = new.apply(lambda c: c.astype(str).str.strip())
    changed = (old.astype(str) != new).any(axis=1)
    edits = new[changed].reset_index()
    wrong = edits[~edits["status"].isin(QUEUE_STATUSES)]
    if len(wrong):
        row = wrong.iloc[0]
        raise ValueError(
            text(
                "followup.wrong_status",
                lang,
                id=row["response_id"],
                status=repr(row["status"]),
                allowed=", ".join(QUEUE_STATUSES),
            )
        )
    return edits


def queue_table(
    queue: pd.DataFrame,
    stages: Mapping[str, str],
    touchpoints: Mapping[str, str],
    lang: str = "en",
) -> pd.DataFrame:
    """The queue as a support lead reads it: response_id, submitted_at, customer_id, stage
    and touchpoint names, nps, csat, reason, comment, language, status, owner, note."""
    columns = ["response_id", "submitted_at", "customer_id", "stage", "touchpoint", "nps"]
    columns += ["csat", "reason", "comment", "language", "status", "owner", "note", "updated_at"]
    table = queue.assign(
        stage=queue[F.STAGE].map(lambda k: stages.get(k, k)),
        touchpoint=queue[F.TOUCHPOINT].map(lambda k: touchpoints.get(k, k)),
        reason=queue_reasons(queue, lang) if len(queue) else pd.Series(dtype=object),
    )
    return table.reindex(columns=columns)


def queue_csv(queue: pd.DataFrame) -> bytes:
    """The queue as CSV in UTF-8 with a BOM, so Excel shows Turkish and Czech letters."""
    return queue.to_csv(index=False).encode("utf-8-sig")


def named(
    frame: pd.DataFrame, stages: Mapping[str, str], touchpoints: Mapping[str, str]
) -> pd.DataFrame:
    """`frame` with stage and touchpoint keys (in any column naming them) shown as names."""
    out = frame.copy()
    for column in out.columns:
        names = stages if column == F.STAGE else touchpoints if "touchpoint" in column else None
        if names is not None:
            out[column] = out[column].map(lambda k, n=names: n.get(k, k) if k == k else k)
    return out


# ---------------------------------------------------------------- one report


def _plain(value: Any) -> Any:
    """JSON-safe: NaN → None, numpy scalars → Python, floats rounded."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or (isinstance(value, float | np.floating) and math.isnan(value)):
        return None
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return round(float(value), 4)
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {str(k): _plain(v) for k, v in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def contacts_of(responses: pd.DataFrame) -> pd.DataFrame:
    """customer_id, submitted_at, stage, touchpoint, sentiment of the dated responses with a
    customer id, as db.customer_contacts returns them (responses already in customer and
    time order, as db.recent_customers_responses returns them)."""
    columns = [F.CUSTOMER_ID, F.SUBMITTED_AT, F.STAGE, F.TOUCHPOINT, F.SENTIMENT]
    dated = responses[responses[F.CUSTOMER_ID].notna() & responses[F.SUBMITTED_AT].notna()]
    return dated[columns].reset_index(drop=True)


def insight_frames(
    stage_summary: pd.DataFrame,
    cell_summary: pd.DataFrame,
    responses: pd.DataFrame,
    contacts: pd.DataFrame,
    top: int = TOP_PAIN_POINTS,
    voices: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """What the Insights page draws: pain_points (the `top`, with their voices),
    stage_drivers, touchpoint_drivers, links (Sankey), paths, repeats and steps.

    Voices come from `voices` when given (the pain points' most negative comments, as
    db.negative_comments reads them), else from `responses`.
    """
    points = pain_points(stage_summary, cell_summary)
    return {
        "pain_points": pain_point_voices(points.head(top), responses if voices is None else voices),
        "stage_drivers": drivers(responses, "stage"),
        "touchpoint_drivers": drivers(responses, "touchpoint"),
        "links": sankey_links(contacts),
        "paths": contact_paths(contacts),
        "repeats": repeat_contacts(contacts),
        "steps": sentiment_by_step(contacts),
    }


def insights_report(
    stage_summary: pd.DataFrame,
    cell_summary: pd.DataFrame,
    responses: pd.DataFrame,
    contacts: pd.DataFrame,
    previous: tuple[pd.DataFrame, pd.DataFrame],
    current: tuple[pd.DataFrame, pd.DataFrame],
    *,
    periods: Mapping[str, Any] | None = None,
    min_n: int = MIN_N,
) -> dict[str, Any]:
    """pain_points, drivers, paths, repeat_contacts, movers (and the periods compared) as
    one JSON-ready dict, for the CLI, scheduled jobs and e-mails."""
    points = pain_points(stage_summary, cell_summary, min_n=min_n)
    points = pain_point_voices(points, responses)
    by_stage = drivers(responses, "stage").assign(factor="stage")
    by_touchpoint = drivers(responses, "touchpoint").assign(factor="touchpoint")
    moved = movers(previous, current, min_n=min_n)
    report = {
        "pain_points": _records(points.drop(columns=["p_value"])),
        "drivers": _records(pd.concat([by_stage, by_touchpoint], ignore_index=True)),
        "paths": _records(contact_paths(contacts)),
        "repeat_contacts": _records(repeat_contacts(contacts)),
        "movers": _records(moved),
    }
    if periods:
        report["periods"] = {k: _plain(v) for k, v in periods.items()}
    return report
