"""`python -m cxcore action add / list`: actions stored, and their effect as JSON."""

from __future__ import annotations

import json

import pytest

import db
from cxcore.cli import main
from tests.planted import LIVE, PLANTED_RISE, effect_rows, store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_then_list_prints_each_action_with_its_effect(capsys, db_url):
    store(db.get_engine(db_url), effect_rows())
    code, out, _ = run(
        capsys,
        *("action", "add", "--title", "IVR menu redesign", "--stage", "support"),
        *("--touchpoint", "ivr", "--start", LIVE.isoformat(), "--metric", "csat"),
        *("--target", "75", "--due", "2026-06-30", "--owner", "Ayşe", "--db", db_url),
    )
    assert code == 0 and out.strip() == "Added action 1: IVR menu redesign."
    code, out, _ = run(
        capsys, "action", "add", "--title", "Not yet", "--stage", "loyalty", "--db", db_url
    )
    assert code == 0
    code, out, _ = run(capsys, "action", "list", "--db", db_url, "--json")
    assert code == 0
    found = {a["id"]: a for a in json.loads(out)}
    ivr = found[1]
    assert (ivr["stage"], ivr["touchpoint"], ivr["owner"]) == ("support", "ivr", "Ayşe")
    assert (ivr["live_date"], ivr["due_date"], ivr["target"]) == ("2026-03-02", "2026-06-30", 75)
    effect = ivr["effect"]
    assert effect["metric"] == "csat"
    assert (effect["before"], effect["after"]) == (50.0, 80.0)
    assert effect["ci_low"] < PLANTED_RISE < effect["ci_high"] and effect["p_value"] < 0.01
    assert (effect["n_before"], effect["n_after"]) == (280, 280)
    assert effect["vs_rest"]["ci_low"] < PLANTED_RISE < effect["vs_rest"]["ci_high"]
    assert effect["vs_rest"]["p_value"] < 0.01
    assert ivr["progress"] == "met"
    assert ivr["said"].startswith("IVR / voice self-service CSAT rose 30.0 points")
    later = found[2]["effect"]
    assert later["state"] == "not_live"
    assert later["change"] is None and later["vs_rest"] == dict.fromkeys(
        ("change", "ci_low", "ci_high", "p_value")
    )
    code, out, _ = run(capsys, "action", "list", "--db", db_url, "--lang", "tr")
    assert "puan yükseldi" in out


def test_add_json_prints_the_new_action(capsys, db_url):
    code, out, _ = run(
        capsys,
        *("action", "add", "--title", "Chat bot", "--stage", "support", "--start", "2026-03-02"),
        *("--db", db_url, "--json"),
    )
    assert code == 0
    added = json.loads(out)
    assert (added["id"], added["status"], added["metric"]) == (1, "planned", "sentiment")
    assert added["effect"]["state"] == "too_early" and added["effect"]["n_after"] == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--stage", "nowhere"), "error: there is no stage 'nowhere': use one of awareness"),
        (("--stage", "support", "--touchpoint", "fax"), "error: there is no touchpoint 'fax'"),
        (("--stage", "support", "--start", "1.3.2026"), "is not a date: write it as YYYY-MM-DD"),
        (("--stage", "support", "--due", "2026-06-30"), "A due date needs a target value"),
        (("--stage", "support", "--target", "lots"), "The target 'lots' is not a number."),
    ],
)
def test_bad_input_exits_2_with_its_reason_and_stores_nothing(capsys, db_url, argv, message):
    code, _, err = run(capsys, "action", "add", "--title", "X", *argv, "--db", db_url)
    assert code == 2
    assert message in err
    assert db.actions_frame(db.get_engine(db_url)).empty
