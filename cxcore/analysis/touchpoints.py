"""The touchpoint map: stage × touchpoint cells and the split by touchpoint category.

Every function takes `cell_summary`-shaped sums (one row per stage and touchpoint) and
returns a new frame; the figure builders draw those frames.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cxcore.analysis.chart_text import count_texts, metric_texts
from cxcore.analysis.journey import MIN_N, overall_summary
from cxcore.analysis.metrics import METRICS, VALUE_FORMATS, metric_frame
from cxcore.analysis.stage_detail import stage_names, touchpoint_names
from cxcore.i18n import format_number, text
from cxcore.text.taxonomy import CATEGORIES, Taxonomy

__all__ = [
    "CATEGORY_COLOURS",
    "MAP_METRICS",
    "category_figure",
    "category_table",
    "cell_table",
    "heatmap_figure",
]

MAP_METRICS: tuple[str, ...] = ("sentiment", "nps", "csat")
# Okabe–Ito colours, readable with every colour-vision type.
CATEGORY_COLOURS: dict[str, str] = {
    "digital": "#0072B2",
    "human": "#E69F00",
    "physical": "#009E73",
}
_RANGES = {"sentiment": (-1.0, 1.0), "nps": (-100.0, 100.0), "csat": (0.0, 100.0)}
# metric -> (decimals, sign, suffix) in the cells
_CELL_COLUMNS = ["stage", "stage_name", "touchpoint", "touchpoint_name", "category", "n"]


def _rank(keys: pd.Series, order: list[str]) -> pd.Series:
    return keys.map({k: i for i, k in enumerate(order)}).fillna(len(order))


def cell_table(
    cells: pd.DataFrame, taxonomy: Taxonomy, metric: str = "sentiment", lang: str = "en"
) -> pd.DataFrame:
    """stage, stage_name, touchpoint, touchpoint_name, category, n, value, low, high, n_metric,
    enough: one row per stored cell, stages in journey order, touchpoints in file order."""
    columns = [*_CELL_COLUMNS, "value", "low", "high", "n_metric", "enough"]
    if cells.empty:
        return pd.DataFrame(columns=columns)
    stages, points = stage_names(taxonomy, lang), touchpoint_names(taxonomy, lang)
    categories = {t.key: t.category for t in taxonomy.touchpoints}
    table = pd.DataFrame(
        {
            "stage": cells["stage"].astype(str).to_numpy(),
            "stage_name": [stages.get(k, str(k)) for k in cells["stage"]],
            "touchpoint": cells["touchpoint"].astype(str).to_numpy(),
            "touchpoint_name": [points.get(k, str(k)) for k in cells["touchpoint"]],
            "category": [categories.get(k) for k in cells["touchpoint"]],
            "n": cells["n"].astype(int).to_numpy(),
        }
    ).join(metric_frame(cells.reset_index(drop=True), metric))
    table["enough"] = table["n_metric"] >= MIN_N
    order = table.assign(
        _s=_rank(table["stage"], list(stages)), _t=_rank(table["touchpoint"], list(points))
    ).sort_values(["_s", "stage", "_t", "touchpoint"])
    return order.reset_index(drop=True)[columns]


def category_table(
    cells: pd.DataFrame, taxonomy: Taxonomy, metric: str = "sentiment"
) -> pd.DataFrame:
    """category, n, value, n_metric for digital, human and physical touchpoints (all three)."""
    categories = {t.key: t.category for t in taxonomy.touchpoints}
    rows = []
    for category in CATEGORIES:
        part = cells[cells["touchpoint"].map(categories) == category] if len(cells) else cells
        if part.empty:
            rows.append((category, 0, float("nan"), 0))
            continue
        total = overall_summary(part.drop(columns="touchpoint"))
        values = metric_frame(total, metric).iloc[0]
        rows.append((category, int(total["n"].iloc[0]), values["value"], int(values["n_metric"])))
    return pd.DataFrame(rows, columns=["category", "n", "value", "n_metric"])


def _cell_text(value: float, n: int, enough: bool, metric: str, lang: str = "en") -> str:
    decimals, sign, suffix = VALUE_FORMATS[metric]
    shown = format_number(value, lang, decimals, sign=sign, suffix=suffix)
    return f"{shown}<br>n={format_number(n, lang)}" + ("" if enough else " ·")


def heatmap_figure(
    table: pd.DataFrame, taxonomy: Taxonomy, metric: str, lang: str = "en"
) -> go.Figure:
    """A heatmap: stages (journey order) across, touchpoints down, colour = metric, text = value
    and n; cells with too few scored responses faded and marked "·"."""
    label, higher_is_better = text(f"metric.{metric}", lang), METRICS[metric][1]
    x_order = [s for s in stage_names(taxonomy) if s in set(table["stage"])]
    x_order += [s for s in dict.fromkeys(table["stage"]) if s not in x_order]
    y_order = list(dict.fromkeys(table["touchpoint"]))
    y_order = sorted(
        y_order, key=lambda k: _rank(pd.Series([k]), list(touchpoint_names(taxonomy)))[0]
    )
    grid = table.set_index(["touchpoint", "stage"])
    names_x = dict(zip(table["stage"], table["stage_name"], strict=False))
    names_y = dict(zip(table["touchpoint"], table["touchpoint_name"], strict=False))
    z, cell_texts, faded = [], [], []
    for tp in y_order:
        z_row, text_row, faded_row = [], [], []
        for st in x_order:
            if (tp, st) in grid.index:
                cell = grid.loc[(tp, st)]
                z_row.append(cell["value"])
                text_row.append(
                    _cell_text(cell["value"], int(cell["n"]), bool(cell["enough"]), metric, lang)
                )
                faded_row.append(None if cell["enough"] else 1)
            else:
                z_row.append(None)
                text_row.append("")
                faded_row.append(None)
        z.append(z_row)
        cell_texts.append(text_row)
        faded.append(faded_row)
    low, high = _RANGES[metric]
    x = [names_x[s] for s in x_order]
    y = [names_y[t] for t in y_order]
    figure = go.Figure()
    figure.add_heatmap(
        x=x,
        y=y,
        z=z,
        text=cell_texts,
        texttemplate="%{text}",
        zmin=low,
        zmax=high,
        colorscale="RdBu" if higher_is_better else "RdBu_r",
        colorbar={"title": label},
        hovertemplate="%{y} · %{x}<br>%{text}<extra></extra>",
        xgap=2,
        ygap=2,
    )
    # A white veil over the cells below MIN_N: too few responses to judge.
    figure.add_heatmap(
        x=x,
        y=y,
        z=faded,
        colorscale=[[0, "white"], [1, "white"]],
        opacity=0.6,
        showscale=False,
        hoverinfo="skip",
        xgap=2,
        ygap=2,
    )
    figure.update_layout(
        xaxis={"title": None, "side": "top"},
        yaxis={"title": None, "autorange": "reversed"},
        margin={"l": 40, "r": 20, "t": 60, "b": 20},
        height=max(300, 80 + 40 * len(y)),
    )
    return figure


def category_figure(table: pd.DataFrame, metric: str, lang: str = "en") -> go.Figure:
    """Bars of the metric per touchpoint category (Okabe–Ito colours), n as labels."""
    label = text(f"metric.{metric}", lang)
    figure = go.Figure(
        go.Bar(
            x=[text(f"category.{c}", lang) for c in table["category"]],
            y=table["value"],
            text=[f"n={n}" for n in count_texts(table["n"], lang)],
            textposition="outside",
            marker_color=[CATEGORY_COLOURS[c] for c in table["category"]],
            customdata=metric_texts(table["value"], metric, lang),
            hovertemplate="%{x}<br>%{customdata}<br>%{text}<extra></extra>",
        )
    )
    figure.update_layout(
        yaxis={"title": label},
        xaxis={"title": None},
        margin={"l": 40, "r": 20, "t": 30, "b": 40},
        height=320,
    )
    return figure
