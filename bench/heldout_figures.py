"""Figures only for a labelled journey set: stage and touchpoint given and right, with Wilson
95% intervals, per language and industry.

    .venv/bin/python bench/heldout_figures.py CSV [--rules-only]

Made for the held-out set (bench/HELDOUT_SETS.md): it prints counts, shares and intervals per
group and never a row, a comment or a confusion table, so its misses stay unread. The comment
alone is tagged with the default journey model, as `bench/tagging_eval.py` does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cxcore import fields as F  # noqa: E402
from cxcore.analysis.metrics import csat_interval  # noqa: E402
from cxcore.text.tagging import MODEL_SOURCE, tag_responses  # noqa: E402
from cxcore.text.taxonomy import load_taxonomy  # noqa: E402

__all__ = ["main", "share", "wilson"]


def wilson(k: int, n: int) -> tuple[float, float]:
    """The Wilson 95% interval of k in n, in percent (`metrics.csat_interval`; 0–0 for n 0)."""
    return csat_interval(k, n)[1:] if n else (0.0, 0.0)


def share(k: int, n: int) -> str:
    low, high = wilson(k, n)
    return f"{k}/{n} ({100 * k / max(n, 1):.1f}%, {low:.0f}-{high:.0f})"


def _line(label: str, gold: pd.DataFrame, stage: pd.Series, touchpoint: pd.Series) -> str:
    given = stage != F.UNASSIGNED
    right = given & (stage == gold["stage"])
    t_given = touchpoint != F.UNASSIGNED
    t_right = t_given & (touchpoint == gold["touchpoint"])
    n = len(gold)
    return (
        f"{label:<10} n={n:<4} stage given {share(int(given.sum()), n)} right "
        f"{share(int(right.sum()), int(given.sum()))} | touchpoint given "
        f"{share(int(t_given.sum()), n)} right {share(int(t_right.sum()), int(t_given.sum()))}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--rules-only", action="store_true", help="without the stage model")
    args = parser.parse_args(argv)
    gold = pd.read_csv(args.csv, dtype=str, keep_default_na=False)
    comments = gold[["comment"]].rename(columns={"comment": F.COMMENT})
    tagged = tag_responses(comments, load_taxonomy(), learned=not args.rules_only)
    stage, touchpoint = tagged[F.STAGE], tagged[F.TOUCHPOINT]
    print(_line("all", gold, stage, touchpoint))
    for column in ("language", "industry"):
        if column in gold.columns:
            for value, rows in gold.groupby(column, sort=False):
                idx = rows.index
                print(_line(str(value), rows, stage[idx], touchpoint[idx]))
    print(
        f"gold: stage {int((gold['stage'] != F.UNASSIGNED).sum())}, touchpoint "
        f"{int((gold['touchpoint'] != F.UNASSIGNED).sum())}; stages the model decided: "
        f"{int((tagged[F.STAGE_SOURCE] == MODEL_SOURCE).sum())}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
