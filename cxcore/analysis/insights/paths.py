"""Channel hopping: each customer's responses in time order, one response to their next.

Paths between touchpoints, repeat contacts within a few days, sentiment along the way and
a Sankey diagram of the first moves: at each step the touchpoints most customers reached,
the rest grouped as one "other" node that says how many touchpoints it holds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from cxcore import fields as F
from cxcore.i18n import format_number, text

__all__ = [
    "OTHER",
    "REPEAT_DAYS",
    "SANKEY_PER_STEP",
    "contact_paths",
    "contact_transitions",
    "repeat_contacts",
    "repeat_sentences",
    "sankey_figure",
    "sankey_grouped_sentence",
    "sankey_links",
    "sentiment_by_step",
]

REPEAT_DAYS = 7
# The Sankey shows this many touchpoints at each step; the rest are one "other" node.
SANKEY_PER_STEP = 5
OTHER = "_other"


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


def _main_touchpoints(moves: pd.DataFrame, per_step: int) -> pd.DataFrame:
    """position, touchpoint, kept: at each position (1 = a customer's first response) the
    `per_step` touchpoints on the largest paths (the biggest link in or out of them, then
    the customers who reached them), the rest not kept. One alone is kept: an "other" of
    one touchpoint would hide nothing."""
    ends = []
    flows = moves.groupby(["step", "from_touchpoint", "to_touchpoint"]).size().rename("link")
    flows = flows.reset_index()
    for position, touchpoint in (
        (flows["step"], "from_touchpoint"),
        (flows["step"] + 1, "to_touchpoint"),
    ):
        ends.append(
            pd.DataFrame(
                {
                    "position": position,
                    "touchpoint": flows[touchpoint].astype(str),
                    "link": flows["link"],
                }
            )
        )
    nodes = (
        pd.concat(ends)
        .groupby(["position", "touchpoint"])["link"]
        .agg(largest="max", moves="sum")
        .reset_index()
        .sort_values(
            ["position", "largest", "moves", "touchpoint"],
            ascending=[True, False, False, True],
            kind="stable",
        )
    )
    rank = nodes.groupby("position").cumcount()
    many = nodes.groupby("position")["touchpoint"].transform("size") > per_step + 1
    return nodes.assign(kept=(rank < per_step) | ~many)


def sankey_links(
    contacts: pd.DataFrame, steps: int = 3, per_step: int = SANKEY_PER_STEP
) -> pd.DataFrame:
    """source, target (node labels "1 · ivr"), value, source_hidden, target_hidden: the first
    `steps` moves of customers with several responses, by step, for a Sankey diagram.

    At each step the `per_step` touchpoints most customers reached keep their node; the
    rest are one node "<step> · _other" (OTHER) whose `*_hidden` says how many touchpoints
    it groups (0 for a touchpoint's own node)."""
    columns = ["source", "target", "value", "source_hidden", "target_hidden"]
    moves = contact_transitions(contacts)
    moves = moves[moves["step"] <= steps]
    if moves.empty:
        return pd.DataFrame(columns=columns)
    main = _main_touchpoints(moves, per_step)
    kept = set(
        zip(main.loc[main["kept"], "position"], main.loc[main["kept"], "touchpoint"], strict=True)
    )
    hidden = main[~main["kept"]].groupby("position").size().to_dict()

    def node(position: pd.Series, touchpoint: pd.Series) -> tuple[pd.Series, pd.Series]:
        is_kept = pd.Series(
            [(p, t) in kept for p, t in zip(position, touchpoint, strict=True)],
            index=position.index,
        )
        shown = touchpoint.where(is_kept, OTHER)
        label = position.astype(str) + " · " + shown
        return label, position.map(hidden).fillna(0).astype(int).where(~is_kept, 0)

    source, source_hidden = node(moves["step"], moves["from_touchpoint"].astype(str))
    target, target_hidden = node(moves["step"] + 1, moves["to_touchpoint"].astype(str))
    frame = pd.DataFrame(
        {
            "source": source,
            "target": target,
            "source_hidden": source_hidden,
            "target_hidden": target_hidden,
        }
    )
    links = (
        frame.groupby(["source", "target", "source_hidden", "target_hidden"])
        .size()
        .rename("value")
        .reset_index()
    )
    links = links.sort_values(["source", "value"], ascending=[True, False]).reset_index(drop=True)
    return links[columns]


def sankey_grouped_sentence(
    links: pd.DataFrame, per_step: int = SANKEY_PER_STEP, lang: str = "en"
) -> str:
    """What the Sankey's "other" nodes hide, in words ("" when nothing is grouped)."""
    if links.empty:
        return ""
    grouped = (links["source_hidden"] > 0) | (links["target_hidden"] > 0)
    if not grouped.any():
        return ""
    return text(
        "insights.sankey_grouped",
        lang,
        top=format_number(per_step, lang),
        moves=format_number(int(links.loc[grouped, "value"].sum()), lang),
        total=format_number(int(links["value"].sum()), lang),
    )


def sankey_figure(links: pd.DataFrame, names: Mapping[str, str], lang: str = "en") -> go.Figure:
    """A Plotly Sankey of `sankey_links`: nodes are touchpoints at each step ("1. IVR"), the
    grouped ones "2. Other (7 touchpoints)"."""
    nodes = sorted(set(links["source"]) | set(links["target"]))
    index = {node: i for i, node in enumerate(nodes)}
    hidden: dict[str, int] = {}
    for end in ("source", "target"):
        counts = links[f"{end}_hidden"] if f"{end}_hidden" in links else [0] * len(links)
        hidden |= {node: int(n) for node, n in zip(links[end], counts, strict=True)}

    def label(node: str) -> str:
        step, key = node.split(" · ", 1)
        if key == OTHER:
            name = text("insights.sankey_other", lang, count=format_number(hidden[node], lang))
        else:
            name = names.get(key, key)
        return text("insights.sankey_node", lang, step=step, name=name)

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
