"""Unassigned responses: tag a group of similar comments at once, optionally as a rule."""

import streamlit as st

import db
from cxcore.i18n import format_number
from cxcore.ingest import pipeline
from cxcore.text.learned_placement import MIN_EXAMPLES, TARGET_PRECISION, learned_confidence
from cxcore.text.review import unassigned_groups
from cxcore.text.taxonomy import add_rule
from pages._auth import acting_user, can, require
from pages._cache import load_learned, load_placement_model, load_unassigned
from pages._shared import MISSING, engine, lang, plain, shown, step, t, taxonomy, while_writing

st.title(t("review.title"))
require("retag")
language = lang()
if done := st.session_state.pop("review_done", None):
    st.success(done)


def percent(share: float) -> str:
    return format_number(100 * share, language, suffix="%")


def learned_section() -> None:
    """What the model learned from the hand placements, and its least sure placements."""
    st.subheader(t("review.learned"))
    learned = load_placement_model()
    if not learned.models():
        st.caption(t("review.learned_none", n=MIN_EXAMPLES))
    for fitted in learned.models():
        name = {"stage": t("review.stage"), "touchpoint": t("review.touchpoint")}[fitted.target]
        n = format_number(fitted.examples, language)
        if fitted.cv_precision is None:
            st.caption(t("review.learned_unsure", target=name, n=n, goal=percent(TARGET_PRECISION)))
        else:
            precision, coverage = percent(fitted.cv_precision), percent(fitted.cv_coverage)
            st.caption(
                t(
                    "review.learned_precision",
                    target=name,
                    precision=precision,
                    n=n,
                    coverage=coverage,
                )
            )
    unsure = learned_confidence(load_learned(), learned).head(20)
    if not unsure.empty:
        st.write(t("review.learned_low"))
        st.dataframe(
            shown(unsure.drop(columns="id")),
            hide_index=True,
            column_config={
                "comment": t("review.comment"),
                "stage": t("review.stage"),
                "touchpoint": t("review.touchpoint"),
                "confidence": t("review.confidence"),
            },
            placeholder=MISSING,
        )
    if learned.models() and st.button(t("review.learn_apply")):
        with while_writing():
            summary = pipeline.retag_responses(engine(), taxonomy(), user=acting_user())
        st.session_state["review_done"] = t(
            "review.learn_applied",
            stage=format_number(summary.moved_stage, language),
            touchpoint=format_number(summary.moved_touchpoint, language),
        )
        st.rerun()


groups = unassigned_groups(load_unassigned())
if groups.empty:
    st.info(t("review.empty"))
    learned_section()
    st.stop()

st.dataframe(
    shown(groups[["words", "n", "examples"]]),
    hide_index=True,
    column_config={
        "words": t("review.words"),
        "n": t("review.n"),
        "examples": t("review.examples"),
    },
    placeholder=MISSING,
)
chosen = st.selectbox(
    t("review.group"),
    groups.index,
    format_func=lambda i: (
        f"{groups.at[i, 'words']} ({format_number(int(groups.at[i, 'n']), language)})"
    ),
    placeholder=t("widget.choose_one"),
)
group = groups.loc[chosen]
for example in group["examples"]:
    st.caption(f"“{plain(example)}”")  # a comment is text, never Markdown

model = taxonomy()
col_stage, col_touchpoint = st.columns(2)
stage = col_stage.selectbox(
    t("review.stage"),
    [None, *model.stage_keys()],
    format_func=lambda k: model.stage(k).name(language) if k else "—",
    placeholder=t("widget.choose_one"),
)
touchpoint = col_touchpoint.selectbox(
    t("review.touchpoint"),
    [None, *model.touchpoint_keys()],
    format_func=lambda k: model.touchpoint(k).name(language) if k else "—",
    placeholder=t("widget.choose_one"),
)
as_rule = st.checkbox(
    t("review.as_rule", terms=", ".join(group["terms"])),
    help=t("review.as_rule_help"),
    disabled=not can("edit_taxonomy"),  # a rule changes the journey model: admins only
)
if st.button(
    t("review.assign", n=format_number(int(group["n"]), language)),
    type="primary",
    disabled=not (stage or touchpoint),
):
    with while_writing():
        tagged = db.set_manual_tags(
            engine(), group["response_ids"], stage, touchpoint, user=acting_user()
        )
    message = t("review.tagged", n=format_number(tagged, language))
    if as_rule:
        updated = add_rule(model, group["terms"], stage, touchpoint, group["language"] or "en")
        bar = st.progress(0.0, t("review.placing"))
        with while_writing():
            summary = pipeline.apply_taxonomy(
                engine(),
                updated,
                progress=lambda f, m: bar.progress(f, step(m)),
                user=acting_user(),
            )
        message += " " + t(
            "review.rule_saved",
            stage=format_number(summary.moved_stage, language),
            touchpoint=format_number(summary.moved_touchpoint, language),
        )
    st.session_state["review_done"] = message
    st.rerun()

learned_section()
