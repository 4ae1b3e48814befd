"""Agreement between two labellers (bench/label_agreement.py): kappa, the second labeller read
as a tagger, and refusing files that label different comments."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from bench import label_agreement

GOLD = (
    "id,language,industry,style,comment,stage,touchpoint,sentiment\n"
    "1,tr,telecom,survey,a,support,call_center,negative\n"
    "2,tr,telecom,survey,b,usage,unassigned,negative\n"
    "3,cs,bank,chat,c,purchase,store,positive\n"
    "4,en,airline,tweet,d,unassigned,unassigned,neutral\n"
)


def test_kappa_of_identical_columns_is_one_and_of_chance_pairs_is_zero():
    same = pd.Series(["a", "b", "a", "b"])
    assert label_agreement.cohen_kappa(same, same) == pytest.approx(1.0)
    # every pairing equally likely: observed agreement equals chance agreement
    assert label_agreement.cohen_kappa(
        pd.Series(["a", "a", "b", "b"]), pd.Series(["a", "b", "a", "b"])
    ) == pytest.approx(0.0)
    assert math.isnan(label_agreement.cohen_kappa(pd.Series(["a", "a"]), pd.Series(["a", "a"])))


def test_the_second_labeller_is_scored_like_the_tagger():
    gold = pd.Series(["support", "usage", "unassigned", "loyalty"])
    second = pd.Series(["support", "support", "usage", "unassigned"])
    # placed 3, of which only the first matches the first labeller
    assert label_agreement.as_tagger(gold, second) == {"n": 4, "placed": 3, "right": 1}


def test_report_prints_each_label_per_language(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text(GOLD)
    second = tmp_path / "second.csv"
    second.write_text(
        "id,stage,touchpoint,sentiment\n"
        "4,unassigned,unassigned,neutral\n"
        "1,support,call_center,negative\n"
        "2,support,unassigned,neutral\n"
        "3,purchase,store,positive\n"
    )
    lines = label_agreement.report(label_agreement.paired(gold, second))
    stage_all = lines[lines.index("== stage ==") + 1]
    # 3 of 4 stages alike; the second placed 3, of which 2 alike
    assert "same 75.0%" in stage_all and "given 75.0%" in stage_all and "right 66.7%" in stage_all
    sentiment_tr = lines[lines.index("== sentiment ==") + 2]
    assert sentiment_tr.strip().startswith("tr") and "same 50.0%" in sentiment_tr


def test_files_labelling_different_comments_are_refused(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text(GOLD)
    second = tmp_path / "second.csv"
    second.write_text("id,stage,touchpoint,sentiment\n1,support,call_center,negative\n")
    with pytest.raises(SystemExit, match="3 ids in one only"):
        label_agreement.paired(gold, second)
