"""Time the queries behind the overview and a stage page on a database of N responses.

    .venv/bin/python bench/page_queries.py [--db URL] [--rows 1000000] [--explain]

Builds the database with the demo survey through the whole import pipeline when it holds
fewer responses than --rows (default database: /tmp/cx-bench-1m.sqlite, kept for the next
run), then times each page's queries twice: cold (a new engine, nothing cached by the
dashboard) and cached (what a page run costs once its loaders are cached: the data
version query plus a `st.cache_data` hit). With --explain it prints the query plans.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

import db  # noqa: E402
from cxcore.analysis import kpis  # noqa: E402
from cxcore.demo import demo_csv_bytes  # noqa: E402
from cxcore.filters import Filters  # noqa: E402
from cxcore.ingest import pipeline  # noqa: E402
from db.engine import _engine_for  # noqa: E402

DEFAULT_DB = "/tmp/cx-bench-1m.sqlite"
# The columns the stage page loads (pages/_shared.py).
# The cached timings use st.cache_data outside a Streamlit run, which it warns about.
logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)
STAGE_COLUMNS = (
    "id",
    "submitted_at",
    "touchpoint",
    "comment",
    "language",
    "nps",
    "csat",
    "ces",
    "sentiment",
    "sentiment_label",
    "stage",
)


def ensure_rows(url: str, rows: int) -> None:
    """Import the demo survey until the database holds `rows` responses."""
    engine = db.get_engine(url)
    stored = int(db.stage_summary(engine)["n"].sum())
    if stored >= rows:
        print(f"database: {url} holds {stored:,} responses (reused)")
        return
    start = time.perf_counter()
    data = demo_csv_bytes(rows=rows - stored, seed=11 + stored)
    pipeline.import_file(data, "bench.csv", engine=engine, survey="Bench survey")
    print(f"database: imported {rows - stored:,} responses in {time.perf_counter() - start:.0f} s")


def overview_queries(url: str) -> dict[str, Callable[[], object]]:
    """What the overview (journey curve, KPI row, canvas, sidebar) asks the database."""

    def kpi_periods() -> object:
        engine = db.get_engine(url)
        newest = db.date_range(engine, Filters())[1]
        period = kpis.current_period(None, None, newest.date())
        before = kpis.previous_period(*period)
        return [
            db.stage_summary(engine, replace(Filters(), date_from=a, date_to=b))
            for a, b in (period, before)
        ]

    return {
        "data_version": lambda: db.data_version(db.get_engine(url)),
        "stage_summary (curve)": lambda: db.stage_summary(db.get_engine(url)),
        "KPI row: date_range + 2 periods": kpi_periods,
        "cell_summary (touchpoints)": lambda: db.cell_summary(db.get_engine(url)),
        "stage_extremes (voices)": lambda: db.stage_extremes(db.get_engine(url)),
        "sidebar values_present x4": lambda: [
            db.values_present(db.get_engine(url), f)
            for f in ("survey", "touchpoint", "segment", "language")
        ],
    }


def stage_queries(url: str, stage: str, month: Filters) -> dict[str, Callable[[], object]]:
    """What a stage page asks the database (all time, and one month)."""
    on_stage = Filters(stages=(stage,))

    def newest(filters: Filters | None) -> object:
        return db.stage_responses(db.get_engine(url), stage, filters, STAGE_COLUMNS, newest=10_000)

    def paths(filters: Filters | None) -> object:
        sample = db.stage_responses(
            db.get_engine(url), stage, filters, ["customer_id"], newest=10_000
        )
        return db.customer_stage_sequence(
            db.get_engine(url), filters, sample["customer_id"].dropna()
        )

    return {
        f"summary({stage}): KPIs, NPS scores": lambda: db.summary(db.get_engine(url), (), on_stage),
        f"summary({stage}) by touchpoint": lambda: db.summary(
            db.get_engine(url), ("touchpoint",), on_stage
        ),
        f"summary({stage}) by day (trend)": lambda: db.summary(
            db.get_engine(url), ("day",), on_stage
        ),
        f"stage_responses({stage}), newest 10,000": lambda: newest(None),
        f"stage_responses({stage}), 30 days, newest 10,000": lambda: newest(month),
        "paths of those customers": lambda: paths(None),
        "paths of those customers (30 days)": lambda: paths(month),
    }


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def cold(url: str, call: Callable[[], object]) -> float:
    """A new engine (new connections, nothing cached by SQLAlchemy or the dashboard)."""
    _engine_for.cache_clear()
    db.get_engine(url)
    return timed(call)


def cached(url: str, name: str, call: Callable[[], object]) -> float:
    """A page run once cached: the version query, then the `st.cache_data` hit."""
    loader = st.cache_data(show_spinner=False)(lambda _name, _version: call())
    loader(name, db.data_version(db.get_engine(url)))
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        loader(name, db.data_version(db.get_engine(url)))
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def explain(url: str) -> None:
    """The plans of the statements behind the overview and the stage page."""
    from db.queries import _summary_statement
    from db.schema import Response

    engine = db.get_engine(url)
    newest = db.date_range(engine)[1]
    month = Filters(date_from=(newest - timedelta(days=29)).date())
    r = Response
    statements = {
        "stage_summary": _summary_statement(["stage"], None),
        "cell_summary": _summary_statement(["stage", "touchpoint"], None),
        "stage_summary, last 30 days (KPI row)": _summary_statement(["stage"], month),
        "stage trend (by day)": _summary_statement(["day"], Filters(stages=("support",))),
        "stage_responses, newest": select(r.id)
        .where(r.stage == "support")
        .order_by(r.submitted_at.desc(), r.id.desc())
        .limit(10_000),
        "date_range (newest)": select(func.max(r.submitted_at)),
        "data_version": select(func.max(r.id)),
    }
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        for name, stmt in statements.items():
            compiled = stmt.compile(engine, compile_kwargs={"literal_binds": True})
            prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
            rows = conn.exec_driver_sql(prefix + str(compiled)).all()
            plan = [str(r[-1]) if sqlite else str(r[0]) for r in rows]
            print(f"{name}:\n    " + "\n    ".join(plan))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    url = db.resolve_url(args.db)
    ensure_rows(url, args.rows)
    engine = db.get_engine(url)
    newest = db.date_range(engine)[1]
    month = Filters(date_from=(newest - timedelta(days=29)).date())
    biggest = db.stage_summary(engine).sort_values("n").iloc[-1]["stage"]
    print(f"{'query':<44} {'cold s':>8} {'cached ms':>10}")
    for page, queries in (
        ("overview", overview_queries(url)),
        ("stage page", stage_queries(url, biggest, month)),
    ):
        print(f"-- {page}")
        for name, call in queries.items():
            print(f"{name:<44} {cold(url, call):8.3f} {cached(url, name, call) * 1000:10.1f}")
    if args.explain:
        explain(url)


if __name__ == "__main__":
    main()
