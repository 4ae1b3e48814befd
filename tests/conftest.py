"""Shared fixtures: real SQLite files under tmp_path, never mocks of our own code."""

from __future__ import annotations

from pathlib import Path

import pytest

import db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite database file for one test."""
    return f"sqlite:///{tmp_path / 'cx.sqlite'}"


@pytest.fixture
def engine(db_url: str):
    return db.get_engine(db_url)


@pytest.fixture
def demo_db(db_url: str) -> str:
    """A database holding the demo survey, loaded exactly as `make run` loads it."""
    from cxcore.pipeline import load_demo

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
