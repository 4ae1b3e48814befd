"""Worker processes that score the tone of large batches while this process goes on.

Languages are detected here, chunk by chunk; each chunk's scoring goes to a pool of
processes started from a fork server, which stays usable for learning a language once
the tone is scored (`_Spare`). Each worker ends when the process that started the import
is gone, even killed (`_watch_parent`).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from typing import Any

from cxcore.text.sentiment.rules import _detect, _joined, _score_chunk

__all__ = ["ScoringAhead", "start_workers_early"]

_PARALLEL_MIN = 50_000  # distinct new texts before a batch is worth other processes
_CHUNK = 20_000
# How often a worker looks whether the importing process is still there.
_PARENT_POLL_S = 0.5
# What worker processes start with, imported once by the process they fork from: the
# tone rules, the learning, and scikit-learn's parts a worker learning a language needs.
_WORKER_MODULES = [
    "cxcore.text.sentiment.rules",
    "cxcore.text.sentiment.learned",
    "sklearn.feature_extraction.text",
    "sklearn.linear_model",
]


class ScoringAhead:
    """Distinct comments whose tone worker processes score while this process goes on.

    Made by `score_ahead` (or `_score_new`); `collect` gives the scores. Leaving it as a
    context manager ends the workers, cancelling what is left (an error on the way).
    Batches too small for other processes, and hosts that cannot start them, start
    nothing: their comments are scored when asked for, on one core.
    """

    def __init__(self) -> None:
        self._stack = ExitStack()
        self.keys: list[str] = []  # normalised distinct texts handed to the workers
        self.languages: list[str] = []  # each key's language, known once started
        self.pool: Executor | None = None
        self._pending: list[Future[list[tuple[float, str]]]] = []
        # Each text `score_ahead` was given, normalised: collecting needs not do it again.
        self.normalized: dict[str, str] = {}

    def __enter__(self) -> ScoringAhead:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stack.close()

    def start(self, keys: list[str], progress: Callable[[float], None]) -> bool:
        """Detect the languages of `keys` here and hand their scoring to workers; False when
        the batch is too small or the host cannot run them (nothing started)."""
        workers = min(os.cpu_count() or 1, 8)
        if len(keys) < _PARALLEL_MIN or workers < 2:
            return False
        started = _start_workers(keys, workers, progress, self._stack)
        if started is None:
            return False
        self.keys = keys
        self.languages, self._pending, self.pool = started
        return True

    def collect(self, progress: Callable[[float], None]) -> list[tuple[str, float, str]]:
        """(language, polarity, model) of each key in order, scored here where the
        workers could not (one was killed, say)."""
        try:
            scores = _collect(self._pending, progress)
        except (BrokenProcessPool, RuntimeError, OSError):
            scores = _score_chunk(list(zip(self.keys, self.languages, strict=True)))
        return _joined(self.languages, scores)


def _start_workers(
    keys: list[str], workers: int, progress: Callable[[float], None], stack: ExitStack
) -> tuple[list[str], list[Future[list[tuple[float, str]]]], Executor] | None:
    """Detect the languages chunk by chunk, handing each chunk to `workers` processes.

    Returns (languages, the chunks' pending scores, the pool), or None when the host
    cannot run the processes. The pool lives as long as `stack`, which cancels what is
    left on an error. `progress` hears of each chunk detected here and each chunk
    collected (`_collect`).
    """
    context = _worker_context()
    languages: list[str] = []
    pending: list[Future[list[tuple[float, str]]]] = []
    chunks = math.ceil(len(keys) / _CHUNK)
    try:
        # Worker processes start as chunks are submitted, all of them within this block.
        with _bare_main():
            pool = ProcessPoolExecutor(
                workers, mp_context=context, initializer=_in_background, initargs=(os.getpid(),)
            )
            stack.callback(pool.shutdown, wait=True, cancel_futures=True)
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                detected = _detect(chunk)
                languages += detected
                pending.append(pool.submit(_score_chunk, list(zip(chunk, detected, strict=True))))
                progress(len(pending) / (2 * chunks))
    except (BrokenProcessPool, RuntimeError, OSError):
        return None  # a host that cannot start processes still gets scores, on one core
    return languages, pending, _Spare(pool, pending)


class _Spare(Executor):
    """The scoring workers' pool, `busy` while tone chunks are still pending.

    Work handed over meanwhile would share a core with the last chunks at the workers'
    lower priority and finish long after this process's own (`_Handover` waits until the
    pool is not busy).
    """

    def __init__(self, pool: Executor, pending: list[Future[list[tuple[float, str]]]]) -> None:
        self._pool, self._pending = pool, pending

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._pool.submit(fn, *args, **kwargs)

    def busy(self) -> bool:
        return not all(future.done() for future in self._pending)


def start_workers_early(distinct_texts: int) -> None:
    """Start the process scoring workers are forked from, for a batch of about
    `distinct_texts` new comments that will need them (see `_PARALLEL_MIN`).

    It imports the sentiment modules, numpy and pandas once (a second or two) while the
    caller goes on reading and mapping the file on this core; otherwise the first worker
    waited for it.
    """
    if distinct_texts < _PARALLEL_MIN or (os.cpu_count() or 1) < 2:
        return
    from multiprocessing import forkserver

    _worker_context()
    try:
        with _bare_main():  # the server would run the main script first (see there)
            forkserver.ensure_running()
    except OSError:  # a host that cannot start processes: scored on one core later
        pass


def _worker_context() -> Any:
    """The multiprocessing context scoring workers start from: a fork server that has
    imported _WORKER_MODULES. Not fork(): the parent runs lingua's threads, and fork() with
    threads can hang."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_WORKER_MODULES)
    return context


