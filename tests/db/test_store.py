"""Storing imports: one transaction, duplicates, rejections, remembered mappings."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pandas as pd
import pytest
from sqlalchemy import event, func, insert, inspect, select, text
from sqlalchemy.exc import IntegrityError

import db
from cxcore import fields as F
from cxcore.filters import Filters
from db.schema import Import, Rejection, Response


def accepted_frame(rows: list[dict]) -> pd.DataFrame:
    """A validated, tagged and scored frame as the pipeline hands it to the store."""
    base = {c: None for c in (*F.RESPONSE_COLUMNS, *F.DERIVED_COLUMNS)}
    frame = pd.DataFrame([{**base, F.EXTRA: {}, **r} for r in rows])
    frame[F.SUBMITTED_AT] = pd.to_datetime(frame[F.SUBMITTED_AT], utc=True)
    return frame


def rejected_frame(rows: list[tuple[int, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{F.ROW_NUMBER: n, "reason": reason, "raw": {"NPS": "11"}} for n, reason in rows],
        columns=list(F.REJECTION_COLUMNS),
    )


def response(key: str, stage: str, sentiment: float, nps: float | None = None, **more) -> dict:
    return {
        F.SOURCE_KEY: key,
        F.ROW_NUMBER: 2,
        F.SUBMITTED_AT: "2026-03-01 10:00:00+03:00",
        F.STAGE: stage,
        F.STAGE_SOURCE: "column",
        F.TOUCHPOINT: "phone",
        F.TOUCHPOINT_SOURCE: "column",
        F.SENTIMENT: sentiment,
        F.SENTIMENT_LABEL: "negative" if sentiment < 0 else "positive",
        F.NPS: nps,
        F.COMMENT: "Çağrı merkezinde 40 dakika bekledim",
        **more,
    }


def save(engine, accepted, rejected=None):
    return db.save_import(
        engine,
        filename="nps.csv",
        survey="Destek anketi",
        layout="plain",
        encoding="utf-8",
        mapping={"NPS": "nps"},
        accepted=accepted,
        rejected=rejected if rejected is not None else rejected_frame([]),
    )


def count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model))


def test_save_import_stores_responses_rejections_and_counts(engine):
    accepted = accepted_frame([response("a", "support", -0.5, 3), response("b", "usage", 0.4, 9)])
    summary = save(engine, accepted, rejected_frame([(4, "NPS '11' is outside 0–10")]))

    assert (summary.rows, summary.accepted, summary.rejected, summary.duplicates) == (3, 2, 1, 0)
    assert summary.as_dict()["rejections"] == [{"row": 4, "reason": "NPS '11' is outside 0–10"}]
    stored = db.responses_frame(engine)
    assert sorted(stored["source_key"]) == ["a", "b"]
    assert (
        stored.loc[stored.source_key == "a", "comment"].item()
        == "Çağrı merkezinde 40 dakika bekledim"
    )
    # 10:00 in Istanbul is 07:00 UTC.
    assert stored["submitted_at"].iloc[0] == pd.Timestamp("2026-03-01 07:00", tz="UTC")
    assert db.rejections_frame(engine, summary.import_id)["reason"].tolist() == [
        "NPS '11' is outside 0–10"
    ]


def test_moments_are_stored_as_the_database_layer_writes_them(engine):
    # The bulk path writes timestamps as text itself; they must read back as the same
    # UTC moments and compare in SQL like those SQLAlchemy writes (the date filters).
    moments = ["2026-03-01 10:00:00+03:00", "2026-03-01 23:59:59.000001+00:00", None]
    keys = ["a", "b", "c"]
    accepted = accepted_frame([response(k, "support", 0.1) for k in keys])
    accepted[F.SUBMITTED_AT] = pd.to_datetime(pd.Series(moments), utc=True, format="ISO8601")
    save(engine, accepted)
    with engine.connect() as conn:
        stored = conn.execute(
            select(Response.source_key, Response.submitted_at).order_by(Response.source_key)
        ).all()
        on_first = conn.execute(
            select(Response.source_key).where(
                Response.submitted_at >= datetime(2026, 3, 1, 7, 0),
                Response.submitted_at < datetime(2026, 3, 1, 23, 59, 59, 1),
            )
        ).all()
    assert stored == [
        ("a", datetime(2026, 3, 1, 7, 0)),
        ("b", datetime(2026, 3, 1, 23, 59, 59, 1)),
        ("c", None),
    ]
    assert on_first == [("a",)]


def test_same_rows_again_are_duplicates_and_rejections_are_rejected_again(engine):
    accepted = accepted_frame([response("a", "support", -0.5), response("b", "usage", 0.4)])
    save(engine, accepted, rejected_frame([(4, "bad")]))
    again = save(engine, accepted, rejected_frame([(4, "bad")]))

    assert (again.accepted, again.duplicates, again.rejected) == (0, 2, 1)
    assert count(engine, Response) == 2


def test_repeated_row_inside_one_file_is_stored_once(engine):
    accepted = accepted_frame([response("a", "support", -0.5), response("a", "support", -0.5)])
    summary = save(engine, accepted)
    assert (summary.accepted, summary.duplicates) == (1, 1)


def test_failed_import_leaves_database_unchanged(engine):
    save(engine, accepted_frame([response("a", "support", -0.5)]))
    before = (count(engine, Import), count(engine, Response), count(engine, Rejection))
    broken = accepted_frame(
        [response("b", "usage", 0.1), response("c", None, 0.2)]
    )  # stage NOT NULL

    with pytest.raises(Exception):  # noqa: B017 - any database error must roll back everything
        save(engine, broken, rejected_frame([(7, "bad")]))

    assert (count(engine, Import), count(engine, Response), count(engine, Rejection)) == before


def test_stage_summary_groups_in_sql_and_filters(engine):
    save(
        engine,
        accepted_frame(
            [
                response("a", "support", -0.6, 2, survey="A"),
                response("b", "support", -0.2, 10, survey="A"),
                response("c", "usage", 0.5, 9, survey="B"),
            ]
        ),
    )
    summary = db.stage_summary(engine).set_index("stage")
    assert summary.loc["support", "n"] == 2
    assert summary.loc["support", "sentiment_mean"] == pytest.approx(-0.4)
    assert summary.loc["support", ["promoters", "detractors"]].tolist() == [1, 1]
    only_b = db.stage_summary(engine, Filters(surveys=("B",)))
    assert only_b["stage"].tolist() == ["usage"]


def test_remembered_mapping_is_returned_for_the_same_signature(engine):
    db.remember_mapping(engine, "sig1", {"Puan": "nps"})
    db.remember_mapping(engine, "sig1", {"Puan": "csat"})
    assert db.saved_mapping(engine, "sig1") == {"Puan": "csat"}
    assert db.saved_mapping(engine, "other") is None


def test_resolve_url_accepts_paths_and_urls(tmp_path):
    assert db.resolve_url(tmp_path / "x.sqlite") == f"sqlite:///{tmp_path / 'x.sqlite'}"
    assert db.resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_sqlite_runs_in_wal_mode(tmp_path):
    with db.get_engine(tmp_path / "cx.sqlite").connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_data_version_changes_with_every_import_even_of_duplicates(engine):
    empty = db.data_version(engine)
    accepted = accepted_frame([response("a", "support", -0.5)])
    save(engine, accepted)
    first = db.data_version(engine)
    save(engine, accepted)
    assert len({empty, first, db.data_version(engine)}) == 3


def test_manual_tags_are_stored_as_manual_and_bump_the_version(engine):
    save(engine, accepted_frame([response("a", "support", -0.5), response("b", "usage", 0.4)]))
    stored = db.responses_frame(engine).set_index("source_key")
    before = db.data_version(engine)
    changed = db.set_manual_tags(engine, [int(stored.loc["a", "id"])], "loyalty", "email")
    after = db.responses_frame(engine).set_index("source_key")
    assert changed == 1
    assert after.loc[
        "a", ["stage", "stage_source", "touchpoint", "touchpoint_source"]
    ].tolist() == [
        "loyalty",
        "manual",
        "email",
        "manual",
    ]
    assert after.loc["b", "stage_source"] == "column"
    assert db.data_version(engine) != before


def test_long_values_and_nul_characters_are_stored_alike_on_every_database(engine):
    # PostgreSQL refuses a NUL character and a value longer than its column; SQLite takes
    # both. The same file must import the same way on either.
    long_channel = "Çağrı merkezi " * 30
    row = response("a", "support", -0.5, channel=long_channel, comment="Bekledim\x00 çok")
    # A column with an empty cell too: the usual comment column, where NULs got through.
    quiet = response("b", "support", 0.0, channel=None, comment=None)
    accepted = accepted_frame([row, quiet])
    for column in (F.CHANNEL, F.COMMENT):  # str and None cells, as the reader hands them on
        accepted[column] = accepted[column].astype(object)
    summary = save(engine, accepted, rejected_frame([(4, "bad\x00 row")]))
    stored = db.responses_frame(engine).set_index("source_key")
    assert stored.loc["a", ["channel", "comment"]].tolist() == [long_channel[:255], "Bekledim çok"]
    assert stored.loc["b", ["channel", "comment"]].isna().all()
    assert db.rejections_frame(engine, summary.import_id)["reason"].tolist() == ["bad row"]


def _index_names(engine) -> set[str]:
    return {index["name"] for index in inspect(engine).get_indexes("responses")}


def _statements(engine) -> list[str]:
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_a_large_load_builds_the_indexes_once_after_storing(engine, monkeypatch):
    monkeypatch.setattr(db.bulk, "_REBUILD_MIN_ROWS", 3)
    wanted = {index.name for index in Response.__table__.indexes}
    assert wanted <= _index_names(engine)
    seen = _statements(engine)

    steps: list[tuple[float, str]] = []
    db.save_import(
        engine,
        filename="nps.csv",
        survey=None,
        layout="plain",
        encoding="utf-8",
        mapping={"NPS": "nps"},
        accepted=accepted_frame([response(k, "support", -0.5) for k in "abcde"]),
        rejected=rejected_frame([]),
        progress=lambda f, m: steps.append((f, m)),
    )
    dropped = [s for s in seen if s.startswith("DROP INDEX")]
    # SQLite: dropped and built again; PostgreSQL: never dropped (readers would wait).
    assert len(dropped) == (len(wanted) if engine.dialect.name == "sqlite" else 0)
    assert wanted <= _index_names(engine)
    indexing = [f for f, m in steps if m == "Indexing the stored rows"]
    # The bar moves while each index is built (SQLite), and only forward.
    assert len(indexing) == (len(wanted) if engine.dialect.name == "sqlite" else 0)
    assert [f for f, _ in steps] == sorted(f for f, _ in steps)
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM responses WHERE stage = 'support'")).scalar()
            == 5
        )

    seen.clear()  # four more rows into five: cheaper to keep the indexes up to date
    save(engine, accepted_frame([response(k, "usage", 0.5) for k in "fghi"]))
    assert not [s for s in seen if s.startswith("DROP INDEX")]
    assert count(engine, Response) == 9


def test_the_unique_key_built_after_a_large_load_still_refuses_a_stored_key(engine, monkeypatch):
    monkeypatch.setattr(db.bulk, "_REBUILD_MIN_ROWS", 3)
    save(engine, accepted_frame([response(k, "support", -0.5) for k in "abcde"]))
    assert "ix_responses_source_key" in _index_names(engine)

    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            insert(Response),
            {"import_id": 1, "source_key": "c", "row_number": 9, "stage": "support"}
            | {"stage_source": "file", "touchpoint": "phone", "touchpoint_source": "file"}
            | {"extra": {}},
        )
    assert count(engine, Response) == 5


def test_a_database_made_with_the_unique_key_as_a_constraint_keeps_only_that(tmp_path, monkeypatch):
    """Before the key became an index it was a column constraint (SQLite's autoindex): a
    large load neither drops it nor builds a second unique index beside it."""
    path = tmp_path / "old.sqlite"
    engine = db.get_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        ddl = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'responses'"
        ).scalar_one()
        column = "source_key VARCHAR(40) NOT NULL"
        old = ddl.replace(f"{column},", f"{column} UNIQUE,")
        assert old != ddl
        conn.exec_driver_sql("DROP TABLE responses")
        conn.exec_driver_sql(old)
        for index in Response.__table__.indexes:
            if index.name != "ix_responses_source_key":
                index.create(conn)
    monkeypatch.setattr(db.bulk, "_REBUILD_MIN_ROWS", 3)

    save(engine, accepted_frame([response(k, "support", -0.5) for k in "abcde"]))
    saved = save(engine, accepted_frame([response(k, "usage", 0.5) for k in "cdefgh"]))

    assert (saved.accepted, saved.duplicates) == (3, 3)
    assert "ix_responses_source_key" not in _index_names(engine)
    with engine.connect() as conn:
        unique = [row for row in conn.exec_driver_sql("PRAGMA index_list(responses)") if row[2]]
    assert [row[3] for row in unique] == ["u"]  # the constraint's own index, and only it
    assert count(engine, Response) == 8


def _maintenance_counts(engine) -> tuple[int, int]:
    """(manual VACUUMs, manual ANALYZEs) of PostgreSQL's responses table in this schema."""
    with engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT vacuum_count, analyze_count FROM pg_stat_user_tables"
                " WHERE relname = 'responses' AND schemaname = current_schema()"
            )
        ).one()


