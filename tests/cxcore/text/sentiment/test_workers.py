"""Large batches in worker processes: the same scores as on one core, the progress, the failures."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cxcore import fields as F
from cxcore.text import sentiment
from cxcore.text.sentiment import workers
from tests.cxcore.text.sentiment.comments import learnable_survey

_MIXED = [
    f"{text} ({n})"
    for n in range(12)
    for text in (
        "Kargo çok geç geldi, memnun değilim",
        "Skvělá služba, děkuji moc",
        "The agent was rude and slow",
        "Harika, teşekkürler 👍",
    )
]


_IN_WORKERS = """
import json, sys
from cxcore.text import sentiment
from cxcore.text.sentiment import workers
texts = json.loads(sys.stdin.read())
workers._PARALLEL_MIN = 1_000_000
alone = sentiment.score_texts(texts)
sentiment.clear_cache()
workers._PARALLEL_MIN, workers._CHUNK = 10, 7
fractions, told = [], []
in_workers = sentiment.score_texts(
    texts,
    fractions.append,
    lambda keys, languages, spare: told.append(
        (list(keys), list(languages), len(fractions), spare is not None)
    ),
)
print(json.dumps({
    "alone": alone.to_dict("list"),
    "in_workers": in_workers.to_dict("list"),
    "fractions": fractions,
    "told": told,
}))
"""


def _in_a_fresh_interpreter(script: str, payload: object) -> dict:
    """What `script` prints as JSON, run by a new Python with `payload` as JSON on stdin."""
    run = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[4],
        check=True,
    )
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def test_large_batches_are_scored_in_worker_processes_exactly_as_in_one():
    # Real worker processes (forkserver), chunk by chunk while languages are still being
    # detected: the result must be the one the single-process path gives, in order. Run in
    # a fresh interpreter, as an import runs in the dashboard's or the CLI's process: in
    # this long test session a worker once died at start ("terminated abruptly"), which
    # the import survives by scoring on one core, but which says nothing of this path.
    found = _in_a_fresh_interpreter(_IN_WORKERS, _MIXED)

    assert found["in_workers"] == found["alone"]
    assert set(found["alone"][F.LANGUAGE]) == {"tr", "cs", "en"}
    # 48 texts in chunks of 7: each of the 7 chunks reported when detected and when scored.
    assert found["fractions"] == [k / 14 for k in range(1, 15)]
    # The caller heard every text's language once, after the 7 chunks were detected and
    # before any worker's scores were collected: its own work ran beside the workers.
    keys = [" ".join(t.split()) for t in _MIXED]  # as normalised for scoring
    # With the workers' pool, for work they take up once their scoring is done.
    assert found["told"] == [[keys, found["alone"][F.LANGUAGE], 7, True]]


# Scores the responses on one core first ("alone"), then makes large batches use workers.
_ALONE_FIRST = """
import json, sys
import pandas as pd
from cxcore.text import sentiment
from cxcore.text.sentiment import workers
responses = pd.DataFrame(json.loads(sys.stdin.read()))
def plain(frame):
    return frame.astype(object).where(frame.notna(), None).to_dict("list")
workers._PARALLEL_MIN = 1_000_000
alone = sentiment.score_responses(responses)
sentiment.clear_cache()
workers._PARALLEL_MIN, workers._CHUNK = 10, 40
"""

_RESPONSES_IN_WORKERS = (
    _ALONE_FIRST
    + """messages = []
