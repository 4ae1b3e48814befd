"""How long reading handoff mentions takes per comment, on the real comments of shared/datasets.

    .venv/bin/python bench/handoff_speed.py [--against REV] [--rounds N] [--limit N]

Each data set's distinct comments go through `detect_handoff` (what `handoff_words` calls
once per distinct comment); the figure is µs per comment, the best of `--rounds` rounds.
With `--against REV` the detector as it was at that git revision runs in the same process,
its rounds alternating with today's, so both see the same load on a shared machine; the
share of comments flagged is printed for both.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cxcore.text.handoffs import detect_handoff  # noqa: E402

DATASETS = Path("/work/shared/datasets")
# name → (file, delimiter, encoding, comment column)
SOURCES = {
    "airline tweets (en)": ("en_twitter_us_airline_sentiment.csv", ",", "utf-8", "text"),
    "clothing reviews (en)": (
        "en_womens_clothing_ecommerce_reviews.csv",
        ",",
        "utf-8",
        "Review Text",
    ),
    "product reviews (tr)": ("tr_eticaret_urun_yorumlari.csv", ";", "utf-8-sig", "Metin"),
    "film reviews (cs)": ("cs_csfd_movie_reviews_sample.csv", ",", "utf-8", "text"),
}

Detector = Callable[[str | None], tuple[bool, tuple[str, ...]]]


def read_comments(name: str, limit: int | None) -> list[str]:
    """The distinct non-empty comments of one data set, in file order."""
    file, delimiter, encoding, column = SOURCES[name]
    with open(DATASETS / file, encoding=encoding, newline="") as handle:
        texts = [row[column] for row in csv.DictReader(handle, delimiter=delimiter)]
    distinct = list(dict.fromkeys(t for t in texts if t and t.strip()))
    return distinct[:limit] if limit else distinct


def detector_at(rev: str) -> Detector:
    """`detect_handoff` as the file cxcore/text/handoffs.py was at git revision `rev`."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:cxcore/text/handoffs.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType(f"handoffs_at_{rev}")
    sys.modules[module.__name__] = module  # dataclasses look their module up by name
    exec(compile(source, f"{rev}:cxcore/text/handoffs.py", "exec"), module.__dict__)
    return module.detect_handoff  # type: ignore[no-any-return]


def one_round(detect: Detector, comments: list[str]) -> tuple[float, int]:
    """(µs per comment, comments flagged) for one pass over `comments`."""
    start = time.perf_counter()
    flagged = sum(detect(c)[0] for c in comments)
    return (time.perf_counter() - start) / len(comments) * 1e6, flagged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="also time the detector at this revision")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None, help="at most N comments per set")
    args = parser.parse_args(argv)
    detectors: dict[str, Detector] = {"now": detect_handoff}
    if args.against:
        detectors = {args.against: detector_at(args.against), **detectors}
    for name in SOURCES:
        comments = read_comments(name, args.limit)
        best = {label: float("inf") for label in detectors}
        flagged = dict.fromkeys(detectors, 0)
        for _ in range(args.rounds):
            for label, detect in detectors.items():
                took, flagged[label] = one_round(detect, comments)
                best[label] = min(best[label], took)
        figures = "  ".join(
            f"{label}: {best[label]:6.1f} µs, flagged {flagged[label]}"
            f" ({flagged[label] / len(comments):.2%})"
            for label in detectors
        )
        print(f"{name:<22} n={len(comments):<6} {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
