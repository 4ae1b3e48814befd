"""Training rows too close to a held-out journey set: counts and the training ids, never text.

    .venv/bin/python bench/journey_overlap.py HELD_OUT_CSV [TRAINING_CSV ...]

Both sides are folded as the rules fold a comment (lower case, no diacritics, Turkish ı as
i, punctuation as spaces: `comment_words`). A training row is near a held-out row of the
same language when their word sets have a Jaccard index of at least JACCARD or their
folded texts a `difflib` ratio of at least RATIO. Printed: per training file, its rows, how
many are near a held-out row, and their ids. The ids found go into NEAR_HELD_OUT, the one
list both model builders leave out of training (`bench/placement_learn.py`, the stage model;
`bench/sentiment_prior_build.py`, the sentiment prior). The held-out text is never printed.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cxcore.text.comment_rules import comment_words  # noqa: E402

__all__ = ["HELD_OUT", "JACCARD", "NEAR_HELD_OUT", "RATIO", "near_ids"]

JACCARD = 0.45
RATIO = 0.6
# The held-out journey set the list below was found against, and per labelled file the ids of
# its rows near one of that set's comments (what `main` prints for the files the two builders
# read; tests/bench/test_placement_learn.py checks the list is still what it finds).
HELD_OUT = "journey_fresh7_set.csv"
NEAR_HELD_OUT: dict[str, frozenset[str]] = {
    "journey_fresh3_set.csv": frozenset({"8427"}),
    "journey_fresh_set.csv": frozenset({"5273"}),
    "journey_train1_set.csv": frozenset({"30066"}),
    "journey_train2_set.csv": frozenset({"31277"}),
    "journey_train4_set.csv": frozenset({"33229"}),
    "journey_train5_set.csv": frozenset({"34069", "34229", "34231", "34239", "34293"}),
    "journey_train6_set.csv": frozenset({"35049", "35095", "35218", "35320"}),
    "journey_train7_set.csv": frozenset({"36314"}),
    "journey_train8_set.csv": frozenset({"37030", "37214"}),
}


class _HeldOut:
    """One folded held-out comment, its words, and a matcher that has already read it."""

    def __init__(self, text: str) -> None:
        self.words = set(text.split())
        # difflib caches what it learns of its second text: read each held-out text once
        self.matcher = difflib.SequenceMatcher(None, "", text, autojunk=False)

    def near(self, text: str, words: set[str]) -> bool:
        union = words | self.words
        if union and len(words & self.words) / len(union) >= JACCARD:
            return True
        self.matcher.set_seq1(text)
        return (
            self.matcher.real_quick_ratio() >= RATIO
            and self.matcher.quick_ratio() >= RATIO
            and self.matcher.ratio() >= RATIO
        )


def near_ids(held_out: pd.DataFrame, training: pd.DataFrame) -> list[str]:
    """Ids of `training` rows near a `held_out` row of the same language (id, language, comment)."""
    held = {
        language: [_HeldOut(" ".join(comment_words(c).split())) for c in rows["comment"]]
        for language, rows in held_out.groupby("language")
    }
    found = []
    for row in training.itertuples(index=False):
        text = " ".join(comment_words(row.comment).split())
        words = set(text.split())
        if any(other.near(text, words) for other in held.get(row.language, ())):
            found.append(str(row.id))
    return found


def training_files() -> list[Path]:
    """The labelled files the stage model and the sentiment prior learn from, but the held out."""
    from bench.placement_learn import TRAINING_SETS
    from bench.sentiment_prior_build import SERVICE_FILES
    from bench.tagging_eval import SETS

    paths = {*SERVICE_FILES, *(SETS[name] for name in TRAINING_SETS)}
    return sorted(path for path in paths if path.name != HELD_OUT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("held_out", type=Path)
    parser.add_argument(
        "training", type=Path, nargs="*", help="default: every file the two builders learn from"
    )
    args = parser.parse_args(argv)
    held_out = pd.read_csv(args.held_out, dtype=str, keep_default_na=False)
    total = 0
    for path in args.training or training_files():
        training = pd.read_csv(path, dtype=str, keep_default_na=False)
        ids = near_ids(held_out, training)
        total += len(ids)
        print(f"{path.name}: {len(training)} rows, {len(ids)} near a held-out row: {' '.join(ids)}")
    print(f"in all: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
