"""The stage model's builder (issue 22, rounds four and five) never trains on the held-out
set, and the placing benchmark can leave the model out."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from bench import tagging_eval
from bench.placement_learn import JUDGES, TRAINING_SETS
from bench.placement_learn import main as learn
from bench.touchpoint_learn import main as check
from bench.touchpoint_learn import touchpoint_terms


def test_the_stage_model_is_never_trained_on_the_held_out_set(capsys):
    assert learn(["--sets", "tuned", "journey-fresh7", "--check"]) == 2
    assert "held out" in capsys.readouterr().err


def test_the_benchmark_scores_the_rules_alone_on_request(monkeypatch, capsys, tmp_path):
    rows = tmp_path / "set.csv"
    rows.write_text(
        "id,language,industry,style,comment,stage,touchpoint,sentiment\n"
        "1,en,telecom,survey,my bill went up again,usage,billing,negative\n",
        encoding="utf-8",
    )
    argv = ["tagging_eval.py", "--set", "journey", "--file", str(rows), "--rules-only"]
    monkeypatch.setattr(sys, "argv", argv)
    assert tagging_eval.main() == 0
    assert "stage       rows=1" in capsys.readouterr().out


def test_the_training_set_is_a_tune_set_and_the_judges_are_trained_on():
    """Round five: journey-train1 is registered and its misses may be read; the builder trains
    on it and on journey-fresh3, and judges its thresholds on the sets the rules never saw."""
    assert tagging_eval.SETS["journey-train1"].name == "journey_train1_set.csv"
    assert "journey-train1" not in tagging_eval.NO_MISSES
    assert set(JUDGES) <= set(TRAINING_SETS)
    assert {"journey-fresh3", "journey-train1"} <= set(TRAINING_SETS)
    assert not set(TRAINING_SETS) & tagging_eval.NO_MISSES


def test_the_training_set_lists_its_misses(monkeypatch, capsys):
    argv = ["tagging_eval.py", "--set", "journey-train1", "--misses"]
    monkeypatch.setattr(sys, "argv", argv)
    assert tagging_eval.main() == 0
    assert "got_stage" in capsys.readouterr().out


def test_the_touchpoint_check_never_trains_on_the_held_out_set(capsys):
    assert check(["--sets", "journey-train1", "journey-fresh7"]) == 2
    assert "held out" in capsys.readouterr().err
    terms = touchpoint_terms()
    assert {"store", "billing", "mobile_app"} <= set(terms["stage"])


def test_the_model_trains_on_the_retired_sets_and_the_training_sets_less_the_near_twins():
    """Fresh4 and fresh5 (retired) and train2-4 are trained on; fresh7 never; rows near a
    fresh7 row are left out of training (bench/journey_overlap.py found them)."""
    from bench.placement_learn import LEFT_OUT, read_sets

    new = {"journey-fresh4", "journey-fresh5", "journey-train2", "journey-train3"}
    assert new | {"journey-train4"} <= set(TRAINING_SETS)
    assert "journey-fresh7" not in TRAINING_SETS  # held out since it was written
    assert set(LEFT_OUT) <= set(TRAINING_SETS)
    assert "journey-train4" in JUDGES and not {"journey-fresh4", "journey-train2"} & set(JUDGES)
    frame = read_sets(["journey-train2"])
    assert not set(LEFT_OUT["journey-train2"]) & set(frame["id"])
    assert len(frame) == 360 - len(LEFT_OUT["journey-train2"])


def test_the_overlap_check_flags_near_twins_of_the_same_language_only(capsys, tmp_path):
    from bench.journey_overlap import main as overlap

    held = tmp_path / "held.csv"
    held.write_text(
        "id,language,comment\n1,en,My parcel arrived three days late and the box was wet\n",
        encoding="utf-8",
    )
    train = tmp_path / "train.csv"
    train.write_text(
        "id,language,comment\n"
        "7,en,my parcel arrived 3 days late and the box was soaked!\n"
        "8,en,The bill doubled after the promotion ended\n"
        "9,cs,My parcel arrived three days late and the box was wet\n",
        encoding="utf-8",
    )
    assert overlap([str(held), str(train)]) == 0
    out = capsys.readouterr().out
    assert "train.csv: 3 rows, 1 near a held-out row: 7" in out
    assert "wet" not in out  # never the text


def test_the_left_out_rows_are_what_the_overlap_check_finds_against_the_held_out_set():
    # the one list both builders leave out follows the held-out set it was found against; one
    # file here (the whole list takes ~45 s: `bench/journey_overlap.py HELD_OUT_CSV`)
    from bench.journey_overlap import HELD_OUT, NEAR_HELD_OUT, near_ids, training_files

    bench = Path(tagging_eval.__file__).parent
    held_out = pd.read_csv(bench / HELD_OUT, dtype=str, keep_default_na=False)
    train2 = bench / "journey_train2_set.csv"
    assert train2 in training_files()
    training = pd.read_csv(train2, dtype=str, keep_default_na=False)
    assert frozenset(near_ids(held_out, training)) == NEAR_HELD_OUT[train2.name]


def test_round_seven_s_training_sets_are_trained_on_and_judge_the_thresholds():
    """train5-8 (written for round seven by helpers who did not read the rules; their misses
    never read) are trained on and are judges, less their rows near a held-out row."""
    from bench.placement_learn import LEFT_OUT

    new = {f"journey-train{n}" for n in (5, 6, 7, 8)}
    assert new <= set(TRAINING_SETS) and new <= set(JUDGES)
    assert "34069" in LEFT_OUT["journey-train5"]  # near a fresh7 comment


def test_the_held_out_figures_print_counts_and_intervals_never_a_comment(capsys, tmp_path):
    from bench.heldout_figures import main as figures
    from bench.heldout_figures import wilson

    held = tmp_path / "held.csv"
    held.write_text(
        "id,language,industry,comment,stage,touchpoint\n"
        "1,en,telecom,my bill went up by a tenner again,usage,billing\n"
        "2,en,telecom,zzz qqq,unassigned,unassigned\n",
        encoding="utf-8",
    )
    assert figures([str(held)]) == 0
    out = capsys.readouterr().out
    assert "n=2" in out and "stage given 1/2 (50.0%, 9-91)" in out
    assert "tenner" not in out and "zzz" not in out
    low, high = wilson(0, 10)
    assert abs(low) < 1e-9 and 27 < high < 29