in_workers = sentiment.score_responses(responses, lambda f, m: messages.append((f, m)))
print(json.dumps({"alone": plain(alone), "in_workers": plain(in_workers), "messages": messages}))
"""
)


def _scored_survey() -> dict[str, list]:
    """Turkish comments that teach a model, with 40 English ones too few to."""
    texts, targets = learnable_survey()
    texts += [f"The agent was rude and slow ({n})" for n in range(40)]
    nps = np.append(np.where(targets == 1, 10, 2), [3] * 40).tolist()
    return {F.COMMENT: texts, F.NPS: nps}


def test_the_model_learns_while_the_workers_score_with_the_same_result():
    # An import's scoring: the lexicon tone in worker processes, the model learning from the
    # survey's scores in the importing process meanwhile. Same scores as one after the
    # other on one core, and the progress bar goes forward through all of it.
    found = _in_a_fresh_interpreter(_RESPONSES_IN_WORKERS, _scored_survey())

    assert found["in_workers"] == found["alone"]
    assert set(found["alone"][F.SENTIMENT_MODEL]) == {"lexicon+learned-tr", "vader+lexicon-en"}
    fractions = [f for f, _m in found["messages"]]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    kinds = ["learn" if m.startswith("Learning") else "tone" for _f, m in found["messages"]]
    # 360 texts in chunks of 40: 9 chunks detected, the 5 parts learned (the first told
    # again as its features are built), 9 chunks collected.
    assert kinds == ["tone"] * 10 + ["learn"] * 7 + ["tone"] * 9


_SCORED_AHEAD = (
    _ALONE_FIRST
    + """import os
early, later = [], []
# As an import does: started on the mapped comments (one of them with outer blanks the
# checks strip), collected after the rows were checked.
mapped = [f"  {c}  " if i == 3 else c for i, c in enumerate(responses["comment"])]
with sentiment.score_ahead(mapped, early.append) as ahead:
    priority = ahead.pool.submit(os.nice, 0).result()
    preloaded = ahead.pool.submit(eval, "'sklearn.linear_model' in __import__('sys').modules")
    started = len(ahead.keys)
    ahead_scored = sentiment.score_responses(responses, lambda f, m: later.append((f, m)), ahead)
print(json.dumps({
    "alone": plain(alone), "ahead": plain(ahead_scored), "early": early, "later": later,
    "started": started, "priority": priority, "cache": sentiment.cache_info(),
    "preloaded": preloaded.result(),
}))
"""
)


def test_comments_scored_ahead_while_rows_are_checked_give_the_same_result():
    # An import starts the tone in worker processes as soon as the columns are mapped and
    # collects it after checking and tagging the rows on its own core: the same scores as
    # all at once, each distinct comment scored once, the detection reported when started.
    texts = _scored_survey()[F.COMMENT]
    found = _in_a_fresh_interpreter(_SCORED_AHEAD, _scored_survey())

    assert found["ahead"] == found["alone"]
    assert found["started"] == len(set(texts))
    # 360 texts in chunks of 40: the bar shown before the comments' keys are made, then the
    # 9 chunks detected while starting, up to half the bar
    assert found["early"] == [0.0, *(k / 18 for k in range(1, 10))]
    kinds = ["learn" if m.startswith("Learning") else "tone" for _f, m in found["later"]]
    # ...and afterwards only the learning and the 9 chunks collected, nothing detected again.
    assert kinds == ["tone"] + ["learn"] * 7 + ["tone"] * 9
    fractions = [f for f, _m in found["later"]]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    # Scored ahead once: the texts the collection asked for were not scored a second time.
    assert found["cache"]["size"] == len(set(texts))
    # The workers give way to the importing process (its steps are the critical path).
    assert found["priority"] >= 10
    # A worker handed a language to learn finds scikit-learn imported by its fork server.
    assert found["preloaded"] is True


_EARLY_START = """
import json, os, sys
from pathlib import Path
from cxcore.text import sentiment

def servers():
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                line = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid() and b"forkserver" in line:
                found.append(int(entry.name))
    return found