def test_a_large_load_is_vacuumed_on_postgresql_and_a_small_one_only_analyzed(engine, monkeypatch):
    monkeypatch.setattr(db.bulk, "_REBUILD_MIN_ROWS", 3)
    save(engine, accepted_frame([response(k, "support", -0.5) for k in "ab"]))
    if engine.dialect.name == "sqlite":  # measured for the planner, never vacuumed
        with engine.connect() as conn:
            measured = conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'responses'"
            ).scalar()
        assert measured >= len(Response.__table__.indexes)
        return
    assert _maintenance_counts(engine) == (0, 1)

    save(engine, accepted_frame([response(k, "usage", 0.5) for k in "cdefg"]))

    assert _maintenance_counts(engine) == (1, 2)  # VACUUM (ANALYZE) counts as both
    assert count(engine, Response) == 7


def test_an_import_does_not_wait_for_another_session_busy_with_the_table(engine, monkeypatch):
    """PostgreSQL: another session holds the lock a VACUUM, an ANALYZE or a CREATE INDEX
    CONCURRENTLY holds (another replica's import, a DBA); SQLite: a reader's transaction is
    open. The import stores its rows and returns instead of waiting for the session."""
    monkeypatch.setattr(db.bulk, "_REBUILD_MIN_ROWS", 3)
    postgresql = engine.dialect.name == "postgresql"
    with engine.connect() as other, ThreadPoolExecutor(1) as importer:
        busy = other.begin()
        if postgresql:
            other.exec_driver_sql("LOCK TABLE responses IN SHARE UPDATE EXCLUSIVE MODE")
        else:
            other.exec_driver_sql("SELECT count(*) FROM responses").scalar()
        saving = importer.submit(
            save, engine, accepted_frame([response(k, "support", -0.5) for k in "abcde"])
        )
        try:
            saved = saving.result(timeout=20)
        finally:
            busy.rollback()  # an import left waiting finishes before the test ends
    assert saved.accepted == 5
    assert count(engine, Response) == 5
    if postgresql:  # the busy table was left to the other session, not vacuumed
        assert _maintenance_counts(engine) == (0, 0)


