"""The survey sentiment benchmark's parts (issue 21): the held-out journey set is the heldout
part, the retired journey sets are tuned on, and no file is in both parts."""

from __future__ import annotations

from bench import sentiment_eval


def test_the_heldout_part_is_the_seventh_fresh_journey_set():
    assert [p.name for p in sentiment_eval.SURVEY_SETS["heldout"]] == ["journey_fresh7_set.csv"]


def test_the_retired_journey_sets_are_in_the_tune_part_only():
    tune = {p.name for p in sentiment_eval.SURVEY_SETS["tune"]}
    retired = {"journey_heldout_set.csv", "journey_fresh_set.csv"}
    retired |= {f"journey_fresh{n}_set.csv" for n in (2, 3, 4, 5, 6)}
    assert retired <= tune
    assert not tune & {p.name for p in sentiment_eval.SURVEY_SETS["heldout"]}
    assert all(p.is_file() for part in sentiment_eval.SURVEY_SETS.values() for p in part)
