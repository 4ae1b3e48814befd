"""The follow-up queue: which responses it holds, and status / owner changes stored."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import delete, func, select

import db
from cxcore import followup
from cxcore.filters import Filters
from cxcore.ingest import pipeline
from cxcore.ingest.pipeline import import_file
from db.schema import FollowUp, Import

ROOT = Path(__file__).resolve().parents[2]

SURVEY = (
    "Response ID,Date,Customer ID,Channel,Stage,NPS,CSAT,Comment\n"
    "R1,2026-03-02 10:00,C1,IVR,Support,3,,\n"  # detractor
    "R2,2026-03-03 10:00,C2,Phone,Support,8,2,\n"  # CSAT 2
    '"R3",2026-03-04 10:00,C3,E-mail,Loyalty,,,"Awful IVR, it did not recognise my number"\n'
    "R4,2026-03-05 10:00,C4,Store,Purchase,10,5,Thank you so much\n"  # happy: not queued
    "R5,2026-03-06 10:00,C5,Phone,Support,7,3,\n"  # passive, neutral: not queued
    "R6,2026-03-07 10:00,Č6,Store,Purchase,0,1,Fatura çok yüksek ve kimse yardımcı olmadı\n"
)


@pytest.fixture(autouse=True)
def ids_as_written(monkeypatch):
    """The queue is for calling customers back: these tests keep ids as the file wrote them."""
    monkeypatch.setenv("CX_HASH_CUSTOMER_IDS", "0")


@pytest.fixture
def queue_db(engine):
    summary = import_file(SURVEY.encode(), "queue.csv", engine=engine)
    assert summary.accepted == 6
    return engine


def by_customer(queue: pd.DataFrame) -> pd.DataFrame:
    return queue.set_index("customer_id")


def test_the_queue_holds_detractors_low_csat_and_negative_comments_newest_first(queue_db):
    queue = db.follow_up_queue(queue_db)
    assert list(queue["customer_id"]) == ["Č6", "C3", "C2", "C1"]
    assert set(queue["status"]) == {"open"}  # nothing stored yet: open by default
    assert queue["owner"].isna().all()
    reasons = dict(zip(queue["customer_id"], followup.queue_reasons(queue), strict=True))
    assert reasons["C1"] == "detractor (NPS 3)"
    assert reasons["C2"] == "CSAT 2"
    assert reasons["C3"] == "negative comment"
    assert reasons["Č6"].startswith("detractor (NPS 0), CSAT 1")


def test_status_and_owner_changes_are_stored_and_read_back(queue_db):
    queue = db.follow_up_queue(queue_db)
    edited = queue.copy()
    row = edited["customer_id"] == "C1"
    edited.loc[row, ["status", "owner", "note"]] = ["contacted", "Ayşe", " called back "]
    changes = followup.queue_changes(queue, edited)
    assert list(changes["response_id"]) == list(queue.loc[row, "response_id"])
    version = db.data_version(queue_db)
    assert db.set_follow_ups(queue_db, changes, user="jana") == 1
    assert db.data_version(queue_db) != version  # the pages' caches see the change
    entry = db.audit_frame(queue_db).iloc[0]
    assert (entry["user"], entry["action"], entry["target"]) == ("jana", "follow_up", "1 responses")
    assert entry["details"]["statuses"] == {"contacted": 1}

    stored = by_customer(db.follow_up_queue(queue_db))
    assert (stored.loc["C1", "status"], stored.loc["C1", "owner"]) == ("contacted", "Ayşe")
    assert stored.loc["C1", "note"] == "called back"
    assert pd.notna(stored.loc["C1", "updated_at"])
    assert stored.loc["C2", "status"] == "open"

    again = db.follow_up_queue(queue_db)
    edited = again.copy()
    edited.loc[edited["customer_id"] == "C1", "status"] = "resolved"
    db.set_follow_ups(queue_db, followup.queue_changes(again, edited))
    stored = by_customer(db.follow_up_queue(queue_db))
    assert (stored.loc["C1", "status"], stored.loc["C1", "owner"]) == ("resolved", "Ayşe")
    assert len(stored) == 4


def test_a_wrong_status_is_refused_with_a_message_naming_the_response(queue_db):
    queue = db.follow_up_queue(queue_db)
    edited = queue.copy()
    edited.loc[edited.index[0], "status"] = "done"
    response_id = int(queue.iloc[0]["response_id"])
    message = f"Response {response_id}: status 'done' is not one of open, contacted, resolved."
    with pytest.raises(ValueError) as refused:
        followup.queue_changes(queue, edited)
    assert str(refused.value) == message
    bad = pd.DataFrame([{"response_id": response_id, "status": "done", "owner": None}])
    with pytest.raises(ValueError, match="status 'done' is not one of"):
        db.set_follow_ups(queue_db, bad)
    assert set(db.follow_up_queue(queue_db)["status"]) == {"open"}


def test_the_queue_filters_by_status_stage_touchpoint_and_owner(queue_db):
    queue = db.follow_up_queue(queue_db)
    ids = dict(zip(queue["customer_id"], queue["response_id"], strict=True))
    db.set_follow_ups(
        queue_db,
        pd.DataFrame(
            [
                {"response_id": ids["C1"], "status": "contacted", "owner": "Jana", "note": None},
                {"response_id": ids["C2"], "status": "open", "owner": "Ayşe", "note": None},
            ]
        ),
    )
    queue = db.follow_up_queue(queue_db)
    assert list(followup.filter_queue(queue, statuses=["contacted"])["customer_id"]) == ["C1"]
    assert list(followup.filter_queue(queue, owners=["Ayşe"])["customer_id"]) == ["C2"]
    unowned = followup.filter_queue(queue, owners=[""])
    assert set(unowned["customer_id"]) == {"C3", "Č6"}
    support_ivr = followup.filter_queue(queue, stages=["support"], touchpoints=["ivr"])
    assert list(support_ivr["customer_id"]) == ["C1"]
    # The sidebar's filters reach the query too: March 6 onwards holds only Č6.
    later = db.follow_up_queue(queue_db, Filters(date_from=pd.Timestamp("2026-03-06").date()))
    assert list(later["customer_id"]) == ["Č6"]


def test_the_csv_export_is_utf8_with_a_bom(queue_db):
    data = followup.queue_csv(db.follow_up_queue(queue_db))
    assert data.startswith("\ufeff".encode())
    assert "Fatura çok yüksek".encode() in data


def test_a_deleted_import_takes_its_follow_ups_with_it(queue_db):
    queue = db.follow_up_queue(queue_db)
    db.set_follow_ups(queue_db, queue.assign(status="contacted").head(2))
    with queue_db.begin() as conn:
        conn.execute(delete(Import))
    assert db.follow_up_queue(queue_db).empty
    with queue_db.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(FollowUp)) == 0


def _set(engine, customer: str, status: str, owner: str | None) -> None:
    queue = db.follow_up_queue(engine)
    edited = queue.copy()
    edited.loc[edited["customer_id"] == customer, ["status", "owner"]] = [status, owner]
    db.set_follow_ups(engine, followup.queue_changes(queue, edited))


def test_the_queue_is_counted_and_narrowed_in_the_database(queue_db):
    _set(queue_db, "C1", "contacted", "Ayşe")
    _set(queue_db, "C3", "resolved", "Jan")
    counts = db.follow_up_counts(queue_db).set_index(["status", "owner"])["n"].to_dict()
    assert counts == {("contacted", "Ayşe"): 1, ("resolved", "Jan"): 1, ("open", ""): 2}
    on_support = db.follow_up_counts(queue_db, stages=["support"])
    assert on_support.set_index("status")["n"].to_dict() == {"contacted": 1, "open": 1}

    chosen = db.follow_up_queue(queue_db, statuses=["open", "contacted"], owners=["", "Ayşe"])
    assert list(chosen["customer_id"]) == ["Č6", "C2", "C1"]
    newest = db.follow_up_queue(queue_db, statuses=["open", "contacted"], limit=2)
    assert list(newest["customer_id"]) == ["Č6", "C2"]
    assert list(db.follow_up_queue(queue_db, owners=["Jan"])["customer_id"]) == ["C3"]
    by_channel = Filters(channels=("Store",))  # answered from the responses, not the sums
    assert db.follow_up_counts(queue_db, by_channel)["n"].sum() == 1


def test_db_reads_the_queue_statuses_without_loading_plotly():
    """db takes the statuses from cxcore.followup, which stays free of the analysis charts."""
    code = "import sys, db; assert 'plotly' not in sys.modules, 'db loads plotly'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_csv_export_never_carries_a_live_formula(engine):
    payload = "=cmd|' /C calc'!A0"
    quoted = payload.replace('"', '""')
    csv_file = (
        "Response ID,Date,Customer ID,Channel,Stage,NPS,Comment\n"
        f'R1,2026-03-02,"=HYPERLINK(""x"")",Phone,Support,0,"{quoted}"\n'
        "R2,2026-03-03,C2,Phone,Support,9,Fine\n"
        "R3,2026-03-04,C3,Phone,Support,10,Great\n"
    )
    pipeline.import_file(csv_file.encode(), "formula.csv", engine=engine)
    data = followup.queue_csv(db.follow_up_queue(engine)).decode("utf-8-sig")
    assert "'" + payload in data and "'=HYPERLINK" in data
    assert "\n" + payload not in data and "," + payload not in data
