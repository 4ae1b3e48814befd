"""Crash-safe and concurrent imports (issue 8, point 3), with real processes on a real SQLite file
(the last two tests on PostgreSQL too, when a server is given).

- an import killed (SIGKILL) while it stores rows leaves the database exactly as before,
  and the next start is clean;
- two imports started at once from two processes both complete, never "database is locked";
- a reader during an import sees none of it or all of it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

import db
from cxcore.ingest import pipeline
from tests.planted import run_importer
from tests.survey_files import large_csv

ROOT = Path(__file__).resolve().parents[2]
FIRST = b"response_id,nps,comment\r\nR1,9,Kargo hizliydi\r\nR2,3,Fatura yanlis geldi\r\n"


def _wait_for(path: Path, process: subprocess.Popen[str], timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the import never started storing"
        time.sleep(0.05)


def _dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def _counts(path: Path) -> tuple[int, int]:
    """(imports, responses), each read in one statement, i.e. one snapshot."""
    with closing(sqlite3.connect(path, timeout=60)) as conn:
        return conn.execute(
            "SELECT (SELECT count(*) FROM imports), (SELECT count(*) FROM responses)"
        ).fetchone()


@pytest.fixture
def stocked(tmp_path: Path) -> tuple[str, Path]:
    """A SQLite file holding one small import, and its URL."""
    path = tmp_path / "cx.sqlite"
    url = f"sqlite:///{path}"
    pipeline.import_file(FIRST, "first.csv", engine=db.get_engine(url))
    db.get_engine(url).dispose()
    return url, path


def test_an_import_killed_while_storing_leaves_the_database_as_it_was(stocked, tmp_path):
    url, path = stocked
    big = tmp_path / "big.csv"
    big.write_bytes(large_csv(60_000))
    before = _dump(path)
    marker = tmp_path / "storing"
    importer = run_importer(url, big, str(marker), pause=2.0)
    _wait_for(marker, importer)
    time.sleep(0.3)  # first chunk inserted, transaction open
    importer.send_signal(signal.SIGKILL)
    importer.communicate(timeout=30)
    assert importer.returncode == -signal.SIGKILL

    # The next start: a new process opens the file as the dashboard would.
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert _dump(path) == before
    engine = db.get_engine(url)  # its pool was disposed: new connections, as on a restart
    summary = pipeline.import_file(big.read_bytes(), "big.csv", engine=engine)
    assert (summary.accepted, summary.duplicates) == (60_000, 0)
    assert _counts(path) == (2, 60_002)


@pytest.mark.parametrize("after", [0.5, 2.0, 4.0])
def test_an_import_killed_at_any_moment_leaves_the_database_as_it_was(stocked, tmp_path, after):
    """Starting, reading, mapping or scoring: whenever the kill lands, nothing changed."""
    url, path = stocked
    big = tmp_path / "big.csv"
    big.write_bytes(large_csv(40_000))
    before = _dump(path)
    importer = run_importer(url, big, "-", pause=0.5)
    time.sleep(after)
    importer.send_signal(signal.SIGKILL)
    importer.communicate(timeout=30)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert _dump(path) == before or _counts(path) == (2, 40_002)  # done before the kill
    assert _counts(path) in {(1, 2), (2, 40_002)}


def test_two_imports_at_once_both_complete_and_the_same_rows_count_once(stocked, tmp_path):
    url, path = stocked
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    one.write_bytes(large_csv(30_000, seed=1))
    # The second file repeats the first file's rows: whichever stores second must count them
    # as duplicates, not fail on the unique key.
    two.write_bytes(large_csv(30_000, seed=1))
    marker = tmp_path / "storing"
    first = run_importer(url, one, str(marker), pause=1.0)
    second = run_importer(url, two, "-", pause=0.0)
    results = [process.communicate(timeout=600) for process in (first, second)]
    for process, (out, err) in zip((first, second), results, strict=True):
        assert "locked" not in err
        assert process.returncode == 0, err
    accepted = sorted(int(out.split()[1]) for out, _ in results)
    duplicates = sorted(int(out.split()[2]) for out, _ in results)
    assert accepted == [0, 30_000] and duplicates == [0, 30_000]
    assert _counts(path) == (3, 30_002)
    assert db.summary(db.get_engine(url))["n"].sum() == 30_002  # the sums count each once


def test_a_reader_during_an_import_sees_none_or_all_of_it(stocked, tmp_path):
    url, path = stocked
    big = tmp_path / "big.csv"
    big.write_bytes(large_csv(30_000))
    marker = tmp_path / "storing"
    importer = run_importer(url, big, str(marker), pause=0.5)
    _wait_for(marker, importer)
    seen = set()
    while importer.poll() is None:
        seen.add(_counts(path))
        time.sleep(0.02)
    _, err = importer.communicate()
    assert importer.returncode == 0, err
    seen.add(_counts(path))
    assert seen <= {(1, 2), (2, 30_002)}
    assert (1, 2) in seen and (2, 30_002) in seen  # the reader ran during and after


def test_an_import_that_cannot_get_the_lock_says_so_and_stores_nothing(tmp_path, monkeypatch):
    import db.engine

    # Wait one second once, instead of ten rounds of a minute, for this test.
    monkeypatch.setattr(db.engine, "SQLITE_BUSY_TIMEOUT_S", 1)
    monkeypatch.setattr(db.engine, "_WRITE_WAIT_ROUNDS", 1)
    path = tmp_path / "busy.sqlite"
    engine = db.get_engine(path)
    pipeline.import_file(FIRST, "first.csv", engine=engine)
    before = _dump(path)
    with closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("BEGIN IMMEDIATE")  # another writer that does not finish
        with pytest.raises(db.DatabaseBusy) as raised:
            pipeline.import_file(large_csv(10), "second.csv", engine=engine)
        holder.execute("ROLLBACK")
    assert str(raised.value) == (
        "Another import or change has been writing to the database for over 1 seconds: "
        "nothing was stored; try again when it has finished."
    )
    assert _dump(path) == before


def test_two_imports_of_the_same_rows_at_once_count_them_once_on_either_database(db_url, tmp_path):
    """The second import waits for the first's write lock, then counts its rows as
    duplicates. On PostgreSQL both used to find the rows new, and the second failed on
    the unique key."""
    engine = db.get_engine(db_url)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    one.write_bytes(large_csv(30_000, seed=1))
    two.write_bytes(large_csv(30_000, seed=1))
    first = run_importer(db_url, one, str(tmp_path / "storing"), pause=3.0)
    second = run_importer(db_url, two, "-", pause=0.0)
    results = [process.communicate(timeout=600) for process in (first, second)]
    for process, (_, err) in zip((first, second), results, strict=True):
        assert process.returncode == 0, err
    assert sorted(int(out.split()[1]) for out, _ in results) == [0, 30_000]  # accepted
    assert sorted(int(out.split()[2]) for out, _ in results) == [0, 30_000]  # duplicates
    assert len(db.list_imports(engine)) == 2
    assert db.summary(engine)["n"].sum() == 30_000


def test_an_import_that_waits_too_long_for_the_write_lock_stores_nothing_on_either_database(
    db_url, monkeypatch
):
    import db.engine

    monkeypatch.setattr(db.engine, "SQLITE_BUSY_TIMEOUT_S", 1)  # one second, not ten minutes
    monkeypatch.setattr(db.engine, "_WRITE_WAIT_ROUNDS", 1)
    engine = db.get_engine(db_url)
    pipeline.import_file(FIRST, "first.csv", engine=engine)
    with engine.connect() as holder, holder.begin():
        db.engine.lock_for_writing(holder)  # another writer that does not finish
        with pytest.raises(db.DatabaseBusy):
            pipeline.import_file(large_csv(10), "second.csv", engine=engine)
    assert len(db.list_imports(engine)) == 1
    assert db.summary(engine)["n"].sum() == 2


def test_every_writer_waits_for_the_write_lock_and_gives_up_with_a_message(db_url, monkeypatch):
    """Re-tag, stage move, hand tags, follow-ups, re-scores and deleting an import take the
    write lock before reading what they change, as an import does: while another writer
    holds it they wait, then give up with DatabaseBusy and change nothing (on SQLite they
    used to fail with "database is locked" when an import committed between their read and
    their write; on PostgreSQL they did not wait for an import at all)."""
    import db.engine
    from cxcore import followup
    from cxcore.text.taxonomy import load_taxonomy

    monkeypatch.setattr(db.engine, "SQLITE_BUSY_TIMEOUT_S", 1)
    monkeypatch.setattr(db.engine, "_WRITE_WAIT_ROUNDS", 1)
    engine = db.get_engine(db_url)
    pipeline.load_demo(engine, rows=300)
    responses = db.responses_frame(engine, columns=["id", "stage"])
    ids = responses.loc[responses["stage"] != "loyalty", "id"].head(5).tolist()
    queue = db.follow_up_queue(engine)
    edited = queue.assign(status=["contacted"] * len(queue))
    rescored = db.responses_frame(
        engine, columns=["id", "language", "sentiment", "sentiment_label", "sentiment_model"]
    ).head(5)
    writers = {
        "re-tag": lambda: pipeline.retag_responses(engine, load_taxonomy()),
        "stage move": lambda: db.move_stage(engine, "awareness", "consideration"),
        "hand tags": lambda: db.set_manual_tags(engine, ids, "loyalty", "chat"),
        "follow-ups": lambda: db.set_follow_ups(engine, followup.queue_changes(queue, edited)),
        "re-score": lambda: db.update_sentiment(engine, rescored.assign(sentiment=-0.9)),
        "delete import": lambda: db.delete_import(engine, int(db.list_imports(engine)["id"][0])),
    }
    version = db.data_version(engine)
    waited = []
    with engine.connect() as holder, holder.begin():
        db.engine.lock_for_writing(holder)  # an import that is still storing
        for name, write in writers.items():
            with pytest.raises(db.DatabaseBusy):
                write()
            waited.append(name)
    assert waited == list(writers)
    assert db.data_version(engine) == version  # nothing changed
    assert db.summary(engine)["n"].sum() == 300


def _old_staging_folder(parent: Path, name: str) -> Path:
    """A staging folder with its rows file, last changed just after the machine started."""
    folder = parent / name
    folder.mkdir()
    (folder / "rows.sqlite").write_bytes(b"\0" * 4096)
    boot = next(
        int(line.split()[1])
        for line in Path("/proc/stat").read_text().splitlines()
        if line.startswith("btime ")
    )
    os.utime(folder, (boot + 5, boot + 5))
    return folder


def test_staging_left_by_a_killed_import_is_removed_at_the_next_start(tmp_path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process that has ended: its pid names the crashed load's folder
    crashed = _old_staging_folder(tmp_path, f"cx-import-{gone.pid}-abc123")
    legacy = _old_staging_folder(tmp_path, "cx-import-k2j4h5")  # named before pids were
    held = _old_staging_folder(tmp_path, "cx-import-1-live00")  # pid 1 runs since boot
    unrelated = _old_staging_folder(tmp_path, "exports")
    db.get_engine(tmp_path / "cx.sqlite")
    assert not crashed.exists() and not legacy.exists()
    assert held.exists() and unrelated.exists()
