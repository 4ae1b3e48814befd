"""Time each dashboard page as a user sees it: opened in Chromium until fully drawn.

    .venv/bin/python bench/page_browser.py [--db URL] [--pages stage,insights] [--repeat 3]
                                           [--bare] [--tree DIR] [--serve [--no-wait]]

For every page, a fresh `streamlit run app.py` is started on the database (default the
million-response `/tmp/cx-bench-1m.sqlite` that bench/page_queries.py builds; it is not
built here), and once `/_stcore/health` answers the page is opened in Debian's Chromium
(headless, driven by Playwright) as the server's first visitor: **cold** (nothing cached,
and the first script run also imports the app's modules). Then it is opened again
`--repeat` times on the same server, each time in a new browser context (a new Streamlit
session, and an empty browser cache): **warm**, the median is reported. Then `--cached`
times in new tabs of one context that has opened the page once already (a new session,
but Streamlit's and Plotly's bundles in the browser cache, as for a returning user).
The server's own start (process start until the health check answers) is reported apart,
and for the cold visit when the frontend was connected and the first element showed.

`--tree DIR` runs another checkout of the app (e.g. the commit before a change, for a
paired before/after on the same database and load). `--serve` starts the server with the
tree's `serve.py` (the warm-up thread: imports and caches filled at start) instead of
`streamlit run app.py`, and waits until its log says "cx: warmed" before the first visit
(that time, from process start, is reported as "warmed"); `--no-wait` visits as soon as
the health check answers, while the warm-up may still run.

"Fully drawn" is timed from `page.goto` until all of these have held for 0.5 s (the time
reported is when they began to hold; checked in the page every 50 ms):
  - `[data-testid=stApp]` has `data-test-connection-state=CONNECTED` and
    `data-test-script-state=notRunning` (the script run has finished, every element sent);
  - no `stStatusWidgetRunningIcon` (the "Running..." man), no `stSkeleton` /
    `stAppSkeleton` (lazy elements still loading), no `stSpinner`;
  - the main area holds at least one element;
  - every `[data-testid=stPlotlyChart]` holds a `.js-plotly-plot` with its `.main-svg`
    and is no longer `visibility: hidden` (Streamlit hides a chart until it has a width).
The selectors are the ones in Streamlit 1.67's frontend bundle. Pages whose run showed
an exception (`stException`) or a sign-in form are flagged. `--bare` first times, the same
way, a Streamlit page of one title and one line (no data, no chart): what the framework
and the browser take on this machine before any page of ours adds to it; then that page
with one Plotly chart of three points (`bare_chart`): what the charting library adds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "sqlite:////tmp/cx-bench-1m.sqlite"

# Page name (the url_path st.navigation derives from the file name) -> address to open.
PAGES = {
    "overview": "/",
    "stage": "/stage?stage=support",
    "touchpoints": "/touchpoints",
    "insights": "/insights",
    "follow_up": "/follow_up",
    "reports": "/reports",
    "review": "/review",
    "taxonomy": "/taxonomy",
    "admin": "/admin",
    "upload": "/upload",
    "users": "/users",
}

STABLE_MS = 500
TIMEOUT_S = 600

# Runs in the page every 50 ms; true once the page has been fully drawn for STABLE_MS.
# window.__cxSince: when the current stretch of "fully drawn" began (Date.now() ms);
# window.__cxConnected: when the frontend had loaded and its WebSocket was connected;
# window.__cxFirst: when the main area first showed an element of this script run.
DRAWN = """
(stableMs) => {
  const now = Date.now();
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const hasElement = !!main && !!main.querySelector('[data-testid="stElementContainer"]');
  const state = app && app.getAttribute('data-test-script-state');
  if (app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
      && window.__cxConnected == null) window.__cxConnected = now;
  if (hasElement && state && state !== 'initial' && window.__cxFirst == null) {
    window.__cxFirst = now;
  }
  let ok = !!app
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && ['notRunning', 'compilationError'].includes(state)
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
    && !document.querySelector(
      '[data-testid="stSkeleton"], [data-testid="stAppSkeleton"], [data-testid="stSpinner"]')
    && hasElement;
  if (ok) {
    for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
      const plot = chart.querySelector('.js-plotly-plot');
      if (!plot || !plot.querySelector('.main-svg')
          || getComputedStyle(plot).visibility === 'hidden') { ok = false; break; }
    }
  }
  if (!ok) { window.__cxSince = null; return false; }
  if (window.__cxSince == null) window.__cxSince = now;
  return now - window.__cxSince >= stableMs;
}
"""

SUMMARY = """
() => ({
  since: window.__cxSince,
  first: window.__cxFirst,
  connected: window.__cxConnected,
  charts: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
  tables: document.querySelectorAll('[data-testid="stDataFrame"]').length,
  exceptions: [...document.querySelectorAll('[data-testid="stException"]')]
    .map(e => e.innerText.slice(0, 300)),
  // The sign-in gate runs before st.navigation: a password field and no page list.
  // (The Users page's add-user form has password fields too, under the page list.)
  signIn: !!document.querySelector('input[type="password"]')
    && !document.querySelector('[data-testid="stSidebarNav"]'),
  path: location.pathname,
})
"""


@dataclass
class Visit:
    seconds: float  # page.goto until fully drawn
    first: float | None  # page.goto until the main area first showed an element
    connected: float | None  # page.goto until the frontend was loaded and connected
    charts: int
    tables: int
    exceptions: list[str]
    sign_in: bool
    path: str


@dataclass
class Result:
    name: str
    address: str
    start: float = 0.0
    warmed: float | None = None  # --serve: process start until the warm-up said it was done
    cold: Visit | None = None
    warm: list[Visit] = field(default_factory=list)  # new context each: empty browser cache
    cached: list[Visit] = field(default_factory=list)  # new tab, browser cache kept
    error: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sqlite_file(url: str) -> Path | None:
    """The file of a `sqlite:///...` URL, else None."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///") :])
    return None


