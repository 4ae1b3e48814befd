"""Moments of truth: the NPS points a bad experience at a stage or touchpoint costs.

For customers with responses at several stages, their own NPS (+100 promoter, 0 passive,
−100 detractor; the mean over their NPS answers) is regressed (OLS, heteroskedasticity-
robust HC1 standard errors) on one indicator per stage (or touchpoint): "had a bad
experience there" (a negative comment or CSAT 1–2). Each coefficient is the NPS points a
bad experience there costs, with its 95% interval.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.analysis.insights.significance import normal_cdf
from cxcore.analysis.metrics import Z95
from cxcore.i18n import format_number, text

__all__ = ["MIN_BAD", "driver_sentences", "drivers"]

# A driver needs this many customers with a bad experience there (and as many without).
MIN_BAD = 10


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
            "p_value": 2 * (1 - normal_cdf(np.abs(z))),
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
