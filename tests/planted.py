"""Surveys planted by construction, shared by the analysis, report and database tests.

Each builder returns bytes (or rows) whose right answer is known before anything is read:
a pain point, a driver, a channel hop. Tests import them from here, never from each other.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pandas as pd

from cxcore.ingest.pipeline import import_file

ROOT = Path(__file__).resolve().parent.parent

HEADER = "Response ID,Date,Customer ID,Channel,Stage,NPS,CSAT,Comment\n"
START = datetime(2026, 3, 2, 9, 0)


def survey(rows: list[tuple]) -> bytes:
    """CSV bytes of (customer, when, channel, stage, nps, csat, comment) rows."""
    lines = [HEADER]
    for i, (customer, when, channel, stage, nps, csat, comment) in enumerate(rows, start=1):
        cells = [f"R{i}", when.strftime("%Y-%m-%d %H:%M"), customer, channel, stage]
        cells += ["" if v is None else str(v) for v in (nps, csat)]
        cells.append(f'"{comment}"' if comment else "")
        lines.append(",".join(cells) + "\n")
    return "".join(lines).encode()


def nps_scores(promoters: int, passives: int, detractors: int) -> list[int]:
    return [10] * promoters + [7] * passives + [2] * detractors


def store(engine, rows: list[tuple]) -> None:
    summary = import_file(survey(rows), "planted.csv", engine=engine)
    assert summary.accepted == len(rows), summary.as_dict()


IVR_COMMENT = "Awful IVR, it did not recognise my number"


def planted_survey() -> str:
    """40 unhappy support calls (NPS 0) in March, 40 happy loyalty e-mails (NPS 10) in
    February, 10 purchases in store (NPS 8): support is the pain point by construction."""
    rows = ["Response ID,Date,Customer ID,Channel,Stage,NPS,Segment,Comment"]
    for i in range(40):
        comment = '"Çağrı merkezinde saatlerce bekledim, çok kötü"' if i % 2 else "Berbat destek"
        rows.append(f"S{i},2026-03-{1 + i % 28:02d},C{i},Phone,Support,0,SME,{comment}")
    for i in range(40):
        rows.append(
            f"L{i},2026-02-{1 + i % 28:02d},C{i},E-mail,Loyalty,10,Retail,Harika hizmet teşekkürler"
        )
    for i in range(10):
        rows.append(f"P{i},2026-03-{1 + i:02d},C{100 + i},Store,Purchase,8,Retail,")
    return "\n".join(rows) + "\n"


# Import one file; write `marker` once rows are being stored (inside the transaction),
# then keep storing slowly, so a kill lands in the middle of the transaction.
IMPORTER = """
import sys, time
from pathlib import Path
import db
from cxcore.ingest import pipeline
url, path, marker, pause = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])

def progress(fraction, message):
    if message == "Storing responses":
        if marker != "-":
            Path(marker).write_text(str(fraction))
        time.sleep(pause)

