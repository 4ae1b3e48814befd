"""Learn the touchpoint model from the labelled journey sets: cxcore/data/touchpoint_model.json.

    .venv/bin/python bench/touchpoint_learn.py [--sets SET ...] [--check] [--trades]
        [--out PATH]

The sibling of `bench/placement_learn.py` for the touchpoint: a multinomial logistic
regression on the same features (words, word pairs and letter pieces of the folded comment;
the penalty of PENALTIES), with the default journey model's touchpoints and "unassigned" as
classes, the journey model's touchpoint words and phrases of weight 2 or more as short
examples, trained on the same sets less the same near twins of held-out rows.

Its opinion (`cxcore.text.stage_model.touchpoint_opinion`) is asked only for the touchpoint
the comment's words give; a file's column, channel or confirmed category and a lead's hand
placement outrank it. Three thresholds, chosen out of fold with one set left out at a time
and judged on the JUDGES (the sets whose misses no rule was tuned on), by the right
touchpoints less WRONG_COST times the wrong ones, no other set losing more than MOST_LOST of
its precision:
the withhold (the rules named a touchpoint the model's top class is not, and it gives that
touchpoint less than the threshold: none), the veto (it is at least this sure of another
touchpoint: that one) and the fallback (the rules named none, and it is at least this sure
of one, in a comment of FALLBACK_WORDS words or more: that one). A touchpoint a phrase
names, or that the rules' words weigh FIRM for, stands. `--check` prints the figures and
writes nothing; `--trades` also prints the judges' figures at other costs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ngram_fit import refuse_held_out  # noqa: E402
from bench.placement_learn import (  # noqa: E402
    FALLBACK_WORDS,
    FIRM,
    JUDGES,
    MOST_LOST,
    OFF,
    PENALTIES,
    SCALE,
    SMALLEST_WEIGHT,
    TRAINING_SETS,
    WRONG_COST,
    fit,
    journey_terms,
    line,
    out_of_fold,
    read_sets,
)
from bench.tagging_eval import NO_MISSES, SETS  # noqa: E402
from cxcore import fields as F  # noqa: E402
from cxcore.text.comment_rules import compile_rules  # noqa: E402
from cxcore.text.stage_model import TOUCHPOINT_MODEL_PATH  # noqa: E402
from cxcore.text.taxonomy import load_taxonomy  # noqa: E402

__all__ = ["decide", "main", "touchpoint_terms"]

WITHHOLDS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
SURE = (0.5, 0.6, 0.7, 0.8, 0.9, OFF)


def touchpoint_terms() -> pd.DataFrame:
    """The default journey model's touchpoint words and phrases as examples (folded, stage)."""
    return journey_terms("touchpoint")


class _Parts:
    """What `decide` reads of the frame and the out-of-fold probabilities, read once."""

    def __init__(self, frame: pd.DataFrame, probability: np.ndarray, classes: list[str]) -> None:
        self.rule = frame["rule_touchpoint"].to_numpy()
        self.said = np.asarray(classes, dtype=object)[probability.argmax(axis=1)]
        self.sure = probability.max(axis=1)
        self.placed = self.rule != F.UNASSIGNED
        column = {c: k for k, c in enumerate(classes)}
        index = np.array([column.get(r, 0) for r in self.rule])
        self.kept = np.where(self.placed, probability[np.arange(len(frame)), index], 1.0)
        self.weak = frame["touchpoint_firmness"].to_numpy() < FIRM
        self.long_enough = frame["folded"].str.split().str.len().to_numpy() >= FALLBACK_WORDS

    def decide(self, withhold: float, veto: float, fallback: float) -> np.ndarray:
        out = self.rule.copy()
        other = self.placed & (self.said != self.rule) & self.weak
        overrule = other & (self.said != F.UNASSIGNED) & (self.sure >= veto)
        out[overrule] = self.said[overrule]
        doubt = other & ~overrule & (self.kept < withhold)
        out[doubt] = F.UNASSIGNED
        fill = ~self.placed & (self.said != F.UNASSIGNED) & (self.sure >= fallback)
        fill &= self.long_enough
        out[fill] = self.said[fill]
        return out


def decide(frame, probability, classes, withhold, veto, fallback) -> np.ndarray:
    """The touchpoint per comment (as `cxcore.text.stage_model.touchpoint_opinion` decides)."""
    return _Parts(frame, probability, classes).decide(withhold, veto, fallback)


def _counts(gold: np.ndarray, got: np.ndarray) -> tuple[int, int]:
    given = got != F.UNASSIGNED
    return int(given.sum()), int((given & (got == gold)).sum())


