"""The handoff benchmark: held-out misses are never printed, tuning sets' misses are."""

from __future__ import annotations

import pytest

from bench.handoff_eval import main

_ROWS = (
    "id,language,comment,handoff\n"
    "1,en,They transferred me three times,true\n"
    "2,en,Great service,false\n"
    "3,en,Bounced from billing to tech and back,true\n"
)


def test_the_fresh_sets_misses_are_refused_also_when_read_by_path(tmp_path, capsys):
    fresh = tmp_path / "handoff_fresh7_set.csv"
    fresh.write_text(_ROWS, encoding="utf-8")

    assert main(["--misses"]) == 2
    assert main(["--set", "fresh7", "--misses"]) == 2
    assert main(["--set", "fresh7", "--path", str(fresh), "--misses"]) == 2
    assert main(["--set", "tune", "--path", str(fresh), "--misses"]) == 2
    assert "never printed" in capsys.readouterr().err


def test_the_retired_fresh_sets_misses_are_read(capsys):
    """The first fresh set, scored three times, is a tuning set now (bench/HELDOUT_SETS.md)."""
    assert main(["--set", "retired2", "--misses"]) == 0
    out = capsys.readouterr().out
    assert "all  rows=240" in out


# Retired on 2026-12-07 once scored (bench/HELDOUT_SETS.md): fresh2 three times, fresh3
# twice by round four, fresh4 three times (round five and main), fresh5 twice by round six,
# fresh6 twice in round seven. Their misses may be read now.
@pytest.mark.parametrize("name", ["fresh2", "fresh3", "fresh4", "fresh5", "fresh6"])
def test_a_retired_fresh_set_is_a_tuning_set_now(name, tmp_path, capsys):
    retired = tmp_path / f"handoff_{name}_set.csv"
    retired.write_text(_ROWS + "4,en,I was never passed around at all,true\n", encoding="utf-8")

    assert main(["--set", name, "--path", str(retired), "--misses"]) == 0
    assert "4 en gold=True found=False" in capsys.readouterr().out


def test_figures_per_language_and_a_tuning_sets_misses(tmp_path, capsys):
    tuning = tmp_path / "some_tuning.csv"
    tuning.write_text(_ROWS + "4,en,I was never passed around at all,true\n", encoding="utf-8")

    assert main(["--set", "tune", "--path", str(tuning), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "en   rows=4    handoffs=3    found=2    precision=100.0%  recall=66.7%" in out
    assert "4 en gold=True found=False" in out


def test_a_missing_set_says_where_to_look(tmp_path, capsys):
    assert main(["--path", str(tmp_path / "absent.csv")]) == 2
    assert "does not exist (see --path)" in capsys.readouterr().err


def test_the_rules_alone_and_the_learned_model_are_scored_apart(tmp_path, capsys):
    tuning = tmp_path / "some_tuning.csv"
    # a wording no rule has, which the learned model reads as a handoff
    tuning.write_text(
        _ROWS + "4,en,They kept juggling my case among the departments,true\n", encoding="utf-8"
    )

    assert main(["--set", "tune", "--path", str(tuning), "--rules-only"]) == 0
    assert "en   rows=4    handoffs=3    found=2" in capsys.readouterr().out
    assert main(["--set", "tune", "--path", str(tuning)]) == 0
    assert "en   rows=4    handoffs=3    found=3" in capsys.readouterr().out


def test_the_learned_model_is_never_trained_on_the_held_out_set(capsys):
    from bench.handoff_learn import main as learn

    assert learn(["--sets", "tune", "fresh7", "--check"]) == 2
    assert "held out" in capsys.readouterr().err
