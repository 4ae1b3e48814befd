"""One stage up close: KPIs, touchpoints, NPS bands, weekly trend, verbatims, themes, paths.

Every function takes the responses of one stage (as `db.stage_responses` returns them)
and returns a new frame; the figure builders draw those frames.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cxcore import fields as F
from cxcore.analysis.action_marks import mark_actions
from cxcore.analysis.chart_text import (
    count_axis,
    count_texts,
    date_axis,
    date_texts,
    metric_texts,
)
from cxcore.analysis.metrics import (
    NPS_SCORES,
    SUM_COLUMNS,
    VALUE_FORMATS,
    csat_interval,
    metric_frame,
    numeric_column,
    sum_parts,
    with_means,
)
from cxcore.analysis.themes import themes
from cxcore.i18n import format_number, text
from cxcore.text import sentiment
from cxcore.text.taxonomy import Taxonomy, fold_text

__all__ = [
    "DISAGREEMENTS_AVAILABLE",
    "KPIS",
    "NPS_BANDS",
    "NPS_COLOURS",
    "VERBATIM_LIMIT",
    "disagreements",
    "explain_words",
    "filter_verbatims",
    "kpi_texts",
    "neighbour_stages",
    "nps_distribution",
    "nps_distribution_from",
    "nps_figure",
    "selected_stage",
    "stage_kpis",
    "stage_kpis_from",
    "stage_names",
    "tag_change_batches",
    "tag_changes",
    "themes",
    "touchpoint_figure",
    "touchpoint_names",
    "touchpoint_table",
    "touchpoint_table_from",
    "trend_figure",
    "verbatim_table",
    "weekly_trend",
    "weekly_trend_from",
]

# The verbatim table explains each shown comment (a lexicon pass per row): keep it small.
VERBATIM_LIMIT = 200
DISAGREEMENTS_AVAILABLE = hasattr(sentiment, "flag_disagreements")
KPIS: dict[str, str] = {
    "responses": "Responses",
    "nps": "NPS",
    "csat": "CSAT, % satisfied",
    "sentiment": "Mean sentiment",
    "negative": "Negative comments, %",
}
# Bain's bands; colours from the Okabe–Ito palette, readable with every colour-vision type.
NPS_BANDS: tuple[tuple[str, int, int], ...] = (
    ("detractor", 0, 6),
    ("passive", 7, 8),
    ("promoter", 9, 10),
)
NPS_COLOURS: dict[str, str] = {"detractor": "#D55E00", "passive": "#999999", "promoter": "#0072B2"}

_VERBATIM_COLUMNS = (
    "id",
    F.SENTIMENT,
    F.COMMENT,
    "why",
    F.LANGUAGE,
    F.SENTIMENT_LABEL,
    F.SENTIMENT_MODEL,
    F.NPS,
    F.STAGE,
    F.STAGE_SOURCE,
    F.TOUCHPOINT,
    F.TOUCHPOINT_SOURCE,
    F.SUBMITTED_AT,
)


def _sums(frame: pd.DataFrame, by: Any = None) -> pd.DataFrame:
    """db.summary-shaped sums (n, promoters, nps_0…nps_10, sentiment_mean…) over `frame`."""
    parts = sum_parts(frame)
    summed = parts.groupby(by, sort=True).sum() if by is not None else parts.sum().to_frame().T
    return with_means(summed.astype(float))


def stage_kpis(responses: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """label, value, low, high, n for each of KPIS (95% intervals; NaN where none)."""
    return stage_kpis_from(_sums(responses), lang)


def stage_kpis_from(sums: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """stage_kpis from the stage's sums (one row, as db.summary returns with no `by`)."""
    if sums.empty:
        sums = _sums(pd.DataFrame())
    n = int(sums["n"].iloc[0])
    rows = {"responses": (float(n), math.nan, math.nan, n)}
    for key in ("nps", "csat", "sentiment"):
        value, low, high, n_metric = metric_frame(sums, key).iloc[0]
        rows[key] = (value, low, high, int(n_metric))
    labelled = float(sums["labelled"].iloc[0])
    rows["negative"] = (*csat_interval(float(sums["negative"].iloc[0]), labelled), int(labelled))
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["value", "low", "high", "n"])
    frame.insert(0, "label", [text(f"kpi.{k}", lang) for k in frame.index])
    return frame