sentiment.start_workers_early(1_000)  # a small file: no process
small = servers()
sentiment.start_workers_early(1_000_000)
large = servers()
sentiment.start_workers_early(1_000_000)  # started once
print(json.dumps({"small": small, "large": large, "again": servers()}))
"""


def test_the_workers_server_starts_early_only_for_a_large_batch_and_once():
    found = _in_a_fresh_interpreter(_EARLY_START, None)
    assert found["small"] == []
    assert len(found["large"]) == 1 and found["again"] == found["large"]


def test_a_text_the_scoring_ahead_did_not_start_is_scored_when_collected(monkeypatch):
    monkeypatch.setattr(workers, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "_CHUNK", 7)
    sentiment.clear_cache()
    alone = sentiment.score_texts([*_MIXED, "Berbat bir deneyim"])
    sentiment.clear_cache()
    told = []

    with sentiment.score_ahead(_MIXED) as ahead:
        scored = sentiment.score_texts(
            [*_MIXED, "Berbat bir deneyim"],
            meanwhile=lambda _keys, langs, spare: told.append((list(langs), spare is not None)),
            ahead=ahead,
        )
    sentiment.clear_cache()

    pd.testing.assert_frame_equal(scored, alone)
    assert told == [(alone[F.LANGUAGE].tolist(), True)]  # every language, once, with the pool


def test_scoring_ahead_starts_nothing_for_a_small_batch_or_no_comments():
    sentiment.clear_cache()
    for texts in (None, [], _MIXED):  # 48 texts: below what is worth other processes
        with sentiment.score_ahead(texts) as ahead:
            assert ahead.keys == [] and ahead.pool is None
    scored = sentiment.score_texts(_MIXED, ahead=ahead)
    sentiment.clear_cache()
    assert scored[F.SENTIMENT].notna().all()


# As _RESPONSES_IN_WORKERS, with the tone scored ahead and done before the learning starts:
# a worker is handed a language only once no tone chunk is pending (with chunks still being
# scored, this process learns every language itself).
_TONE_DONE_FIRST = _RESPONSES_IN_WORKERS.replace(
    "in_workers = sentiment.score_responses(responses, lambda f, m: messages.append((f, m)))",
    """import time
