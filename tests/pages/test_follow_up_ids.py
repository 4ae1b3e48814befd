"""The follow-up queue in the real Streamlit runtime: who sees customer ids as written (an
open dashboard, analysts, admins), who sees pseudonyms (viewers), every reveal and
download audited, and what the page says without a key."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

import db
from cxcore import auth
from cxcore.ingest import pipeline

ROOT = Path(__file__).resolve().parents[2]
SURVEY = (
    "Response ID,Date,Customer ID,Channel,NPS,Comment\n"
    "R1,2026-03-02 10:00,TR100079,Phone,3,Beni arayın\n"
    "R2,2026-03-03 10:00,CZ-2001,Store,2,Kötü hizmet\n"
    "R3,2026-03-04 10:00,TR100081,Chat,9,Teşekkürler\n"
    "R4,2026-03-05 10:00,=HYPERLINK(1),Chat,1,Yine aradım\n"
)
AS_WRITTEN = ["=HYPERLINK(1)", "CZ-2001", "TR100079"]  # the queue, newest first


def open_follow_up(monkeypatch, url: str, user: tuple[str, str] | None = None) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    if user is not None:
        at.text_input[0].input(user[0])
        at.text_input[1].input(user[1])
        at = at.button[0].click().run()
    at.switch_page("pages/follow_up.py").run()
    assert not at.exception
    return at


@pytest.fixture(autouse=True)
def deferred(monkeypatch) -> dict:
    """The functions download buttons build their file with on click, by file name: AppTest
    has no server to click through, so the test calls them as Streamlit's server would."""
    kept: dict = {}
    original = MediaFileManager.add_deferred

    def keep(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        kept[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    return kept


def downloaded_csv(at: AppTest, deferred: dict) -> pd.DataFrame:
    """The queue's CSV as the button hands it over (built on click, as in a browser)."""
    assert any(b.proto.label == "Download as CSV" for b in at.get("download_button"))
    data = deferred["follow-up.csv"]()
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)


def audited(url: str) -> pd.DataFrame:
    return db.audit_frame(db.get_engine(url))


def test_an_open_dashboard_shows_and_downloads_the_ids_as_written_audited(
    monkeypatch, db_url, deferred
):
    pipeline.import_file(SURVEY.encode(), "survey.csv", engine=db.get_engine(db_url))
    at = open_follow_up(monkeypatch, db_url)
    shown = at.data_editor[0].value
    assert shown["customer_id"].tolist() == AS_WRITTEN
    log = audited(db_url)
    reveal = log[log["action"] == "reveal_ids"].iloc[0]
    assert (reveal["user"], reveal["target"], reveal["details"]["ids"]) == (
        "local",
        "follow-up queue",
        3,
    )
    csv = downloaded_csv(at, deferred)
    # As written (a formula-like id made inert by the one CSV writer).
    assert csv["customer_id"].tolist() == ["'=HYPERLINK(1)", "CZ-2001", "TR100079"]
    download = audited(db_url).iloc[0]
    assert (download["action"], download["details"]) == ("download_ids", {"rows": 3, "ids": 3})
    # A rerun shows the same ids without a second reveal entry.
    at.run()
    assert (audited(db_url)["action"] == "reveal_ids").sum() == 1


def test_a_viewer_reads_the_queue_with_pseudonyms_and_cannot_edit(
    monkeypatch, db_url, users_file, deferred
):
    engine = db.get_engine(db_url)
    pipeline.import_file(SURVEY.encode(), "survey.csv", engine=engine)
    auth.save_users(auth.add_user({}, "vera", "viewer", "viewer-pass"), users_file)
    at = open_follow_up(monkeypatch, db_url, ("vera", "viewer-pass"))
    pseudonyms = db.follow_up_queue(engine)["customer_id"].tolist()
    assert at.data_editor[0].value["customer_id"].tolist() == pseudonyms
    assert not set(pseudonyms) & set(AS_WRITTEN)
    assert any("Customer ids are pseudonyms" in c.value for c in at.main.caption)
    assert not [b for b in at.button if b.key == "save_follow_ups"]
    assert downloaded_csv(at, deferred)["customer_id"].tolist() == pseudonyms
    log = audited(db_url)
    assert "reveal_ids" not in set(log["action"])
    assert log.iloc[0]["action"] == "download" and log.iloc[0]["user"] == "vera"


def test_an_analyst_sees_the_ids_as_written(monkeypatch, db_url, users_file):
    pipeline.import_file(SURVEY.encode(), "survey.csv", engine=db.get_engine(db_url))
    auth.save_users(auth.add_user({}, "ali", "analyst", "analyst-pass"), users_file)
    at = open_follow_up(monkeypatch, db_url, ("ali", "analyst-pass"))
    assert at.data_editor[0].value["customer_id"].tolist() == AS_WRITTEN
    assert audited(db_url).iloc[0][["user", "action"]].tolist() == ["ali", "reveal_ids"]


def test_without_the_key_the_queue_says_how_to_enable_it(monkeypatch, db_url):
    pipeline.import_file(SURVEY.encode(), "survey.csv", engine=db.get_engine(db_url))
    monkeypatch.setenv("CX_SECRET_KEY", "too-short")
    at = open_follow_up(monkeypatch, db_url)
    assert "no key to open them" in at.info[0].value
    assert r"CX\_SECRET\_KEY \(env\) is too short" in at.info[0].value  # what to fix
    assert not set(at.data_editor[0].value["customer_id"]) & set(AS_WRITTEN)


def test_the_first_start_after_the_upgrade_moves_the_key_out_of_the_database(
    monkeypatch, db_url, tmp_path
):
    from sqlalchemy import delete, insert

    from db.schema import InstallSecret, Upgrade

    engine = db.get_engine(db_url)
    pipeline.import_file(SURVEY.encode(), "survey.csv", engine=engine)
    key_file = tmp_path / "cx.key"
    secret = key_file.read_text().strip()
    with engine.begin() as conn:  # as an older version left it: the key inside, no file
        conn.execute(insert(InstallSecret), {"name": "customer_id", "value": secret})
        conn.execute(delete(Upgrade))
    key_file.unlink()
    pipeline._KEYS.clear()
    before = db.follow_up_queue(engine)["customer_id"].tolist()
    at = open_follow_up(monkeypatch, db_url)  # any page: the app makes the upgrade
    assert key_file.read_text().strip() == secret
    assert db.legacy_secret(engine, "customer_id") is None
    assert db.follow_up_queue(engine)["customer_id"].tolist() == before
    assert db.upgrade_done(engine, db.KEYED_SOURCE_KEYS)
    assert at.data_editor[0].value["customer_id"].tolist() == AS_WRITTEN