def kpi_texts(kpis: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """label, value and detail (95% interval and n) of stage_kpis as a person reads them."""
    rows = []
    for key, r in kpis.iterrows():
        decimals, sign, suffix = VALUE_FORMATS[str(key)]

        def shown(value: float) -> str:
            return format_number(value, lang, decimals, sign=sign, suffix=suffix)  # noqa: B023

        value = shown(r["value"])
        detail = f"n = {format_number(int(r['n']), lang)}"
        if not (math.isnan(r["low"]) or math.isnan(r["high"])):
            interval = text("kpi.range", lang, first=shown(r["low"]), last=shown(r["high"]))
            detail = text("stage.interval", lang, interval=interval, n=detail)
        rows.append((r["label"], value, detail))
    return pd.DataFrame(rows, columns=["label", "value", "detail"], index=kpis.index)


def _name(item: Any, key: Any, lang: str) -> str:
    if item is None and key == F.UNASSIGNED:
        return text("tag_source.unassigned", lang)
    return item.name(lang) if item is not None else str(key)


def stage_names(taxonomy: Taxonomy, lang: str = "en") -> dict[str, str]:
    """Stage key -> name in journey order, "unassigned" last."""
    names = {s.key: s.name(lang) for s in taxonomy.stages}
    return names | {F.UNASSIGNED: text("stage.unassigned", lang)}


def touchpoint_names(taxonomy: Taxonomy, lang: str = "en") -> dict[str, str]:
    """Touchpoint key -> name in file order, "unassigned" last."""
    names = {t.key: t.name(lang) for t in taxonomy.touchpoints}
    return names | {F.UNASSIGNED: text("stage.unassigned", lang)}


def touchpoint_table(
    responses: pd.DataFrame, taxonomy: Taxonomy, by: str = "n", lang: str = "en"
) -> pd.DataFrame:
    """touchpoint, name, n, sentiment, nps: busiest first (by="n") or worst first ("sentiment")."""
    if responses.empty:
        return touchpoint_table_from(pd.DataFrame(), taxonomy, by, lang)
    sums = _sums(responses, responses[F.TOUCHPOINT].astype(object).rename(F.TOUCHPOINT))
    return touchpoint_table_from(sums.reset_index(), taxonomy, by, lang)


def touchpoint_table_from(
    sums: pd.DataFrame, taxonomy: Taxonomy, by: str = "n", lang: str = "en"
) -> pd.DataFrame:
    """touchpoint_table from sums with a touchpoint column (db.summary by touchpoint)."""
    columns = ["touchpoint", "name", "n", "sentiment", "nps"]
    if sums.empty:
        return pd.DataFrame(columns=columns)
    keys = sums[F.TOUCHPOINT].astype(str)
    table = pd.DataFrame(
        {
            "touchpoint": keys.to_numpy(),
            "name": [_name(taxonomy.touchpoint(k), k, lang) for k in keys],
            "n": sums["n"].astype(int).to_numpy(),
            "sentiment": sums["sentiment_mean"].to_numpy(dtype=float),
            "nps": metric_frame(sums, "nps")["value"].to_numpy(),
        }
    )
    if by == "sentiment":
        table = table.sort_values(["sentiment", "n"], ascending=[True, False], na_position="last")
    else:
        table = table.sort_values(["n", "touchpoint"], ascending=[False, True])
    return table.reset_index(drop=True)[columns]


def _band(score: int) -> str:
    return next(name for name, low, high in NPS_BANDS if low <= score <= high)


def nps_distribution(responses: pd.DataFrame) -> pd.DataFrame:
    """score 0–10, band (detractor/passive/promoter), count and share (%) of each score."""
    return nps_distribution_from(_sums(responses))


def nps_distribution_from(sums: pd.DataFrame) -> pd.DataFrame:
    """nps_distribution from sums with nps_0…nps_10 (all rows added up)."""
    counts = np.array([sums[f"nps_{k}"].sum() if len(sums) else 0 for k in NPS_SCORES], dtype=int)
    total = int(counts.sum())
    return pd.DataFrame(
        {
            "score": range(11),
            "band": [_band(s) for s in range(11)],
            "count": counts,
            "share": counts / total * 100 if total else 0.0,
        }
    )


def _weeks(when: pd.Series) -> pd.Series:
    """The Monday (00:00, no zone) starting each timestamp's week."""
    stamps = pd.to_datetime(when, utc=True).dt.tz_convert(None).dt.normalize()
    return stamps - pd.to_timedelta(stamps.dt.day_of_week, unit="D")


def weekly_trend(responses: pd.DataFrame, metric: str = "sentiment") -> pd.DataFrame:
    """week (Monday), n, value, low, high, n_metric of `metric` for each week with responses."""
    dated = responses[responses[F.SUBMITTED_AT].notna()] if len(responses) else responses
    if dated.empty:
        return weekly_trend_from(pd.DataFrame(), metric)
    days = pd.to_datetime(dated[F.SUBMITTED_AT], utc=True).dt.tz_convert(None).dt.normalize()
    sums = _sums(dated, days.rename("day"))
    return weekly_trend_from(sums.reset_index(), metric)


def weekly_trend_from(day_sums: pd.DataFrame, metric: str = "sentiment") -> pd.DataFrame:
    """weekly_trend from sums with a day column (db.summary by day); undated rows left out."""
    columns = ["week", "n", "value", "low", "high", "n_metric"]
    dated = day_sums[day_sums["day"].notna()] if len(day_sums) else day_sums
    if dated.empty:
        return pd.DataFrame(columns=columns)
    sums = with_means(dated[list(SUM_COLUMNS)].groupby(_weeks(dated["day"]).rename("week")).sum())
    trend = metric_frame(sums, metric)
    trend.insert(0, "n", sums["n"].astype(int))
    return trend.rename_axis("week").reset_index()[columns]


def disagreements(responses: pd.DataFrame) -> pd.Series | None:
    """True where score and words clearly disagree; None while sentiment cannot tell."""
    if not DISAGREEMENTS_AVAILABLE:
        return None
    return sentiment.flag_disagreements(responses).reindex(responses.index, fill_value=False)


def filter_verbatims(
    responses: pd.DataFrame,
    touchpoints: Iterable[str] = (),
    labels: Iterable[str] = (),
    languages: Iterable[str] = (),
    search: str = "",
    disagree_only: bool = False,
) -> pd.DataFrame:
    """The responses with a comment that pass every filter, most negative first.

    `search` matches inside the comment ignoring case and accents (Turkish ı/İ as i).
    """
    comments = responses[F.COMMENT].astype(object)
    keep = comments.notna() & (comments.astype(str).str.strip() != "")
    for column, chosen in ((F.TOUCHPOINT, touchpoints), (F.SENTIMENT_LABEL, labels)):
        if chosen := list(chosen):
            keep &= responses[column].isin(chosen)
    if chosen_languages := list(languages):
        keep &= responses[F.LANGUAGE].isin(chosen_languages)
    if needle := fold_text(search.strip()):
        folded = comments.where(keep, "").astype(str).map(fold_text)
        keep &= folded.str.contains(needle, regex=False)
    if disagree_only and (flags := disagreements(responses)) is not None:
        keep &= flags
    shown = responses[keep]
    order = shown.assign(_s=numeric_column(shown, F.SENTIMENT)).sort_values(
        "_s", na_position="last", kind="stable"
    )
    return order.drop(columns="_s")


def explain_words(text: Any, top: int = 3, lang: str = "en") -> str:
    """The words that moved a comment's score, e.g. "berbat −0.6, bekledim −0.3" (with
    `lang`'s decimal mark); the neutral model's entry, which decided the label, always."""
    if not isinstance(text, str) or not text.strip():
        return ""
    shares = sentiment.explain(text)
    shares = [(w, v) for w, v in shares if round(v, 1) or w.startswith(sentiment.NEUTRAL_TERM)]
    return ", ".join(_term(w, v, lang) for w, v in shares[:top])


def _term(term: str, share: float, lang: str) -> str:
    """A term of `explain` and its share as the lead reads them; the neutral model's entry in
    `lang` ("reads as neutral (kdy, prosím)"), its share left out where it rounds to 0."""
    number = f" {format_number(share, lang, 1, sign=True)}" if round(share, 1) else ""
    if term.startswith(sentiment.NEUTRAL_TERM):
        words = term.removeprefix(sentiment.NEUTRAL_TERM)
        return text("verbatim.why_neutral", lang, words=words) + number
    return term + number


def verbatim_table(
    verbatims: pd.DataFrame, limit: int = VERBATIM_LIMIT, lang: str = "en"
) -> pd.DataFrame:
    """The first `limit` verbatims, indexed by response id, with a "why" column in `lang`."""
    shown = verbatims.head(limit).copy()
    shown["why"] = [explain_words(c, lang=lang) for c in shown[F.COMMENT]]
    columns = [c for c in _VERBATIM_COLUMNS if c in shown]
    return shown[columns].set_index("id")


def tag_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """stage, touchpoint per edited response id: the new value, or None where unchanged.

    A change to "unassigned" is not a tag and is left out.
    """
    out = pd.DataFrame(index=after.index)
    for column in (F.STAGE, F.TOUCHPOINT):
        new = after[column].astype(object)
        old = before[column].reindex(after.index).astype(object)
        changed = new.notna() & (new != old) & (new != F.UNASSIGNED)
        out[column] = new.where(changed, None)
    return out[out.notna().any(axis=1)].astype(object)


def tag_change_batches(changes: pd.DataFrame) -> list[tuple[list[int], str | None, str | None]]:
    """(response ids, stage or None, touchpoint or None): one batch per distinct change."""
    batches: dict[tuple[str | None, str | None], list[int]] = {}
    for rid, stage, touchpoint in changes[[F.STAGE, F.TOUCHPOINT]].itertuples():
        batches.setdefault((stage, touchpoint), []).append(int(rid))
    return [(ids, stage, touchpoint) for (stage, touchpoint), ids in batches.items()]


def _collapse(sequence: pd.DataFrame) -> pd.DataFrame:
    """Each customer's stages in order, repeats of the same stage in a row kept once."""
    ordered = sequence.sort_values([F.CUSTOMER_ID, F.SUBMITTED_AT], kind="stable")
    same = (ordered[F.CUSTOMER_ID] == ordered[F.CUSTOMER_ID].shift()) & (
        ordered[F.STAGE] == ordered[F.STAGE].shift()
    )
    return ordered[~same]


def neighbour_stages(
    sequence: pd.DataFrame, stage: str, taxonomy: Taxonomy, lang: str = "en"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(came from, went to): stage, name, customers' count, for visits to `stage`.

    For customers with several responses, the stage of the same customer's previous and
    next response (a run of responses at one stage counts as one visit).
    """
    steps = _collapse(sequence)
    customer = steps[F.CUSTOMER_ID]
    previous = steps[F.STAGE].shift().where(customer == customer.shift())
    following = steps[F.STAGE].shift(-1).where(customer == customer.shift(-1))
    here = steps[F.STAGE] == stage
    tables = []
    for neighbours in (previous[here], following[here]):
        counts = neighbours.dropna().astype(str).value_counts()
        table = pd.DataFrame({"stage": counts.index, "count": counts.to_numpy().astype(int)})
        table.insert(1, "name", [_name(taxonomy.stage(k), k, lang) for k in table["stage"]])
        tables.append(table.sort_values(["count", "stage"], ascending=[False, True]))
    return tables[0].reset_index(drop=True), tables[1].reset_index(drop=True)


def selected_stage(curve: pd.DataFrame, points: Sequence[dict[str, Any]]) -> str | None:
    """The stage key of the first point selected on the emotion curve, if any."""
    for point in points:
        match = curve.loc[curve["name"] == point.get("x"), "stage"]
        if len(match):
            return str(match.iloc[0])
    return None


def nps_figure(distribution: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Bars of the 0–10 scores, coloured by band (colour-blind-safe)."""
    figure = go.Figure()
    for band, _low, _high in NPS_BANDS:
        part = distribution[distribution["band"] == band]
        figure.add_bar(
            x=part["score"],
            y=part["count"],
            name=text(f"nps.{band}", lang),
            marker_color=NPS_COLOURS[band],
            customdata=list(
                zip(
                    count_texts(part["count"], lang),
                    (format_number(s, lang, suffix="%") for s in part["share"]),
                    strict=True,
                )
            ),
            hovertemplate="%{x}: %{customdata[0]} (%{customdata[1]})<extra>"
            + text(f"nps.{band}", lang)
            + "</extra>",
        )
    figure.update_layout(
        xaxis={"title": text("chart.nps_axis", lang), "dtick": 1, "range": [-0.5, 10.5]},
        yaxis={"title": text("kpi.responses", lang), **count_axis(distribution["count"].max())},
        margin={"l": 40, "r": 20, "t": 30, "b": 40},
        height=320,
        legend={"orientation": "h", "y": 1.12},
    )
    return figure


def touchpoint_figure(table: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Horizontal bars of responses per touchpoint, coloured by mean sentiment."""
    figure = go.Figure(
        go.Bar(
            x=table["n"],
            y=table["name"],
            orientation="h",
            marker={
                "color": table["sentiment"].fillna(0),
                "colorscale": "RdBu",
                "cmin": -1,
                "cmax": 1,
                "colorbar": {"title": text("chart.sentiment", lang)},
            },
            customdata=count_texts(table["n"], lang),
            hovertemplate="%{y}<br>n=%{customdata}<extra></extra>",
        )
    )
    figure.update_layout(
        yaxis={"autorange": "reversed", "title": None},
        xaxis={"title": text("kpi.responses", lang), **count_axis(table["n"].max())},
        margin={"l": 40, "r": 20, "t": 30, "b": 40},
        height=max(220, 40 + 28 * len(table)),
    )
    return figure


def trend_figure(
    trend: pd.DataFrame,
    metric: str,
    lang: str = "en",
    colour: str = "#0072B2",
    actions: pd.DataFrame | None = None,
) -> go.Figure:
    """The weekly metric with its 95% interval as a line (in the stage's colour), n per week
    as faint bars; with `actions` (db.actions_frame rows), a marker at each one's live date
    and, for those on `metric`, the target as a dashed line up to its due date."""
    label = text(f"metric.{metric}", lang)
    figure = go.Figure()
    weeks = date_texts(trend["week"], lang)
    figure.add_bar(
        x=trend["week"],
        y=trend["n"],
        name="n",
        yaxis="y2",
        marker_color="#BBBBBB",
        opacity=0.5,
        customdata=list(zip(weeks, count_texts(trend["n"], lang), strict=True)),
        hovertemplate="%{customdata[0]}<br>n=%{customdata[1]}<extra></extra>",
    )
    figure.add_scatter(
        x=trend["week"],
        y=trend["value"],
        mode="lines+markers",
        name=label,
        line={"color": colour},
        error_y={
            "type": "data",
            "symmetric": False,
            "array": (trend["high"] - trend["value"]).fillna(0),
            "arrayminus": (trend["value"] - trend["low"]).fillna(0),
            "thickness": 1,
        },
        customdata=list(zip(weeks, metric_texts(trend["value"], metric, lang), strict=True)),
        hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra>" + label + "</extra>",
    )
    figure.update_layout(
        yaxis={"title": label},
        yaxis2={
            "title": text("kpi.responses", lang),
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            **count_axis(trend["n"].max() if len(trend) else 0),
        },
        xaxis={"title": text("chart.week", lang), **date_axis(lang)},
        margin={"l": 40, "r": 40, "t": 30, "b": 40},
        height=320,
        showlegend=False,
    )
    if actions is not None and len(trend):
        mark_actions(figure, actions, metric, trend["week"].min(), lang)
    return figure
