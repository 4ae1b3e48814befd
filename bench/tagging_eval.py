"""How well the comment rules place responses: coverage, precision and stage confusion.

    .venv/bin/python bench/tagging_eval.py [--taxonomy FILE] [--set SET] [--misses]

SET is heldout, tuned, both (the default: tuned and heldout) or journey.

Reads bench/tagging_eval_set.csv (the "tuned" set: comments in tr/en/cs with the stage
and touchpoint a support lead gave them; the rules were tuned on it) and
bench/tagging_heldout_set.csv (the "heldout" set: written before the rules were read,
never tuned on), and tags the comments alone, as the pipeline does for a file without
stage, touchpoint or channel columns. Figures are printed for each set separately.

`--set journey` scores bench/journey_heldout_set.csv (bench/HELDOUT_SETS.md): held out,
written before any rule change it is meant to judge. It prints figures per language and per
industry only; `--misses` is refused for it, so its misses are never read while tuning.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cxcore import fields as F  # noqa: E402
from cxcore.text.tagging import tag_responses  # noqa: E402
from cxcore.text.taxonomy import load_taxonomy  # noqa: E402

EVAL_SET = Path(__file__).with_name("tagging_eval_set.csv")
HELDOUT_SET = Path(__file__).with_name("tagging_heldout_set.csv")
JOURNEY_SET = Path(__file__).with_name("journey_heldout_set.csv")
SETS = {"tuned": EVAL_SET, "heldout": HELDOUT_SET, "journey": JOURNEY_SET}
NO_MISSES = {"journey"}  # held-out sets whose misses are never printed


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


def evaluate(name: str, path: Path, taxonomy, misses: bool) -> None:
    """Print coverage, precision, per-language figures and stage confusion for one set."""
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    print(f"== {name} set ({path.name}) ==")
    tagged = tag_responses(gold[["comment"]].rename(columns={"comment": F.COMMENT}), taxonomy)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taxonomy", help="taxonomy YAML (default: the shipped one)")
    parser.add_argument(
        "--set",
        choices=["heldout", "tuned", "both", "journey"],
        default="both",
        help="which labelled set to score (default: both = tuned and heldout, each printed "
        "separately; journey = the held-out journey set, figures only)",
    )
    parser.add_argument("--misses", action="store_true", help="list wrong or missing tags")
    args = parser.parse_args()
    if args.misses and args.set in NO_MISSES:
        parser.error(f"--misses is not available for the {args.set} set: it is held out")

    taxonomy = load_taxonomy(args.taxonomy)
    names = ["tuned", "heldout"] if args.set == "both" else [args.set]
    for i, name in enumerate(names):
        if i:
            print()
        evaluate(name, SETS[name], taxonomy, args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
