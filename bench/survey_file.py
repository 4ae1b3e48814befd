"""Write N generated survey responses as a CSV export, and say what is in it.

    .venv/bin/python bench/survey_file.py --rows 1000000 [--distinct 0.4] -o survey-1m.csv

The same file `bench/import_speed.py --distinct 0.4` times: the demo survey's responses
(all stages, 65 channel spellings, NPS/CSAT, dates, several responses per customer) with
their Turkish, English and Czech comments replaced by generated ones of which the share
`--distinct` is distinct, language by language. Import it with `python -m cxcore import
FILE` or on the Import page. `--distinct 0` keeps the demo's own comments (templates that
repeat a lot).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.import_speed import survey_bytes  # noqa: E402


def describe(data: bytes) -> dict[str, object]:
    """What a generated file holds: rows, comments and their distinct share per language,
    stages, channels, and responses per customer."""
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    comments = frame.dropna(subset=["Comment"])
    per_language = {
        language: round(group["Comment"].nunique() / len(group), 3)
        for language, group in comments.groupby("Language")
    }
    return {
        "rows": len(frame),
        "comments": len(comments),
        "distinct share per language": per_language,
        "stages": frame["Journey stage"].nunique(),
        "channel spellings": frame["Channel"].nunique(),
        "responses per customer": round(len(frame) / frame["Customer ID"].nunique(), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--distinct", type=float, default=0.4, help="share of distinct comments (0: the demo's)"
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="the CSV to write")
    args = parser.parse_args()
    data = survey_bytes(args.rows, args.distinct or None)
    args.output.write_bytes(data)
    print(f"{args.output}: {len(data) / 1e6:,.0f} MB")
    for name, value in describe(data).items():
        print(f"  {name}: {value}")


if __name__ == "__main__":
    main()
