"""Would a touchpoint second opinion pay? Out-of-fold figures of one, built as the stage model.

    .venv/bin/python bench/touchpoint_check.py [--sets ...]

A multinomial logistic regression on the stage model's features (`bench/placement_learn.py`:
words, word pairs and letter pieces; C = 30; the default journey model's touchpoint words
and phrases of weight 2 or more as short examples), with the touchpoints and "unassigned" as
classes, trained with one set left out at a time. It is asked only where the rules give no
touchpoint, and places one where its top class is a touchpoint with at least the threshold's
probability. Printed per set and for the JUDGES together (the sets the rules never saw):
touchpoints given and right, for the rules alone and with the model at each threshold.
Round five printed these figures and shipped no touchpoint model (docs/benchmarks.md);
nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ngram_fit import refuse_held_out  # noqa: E402
from bench.placement_learn import (  # noqa: E402
    JUDGES,
    PENALTIES,
    TRAINING_SETS,
    journey_terms,
    out_of_fold,
    read_sets,
)
from bench.tagging_eval import NO_MISSES, SETS  # noqa: E402
from cxcore import fields as F  # noqa: E402
from cxcore.text.comment_rules import compile_rules  # noqa: E402
from cxcore.text.taxonomy import load_taxonomy  # noqa: E402

__all__ = ["main", "touchpoint_terms"]

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def touchpoint_terms() -> pd.DataFrame:
    """The default journey model's touchpoint words and phrases as examples (folded, stage)."""
    return journey_terms("touchpoint")


def line(label: str, gold: np.ndarray, got: np.ndarray) -> str:
    given = got != F.UNASSIGNED
    right = int((given & (got == gold)).sum())
    return (
        f"  {label:<22} n={len(gold):<4} given {given.mean():6.1%}  "
        f"right {right / max(int(given.sum()), 1):6.1%}  ({right}/{int(given.sum())})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sets", nargs="+", choices=[s for s in SETS if s != "both"], default=list(TRAINING_SETS)
    )
    args = parser.parse_args(argv)
    if refuse_held_out(args.sets, NO_MISSES):
        return 2
    rules = compile_rules(load_taxonomy())
    frame = read_sets(args.sets)
    frame["weight"] = 1.0
    rule = np.array([rules.tag_folded(f)[1] or F.UNASSIGNED for f in frame["folded"]], object)
    gold = frame["touchpoint"].to_numpy()
    classes = [*load_taxonomy().touchpoint_keys(), F.UNASSIGNED]
    probability = out_of_fold(
        frame.assign(stage=frame["touchpoint"]), touchpoint_terms(), PENALTIES[0], classes
    )
    said = np.asarray(classes, dtype=object)[probability.argmax(axis=1)]
    sure = probability.max(axis=1)
    for name in [*frame["set"].unique(), "judges"]:
        rows = (frame["set"].isin(JUDGES) if name == "judges" else frame["set"] == name).to_numpy()
        print(f"{name}:")
        print(line("rules", gold[rows], rule[rows]))
        for threshold in THRESHOLDS:
            got = rule.copy()
            fill = (rule == F.UNASSIGNED) & (said != F.UNASSIGNED) & (sure >= threshold)
            got[fill] = said[fill]
            print(line(f"with the model at {threshold}", gold[rows], got[rows]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
