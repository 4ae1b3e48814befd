"""Nothing executes from data (issue 8, point 2): markup in comments, channel names, survey
names and column headers is shown as text on every page; SQL-looking text is just text.

The database is filled through the real import path with hostile values; each page runs in
the real Streamlit runtime, and every element rendered as Markdown (titles, captions,
messages, expanders) and every chart spec is searched for the raw markup.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import db
from cxcore.filters import Filters
from cxcore.ingest import pipeline

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p for p in (ROOT / "pages").glob("[!_]*.py"))

SCRIPT = "<script>alert(1)</script>"
SQL = "'; DROP TABLE responses; --"
HOSTILE = [
    SCRIPT,
    "**bold** fatura",
    ":red[x] kargo",
    "[link](javascript:alert(1)) iade",
    SQL,
    '<img src=x onerror="alert(1)">',
    "$x^2$ :material/home: :smile:",
    "&lt;b&gt;entity&lt;/b&gt;",
]
# What must never reach Markdown unescaped (a backslash before "<" makes it text).
RAW = [
    r"(?<!\\)<script",
    r"\*\*bold\*\*",
    r":red\[x\]",
    r"\]\(javascript:",
    r"(?<!\\)<img",
    r"\$x\^2\$",
    r":material/home:",
    r"(?<!\\)&lt;",
]
STAGES = ["Support", "Purchase", "Onboarding", "Usage", "Loyalty"]


def hostile_csv(rows: int = 140) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["Response ID", "Date", "Customer ID", "Survey", "Channel", "Segment", "Stage", "NPS",
         "Comment", "<b>Note</b> **x**"]
    )  # fmt: skip
    for n in range(rows):
        hostile = HOSTILE[n % len(HOSTILE)]
        writer.writerow(
            [f"R{n}", f"2026-03-{n % 28 + 1:02d} 10:00", f"C{n % 30}", HOSTILE[n % 2],
             hostile, HOSTILE[(n + 1) % len(HOSTILE)], STAGES[n % len(STAGES)], n % 11,
             f"{hostile} çok kötü hizmet" if n % 3 else f"{hostile} great service", hostile]
        )  # fmt: skip
    return buffer.getvalue().encode()


@pytest.fixture
def hostile_db(db_url: str) -> str:
    engine = db.get_engine(db_url)
    summary = pipeline.import_file(hostile_csv(), "<i>survey</i> **x**.csv", engine=engine)
    assert summary.accepted == 140
    return db_url


def rendered_markdown(at: AppTest) -> list[str]:
    """The source of every element Streamlit renders as Markdown."""
    kinds = ["title", "header", "subheader", "markdown", "caption", "error", "warning", "info",
             "success", "expander"]  # fmt: skip
    texts: list[str] = []
    for kind in kinds:
        for element in getattr(at, kind):
            texts.append(str(getattr(element, "label", None) or element.value))
    return texts


def chart_specs(at: AppTest) -> list[str]:
    return [json.dumps(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]


def test_sql_looking_text_is_stored_and_read_back_as_text(hostile_db):
    engine = db.get_engine(hostile_db)
    stored = db.responses_frame(engine, Filters())
    assert len(stored) == 140  # the table is still there
    assert (stored["channel"] == SQL).sum() == 140 // len(HOSTILE)
    assert stored["comment"].str.startswith(SQL).sum() == 140 // len(HOSTILE)
    assert set(stored["channel"]) == set(HOSTILE)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_markup_in_data_is_shown_as_text_on_every_page(monkeypatch, hostile_db, page):
    monkeypatch.setenv("CX_DATABASE_URL", hostile_db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(str(page.relative_to(ROOT))).run()
    at.query_params["stage"] = "support"  # the stage page opens a stage that has responses
    at.run()
    assert not at.exception
    for text in rendered_markdown(at):
        for raw in RAW:
            assert not re.search(raw, text), f"{page.stem} renders {raw!r} as markup in {text!r}"
    for spec in chart_specs(at):
        assert "<script" not in spec and "<img" not in spec, f"{page.stem}: markup in a chart"


def test_stage_verbatims_show_the_comments_exactly(monkeypatch, hostile_db):
    monkeypatch.setenv("CX_DATABASE_URL", hostile_db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/stage.py").run()
    at.query_params["stage"] = "support"
    at.run()
    assert not at.exception
    shown = {
        str(v) for frame in at.dataframe for column in frame.value for v in frame.value[column]
    }
    comments = [t for t in shown if "hizmet" in t or "service" in t]
    assert comments, "the stage page shows no verbatims"
    assert any(c.startswith(SCRIPT) for c in comments)  # as written: a table shows text


def test_an_error_naming_a_hostile_file_is_text(monkeypatch, db_url):
    monkeypatch.setenv("CX_DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at = at.switch_page("pages/upload.py").run()
    name = "**bold** :red[x] <script>.csv"
    at.file_uploader[0].set_value((name, b"", "text/csv")).run()
    assert not at.exception
    message = at.error[0].value
    assert "is empty" in message
    for raw in RAW:
        assert not re.search(raw, message)


@pytest.mark.parametrize(
    "wanted",
    ["[Your session expired](https://evil.example/login)", "![x](http://evil.example/x.png)"],
)
def test_markdown_in_the_url_is_shown_as_text(monkeypatch, hostile_db, wanted):
    monkeypatch.setenv("CX_DATABASE_URL", hostile_db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/stage.py").run()
    at.query_params["stage"] = wanted
    at.run()
    assert not at.exception
    (warning,) = [w.value for w in at.warning if "no stage" in w.value.lower() or "evil" in w.value]
    assert "evil" in warning
    assert not re.search(r"(?<!\\)\]\(http", warning), warning
