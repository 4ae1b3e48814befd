"""Training rows too close to a held-out journey set: counts and the training ids, never text.

    .venv/bin/python bench/journey_overlap.py HELD_OUT_CSV TRAINING_CSV [TRAINING_CSV ...]

Both sides are folded as the rules fold a comment (lower case, no diacritics, Turkish ı as
i, punctuation as spaces: `comment_words`). A training row is near a held-out row of the
same language when their word sets have a Jaccard index of at least JACCARD or their
folded texts a `difflib` ratio of at least RATIO. Printed: per training file, its rows, how
many are near a held-out row, and their ids (so the stage model leaves them out:
`bench/placement_learn.py`, LEFT_OUT). The held-out text is never printed.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cxcore.text.comment_rules import comment_words  # noqa: E402

__all__ = ["JACCARD", "RATIO", "near_ids"]

JACCARD = 0.45
RATIO = 0.6


def _near(a: str, b: str) -> bool:
    words_a, words_b = set(a.split()), set(b.split())
    union = words_a | words_b
    if union and len(words_a & words_b) / len(union) >= JACCARD:
        return True
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= RATIO
        and matcher.quick_ratio() >= RATIO
        and (matcher.ratio() >= RATIO)
    )


def near_ids(held_out: pd.DataFrame, training: pd.DataFrame) -> list[str]:
    """Ids of `training` rows near a `held_out` row of the same language (id, language, comment)."""
    folded = {
        language: [" ".join(comment_words(c).split()) for c in rows["comment"]]
        for language, rows in held_out.groupby("language")
    }
    found = []
    for row in training.itertuples(index=False):
        text = " ".join(comment_words(row.comment).split())
        if any(_near(text, other) for other in folded.get(row.language, ())):
            found.append(str(row.id))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("held_out", type=Path)
    parser.add_argument("training", type=Path, nargs="+")
    args = parser.parse_args(argv)
    held_out = pd.read_csv(args.held_out, dtype=str, keep_default_na=False)
    total = 0
    for path in args.training:
        training = pd.read_csv(path, dtype=str, keep_default_na=False)
        ids = near_ids(held_out, training)
        total += len(ids)
        print(f"{path.name}: {len(training)} rows, {len(ids)} near a held-out row: {' '.join(ids)}")
    print(f"in all: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
