"""Time stage reports over a large database: each format, for the whole journey and one stage.

    .venv/bin/python bench/bench_reports.py --rows 100000 [--db PATH]

Builds a database of `--rows` demo responses (through the real import pipeline; reused
when --db names one that already holds them), then times reading, building and writing a
report of every stage ("all") and of the busiest stage in XLSX, PDF, HTML and CSV.
Prints wall-clock and CPU seconds: on a shared machine the wall clock also counts the
time other processes held the cores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import db  # noqa: E402
from cxcore import reports  # noqa: E402
from cxcore.filters import Filters  # noqa: E402
from cxcore.ingest import pipeline  # noqa: E402
from cxcore.text.taxonomy import load_taxonomy  # noqa: E402


def time_report(engine, stage: str, fmt: str) -> tuple[float, float, int, int]:
    """Seconds (wall, CPU) from the database to the file's bytes, responses and file size."""
    start, cpu = time.perf_counter(), time.process_time()
    filters = Filters()
    chosen = filters if stage == reports.ALL else replace(filters, stages=(stage,))
    responses = db.responses_frame(engine, chosen, columns=reports.RESPONSE_COLUMNS)
    report = reports.build_report(
        db.stage_summary(engine, filters), responses, load_taxonomy(), filters, stage, "tr"
    )
    data = reports.write_report(report, fmt)
    return time.perf_counter() - start, time.process_time() - cpu, len(responses), len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", help="SQLite file to build (or reuse); default a temporary one")
    args = parser.parse_args()
    path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench.sqlite"
    engine = db.get_engine(path)
    stored = int(db.data_version(engine).split(":")[1])
    if stored < args.rows:
        start = time.perf_counter()
        pipeline.load_demo(engine, rows=args.rows)
        print(f"built {args.rows:,} responses in {time.perf_counter() - start:.1f} s")
    summary = db.stage_summary(engine)
    busiest = str(summary.sort_values("n", ascending=False)["stage"].iloc[0])
    for fmt in reports.FORMATS:  # warm imports (matplotlib, fonts) before timing
        time_report(engine, busiest, fmt)
    print(f"{'report':<10} {'format':<6} {'responses':>10} {'wall s':>7} {'CPU s':>7} {'size':>9}")
    for stage in (reports.ALL, busiest):
        for fmt in reports.FORMATS:
            wall, cpu, n, size = time_report(engine, stage, fmt)
            print(f"{stage:<10} {fmt:<6} {n:>10,} {wall:>7.1f} {cpu:>7.1f} {size / 1e6:>6.1f} MB")


if __name__ == "__main__":
    main()
