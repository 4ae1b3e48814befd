"""The placing benchmark's held-out rule (issue 22, rounds two to eight): the held-out
journey set's misses are never printed, also when read from another path; the retired sets'
are; a set read from another path works."""

from __future__ import annotations

import sys

import pytest

from bench import tagging_eval


def run(monkeypatch, capsys, *args: str) -> tuple[int | None, str, str]:
    monkeypatch.setattr(sys, "argv", ["tagging_eval.py", *args])
    try:
        code = tagging_eval.main()
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


SET_HEADER = "id,language,industry,style,comment,stage,touchpoint,sentiment\n"


def test_misses_of_the_held_out_journey_set_are_refused(monkeypatch, capsys, tmp_path):
    fresh = tmp_path / "fresh.csv"
    fresh.write_text(
        SET_HEADER + "1,en,telecom,survey,my bill went up again,usage,billing,negative\n",
        encoding="utf-8",
    )
    code, _, err = run(monkeypatch, capsys, "--set", "journey-fresh7", "--misses")
    assert code == 2
    assert "not available for the journey-fresh7 set: it is held out" in err
    code, out, _ = run(monkeypatch, capsys, "--set", "journey-fresh7", "--file", str(fresh))
    assert code == 0
    assert "stage       rows=1" in out
    assert "my bill went up again" not in out


def test_the_held_out_file_keeps_its_rule_when_read_under_another_set(
    monkeypatch, capsys, tmp_path
):
    copy = tmp_path / "journey_fresh7_set.csv"
    copy.write_text(SET_HEADER + "1,en,telecom,survey,zzz,usage,billing,neutral\n", "utf-8")
    code, out, err = run(
        monkeypatch, capsys, "--set", "journey-fresh", "--file", str(copy), "--misses"
    )
    assert code == 2
    assert "held out" in err
    assert "zzz" not in out


# every journey set but the held-out one: retired sets and training sets alike
TUNE_JOURNEY_SETS = [
    name
    for name in tagging_eval.SETS
    if name.startswith("journey") and name not in tagging_eval.NO_MISSES
]


def test_only_the_newest_journey_set_is_held_out():
    assert tagging_eval.NO_MISSES == {"journey-fresh7"}
    assert {"journey-fresh6", "journey-train8"} <= set(TUNE_JOURNEY_SETS)


@pytest.mark.parametrize("name", TUNE_JOURNEY_SETS)
def test_the_retired_journey_sets_list_their_misses(monkeypatch, capsys, name):
    code, out, _ = run(monkeypatch, capsys, "--set", name, "--misses")
    assert code == 0
    assert "got_stage" in out


def test_a_missing_set_file_is_named(monkeypatch, capsys, tmp_path):
    code, _, err = run(
        monkeypatch, capsys, "--set", "journey-fresh7", "--file", str(tmp_path / "no.csv")
    )
    assert code == 2
    assert "no.csv does not exist" in err


@pytest.mark.parametrize("name", sorted(tagging_eval.SETS))
def test_every_set_has_a_path_in_bench(name):
    assert tagging_eval.SETS[name].parent.name == "bench"
