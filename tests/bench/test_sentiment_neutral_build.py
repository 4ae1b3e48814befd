"""The neutral model's training text and file (issue 21, round seven): every labelled row of
a service file, neutral as 1, one copy of each comment, no evaluation text; the file keeps
its threshold across rebuilds and reads back. Small files written here."""

from __future__ import annotations

import pandas as pd

from bench import sentiment_neutral_build as neutral_build
from bench import sentiment_sets
from cxcore.text.sentiment import neutral


def _write(path, rows: list[tuple[str, str, str]]):
    frame = pd.DataFrame(rows, columns=["language", "comment", "sentiment"])
    frame.insert(0, "id", range(1, len(frame) + 1))
    frame.to_csv(path, index=False)
    return path


def test_rows_hold_every_label_with_neutral_as_one(tmp_path):
    first = _write(
        tmp_path / "a.csv",
        [
            ("tr", "Hat yine koptu", "negative"),
            ("tr", "Faturam ne zaman gelir?", "neutral"),
            ("tr", "Kurulum hızlıydı", "positive"),
            ("cs", "Tento text je v evaluaci", "neutral"),
        ],
    )
    second = _write(tmp_path / "b.csv", [("tr", "faturam NE zaman gelir?", "neutral")])
    exclude = frozenset({sentiment_sets.text_key("Tento text je v evaluaci")})

    found = neutral_build.service_rows((first, second), exclude)

    assert found["tr"]["a.csv"] == (
        ["Hat yine koptu", "Faturam ne zaman gelir?", "Kurulum hızlıydı"],
        [0, 1, 0],
    )
    assert found["tr"]["b.csv"] == ([], [])  # a copy of a.csv's row: the first file keeps it
    assert found["cs"]["a.csv"] == ([], [])


def test_the_file_keeps_its_threshold_and_reads_back(tmp_path, monkeypatch):
    monkeypatch.setattr(neutral_build, "NEUTRAL_DIR", tmp_path)
    texts = [f"ne zaman gelir {n}" for n in range(6)] + [f"hat koptu rezalet {n}" for n in range(6)]
    rows = {"tr": {"a.csv": (texts, [1] * 6 + [0] * 6)}}
    model = neutral_build.models(rows)["tr"]
    path = neutral_build.write("tr", model, rows)
    first = neutral.read_neutral(path, "tr")
    assert first.threshold == 1  # a new file is off until the grid chooses
    assert first.max_words == 4
    path.write_text(path.read_text().replace("neutral_from: 1", "neutral_from: 0.7"))
    neutral_build.write("tr", model, rows)
    again = neutral.read_neutral(path, "tr")
    assert again.threshold == 0.7
    keys = {"zaman": None, "gelir": None}
    assert again.probability(keys) > 0.5 > again.probability({"rezalet": None, "koptu": None})
