"""The form that creates or edits an action, and what a link asked it to start with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from cxcore.actions import ACTION_STATUSES, DEFAULT_METRIC
from cxcore.analysis.metrics import METRICS
from pages._shared import lang, t
from pages._sidebar import date_input_format

# A link from a pain point (Insights, the stage page, the canvas) opens the Actions page with
# these: the new action's stage, touchpoint and metric, and the form open.
PLAN_KEYS = {"plan_stage": "stage", "plan_touchpoint": "touchpoint", "plan_metric": "metric"}


def plan_link(stage: str, touchpoint: str | None = None, metric: str | None = None) -> dict:
    """The query parameters of a link that opens a new action on `stage` (and `touchpoint`)."""
    asked = {"new": "1", "plan_stage": stage, "stage": stage}
    if touchpoint:
        asked["plan_touchpoint"] = touchpoint
    if metric:
        asked["plan_metric"] = metric
    return asked


def asked_for() -> dict[str, Any]:
    """What the URL asked: a new action's stage, touchpoint and metric, whether the form
    opens, and the stage to show (read before the sidebar rewrites the URL)."""
    params = st.query_params
    found: dict[str, Any] = {field: params.get(key) for key, field in PLAN_KEYS.items()}
    return found | {"new": "new" in params, "show_stage": params.get("stage")}


def forget_plan() -> None:
    """Clear the link's new-action parameters once the action is stored."""
    for key in (*PLAN_KEYS, "new"):
        if key in st.query_params:
            del st.query_params[key]


def _index(options: list, value: Any) -> int:
    return options.index(value) if value in options else 0


def action_form(
    key: str, stages: Mapping[str, str], points: Mapping[str, str], current: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The action's fields once the form is submitted (None until then), starting from
    `current` (a stored action, or what a link asked for)."""
    stage_keys, point_keys = list(stages), ["", *points]
    metrics = list(METRICS)
    target = current.get("target")
    with st.form(key):
        title = st.text_input(t("action_column.title"), value=current.get("title") or "")
        about = st.text_area(t("action_column.description"), current.get("description") or "")
        left, right = st.columns(2)
        stage = left.selectbox(
            t("action_column.stage"),
            stage_keys,
            index=_index(stage_keys, current.get("stage")),
            format_func=lambda k: stages.get(k, k),
            placeholder=t("widget.choose_one"),
        )
        touchpoint = right.selectbox(
            t("action_column.touchpoint"),
            point_keys,
            index=_index(point_keys, current.get("touchpoint")),
            format_func=lambda k: points.get(k, k) if k else t("actions.whole_stage"),
            placeholder=t("widget.choose_one"),
        )
        owner = left.text_input(t("action_column.owner"), value=current.get("owner") or "")
        status = right.selectbox(
            t("action_column.status"),
            ACTION_STATUSES,
            index=_index(list(ACTION_STATUSES), current.get("status") or "planned"),
            format_func=lambda s: t(f"action_status.{s}"),
            placeholder=t("widget.choose_one"),
        )
        shown = date_input_format(lang())
        live = left.date_input(
            t("action_column.live_date"), value=current.get("live_date"), format=shown
        )
        metric = right.selectbox(
            t("action_column.metric"),
            metrics,
            index=_index(metrics, current.get("metric") or DEFAULT_METRIC),
            format_func=lambda m: t(f"metric.{m}"),
            placeholder=t("widget.choose_one"),
        )
        goal = left.number_input(
            t("action_column.target"), value=None if target != target else target, step=1.0
        )
        due = right.date_input(
            t("action_column.due_date"), value=current.get("due_date"), format=shown
        )
        submitted = st.form_submit_button(t("actions.save"), type="primary")
    if not submitted:
        return None
    return {
        "title": title,
        "description": about,
        "stage": stage,
        "touchpoint": touchpoint or None,
        "owner": owner,
        "status": status,
        "live_date": live,
        "metric": metric,
        "target": goal,
        "due_date": due,
    }
