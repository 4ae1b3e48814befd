"""Time each dashboard page's full server-side run on a database of N responses.

    .venv/bin/python bench/page_speed.py [--db URL] [--rows 1000000] [--repeat 3]

Each page is run in the real Streamlit runtime (`AppTest`, the same script run a browser
session triggers: queries, pandas, figures, every element sent), first with empty caches
(cold: the first visitor after a start or an import), then again in new sessions with the
caches warm (every later visitor). The database is built as in bench/page_queries.py.
Before timing, every page is opened once on a 400-response demo database and the caches
are emptied, so "cold" is a running server's first visitor, not Python importing modules.
The browser's own drawing (Plotly in the page) is not included; see docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import os  # noqa: E402

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import db  # noqa: E402
from bench.page_queries import DEFAULT_DB, ensure_rows  # noqa: E402
from cxcore.ingest import pipeline  # noqa: E402

PAGES = {
    "Journey (overview)": ("pages/overview.py", {}),
    "Stage drill-down (support)": ("pages/stage.py", {"stage": "support"}),
    "Touchpoint map": ("pages/touchpoints.py", {}),
    "Insights": ("pages/insights.py", {}),
    "Follow-up": ("pages/follow_up.py", {}),
    "Reports": ("pages/reports.py", {}),
    "Review (unassigned)": ("pages/review.py", {}),
    "Journey model": ("pages/taxonomy.py", {}),
    "Imports & audit": ("pages/admin.py", {}),
    "Upload": ("pages/upload.py", {}),
}


def run_page(path: str, params: dict[str, str]) -> float:
    """Seconds for one session to open `path` (the app's entry script runs first)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(path)  # open the page directly, as a bookmarked link does
    start = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"{path}: {at.exception[0].message}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=f"sqlite:///{DEFAULT_DB}")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--page", action="append", help="only pages whose name contains this")
    args = parser.parse_args()
    ensure_rows(args.db, args.rows)
    chosen = {
        name: page
        for name, page in PAGES.items()
        if not args.page or any(p.lower() in name.lower() for p in args.page)
    }
    # A running server has imported its modules before anyone opens a page: open every
    # page once on a small demo database, then empty the caches. "Cold" below is then the
    # first visitor after a start or an import (nothing cached), not Python's imports.
    with tempfile.TemporaryDirectory() as folder:
        small = f"sqlite:///{Path(folder) / 'warm-up.sqlite'}"
        pipeline.load_demo(db.get_engine(small), rows=400)
        os.environ["CX_DATABASE_URL"] = small
        start = time.perf_counter()
        for path, params in chosen.values():
            run_page(path, params)
        print(
            f"start-up (imports, first run of each page, 400 responses): "
            f"{time.perf_counter() - start:.1f} s"
        )
    st.cache_data.clear()
    st.cache_resource.clear()
    os.environ["CX_DATABASE_URL"] = args.db
    print(f"{'page':<30} {'cold s':>8} {'warm s (median)':>16}")
    for name, (path, params) in chosen.items():
        cold = run_page(path, params)
        warm = statistics.median(run_page(path, params) for _ in range(args.repeat))
        print(f"{name:<30} {cold:>8.2f} {warm:>16.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
