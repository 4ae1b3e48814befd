"""Warm the dashboard before its visitors: import the heavy modules and fill the shared
caches for the default filters, in a background thread, once per database version (at the
server's start, see serve.py, and again after an import)."""

from __future__ import annotations

import importlib
import logging
import threading
import time

from streamlit import config, runtime

from cxcore.filters import Filters
from cxcore.i18n import UI_LANGUAGES

__all__ = ["HEAVY_MODULES", "start_warm_up", "warm_up"]

# What the pages import beyond Streamlit: the first script run paid for these (seconds).
HEAVY_MODULES = (
    "pandas",
    "plotly.graph_objects",
    "sqlalchemy",
    "db",
    "cxcore.views",
    "cxcore.analysis.canvas",
    "cxcore.analysis.compare",
    "cxcore.analysis.insights",
    "cxcore.analysis.touchpoints",
    "cxcore.ingest.pipeline",
    "cxcore.reports",
    "pages._cache",
)
_LOG = logging.getLogger("cx.warm")
_started: set[tuple[str, str]] = set()
_lock = threading.Lock()


def warm_up(url: str) -> str:
    """Import HEAVY_MODULES, then fill the caches the Journey, Insights and Touchpoints pages
    and the sidebar read for the default filters (every UI language) on `url`'s current
    data version; the version warmed."""
    for name in HEAVY_MODULES:
        importlib.import_module(name)
    import plotly.graph_objects as go

    from pages import _cache as cache
    from pages._shared import _taxonomy, _taxonomy_file

    go.Figure(go.Scatter(x=[1], y=[1])).to_json()  # plotly loads its validators on first use
    version = _data_version(url)
    filters = Filters()
    for field in ("survey", "touchpoint", "segment", "language"):
        cache._values_present(url, field, version)
    cache._stage_summary(url, filters, version)
    cache._cell_summary(url, filters, version)
    cache._date_range(url, filters, version)
    cache._stage_extremes(url, filters, version)
    for lang in UI_LANGUAGES:
        cache._kpi_row(url, filters, version, lang)
    model = _taxonomy(*_taxonomy_file())
    for order in (tuple(model.stage_keys()), ()):  # the overview's order, the stage page's
        cache._handoffs(url, filters, version, order)
    cache._insight_frames(url, filters, version)
    return version


def start_warm_up(url: str) -> threading.Thread | None:
    """warm_up(url) in a background thread, once per database version; only in a running
    server (a test or a bare script run has no visitors to wait for)."""
    if not _in_server():
        return None
    version = _data_version(url)
    with _lock:
        if (url, version) in _started:
            return None
        _started.add((url, version))
    thread = threading.Thread(target=_warm_logged, args=(url,), name="cx-warm", daemon=True)
    thread.start()
    return thread


def _in_server() -> bool:
    """A real `streamlit run` server (AppTest runs a page under a stand-in runtime)."""
    return runtime.exists() and not config.get_option("global.appTest")


def _warm_logged(url: str) -> None:
    began = time.perf_counter()
    try:
        version = warm_up(url)
    except Exception:  # a warm-up is a favour: a visitor's run reports any real problem
        _LOG.exception("warm-up failed")
        return
    print(f"cx: warmed {version} in {time.perf_counter() - began:.1f} s", flush=True)  # noqa: T201


def _data_version(url: str) -> str:
    import db
    from pages._shared import _engine

    return db.data_version(_engine(url))
