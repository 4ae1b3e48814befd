"""How well the comment rules place responses: coverage, precision and stage confusion.

    .venv/bin/python bench/tagging_eval.py [--taxonomy FILE | --journey-model NAME]
        [--set SET] [--misses]
    .venv/bin/python bench/tagging_eval.py --journey-model airline --airline-tweets CSV
        [--misses]

SET is heldout, tuned, both (the default: tuned and heldout), journey, journey-fresh,
journey-fresh2 to journey-fresh7 or journey-train1 to journey-train10.

Reads bench/tagging_eval_set.csv (the "tuned" set: comments in tr/en/cs with the stage
and touchpoint a support lead gave them; the rules were tuned on it) and
bench/tagging_heldout_set.csv (the "heldout" set: written before the rules were read,
never tuned on), and tags the comments alone, as the pipeline does for a file without
stage, touchpoint or channel columns. Figures are printed for each set separately.

`--set journey-fresh7` scores bench/journey_fresh7_set.csv (bench/HELDOUT_SETS.md): the
held-out journey set, written before the rule changes it is meant to judge. It prints figures per
language and per industry only; `--misses` is refused for it, also when it is read through
`--file`, so its misses are never read while tuning. `--file CSV` reads the chosen set from
another path (for example a set still on its own branch: `git show
heldout-journey7:bench/journey_fresh7_set.csv > /tmp/journey_fresh7_set.csv`).
`--set journey`, `--set journey-fresh` and `--set journey-fresh2` to `--set journey-fresh6`
score the first seven held-out journey sets, bench/journey_heldout_set.csv,
bench/journey_fresh_set.csv, bench/journey_fresh2_set.csv,
bench/journey_fresh3_set.csv (scored twice for placement in round four),
bench/journey_fresh4_set.csv (scored twice for placement in round five),
bench/journey_fresh5_set.csv (scored twice for placement in round six) and
bench/journey_fresh6_set.csv (scored twice for placement in round seven); all seven are tune
sets now (their figures were read while rules changed), so their misses may be listed.
The stage model (cxcore/text/stage_model.py) is trained on the sets
`bench/placement_learn.py` names, so their figures with it are in-sample: `--rules-only`
leaves it out, and `bench/placement_learn.py --check` prints its figures out of fold.

`--set journey-train1` scores bench/journey_train1_set.csv, a set written to train on (misses
may be listed); `journey-train2`, `journey-train3` and `journey-train4` the three written for
round six of placement (branches `train-journey2` to `train-journey4`), `journey-train5` to
`journey-train8` the four written for round seven (branches `train-journey5` to
`train-journey8`), `journey-train9` (touchpoints named in many ways) and `journey-train10`
(feelings without feeling words) the two written for round eight.

`--airline-tweets CSV` reads the US airline tweets (`text`, `negativereason`, `tweet_id`) in
place and splits them by a stable hash of the tweet id into a tune half and a held-out
half. For each half it prints the share given a stage, the share of each complaint
reason's tweets on that reason's most common stage (and the average over the reasons but
"Can't Tell"), and the most common stage of booking problems, lost luggage, crew
complaints and long lines. `--misses` lists misses of the tune half only.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cxcore import fields as F  # noqa: E402
from cxcore.text.journey_models import JOURNEY_MODELS, load_journey_model  # noqa: E402
from cxcore.text.tagging import tag_responses  # noqa: E402
from cxcore.text.taxonomy import load_taxonomy  # noqa: E402

EVAL_SET = Path(__file__).with_name("tagging_eval_set.csv")
HELDOUT_SET = Path(__file__).with_name("tagging_heldout_set.csv")
JOURNEY_SET = Path(__file__).with_name("journey_heldout_set.csv")  # a tune set since 2026-12-07
FRESH_SET = Path(__file__).with_name("journey_fresh_set.csv")  # a tune set since round three
FRESH2_SET = Path(__file__).with_name("journey_fresh2_set.csv")  # a tune set since round four
FRESH3_SET = Path(__file__).with_name("journey_fresh3_set.csv")  # a tune set since fresh4
FRESH4_SET = Path(__file__).with_name("journey_fresh4_set.csv")  # a tune set since fresh5
FRESH5_SET = Path(__file__).with_name("journey_fresh5_set.csv")  # a tune set since fresh6
FRESH6_SET = Path(__file__).with_name("journey_fresh6_set.csv")  # a tune set since fresh7
FRESH7_SET = Path(__file__).with_name("journey_fresh7_set.csv")
# Written to train on (branch train-journey1, bench/HELDOUT_SETS.md): misses may be read.
TRAIN1_SET = Path(__file__).with_name("journey_train1_set.csv")
TRAIN2_SET = Path(__file__).with_name("journey_train2_set.csv")
TRAIN3_SET = Path(__file__).with_name("journey_train3_set.csv")
TRAIN4_SET = Path(__file__).with_name("journey_train4_set.csv")
TRAIN5_SET = Path(__file__).with_name("journey_train5_set.csv")
TRAIN6_SET = Path(__file__).with_name("journey_train6_set.csv")
TRAIN7_SET = Path(__file__).with_name("journey_train7_set.csv")
TRAIN8_SET = Path(__file__).with_name("journey_train8_set.csv")
TRAIN9_SET = Path(__file__).with_name("journey_train9_set.csv")
TRAIN10_SET = Path(__file__).with_name("journey_train10_set.csv")
SETS = {
    "tuned": EVAL_SET,
    "heldout": HELDOUT_SET,
    "journey": JOURNEY_SET,
    "journey-fresh": FRESH_SET,
    "journey-fresh2": FRESH2_SET,
    "journey-fresh3": FRESH3_SET,
    "journey-fresh4": FRESH4_SET,
    "journey-fresh5": FRESH5_SET,
    "journey-fresh6": FRESH6_SET,
    "journey-fresh7": FRESH7_SET,
    "journey-train1": TRAIN1_SET,
    "journey-train2": TRAIN2_SET,
    "journey-train3": TRAIN3_SET,
    "journey-train4": TRAIN4_SET,
    "journey-train5": TRAIN5_SET,
    "journey-train6": TRAIN6_SET,
    "journey-train7": TRAIN7_SET,
    "journey-train8": TRAIN8_SET,
    "journey-train9": TRAIN9_SET,
    "journey-train10": TRAIN10_SET,
}
NO_MISSES = {"journey-fresh7"}  # held-out sets whose misses are never printed


def score(gold: pd.Series, predicted: pd.Series) -> dict[str, float]:
    """Coverage (share given a tag), recall of rows a lead tagged, precision when given."""
    given = predicted != F.UNASSIGNED
    gold_given = gold != F.UNASSIGNED
    right = given & (predicted == gold)
    return {
        "rows": len(gold),
        "coverage": given.mean(),
        "coverage_of_tagged": (given & gold_given).sum() / max(gold_given.sum(), 1),
        "precision": right.sum() / max(given.sum(), 1),
    }


def print_scores(name: str, scores: dict[str, float]) -> None:
    """One line of figures for stage or touchpoint."""
    print(
        f"{name:<11} rows={scores['rows']:<4} coverage={scores['coverage']:.1%}  "
        f"(of rows a lead tagged: {scores['coverage_of_tagged']:.1%})  "
        f"precision={scores['precision']:.1%}"
    )


def evaluate(name: str, path: Path, taxonomy, misses: bool, learned: bool = True) -> None:
    """Print coverage, precision, per-language figures and stage confusion for one set."""
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    print(f"== {name} set ({path.name}) ==")
    comments = gold[["comment"]].rename(columns={"comment": F.COMMENT})
    tagged = tag_responses(comments, taxonomy, learned=learned)
    stage, touchpoint = tagged[F.STAGE], tagged[F.TOUCHPOINT]
    print_scores("stage", score(gold["stage"], stage))
    print_scores("touchpoint", score(gold["touchpoint"], touchpoint))
    groups = ["language", "industry"] if "industry" in gold.columns else ["language"]
    for column in groups:
        for value, rows in gold.groupby(column, sort=False):
            s = score(rows["stage"], stage[rows.index])
            t = score(rows["touchpoint"], touchpoint[rows.index])
            print(
                f"  {value}: stage {s['coverage']:.0%} given / {s['precision']:.0%} right, "
                f"touchpoint {t['coverage']:.0%} given / {t['precision']:.0%} right"
                + (f"  (n={len(rows)})" if column != "language" else "")
            )
    print("\nStage confusion (rows: the lead's stage, columns: the tagger's)")
    confusion = pd.crosstab(gold["stage"], stage, rownames=["lead"], colnames=["tagger"])
    print(confusion.to_string())
    if misses and name not in NO_MISSES:
        wrong = (stage != gold["stage"]) | (touchpoint != gold["touchpoint"])
        report = gold[wrong].assign(got_stage=stage[wrong], got_touchpoint=touchpoint[wrong])
        print(
            report[["comment", "stage", "got_stage", "touchpoint", "got_touchpoint"]].to_string(
                max_colwidth=70
            )
        )


SPREAD_REASONS = [
    "Flight Booking Problems",
    "Lost Luggage",
    "Flight Attendant Complaints",
    "longlines",
]


def tweet_half(tweet_id: str) -> str:
    """'tune' or 'heldout': a stable split by the tweet id's hash, decided before any miss."""
    return "tune" if hashlib.sha1(tweet_id.encode()).digest()[0] % 2 == 0 else "heldout"


