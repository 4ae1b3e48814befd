"""Learning from the lead's hand placements: confident only, source `learned`, never over
a hand, column or category tag, trained again on re-tagging and used after an import."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.text.learned_placement import (
    MIN_EXAMPLES,
    fit_placement,
    learned_confidence,
    place_learned,
)

# Words no rule knows, one per stage: only the lead's placements can teach them.
TOPICS = {"usage": "zorbix", "support": "plonket", "loyalty": "quimbera"}
FILLERS = ["bugün", "yine", "again today", "hep böyle", "zase", "every week", "nevím", "ama"]


def comments(word: str, n: int, start: int = 0) -> list[str]:
    return [f"{word} {FILLERS[i % len(FILLERS)]} {i}" for i in range(start, start + n)]


def hand_placed(per_stage: int = 15) -> pd.DataFrame:
    rows = [
        {
            F.COMMENT: text,
            F.STAGE: stage,
            F.STAGE_SOURCE: "manual",
            F.TOUCHPOINT: F.UNASSIGNED,
            F.TOUCHPOINT_SOURCE: F.UNASSIGNED,
        }
        for stage, word in TOPICS.items()
        for text in comments(word, per_stage)
    ]
    return pd.DataFrame(rows)


def unplaced(texts: list[str], source: str = F.UNASSIGNED, stage: str = F.UNASSIGNED):
    n = len(texts)
    return pd.DataFrame(
        {
            F.COMMENT: texts,
            F.STAGE: [stage] * n,
            F.STAGE_SOURCE: [source] * n,
            F.TOUCHPOINT: [F.UNASSIGNED] * n,
            F.TOUCHPOINT_SOURCE: [F.UNASSIGNED] * n,
        }
    )


def test_too_few_hand_placements_learn_nothing():
    model = fit_placement(hand_placed().head(MIN_EXAMPLES - 1))
    assert model.stage is None and model.touchpoint is None
    frame = unplaced(["zorbix again"])
    assert place_learned(frame, model)[F.STAGE_SOURCE].tolist() == [F.UNASSIGNED]


def test_the_model_places_confidently_with_source_learned_and_reports_its_precision():
    model = fit_placement(hand_placed())
    assert model.stage is not None and model.touchpoint is None  # no touchpoint by hand
    assert model.stage.examples == 45
    assert model.stage.cv_precision is not None and model.stage.cv_precision >= 0.9
    placed = place_learned(unplaced(["zorbix nefunguje", "plonket yine", "quimbera ok"]), model)
    assert placed[F.STAGE].tolist() == ["usage", "support", "loyalty"]
    assert set(placed[F.STAGE_SOURCE]) == {"learned"}
    assert set(placed[F.TOUCHPOINT_SOURCE]) == {F.UNASSIGNED}


def test_a_comment_unlike_any_hand_placement_stays_unassigned():
    model = fit_placement(hand_placed())
    placed = place_learned(unplaced(["zorbix plonket quimbera", "hello there"]), model)
    assert placed[F.STAGE_SOURCE].tolist() == [F.UNASSIGNED, F.UNASSIGNED]


def test_it_never_changes_a_tag_it_did_not_give():
    model = fit_placement(hand_placed())
    for source in ("manual", "column", "category", "rule", "survey", "channel"):
        frame = unplaced(["zorbix bugün"], source=source, stage="purchase")
        placed = place_learned(frame, model)
        assert placed[[F.STAGE, F.STAGE_SOURCE]].values.tolist() == [["purchase", source]]


def test_learned_confidence_lists_the_least_sure_first():
    model = fit_placement(hand_placed())
    frame = unplaced(["zorbix 1", "zorbix plonket", "zorbix"], source="learned", stage="usage")
    frame.insert(0, "id", [1, 2, 3])
    listed = learned_confidence(frame, model)
    assert listed["id"].iloc[0] == 2
    assert np.all(np.diff(listed["confidence"]) >= 0)
