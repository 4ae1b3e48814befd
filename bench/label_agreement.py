"""How often two people labelling the same comments agree: the ceiling a tagger is judged under.

    .venv/bin/python bench/label_agreement.py GOLD_CSV SECOND_CSV

GOLD_CSV is a labelled journey set (id, language, stage, touchpoint, sentiment; for example
bench/journey_fresh4_set.csv); SECOND_CSV holds a second person's labels of the same comments
(id, stage, touchpoint, sentiment), written without seeing the first (bench/HELDOUT_SETS.md
says by whom and how). For each label it prints, overall and per language:

- agreement: the share of comments both gave the same label, and Cohen's kappa (agreement
  beyond what two labellers with these label shares would reach by chance);
- for stage and touchpoint, the second labeller read as a tagger against the first: the
  share it placed (coverage) and the share of those the first placed alike (precision),
  the two figures issue 22's targets are written in. Each share with its 95% Wilson interval.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cxcore import fields as F  # noqa: E402
from cxcore.analysis.metrics import csat_interval  # noqa: E402

LABELS = ("stage", "touchpoint", "sentiment")
PLACEMENTS = ("stage", "touchpoint")


def cohen_kappa(first: pd.Series, second: pd.Series) -> float:
    """Cohen's kappa of two label columns over the same rows (nan when chance agreement is 1)."""
    observed = (first == second).mean()
    shares_first = first.value_counts(normalize=True)
    shares_second = second.value_counts(normalize=True)
    expected = shares_first.mul(shares_second, fill_value=0).sum()
    return (observed - expected) / (1 - expected) if expected < 1 else float("nan")


def share(hits: int, n: int) -> str:
    """A share with its 95% interval, as the benchmark pages print them."""
    value, low, high = csat_interval(hits, n)
    return f"{value:.1f}% ({low:.0f}–{high:.0f}, n={n})" if n else "– (n=0)"


def agreement(first: pd.Series, second: pd.Series) -> dict[str, float | int]:
    """Counts and kappa of one label between two labellers."""
    return {
        "n": len(first),
        "same": int((first == second).sum()),
        "kappa": cohen_kappa(first, second),
    }


def as_tagger(gold: pd.Series, second: pd.Series) -> dict[str, int]:
    """The second labeller scored like the tagger: how many placed, how many of those alike."""
    placed = second != F.UNASSIGNED
    return {
        "n": len(gold),
        "placed": int(placed.sum()),
        "right": int((placed & (second == gold)).sum()),
    }


def paired(gold_path: Path, second_path: Path) -> pd.DataFrame:
    """Both labellers' labels side by side, one row per comment; every id must be in both."""
    gold = pd.read_csv(gold_path, dtype=str, keep_default_na=False)
    second = pd.read_csv(second_path, dtype=str, keep_default_na=False)
    missing = set(gold["id"]) ^ set(second["id"])
    if missing:
        raise SystemExit(f"the two files label different comments: {len(missing)} ids in one only")
    columns = ["id", *LABELS]
    return gold[["id", "language", *LABELS]].merge(
        second[columns], on="id", suffixes=("", "_second"), validate="one_to_one"
    )


def report(pairs: pd.DataFrame) -> list[str]:
    """The printed lines: agreement and kappa per label, the tagger view for placements."""
    lines = []
    groups = [("all", pairs), *pairs.groupby("language", sort=False)]
    for label in LABELS:
        lines.append(f"== {label} ==")
        for name, rows in groups:
            a = agreement(rows[label], rows[f"{label}_second"])
            line = f"  {name:<4} same {share(a['same'], a['n'])}  kappa {a['kappa']:.2f}"
            if label in PLACEMENTS:
                t = as_tagger(rows[label], rows[f"{label}_second"])
                line += (
                    f"  | second as tagger: given {share(t['placed'], t['n'])}"
                    f" right {share(t['right'], t['placed'])}"
                )
            lines.append(line)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "gold", type=Path, help="the labelled set (id, language, stage, touchpoint, sentiment)"
    )
    parser.add_argument("second", type=Path, help="a second labeller's labels of the same ids")
    args = parser.parse_args()
    print("\n".join(report(paired(args.gold, args.second))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
