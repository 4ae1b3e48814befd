"""Unmapped columns kept with responses: the import's column names stored once, not per row;
databases that kept them per row are rewritten at the next start, and read the same."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Text, cast, delete, func, select, text, update

import db
from cxcore.ingest import pipeline
from db.extras import EXTRA_BY_POSITION
from db.schema import Import, Response, Upgrade

_LONG = "Please tell us in your own words " * 60  # 1,980 characters, under the 2,000 bound


def _survey(unmapped: str, rows: int = 100) -> bytes:
    """`rows` responses with one column the mapping leaves alone, headed `unmapped`."""
    lines = [f"response_id,nps,comment,{unmapped}"] + [
        f"R{n},{n % 11},Kargo {n} gün geç geldi,branch {n % 7}" for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def _stored_text(engine) -> int:
    """Characters the responses' extras and the imports' column names take as stored."""
    with engine.connect() as conn:
        extras = conn.scalar(select(func.sum(func.length(cast(Response.extra, Text)))))
        names = conn.scalar(select(func.sum(func.length(cast(Import.extra_columns, Text)))))
    return int(extras or 0) + int(names or 0)


def _file_size(engine) -> int:
    """The SQLite file's size with its log written in."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return Path(engine.url.database).stat().st_size


def test_a_long_column_name_is_stored_once_not_once_per_row(db_url, tmp_path):
    engine = db.get_engine(db_url)
    header = _LONG.strip()
    assert len(header) > 1_900
    pipeline.import_file(_survey("Branch"), "short.csv", engine=engine)
    before = _stored_text(engine), engine.dialect.name == "sqlite" and _file_size(engine)
    pipeline.import_file(_survey(header).replace(b"R", b"S"), "long.csv", engine=engine)
    after = _stored_text(engine), engine.dialect.name == "sqlite" and _file_size(engine)

    # The second import stores the same cells; only its column name is longer (by 1,974).
    assert after[0] - 2 * before[0] < 3 * len(header)  # per row it was 100 x 1,980
    if engine.dialect.name == "sqlite":
        assert after[1] - before[1] < 40_000  # a few pages, not 200 kB
    extras = db.responses_frame(engine).set_index("response_id")["extra"]
    assert extras["R3"] == {"Branch": "branch 3"}
    assert extras["S3"] == {header: "branch 3"}


def test_a_database_keeping_names_per_row_is_rewritten_and_reads_the_same(db_url):
    engine = db.get_engine(db_url)
    pipeline.import_file(_survey("Şube"), "a.csv", engine=engine)
    pipeline.import_file(_survey("Plaka").replace(b"R", b"P"), "b.csv", engine=engine)
    expected = db.responses_frame(engine).set_index("response_id")["extra"].to_dict()
    assert expected["R5"] == {"Şube": "branch 5"} and expected["P5"] == {"Plaka": "branch 5"}
    # Made as a database before 2027-01 kept it: {name: value} in every row, no names on
    # the import (the column did not exist), the rewrite not done.
    with engine.begin() as conn:
        for row_id, response_id in conn.execute(
            select(Response.id, Response.response_id).where(Response.response_id.is_not(None))
        ).all():
            conn.execute(
                update(Response).where(Response.id == row_id).values(extra=expected[response_id])
            )
        conn.execute(delete(Upgrade).where(Upgrade.name == EXTRA_BY_POSITION))
        conn.execute(text("ALTER TABLE imports DROP COLUMN extra_columns"))
    engine.dispose()
    db.engine._engine_for.cache_clear()

    upgraded = db.get_engine(db_url)  # the next start rewrites it
    assert db.responses_frame(upgraded).set_index("response_id")["extra"].to_dict() == expected
    with upgraded.connect() as conn:
        stored = dict(conn.execute(select(Response.response_id, Response.extra)).all())
        names = conn.execute(select(Import.filename, Import.extra_columns)).all()
        done = conn.scalar(select(Upgrade.name).where(Upgrade.name == EXTRA_BY_POSITION))
    assert (stored["R5"], stored["P5"]) == (["branch 5"], ["branch 5"])
    assert sorted(names) == [("a.csv", ["Şube"]), ("b.csv", ["Plaka"])]
    assert done == EXTRA_BY_POSITION
    # And a stage's responses, read by the same path the pages use, say the same.
    stage = db.responses_frame(upgraded)["stage"].iloc[0]
    some = db.stage_responses(upgraded, stage, columns=["response_id", "extra"])
    assert {r: expected[r] for r in some["response_id"]} == dict(
        zip(some["response_id"], some["extra"], strict=True)
    )
    assert list(some.columns) == ["response_id", "extra"]
