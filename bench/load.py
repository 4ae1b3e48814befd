"""Open a page from N concurrent sessions speaking Streamlit's protocol; report page times.

    .venv/bin/python bench/load.py [--db URL] [--rows 100000] [--sessions 20] [--seconds 120]
                                   [--page stage] [--query stage=support] [--servers 1]

Starts `streamlit run app.py` on 127.0.0.1 (a free port, no users file: the dashboard is
open; with `--servers N`, N such processes on N ports against the same database, the
sessions spread over them in turn, as a proxy with sticky sessions would), then runs N
sessions at once. Each session, like a visitor, opens a WebSocket to
`/_stcore/stream`, asks for the page (a `rerun_script` BackMsg with the page's URL name and
query), reads ForwardMsgs until `script_finished`, closes, and starts over until the time
is up. A page time is from the request to `script_finished`: the server's whole script run
and every element it sent (not the browser's drawing). A page that shows an exception counts
as an error. The server and this script stop by themselves; sessions and seconds are capped.

Besides the page times it prints the servers' own CPU seconds per page (from /proc): other
jobs on a shared machine stretch the page times but hardly the CPU a page costs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from deploy.serve_multi import healthy  # noqa: E402

HOST = "127.0.0.1"  # loopback only: this script never loads anyone else's server
MAX_SESSIONS = 100
MAX_SERVERS = 8
MAX_SECONDS = 900
PAGE_TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(url: str, port: int, folder: Path) -> subprocess.Popen[bytes]:
    """`streamlit run app.py` on HOST:port against `url`, waited for until healthy."""
    env = os.environ | {
        "CX_DATABASE_URL": url,
        "CX_USERS_FILE": str(folder / "no-users.yaml"),  # no users: the dashboard is open
    }
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.address", HOST, "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    log = open(folder / "server.log", "wb")  # noqa: SIM115 (kept open for the server's life)
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if healthy(HOST, port):
            return server
        time.sleep(0.3)
    server.kill()
    raise SystemExit(f"the server did not start: see {folder / 'server.log'}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by process `pid` (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rerun_request(page: str, query: str) -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = page
    message.rerun_script.page_script_hash = ""
    return message.SerializeToString()


async def page_elements(port: int, page: str, query: str, timeout: float = PAGE_TIMEOUT_S) -> list:
    """Every element a new session on `port` is sent while it opens the page (its
    `new_element` deltas), up to the run that finishes successfully."""
    elements = []
    async with websockets.connect(
        f"ws://{HOST}:{port}/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=timeout,
    ) as ws:
        await ws.send(rerun_request(page, query))
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(ws.recv(), timeout))
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                elements.append(message.delta.new_element)
            if kind == "page_not_found":
                raise SystemExit(f"the server has no page '{page}'")
            if kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return elements
                # FINISHED_EARLY_FOR_RERUN: the page asked for a rerun (st.rerun); keep reading


async def open_page(port: int, page: str, query: str) -> tuple[float, bool]:
    """Seconds for one new session to open the page, and whether it showed an exception."""
    start = time.perf_counter()
    elements = await page_elements(port, page, query)
    failed = any(element.WhichOneof("type") == "exception" for element in elements)
    return time.perf_counter() - start, failed


async def session(port: int, page: str, query: str, until: float, out: list) -> None:
    """One visitor after another, until `until`: each a new WebSocket session."""
    while time.monotonic() < until:
        try:
            out.append(await open_page(port, page, query))
        except (TimeoutError, OSError, websockets.WebSocketException) as error:
            out.append((float("nan"), True))
            print(f"  session error: {error!r}", file=sys.stderr)


async def run(ports: list[int], sessions: int, seconds: float, page: str, query: str) -> list:
    """Page times of `sessions` visitors in a row each, session i on ports[i % len(ports)]."""
    results: list[tuple[float, bool]] = []
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(session(ports[i % len(ports)], page, query, until, results) for i in range(sessions))
    )
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite:////tmp/cx-load-100k.sqlite")
    parser.add_argument("--rows", type=int, default=100_000, help="import demo rows up to this")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--page", default="stage", help="the page's URL name")
    parser.add_argument("--query", default="stage=support")
    parser.add_argument("--servers", type=int, default=1, help="app processes, one port each")
    args = parser.parse_args()
    if not 1 <= args.sessions <= MAX_SESSIONS or not 1 <= args.seconds <= MAX_SECONDS:
        raise SystemExit(f"use 1–{MAX_SESSIONS} sessions and 1–{MAX_SECONDS} seconds")
    if not 1 <= args.servers <= MAX_SERVERS:
        raise SystemExit(f"use 1–{MAX_SERVERS} servers")
    if args.rows:
        from bench.page_queries import ensure_rows

        ensure_rows(args.db, args.rows)
    with tempfile.TemporaryDirectory(prefix="cx-load-") as folder:
        servers: dict[int, subprocess.Popen[bytes]] = {}
        try:
            for index in range(args.servers):
                port = free_port()
                log_folder = Path(folder) / str(index)
                log_folder.mkdir()
                servers[port] = start_server(args.db, port, log_folder)
            for port in servers:
                # A first visitor imports the page's modules and fills the caches: not timed.
                warm, failed = asyncio.run(open_page(port, args.page, args.query))
                print(f"first visitor on :{port} (not counted): {warm:.2f} s"
                      f"{' (error)' if failed else ''}")  # fmt: skip
            pids = [server.pid for server in servers.values()]
            cpu_before, wall_before = sum(map(cpu_seconds, pids)), time.monotonic()
            results = asyncio.run(
                run(list(servers), args.sessions, args.seconds, args.page, args.query)
            )
            cpu = sum(map(cpu_seconds, pids)) - cpu_before
            wall = time.monotonic() - wall_before
        finally:
            for server in servers.values():
                server.terminate()
            for server in servers.values():
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
    times = [s for s, failed in results if not failed]
    errors = sum(failed for _, failed in results)
    print(
        f"{args.sessions} sessions on {args.servers} server(s), {wall:.0f} s,"
        f" page '{args.page}?{args.query}', load average {os.getloadavg()[0]:.1f}"
    )
    print(f"pages: {len(times)} ok, {errors} errors, {len(times) / wall:.2f} pages/s")
    if times:
        print(
            f"page time: p50 {statistics.median(times):.2f} s, p95 {percentile(times, 0.95):.2f} s,"
            f" max {max(times):.2f} s"
        )
    print(f"server CPU: {cpu / wall:.2f} cores on average", end="")
    print(f", {cpu / len(times):.3f} CPU seconds per page" if times else "")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
