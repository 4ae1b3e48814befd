"""The audit log as a person reads it: users, targets and details in their language."""

from __future__ import annotations

import db
from cxcore.audit_words import audit_details, audit_rows, audit_target, audit_user
from cxcore.ingest.pipeline import import_file

SURVEY = "Response ID,Date,NPS,Comment\nR1,2026-03-02,3,Nobody called\nR2,2026-03-03,x,Fine\n"


def test_an_import_reads_in_czech_with_its_figures_named(db_url):
    engine = db.get_engine(db_url)
    import_file(SURVEY.encode(), "nps.csv", engine=engine, survey="Březen")
    log = audit_rows(db.audit_frame(engine), "cs", lambda action: f"<{action}>")
    row = log.iloc[0]
    assert row["user"] == "(otevřený přehled)" and row["action"] == "<import>"
    assert row["target"].startswith("Import ")
    assert row["details"].startswith("Soubor: nps.csv; Průzkum: Březen; Importováno: ")
    assert "Odmítnuto: 1" in row["details"]  # the row whose NPS is "x"


def test_ids_are_counted_and_unknown_keys_kept_as_stored():
    details = {"response_ids": list(range(1500)), "ids": True, "brand_new": 7}
    shown = audit_details(details, "tr")
    assert shown == (
        "Yanıt kimlikleri: toplam 1.500; Yazıldığı gibi müşteri kimlikleri: evet; brand_new: 7"
    )
    assert audit_details({}, "en") == "–"


def test_targets_and_users_the_code_writes_read_as_words():
    assert audit_target("follow-up queue", "download", "tr") == "Takip listesi"
    assert audit_target("1234 responses", "retag", "cs") == "Odpovědi: 1\u00a0234"
    assert audit_target("support", "move_stage", "en") == "support"  # a key: as stored
    assert audit_user("local", "tr") == "(açık pano)" and audit_user("ayse", "tr") == "ayse"
