"""What changed: the two-sample tests of `significance` between two periods, two-sided,
with Benjamini–Hochberg over all stages, cells and metrics."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

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
from cxcore.analysis.journey import MIN_N
from cxcore.i18n import format_number, text

__all__ = ["mover_sentences", "movers"]


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
    columns = ["stage", "touchpoint", "metric", "before", "after", "change", "n_before", "n_after"]
    columns += ["p_value", "q_value", "significant"]
    before, after = stage_and_cell_rows(*previous), stage_and_cell_rows(*current)
    if before.empty or after.empty:
        return pd.DataFrame(columns=columns)
    key = ["stage", "touchpoint"]
    before = before.assign(touchpoint=before["touchpoint"].fillna("∅"))
    after = after.assign(touchpoint=after["touchpoint"].fillna("∅"))
    paired = before.merge(after, on=key, suffixes=("_b", "_a"))
    frames = []
    for metric in metrics:
        sums_b = additive_sums(paired.filter(like="_b").rename(columns=lambda c: c[:-2]))
        sums_a = additive_sums(paired.filter(like="_a").rename(columns=lambda c: c[:-2]))
        was, now = moments(sums_b, metric), moments(sums_a, metric)
        change, z = z_test(now, was)
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
                    "p_value": 2 * (1 - normal_cdf(np.abs(z.to_numpy()))),
                }
            )
        )
    tests = pd.concat(frames, ignore_index=True)
    tests = tests[(tests["n_before"] >= min_n) & (tests["n_after"] >= min_n)]
    tests = tests[tests["p_value"].notna()]
    tests = tests.assign(q_value=benjamini_hochberg(tests["p_value"]))
    tests["significant"] = tests["q_value"] <= alpha
    size = tests["change"].abs() / tests["metric"].map(METRIC_RANGE).astype(float)
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
                where=place_name(m, stages, touchpoints),
                metric=metric_name(m.metric, lang),
                before=metric_value(m.before, m.metric, lang),
                after=metric_value(m.after, m.metric, lang),
                n_before=format_number(m.n_before, lang),
                n_after=format_number(m.n_after, lang),
                q=format_number(m.q_value, lang, 3),
            )
        )
    return out
