"""Shared fixtures: real SQLite files under tmp_path (and a real PostgreSQL server when
`CX_TEST_POSTGRES_URL` names one), never mocks of our own code."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

import db

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("CX_TEST_POSTGRES_URL")
# The database layer and the import path run on both databases when a server is given.
BOTH_DATABASES = ("tests/db/", "tests/cxcore/ingest/test_pipeline.py", "tests/test_serve_multi.py")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if not POSTGRES_URL or "db_url" not in metafunc.fixturenames:
        return
    where = metafunc.definition.path.relative_to(ROOT).as_posix()
    if where.startswith(BOTH_DATABASES):
        metafunc.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)


def _postgres_schema(server_url: str) -> Iterator[str]:
    """A fresh schema on the PostgreSQL server, dropped after the test."""
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"})
    url_text = url.render_as_string(hide_password=False)
    try:
        yield url_text
    finally:
        db.get_engine(url_text).dispose()  # close pooled connections before dropping
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch) -> Iterator[str]:
    """A fresh database for one test: a SQLite file, or a PostgreSQL schema when asked
    (with its key in a file of the test's own: PostgreSQL has no file beside it)."""
    if getattr(request, "param", "sqlite") == "postgresql":
        assert POSTGRES_URL
        monkeypatch.setenv("CX_KEY_FILE", str(tmp_path / "postgresql.key"))
        yield from _postgres_schema(POSTGRES_URL)
    else:
        yield f"sqlite:///{tmp_path / 'cx.sqlite'}"


@pytest.fixture
def engine(db_url: str):
    return db.get_engine(db_url)


@pytest.fixture
def demo_db(db_url: str) -> str:
    """A database holding the demo survey, loaded exactly as `make run` loads it."""
    from cxcore.ingest.pipeline import load_demo

    load_demo(db.get_engine(db_url), rows=400)
    return db_url


@pytest.fixture(autouse=True)
def taxonomy_path(tmp_path: Path, monkeypatch) -> Path:
    """The active journey model file of one test: never the repository's own."""
    path = tmp_path / "taxonomy.yaml"
    monkeypatch.setenv("CX_TAXONOMY", str(path))
    return path


@pytest.fixture(autouse=True)
def users_file(tmp_path: Path, monkeypatch) -> Path:
    """The users file of one test (absent unless the test writes it): never the repository's."""
    path = tmp_path / "users.yaml"
    monkeypatch.setenv("CX_USERS_FILE", str(path))
    return path
