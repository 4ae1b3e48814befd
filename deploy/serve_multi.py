"""Run several dashboard processes on one database, one port each, for a reverse proxy.

    .venv/bin/python deploy/serve_multi.py [--processes 2] [--port 8601] [--address 127.0.0.1]

Starts `streamlit run app.py` N times, on ports PORT…PORT+N−1, every process with the
same environment (`CX_DATABASE_URL`, `CX_SECRET_KEY` or `CX_KEY_FILE`, `CX_TAXONOMY`,
`CX_USERS_FILE`), waits until each answers `/_stcore/health`, prints the addresses to put
behind the proxy (deploy/Caddyfile or deploy/nginx.conf: sticky sessions, WebSockets), and
keeps them running. Ctrl-C (or SIGTERM) stops them all; when one stops by itself, the others
are stopped too and the exit code says so. One Streamlit process runs Python on one core at
a time, so N is at most the number of cores the dashboard may use.

Every process caches its reads in its own memory, keyed on the data revision stored in the
database: an import or a re-tag through one process shows on every process at its next run.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_PROCESSES = 32
START_TIMEOUT_S = 120


def command(address: str, port: int) -> list[str]:
    """One process: serve.py, `streamlit run app.py` warmed (settings from
    .streamlit/config.toml)."""
    return [
        sys.executable, str(ROOT / "serve.py"),
        "--server.address", address, "--server.port", str(port), "--server.headless", "true",
    ]  # fmt: skip


def healthy(address: str, port: int) -> bool:
    host = "127.0.0.1" if address in ("0.0.0.0", "") else address
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def start(processes: int, port: int, address: str) -> list[subprocess.Popen[bytes]]:
    """The N processes, each answering its health check (raises SystemExit if one can't)."""
    started = [
        subprocess.Popen(command(address, port + i), cwd=ROOT, env=os.environ.copy())
        for i in range(processes)
    ]
    deadline = time.monotonic() + START_TIMEOUT_S
    waiting = set(range(processes))
    while waiting and time.monotonic() < deadline:
        for i in sorted(waiting):
            if started[i].poll() is not None:
                stop(started)
                raise SystemExit(f"the process on port {port + i} stopped while starting")
            if healthy(address, port + i):
                waiting.discard(i)
        time.sleep(0.3)
    if waiting:
        stop(started)
        raise SystemExit(f"no answer on port(s) {', '.join(str(port + i) for i in waiting)}")
    return started


def stop(started: list[subprocess.Popen[bytes]]) -> None:
    for process in started:
        if process.poll() is None:
            process.terminate()
    for process in started:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2, help="how many (default 2)")
    parser.add_argument("--port", type=int, default=8601, help="the first port (default 8601)")
    parser.add_argument("--address", default="127.0.0.1", help="where they listen")
    args = parser.parse_args(argv)
    if not 1 <= args.processes <= MAX_PROCESSES:
        parser.error(f"--processes must be 1–{MAX_PROCESSES}")
    if not os.environ.get("CX_DATABASE_URL"):
        print("CX_DATABASE_URL is not set: every process uses the default SQLite file under data/")
    started = start(args.processes, args.port, args.address)
    ports = [args.port + i for i in range(args.processes)]
    print(f"{args.processes} processes: " + " ".join(f"{args.address}:{p}" for p in ports))
    print("put them behind the proxy with sticky sessions (deploy/Caddyfile, deploy/nginx.conf)")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while all(p.poll() is None for p in started):
            time.sleep(1)
        ended = next(p for p in started if p.poll() is not None)
        print(f"a process stopped (exit code {ended.returncode}): stopping the others")
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop(started)


if __name__ == "__main__":
    raise SystemExit(main())