def _in_background(importer: int) -> None:
    """A worker yields the CPU to the importing process, whose steps (checking, tagging,
    learning, storing) are the import's critical path: the workers take what is left; and
    it ends when the importer `importer` (its process id) is gone."""
    try:
        os.nice(10)
    except OSError:  # not allowed here: the same work at the same priority
        pass
    _watch_parent(importer)


def _watch_parent(importer: int) -> None:
    """End this worker as soon as process `importer` is gone.

    A worker's parent is the fork server, not the importer, and after `kill -9` of the
    importer nothing told the workers: each waited on its queue for ever (150 MB each),
    and kept the fork server alive (its last user gone, it ends by itself). A thread polls
    the importer's process id: an exit in the middle of a chunk loses nothing, the importer
    that wanted it is gone.
    """

    def watch() -> None:
        while _alive(importer):
            time.sleep(_PARENT_POLL_S)
        os._exit(0)

    threading.Thread(target=watch, name="cx-watch-importer", daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie left for its parent to reap does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True  # no /proc here: the signal check said it runs


def _collect(
    pending: list[Future[list[tuple[float, str]]]], progress: Callable[[float], None]
) -> list[tuple[float, str]]:
    """The workers' scores, chunk by chunk in order (the second half of the progress)."""
    scores: list[tuple[float, str]] = []
    for position, done in enumerate(pending, start=len(pending) + 1):
        scores += done.result()
        progress(position / (2 * len(pending)))
    return scores


@contextmanager
def _bare_main() -> Iterator[None]:
    """`__main__` as an empty module while worker processes start.

    multiprocessing runs the main script again in each new worker when `__main__` has a
    file. In the dashboard `__main__` is the Streamlit page being run: run again in a
    worker, it ends the worker ("terminated abruptly"), and the dashboard's large imports
    would be scored on one core.
    """
    real = sys.modules.get("__main__")
    bare = types.ModuleType("__main__")
    sys.modules["__main__"] = bare
    try:
        yield
    finally:
        if real is not None and sys.modules.get("__main__") is bare:
            sys.modules["__main__"] = real  # unless a page run has set its own meanwhile
