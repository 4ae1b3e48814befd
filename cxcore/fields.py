"""Canonical names of a survey response, defined once for the whole product.

Every source row becomes one response with these fields (see ARCHITECTURE.md).
"""

from __future__ import annotations

from typing import Final

# Fields a source column can be mapped to (the editable mapping table offers these).
RESPONSE_ID: Final = "response_id"
SUBMITTED_AT: Final = "submitted_at"
CUSTOMER_ID: Final = "customer_id"
SURVEY: Final = "survey"
CHANNEL: Final = "channel"
SEGMENT: Final = "segment"
NPS: Final = "nps"
CSAT: Final = "csat"
CES: Final = "ces"
COMMENT: Final = "comment"
STAGE: Final = "stage"
TOUCHPOINT: Final = "touchpoint"
# A reason, topic, queue or group column whose values the lead places on the journey.
CATEGORY: Final = "category"
# A generic score whose scale is given per row by a SCORE_TYPE column (Delighted exports).
SCORE: Final = "score"
SCORE_TYPE: Final = "score_type"
# Handoff evidence of a help-desk export: how many times the case was passed on inside the
# company (transfers, escalations), or how many groups or agents it went through (Zendesk's
# group_stations / assignee_stations: handoffs = stations - 1), its reopens, and its team.
HANDOFFS: Final = "handoffs"
STATIONS: Final = "stations"
REOPENS: Final = "reopens"
TEAM: Final = "team"

MAPPABLE_FIELDS: Final[tuple[str, ...]] = (
    RESPONSE_ID,
    SUBMITTED_AT,
    CUSTOMER_ID,
    SURVEY,
    CHANNEL,
    SEGMENT,
    NPS,
    CSAT,
    CES,
    SCORE,
    SCORE_TYPE,
    COMMENT,
    STAGE,
    TOUCHPOINT,
    CATEGORY,
    HANDOFFS,
    STATIONS,
    REOPENS,
    TEAM,
)
# The handoff columns a mapping can hold (either count makes a file's handoff evidence).
HANDOFF_FIELDS: Final[tuple[str, ...]] = (HANDOFFS, STATIONS, REOPENS, TEAM)
SCORE_FIELDS: Final[tuple[str, ...]] = (NPS, CSAT, CES)
SCORE_RANGES: Final[dict[str, tuple[int, int]]] = {NPS: (0, 10), CSAT: (1, 5), CES: (1, 7)}

# Bookkeeping carried with every row through the pipeline.
ROW_NUMBER: Final = "row_number"  # as the user's spreadsheet shows it; first header line is row 1
SOURCE_KEY: Final = "source_key"  # stable hash of the source row, for duplicate detection
EXTRA: Final = "extra"  # dict of the source columns the mapping did not use

# Derived by the pipeline.
LANGUAGE: Final = "language"
SENTIMENT: Final = "sentiment"
SENTIMENT_LABEL: Final = "sentiment_label"
SENTIMENT_MODEL: Final = "sentiment_model"
STAGE_SOURCE: Final = "stage_source"
# The stage and touchpoint as the file wrote them, kept so re-tagging can read them again.
STAGE_GIVEN: Final = "stage_given"
TOUCHPOINT_GIVEN: Final = "touchpoint_given"
TOUCHPOINT_SOURCE: Final = "touchpoint_source"
# The words of a comment that say the customer was passed on (cxcore/text/handoffs/),
# joined with ", "; None when the comment says no such thing or there is no comment.
HANDOFF_WORDS: Final = "handoff_words"

UNASSIGNED: Final = "unassigned"
# Where a stage or touchpoint tag came from.
# `category`: a value of the file's category column the lead placed; `learned`: the text
# model trained on the lead's own hand placements (cxcore/text/learned_placement.py);
# `model`: the shipped stage or touchpoint model's second opinion on the comment
# (cxcore/text/stage_model.py).
TAG_SOURCES: Final[tuple[str, ...]] = (
    "column",
    "channel",
    "category",
    "rule",
    "model",
    "survey",
    "learned",
    "manual",
    UNASSIGNED,
)

# Columns of a validated response, in storage order.
RESPONSE_COLUMNS: Final[tuple[str, ...]] = (
    ROW_NUMBER,
    SOURCE_KEY,
    RESPONSE_ID,
    SUBMITTED_AT,
    CUSTOMER_ID,
    SURVEY,
    CHANNEL,
    SEGMENT,
    NPS,
    CSAT,
    CES,
    COMMENT,
    STAGE,
    TOUCHPOINT,
    HANDOFFS,
    REOPENS,
    TEAM,
    EXTRA,
)
DERIVED_COLUMNS: Final[tuple[str, ...]] = (
    LANGUAGE,
    SENTIMENT,
    SENTIMENT_LABEL,
    SENTIMENT_MODEL,
    STAGE_SOURCE,
    TOUCHPOINT_SOURCE,
    STAGE_GIVEN,
    TOUCHPOINT_GIVEN,
    HANDOFF_WORDS,
)
REJECTION_COLUMNS: Final[tuple[str, ...]] = (ROW_NUMBER, "reason", "raw")
