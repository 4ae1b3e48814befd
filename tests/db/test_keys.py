"""The install's keys live outside the database: the upgrade that moves them, the keyed
duplicate key that a copy of the database cannot turn back into ids or phone numbers, and
the sealed customer ids the follow-up queue opens. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import hashlib
import io

import pytest
from sqlalchemy import delete, insert, select, update

import db
from cxcore import keys
from cxcore.filters import Filters
from cxcore.ingest import pipeline
from cxcore.ingest.privacy import hash_customer_id
from db.schema import InstallSecret, Response, SealedCustomerId, Upgrade

SURVEY = (
    "Response ID,Date,Customer ID,Channel,NPS,Comment\n"
    "R1,2026-03-02 10:00,TR100079,Phone,3,Beni 0532 123 45 67 numaradan arayın\n"
    "R2,2026-03-03 10:00,TR100080,Store,2,Kötü hizmet\n"
    "R3,2026-03-04 10:00,TR100081,Chat,9,Teşekkürler\n"
    "R4,2026-03-05 10:00,TR100079,Chat,1,Yine aradım ama kimse açmadı\n"
)
LEGACY = bytes(range(32))  # the key an older version made and kept inside the database


def unkeyed_hashes(text: str) -> set[str]:
    """What anyone can compute from a file without a key: the older version's sha1 of each
    row (its headers and cells), and plain sha1/sha256 of each row's text."""
    rows = list(csv.reader(io.StringIO(text)))
    prefix = "\x1e".join(rows[0]).encode() + b"\x1d"
    out = set()
    for cells in rows[1:]:
        record = "\x1f".join(cells).encode()
        out.add(hashlib.sha1(prefix + record).hexdigest())
        out.add(hashlib.sha1(record).hexdigest())
        out.add(hashlib.sha256(record).hexdigest()[:40])
    return out


