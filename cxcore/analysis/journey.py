"""The emotion curve: one point per stage, in the taxonomy's order."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from cxcore.analysis.chart_text import count_texts, metric_texts
from cxcore.analysis.metrics import METRICS, metric_frame
from cxcore.i18n import format_number, text
from cxcore.palette import GOOD_BAD_SCALE
from cxcore.text.taxonomy import Taxonomy

__all__ = [
    "MIN_N",
    "curve_figure",
    "emotion_curve",
    "overall_summary",
    "overall_value",
    "scored_metrics",
]

# Below this many scored responses a stage is drawn faded: too few to judge.
MIN_N = 30


def scored_metrics(summary: pd.DataFrame, metrics: Iterable[str] = METRICS) -> list[str]:
    """The `metrics` some response of a stage_summary has a value of, sentiment always (the
    default view): a survey without CES offers no CES curve, which would be empty."""
    return [m for m in metrics if m == "sentiment" or summary.get(f"{m}_n", pd.Series()).sum() > 0]


def overall_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """One row adding up a stage_summary over every stage (the journey as a whole)."""
    total = summary.drop(columns="stage").copy()
    weights = {
        "sentiment_mean": "sentiment_n",
        "sentiment_sq": "sentiment_n",
        "ces_mean": "ces_n",
        "ces_sq": "ces_n",
    }
    row = {c: total[c].sum() for c in total.columns if c not in weights}
    for column, n_column in weights.items():
        n = total[n_column].sum()
        row[column] = (total[column].fillna(0) * total[n_column]).sum() / n if n else float("nan")
    return pd.DataFrame([{"stage": "all", **row}])


def overall_value(summary: pd.DataFrame, metric: str) -> float:
    """The metric over the whole journey (the curve's reference line)."""
    return float(metric_frame(overall_summary(summary), metric)["value"].iloc[0])


def emotion_curve(
    summary: pd.DataFrame, taxonomy: Taxonomy, metric: str = "sentiment", lang: str = "en"
) -> pd.DataFrame:
    """stage, name, n, value, low, high, n_metric, enough: every stage in journey order."""
    by_stage = summary.set_index("stage").reindex(taxonomy.stage_keys())
    by_stage = by_stage.fillna({c: 0 for c in by_stage.columns if c.endswith("_n") or c == "n"})
    by_stage = by_stage.rename_axis("stage").reset_index()
    values = metric_frame(
        by_stage.fillna({"promoters": 0, "detractors": 0, "csat_satisfied": 0}), metric
    )
    curve = pd.DataFrame(
        {
            "stage": by_stage["stage"],
            "name": [taxonomy.stage(k).name(lang) for k in by_stage["stage"]],  # type: ignore[union-attr]
            "n": by_stage["n"].fillna(0).astype(int),
        }
    ).join(values)
    curve["enough"] = curve["n_metric"] >= MIN_N
    return curve


def curve_figure(
    curve: pd.DataFrame,
    metric: str,
    overall: float | None = None,
    lang: str = "en",
    pain_points: Iterable[str] = (),
) -> go.Figure:
    """A Plotly line of the curve: marker size by n, red→green colour, n under each stage's
    name; the stages in `pain_points` ringed and labelled (insights.marked_stages).

    The line is straight and joins only stages that have a value: a stage without
    responses leaves a gap, and no smoothing draws a point the data does not hold.
    """
    label, higher_is_better = text(f"metric.{metric}", lang), METRICS[metric][1]
    shown = curve.dropna(subset=["value"])
    # Vermillion → yellow → bluish green: red to green that colour-blind readers can tell apart
    colorscale = (
        GOOD_BAD_SCALE
        if higher_is_better
        else [[1 - float(at), colour] for at, colour in reversed(GOOD_BAD_SCALE)]
    )
    largest = max(int(shown["n"].max()), 1) if len(shown) else 1
    size = 12 + 28 * (curve["n"] / largest) ** 0.5
    values = curve["value"].astype(object).where(curve["value"].notna(), None)
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=curve["name"],
            y=values,
            mode="lines+markers",
            connectgaps=False,
            marker={
                "size": size,
                "color": curve["value"].fillna(0),
                "colorscale": colorscale,
                "opacity": [1.0 if e else 0.35 for e in curve["enough"]],
                "line": {"width": 1, "color": "#444"},
            },
            error_y={
                "type": "data",
                "symmetric": False,
                "array": (curve["high"] - curve["value"]).fillna(0),
                "arrayminus": (curve["value"] - curve["low"]).fillna(0),
                "thickness": 1,
            },
            line={"color": "#888", "shape": "linear"},
            # stage, n, then the value and n as the language writes them, and the name (hover:
            # %{x} would show the tick text, which already carries n)
            customdata=list(
                zip(
                    curve["stage"],
                    curve["n"],
                    metric_texts(curve["value"], metric, lang),
                    count_texts(curve["n"], lang),
                    curve["name"],
                    strict=True,
                )
            ),
            hovertemplate="<b>%{customdata[4]}</b><br>"
            + label
            + ": %{customdata[2]}<br>n=%{customdata[3]}<extra></extra>",
            name=label,
        )
    )
    marked = shown[shown["stage"].isin(list(pain_points))]
    if len(marked):
        figure.add_trace(
            go.Scatter(
                x=marked["name"],
                y=marked["value"],
                mode="markers+text",
                text=[f"⚠ {text('canvas.pain', lang)}"] * len(marked),
                textposition="bottom center",
                textfont={"color": "#D55E00"},
                marker={
                    "size": 46,
                    "symbol": "circle-open",
                    "color": "#D55E00",
                    "line": {"width": 3},
                },
                hoverinfo="skip",
                name=text("canvas.pain", lang),
            )
        )
    if overall is not None and overall == overall:
        figure.add_hline(y=overall, line_dash="dot", annotation_text=text("chart.overall", lang))
    figure.update_layout(
        xaxis={
            "categoryorder": "array",
            "categoryarray": list(curve["name"]),
            "tickvals": list(curve["name"]),
            # n under the name, clear of the error bars; the text cannot be cut or overlap
            "ticktext": [
                f"{name}<br>n={format_number(n, lang)}"
                for name, n in zip(curve["name"], curve["n"], strict=True)
            ],
            "title": None,
        },
        yaxis={"title": label},
        margin={"l": 40, "r": 20, "t": 30, "b": 40},
        height=420,
        showlegend=False,
    )
    return figure
