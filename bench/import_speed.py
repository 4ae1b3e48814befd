"""Import a large demo survey through the whole pipeline and time each step.

    .venv/bin/python bench/import_speed.py --rows 1000000 [--baselines] [--db URL]

Prints rows/s, the time of each step (read, map+validate, tag, score, store), the peak
memory of the process and, sampled, that of the process and its scoring workers together.
With --baselines it also times, on the same file, the floor (`pandas.read_csv` +
`DataFrame.to_sql`) and the notebook a user would write instead
(`read_csv`, TextBlob polarity of each comment, `to_sql`). The pipeline stores into a new
SQLite file unless --db names a database (e.g. an empty PostgreSQL one, which is kept for
bench/page_queries.py); the baselines write to the same kind of database.
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
from sqlalchemy import create_engine, text  # noqa: E402

import db  # noqa: E402
from bench.memory_sampler import FamilyPeak  # noqa: E402
from bench.sentiment_speed import comments  # noqa: E402
from cxcore.demo import generate_demo_survey  # noqa: E402
from cxcore.ingest import pipeline  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_pipeline(data: bytes, url: str) -> None:
    engine = db.get_engine(url)
    marks: list[tuple[float, str]] = []
    moments: list[tuple[float, str]] = []  # the same by the wall clock, for the sampler

    def on_progress(message: str) -> None:
        marks.append((time.perf_counter(), message))
        moments.append((time.time(), message))

    start = time.perf_counter()
    with FamilyPeak() as family:
        summary = pipeline.import_file(
            data, "bench.csv", engine=engine, progress=lambda f, m: on_progress(m)
        )
    total = time.perf_counter() - start
    peak_step = next((m for t, m in reversed(moments) if t <= family.peak_at), "")
    previous, previous_step = start, "start"
    steps: dict[str, float] = {}
    for moment, step in marks:
        steps[previous_step] = steps.get(previous_step, 0) + moment - previous
        previous, previous_step = moment, step
    print(
        f"pipeline: {summary.accepted:,} responses stored in {total:.1f} s "
        f"({summary.rows / total:,.0f} rows/s); peak memory {peak_mb():,.0f} MB "
        f"(with the scoring workers, sampled: {family.peak:,.0f} MB "
        f"while {peak_step!r}); "
        f"{len(marks)} progress updates, longest gap {longest_gap(start, marks):.1f} s"
    )
    for step, seconds in steps.items():
        if seconds >= 0.05:
            print(f"  {step:<40} {seconds:6.1f} s")


def longest_gap(start: float, marks: list[tuple[float, str]]) -> float:
    """The longest time the progress bar stood still."""
    moments = [start, *(moment for moment, _ in marks)]
    return max((b - a for a, b in zip(moments, moments[1:], strict=False)), default=0.0)


def to_sql(frame: pd.DataFrame, url: str, table: str) -> None:
    """`DataFrame.to_sql` as a notebook calls it: sqlite3 for a file, else an engine."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.split("///", 1)[1]) as conn:
            frame.to_sql(table, conn, index=False, if_exists="replace")
        return
    engine = create_engine(url)
    frame.to_sql(table, engine, index=False, if_exists="replace")
    with engine.begin() as conn:
        conn.execute(text(f"DROP TABLE {table}"))
    engine.dispose()


def time_floor(path: Path, url: str) -> None:
    start = time.perf_counter()
    frame = pd.read_csv(path)
    to_sql(frame, url, "bench_floor")
    print(f"floor (read_csv + to_sql): {time.perf_counter() - start:.1f} s")


def time_notebook(path: Path, url: str) -> None:
    from textblob import TextBlob

    start = time.perf_counter()
    frame = pd.read_csv(path)
    frame["sentiment"] = frame["Comment"].fillna("").map(lambda t: TextBlob(t).sentiment.polarity)
    to_sql(frame, url, "bench_notebook")
    print(f"notebook (read_csv + TextBlob + to_sql): {time.perf_counter() - start:.1f} s")


def survey_bytes(rows: int, distinct: float | None) -> bytes:
    """The demo survey as CSV; with `distinct`, its comments replaced by generated ones of
    which that share is distinct (the demo's own templates repeat a lot), per language."""
    frame = generate_demo_survey(rows, 11)
    if distinct is not None:
        for language in ("tr", "en", "cs"):
            chosen = frame["Comment"].notna() & (frame["Language"] == language)
            frame.loc[chosen, "Comment"] = comments(language, int(chosen.sum()), distinct)
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--baselines", action="store_true")
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    parser.add_argument(
        "--distinct", type=float, help="share of distinct comments (default: the demo's own)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        data = survey_bytes(args.rows, args.distinct)
        path = workdir / "bench.csv"
        path.write_bytes(data)
        print(f"file: {args.rows:,} rows, {len(data) / 1e6:,.0f} MB")
        url = args.db or f"sqlite:///{workdir / 'bench.sqlite'}"
        time_pipeline(data, url)
        if args.baselines:
            baseline_url = args.db or f"sqlite:///{workdir / 'baseline.sqlite'}"
            time_floor(path, baseline_url)
            time_notebook(path, baseline_url)


if __name__ == "__main__":
    main()
