"""`python -m cxcore handoffs` and `tag --json`'s handoff flag, as automation calls them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from tests.planted import handoff_export, handoff_rows

ROOT = Path(__file__).resolve().parent.parent


def cx(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cxcore", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_handoffs_json_per_stage_with_intervals(tmp_path):
    path, database = tmp_path / "zendesk.csv", str(tmp_path / "cx.sqlite")
    path.write_bytes(handoff_export())
    assert cx("import", str(path), "--db", database).returncode == 0
    done = cx("handoffs", "--db", database, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report["overall"]) >= {"n", "with_handoff", "share", "mean"}
    per_handoff = report["overall"]["per_handoff"]
    x = [r["stations"] - 1 for r in handoff_rows()]
    slope = np.polyfit(x, [r["csat"] for r in handoff_rows()], 1)[0]
    assert per_handoff["metric"] == "csat" and abs(per_handoff["value"] - slope) < 0.05
    assert per_handoff["ci_high"] < 0
    assert [s["stage"] for s in report["stages"]][0] == "usage"  # the journey's order
    assert {"with_vs_without", "per_handoff"} <= set(report["stages"][1])
    plain = cx("handoffs", "--db", database)
    assert "Service & support" in plain.stdout and "(costly)" in plain.stdout


def test_handoffs_without_evidence_and_a_bad_date(tmp_path):
    database = str(tmp_path / "cx.sqlite")
    report = json.loads(cx("handoffs", "--db", database, "--json").stdout)
    assert (report["source"], report["reason"]) == (None, "no_data")
    bad = cx("handoffs", "--db", database, "--from", "March")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_tag_json_says_handoff_true_or_false():
    done = cx("tag", "--json", "Beni üç kez başka birime aktardılar", "Aktarılmadan çözdüler")
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert first["handoff"] is True and "aktardilar" in first["handoff_words"]
    assert second["handoff"] is False and second["handoff_words"] == []