def grid(frame, probability, classes):
    """Every (withhold, veto, fallback) no set but the judges loses more than MOST_LOST of its
    precision by, with the judges' touchpoints given and right; the rules alone first."""
    gold, rule = frame["touchpoint"].to_numpy(), frame["rule_touchpoint"].to_numpy()
    judge = frame["set"].isin(JUDGES).to_numpy()
    others = [(frame["set"] == n).to_numpy() for n in frame["set"].unique() if n not in JUDGES]

    def precision(rows, got):
        given, right = _counts(gold[rows], got[rows])
        return right / max(given, 1)

    parts = _Parts(frame, probability, classes)
    found = [((0.0, OFF, OFF), *_counts(gold[judge], rule[judge]))]
    for withhold in WITHHOLDS:
        for veto in SURE:
            for fallback in SURE:
                got = parts.decide(withhold, veto, fallback)
                if all(precision(s, rule) - precision(s, got) <= MOST_LOST for s in others):
                    found.append(((withhold, veto, fallback), *_counts(gold[judge], got[judge])))
    return found


def choose(found, cost: float = WRONG_COST) -> tuple[float, float, float]:
    """The thresholds of `grid` with the most right less `cost` times wrong on the judges."""
    worth = [right - cost * (given - right) for _, given, right in found]
    return found[int(np.argmax(worth))][0]


def report(frame, probability, classes, chosen, show_trades: bool) -> None:
    gold, rule = frame["touchpoint"].to_numpy(), frame["rule_touchpoint"].to_numpy()
    got = decide(frame, probability, classes, *chosen)
    for name in [*frame["set"].unique(), "judges", "all"]:
        rows = (frame["set"] == name).to_numpy()
        if name == "judges":
            rows = frame["set"].isin(JUDGES).to_numpy()
        elif name == "all":
            rows = np.ones(len(frame), dtype=bool)
        print(f"{name}:")
        print(line("rules", gold[rows], rule[rows]))
        print(line("rules and model", gold[rows], got[rows]))
        if name == "judges":
            for language in sorted(frame["language"].unique()):
                part = rows & (frame["language"] == language).to_numpy()
                print(line(f"  {language}: rules", gold[part], rule[part]))
                print(line(f"  {language}: rules and model", gold[part], got[part]))
    if show_trades:
        found = grid(frame, probability, classes)
        judge = frame["set"].isin(JUDGES).to_numpy()
        print("judges by the cost of a wrong touchpoint (withhold, veto, fallback):")
        for cost in (1, 2, 3, 4):
            picked = choose(found, cost)
            got = decide(frame, probability, classes, *picked)
            print(line(f"cost {cost} {picked}", gold[judge], got[judge]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sets", nargs="+", choices=[s for s in SETS if s != "both"], default=list(TRAINING_SETS)
    )
    parser.add_argument("--check", action="store_true", help="print out-of-fold figures only")
    parser.add_argument("--trades", action="store_true", help="also the judges at other costs")
    parser.add_argument("--out", type=Path, default=TOUCHPOINT_MODEL_PATH)
    args = parser.parse_args(argv)
    if refuse_held_out(args.sets, NO_MISSES):
        return 2
    rules = compile_rules(load_taxonomy())
    frame = read_sets(args.sets)
    frame["rule_touchpoint"] = [rules.tag_folded(f)[1] or F.UNASSIGNED for f in frame["folded"]]
    frame["touchpoint_firmness"] = [
        rules.touchpoint_firmness(f, t) if t != F.UNASSIGNED else 0.0
        for f, t in zip(frame["folded"], frame["rule_touchpoint"], strict=True)
    ]
    frame["weight"] = 1.0
    classes = [*load_taxonomy().touchpoint_keys(), F.UNASSIGNED]
    terms = touchpoint_terms()
    labelled = frame.assign(stage=frame["touchpoint"])
    penalty = PENALTIES[0]
    probability = out_of_fold(labelled, terms, penalty, classes)
    chosen = choose(grid(frame, probability, classes))
    print(f"{len(frame)} comments from {', '.join(args.sets)}, {len(terms)} journey-model terms")
    print(
        f"C={penalty}, withhold below {chosen[0]}, veto at {chosen[1]}, fallback at "
        f"{chosen[2]}; out of fold, set by set:"
    )
    report(frame, probability, classes, chosen, args.trades)
    if args.check:
        return 0
    vectorizer, model = fit(pd.concat([labelled, terms]), penalty)
    order = [list(model.classes_).index(c) for c in classes]
    coef = model.coef_[order]
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): [int(round(float(w) * SCALE)) for w in coef[:, i]]
        for i, name in enumerate(names)
        if np.abs(coef[:, i]).max() >= SMALLEST_WEIGHT
    }
    payload = {
        "about": "bench/touchpoint_learn.py writes it; cxcore/text/stage_model.py reads it",
        "trained_on": args.sets,
        "comments": len(frame),
        "journey_model_terms": len(terms),
        "penalty_c": penalty,
        "classes": classes,
        "scale": SCALE,
        "intercept": [round(float(b), 4) for b in model.intercept_[order]],
        "withhold": chosen[0],
        "veto": chosen[1],
        "fallback": chosen[2],
        "fallback_words": FALLBACK_WORDS,
        "firm": FIRM,
        "weights": dict(sorted(weights.items())),
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text.replace('],"', '],\n"') + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} of {len(names)} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