def test_a_failed_large_load_leaves_the_indexes_in_place(engine, monkeypatch):
    monkeypatch.setattr(db.bulk, "_REBUILD_MIN_ROWS", 1)
    seen = _statements(engine)
    broken = accepted_frame([response("b", "usage", 0.1), response("c", None, 0.2)])

    with pytest.raises(Exception):  # noqa: B017 - stage NOT NULL, after the indexes were dropped
        save(engine, broken)

    if engine.dialect.name == "sqlite":
        assert any(s.startswith("DROP INDEX") for s in seen)
    assert {index.name for index in Response.__table__.indexes} <= _index_names(engine)
    assert count(engine, Response) == 0


def test_a_column_missing_from_every_row_is_stored_as_null_without_binding_it(engine):
    seen = _statements(engine)
    frame = accepted_frame(
        [response(k, "support", -0.5, nps=3, customer_id=f"C{k}") for k in "abc"]
    )
    assert frame[F.CES].isna().all() and frame[F.CUSTOMER_ID].notna().all()

    save(engine, frame)

    if engine.dialect.name == "sqlite":  # PostgreSQL's COPY goes by the driver's cursor
        insert_statement = next(s for s in seen if s.startswith("INSERT INTO responses"))
        named = set(re.findall(r"\w+", insert_statement.split("VALUES")[0]))
        assert "ces" not in named and {"customer_id", "nps"} <= named
    stored = db.responses_frame(engine)
    assert stored[F.CES].isna().all() and sorted(stored[F.CUSTOMER_ID]) == ["Ca", "Cb", "Cc"]
    assert stored[F.NPS].tolist() == [3.0, 3.0, 3.0]


