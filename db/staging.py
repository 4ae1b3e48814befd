"""Staging folders of large SQLite loads: making one, and removing those a crash left.

A load writes its rows to `cx-import-<pid>-*` beside the database and deletes the folder
when done; a process killed meanwhile (`kill -9`, a power cut) leaves it (60 MB at 300k
rows). The next process to open the database removes every such folder that is older than
itself and whose process is gone.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

__all__ = ["PREFIX", "make_staging_folder", "remove_stale_staging"]

PREFIX = "cx-import-"
_OWNED = re.compile(rf"^{PREFIX}(\d+)-")


def make_staging_folder(parent: str | None) -> Path:
    """A new staging folder in `parent` (None: the system's), named after this process."""
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=parent))


def _started(pid: int) -> float | None:
    """When process `pid` started (seconds since the epoch), None when unknown or gone."""
    try:
        ticks = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
    except (OSError, ValueError, IndexError, StopIteration):
        return None
    return boot + ticks / os.sysconf("SC_CLK_TCK")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _held(folder: Path, made: float) -> bool:
    """True when the process named in `folder` still runs and is the one that made it."""
    owner = _OWNED.match(folder.name)
    if owner is None:  # made before folders carried their process: nobody can hold it now
        return False
    pid = int(owner.group(1))
    if not _alive(pid):
        return False
    started = _started(pid)
    return started is None or started <= made + 1  # a later process reusing the pid: stale


def remove_stale_staging(parent: Path) -> list[Path]:
    """Remove the staging folders in `parent` a crashed load left; the ones removed."""
    me = _started(os.getpid()) or time.time()
    removed = []
    try:
        found = [p for p in parent.iterdir() if p.name.startswith(PREFIX) and p.is_dir()]
    except OSError:
        return []
    for folder in found:
        try:
            made = folder.stat().st_mtime
        except OSError:
            continue
        if made < me and not _held(folder, made):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
