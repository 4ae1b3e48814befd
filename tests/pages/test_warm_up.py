"""The warm-up fills the caches a first visit reads: after it ran, the Journey and Insights
pages compute nothing again (the cached functions' reads are not called)."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import db
from cxcore import views
from cxcore.ingest.pipeline import import_file
from pages import _warm
from tests.planted import BEFORE, NOW

ROOT = Path(__file__).resolve().parents[2]
# The reads behind the pages' cached functions (pages/_cache.py).
READS = {
    db: ("summary", "stage_extremes", "date_range", "values_present"),
    views: ("handoff_analysis", "insight_frames", "kpi_row"),
}


@pytest.fixture
def seeded_url(db_url: str) -> str:
    engine = db.get_engine(db_url)
    import_file(BEFORE.encode(), "before.csv", engine=engine, survey="Before")
    return db_url


@pytest.fixture
def reads(monkeypatch) -> Counter:
    """How often each read behind a cache ran."""
    counted: Counter = Counter()
    for module, names in READS.items():
        for name in names:
            original = getattr(module, name)

            def counting(*args, _name=name, _original=original, **kwargs):
                counted[_name] += 1
                return _original(*args, **kwargs)

            monkeypatch.setattr(module, name, counting)
    return counted


def visit(monkeypatch, url: str, page: str | None = None) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception
    return at


def test_a_first_visit_after_the_warm_up_reads_only_from_the_caches(monkeypatch, seeded_url, reads):
    _warm.warm_up(seeded_url)
    warmed = sum(reads.values())
    assert warmed and reads["summary"] and reads["insight_frames"] == 1
    visit(monkeypatch, seeded_url)
    visit(monkeypatch, seeded_url, "pages/insights.py")
    assert sum(reads.values()) == warmed  # every read of both pages was a cache hit


def test_without_the_warm_up_the_first_visit_reads(monkeypatch, seeded_url, reads):
    visit(monkeypatch, seeded_url)  # the same count as above, made to fail without a warm-up
    assert reads["summary"] and reads["stage_extremes"] and reads["handoff_analysis"]


def test_after_an_import_the_warm_up_fills_the_new_data(monkeypatch, seeded_url, reads):
    first = _warm.warm_up(seeded_url)
    import_file(NOW.encode(), "now.csv", engine=db.get_engine(seeded_url), survey="Now")
    assert _warm.warm_up(seeded_url) != first  # a new version, warmed again
    warmed = sum(reads.values())
    at = visit(monkeypatch, seeded_url)
    assert sum(reads.values()) == warmed
    assert next(m for m in at.metric if m.label == "Responses").value == "5"  # the new data


def test_no_thread_outside_a_running_server(seeded_url):
    assert _warm.start_warm_up(seeded_url) is None  # tests and bare runs warm nothing


def test_an_import_on_the_import_page_warms_the_new_data(monkeypatch, db_url):
    warmed: list[str] = []
    monkeypatch.setattr(_warm, "_in_server", lambda: True)  # as in `streamlit run`
    monkeypatch.setattr(
        _warm, "warm_up", lambda url: warmed.append(db.data_version(db.get_engine(url)))
    )
    at = visit(monkeypatch, db_url, "pages/upload.py")
    at.file_uploader[0].set_value(("now.csv", NOW.encode(), "text/csv")).run()
    at.button[0].click().run()
    assert not at.exception
    for thread in threading.enumerate():
        if thread.name == "cx-warm":
            thread.join(timeout=60)
    assert db.data_version(db.get_engine(db_url)) in warmed  # the imported data's version