def evaluate_tweets(path: Path, taxonomy, misses: bool) -> None:
    """Coverage and per-reason consistency of stages on the airline tweets, per half."""
    tweets = pd.read_csv(path, dtype=str, keep_default_na=False)
    tweets["half"] = tweets["tweet_id"].map(tweet_half)
    tagged = tag_responses(tweets[["text"]].rename(columns={"text": F.COMMENT}), taxonomy)
    tweets["got"] = tagged[F.STAGE]
    for half in ("tune", "heldout"):
        rows = tweets[tweets["half"] == half]
        placed = rows[rows["got"] != F.UNASSIGNED]
        negative = rows[rows["negativereason"] != ""]
        print(f"== airline tweets, {half} half ({path.name}) ==")
        print(
            f"tweets={len(rows)}  given a stage={len(placed) / len(rows):.1%}  "
            f"(negative tweets: {(negative['got'] != F.UNASSIGNED).mean():.1%} of {len(negative)})"
        )
        header = ("reason", "n", "placed", "top stage", "of placed", "of all")
        print("{:<28} {:>5} {:>7} {:<18} {:>9} {:>7}".format(*header))
        shares, tops = [], {}
        for reason, group in negative.groupby("negativereason"):
            given = group[group["got"] != F.UNASSIGNED]
            top = given["got"].value_counts()
            stage = top.index[0] if len(top) else "-"
            share = top.iloc[0] / len(given) if len(top) else 0.0
            tops[reason] = stage
            if reason != "Can't Tell":
                shares.append(share)
            print(
                f"{reason:<28} {len(group):>5} {len(given) / len(group):>7.0%} {stage:<18} "
                f"{share:>9.0%} {(top.iloc[0] if len(top) else 0) / len(group):>7.0%}"
            )
        spread = {tops.get(r, "-") for r in SPREAD_REASONS}
        print(
            f"average share on the reason's most common stage (placed tweets, without "
            f"Can't Tell): {sum(shares) / len(shares):.1%}"
        )
        stages = ", ".join(sorted(spread))
        print(f"stages of {', '.join(SPREAD_REASONS)}: {len(spread)} different ({stages})\n")
        if misses and half == "tune":
            wrong = negative[negative["got"] != negative["negativereason"].map(tops)]
            print(wrong[["negativereason", "got", "text"]].to_string(max_colwidth=110))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taxonomy", help="taxonomy YAML (default: the shipped one)")
    parser.add_argument(
        "--set",
        choices=list(SETS) + ["both"],
        default="both",
        help="which labelled set to score (default: both = tuned and heldout, each printed "
        "separately; journey, journey-fresh and journey-fresh2 to journey-fresh6 = the "
        "first seven journey sets, tune sets now; journey-fresh7 = the held-out journey set, "
        "figures only; journey-train1 to journey-train10 = the journey "
        "training sets)",
    )
    parser.add_argument("--file", metavar="CSV", help="read the chosen set from this file")
    parser.add_argument("--misses", action="store_true", help="list wrong or missing tags")
    parser.add_argument(
        "--journey-model", choices=list(JOURNEY_MODELS), help="a shipped journey model"
    )
    parser.add_argument(
        "--airline-tweets", metavar="CSV", help="score the US airline tweets (read in place)"
    )
    parser.add_argument(
        "--rules-only", action="store_true", help="without the stage model's second opinion"
    )
    args = parser.parse_args()
    held_out = args.set in NO_MISSES or (
        args.file and Path(args.file).name in {SETS[name].name for name in NO_MISSES}
    )
    if args.misses and held_out:
        parser.error(f"--misses is not available for the {args.set} set: it is held out")

    if args.journey_model:
        taxonomy = load_journey_model(args.journey_model)
    else:
        taxonomy = load_taxonomy(args.taxonomy)
    if args.airline_tweets:
        evaluate_tweets(Path(args.airline_tweets), taxonomy, args.misses)
        return 0
    names = ["tuned", "heldout"] if args.set == "both" else [args.set]
    if args.file and len(names) > 1:
        parser.error("--file needs one set: choose it with --set")
    for i, name in enumerate(names):
        path = Path(args.file) if args.file else SETS[name]
        if not path.is_file():
            parser.error(f"{path} does not exist; the {name} set may still be on its own branch")
        if i:
            print()
        evaluate(name, path, taxonomy, args.misses, learned=not args.rules_only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
