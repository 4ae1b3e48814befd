"""A database configured wrong, or a disk that fills: one clear line that says what to fix
(the CLI exits with 2, the pages show it), never a traceback, and nothing created by
mistake. Real files, a real refused PostgreSQL port, a real SQLITE_FULL."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import db
from cxcore.demo import demo_csv_bytes
from cxcore.ingest import pipeline

ROOT = Path(__file__).resolve().parent.parent


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bad_databases(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """Each wrong configuration: (the --db value, words the message must hold)."""
    folder = tmp_path / "a-folder"
    folder.mkdir()
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 2\x00" + os.urandom(4096))
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database\n")
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    port = closed_port()
    return {
        "folder": (str(folder), "is a folder, not a file"),
        "damaged file": (str(damaged), "is not a usable SQLite database"),
        "text file": (str(text), "is not a usable SQLite database"),
        "missing folder": (str(tmp_path / "no-such-folder" / "cx.sqlite"), "does not exist"),
        "path under a file": (str(a_file / "cx.sqlite"), "does not exist"),
        "unknown scheme": ("mongodb://127.0.0.1/cx", "scheme 'mongodb' is not supported"),
        "postgresql down": (
            f"postgresql+psycopg://cx:secret-pw@127.0.0.1:{port}/cx",
            f"Cannot connect to the database server at 127.0.0.1:{port}/cx",
        ),
    }


CASES = [
    "folder",
    "damaged file",
    "text file",
    "missing folder",
    "path under a file",
    "unknown scheme",
    "postgresql down",
]


@pytest.mark.parametrize("case", CASES)
def test_the_cli_says_what_to_fix_in_one_line_and_exits_2(tmp_path, case):
    url, words = bad_databases(tmp_path)[case]
    done = subprocess.run(
        [sys.executable, "-m", "cxcore", "curve", "--db", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], lines
    assert "Traceback" not in done.stderr and "secret-pw" not in done.stderr


def test_a_missing_folder_is_not_created_as_an_empty_dashboard(tmp_path):
    url = f"sqlite:///{tmp_path / 'typo' / 'cx.sqlite'}"
    with pytest.raises(db.DatabaseUnusable, match="The folder .*typo of the database does not"):
        db.get_engine(url)
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize("case", ["folder", "damaged file", "unknown scheme", "postgresql down"])
def test_a_page_says_what_to_fix_without_a_traceback(monkeypatch, tmp_path, users_file, case):
    url, words = bad_databases(tmp_path)[case]
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] and at.error[0].value.startswith(
        "The dashboard cannot use its database."
    )
    assert words in at.error[0].value.replace("\\", "")
    at.switch_page("pages/stage.py").run()  # a page opened directly checks too
    assert not at.exception and words in at.error[0].value.replace("\\", "")


def test_a_page_speaks_the_users_language(monkeypatch, tmp_path, users_file):
    url, _ = bad_databases(tmp_path)["folder"]
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["_kept_ui_lang"] = "cs"
    at.run()
    assert not at.exception
    assert "je složka, ne soubor" in at.error[0].value


def full_database(tmp_path: Path) -> str:
    """A SQLite database that may grow to 40 pages: SQLite itself reports SQLITE_FULL."""
    url = f"sqlite:///{tmp_path / 'small.sqlite'}"
    with db.get_engine(url).begin() as conn:
        conn.exec_driver_sql("PRAGMA max_page_count = 40")
    return url


def test_a_full_database_is_said_so_and_nothing_is_stored(tmp_path):
    engine = db.get_engine(full_database(tmp_path))
    with pytest.raises(db.DatabaseUnusable, match=r"is full: nothing was stored; free some"):
        pipeline.import_file(demo_csv_bytes(rows=3000, seed=5), "survey.csv", engine=engine)
    assert db.list_imports(engine).empty


def test_a_full_disk_on_the_import_page_is_a_message(monkeypatch, tmp_path, users_file):
    url = full_database(tmp_path)
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/upload.py").run()
    at = at.file_uploader[0].set_value(("survey.csv", demo_csv_bytes(rows=3000), "text/csv"))
    at = at.run()
    assert not at.exception and at.metric  # the preview
    at.button[0].click().run()
    assert not at.exception
    assert any("is full: nothing was stored" in e.value.replace("\\", "") for e in at.error)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a file system needs root")
def test_a_read_only_disk_and_a_full_disk_for_real(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)]).returncode:
        pytest.skip("cannot mount here")
    try:
        engine = db.get_engine(mount / "cx.sqlite")
        with pytest.raises(db.DatabaseUnusable, match="is full"):  # the large-load path too
            pipeline.import_file(demo_csv_bytes(rows=60_000, seed=5), "big.csv", engine=engine)
        engine.dispose()
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        with pytest.raises(db.DatabaseUnusable, match="is read-only"):
            db.get_engine(mount / "other.sqlite")
    finally:
        subprocess.run(["umount", "-l", str(mount)])