# The framework's own floor: a Streamlit page of one title and one line, nothing else.
BARE_PAGE = 'import streamlit as st\n\nst.title("Journey")\nst.write("One line of text.")\n'
# The same page with one Plotly chart of three points: what the charting library adds.
BARE_CHART_PAGE = (
    BARE_PAGE
    + "import plotly.graph_objects as go\n\n"
    + 'st.plotly_chart(go.Figure(go.Scatter(x=["a", "b", "c"], y=[1, 3, 2])))\n'
)


class Server:
    """`streamlit run <app>` on a free port; `start` is process start until healthy."""

    def __init__(
        self,
        db_url: str,
        log: Path,
        app: Path = ROOT / "app.py",
        serve: bool = False,
        wait: bool = True,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {**os.environ, "CX_DATABASE_URL": db_url}
        began = time.perf_counter()
        self._log = open(log, "wb")
        command = [sys.executable, "-m", "streamlit", "run", str(app)]
        if serve:
            command = [sys.executable, str(app.parent / "serve.py")]
        self.process = subprocess.Popen(
            [
                *command,
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=app.parent if app.name == "app.py" else ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}; see {log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            self.stop()
            raise RuntimeError(f"streamlit did not answer within 120 s; see {log}")
        self.start = time.perf_counter() - began
        self.warmed = None
        if serve and wait:
            while b"cx: warmed" not in log.read_bytes():
                if self.process.poll() is not None or time.monotonic() > deadline + TIMEOUT_S:
                    self.stop()
                    raise RuntimeError(f"no warm-up finished; see {log}")
                time.sleep(0.1)
            self.warmed = time.perf_counter() - began

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()


def visit(browser: Browser, url: str, context: BrowserContext | None = None) -> Visit:
    """Open `url` in a new tab (a new Streamlit session) and time it until fully drawn.

    The tab is in a new browser context (empty HTTP cache) unless `context` is given.
    """
    own = context is None
    if context is None:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        began = time.time()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
        page.wait_for_function(DRAWN, arg=STABLE_MS, polling=50, timeout=TIMEOUT_S * 1000)
        s = page.evaluate(SUMMARY)
        return Visit(
            seconds=s["since"] / 1000 - began,
            first=None if s["first"] is None else s["first"] / 1000 - began,
            connected=None if s["connected"] is None else s["connected"] / 1000 - began,
            charts=s["charts"],
            tables=s["tables"],
            exceptions=s["exceptions"],
            sign_in=s["signIn"],
            path=s["path"],
        )
    finally:
        page.close()
        if own:
            context.close()


def measure(
    browser: Browser,
    name: str,
    db_url: str,
    repeat: int,
    cached: int,
    logs: Path,
    app: Path = ROOT / "app.py",
    serve: bool = False,
    wait: bool = True,
) -> Result:
    address = PAGES.get(name, "/")
    result = Result(name, address)
    server = Server(db_url, logs / f"{name}.log", app, serve, wait)
    try:
        result.start, result.warmed = server.start, server.warmed
        result.cold = visit(browser, server.url + address)
        for _ in range(repeat):
            result.warm.append(visit(browser, server.url + address))
        if cached:
            # A returning user: the browser already holds Streamlit's and Plotly's bundles
            # (served `immutable, max-age=31536000`) from a first, untimed visit.
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            try:
                visit(browser, server.url + address, context)
                for _ in range(cached):
                    result.cached.append(visit(browser, server.url + address, context))
            finally:
                context.close()
    except Exception as error:  # noqa: BLE001 - report the page and go on with the next
        result.error = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    finally:
        server.stop()
    return result


def notes(result: Result) -> str:
    out = []
    if result.error:
        out.append(result.error)
    visits = ([result.cold] if result.cold else []) + result.warm + result.cached
    for v in visits:
        expected = urlparse(result.address).path
        if v.path != expected:
            out.append(f"landed on {v.path}")
        if v.sign_in:
            out.append("sign-in form shown")
        for e in v.exceptions:
            out.append("exception: " + " ".join(e.split()))
    return "; ".join(dict.fromkeys(out))  # each note once


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=DEFAULT_DB, help=f"database URL (default {DEFAULT_DB})")
    parser.add_argument(
        "--pages", default=",".join(PAGES), help="comma-separated page names (default all)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="warm visits per page, each in a new context"
    )
    parser.add_argument(
        "--cached",
        type=int,
        default=3,
        help="warm visits per page in new tabs of one context that keeps its browser cache",
    )
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument(
        "--bare",
        action="store_true",
        help="first time a one-line Streamlit page, and one with a tiny Plotly chart, the same way "
        "(the framework's and the charting library's floor here)",
    )
    parser.add_argument(
        "--tree",
        type=Path,
        default=ROOT,
        help="the checkout whose app.py is run (default this one)",
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="start with serve.py (warm-up at start) and wait for it",
    )
    parser.add_argument(
        "--no-wait", action="store_true", help="with --serve: visit as soon as the server answers"
    )
    args = parser.parse_args()

    names = [n.strip() for n in args.pages.split(",") if n.strip()]
    unknown = [n for n in names if n not in PAGES]
    if unknown:
        parser.error(f"unknown pages {unknown}; choose from {', '.join(PAGES)}")
    path = sqlite_file(args.db)
    if path is not None and not path.is_file():
        print(f"{path} does not exist: build it first (bench/page_queries.py).", file=sys.stderr)
        return 2
    if not Path(args.chromium).is_file():
        print(f"{args.chromium} not found: apt-get install chromium", file=sys.stderr)
        return 2

    results = []
    with tempfile.TemporaryDirectory(prefix="cx-page-browser-") as folder, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=args.chromium,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        floors = {"bare": BARE_PAGE, "bare_chart": BARE_CHART_PAGE} if args.bare else {}
        for name, source in floors.items():
            (Path(folder) / f"{name}.py").write_text(source, encoding="utf-8")
        try:
            for name in [*floors, *names]:
                app = Path(folder) / f"{name}.py" if name in floors else args.tree / "app.py"
                serve = args.serve and name not in floors
                result = measure(
                    browser,
                    name,
                    args.db,
                    args.repeat,
                    args.cached,
                    Path(folder),
                    app,
                    serve,
                    not args.no_wait,
                )
                results.append(result)
                cold = f"{result.cold.seconds:.2f}" if result.cold else "-"
                warm = " ".join(f"{v.seconds:.2f}" for v in result.warm) if result.warm else "-"
                kept = " ".join(f"{v.seconds:.2f}" for v in result.cached) or "-"
                warmed = f", warmed {result.warmed:.1f} s" if result.warmed else ""
                print(
                    f"{name}: server start {result.start:.1f} s{warmed}, cold {cold} s, "
                    f"warm {warm} s, "
                    f"warm with browser cache {kept} s"
                    + (f" ({notes(result)})" if notes(result) else ""),
                    file=sys.stderr,
                    flush=True,
                )
                if result.error:
                    log = Path(folder) / f"{name}.log"
                    print(log.read_text(errors="replace")[-2000:], file=sys.stderr)
        finally:
            browser.close()

    print()
    print(
        "| page | address | server start s | cold s | cold: connected / first element s "
        "| warm s (median) | warm, browser cache kept s (median) | charts | notes |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        cold = f"{r.cold.seconds:.2f}" if r.cold else "-"
        first = "-"
        if r.cold:
            first = " / ".join(
                "-" if x is None else f"{x:.2f}" for x in (r.cold.connected, r.cold.first)
            )
        warm = f"{statistics.median(v.seconds for v in r.warm):.2f}" if r.warm else "-"
        kept = f"{statistics.median(v.seconds for v in r.cached):.2f}" if r.cached else "-"
        charts = str(r.cold.charts) if r.cold else "-"
        print(
            f"| {r.name} | `{r.address}` | {r.start:.1f} | {cold} | {first} | {warm} | {kept} "
            f"| {charts} | {notes(r)} |"
        )
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
