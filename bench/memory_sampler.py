"""The memory of a process and the processes below it, sampled from outside it.

    python bench/memory_sampler.py PID    # until a line comes on stdin: "peak_MB at"

Used by bench/import_speed.py (`FamilyPeak`). The standard library only: the sampler
starts in a blink, beside the import it measures, and takes none of its GIL.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path


def _family(root: int) -> list[int]:
    """`root` and every process below it (the scoring workers and their forkserver)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    family, found = [root], True
    while found:
        found = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.append(pid)
                found = True
    return family


def family_mb(root: int, leaving_out: int | None = None) -> float:
    """Memory of `root` and its workers together, in MB: the sum of their proportional
    set sizes (pages shared with the forkserver are counted once, not per worker)."""
    total = 0
    for pid in _family(root):
        if pid == leaving_out:  # the sampler itself
            continue
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1))
    return total / 1024


class FamilyPeak:
    """Samples `family_mb` of this process (or of `root`) every 0.5 s from another process;
    `.peak` in MB, `.peak_at` its `time.time()`.

    Not from a thread of this process: reading /proc in Python there holds the GIL the
    import being measured needs; and from a script that imports nothing more, which
    starts beside the import without taking a core from it for seconds. Not more often:
    each sample walks the page tables of 2 GB (about 10 ms of kernel time).
    """

    def __init__(self, root: int | None = None) -> None:
        self.root = root or os.getpid()  # another process: a Streamlit server, say
        self.peak = 0.0
        self.peak_at = 0.0
        self._sampler: subprocess.Popen[str] | None = None

    def __enter__(self) -> FamilyPeak:
        self._sampler = subprocess.Popen(
            [sys.executable, __file__, str(self.root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        return self

    def __exit__(self, *_exc: object) -> None:
        assert self._sampler is not None
        out, _ = self._sampler.communicate("stop\n")
        values = out.split()
        if self._sampler.returncode or len(values) != 2:
            raise RuntimeError(
                f"the memory sampler failed (exit {self._sampler.returncode}, said {out!r})"
            )
        self.peak, self.peak_at = (float(value) for value in values)


def sample_family(root: int) -> None:
    """The sampler's loop: until a line comes on stdin, then print the peak and its time."""
    peak, at = 0.0, 0.0
    while not select.select([sys.stdin], [], [], 0.5)[0]:
        now = family_mb(root, leaving_out=os.getpid())
        if now > peak:
            peak, at = now, time.time()
    print(peak, at)


if __name__ == "__main__":
    sample_family(int(sys.argv[1]))
