"""How long reading handoff mentions takes per comment, on the real comments of shared/datasets.

    .venv/bin/python bench/handoff_speed.py [--against REV] [--rounds N] [--limit N]

Each data set's distinct comments go through `detect_handoff` (what `handoff_words` calls
once per distinct comment); the figure is µs per comment, the best of `--rounds` rounds.
With `--against REV` the detector as it was at that git revision (its `cxcore/` taken out
with `git archive` into a temporary folder) is timed too, its rounds alternating with
today's, so both see the same load on a shared machine; the share of comments flagged is
printed for both. Each round is one process per detector.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def read_comments(name: str, limit: int | None) -> list[str]:
    """The distinct non-empty comments of one data set, in file order."""
    file, delimiter, encoding, column = SOURCES[name]
    with open(DATASETS / file, encoding=encoding, newline="") as handle:
        texts = [row[column] for row in csv.DictReader(handle, delimiter=delimiter)]
    distinct = list(dict.fromkeys(t for t in texts if t and t.strip()))
    return distinct[:limit] if limit else distinct


def measure(root: Path, limit: int | None) -> dict[str, tuple[float, int, int]]:
    """One pass of the detector under `root` over each set: (µs per comment, flagged, n)."""
    sys.path.insert(0, str(root))
    detect = importlib.import_module("cxcore.text.handoffs").detect_handoff
    out = {}
    for name in SOURCES:
        comments = read_comments(name, limit)
        start = time.perf_counter()
        flagged = sum(detect(c)[0] for c in comments)
        took = (time.perf_counter() - start) / len(comments) * 1e6
        out[name] = (took, flagged, len(comments))
    return out


def extract(rev: str, into: Path) -> Path:
    """`cxcore/` as it was at git revision `rev`, written under `into`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "cxcore"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def one_round(root: Path, limit: int | None) -> dict[str, list[float]]:
    command = [sys.executable, __file__, "--measure", str(root)]
    if limit:
        command += ["--limit", str(limit)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="also time the detector at this revision")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None, help="at most N comments per set")
    parser.add_argument("--measure", metavar="ROOT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.limit)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        roots = {"now": ROOT}
        if args.against:
            roots = {args.against: extract(args.against, Path(tmp)), **roots}
        best: dict[str, dict[str, list[float]]] = {label: {} for label in roots}
        for _ in range(args.rounds):
            for label, root in roots.items():
                for name, figures in one_round(root, args.limit).items():
                    kept = best[label].get(name)
                    if kept is None or figures[0] < kept[0]:
                        best[label][name] = figures
    for name in SOURCES:
        n = int(best["now"][name][2])
        shown = "  ".join(
            f"{label}: {b[name][0]:6.1f} µs, flagged {int(b[name][1])} ({b[name][1] / n:.2%})"
            for label, b in best.items()
        )
        print(f"{name:<22} n={n:<6} {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