def _stored_cells(engine) -> list[tuple]:
    """Every stored response's cells and SQLite storage classes, in id order."""
    names = [c.name for c in Response.__table__.columns if c.name != "import_id"]
    cells = ", ".join(f"{n}, typeof({n})" for n in names)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(f"SELECT {cells} FROM responses ORDER BY id")
        return [tuple(row) for row in rows]


def _attached(engine) -> list[str]:
    with engine.connect() as conn:
        names = [row[1] for row in conn.exec_driver_sql("PRAGMA database_list")]
    return [name for name in names if name not in ("main", "temp")]


def _varied_rows() -> pd.DataFrame:
    rows = [
        response(
            f"k{n}",
            ("support", "usage", "purchase")[n % 3],
            (n % 7 - 3) / 3,
            nps=None if n % 4 == 0 else float(n % 11),
            customer_id=None if n % 5 == 0 else f"müşteri-{n % 9}",
            comment=None if n % 6 == 0 else f"Çok iyi 👍 zákazník {n}" + "\x00" * (n == 7),
            # one value over its column's length, in the second chunk staged
            channel="Çağrı merkezi " * 30 if n == 20 else "Web",
            extra={} if n % 2 else {"Dil": "tr", "Şube": f"Ş{n % 3}"},
            submitted_at=None if n % 8 == 0 else f"2026-03-{n % 28 + 1:02d} 10:00:00+03:00",
        )
        for n in range(40)
    ]
    return accepted_frame(rows)


