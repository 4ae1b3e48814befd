"""Header words of the handoff evidence (counts, reopens, team), read by the mapping suggestion.

Written as `suggestion`'s synonym tables are (see there): a plain entry matches whole words,
"stem*" words that start with it, "=entry" the whole header. Zendesk's ticket metrics name
them `group_stations`, `assignee_stations` and `reopens`; other help desks export a transfer
or escalation count ("aktarım sayısı", "počet přepojení") and the team or group that had it.
"""

from __future__ import annotations

from typing import Final

from cxcore import fields as F

__all__ = ["HANDOFF_NOT_BY_VALUES", "HANDOFF_NOT_FOR", "HANDOFF_SYNONYMS"]

HANDOFF_SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    # How many times the case was passed on: 0 means none.
    F.HANDOFFS: (
        "handoffs",
        "handoff*",
        "hand offs",
        "number of transfers",
        "transfer count",
        "transfers",
        "times transferred",
        "transferred",
        "escalations",
        "escalation count",
        "escalated",
        "aktarım sayısı",
        "aktarma sayısı",
        "transfer sayısı",
        "devir sayısı",
        "yönlendirme sayısı",
        "eskalasyon*",
        "počet přepojení",
        "přepojení",
        "počet předání",
        "počet eskalací",
        "eskalace",
        "eskalováno",
    ),
    # How many groups or agents the case went through: 1 means it stayed with the first.
    F.STATIONS: (
        "group stations",
        "assignee stations",
        "stations",
        "number of groups",
        "number of teams",
        "groups involved",
        "teams involved",
        "grup sayısı",
        "ekip sayısı",
        "birim sayısı",
        "departman sayısı",
        "počet skupin",
        "počet týmů",
        "počet oddělení",
    ),
    F.REOPENS: (
        "reopens",
        "reopen*",
        "times reopened",
        "yeniden açılma*",
        "tekrar açılma*",
        "znovuotevření",
        "znovu otevřen*",
        "počet znovuotevření",
    ),
    F.TEAM: (
        "team",
        "group",
        "group name",
        "assigned group",
        "assignee group",
        "ekip",
        "takım",
        "grup",
        "tým",
        "skupina",
    ),
}
# Words that rule a handoff field out although a synonym matched: a count is no team, a
# date is no count ("Escalated at"), and a customer group is a segment.
HANDOFF_NOT_FOR: Final[dict[str, tuple[str, ...]]] = {
    F.TEAM: (
        "stations",
        "count",
        "number",
        "sayısı",
        "počet",
        "customer*",
        "müşteri*",
        "zákazní*",
        "age",
        "yaş",
        "věk",
    ),
    F.HANDOFFS: ("date", "time", "at", "tarih*", "zaman", "datum", "čas", "reason", "neden"),
    F.REOPENS: ("date", "time", "at", "tarih*", "datum"),
}
# Counts of a help desk whose small integers must not pass for a score by their values.
HANDOFF_NOT_BY_VALUES: Final[tuple[str, ...]] = (
    "stations",
    "reopen*",
    "replies",
    "transfer*",
    "escalation*",
    "handoff*",
    "aktarım*",
    "přepojení",
)
