"""Undo and audit: deleting an import takes everything derived from it; every change is logged."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    Table,
    create_engine,
    func,
    insert,
    select,
)

import db
from cxcore.filters import Filters
from cxcore.ingest import pipeline
from cxcore.text.taxonomy import load_active_taxonomy
from db.schema import Import, Rejection, Response
from tests.survey_files import delimited


def survey(comment: str, rows: int = 6, bad: int = 1) -> bytes:
    """A small NPS export: `rows` good rows and `bad` rows with an out-of-range score."""
    lines = [["Response ID", "Date", "NPS", "Comment", "Stage"]]
    for i in range(rows):
        lines.append(
            [f"{comment[:3]}-{i}", f"2026-03-0{1 + i % 9}", str(i % 11), comment, "Billing"]
        )
    for i in range(bad):
        lines.append([f"{comment[:3]}-bad-{i}", "2026-03-01", "42", comment, "Billing"])
    return delimited(lines)


def count(engine, column, *where) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count(column)).where(*where)) or 0)


def audit(engine):
    return db.audit_frame(engine)


def test_delete_import_removes_everything_derived_and_leaves_other_imports(engine):
    first = pipeline.import_file(survey("Fatura çok yüksek geldi"), "a.csv", engine=engine)
    second = pipeline.import_file(survey("Kargo geç geldi", rows=4, bad=2), "b.csv", engine=engine)
    # A table hanging off responses (as follow-ups do): the engine must enforce its cascade.
    notes = Table(
        "test_notes",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("response_id", Integer, ForeignKey(Response.id, ondelete="CASCADE")),
    )
    notes.create(engine)
    with engine.begin() as conn:
        ids = conn.scalars(select(Response.id).where(Response.import_id == first.import_id)).all()
        conn.execute(insert(notes), [{"response_id": i} for i in ids])
    version = db.data_version(engine)

    deleted = db.delete_import(engine, first.import_id, user="ayse")

    assert deleted == db.DeletedImport(first.import_id, "a.csv", 6, 1)
    assert count(engine, Response.id, Response.import_id == first.import_id) == 0
    assert count(engine, Rejection.id, Rejection.import_id == first.import_id) == 0
    assert count(engine, Import.id, Import.id == first.import_id) == 0
    assert count(engine, notes.c.id) == 0
    # The other import is whole.
    assert count(engine, Response.id, Response.import_id == second.import_id) == 4
    assert count(engine, Rejection.id, Rejection.import_id == second.import_id) == 2
    assert db.list_imports(engine)["id"].tolist() == [second.import_id]
    assert db.data_version(engine) != version  # the pages' caches refresh
    entry = audit(engine).iloc[0]
    assert (entry.user, entry.action, entry.target) == (
        "ayse",
        "delete_import",
        str(first.import_id),
    )
    assert entry.details == {"filename": "a.csv", "responses": 6, "rejections": 1}


def test_deleting_an_unknown_import_changes_nothing(engine):
    pipeline.import_file(survey("Fatura"), "a.csv", engine=engine)
    version = db.data_version(engine)
    assert db.delete_import(engine, 999, user="ayse") is None
    assert db.data_version(engine) == version
    assert audit(engine)["action"].tolist() == ["import"]


def test_after_a_deletion_the_same_file_can_be_imported_again(engine):
    data = survey("Fatura çok yüksek")
    first = pipeline.import_file(data, "a.csv", engine=engine)
    db.delete_import(engine, first.import_id)
    again = pipeline.import_file(data, "a.csv", engine=engine)
    assert (again.accepted, again.duplicates) == (6, 0)


def test_an_import_is_audited_with_its_counts(engine):
    summary = pipeline.import_file(survey("Fatura"), "a.csv", engine=engine, user="ayse")
    entry = audit(engine).iloc[0]
    assert (entry.user, entry.action, entry.target) == ("ayse", "import", str(summary.import_id))
    assert entry.details["filename"] == "a.csv"
    assert (entry.details["accepted"], entry.details["rejected"]) == (6, 1)
    assert isinstance(entry["at"], datetime)


def test_manual_retag_is_audited(engine):
    pipeline.import_file(survey("Fatura"), "a.csv", engine=engine)
    ids = db.responses_frame(engine, Filters(), columns=["id"])["id"].tolist()[:3]
    db.set_manual_tags(engine, ids, "onboarding", None, user="mehmet")
    entry = audit(engine).iloc[0]
    assert (entry.user, entry.action) == ("mehmet", "retag")
    assert entry.details["stage"] == "onboarding" and entry.details["response_ids"] == ids
    assert entry.details["changed"] == 3


def test_taxonomy_change_and_moved_stage_are_audited(engine):
    pipeline.import_file(survey("Fatura"), "a.csv", engine=engine)
    model = load_active_taxonomy()
    stage = db.stage_summary(engine)["stage"].iloc[0]
    pipeline.apply_taxonomy(engine, model, moves={stage: "unassigned"}, user="root")
    entries = audit(engine)
    assert entries["action"].tolist()[:2] == ["taxonomy_change", "move_stage"]
    change, move = entries.iloc[0], entries.iloc[1]
    assert (change.user, change.target) == ("root", "journey model")
    assert change.details["moves"] == {stage: "unassigned"}
    assert change.details["stages"] == len(model.stage_keys())
    assert (move.user, move.target, move.details["to"]) == ("root", stage, "unassigned")
    assert move.details["responses"] == 6


def test_rescore_is_audited_per_import(engine):
    first = pipeline.import_file(survey("Fatura"), "a.csv", engine=engine)
    pipeline.rescore_responses(engine, user="root")
    entry = audit(engine).iloc[0]
    assert (entry.user, entry.action, entry.target) == (
        "root",
        "rescore",
        f"import {first.import_id}",
    )
    assert entry.details == {"responses": 6}


def test_sign_in_lock_is_stored_in_the_database_and_its_start_is_audited(db_url):
    until = datetime(2026, 11, 23, 12, 15)
    db.save_sign_in_lock(db.get_engine(db_url), "ayse", 0, until)
    # A fresh engine on the same file, as after a restart, still sees the lock.
    restarted = create_engine(db_url)
    assert db.sign_in_lock(restarted, "ayse") == (0, until)
    assert db.sign_in_lock(restarted, "nobody") == (0, None)
    entry = audit(restarted).iloc[0]
    assert (entry.user, entry.action, entry.target) == ("ayse", "sign_in_locked", "ayse")
    db.save_sign_in_lock(restarted, "ayse", 2, None)
    assert db.sign_in_lock(restarted, "ayse") == (2, None)
    db.save_sign_in_lock(restarted, "ayse", 0, None)
    assert db.sign_in_lock(restarted, "ayse") == (0, None)
    assert audit(restarted)["action"].tolist().count("sign_in_locked") == 1
    restarted.dispose()


def test_parallel_guesses_are_counted_before_their_password_is_checked(db_url):
    """Ten sessions guessing at once: no more guesses are checked than the limit allows,
    and the name ends locked (the count is read and written in one step, before bcrypt)."""
    from concurrent.futures import ThreadPoolExecutor

    from cxcore import auth

    engine = db.get_engine(db_url)
    users = {"ayse": auth.User("ayse", auth.hash_password("correct horse"), "analyst")}
    now = datetime(2026, 3, 2, 9, 0)

    def guess(i: int) -> auth.SignIn:
        return auth.sign_in(
            users,
            "ayse",
            f"wrong horse {i}",
            now,
            count=lambda who, step: db.count_sign_in(engine, who, step)[0],
            clear=lambda who: db.save_sign_in_lock(engine, who, 0, None),
        )

    with ThreadPoolExecutor(10) as pool:
        results = list(pool.map(guess, range(10)))
    assert sum(r.checked for r in results) == auth.MAX_FAILURES
    assert not any(r.ok for r in results)
    failures, locked_until = db.sign_in_lock(engine, "ayse")
    assert locked_until == now + auth.LOCKOUT
    # Locked: even the right password is not checked until the lock ends.
    right = auth.sign_in(
        users,
        "ayse",
        "correct horse",
        now,
        count=lambda who, step: db.count_sign_in(engine, who, step)[0],
        clear=lambda who: db.save_sign_in_lock(engine, who, 0, None),
    )
    assert (right.ok, right.checked) == (False, False)
    later = auth.sign_in(
        users,
        "ayse",
        "correct horse",
        now + auth.LOCKOUT,
        count=lambda who, step: db.count_sign_in(engine, who, step)[0],
        clear=lambda who: db.save_sign_in_lock(engine, who, 0, None),
    )
    assert later.ok and db.sign_in_lock(engine, "ayse") == (0, None)
