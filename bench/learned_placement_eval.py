"""Learning from the lead, simulated: place 100 comments by hand, measure on the rest.

    .venv/bin/python bench/learned_placement_eval.py [--hand 100] [--splits 10]

Reads bench/tagging_eval_set.csv (the tuned set; never the held-out
bench/journey_heldout_set.csv). For each split, the set is shuffled and cut in two parts:
from the first, `--hand` comments with a stage are "placed by hand" (their labelled stage
and touchpoint, source `manual`); the second part is the rest of the set. On the rest it
reports, for stage and touchpoint: the learned model alone, the rules alone, and the
rules with the learned model filling what they leave unassigned (as the product does).
Coverage is the share of rows given a tag, precision the share of those that is right.
Last, how long training (with its cross-validation) takes for thousands of hand placements.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cxcore import fields as F  # noqa: E402
from cxcore.text.learned_placement import fit_placement, place_learned  # noqa: E402
from cxcore.text.tagging import tag_responses  # noqa: E402
from cxcore.text.taxonomy import load_taxonomy  # noqa: E402

EVAL_SET = Path(__file__).with_name("tagging_eval_set.csv")
DEFAULT_TAXONOMY = Path(__file__).resolve().parent.parent / "cxcore" / "data" / "taxonomy.yaml"


def _figures(gold: pd.Series, predicted: pd.Series) -> tuple[float, float]:
    given = predicted != F.UNASSIGNED
    right = given & (predicted == gold)
    return float(given.mean()), float(right.sum() / max(given.sum(), 1))


def _hand_placed(part: pd.DataFrame, n: int) -> pd.DataFrame:
    """`n` comments a lead placed: stage (and touchpoint where it has one) as labelled."""
    placed = part[part["stage"] != F.UNASSIGNED].head(n)
    return pd.DataFrame(
        {
            F.COMMENT: placed["comment"],
            F.STAGE: placed["stage"],
            F.STAGE_SOURCE: "manual",
            F.TOUCHPOINT: placed["touchpoint"],
            F.TOUCHPOINT_SOURCE: np.where(
                placed["touchpoint"] != F.UNASSIGNED, "manual", F.UNASSIGNED
            ),
        }
    )


def _unplaced(rest: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            F.COMMENT: rest["comment"],
            F.STAGE: F.UNASSIGNED,
            F.STAGE_SOURCE: F.UNASSIGNED,
            F.TOUCHPOINT: F.UNASSIGNED,
            F.TOUCHPOINT_SOURCE: F.UNASSIGNED,
        }
    )


def run_split(labelled: pd.DataFrame, taxonomy, hand: int, seed: int) -> dict[str, float]:
    """Figures on the rest of the set for one random cut."""
    shuffled = labelled.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    first = shuffled.iloc[: len(shuffled) // 2]
    manual = _hand_placed(first, hand)
    rest = shuffled.drop(index=manual.index).reset_index(drop=True)
    model = fit_placement(manual)
    alone = place_learned(_unplaced(rest), model)
    rules = tag_responses(pd.DataFrame({F.COMMENT: rest["comment"]}), taxonomy)
    both = place_learned(rules, model)
    out: dict[str, float] = {"rest": len(rest)}
    for target in (F.STAGE, F.TOUCHPOINT):
        for name, frame in (("learned", alone), ("rules", rules), ("both", both)):
            coverage, precision = _figures(rest[target], frame[target])
            out[f"{target}.{name}.coverage"] = coverage
            out[f"{target}.{name}.precision"] = precision
        fitted = model.stage if target == F.STAGE else model.touchpoint
        out[f"{target}.cv_precision"] = (
            fitted.cv_precision if fitted and fitted.cv_precision is not None else np.nan
        )
        out[f"{target}.threshold"] = fitted.threshold if fitted else np.nan
    return out


def training_time(labelled: pd.DataFrame, copies: int) -> tuple[int, float]:
    """Seconds to fit (cross-validation included) on `copies` variants of every comment."""
    placed = labelled[labelled["stage"] != F.UNASSIGNED]
    rng = np.random.default_rng(0)
    rows = []
    for copy in range(copies):
        words = rng.choice(["ok", "ve", "a", "and", "yine", "zase", "again"], size=len(placed))
        rows.append(placed.assign(comment=placed["comment"] + " " + words + f" {copy}"))
    manual = _hand_placed(pd.concat(rows, ignore_index=True), len(placed) * copies)
    fit_placement(manual.head(60))  # scikit-learn's first import is not training
    start = time.perf_counter()
    fit_placement(manual)
    return len(manual), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hand", type=int, default=100)
    parser.add_argument("--splits", type=int, default=10)
    parser.add_argument("--taxonomy", default=str(DEFAULT_TAXONOMY))
    args = parser.parse_args()
    labelled = pd.read_csv(EVAL_SET, dtype=str, keep_default_na=False)
    taxonomy = load_taxonomy(args.taxonomy)
    results = pd.DataFrame(
        [run_split(labelled, taxonomy, args.hand, seed) for seed in range(args.splits)]
    )
    print(
        f"{EVAL_SET.name}: {len(labelled)} comments; {args.hand} placed by hand, "
        f"measured on the other {int(results['rest'].iloc[0])}; {args.splits} random splits "
        "(mean, and min–max over the splits)"
    )
    for target in (F.STAGE, F.TOUCHPOINT):
        for name, label in (
            ("learned", "learned model alone"),
            ("rules", "rules alone"),
            ("both", "rules + learned"),
        ):
            cov = results[f"{target}.{name}.coverage"]
            pre = results[f"{target}.{name}.precision"]
            print(
                f"{target:<10} {label:<20} coverage {cov.mean():6.1%} "
                f"({cov.min():.0%}–{cov.max():.0%})  precision {pre.mean():6.1%} "
                f"({pre.min():.0%}–{pre.max():.0%})"
            )
        cv = results[f"{target}.cv_precision"]
        threshold = results[f"{target}.threshold"]
        print(
            f"{target:<10} cross-validated precision shown to the lead {cv.mean():.1%}; "
            f"confidence threshold {threshold.median():.2f} (median)"
        )
    for copies in (10, 30):
        rows, seconds = training_time(labelled, copies)
        print(f"training on {rows:,} hand placements (with 5-fold CV): {seconds:.2f} s")


if __name__ == "__main__":
    main()
