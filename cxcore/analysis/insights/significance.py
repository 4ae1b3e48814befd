"""Significance tests on summed responses: is a stage or cell below the rest, did it change?

The sums are stage_summary / cell_summary rows. NPS is tested as a difference of two NPS
(each response scores +100 / 0 / −100, so the variance per response is p + d − (p − d)²),
CSAT as a difference of two proportions, mean sentiment by Welch's z from means and mean
squares, all at 95%. Benjamini–Hochberg keeps the false discovery rate of many tests at 5%.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from cxcore import fields as F

__all__ = [
    "ALPHA",
    "INSIGHT_METRICS",
    "METRIC_RANGE",
    "additive_sums",
    "benjamini_hochberg",
    "moments",
    "normal_cdf",
    "stage_and_cell_rows",
    "z_test",
]

ALPHA = 0.05
INSIGHT_METRICS: tuple[str, ...] = ("nps", "csat", "sentiment")
# Each metric's range, so gaps in different metrics rank together.
METRIC_RANGE = {"nps": 200.0, "csat": 100.0, "sentiment": 2.0}


def additive_sums(summary: pd.DataFrame) -> pd.DataFrame:
    """The sums of a stage_summary-shaped frame that add up across rows (means → sums)."""
    out = pd.DataFrame(index=summary.index)
    for column in ("nps_n", "promoters", "detractors", "csat_n", "csat_satisfied", "sentiment_n"):
        out[column] = pd.to_numeric(summary[column]).astype(float).fillna(0.0)
    n = out["sentiment_n"]
    out["sentiment_sum"] = pd.to_numeric(summary["sentiment_mean"]).fillna(0.0) * n
    out["sentiment_sq_sum"] = pd.to_numeric(summary["sentiment_sq"]).fillna(0.0) * n
    return out


def moments(sums: pd.DataFrame, metric: str) -> pd.DataFrame:
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


def normal_cdf(z: np.ndarray) -> np.ndarray:
    """The standard normal CDF at each z (NaN stays NaN)."""
    return np.array([0.5 * math.erfc(-v / math.sqrt(2)) if v == v else math.nan for v in z])


def z_test(a: pd.DataFrame, b: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
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


def stage_and_cell_rows(stage_summary: pd.DataFrame, cell_summary: pd.DataFrame) -> pd.DataFrame:
    """Stage rows (touchpoint None) and stage × touchpoint rows in one frame."""
    stages = stage_summary.assign(touchpoint=None)
    frame = pd.concat([stages, cell_summary], ignore_index=True)
    frame["touchpoint"] = frame["touchpoint"].astype(object).where(frame["touchpoint"].notna())
    return frame[frame["stage"] != F.UNASSIGNED].reset_index(drop=True)