with sentiment.score_ahead(responses["comment"].tolist()) as ahead:
    while ahead.pool.busy():
        time.sleep(0.05)
    in_workers = sentiment.score_responses(
        responses, lambda f, m: messages.append((f, m)), ahead=ahead
    )""",
)


def test_a_second_language_is_learned_by_a_worker_with_the_same_result():
    # Two languages with enough scored comments: the larger is learned in the importing
    # process, the other by a worker once its tone chunks are done, side by side.
    texts, targets = learnable_survey()
    english = [
        ("Great service, the agent solved it fast ({})", 10),
        ("Terrible support, the agent was rude and slow ({})", 1),
    ]
    for n in range(240):
        template, score = english[n % 2]
        texts.append(template.format(n))
        targets = np.append(targets, 1.0 if score > 5 else 0.0)
    nps = np.where(targets == 1, 10, 2).tolist()
    assert "score_ahead" in _TONE_DONE_FIRST
    found = _in_a_fresh_interpreter(_TONE_DONE_FIRST, {F.COMMENT: texts, F.NPS: nps})

    assert found["in_workers"] == found["alone"]
    assert {"lexicon+learned-tr", "lexicon+learned-en"} <= set(found["alone"][F.SENTIMENT_MODEL])
    learning = [m for _f, m in found["messages"] if m.startswith("Learning")]
    # Turkish (320 comments) here, part by part; English (240) in the worker.
    assert learning[:-1] == [
        f"Learning from the survey's scores (tr, part {k} of 5)" for k in (1, 1, 1, 2, 3, 4, 5)
    ]
    assert learning[-1] == "Learning from the survey's scores (en)"
    fractions = [f for f, _m in found["messages"]]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)


def test_an_error_of_the_work_done_meanwhile_is_raised_once(monkeypatch):
    monkeypatch.setattr(workers, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "_CHUNK", 7)
    sentiment.clear_cache()
    calls = []

    def fails(keys, languages, spare):
        calls.append(languages)
        raise RuntimeError("the model could not learn")  # also what a broken pool raises

    with pytest.raises(RuntimeError, match="could not learn"):
        sentiment.score_texts(_MIXED, meanwhile=fails)
    sentiment.clear_cache()
    assert len(calls) == 1  # not retried on one core as if the workers had failed


def test_workers_dying_after_the_languages_were_told_still_give_every_score(monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    def dies(_pending, _progress):  # what collecting raises when a worker was killed
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    sentiment.clear_cache()
    alone = sentiment.score_texts(_MIXED)
    monkeypatch.setattr(workers, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "_CHUNK", 7)
    monkeypatch.setattr(workers, "_collect", dies)
    sentiment.clear_cache()
    told = []
    scored = sentiment.score_texts(
        _MIXED, meanwhile=lambda _keys, langs, _spare: told.append(list(langs))
    )
    sentiment.clear_cache()

    assert len(told) == 1 and told[0] == alone[F.LANGUAGE].tolist()
    pd.testing.assert_frame_equal(scored, alone)


def test_a_host_that_cannot_start_processes_still_gets_scores(monkeypatch):
    def no_processes(*_args, **_kwargs):  # as on hosts without POSIX semaphores
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(workers, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "ProcessPoolExecutor", no_processes)
    sentiment.clear_cache()
    scored = sentiment.score_texts(_MIXED)
    sentiment.clear_cache()

    assert scored[F.SENTIMENT].notna().all()
    assert (scored[F.SENTIMENT].iloc[:4] * [-1, 1, -1, 1] > 0).all()


def test_large_batches_use_the_workers_after_a_dashboard_page_has_run(tmp_path, monkeypatch):
    # In the dashboard an import runs inside a Streamlit page run, which leaves the page as
    # `__main__`: worker processes must not run that script again (it ended them, and the
    # import fell back to one core).
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CX_DATABASE_URL", f"sqlite:///{tmp_path / 'cx.sqlite'}")
    AppTest.from_file(str(Path(__file__).resolve().parents[4] / "app.py")).run(timeout=60)
    assert getattr(sys.modules["__main__"], "__file__", "").endswith("app.py")
    monkeypatch.setattr(workers, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "_CHUNK", 7)
    sentiment.clear_cache()
    fractions: list[float] = []
    scored = sentiment.score_texts(_MIXED, fractions.append)
    sentiment.clear_cache()

    assert fractions == [k / 14 for k in range(1, 15)]  # every chunk scored by a worker
    assert scored[F.SENTIMENT].notna().all()
    assert getattr(sys.modules["__main__"], "__file__", "").endswith("app.py")  # put back


def _descendants(root: int) -> dict[int, int]:
    """{pid: parent pid} of every process below `root` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:
            continue
        if stat:
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: dict[int, int] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, its_parent in parents.items():
            if its_parent == parent and pid not in found:
                found[pid] = parent
                frontier.append(pid)
    return found


def _running(pid: int) -> bool:
    """Whether `pid` is a process that has not ended (a zombie has)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_the_scoring_workers_end_when_the_import_is_killed(tmp_path):
    # A worker's parent is the fork server, not the import: after `kill -9` of the import
    # the workers (and the server they kept alive) ran for as long as anyone let them.
    phrases = ("Kargo {n} gün geç geldi", "Objednávka {n} přišla pozdě", "Order {n} was late")
    lines = ["response_id,nps,comment"] + [
        f"R{n},{n % 11},{phrases[n % 3].format(n=n)}" for n in range(60_000)
    ]
    survey = tmp_path / "large.csv"
    survey.write_text("\n".join(lines), encoding="utf-8")
    root = Path(__file__).resolve().parents[4]
    importer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cxcore",
            "import",
            str(survey),
            "--db",
            str(tmp_path / "cx.sqlite"),
        ],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    below: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and importer.poll() is None:
            below = _descendants(importer.pid)
            if sum(parent != importer.pid for parent in below.values()) >= 2:
                break  # the fork server has started its workers: scoring is under way
            time.sleep(0.1)
        assert importer.poll() is None, "the import ended before its workers were seen"
        importer.kill()  # SIGKILL: nothing of the import's own code runs
        importer.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_running(pid) for pid in below):
            time.sleep(0.1)
        assert [pid for pid in below if _running(pid)] == []
    finally:
        if importer.poll() is None:
            importer.kill()
        for pid in below:  # what this test started and did not end by itself
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