summary = pipeline.import_file(
    Path(path).read_bytes(), Path(path).name, engine=db.get_engine(url), progress=progress
)
print(summary.import_id, summary.accepted, summary.duplicates)
"""


def run_importer(url: str, path: Path, marker: str, pause: float) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", IMPORTER, url, str(path), marker, str(pause)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# The KPI row's two 30-day windows.
# Previous window (2026-01-31 to 2026-03-01): NPS 10, 9, 5, 7 -> (2 - 1) / 4 = +25;
# CSAT 5, 4, 2, 3 -> 50%. P0 is older than both windows and never counted.
BEFORE = HEADER + (
    "P0,2025-12-01,C9,Phone,Support,0,1,Awful\n"
    "P1,2026-02-02,C1,Phone,Support,10,5,The agent was great and solved it fast\n"
    "P2,2026-02-10,C2,Phone,Support,9,4,Friendly agent\n"
    "P3,2026-02-20,C3,IVR,Support,5,2,The IVR was terrible and I waited an hour\n"
    "P4,2026-03-01,C4,IVR,Support,7,3,\n"
)
# Current window (2026-03-02 to 2026-03-31): NPS 10, 10, 9, 3, 8 -> (3 - 1) / 5 = +40;
# CSAT 5, 5, 4, 4, 1 -> 80%.
NOW = HEADER + (
    "N1,2026-03-02,C5,Phone,Support,10,5,Great help\n"
    "N2,2026-03-05,C6,Phone,Support,10,5,Lovely staff\n"
    "N3,2026-03-10,C7,E-mail,Loyalty,9,4,Renewed my plan\n"
    "N4,2026-03-20,C8,IVR,Support,3,4,Rude agent and a terrible wait\n"
    "N5,2026-03-31,C1,Phone,Support,8,1,\n"
)

# Actions around BEFORE and NOW's windows (2026-01-31 to 2026-03-31 together): the callback
# went live inside the compared periods, the old script long before them.
ACTION_IN_PERIODS = {
    "title": "Callback instead of queue",
    "stage": "support",
    "status": "done",
    "live_date": date(2026, 3, 10),
}
ACTION_BEFORE_PERIODS = {
    "title": "Old greeting script",
    "stage": "support",
    "status": "done",
    "live_date": date(2025, 6, 1),
}

# The touchpoint map's cells.
# phone × support: NPS 10, 9 -> +100; IVR × support: 5, 7 -> -50; e-mail × loyalty: 9 -> +100;
# store × purchase: 3 -> -100.
TOUCHPOINT_SURVEY = HEADER + (
    "R1,2026-03-02,C1,Phone,Support,10,5,\n"
    "R2,2026-03-03,C2,Phone,Support,9,4,\n"
    "R3,2026-03-04,C3,IVR,Support,5,2,\n"
    "R4,2026-03-05,C4,IVR,Support,7,3,\n"
    "R5,2026-03-06,C5,E-mail,Loyalty,9,4,\n"
    "R6,2026-03-07,C6,Store,Purchase,3,1,\n"
)


# An action's effect (cxcore/analysis/effects.py). From LIVE on, IVR's CSAT rises from 50%
# to 80% satisfied (+30 points) while phone, store and e-mail stay at 60%; with
# `everywhere`, every touchpoint rises by the same 30 points. Ten responses per touchpoint
# a day for four weeks each side; satisfied counts alternate around the mean (4 and 6 of
# 10 is 50%), so the days vary but each window's share is exact.
LIVE = date(2026, 3, 2)
PLANTED_RISE = 30.0
EFFECT_WEEKS = 4
# channel, stage (as the file writes them), touchpoint and stage keys
EFFECT_CELLS = (
    ("IVR", "Support", "ivr", "support"),
    ("Phone", "Support", "phone", "support"),
    ("Store", "Purchase", "store", "purchase"),
    ("E-mail", "Loyalty", "email", "loyalty"),
)


def _satisfied_per_day(channel: str, after: bool, everywhere: bool) -> tuple[int, int]:
    base = (4, 6) if channel == "IVR" else (5, 7)  # 50% and 60%
    rises = after and (channel == "IVR" or everywhere)
    return (base[0] + 3, base[1] + 3) if rises else base


def effect_records(everywhere: bool = False) -> list[dict]:
    """One dict per response: channel, stage, touchpoint and stage keys, when, csat."""
    records = []
    for offset in range(-7 * EFFECT_WEEKS, 7 * EFFECT_WEEKS):
        day = LIVE + timedelta(days=offset)
        for channel, stage, point_key, stage_key in EFFECT_CELLS:
            pair = _satisfied_per_day(channel, offset >= 0, everywhere)
            satisfied = pair[offset % 2]
            for i in range(10):
                records.append(
                    {
                        "channel": channel,
                        "stage_name": stage,
                        "touchpoint": point_key,
                        "stage": stage_key,
                        "submitted_at": datetime.combine(day, time(9 + i)),
                        "csat": 5 if i < satisfied else 3,
                    }
                )
    return records


def effect_rows(everywhere: bool = False) -> list[tuple]:
    """The effect survey as `store` rows (customer, when, channel, stage, nps, csat, comment)."""
    return [
        (f"E{i}", r["submitted_at"], r["channel"], r["stage_name"], None, r["csat"], None)
        for i, r in enumerate(effect_records(everywhere))
    ]


def effect_responses(everywhere: bool = False) -> pd.DataFrame:
    """The effect survey as stored responses (stage and touchpoint keys, UTC times, csat)."""
    frame = pd.DataFrame(effect_records(everywhere))
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"]).dt.tz_localize("UTC")
    return frame.drop(columns=["channel", "stage_name"])


# Internal handoffs (issue 26): a Zendesk-style ticket export where each extra group a ticket
# passes through lowers CSAT by HANDOFF_COST points (with a little noise, so the data's own
# least-squares slope is close to it but not equal). Support passes tickets on, 0-3 extra
# groups; Billing never does (one group each). The team's name is the last group's.
HANDOFF_COST = 0.5
HANDOFF_HEADER = (
    "ticket_id,created_at,requester_id,stage,group,group_stations,assignee_stations,"
    "reopens,replies,satisfaction_score,comment\n"
)
_HANDOFF_COMMENTS = (
    "Beni üç kez başka birime aktardılar",
    "Přepojovali mě mezi odděleními",
    "I had to repeat my story to every new agent",
)


def handoff_rows(tickets: int = 240) -> list[dict]:
    """Rows of the planted export: stage, team, stations, csat, comment, customer, when."""
    rows = []
    for i in range(tickets):
        support = i % 4 != 3
        extra = (i // 4) % 4 if support else 0  # 0..3 extra groups in support
        target = 4.5 - HANDOFF_COST * extra  # 4.5, 4, 3.5, 3: halves alternate down and up
        csat = math.floor(target) if (i // 16) % 2 else math.ceil(target)
        if 2 <= csat <= 4:
            csat += (0, 1, 0, -1, 0)[i % 5]  # a little noise that never leaves the scale
        teams = ("Tier 1", "Billing team", "Tech support", "Escalations")
        rows.append(
            {
                "ticket": 1000 + i,
                "when": datetime(2026, 3, 1 + i % 28, 9 + i % 8, 0),
                "customer": f"C{i // 2}",
                "stage": "Support" if support else "Billing",
                "team": teams[extra] if support else "Billing team",
                "stations": extra + 1,
                "csat": csat,
                "comment": _HANDOFF_COMMENTS[i % 3] if extra >= 2 else "Thanks, sorted",
            }
        )
    return rows


def handoff_export(tickets: int = 240) -> bytes:
    """The planted Zendesk-style export of handoff_rows, as CSV bytes."""
    lines = [HANDOFF_HEADER]
    for r in handoff_rows(tickets):
        cells = [
            str(r["ticket"]),
            r["when"].strftime("%Y-%m-%dT%H:%M:%SZ"),
            r["customer"],
            r["stage"],
            r["team"],
            str(r["stations"]),
            str(r["stations"] + 1),
            "0",
            str(2 + r["stations"]),
            str(r["csat"]),
            f'"{r["comment"]}"',
        ]
        lines.append(",".join(cells) + "\n")
    return "".join(lines).encode()


def no_handoff_export() -> bytes:
    """A survey with scores and comments but no handoff column and no comment about one."""
    rows = [
        (f"C{i}", START, "Phone", "Support", 9 - i % 5, 4, "Quick and friendly help")
        for i in range(30)
    ]
    return survey(rows)


# The Sankey's planted paths: (customers, their touchpoints in order). Three main first
# contacts (IVR 30, phone 20, store 8), then six touchpoints one customer each began with
# (who all went on to e-mail): with 3 touchpoints a step, step 1 shows "other" of 6.
PLANTED_PATHS: list[tuple[int, tuple[str, ...]]] = [
    (30, ("ivr", "social_media", "phone")),
    (20, ("phone", "email")),
    (8, ("store", "website")),
    *((1, (rare, "email")) for rare in ("faq", "chatbot", "advert", "delivery", "billing", "app")),
]


def planted_paths() -> pd.DataFrame:
    """customer_id, submitted_at, touchpoint, sentiment of PLANTED_PATHS' customers, one
    response a day along each path (what db.customer_contacts returns)."""
    rows = []
    number = 0
    for customers, path in PLANTED_PATHS:
        for _ in range(customers):
            number += 1
            for day, touchpoint in enumerate(path):
                rows.append((f"P{number}", START + timedelta(days=day), touchpoint, 0.0))
    frame = pd.DataFrame(rows, columns=["customer_id", "submitted_at", "touchpoint", "sentiment"])
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], utc=True)
    return frame


# The stage page's two quarters (tests/pages): support in Q1 has NPS 10, 9, 5, 7 ->
# 2 promoters, 1 detractor of 4 = +25; with Q2, 6 responses: 2 promoters, 3 detractors = -17.
STAGE_HEADER = "Response ID,Date,Customer ID,Channel,Stage,NPS,Comment\n"
STAGE_Q1 = STAGE_HEADER + (
    "R1,2026-01-05,C1,Phone,Awareness,8,Saw the advert on TV\n"
    "R2,2026-01-10,C1,Phone,Support,10,The agent was great and solved it fast\n"
    "R3,2026-01-11,C2,Phone,Support,9,Friendly agent\n"
    "R4,2026-01-12,C3,IVR,Support,5,The IVR was terrible and I waited an hour\n"
    "R5,2026-01-13,C4,IVR,Support,7,\n"
    "R6,2026-01-20,C1,E-mail,Loyalty,9,Renewed my plan\n"
)
STAGE_Q2 = STAGE_HEADER + (
    "S1,2026-02-02,C6,Phone,Support,0,Awful service and nobody helped\n"
    "S2,2026-02-03,C7,Phone,Support,2,Rude agent\n"
)


def repeated_survey(rows: int = 240) -> bytes:
    """A survey whose stored rows depend on every protecting step: customers answering
    more than once, identical answers repeated in the file (numbered keys), phone numbers
    in comments (redacted), and every 50th row with a score in words (rejected)."""
    lines = [HEADER]
    for i in range(rows):
        n = i % 90  # rows 90 apart are the same answer: repeats inside the file
        nps, csat = ("ten", "") if i % 50 == 49 else (str(n % 11), str(1 + n % 5))
        comment = f"Call me on +90 532 {n:03d} 45 67, order {n % 7}" if n % 3 else ""
        when = (START + timedelta(hours=n)).strftime("%Y-%m-%d %H:%M")
        cells = [f"R{n}", when, f"C{n % 37}", ("Phone", "E-mail", "Web")[n % 3], "Support"]
        lines.append(",".join([*cells, nps, csat, f'"{comment}"']) + "\n")
    return "".join(lines).encode()
