"""Wide survey files: how long mapping suggestion and a whole import take per column.

    .venv/bin/python bench/wide_files.py [--columns 5000 16000] [--rows 100] [--import 2000x1000]

Times `suggest_mapping` on tables of N columns (question text headers, 0–10 scores, yes/no
answers, short texts and dates, as a long Qualtrics export holds), built in memory so that
widths past the import's column limit can still be timed; then, for each --import
COLUMNSxROWS, the whole import of such a CSV into a new SQLite file. Figures are in
docs/benchmarks.md ("Wide files").
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

import db  # noqa: E402
from cxcore.ingest import pipeline  # noqa: E402
from cxcore.ingest.reading import SurveyTable  # noqa: E402
from cxcore.ingest.suggestion import suggest_mapping  # noqa: E402

_ANSWERS = ("yes", "no", "maybe")


def wide_rows(columns: int, rows: int) -> list[list[str]]:
    """A header and `rows` responses of `columns` columns (the first three mappable)."""
    header = ["response_id", "nps", "comment"] + [
        f"Q{i} How did you find part {i} of the visit" for i in range(columns - 3)
    ]
    body = []
    for r in range(rows):
        row = [f"R{r}", str(r % 11), f"The delivery number {r} was late and the agent slow"]
        for i in range(columns - 3):
            kind = i % 4
            row.append(
                str((r * 7 + i) % 11)
                if kind == 0
                else _ANSWERS[(r + i) % 3]
                if kind == 1
                else f"answer {r} words here ok"
                if kind == 2
                else f"2026-01-0{1 + r % 9}"
            )
        body.append(row)
    return [header, *body]


def time_mapping(columns: int, rows: int) -> tuple[float, float]:
    """Seconds `suggest_mapping` takes on a table of `columns` × `rows`: wall clock, and the
    CPU this process used (less sensitive to a machine others share)."""
    header, *body = wide_rows(columns, rows)
    frame = pd.DataFrame(body, columns=header, dtype=object)
    numbers = pd.Series(range(2, 2 + rows), dtype="int64")
    table = SurveyTable(frame, numbers, "plain", {}, "utf-8", ",", None)
    start, cpu = time.perf_counter(), time.process_time()
    mapping = suggest_mapping(table)
    elapsed = time.perf_counter() - start, time.process_time() - cpu
    assert mapping == {"response_id": "response_id", "nps": "nps", "comment": "comment"}, mapping
    return elapsed


def time_import(columns: int, rows: int) -> tuple[float, float]:
    """Seconds the whole import of a `columns` × `rows` CSV takes into a new SQLite file:
    wall clock, and this process's CPU (scoring workers not counted)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(wide_rows(columns, rows))
    data = buffer.getvalue().encode()
    with tempfile.TemporaryDirectory() as folder:
        engine = db.get_engine(f"sqlite:///{folder}/cx.sqlite")
        pipeline.install_keys(engine)
        start, cpu = time.perf_counter(), time.process_time()
        summary = pipeline.import_file(data, "wide.csv", engine=engine)
        elapsed = time.perf_counter() - start, time.process_time() - cpu
        engine.dispose()
    assert summary.accepted == rows
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--columns", type=int, nargs="*", default=[5000, 16000])
    parser.add_argument("--rows", type=int, default=100)
    parser.add_argument("--import", dest="imports", nargs="*", default=["2000x1000"])
    args = parser.parse_args()
    for columns in args.columns:
        wall, cpu = time_mapping(columns, args.rows)
        print(
            f"suggest_mapping, {columns:,} columns x {args.rows} rows: {wall:.2f} s, "
            f"CPU {cpu:.2f} s ({1000 * cpu / columns:.2f} ms a column)"
        )
    for shape in args.imports:
        columns, rows = (int(part) for part in shape.split("x"))
        wall, cpu = time_import(columns, rows)
        print(f"import, {columns:,} columns x {rows:,} rows: {wall:.1f} s, CPU {cpu:.1f} s")


if __name__ == "__main__":
    main()