def stored_keys(engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(conn.scalars(select(Response.source_key)))


def make_legacy(engine) -> None:
    """The database as an older version left it: pseudonyms under the key kept inside it
    (install_secrets), unkeyed sha1 duplicate keys, no key file, no upgrade made."""
    with engine.begin() as conn:
        conn.execute(insert(InstallSecret), {"name": "customer_id", "value": LEGACY.hex()})
        conn.execute(delete(Upgrade))
        conn.execute(delete(SealedCustomerId))  # older versions sealed nothing
        for row_id in conn.scalars(select(Response.id)):
            old = hashlib.sha1(f"old row {row_id}".encode()).hexdigest()
            conn.execute(update(Response).where(Response.id == row_id).values(source_key=old))


def test_the_upgrade_moves_the_key_out_keeps_pseudonyms_and_rekeys_duplicates(
    engine, monkeypatch, tmp_path
):
    key_file = tmp_path / "moved.key"
    monkeypatch.setenv("CX_KEY_FILE", str(key_file))
    monkeypatch.setenv("CX_SECRET_KEY", LEGACY.hex())  # import as the older version did
    pipeline.import_file(SURVEY.encode(), "survey.csv", engine=engine)
    make_legacy(engine)
    monkeypatch.delenv("CX_SECRET_KEY")
    pipeline._KEYS.clear()  # the first start after the upgrade
    before = db.responses_frame(engine, Filters())
    assert not key_file.exists()

    progress = []
    found = pipeline.install_keys(engine, progress=lambda f, m: progress.append((f, m)))

    assert found.pseudonym == LEGACY  # the key moved out as it was …
    assert key_file.read_text().strip() == LEGACY.hex()
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert db.legacy_secret(engine, "customer_id") is None  # … and is no longer inside
    with engine.connect() as conn:
        assert conn.scalar(select(InstallSecret.value)) is None
    after = db.responses_frame(engine, Filters())
    assert after["customer_id"].tolist() == before["customer_id"].tolist()
    assert hash_customer_id("TR100079", LEGACY) in set(after["customer_id"])
    assert not set(stored_keys(engine)) & {
        hashlib.sha1(f"old row {i}".encode()).hexdigest() for i in after["id"]
    }
    assert progress[-1] == (1.0, "Recomputed duplicate keys")
    assert db.upgrade_done(engine, db.KEYED_SOURCE_KEYS)
    # Recomputed from the stored rows alone, the keys still catch the same file again.
    again = pipeline.import_file(SURVEY.encode(), "again.csv", engine=engine)
    assert (again.accepted, again.duplicates) == (0, 4)
    later = pipeline.import_file(
        (SURVEY + "R5,2026-03-06 10:00,TR100079,Chat,0,Hâlâ bekliyorum\n").encode(),
        "later.csv",
        engine=engine,
    )
    assert (later.accepted, later.duplicates) == (1, 4)
    stored = db.responses_frame(engine, Filters()).set_index("response_id")
    assert stored.loc["R5", "customer_id"] == hash_customer_id("TR100079", LEGACY)


def test_a_key_given_that_is_not_the_one_inside_is_refused(engine, monkeypatch):
    pipeline.install_keys(engine)
    with engine.begin() as conn:
        conn.execute(insert(InstallSecret), {"name": "customer_id", "value": LEGACY.hex()})
    monkeypatch.setenv("CX_SECRET_KEY", "ab" * 32)
    pipeline._KEYS.clear()
    with pytest.raises(keys.KeysMissing, match="still holds the key of its customer-id"):
        pipeline.install_keys(engine)
    assert db.legacy_secret(engine, "customer_id") == LEGACY  # nothing lost


def test_a_copy_of_the_database_cannot_match_ids_or_recover_numbers_by_the_key(
    engine, monkeypatch, tmp_path
):
    first = pipeline.import_file(SURVEY.encode(), "survey.csv", engine=engine)
    assert first.accepted == 4
    keys_stored = stored_keys(engine)
    assert len(set(keys_stored)) == 4
    # An attacker with the database and a list of candidate ids builds each candidate's
    # row the way the file has it and hashes it: no key matches any of them.
    candidates = [f"TR{n}" for n in range(100_000, 100_100)]
    lines = SURVEY.splitlines()
    forged = "\n".join(
        [lines[0]] + [line.replace("TR100079", c) for c in candidates for line in lines[1:]]
    )
    assert not set(keys_stored) & (unkeyed_hashes(SURVEY) | unkeyed_hashes(forged))
    # The key is taken on the stored row: a row that differs only in the phone number
    # redaction removed has the same key, so the key holds nothing of the number.
    other_phone = SURVEY.replace("0532 123 45 67", "0555 987 65 43")
    second = pipeline.import_file(other_phone.encode(), "other.csv", engine=engine)
    assert (second.accepted, second.duplicates) == (0, 4)
    # And it is keyed: the same file in another install has other keys.
    monkeypatch.setenv("CX_KEY_FILE", str(tmp_path / "elsewhere.key"))
    other = db.get_engine(f"sqlite:///{tmp_path / 'elsewhere.sqlite'}")
    pipeline.import_file(SURVEY.encode(), "survey.csv", engine=other)
    assert not set(stored_keys(other)) & set(keys_stored)


def test_the_same_file_twice_is_all_duplicates_and_repeats_in_one_file_are_kept(engine):
    repeated = SURVEY + "R3,2026-03-04 10:00,TR100081,Chat,9,Teşekkürler\n"
    first = pipeline.import_file(repeated.encode(), "survey.csv", engine=engine)
    assert (first.accepted, first.duplicates) == (5, 0)  # a repeated row of one file is kept
    again = pipeline.import_file(repeated.encode(), "survey.csv", engine=engine)
    assert (again.accepted, again.duplicates) == (0, 5)


def test_customer_ids_are_sealed_opened_with_the_key_and_forgotten_with_their_import(engine):
    summary = pipeline.import_file(SURVEY.encode(), "survey.csv", engine=engine)
    found = pipeline.install_keys(engine)
    queue = db.follow_up_queue(engine, sealed_ids=True)
    assert queue["customer_id"].str.fullmatch(r"[0-9a-f]{16}").all()  # pseudonyms stored
    # Newest first: R4, R2, R1, their ids as the file wrote them.
    opened = keys.open_ids(queue["sealed_id"].tolist(), found)
    assert opened == ["TR100079", "TR100080", "TR100079"]
    with engine.connect() as conn:
        sealed = conn.execute(select(SealedCustomerId.pseudonym, SealedCustomerId.sealed)).all()
    assert len(sealed) == 3  # one per customer, whatever their responses
    assert not any("TR1000" in token for _, token in sealed)  # encrypted, not as written
    other = keys.InstallKeys(b"\x01" * 32)
    assert keys.open_ids([sealed[0][1]], other) == [None]  # another key opens nothing
    db.delete_import(engine, summary.import_id)
    with engine.connect() as conn:
        assert conn.scalar(select(SealedCustomerId.pseudonym)) is None  # erased with it


def test_postgresql_without_a_key_says_what_to_set(monkeypatch):
    monkeypatch.delenv("CX_KEY_FILE", raising=False)
    monkeypatch.delenv("CX_SECRET_KEY", raising=False)
    with pytest.raises(keys.KeysMissing, match="set CX_SECRET_KEY"):
        keys.find_keys(None, keys.key_file_path("postgresql+psycopg://cx@db/cx"))
    with pytest.raises(keys.KeysMissing, match="too short"):
        keys.find_keys("short", None)
    given = keys.find_keys("cd" * 32, None)
    assert (given.secret, given.source) == (bytes.fromhex("cd" * 32), "secrets")


def test_the_cli_refuses_an_import_without_a_usable_key_and_says_what_to_set(
    db_url, monkeypatch, tmp_path, capsys
):
    from cxcore import cli

    monkeypatch.delenv("CX_KEY_FILE", raising=False)
    if db_url.startswith("sqlite"):  # a key file would be made beside it: give a bad key
        monkeypatch.setenv("CX_SECRET_KEY", "short")
        expected = "CX_SECRET_KEY (env) is too short"
    else:
        expected = "No key for this database: set CX_SECRET_KEY"
    path = tmp_path / "survey.csv"
    path.write_text(SURVEY, encoding="utf-8")
    assert cli.main(["import", str(path), "--db", db_url]) == 2
    assert expected in capsys.readouterr().err
    assert db.responses_frame(db.get_engine(db_url), Filters()).empty  # nothing stored
