"""How well handoff mentions are found in comments: precision and recall per language.

    .venv/bin/python bench/handoff_eval.py
        [--set fresh7|fresh6|fresh5|…|tune|retired|retired2|train1|train2] [--path CSV] [--misses]

`fresh7` (the default) reads bench/handoff_fresh7_set.csv, held out (bench/HELDOUT_SETS.md):
it prints figures per language only, and `--misses` is refused for it, so its misses are
never read while the rules change. `--path` reads it from elsewhere (before its branch is
merged: `git show heldout-handoff7:bench/handoff_fresh7_set.csv > /tmp/handoff_fresh7_set.csv`).
`tune` reads bench/handoff_tune_set.csv, sentences written for tuning the rules
(cxcore/text/handoffs/); `retired` reads bench/handoff_set.csv, the first held-out set,
`retired2` bench/handoff_retired2_set.csv, the second (once handoff_fresh_set.csv),
`fresh2` bench/handoff_fresh2_set.csv, the third, `fresh3` bench/handoff_fresh3_set.csv,
the fourth, `fresh4` bench/handoff_fresh4_set.csv, the fifth, `fresh5`
bench/handoff_fresh5_set.csv, the sixth, and `fresh6` bench/handoff_fresh6_set.csv, the
seventh, all retired to tuning once they had been scored and
used to choose a design. `train1` reads bench/handoff_train1_set.csv, written for training
(wide variety of wording and style), `train2` bench/handoff_train2_set.csv, the second
(mostly tweets, chat lines and transcribed voice). `--misses` prints their wrong answers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cxcore.text.handoffs import detect_handoff  # noqa: E402

SETS = {
    "fresh7": Path(__file__).with_name("handoff_fresh7_set.csv"),
    "fresh6": Path(__file__).with_name("handoff_fresh6_set.csv"),
    "fresh5": Path(__file__).with_name("handoff_fresh5_set.csv"),
    "fresh4": Path(__file__).with_name("handoff_fresh4_set.csv"),
    "fresh3": Path(__file__).with_name("handoff_fresh3_set.csv"),
    "fresh2": Path(__file__).with_name("handoff_fresh2_set.csv"),
    "train1": Path(__file__).with_name("handoff_train1_set.csv"),
    "train2": Path(__file__).with_name("handoff_train2_set.csv"),
    "tune": Path(__file__).with_name("handoff_tune_set.csv"),
    "retired": Path(__file__).with_name("handoff_set.csv"),
    "retired2": Path(__file__).with_name("handoff_retired2_set.csv"),
}
NO_MISSES = {"fresh7"}
HELD_OUT_FILES = {SETS[name].name for name in NO_MISSES}


def scores(frame: pd.DataFrame) -> pd.DataFrame:
    """Per language and overall: rows, true positives, precision and recall."""
    rows = []
    for language, part in [*frame.groupby("language", sort=True), ("all", frame)]:
        gold, found = part["gold"], part["found"]
        hits = int((gold & found).sum())
        rows.append(
            {
                "language": language,
                "rows": len(part),
                "handoffs": int(gold.sum()),
                "found": int(found.sum()),
                "precision": hits / max(int(found.sum()), 1),
                "recall": hits / max(int(gold.sum()), 1),
            }
        )
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=list(SETS), default="fresh7")
    parser.add_argument("--path", type=Path, help="read the set from this file")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="the rules alone, without the learned model (cxcore/text/handoffs/learned.py)",
    )
    args = parser.parse_args(argv)
    held_out = args.set in NO_MISSES or (args.path and args.path.name in HELD_OUT_FILES)
    if args.misses and held_out:
        print("error: the held-out set's misses are never printed", file=sys.stderr)
        return 2
    path = args.path or SETS[args.set]
    if not path.is_file():
        print(f"error: {path} does not exist (see --path)", file=sys.stderr)
        return 2
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["gold"] = frame["handoff"].str.strip().str.lower() == "true"
    learned = not args.rules_only
    frame["found"] = [detect_handoff(c, learned)[0] for c in frame["comment"]]
    for r in scores(frame).itertuples(index=False):
        print(
            f"{r.language:<4} rows={r.rows:<4} handoffs={r.handoffs:<4} found={r.found:<4} "
            f"precision={r.precision:.1%}  recall={r.recall:.1%}"
        )
    if args.misses:
        wrong = frame[frame["gold"] != frame["found"]]
        for r in wrong.itertuples(index=False):
            words = ", ".join(detect_handoff(r.comment, learned)[1])
            print(f"  {r.id} {r.language} gold={r.gold} found={r.found} [{words}] {r.comment}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