def test_a_large_sqlite_load_staged_through_arrow_stores_what_binding_row_by_row_does(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(db.bulk, "_STAGED_MIN_ROWS", 10**9)
    by_row = db.get_engine(f"sqlite:///{tmp_path / 'by-row.sqlite'}")
    save(by_row, _varied_rows())
    monkeypatch.setattr(db.bulk, "_STAGED_MIN_ROWS", 10)
    monkeypatch.setattr(db.bulk, "_STAGED_CHUNK", 16)  # three staged chunks
    staged = db.get_engine(f"sqlite:///{tmp_path / 'staged.sqlite'}")
    seen = _statements(staged)
    save(staged, _varied_rows())

    assert any(s.startswith("INSERT INTO responses") and "cx_staging0.rows" in s for s in seen)
    assert _stored_cells(staged) == _stored_cells(by_row)
    pd.testing.assert_frame_equal(
        db.responses_frame(staged).drop(columns="id"), db.responses_frame(by_row).drop(columns="id")
    )
    # Nothing of the staging is left: no file beside the database, none attached.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("cx-import")) == []
    assert _attached(staged) == []


def test_sqlite_stores_with_a_large_page_cache_only_while_it_keeps_indexes_up_to_date(
    engine, monkeypatch
):
    monkeypatch.setattr(db.bulk, "_STAGED_MIN_ROWS", 10)
    monkeypatch.setattr(db.bulk, "_REBUILD_MIN_ROWS", 30)
    seen = _statements(engine)

    def caches() -> list[str]:
        """The page caches set, the inserts into responses and the index builds, in order."""
        marks = [
            s if s.startswith("PRAGMA cache_size=-") else s.split(" (")[0]
            for s in seen
            if s.startswith(("PRAGMA cache_size=-", "INSERT INTO responses", "CREATE INDEX"))
        ]
        seen.clear()
        return marks

    save(engine, _varied_rows())  # 40 rows into an empty table: indexes dropped, built after
    large = caches()
    save(engine, accepted_frame([response(f"new-{n}", "usage", 0.5) for n in range(20)]))
    kept = caches()

    assert count(engine, Response) == 60
    if engine.dialect.name != "sqlite":  # a SQLite setting only
        assert not [m for m in large + kept if m.startswith("PRAGMA")]
        return
    building = f"PRAGMA cache_size=-{db.bulk._BUILDING_INDEXES_CACHE_KB}"
    keeping = f"PRAGMA cache_size=-{db.bulk._KEEPING_INDEXES_CACHE_KB}"
    # Appended to a table without indexes with the default cache; the indexes built with
    # a moderate one.
    assert large[:2] == ["INSERT INTO responses", building]
    built = sorted(f"CREATE INDEX {i.name} ON responses" for i in Response.__table__.indexes)
    assert sorted(m for m in large if m.startswith("CREATE INDEX")) == [
        m
        for m in built
        if "source_key" not in m  # the unique one: CREATE UNIQUE INDEX
    ]
    # 20 rows into 40: the indexes kept up to date row by row, with the large cache.
    assert kept[:2] == [keeping, "INSERT INTO responses"]


def test_a_failed_staged_load_stores_nothing_and_leaves_no_staging(tmp_path, monkeypatch):
    monkeypatch.setattr(db.bulk, "_STAGED_MIN_ROWS", 10)
    engine = db.get_engine(f"sqlite:///{tmp_path / 'cx.sqlite'}")
    broken = _varied_rows()
    broken.loc[30, F.STAGE] = None  # NOT NULL: the copy from the staging file fails

    with pytest.raises(Exception):  # noqa: B017 - the database's own integrity error
        save(engine, broken)

    assert count(engine, Response) == 0 and count(engine, Import) == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("cx-import")] == []
    assert _attached(engine) == []
    save(engine, _varied_rows())  # the next load on the same connection works
    assert count(engine, Response) == 40


def test_values_arrow_cannot_type_are_bound_row_by_row_instead(tmp_path, monkeypatch):
    monkeypatch.setattr(db.bulk, "_STAGED_MIN_ROWS", 10)
    monkeypatch.setattr(db.bulk, "_STAGED_CHUNK", 16)  # the first chunk is being written
    engine = db.get_engine(f"sqlite:///{tmp_path / 'cx.sqlite'}")
    seen = _statements(engine)
    mixed = _varied_rows()
    # Plain text in the first chunk, values of mixed types in the second.
    ids = [f"R-{n}" for n in range(16)] + [7, "R-8", 9.5, None] * 6
    mixed[F.RESPONSE_ID] = pd.Series(ids, dtype=object)

    save(engine, mixed)

    assert not any(s.startswith("INSERT INTO responses") and "cx_staging" in s for s in seen)
    assert any(s.startswith("INSERT INTO responses") and "VALUES" in s for s in seen)
    with engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT response_id FROM responses ORDER BY id").scalars()
        assert stored.all()[15:20] == ["R-15", "7", "R-8", "9.5", None]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("cx-import")] == []
