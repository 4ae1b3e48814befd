"""Import a large demo survey through the whole pipeline and time each step.

    .venv/bin/python bench/import_speed.py --rows 1000000 [--baselines]

Prints rows/s, the time of each step (read, map+validate, tag, score, store) and the peak
memory of the process. With --baselines it also times, on the same file, the floor
(`pandas.read_csv` + `DataFrame.to_sql`) and the notebook a user would write instead
(`read_csv`, TextBlob polarity of each comment, `to_sql`).
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

import db  # noqa: E402
from cxcore import pipeline  # noqa: E402
from cxcore.demo import demo_csv_bytes  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_pipeline(data: bytes, workdir: Path) -> None:
    engine = db.get_engine(workdir / "bench.sqlite")
    marks: list[tuple[float, str]] = []
    start = time.perf_counter()
    summary = pipeline.import_file(
        data,
        "bench.csv",
        engine=engine,
        progress=lambda f, m: marks.append((time.perf_counter(), m)),
    )
    total = time.perf_counter() - start
    previous, previous_step = start, "start"
    steps: dict[str, float] = {}
    for moment, step in marks:
        steps[previous_step] = steps.get(previous_step, 0) + moment - previous
        previous, previous_step = moment, step
    print(
        f"pipeline: {summary.accepted:,} responses stored in {total:.1f} s "
        f"({summary.rows / total:,.0f} rows/s); peak memory {peak_mb():,.0f} MB"
    )
    for step, seconds in steps.items():
        if seconds >= 0.05:
            print(f"  {step:<40} {seconds:6.1f} s")


def time_floor(path: Path, workdir: Path) -> None:
    start = time.perf_counter()
    frame = pd.read_csv(path)
    with sqlite3.connect(workdir / "floor.sqlite") as conn:
        frame.to_sql("responses", conn, index=False)
    print(f"floor (read_csv + to_sql): {time.perf_counter() - start:.1f} s")


def time_notebook(path: Path, workdir: Path) -> None:
    from textblob import TextBlob

    start = time.perf_counter()
    frame = pd.read_csv(path)
    frame["sentiment"] = frame["Comment"].fillna("").map(lambda t: TextBlob(t).sentiment.polarity)
    with sqlite3.connect(workdir / "notebook.sqlite") as conn:
        frame.to_sql("responses", conn, index=False)
    print(f"notebook (read_csv + TextBlob + to_sql): {time.perf_counter() - start:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--baselines", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        data = demo_csv_bytes(rows=args.rows, seed=11)
        path = workdir / "bench.csv"
        path.write_bytes(data)
        print(f"file: {args.rows:,} rows, {len(data) / 1e6:,.0f} MB")
        time_pipeline(data, workdir)
        if args.baselines:
            time_floor(path, workdir)
            time_notebook(path, workdir)


if __name__ == "__main__":
    main()
