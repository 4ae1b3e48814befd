"""The header words of each canonical field, in English, Turkish and Czech: what the
mapping suggestion (`suggestion.py`) matches a file's headers against.

Written naturally; folded at import. A plain entry matches whole words anywhere in the
header, "stem*" matches words that start with it (Turkish suffixes: "Yorumunuz"), "=entry"
matches only the whole header ("id", "#").
"""

from __future__ import annotations

import re
from typing import Final

from cxcore import fields as F
from cxcore.ingest.handoff_headers import (
    HANDOFF_NOT_BY_VALUES,
    HANDOFF_NOT_FOR,
    HANDOFF_SYNONYMS,
)

__all__ = [
    "CHOICE_TEXT",
    "FREE_TEXT_HINTS",
    "GENERIC_SCORE",
    "NEVER_MAPPED",
    "NOT_BY_VALUES",
    "NOT_FOR",
    "SYNONYMS",
    "TEXT_ENTRY_ID",
]

# Header words per field, best first (the earlier synonym wins a tie, e.g. RecordedDate over
# StartDate). Written naturally; folded at import. A plain entry matches whole words anywhere
# in the header, "stem*" matches words that start with it (Turkish suffixes: "Yorumunuz"),
# "=entry" matches only the whole header ("id", "#").
SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    F.NPS: (
        "nps",
        "net promoter*",
        "likelihood to recommend",
        "likely to recommend",
        "recommend*",
        "tavsiye*",
        "doporuč*",
    ),
    F.CSAT: (
        "csat",
        "customer satisfaction",
        "satisfaction",
        "satisfied",
        "memnuniyet*",
        "memnun*",
        "spokojen*",
    ),
    F.CES: (
        "ces",
        "customer effort*",
        "effort*",
        "ease",
        "easy",
        "ne kadar kolay",
        "kolaylık*",
        "kolay*",
        "snadnost*",
        "snadné",
        "snadno",
        "úsilí",
    ),
    F.COMMENT: (
        "comment*",
        "feedback",
        "verbatim",
        "why",
        "reason for your score",
        "open text",
        "free text",
        "remarks",
        "yorum*",
        "görüş*",
        "açıklama*",
        "neden",
        "öneri*",
        "metin",
        "komentář*",
        "poznámk*",
        "důvod*",
        "proč",
        # Review sites and social exports name the free text differently.
        "review*",
        "text",
        "message*",
        "tweet",
        "mesaj*",
        "recenz*",
        "zpráv*",
    ),
    F.SUBMITTED_AT: (
        "recorded date",
        "end date",
        "submit date",
        "submitted at",
        "submitted",
        "completion time",
        "completed at",
        "created at",
        "created",
        "tweet created",
        "timestamp",
        "response date",
        "date",
        "tarih*",
        "datum",
        "zaman",
        "čas",
        "time",
        "start date",
        "start time",
    ),
    F.CUSTOMER_ID: (
        "customer id",
        "customer no",
        "customer number",
        "client id",
        "müşteri no",
        "müşteri numarası",
        "müşteri id",
        "müşteri kodu",
        "číslo zákazníka",
        "zákaznické číslo",
        "id zákazníka",
        "external reference",
        "external data reference",
        "user id",
        "requester id",
        "=person",
        "email*",
        "e mail*",
        "e posta*",
        "eposta*",
    ),
    F.RESPONSE_ID: (
        "response id",
        "respondent id",
        "=#",
        "=id",
        "record id",
        "submission id",
        "=token",
        "yanıt id",
        "yanıt no",
        "cevap id",
        "id odpovědi",
    ),
    F.SCORE_TYPE: ("survey type", "score type", "anket türü", "typ průzkumu"),
    F.SURVEY: ("survey", "survey name", "anket*", "průzkum*", "dotazník*", "form name"),
    F.CHANNEL: ("channel", "kanal*", "iletişim kanalı", "contact channel"),
    F.SEGMENT: (
        "segment*",
        "persona",
        "customer type",
        "customer segment",
        "müşteri tipi",
        "müşteri türü",
        "typ zákazníka",
        "tier",
    ),
    F.STAGE: ("journey stage", "stage", "aşama*", "fáze", "phase", "etap*"),
    # A reason, topic, queue or department: short values that repeat ("Late Flight",
    # "Fatura"). A team or group column is the team (handoff_headers), not a category.
    F.CATEGORY: (
        "category",
        "categories",
        "negativereason",
        "negative reason",
        "reason",
        "contact reason",
        "topic",
        "subject category",
        "queue",
        "department",
        "kategori*",
        "konu*",
        "sebep*",
        "şikayet türü",
        "talep türü",
        "departman*",
        "birim",
        "kuyruk",
        "důvod*",
        "téma",
        "oddělení",
        "fronta",
    ),
    F.TOUCHPOINT: (
        "touchpoint*",
        "touch point*",
        "temas noktası",
        "temas*",
        "kontaktní bod*",
        "kontaktní místo",
    ),
    **HANDOFF_SYNONYMS,
}
# A score whose scale the header leaves open: its values decide (or Delighted's score_type).
GENERIC_SCORE: Final[tuple[str, ...]] = (
    "score",
    "rating",
    "puan*",
    "değerlendirme*",
    "hodnocení",
    "skóre",
    "známka",
)
# Columns never suggested for anything (kept in `extra`): Qualtrics' NPS group (1/2/3, not
# the score), its distribution channel (anonymous/email, not a customer channel), display
# order and Text iQ columns; "Other (please specify)" free text of a choice question.
NEVER_MAPPED: Final[tuple[str, ...]] = (
    "nps group",
    "distribution channel",
    "please specify",
    "other text",
    "display order",
    "topics*",
    "sentiment*",
)
# Words that rule a field out even though a synonym matched ("Stage Date (UTC)" is no stage).
NOT_FOR: Final[dict[str, tuple[str, ...]]] = {
    F.STAGE: ("date", "tarih*", "datum"),
    F.SURVEY: ("survey type",),
    **HANDOFF_NOT_FOR,
}
# Bookkeeping columns whose small integers must not pass for scores.
NOT_BY_VALUES: Final[tuple[str, ...]] = (
    "id",
    "no",
    "number",
    "code",
    "kod*",
    "language",
    "dil",
    "jazyk",
    "count",
    "quantity",
    "adet",
    "počet",
    "year",
    "yıl",
    "rok",
    "status",
    "progress",
    "finished",
    "duration*",
    "location*",
    "points",
    "total points",
    "age",
    "yaş",
    "věk",
    *HANDOFF_NOT_BY_VALUES,
)
# Sub-headers that mark free text (SurveyMonkey), import ids of Qualtrics text entries.
FREE_TEXT_HINTS: Final[tuple[str, ...]] = ("open ended response",)
TEXT_ENTRY_ID: Final = re.compile(r"\bqid\d+ text$")
# Qualtrics text typed into one choice ("Other: ___"), Q3_4_TEXT / QID3_4_TEXT: never the comment.
CHOICE_TEXT: Final = re.compile(r"\bq(?:id)?\d+ \d+ text\b")

# How strongly a column suggests a field; the strongest suggestions are placed first.
