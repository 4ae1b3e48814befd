"""Training comments too close to a held-out comment: counts and TRAINING ids only.

    .venv/bin/python bench/sentiment_near_heldout.py HELDOUT.csv [TRAINING.csv ...]

Before a service file teaches the learned prior (bench/sentiment_prior_build.py), its rows
are compared with a held-out survey set of the same language: a training row is too close
when, both normalised (lower case, no diacritics, no punctuation, single spaces), the sets
of their words have a Jaccard index of at least JACCARD or difflib's ratio of the two texts
is at least RATIO. Prints, per training file, how many rows are too close and their ids;
never a held-out text or id, so the held-out set stays unread. The ids found go into
`sentiment_prior_build.NEAR_HELDOUT`, which leaves those rows out of training.
Default training files: `sentiment_prior_build.SERVICE_FILES`.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

__all__ = ["JACCARD", "RATIO", "near_ids", "normalised"]

JACCARD = 0.45
RATIO = 0.6
_NOT_WORD = re.compile(r"[^\w\s]|_")


def normalised(text: str) -> str:
    """Lower case, no diacritics (ı as i), no punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", str(text).replace("ı", "i").replace("İ", "I"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _close(a: str, words_a: set[str], b: str, words_b: set[str]) -> bool:
    union = words_a | words_b
    if union and len(words_a & words_b) / len(union) >= JACCARD:
        return True
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= RATIO
        and matcher.quick_ratio() >= RATIO
        and (matcher.ratio() >= RATIO)
    )


def near_ids(heldout: pd.DataFrame, training: pd.DataFrame) -> list[str]:
    """Ids of the training rows too close to a held-out row of the same language."""
    held: dict[str, list[tuple[str, set[str]]]] = {}
    for language, comment in zip(heldout["language"], heldout["comment"], strict=True):
        text = normalised(comment)
        held.setdefault(str(language), []).append((text, set(text.split())))
    found = []
    for row_id, language, comment in zip(
        training["id"], training["language"], training["comment"], strict=True
    ):
        text = normalised(comment)
        words = set(text.split())
        if any(_close(text, words, h, hw) for h, hw in held.get(str(language), [])):
            found.append(str(row_id))
    return found


def main() -> None:
    from bench import sentiment_prior_build as build

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("heldout", type=Path)
    parser.add_argument("training", type=Path, nargs="*")
    args = parser.parse_args()
    heldout = pd.read_csv(args.heldout, dtype=str)
    total = 0
    for path in args.training or [p for p in build.SERVICE_FILES if p.is_file()]:
        training = pd.read_csv(path, dtype=str)
        ids = near_ids(heldout, training)
        total += len(ids)
        print(f"{path.name}: {len(ids)} of {len(training)} rows too close: {' '.join(ids)}")
    print(f"total: {total} training rows too close to {len(heldout)} held-out rows")


if __name__ == "__main__":
    main()
