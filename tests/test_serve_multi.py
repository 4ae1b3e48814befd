"""Two dashboard processes on one database (deploy/serve_multi.py), spoken to over
Streamlit's own protocol on loopback: both serve the stage page, and an import shows on both."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import db
from bench.load import page_elements
from cxcore.ingest.pipeline import import_file
from deploy.serve_multi import healthy

ROOT = Path(__file__).resolve().parent.parent
HEADER = "Response ID,Date,Customer ID,Channel,Stage,NPS,Comment\n"
FIRST = HEADER + "".join(
    f"R{i},2026-01-{1 + i:02d},C{i},Phone,Support,{i},Comment number {i}\n" for i in range(10)
)
LATER = HEADER + "S1,2026-02-02,C20,Phone,Support,0,Awful\nS2,2026-02-03,C21,IVR,Support,10,Great\n"
WAIT_S = 180  # a generous bound for a loaded machine: nothing here is timed


def free_port_pair() -> int:
    """A port p with p + 1 free too (serve_multi.py takes consecutive ports)."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
        return int(port)
    raise RuntimeError("no two consecutive free ports")


async def _stage_metrics(port: int) -> dict[str, str]:
    """A new session opens the support stage; the KPI labels and values it was sent."""
    elements = await page_elements(port, "stage", "stage=support", WAIT_S)
    shown = [element.WhichOneof("type") for element in elements]
    assert "exception" not in shown, [e.exception.message for e in elements if e.exception.message]
    return {e.metric.label: e.metric.body for e in elements if e.WhichOneof("type") == "metric"}


def stage_metrics(port: int) -> dict[str, str]:
    # A thread of its own: Playwright's sync API (the browser tests, earlier in the same
    # pytest run) leaves an event loop running in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _stage_metrics(port)).result()


@pytest.fixture
def two_processes(db_url: str, tmp_path: Path):
    """deploy/serve_multi.py --processes 2 on `db_url`: (the first port, the process)."""
    import_file(FIRST.encode(), "first.csv", engine=db.get_engine(db_url), survey="First")
    port = free_port_pair()
    env = os.environ | {
        "CX_DATABASE_URL": db_url,
        "CX_USERS_FILE": str(tmp_path / "no-users.yaml"),  # no users: the dashboard is open
    }
    command = [sys.executable, str(ROOT / "deploy" / "serve_multi.py"), "--processes", "2"]
    log = tmp_path / "serve_multi.log"
    with log.open("wb") as out:
        runner = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=tmp_path,  # from anywhere: the script runs the app from the repository
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + WAIT_S
        while not all(_healthy(p) for p in (port, port + 1)):
            assert runner.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the two processes did not start"
            time.sleep(0.5)
        yield port, runner
    finally:
        runner.send_signal(signal.SIGTERM)
        try:
            runner.wait(timeout=60)
        except subprocess.TimeoutExpired:
            runner.kill()


def _healthy(port: int) -> bool:
    return healthy("127.0.0.1", port)


def test_two_processes_serve_the_same_data_and_both_see_an_import(two_processes, db_url):
    port, runner = two_processes
    assert stage_metrics(port)["Responses"] == "10"
    assert stage_metrics(port + 1)["Responses"] == "10"

    import_file(LATER.encode(), "later.csv", engine=db.get_engine(db_url), survey="Later")

    assert stage_metrics(port)["Responses"] == "12"  # each process's cache saw the revision
    assert stage_metrics(port + 1)["Responses"] == "12"
    assert stage_metrics(port) == stage_metrics(port + 1)

    runner.send_signal(signal.SIGTERM)  # stopping the script stops both processes
    runner.wait(timeout=60)
    deadline = time.monotonic() + 30
    while (_healthy(port) or _healthy(port + 1)) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _healthy(port) and not _healthy(port + 1)


def test_the_served_config_turns_off_the_per_run_work_a_server_does_not_need():
    """Under load the source watcher and a full garbage collection after every run took about
    60% of the server's time per page (docs/benchmarks.md, "Under load")."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["fileWatcherType"] == "none"
    assert config["runner"]["postScriptGC"] is False
